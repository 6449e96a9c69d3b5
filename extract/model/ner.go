package model

import (
	"strings"
)

// Recognizer finds the names of people, organisations, places and events. It gives each
// word a BILOU tag (begin, inside, last, unit, outside) and reads, besides the words
// around, their tags, kg's gazetteers and what the same article said before: a word seen
// capitalised in mid-sentence elsewhere, and the type its earlier mentions were given.
type Recognizer struct {
	m     *Linear
	types []string // entity types, in class order: class 1+4k+j is part j of type k
}

// Hint is what kg's name rules said of a word, for the recogniser to weigh: whether a
// rule's name begins or continues there, its type, and how sure the rule was.
type Hint struct {
	Type     uint8 // 0 none; 1 person, 2 organisation, 3 place, 4 event, 5 a name of unknown type
	Inside   bool  // the word continues the name
	Strength uint8 // the rule's strength, 0 to 4
	Titled   bool  // a title stands before the name
}

func (h Hint) code() uint64 {
	if h.Type == 0 {
		return 1
	}
	c := uint64(h.Type)<<1 | 0x100
	if h.Inside {
		c |= 1
	}
	return c
}

func (h Hint) full() uint64 {
	c := h.code() | uint64(h.Strength)<<4
	if h.Titled {
		c |= 1 << 8
	}
	return c
}

// Parts of a BILOU tag.
const (
	partB = iota
	partI
	partL
	partU
)

// NERTypes are the entity types the recogniser is trained on.
var NERTypes = []string{"PER", "ORG", "LOC", "EVENT"}

func nerClasses(types []string) []string {
	out := []string{"O"}
	for _, t := range types {
		for _, p := range []string{"B", "I", "L", "U"} {
			out = append(out, p+"-"+t)
		}
	}
	return out
}

// class numbers: 0 is O; type k part j is 1+4k+j.
func nerClass(k, part int) int { return 1 + 4*k + part }

func nerPart(c int) (k, part int) {
	if c == 0 {
		return -1, -1
	}
	return (c - 1) / 4, (c - 1) % 4
}

// nerValid reports whether class c may follow class prev (-1 at the start), and whether
// it may end the sentence when last is set.
func nerValid(prev, c int, last bool) bool {
	pk, pp := nerPart(prev)
	k, p := nerPart(c)
	open := prev > 0 && (pp == partB || pp == partI)
	if open {
		if k != pk || p != partI && p != partL {
			return false
		}
	} else if p == partI || p == partL {
		return false
	}
	if last && (p == partB || p == partI) {
		return false
	}
	return true
}

// DocMemory is what the recogniser remembers of an article while it reads it.
type DocMemory struct {
	capMid  map[uint64]bool  // words seen capitalised in mid-sentence
	lowerIn map[uint64]bool  // words seen in lower case
	last    map[uint64]uint8 // words seen inside a name: 1 + type of the latest
}

// NewDocMemory reads the sentences of an article for the case of its words.
func NewDocMemory(sents [][]wordInfo) *DocMemory {
	m := &DocMemory{capMid: map[uint64]bool{}, lowerIn: map[uint64]bool{}, last: map[uint64]uint8{}}
	for _, ws := range sents {
		titleCase := isTitleCase(ws)
		for i := range ws {
			w := &ws[i]
			switch {
			case w.flags&fPunct != 0:
			case w.flags&fCap == 0:
				if w.flags&fDigit == 0 {
					m.lowerIn[w.lower] = true
				}
			case i > 0 && !titleCase && !afterOpen(ws, i):
				m.capMid[w.lower] = true
			}
		}
	}
	return m
}

// isTitleCase reports whether most words of a sentence are capitalised, as in a headline.
func isTitleCase(ws []wordInfo) bool {
	caps, words := 0, 0
	for i := range ws {
		if ws[i].flags&(fPunct|fAllDigit) != 0 {
			continue
		}
		words++
		if ws[i].flags&fCap != 0 {
			caps++
		}
	}
	return words >= 3 && caps*4 >= words*3
}

func afterOpen(ws []wordInfo, i int) bool {
	if i == 0 {
		return true
	}
	p := ws[i-1].lowerS
	return p == "\"" || p == ":" || p == "'" || p == "(" || p == "-" || p == "--"
}

func nerFeatures(ws []wordInfo, tags []Tag, hints []Hint, mem *DocMemory, titleCase bool, i int, p1, p2 int, out []feature) []feature {
	w := &ws[i]
	at := func(k int) *wordInfo {
		if k < 0 || k >= len(ws) {
			return &edge
		}
		return &ws[k]
	}
	tg := func(k int) uint64 {
		if k < 0 || k >= len(ws) {
			return 99
		}
		return uint64(tags[k])
	}
	b1, b2, a1, a2 := at(i-1), at(i-2), at(i+1), at(i+2)
	var doc uint64
	if mem != nil {
		if mem.capMid[w.lower] {
			doc |= 1
		}
		if mem.lowerIn[w.lower] {
			doc |= 2
		}
		doc |= uint64(mem.last[w.lower]) << 2
	}
	tc := uint64(0)
	if titleCase {
		tc = 1
	}
	pp1, pp2 := uint64(p1+1), uint64(p2+1)
	out = append(out,
		feat(101, 0),
		feat(102, w.lower), feat(103, w.word), feat(104, w.shape),
		feat(105, w.suf[2]), feat(106, w.suf[1]), feat(107, w.pre[2]), feat(108, w.suf[3]),
		feat(109, uint64(w.flags)), feat(110, uint64(w.lex)), feat(111, uint64(w.gaz)),
		feat(112, pp1), feat2(113, pp2, pp1), feat2(114, pp1, w.shape), feat2(115, pp1, w.lower),
		feat(116, b1.lower), feat(117, b2.lower), feat(118, a1.lower), feat(119, a2.lower),
		feat(120, b1.shape), feat(121, a1.shape),
		feat(122, uint64(b1.lex)), feat(123, uint64(a1.lex)),
		feat(124, uint64(b1.gaz)), feat(125, uint64(a1.gaz)),
		feat(126, tg(i)), feat(127, tg(i-1)), feat(128, tg(i+1)),
		feat2(129, tg(i), tg(i+1)), feat2(130, tg(i-1), tg(i)),
		feat2(131, b1.lower, w.lower), feat2(132, w.lower, a1.lower),
		feat(133, doc), feat2(134, doc, uint64(w.flags&(fCap|fInitial|fAllCaps))),
		feat2(135, doc, pp1),
		feat2(136, tc, w.shape), feat3(137, tc, uint64(w.lex), tg(i)),
		feat2(138, pp1, tg(i)),
		feat2(139, w.shape, a1.shape), feat2(140, b1.shape, w.shape),
		feat2(141, pp1, a1.shape),
		feat(142, a1.suf[2]), feat(143, b1.suf[2]),
		feat2(144, tg(i), w.suf[2]),
		feat2(145, uint64(w.lex), uint64(a1.lex)),
		feat3(146, uint64(w.flags&(fCap|fInitial|fAllCaps)), uint64(w.lex&lxWord), doc&3),
		feat3(147, uint64(b1.flags&fCap), uint64(w.flags&fCap), uint64(a1.flags&fCap)),
		feat2(148, b1.lower, uint64(w.flags&fCap)),
		feat2(149, a1.lower, uint64(w.flags&fCap)),
		feat3(150, b2.lower, b1.lower, uint64(w.flags&fCap)),
		feat(151, w.pre[1]),
		feat2(152, uint64(b1.lex), uint64(w.flags&(fCap|fAllCaps))),
		feat3(153, pp1, uint64(w.flags&fCap), uint64(w.lex&(lxWord|lxFirst|lxSurname))),
	)
	if hints != nil {
		h := func(k int) Hint {
			if k < 0 || k >= len(hints) {
				return Hint{Type: 7}
			}
			return hints[k]
		}
		h0, hb, ha := h(i), h(i-1), h(i+1)
		out = append(out,
			feat(160, h0.code()), feat(161, h0.full()),
			feat2(162, h0.code(), pp1),
			feat2(163, h0.code(), ha.code()), feat2(164, hb.code(), h0.code()),
			feat3(165, hb.code(), h0.code(), ha.code()),
			feat2(166, h0.full(), w.shape),
			feat2(167, h0.code(), w.lower),
			feat2(168, h0.code(), uint64(w.lex)),
			feat2(169, h0.code(), uint64(w.flags&(fCap|fInitial|fAllCaps))),
			feat2(170, h0.code(), tg(i)),
			feat2(171, h0.code(), doc&3),
		)
	}
	return out
}

// Span is a name the recogniser found: words [Start, End) of a sentence.
type Span struct {
	Start, End int
	Type       string
}

// Recognize tags one sentence of an article and returns its names. mem, if not nil,
// remembers what the article said so far and learns from this sentence.
func (r *Recognizer) Recognize(ws []wordInfo, tags []Tag, hints []Hint, mem *DocMemory, classes []int) ([]int, []Span) {
	var feats []feature
	scores := make([]float32, len(r.m.Classes))
	classes = classes[:0]
	p1, p2 := -1, -1
	tc := isTitleCase(ws)
	for i := range ws {
		if outside(ws, hints, i, p1) {
			// a lower-case word outside any name, that no rule proposed: O, unscored
			classes = append(classes, 0)
			p2, p1 = p1, 0
			continue
		}
		feats = nerFeatures(ws, tags, hints, mem, tc, i, p1, p2, feats[:0])
		clear(scores)
		r.m.Score(feats, scores)
		last := i == len(ws)-1
		c := argmax(scores, func(c int) bool { return nerValid(p1, c, last) })
		classes = append(classes, c)
		p2, p1 = p1, c
	}
	spans := spansOf(classes, r.types)
	if mem != nil {
		for _, s := range spans {
			for k := s.Start; k < s.End; k++ {
				mem.last[ws[k].lower] = uint8(1 + typeIndex(r.types, s.Type))
			}
		}
	}
	return classes, spans
}

// outside reports whether word i can only be outside a name: no name is open before it
// (the class before is O, or ends a name), it has no capital and no digit, and no rule
// proposed a name there. Such words are nearly all of a text, and the recogniser, scored,
// gives them O; they are given O without scoring.
func outside(ws []wordInfo, hints []Hint, i, prev int) bool {
	if _, part := nerPart(prev); prev > 0 && (part == partB || part == partI) {
		return false
	}
	if ws[i].flags&(fCap|fAllCaps|fDigit) != 0 || hints != nil && hints[i].Type != 0 {
		return false
	}
	return true
}

func typeIndex(types []string, t string) int {
	for i, x := range types {
		if x == t {
			return i
		}
	}
	return -1
}

func spansOf(classes []int, types []string) []Span {
	var out []Span
	start := -1
	for i, c := range classes {
		k, p := nerPart(c)
		switch p {
		case partU:
			out = append(out, Span{i, i + 1, types[k]})
		case partB:
			start = i
		case partL:
			if start >= 0 {
				out = append(out, Span{start, i + 1, types[k]})
			}
			start = -1
		}
	}
	return out
}

// bilou turns BIO tags into BILOU classes over types; tags of other types become O.
func bilou(tags []string, types []string) []int {
	out := make([]int, len(tags))
	typ := func(t string) (int, bool) {
		if t == "O" || len(t) < 3 {
			return -1, false
		}
		return typeIndex(types, t[2:]), strings.HasPrefix(t, "B-")
	}
	for i, t := range tags {
		k, begin := typ(t)
		if k < 0 {
			continue
		}
		prevSame := false
		if i > 0 && !begin {
			pk, _ := typ(tags[i-1])
			prevSame = pk == k
		}
		nextSame := false
		if i+1 < len(tags) {
			nk, nb := typ(tags[i+1])
			nextSame = nk == k && !nb
		}
		switch {
		case !prevSame && !nextSame:
			out[i] = nerClass(k, partU)
		case !prevSame:
			out[i] = nerClass(k, partB)
		case nextSame:
			out[i] = nerClass(k, partI)
		default:
			out[i] = nerClass(k, partL)
		}
	}
	return out
}

// NERDoc is one document of entity-tagged sentences, with the tags the tagger gives them.
type NERDoc struct {
	Sents []Gold
	Tags  [][]Tag
	Hints [][]Hint // what kg's rules said of each word; nil if not asked
}

// TrainRecognizer trains the recogniser on documents.
func TrainRecognizer(docs []NERDoc, cx *Context, types []string, o TrainOptions) *Recognizer {
	classes := nerClasses(types)
	type pdoc struct {
		ws    [][]wordInfo
		want  [][]int
		tags  [][]Tag
		hints [][]Hint
	}
	pd := make([]pdoc, len(docs))
	for i, d := range docs {
		for j, s := range d.Sents {
			pd[i].ws = append(pd[i].ws, prepare(s.Words, cx, nil))
			pd[i].want = append(pd[i].want, bilou(s.Ents, types))
			pd[i].tags = append(pd[i].tags, d.Tags[j])
			if d.Hints != nil {
				pd[i].hints = append(pd[i].hints, d.Hints[j])
			} else {
				pd[i].hints = append(pd[i].hints, nil)
			}
		}
	}
	tr := NewTrainer(classes)
	rng := newRand(o.Seed)
	order := make([]int, len(pd))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, len(classes))
	var feats []feature
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, di := range order {
			d := pd[di]
			mem := NewDocMemory(d.ws)
			for si, ws := range d.ws {
				p1, p2 := -1, -1
				tc := isTitleCase(ws)
				var got []int
				for i := range ws {
					feats = nerFeatures(ws, d.tags[si], d.hints[si], mem, tc, i, p1, p2, feats[:0])
					clear(scores)
					tr.Score(feats, scores)
					last := i == len(ws)-1
					guess := argmax(scores, func(c int) bool { return nerValid(p1, c, last) })
					truth := d.want[si][i]
					tr.Tick()
					tr.Update(feats, truth, guess)
					if guess == truth {
						right++
					}
					total++
					got = append(got, truth)
					// the gold history: with a wrong one, the gold class can be one that
					// may not follow it
					p2, p1 = p1, truth
				}
				for _, s := range spansOf(got, types) {
					for k := s.Start; k < s.End; k++ {
						mem.last[ws[k].lower] = uint8(1 + typeIndex(types, s.Type))
					}
				}
			}
		}
		o.logf("recogniser epoch %d: train accuracy %.4f, %d features", ep+1, float64(right)/float64(total), len(tr.index))
	}
	return &Recognizer{m: tr.Model(o.MinSeen, o.MinWeight), types: types}
}

// NERScore is precision, recall and F1 of names, exact span and type.
type NERScore struct {
	P, R, F1        float64
	Gold, Found, OK int
	PerType         map[string][3]int // gold, found, right
}

// Score compares the recogniser's names with the gold on documents, counting only the
// types given (PER, ORG, LOC for the usual benchmark figure).
func (r *Recognizer) Score(docs []NERDoc, cx *Context, count []string) NERScore {
	s := NERScore{PerType: map[string][3]int{}}
	want := func(t string) bool { return typeIndex(count, t) >= 0 }
	for _, d := range docs {
		var wss [][]wordInfo
		for _, g := range d.Sents {
			wss = append(wss, prepare(g.Words, cx, nil))
		}
		mem := NewDocMemory(wss)
		var cls []int
		for si, g := range d.Sents {
			var spans []Span
			var hs []Hint
			if d.Hints != nil {
				hs = d.Hints[si]
			}
			cls, spans = r.Recognize(wss[si], d.Tags[si], hs, mem, cls)
			gold := spansOf(bilou(g.Ents, r.types), r.types)
			gset := map[Span]bool{}
			for _, x := range gold {
				if want(x.Type) {
					gset[x] = true
					s.Gold++
					pt := s.PerType[x.Type]
					pt[0]++
					s.PerType[x.Type] = pt
				}
			}
			for _, x := range spans {
				if !want(x.Type) {
					continue
				}
				s.Found++
				pt := s.PerType[x.Type]
				pt[1]++
				if gset[x] {
					s.OK++
					pt[2]++
				}
				s.PerType[x.Type] = pt
			}
		}
	}
	if s.Found > 0 {
		s.P = float64(s.OK) / float64(s.Found)
	}
	if s.Gold > 0 {
		s.R = float64(s.OK) / float64(s.Gold)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}
