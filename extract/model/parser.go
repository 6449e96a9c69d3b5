package model

// Parser gives each word its head and dependency label. It is a greedy arc-hybrid
// transition parser (Kuhlmann, Gómez-Rodríguez and Satta 2011) with the root at the end of
// the buffer, trained with a dynamic oracle (Goldberg and Nivre 2013); a second linear
// model labels each arc when it is made.
type Parser struct {
	moves     *Linear // shift, left, right
	labels    *Linear // dependency labels
	labelHash []uint64
}

// The transitions.
const (
	shift = iota
	left  // s0 gets the first word of the buffer as its head
	right // s0 gets s1 as its head
	nMoves
)

var moveNames = []string{"shift", "left", "right"}

// Tree is a parse: for each word its head (-1 for the root) and label.
type Tree struct {
	Heads  []int
	Labels []uint8
}

// state is a parser configuration over n words; word n is the root.
type state struct {
	n             int
	stack         []int
	b             int
	heads         []int
	labels        []uint8
	lc1, lc2      []int // leftmost and second leftmost children
	rc1, rc2      []int // rightmost and second rightmost children
	nl, nr        []uint8
	ws            []wordInfo
	tags          []uint64 // tag hashes, with the root's at n
	words         []uint64 // word hashes, with the root's at n
	labelOf       []uint64 // label hashes of each word's arc, once made
	featBuf       []feature
	labelFeatsBuf []feature
}

func newState(ws []wordInfo, tags []Tag, st *state) *state {
	n := len(ws)
	if st == nil {
		st = &state{}
	}
	st.n = n
	st.stack = st.stack[:0]
	st.b = 0
	st.ws = ws
	grow := func(s []int) []int {
		if cap(s) < n+1 {
			s = make([]int, n+1)
		}
		s = s[:n+1]
		for i := range s {
			s[i] = -1
		}
		return s
	}
	st.heads = grow(st.heads)
	for i := range st.heads {
		st.heads[i] = -2
	}
	st.lc1, st.lc2, st.rc1, st.rc2 = grow(st.lc1), grow(st.lc2), grow(st.rc1), grow(st.rc2)
	if cap(st.nl) < n+1 {
		st.nl, st.nr, st.labels = make([]uint8, n+1), make([]uint8, n+1), make([]uint8, n+1)
		st.tags, st.words, st.labelOf = make([]uint64, n+1), make([]uint64, n+1), make([]uint64, n+1)
	}
	st.nl, st.nr, st.labels = st.nl[:n+1], st.nr[:n+1], st.labels[:n+1]
	st.tags, st.words, st.labelOf = st.tags[:n+1], st.words[:n+1], st.labelOf[:n+1]
	clear(st.nl)
	clear(st.nr)
	clear(st.labels)
	clear(st.labelOf)
	for i := 0; i < n; i++ {
		st.tags[i] = uint64(tags[i]) + 1
		st.words[i] = ws[i].lower
	}
	st.tags[n], st.words[n] = 99, 99
	return st
}

func (st *state) done() bool { return len(st.stack) == 0 && st.b >= st.n }

func (st *state) valid(m int) bool {
	switch m {
	case shift:
		return st.b < st.n
	case left:
		return len(st.stack) >= 1 && (st.b < st.n || len(st.stack) == 1)
	case right:
		return len(st.stack) >= 2
	}
	return false
}

// forced returns the only valid move, or -1 if there is a choice: with an empty stack the
// parser can only shift, and with the buffer at the root it can only reduce, so those
// moves are made without scoring (the scores could not change them).
func (st *state) forced() int {
	m, n := -1, 0
	for c := 0; c < nMoves; c++ {
		if st.valid(c) {
			m, n = c, n+1
		}
	}
	if n == 1 {
		return m
	}
	return -1
}

// arc makes h the head of d with label l.
func (st *state) arc(h, d int, l uint8, lh uint64) {
	st.heads[d] = h
	st.labels[d] = l
	st.labelOf[d] = lh
	if d < h {
		st.nl[h]++
		switch {
		case st.lc1[h] < 0 || d < st.lc1[h]:
			st.lc2[h] = st.lc1[h]
			st.lc1[h] = d
		case st.lc2[h] < 0 || d < st.lc2[h]:
			st.lc2[h] = d
		}
	} else {
		st.nr[h]++
		switch {
		case st.rc1[h] < 0 || d > st.rc1[h]:
			st.rc2[h] = st.rc1[h]
			st.rc1[h] = d
		case st.rc2[h] < 0 || d > st.rc2[h]:
			st.rc2[h] = d
		}
	}
}

// pair returns the head and dependent the move would join.
func (st *state) pair(m int) (h, d int) {
	s0 := st.stack[len(st.stack)-1]
	if m == left {
		return st.b, s0
	}
	return st.stack[len(st.stack)-2], s0
}

func (st *state) apply(m int, l uint8, lh uint64) {
	switch m {
	case shift:
		st.stack = append(st.stack, st.b)
		st.b++
	case left, right:
		h, d := st.pair(m)
		st.arc(h, d, l, lh)
		st.stack = st.stack[:len(st.stack)-1]
	}
}

// word hash, tag hash and label hash of position k, or of nothing.
func (st *state) w(k int) uint64 {
	if k < 0 {
		return 0
	}
	return st.words[k]
}

func (st *state) t(k int) uint64 {
	if k < 0 {
		return 0
	}
	return st.tags[k]
}

func (st *state) l(k int) uint64 {
	if k < 0 {
		return 0
	}
	return st.labelOf[k]
}

func (st *state) s(i int) int {
	if i < len(st.stack) {
		return st.stack[len(st.stack)-1-i]
	}
	return -1
}

func (st *state) buf(i int) int {
	if st.b+i <= st.n {
		return st.b + i
	}
	return -1
}

func child(a []int, k int) int {
	if k < 0 {
		return -1
	}
	return a[k]
}

func valency(a []uint8, k int) uint64 {
	if k < 0 {
		return 0
	}
	return uint64(a[k]) + 1
}

func dist(a, b int) uint64 {
	if a < 0 || b < 0 {
		return 0
	}
	d := b - a
	if d < 0 {
		d = -d
	}
	if d > 5 {
		if d < 10 {
			d = 6
		} else {
			d = 7
		}
	}
	return uint64(d) + 1
}

// features of the configuration, for choosing the move (after Zhang and Nivre 2011).
func (st *state) features() []feature {
	s0, s1, s2 := st.s(0), st.s(1), st.s(2)
	n0, n1, n2 := st.buf(0), st.buf(1), st.buf(2)
	s0l1, s0l2, s0r1, s0r2 := child(st.lc1, s0), child(st.lc2, s0), child(st.rc1, s0), child(st.rc2, s0)
	s1r1, s1l1 := child(st.rc1, s1), child(st.lc1, s1)
	n0l1, n0l2 := child(st.lc1, n0), child(st.lc2, n0)
	W, T, L := st.w, st.t, st.l
	d := dist(s0, n0)
	d1 := dist(s1, s0)
	depth := uint64(len(st.stack))
	if depth > 4 {
		depth = 4
	}
	f := st.featBuf[:0]
	f = append(f,
		feat(1, 0),
		feat(2, depth),
		// single words
		feat(3, W(s0)), feat(4, T(s0)), feat2(5, W(s0), T(s0)),
		feat(6, W(n0)), feat(7, T(n0)), feat2(8, W(n0), T(n0)),
		feat(9, W(n1)), feat(10, T(n1)), feat2(11, W(n1), T(n1)),
		feat(12, W(n2)), feat(13, T(n2)),
		feat(14, W(s1)), feat(15, T(s1)), feat2(16, W(s1), T(s1)),
		feat(17, T(s2)),
		// pairs
		feat2(18, W(s0), W(n0)), feat2(19, T(s0), T(n0)),
		feat3(20, W(s0), T(s0), T(n0)), feat3(21, T(s0), W(n0), T(n0)),
		feat3(22, W(s0), T(s0), W(n0)), feat3(23, W(s0), W(n0), T(n0)),
		feat2(24, T(n0), T(n1)),
		feat2(25, W(s1), W(s0)), feat2(26, T(s1), T(s0)),
		feat3(27, W(s1), T(s1), T(s0)), feat3(28, T(s1), W(s0), T(s0)),
		// triples of tags
		feat3(29, T(n0), T(n1), T(n2)),
		feat3(30, T(s0), T(n0), T(n1)),
		feat3(31, T(s1), T(s0), T(n0)),
		feat3(32, T(s2), T(s1), T(s0)),
		feat3(33, T(s0), T(s0l1), T(n0)),
		feat3(34, T(s0), T(s0r1), T(n0)),
		feat3(35, T(s0), T(n0), T(n0l1)),
		feat3(36, T(s1), T(s1r1), T(s0)),
		feat3(37, T(s1), T(s0), T(s0l1)),
		feat3(38, T(s1), T(s1l1), T(s0)),
		// distance
		feat2(39, W(s0), d), feat2(40, T(s0), d), feat2(41, W(n0), d), feat2(42, T(n0), d),
		feat3(43, T(s0), T(n0), d),
		feat3(44, T(s1), T(s0), d1), feat2(45, W(s0), d1),
		// valency
		feat2(46, W(s0), valency(st.nr, s0)), feat2(47, T(s0), valency(st.nr, s0)),
		feat2(48, W(s0), valency(st.nl, s0)), feat2(49, T(s0), valency(st.nl, s0)),
		feat2(50, W(n0), valency(st.nl, n0)), feat2(51, T(n0), valency(st.nl, n0)),
		feat2(52, T(s1), valency(st.nr, s1)),
		// children
		feat(53, W(s0l1)), feat(54, T(s0l1)), feat(55, L(s0l1)),
		feat(56, W(s0r1)), feat(57, T(s0r1)), feat(58, L(s0r1)),
		feat(59, W(n0l1)), feat(60, T(n0l1)), feat(61, L(n0l1)),
		feat(62, T(s0l2)), feat(63, L(s0l2)), feat(64, T(s0r2)), feat(65, L(s0r2)),
		feat(66, T(n0l2)), feat(67, L(n0l2)),
		feat3(68, T(s0), L(s0l1), L(s0l2)),
		feat3(69, T(s0), L(s0r1), L(s0r2)),
		feat3(70, T(n0), L(n0l1), L(n0l2)),
		feat2(71, L(s1r1), T(s1)),
		feat3(72, T(s0), T(s0l1), T(s0l2)),
		feat3(73, T(s0), T(s0r1), T(s0r2)),
		feat3(74, T(n0), T(n0l1), T(n0l2)),
	)
	st.featBuf = f
	return f
}

// labelFeatures are the features for labelling the arc from h to d.
func (st *state) labelFeatures(h, d int) []feature {
	W, T, L := st.w, st.t, st.l
	dir := uint64(1)
	if d > h {
		dir = 2
	}
	dd := dist(h, d)
	dl1, dl2, dr1, dr2 := child(st.lc1, d), child(st.lc2, d), child(st.rc1, d), child(st.rc2, d)
	hl1, hr1 := child(st.lc1, h), child(st.rc1, h)
	var suf uint64
	var dflags uint64
	if d < st.n {
		suf = st.ws[d].suf[2]
		dflags = uint64(st.ws[d].flags & (fCap | fInitial))
	}
	before, after := d-1, d+1
	if after > st.n {
		after = -1
	}
	f := st.labelFeatsBuf[:0]
	f = append(f,
		feat(1, dir),
		feat2(2, T(h), dir), feat2(3, T(d), dir),
		feat3(4, T(h), T(d), dir),
		feat3(5, W(h), T(d), dir),
		feat3(6, T(h), W(d), dir),
		feat3(7, W(h), W(d), dir),
		feat3(8, T(h), T(d), dd),
		feat2(9, W(d), T(d)),
		feat2(10, W(h), T(h)),
		feat3(11, T(d), L(dl1), dir), feat3(12, T(d), L(dr1), dir),
		feat3(13, T(d), W(dl1), dir), feat3(14, T(d), W(dr1), dir),
		feat3(15, T(d), T(dl1), T(dr1)),
		feat3(16, T(d), L(dl2), L(dl1)),
		feat3(17, T(d), L(dr1), L(dr2)),
		feat3(18, T(h), L(hl1), dir), feat3(19, T(h), L(hr1), dir),
		feat3(20, T(h), T(d), T(before)),
		feat3(21, T(h), T(d), T(after)),
		feat2(22, suf, T(d)),
		feat3(23, T(h), T(d), dflags),
		feat3(24, T(h), T(d), valency(st.nl, d)),
		feat3(25, T(h), T(d), valency(st.nr, d)),
		feat3(26, W(h), W(dl1), T(d)),
		feat3(27, T(h), W(dl1), dir),
		feat3(28, T(h), W(dr1), dir),
		feat2(29, W(d), dir),
		feat3(30, T(h), T(hl1), T(d)),
	)
	st.labelFeatsBuf = f
	return f
}

// Parse parses a tagged sentence.
func (p *Parser) Parse(ws []wordInfo, tags []Tag, tree *Tree, scratch *state) *state {
	st := newState(ws, tags, scratch)
	scores := make([]float32, nMoves)
	lscores := make([]float32, len(p.labels.Classes))
	for !st.done() {
		m := st.forced()
		if m < 0 {
			clear(scores)
			p.moves.Score(st.features(), scores)
			m = argmax(scores, st.valid)
		}
		var l uint8
		var lh uint64
		if m != shift {
			h, d := st.pair(m)
			clear(lscores)
			p.labels.Score(st.labelFeatures(h, d), lscores)
			l = uint8(argmax(lscores, nil))
			lh = p.labelHash[l]
		}
		st.apply(m, l, lh)
	}
	n := st.n
	if cap(tree.Heads) < n {
		tree.Heads, tree.Labels = make([]int, n), make([]uint8, n)
	}
	tree.Heads, tree.Labels = tree.Heads[:n], tree.Labels[:n]
	for i := 0; i < n; i++ {
		h := st.heads[i]
		if h == n {
			h = -1
		}
		tree.Heads[i] = h
		tree.Labels[i] = st.labels[i]
	}
	return st
}
