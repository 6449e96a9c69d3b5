package model

import ()

// UPOS are the universal part-of-speech tags, in the order the tagger's classes use.
var UPOS = []string{"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

const nTags = 17 // len(UPOS)

// Tag is a UPOS tag, an index into UPOS.
type Tag uint8

// The tags the rules ask about.
const (
	ADJ Tag = iota
	ADP
	ADV
	AUX
	CCONJ
	DET
	INTJ
	NOUN
	NUM
	PART
	PRON
	PROPN
	PUNCT
	SCONJ
	SYM
	VERB
	X
)

func (t Tag) String() string { return UPOS[t] }

func tagIndex(s string) (Tag, bool) {
	for i, u := range UPOS {
		if u == s {
			return Tag(i), true
		}
	}
	return 0, false
}

// Tagger gives each word its UPOS tag.
type Tagger struct {
	m  *Linear
	cx *Context
}

// noTag stands for the tag before the first word.
const noTag = 0xff

// tagFeatures appends the features of word i given the two tags before it.
func tagFeatures(ws []wordInfo, i int, p1, p2 uint64, out []feature) []feature {
	w := &ws[i]
	at := func(k int) *wordInfo {
		if k < 0 || k >= len(ws) {
			return &edge
		}
		return &ws[k]
	}
	b1, b2, a1, a2 := at(i-1), at(i-2), at(i+1), at(i+2)
	out = append(out,
		feat(1, 0),
		feat(2, w.lower),
		feat(3, w.word),
		feat(4, w.suf[0]), feat(5, w.suf[1]), feat(6, w.suf[2]), feat(7, w.suf[3]),
		feat(8, w.pre[0]), feat(9, w.pre[1]), feat(10, w.pre[2]),
		feat(11, w.shape),
		feat(12, uint64(w.flags)),
		feat(13, uint64(w.lex)),
		feat(14, p1),
		feat2(15, p2, p1),
		feat2(16, p1, w.lower),
		feat(17, b1.lower),
		feat(18, b2.lower),
		feat(19, a1.lower),
		feat(20, a2.lower),
		feat(21, b1.suf[2]),
		feat(22, a1.suf[2]),
		feat2(23, b1.lower, w.lower),
		feat2(24, w.lower, a1.lower),
		feat2(25, b1.shape, w.shape),
		feat(26, a1.shape),
		feat(27, uint64(a1.lex)),
		feat2(28, p1, w.suf[2]),
		feat(29, a1.suf[1]),
		feat2(30, a1.lower, a2.lower),
		feat(31, uint64(a1.flags)),
		feat2(32, p1, a1.lower),
	)
	return out
}

// edge is the word information of the positions before and after a sentence.
var edge = wordInfo{word: 1, lower: 1, shape: 1, pre: [3]uint64{1, 1, 1}, suf: [4]uint64{1, 1, 1, 1}}

// dictTemplate is the feature of a word the tagger knows so well that it tags it without
// scoring: a word seen often in training, nearly always with one tag.
const dictTemplate = 999

// Tag gives each word of a sentence its tag, into tags.
func (t *Tagger) Tag(ws []wordInfo, tags []Tag) {
	var feats []feature
	scores := make([]float32, len(UPOS))
	p1, p2 := uint64(noTag), uint64(noTag)
	for i := range ws {
		if row, ok := t.m.row(feat(dictTemplate, ws[i].lower)); ok {
			for c, w := range row {
				if w != 0 {
					tags[i] = Tag(c)
					break
				}
			}
			p2, p1 = p1, uint64(tags[i])
			continue
		}
		feats = tagFeatures(ws, i, p1, p2, feats[:0])
		clear(scores)
		t.m.Score(feats, scores)
		tg := Tag(argmax(scores, nil))
		tags[i] = tg
		p2, p1 = p1, uint64(tg)
	}
}
