package model

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
)

// TrainOptions says how to train a model.
type TrainOptions struct {
	Epochs    int
	Seed      int64
	MinSeen   int32   // features fewer updates touched are left out of the model
	MinWeight float32 // smaller averaged weights are left out
	Log       func(format string, args ...any)
}

func (o *TrainOptions) logf(format string, args ...any) {
	if o.Log != nil {
		o.Log(format, args...)
	}
}

func newRand(seed int64) *rand.Rand { return rand.New(rand.NewSource(seed)) }

// prepared is a gold sentence with its word information.
type prepared struct {
	g  *Gold
	ws []wordInfo
}

func prepareAll(gold []Gold, cx *Context) []prepared {
	out := make([]prepared, len(gold))
	for i := range gold {
		out[i] = prepared{g: &gold[i], ws: prepare(gold[i].Words, cx, nil)}
	}
	return out
}

// TrainTagger trains a tagger on sentences with UPOS tags.
func TrainTagger(gold []Gold, cx *Context, o TrainOptions) (*Tagger, error) {
	ps := prepareAll(gold, cx)
	want := make([][]Tag, len(ps))
	for i, p := range ps {
		want[i] = make([]Tag, len(p.ws))
		for k, s := range p.g.Tags {
			t, ok := tagIndex(s)
			if !ok {
				return nil, fmt.Errorf("sentence %d: unknown tag %q", i, s)
			}
			want[i][k] = t
		}
	}
	tr := NewTrainer(UPOS)
	rng := rand.New(rand.NewSource(o.Seed))
	order := make([]int, len(ps))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, len(UPOS))
	var feats []feature
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, si := range order {
			ws := ps[si].ws
			p1, p2 := uint64(noTag), uint64(noTag)
			for i := range ws {
				feats = tagFeatures(ws, i, p1, p2, feats[:0])
				clear(scores)
				tr.Score(feats, scores)
				guess := argmax(scores, nil)
				truth := int(want[si][i])
				tr.Tick()
				tr.Update(feats, truth, guess)
				if guess == truth {
					right++
				}
				total++
				p2, p1 = p1, uint64(guess)
			}
		}
		o.logf("tagger epoch %d: train accuracy %.4f, %d features", ep+1, float64(right)/float64(total), len(tr.index))
	}
	m := tr.Model(o.MinSeen, o.MinWeight)
	// the tag dictionary: words seen 20 times or more, with one tag 99.5% of the time
	counts := map[string]*[nTags]int{}
	for i, p := range ps {
		for k := range p.ws {
			c := counts[p.ws[k].lowerS]
			if c == nil {
				c = new([nTags]int)
				counts[p.ws[k].lowerS] = c
			}
			c[want[i][k]]++
		}
	}
	dict := map[feature]uint8{}
	for w, c := range counts {
		total, best := 0, 0
		for t, n := range c {
			total += n
			if n > c[best] {
				best = t
			}
		}
		if total >= 20 && float64(c[best]) >= 0.995*float64(total) {
			dict[feat(dictTemplate, hashString(w))] = uint8(best)
		}
	}
	o.logf("tagger: %d words in the tag dictionary", len(dict))
	return &Tagger{m: m.withRows(dict), cx: cx}, nil
}

// TagAccuracy is the share of words the tagger tags as the gold does.
func TagAccuracy(t *Tagger, gold []Gold) float64 {
	right, total := 0, 0
	var ws []wordInfo
	for _, g := range gold {
		ws = prepare(g.Words, t.cx, ws)
		tags := make([]Tag, len(ws))
		t.Tag(ws, tags)
		for i, tg := range tags {
			if UPOS[tg] == g.Tags[i] {
				right++
			}
			total++
		}
	}
	return float64(right) / float64(total)
}

// projectivize lifts non-projective arcs, shortest first, until the tree is projective
// (Nivre and Nilsson 2005, without encoding the lifts in the labels). heads uses n for the
// root.
func projectivize(heads []int) []int {
	h := append([]int(nil), heads...)
	n := len(h)
	dominates := func(a, k int) bool {
		for k != n && k >= 0 {
			if k == a {
				return true
			}
			k = h[k]
		}
		return a == n
	}
	for iter := 0; iter < n*n; iter++ {
		best, bestLen := -1, 1<<30
		for d := 0; d < n; d++ {
			a := h[d]
			lo, hi := min(a, d), max(a, d)
			for k := lo + 1; k < hi; k++ {
				if !dominates(a, k) {
					if hi-lo < bestLen {
						best, bestLen = d, hi-lo
					}
					break
				}
			}
		}
		if best < 0 {
			break
		}
		h[best] = h[h[best]]
	}
	return h
}

// oracle computes the cost of each move in a configuration: the gold arcs it makes
// unreachable (the dynamic oracle of Goldberg and Nivre 2013 for arc-hybrid).
type oracle struct {
	gold    []int // gold heads, n for the root
	inStack []bool
}

func (o *oracle) costs(st *state, out *[nMoves]int) {
	n := st.n
	for i := range out {
		out[i] = -1
	}
	s0, s1 := st.s(0), st.s(1)
	b := st.b
	if st.valid(shift) {
		c := 0
		if g := o.gold[b]; g < n && o.inStack[g] && g != s0 {
			c++
		}
		for _, k := range st.stack {
			if o.gold[k] == b {
				c++
			}
		}
		out[shift] = c
	}
	deps := 0 // dependents of s0 still in the buffer
	if s0 >= 0 {
		for k := b; k < n; k++ {
			if o.gold[k] == s0 {
				deps++
			}
		}
	}
	if st.valid(left) {
		c := deps
		if g := o.gold[s0]; g != b && (g == s1 || g > b) {
			c++
		}
		out[left] = c
	}
	if st.valid(right) {
		c := deps
		if g := o.gold[s0]; g != s1 && g >= b {
			c++
		}
		out[right] = c
	}
}

// ParserData is a parser's training data: gold sentences and the tags to train on
// (predicted ones, so that training sees the tagger's errors).
type ParserData struct {
	Gold []Gold
	Tags [][]Tag
}

// TrainParser trains the parser.
func TrainParser(data ParserData, cx *Context, o TrainOptions) (*Parser, error) {
	ps := prepareAll(data.Gold, cx)
	labelSet := map[string]bool{}
	for _, g := range data.Gold {
		for _, l := range g.Labels {
			labelSet[l] = true
		}
	}
	labels := make([]string, 0, len(labelSet))
	for l := range labelSet {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	if len(labels) > 255 {
		return nil, fmt.Errorf("%d labels: at most 255", len(labels))
	}
	labelIdx := map[string]uint8{}
	labelHash := make([]uint64, len(labels))
	for i, l := range labels {
		labelIdx[l] = uint8(i)
		labelHash[i] = hashString(l)
	}
	golds := make([][]int, len(ps))
	for i, p := range ps {
		n := len(p.ws)
		h := make([]int, n)
		for k, x := range p.g.Heads {
			if x < 0 {
				x = n
			}
			h[k] = x
		}
		golds[i] = projectivize(h)
	}
	mt := NewTrainer(moveNames)
	lt := NewTrainer(labels)
	rng := rand.New(rand.NewSource(o.Seed))
	order := make([]int, len(ps))
	for i := range order {
		order[i] = i
	}
	var st *state
	scores := make([]float32, nMoves)
	lscores := make([]float32, len(labels))
	var costs [nMoves]int
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		arcsRight, arcs := 0, 0
		for _, si := range order {
			p := ps[si]
			st = newState(p.ws, data.Tags[si], st)
			or := &oracle{gold: golds[si], inStack: make([]bool, st.n+1)}
			for !st.done() {
				feats := st.features()
				clear(scores)
				mt.Score(feats, scores)
				or.costs(st, &costs)
				guess, best := -1, -1
				for m := 0; m < nMoves; m++ {
					if costs[m] < 0 {
						continue
					}
					if guess < 0 || scores[m] > scores[guess] {
						guess = m
					}
					if costs[m] == 0 && (best < 0 || scores[m] > scores[best]) {
						best = m
					}
				}
				if best < 0 {
					best = guess
				}
				mt.Tick()
				if costs[guess] > 0 {
					mt.Update(feats, best, guess)
				}
				m := best
				if ep > 0 && rng.Float64() < 0.9 {
					m = guess
				}
				var l uint8
				if m != shift {
					h, d := st.pair(m)
					lf := st.labelFeatures(h, d)
					clear(lscores)
					lt.Score(lf, lscores)
					lg := argmax(lscores, nil)
					l = uint8(lg)
					if or.gold[d] == h {
						want := int(labelIdx[p.g.Labels[d]])
						lt.Tick()
						lt.Update(lf, want, lg)
						l = uint8(want)
					}
				}
				if m == shift {
					or.inStack[st.b] = true
				} else {
					or.inStack[st.s(0)] = false
				}
				st.apply(m, l, labelHash[l])
			}
			for d := 0; d < st.n; d++ {
				if st.heads[d] == or.gold[d] {
					arcsRight++
				}
				arcs++
			}
		}
		o.logf("parser epoch %d: train UAS %.4f, %d move features, %d label features", ep+1, float64(arcsRight)/float64(arcs), len(mt.index), len(lt.index))
	}
	return newParser(mt.Model(o.MinSeen, o.MinWeight), lt.Model(o.MinSeen, o.MinWeight)), nil
}

// Attachment is a parser's score: unlabelled and labelled attachment, the labelled one
// both on whole labels (nsubj:pass) and on their universal part (nsubj).
type Attachment struct {
	UAS, LAS, LASUniversal float64
	Words                  int
}

func (a Attachment) String() string {
	return fmt.Sprintf("UAS %.2f LAS %.2f (universal part of labels: %.2f) over %d words", 100*a.UAS, 100*a.LAS, 100*a.LASUniversal, a.Words)
}

// Score parses gold sentences from the given tags and compares the trees with the gold.
func (p *Parser) Score(gold []Gold, tags [][]Tag, cx *Context) Attachment {
	var a Attachment
	var ws []wordInfo
	var tree Tree
	var st *state
	u, l, lu := 0, 0, 0
	for i, g := range gold {
		ws = prepare(g.Words, cx, ws)
		st = p.Parse(ws, tags[i], &tree, st)
		for k := range g.Words {
			a.Words++
			if tree.Heads[k] != g.Heads[k] {
				continue
			}
			u++
			got := p.labels.Classes[tree.Labels[k]]
			if got == g.Labels[k] {
				l++
			}
			if universal(got) == universal(g.Labels[k]) {
				lu++
			}
		}
	}
	a.UAS = float64(u) / float64(a.Words)
	a.LAS = float64(l) / float64(a.Words)
	a.LASUniversal = float64(lu) / float64(a.Words)
	return a
}

func universal(l string) string {
	if i := strings.IndexByte(l, ':'); i >= 0 {
		return l[:i]
	}
	return l
}

// TagAll tags every sentence.
func (t *Tagger) TagAll(gold []Gold) [][]Tag {
	out := make([][]Tag, len(gold))
	var ws []wordInfo
	for i, g := range gold {
		ws = prepare(g.Words, t.cx, ws)
		out[i] = make([]Tag, len(ws))
		t.Tag(ws, out[i])
	}
	return out
}

// GoldTags returns the gold tags of sentences.
func GoldTags(gold []Gold) [][]Tag {
	out := make([][]Tag, len(gold))
	for i, g := range gold {
		out[i] = make([]Tag, len(g.Tags))
		for k, s := range g.Tags {
			out[i][k], _ = tagIndex(s)
		}
	}
	return out
}
