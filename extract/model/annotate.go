package model

// Article is an article's sentences as the models read them: read and tagged at once
// (Read), then parsed and searched for names sentence by sentence, in order, since the
// recogniser remembers what earlier sentences said.
type Article struct {
	m     *Models
	ws    [][]wordInfo
	Tags  [][]Tag // the tags of each sentence's words
	mem   *DocMemory
	st    *state
	tree  Tree
	cls   []int
	feats []feature
}

// Read prepares and tags the sentences of an article, each given as its words.
func (m *Models) Read(sents [][]string) *Article {
	a := &Article{m: m, ws: make([][]wordInfo, len(sents)), Tags: make([][]Tag, len(sents))}
	for i, s := range sents {
		a.ws[i] = prepare(s, m.cx, nil)
		a.Tags[i] = make([]Tag, len(s))
		if len(s) > 0 {
			m.Tagger.Tag(a.ws[i], a.Tags[i])
		}
	}
	a.mem = NewDocMemory(a.ws)
	return a
}

// Parse parses sentence i: the head of each word (-1 for the root) and its label.
func (a *Article) Parse(i int) ([]int, []string) {
	ws := a.ws[i]
	if len(ws) == 0 {
		return nil, nil
	}
	a.st = a.m.Parser.Parse(ws, a.Tags[i], &a.tree, a.st)
	labels := a.m.Parser.Labels()
	heads := append([]int(nil), a.tree.Heads...)
	out := make([]string, len(ws))
	for k, l := range a.tree.Labels {
		out[k] = labels[l]
	}
	return heads, out
}

// Names finds the names of sentence i, reading what kg's rules said of its words
// (hints, one per word, or nil). Call it for the sentences in order.
func (a *Article) Names(i int, hints []Hint) []Span {
	ws := a.ws[i]
	if len(ws) == 0 || !mayName(ws, hints) {
		return nil
	}
	var names []Span
	a.cls, names = a.m.Recognizer.Recognize(ws, a.Tags[i], hints, a.mem, a.cls)
	return append([]Span(nil), names...)
}

// Sentence is a sentence to annotate with Annotate.
type Sentence struct {
	Words []string
	Hints []Hint // what the name rules said of each word, or nil
	Parse bool
}

// Annotation is what the models say of one sentence.
type Annotation struct {
	Tags   []Tag
	Heads  []int    // head word of each word, -1 for the root
	Labels []string // dependency label of each word's arc
	Names  []Span   // names the recogniser found
}

// Annotate reads, tags, parses and searches for names the sentences of an article, all
// at once.
func (m *Models) Annotate(sents []Sentence) []Annotation {
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = s.Words
	}
	a := m.Read(words)
	out := make([]Annotation, len(sents))
	for i, s := range sents {
		out[i].Tags = a.Tags[i]
		if s.Parse {
			out[i].Heads, out[i].Labels = a.Parse(i)
			out[i].Names = a.Names(i, s.Hints)
		}
	}
	return out
}

// mayName reports whether a sentence may hold a name: a capitalised word after its first,
// a rule's proposal, or a first word the article capitalises elsewhere too. Sentences
// without any are all lower case, and the recogniser would find nothing in them.
func mayName(ws []wordInfo, hints []Hint) bool {
	for _, h := range hints {
		if h.Type != 0 {
			return true
		}
	}
	for i := range ws {
		if ws[i].flags&(fCap|fAllCaps) != 0 && (i > 0 || ws[i].lex&lxWord == 0) {
			return true
		}
	}
	return false
}
