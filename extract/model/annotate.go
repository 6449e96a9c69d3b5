package model

import "sync"

// Annotation is what the models say of one sentence.
type Annotation struct {
	Tags   []Tag
	Heads  []int    // head word of each word, -1 for the root
	Labels []string // dependency label of each word's arc
	Names  []Span   // names the recogniser found
	// Skip is set for a sentence that was not parsed (Options.Parse said no).
	Skip bool
}

// Sentence is a sentence to annotate: its words, and whether to parse it and look for
// names in it (a headline is tagged, and read for case evidence, but may be left
// unparsed).
type Sentence struct {
	Words []string
	Hints []Hint // what the name rules said of each word, or nil
	Parse bool
}

type scratch struct {
	ws    [][]wordInfo
	st    *state
	tree  Tree
	cls   []int
	feats []feature
}

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

// Annotate tags, parses and reads the names of an article's sentences, in order: the
// recogniser remembers what earlier sentences said.
func (m *Models) Annotate(sents []Sentence) []Annotation {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if cap(sc.ws) < len(sents) {
		sc.ws = make([][]wordInfo, len(sents))
	}
	sc.ws = sc.ws[:len(sents)]
	for i, s := range sents {
		sc.ws[i] = prepare(s.Words, m.lx, sc.ws[i])
	}
	mem := NewDocMemory(sc.ws)
	out := make([]Annotation, len(sents))
	labels := m.Parser.Labels()
	for i, s := range sents {
		ws := sc.ws[i]
		a := &out[i]
		if len(ws) == 0 {
			continue
		}
		a.Tags = make([]Tag, len(ws))
		m.Tagger.Tag(ws, a.Tags)
		if !s.Parse {
			a.Skip = true
			continue
		}
		sc.st = m.Parser.Parse(ws, a.Tags, &sc.tree, sc.st)
		a.Heads = append([]int(nil), sc.tree.Heads...)
		a.Labels = make([]string, len(ws))
		for k, l := range sc.tree.Labels {
			a.Labels[k] = labels[l]
		}
		var names []Span
		sc.cls, names = m.Recognizer.Recognize(ws, a.Tags, s.Hints, mem, sc.cls)
		a.Names = append([]Span(nil), names...)
	}
	return out
}
