package extract

import (
	"strings"

	"github.com/kg-news/kg/extract/lexicon"
	"github.com/kg-news/kg/extract/model"
)

// The dependency graph of a sentence: the parser's tree plus the arcs that Universal
// Dependencies' enhanced representation adds (Schuster and Manning 2016), so that one
// pattern reads a clause however it is built:
//
//   - conjuncts share the relation of the first: in "Acme hired Ann Lee and Tom Ray", Ray
//     is an object of "hired" too; a second verb without a subject shares the first's
//     ("Acme bought Bolt and sold Crane");
//   - the subject of a control or raising verb is the subject of its infinitive ("Acme
//     agreed to buy Bolt"), or its object is ("Acme urged Bolt to sell");
//   - a relative pronoun is replaced by the noun the clause describes ("Roe, who
//     represents Doe," makes Roe the subject of "represents"), and a reduced relative
//     clause gets its noun as subject ("a firm owned by Acme", "a firm making cars").
//
// Each added arc says which of these made it, and a statement read through it records
// that in its rule ("verb-obj+conj").

// depEdge is an arc head -rel-> dep of a sentence's dependency graph.
type depEdge struct {
	head, dep int    // indices into Document.Words
	rel       string // Universal Dependencies label
	prep      string // the preposition marking dep ("with", "on_behalf_of"), "" if none
	via       string // "" for an arc of the parse, else the enhancement that made it
}

// depGraph is the dependency graph of one sentence.
type depGraph struct {
	d           *Document
	lx          *lexicon.Lexicon
	si          int
	first, end  int         // the sentence's words
	out, in     [][]depEdge // by word - first: arcs to dependents, arcs from heads
	lower       []string    // lower-case text of each word
	lemma       []string    // verb lemma, singular noun, else the lower-case text
	modal       []string    // a modality each word's clause has (Relation.Modality)
	negated     []bool      // the word's clause is negated
	ownNeg      []bool      // ... by a negation of its own, or a verb of refusal it completes
	ownCond     []bool      // the word's clause opens with "if", "unless" or "whether" of its own
	quoted      []bool      // the word is inside quotation marks
	tags        []Tag       // the tagger's tags, with a few corrected (retag)
	enhancedSet map[[3]int]bool
}

// newDepGraph builds the graph of sentence si, or returns nil when it was not parsed.
func newDepGraph(d *Document, lx *lexicon.Lexicon, si int) *depGraph {
	s := &d.Sentences[si]
	if s.EndWord-s.FirstWord < 2 || s.Kind != Body {
		return nil
	}
	n := s.EndWord - s.FirstWord
	g := &depGraph{d: d, lx: lx, si: si, first: s.FirstWord, end: s.EndWord,
		out: make([][]depEdge, n), in: make([][]depEdge, n),
		lower: make([]string, n), lemma: make([]string, n),
		modal: make([]string, n), negated: make([]bool, n), quoted: make([]bool, n),
		ownNeg: make([]bool, n), ownCond: make([]bool, n)}
	parsed := false
	for i := g.first; i < g.end; i++ {
		w := &d.Words[i]
		low := strings.ToLower(strings.ReplaceAll(d.Text[w.Start:w.End], "’", "'"))
		g.lower[i-g.first] = low
		if w.Rel != "" {
			parsed = true
		}
	}
	if !parsed {
		return nil
	}
	g.retag()
	for i := g.first; i < g.end; i++ {
		g.lemma[i-g.first] = g.lemmaOf(i)
	}
	g.markQuoted(s)
	for i := g.first; i < g.end; i++ {
		w := &d.Words[i]
		if w.Head < g.first || w.Head >= g.end || w.Rel == "" {
			continue
		}
		rel := w.Rel
		if rel == "obl" && g.tag(w.Head) == NOUN && d.Words[w.Head].Tag == ADJ {
			rel = "nmod" // of a title the tagger read as an adjective (retag)
		}
		g.addEdge(depEdge{head: w.Head, dep: i, rel: rel, prep: g.caseOf(i)})
	}
	g.enhance()
	g.modalities()
	return g
}

// markQuoted marks the words inside quotation marks.
func (g *depGraph) markQuoted(s *Sentence) {
	open := false
	for k := s.First; k < s.End; k++ {
		t := &g.d.Tokens[k]
		if t.Kind == Quote {
			open = t.Has(Open) || !t.Has(Close) && !open
			continue
		}
		if open {
			for w := t.Word; w >= g.first && w < g.end && g.d.Words[w].Token == k; w++ {
				g.quoted[w-g.first] = true
			}
		}
	}
}

func (g *depGraph) addEdge(e depEdge) {
	if e.head == e.dep {
		return
	}
	if e.via != "" {
		if g.enhancedSet == nil {
			g.enhancedSet = map[[3]int]bool{}
		}
		k := [3]int{e.head, e.dep, relCode(e.rel)}
		if g.enhancedSet[k] || g.hasEdge(e.head, e.dep, e.rel) {
			return
		}
		g.enhancedSet[k] = true
	}
	g.out[e.head-g.first] = append(g.out[e.head-g.first], e)
	g.in[e.dep-g.first] = append(g.in[e.dep-g.first], e)
}

// relCode is a small number for the labels enhancement adds, for the set of added arcs.
func relCode(rel string) int {
	h := 0
	for i := 0; i < len(rel); i++ {
		h = h*31 + int(rel[i])
	}
	return h
}

func (g *depGraph) hasEdge(head, dep int, rel string) bool {
	for _, e := range g.out[head-g.first] {
		if e.dep == dep && e.rel == rel {
			return true
		}
	}
	return false
}

// word returns the lower-case text of word i.
func (g *depGraph) word(i int) string { return g.lower[i-g.first] }

// tag returns the part of speech of word i.
func (g *depGraph) tag(i int) Tag { return g.tags[i-g.first] }

// retag corrects the tagger where a title reads as an adjective: "chief executive",
// "became president". A role word of the lexicon that is no adjective's modifier of a
// noun after it is a noun.
func (g *depGraph) retag() {
	g.tags = make([]Tag, g.end-g.first)
	for i := g.first; i < g.end; i++ {
		w := &g.d.Words[i]
		g.tags[i-g.first] = w.Tag
		if w.Tag != ADJ || w.Rel == "amod" && w.Head > i {
			continue
		}
		if _, ok := g.lx.Title(g.lower[i-g.first]); ok {
			g.tags[i-g.first] = NOUN
		}
	}
}

// children returns the words that word i governs through rel, in the parse only.
func (g *depGraph) child(i int, rels ...string) int {
	for _, e := range g.out[i-g.first] {
		if e.via != "" {
			continue
		}
		for _, r := range rels {
			if e.rel == r {
				return e.dep
			}
		}
	}
	return -1
}

// hasChildWord reports whether word i governs, through rel, one of the words.
func (g *depGraph) hasChildWord(i int, rel string, words map[string]bool) bool {
	for _, e := range g.out[i-g.first] {
		if e.via == "" && e.rel == rel && words[g.word(e.dep)] {
			return true
		}
	}
	return false
}

// caseOf returns the preposition that marks word i: its case dependents with their fixed
// parts ("according to", "on behalf of"), joined by "_".
func (g *depGraph) caseOf(i int) string {
	d := g.d
	var b strings.Builder
	for c := g.first; c < g.end; c++ {
		if d.Words[c].Head != i || d.Words[c].Rel != "case" {
			continue
		}
		if g.tag(c) == PUNCT || g.word(c) == "'s" || g.word(c) == "'" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('_')
		}
		b.WriteString(g.word(c))
		for f := c + 1; f < g.end; f++ {
			if d.Words[f].Head == c && d.Words[f].Rel == "fixed" {
				b.WriteByte('_')
				b.WriteString(g.word(f))
			}
		}
	}
	return b.String()
}

// lemmaOf returns the lemma of word i: a verb's through the lexicon, a plural noun's
// singular, else the lower-case word.
func (g *depGraph) lemmaOf(i int) string {
	w := g.lower[i-g.first]
	switch g.tag(i) {
	case VERB, AUX:
		if l, _, _, ok := g.lx.AnalyzeVerb(w); ok {
			return l
		}
	case NOUN:
		return singular(g.lx, w)
	}
	return w
}

// singular returns the singular of a plural noun the lexicon knows, else the noun.
func singular(lx *lexicon.Lexicon, w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies") && lx.IsWord(w[:n-3]+"y"):
		return w[:n-3] + "y"
	case n > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes")) && lx.IsWord(w[:n-2]):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && lx.IsWord(w[:n-1]):
		return w[:n-1]
	}
	return w
}

// Tags the graph reads.
const (
	ADJ   = model.ADJ
	ADP   = model.ADP
	ADV   = model.ADV
	AUX   = model.AUX
	CCONJ = model.CCONJ
	DET   = model.DET
	NOUN  = model.NOUN
	NUM   = model.NUM
	PART  = model.PART
	PRON  = model.PRON
	PROPN = model.PROPN
	PUNCT = model.PUNCT
	SCONJ = model.SCONJ
	VERB  = model.VERB
)

// nominal reports whether word i heads a noun phrase.
func (g *depGraph) nominal(i int) bool {
	switch g.tag(i) {
	case NOUN, PROPN, PRON, NUM:
		return true
	}
	return false
}

// predicative reports whether word i heads a clause: a verb, or a noun or adjective with
// a copula.
func (g *depGraph) predicative(i int) bool {
	if t := g.tag(i); t == VERB || t == AUX {
		return true
	}
	return g.child(i, "cop") >= 0
}

// subjectRels are the labels of a clause's subject.
var subjectRels = []string{"nsubj", "nsubj:pass", "csubj", "csubj:pass"}

// subjectsOf returns the arcs from word v to its subjects, enhanced ones included.
func (g *depGraph) subjectsOf(v int) []depEdge {
	var out []depEdge
	for _, e := range g.out[v-g.first] {
		if e.rel == "nsubj" || e.rel == "nsubj:pass" {
			out = append(out, e)
		}
	}
	return out
}

// hasSubjRel reports whether verb v has a subject through rel, enhanced arcs included.
func (g *depGraph) hasSubjRel(v int, rel string) bool {
	for _, e := range g.out[v-g.first] {
		if e.rel == rel {
			return true
		}
	}
	return false
}

// passive reports whether verb v is in the passive voice.
func (g *depGraph) passive(v int) bool {
	if g.child(v, "aux:pass", "nsubj:pass", "obl:agent") >= 0 {
		return true
	}
	return false
}

// relativeWords stand for the noun a relative clause describes.
var relativeWords = map[string]bool{"who": true, "whom": true, "which": true, "that": true}

// objectControl verbs give their object as the subject of their infinitive: "urged Acme
// to sell", "asked Roe to lead".
var objectControl = map[string]bool{
	"ask": true, "urge": true, "persuade": true, "convince": true, "force": true, "allow": true,
	"invite": true, "tell": true, "order": true, "encourage": true, "help": true, "pressure": true,
	"press": true, "push": true, "lead": true, "enable": true, "require": true, "call": true,
	"appoint": true, "hire": true, "pick": true, "choose": true, "select": true, "name": true,
	"elect": true, "nominate": true, "want": true, "expect": true, "need": true, "get": true,
	"leave": true, "prompt": true, "inspire": true, "warn": true, "advise": true, "instruct": true,
	"challenge": true, "dare": true, "beg": true, "implore": true, "recruit": true, "sign": true,
}

// enhance adds the arcs of conjuncts, control and raising verbs, and relative clauses,
// and mends two mistakes the parser often makes.
func (g *depGraph) enhance() {
	d := g.d
	g.repairAppositions()
	g.repairConjAppositions()
	g.repairAgents()
	g.repairPossessives()
	// relative clauses: the pronoun's arc goes to the noun; a reduced relative gets its
	// noun as subject or object
	for i := g.first; i < g.end; i++ {
		w := &d.Words[i]
		if w.Head < g.first || w.Head >= g.end {
			continue
		}
		n, v := w.Head, i
		switch w.Rel {
		case "acl:relcl":
			found := false
			for _, e := range g.out[v-g.first] {
				if e.via == "" && relativeWords[g.word(e.dep)] && (g.tag(e.dep) == PRON || g.tag(e.dep) == DET || g.tag(e.dep) == SCONJ) {
					if e.rel == "nsubj" || e.rel == "nsubj:pass" || e.rel == "obj" || e.rel == "iobj" || e.rel == "obl" {
						g.addEdge(depEdge{head: v, dep: n, rel: e.rel, prep: e.prep, via: "relcl"})
						found = true
					}
				}
			}
			if !found && g.tag(v) == VERB && g.tag(n) == NOUN && g.child(v, "nsubj") >= 0 && g.child(v, "obj", "ccomp", "xcomp", "advmod", "mark", "obl") < 0 {
				// "the firm Acme bought": the noun is the verb's object, when the clause
				// follows the noun at once
				if _, last := g.subtree(n); true {
					if start, _ := g.subtree(v); start == n+1 || start == last+1 {
						g.addEdge(depEdge{head: v, dep: n, rel: "obj", via: "relcl"})
					}
				}
			}
		case "acl":
			if g.tag(v) != VERB || g.child(v, "nsubj", "nsubj:pass", "mark") >= 0 {
				continue
			}
			if _, form, _, ok := g.lx.AnalyzeVerb(g.word(v)); ok {
				switch form {
				case lexicon.PastForm, lexicon.ParticipleForm:
					g.addEdge(depEdge{head: v, dep: n, rel: "nsubj:pass", via: "acl"}) // "a firm owned by Acme"
				case lexicon.Gerund:
					g.addEdge(depEdge{head: v, dep: n, rel: "nsubj", via: "acl"}) // "a firm making cars"
				}
			}
		}
	}
	// a relative clause the parser did not read as one: "Roe, who represents Doe," with
	// "represents" hung on the main verb; the noun is right before the pronoun
	for v := g.first; v < g.end; v++ {
		if d.Words[v].Rel == "acl:relcl" || g.tag(v) != VERB {
			continue
		}
		for _, e := range g.out[v-g.first] {
			if e.via != "" || !(e.rel == "nsubj" || e.rel == "nsubj:pass") || g.word(e.dep) != "who" && g.word(e.dep) != "which" {
				continue
			}
			p := e.dep - 1
			if p > g.first && g.word(p) == "," {
				p--
			}
			if p < g.first || !g.nominal(p) || p == v {
				continue
			}
			// "members of the party, who helped him": the people, not the party
			for p > g.first && g.word(e.dep) == "who" && d.Words[p].Rel == "nmod" && g.caseOf(p) == "of" && d.Words[p].Head >= g.first && d.Words[p].Head < p {
				p = d.Words[p].Head
			}
			g.addEdge(depEdge{head: v, dep: p, rel: e.rel, via: "relcl"})
			if h := d.Words[p].Head; d.Words[p].Rel == "flat" && h >= g.first && h < p {
				g.addEdge(depEdge{head: v, dep: h, rel: e.rel, via: "relcl"}) // the head of the name
			}
		}
	}
	for i := g.first; i < g.end; i++ {
		w := &d.Words[i]
		h := w.Head
		if h < g.first || h >= g.end {
			continue
		}
		switch w.Rel {
		case "nsubj":
			// "Acme has been bought by Bolt" with the subject read as active
			if g.child(h, "aux:pass") >= 0 {
				g.addEdge(depEdge{head: h, dep: i, rel: "nsubj:pass", via: "pass"})
			}
		case "nsubj:outer":
			// "Acme and Bolt are to merge": the outer subject is the verb's subject
			if len(g.subjectsOf(h)) == 0 {
				g.addEdge(depEdge{head: h, dep: i, rel: "nsubj", via: "outer"})
			}
		case "obl":
			// "helped by several people, including Ann Lee" with Lee hung on the verb: she
			// shares the relation of the verb's argument before her
			if p := g.caseOf(i); p == "including" || p == "such_as" || p == "among_them" {
				prev := depEdge{dep: -1}
				for _, e := range g.out[h-g.first] {
					if e.via == "" && e.dep < i && e.dep > prev.dep && g.nominal(e.dep) && e.rel != "punct" {
						prev = e
					}
				}
				if prev.dep >= 0 && (prev.rel == "obj" || prev.rel == "obl:agent" || strings.HasPrefix(prev.rel, "nsubj")) {
					g.addEdge(depEdge{head: h, dep: i, rel: prev.rel, prep: prev.prep, via: "include"})
				}
			}
		case "nmod":
			// "members of the party, including Ann Lee": Lee shares the relations of the
			// noun she is named among
			if p := g.caseOf(i); p == "including" || p == "such_as" || p == "like" || p == "among_them" {
				for _, e := range g.in[h-g.first] {
					if e.rel != "conj" && e.rel != "punct" && e.via == "" {
						g.addEdge(depEdge{head: e.head, dep: i, rel: e.rel, prep: e.prep, via: "include"})
					}
				}
			}
		}
	}
	// control, raising and coordination, twice, for chains of them ("agreed to buy X
	// and sell Y")
	for pass := 0; pass < 2; pass++ {
		for i := g.first; i < g.end; i++ {
			w := &d.Words[i]
			h := w.Head
			if h < g.first || h >= g.end {
				continue
			}
			switch w.Rel {
			case "xcomp", "advcl":
				if len(g.subjectsOf(i)) > 0 {
					continue
				}
				if w.Rel == "advcl" && g.hasChildWord(i, "mark", gerundMarks) && strings.HasSuffix(g.word(i), "ing") {
					// "was arrested after leaving the Sea Org": the gerund's subject is
					// the clause's
					for _, e := range g.subjectsOf(h) {
						g.addEdge(depEdge{head: i, dep: e.dep, rel: "nsubj", via: "xcomp"})
					}
					continue
				}
				if w.Rel == "advcl" && (!g.hasChildWord(i, "mark", toWord) || !objectControl[g.lemma[h-g.first]]) {
					continue // an infinitive the parser hung loosely: only after "persuade X to"
				}
				if objectControl[g.lemma[h-g.first]] {
					if o := g.child(h, "obj"); o >= 0 {
						g.addEdge(depEdge{head: i, dep: o, rel: g.subjRel(i), via: "xcomp"})
						continue
					}
				}
				for _, e := range g.subjectsOf(h) {
					g.addEdge(depEdge{head: i, dep: e.dep, rel: g.subjRel(i), prep: e.prep, via: "xcomp"})
				}
			case "conj":
				if g.nominal(h) && g.nominal(i) {
					// the conjunct shares every relation of the first
					for _, e := range g.in[h-g.first] {
						if e.rel == "conj" || e.rel == "punct" || e.rel == "cc" {
							continue
						}
						prep := g.caseOf(i)
						if prep == "" {
							prep = e.prep
						}
						g.addEdge(depEdge{head: e.head, dep: i, rel: e.rel, prep: prep, via: "conj"})
					}
					continue
				}
				if !g.predicative(i) {
					continue
				}
				if len(g.subjectsOf(i)) == 0 && g.child(i, "expl") < 0 {
					for _, e := range g.subjectsOf(h) {
						g.addEdge(depEdge{head: i, dep: e.dep, rel: g.subjRel(i), prep: e.prep, via: "conj"})
					}
				}
				// "bought and sold shares in Acme": a later object of the first verb
				if g.child(i, "obj", "ccomp", "xcomp") < 0 && g.tag(i) == VERB {
					for _, e := range g.out[h-g.first] {
						if e.rel == "obj" && e.dep > i {
							g.addEdge(depEdge{head: i, dep: e.dep, rel: "obj", via: "conj"})
						}
					}
				}
			}
		}
	}
}

// subtree returns the first and last word of the subtree of word i, in the parse.
func (g *depGraph) subtree(i int) (int, int) {
	lo, hi := i, i
	for _, e := range g.out[i-g.first] {
		if e.via != "" {
			continue
		}
		a, b := g.subtree(e.dep)
		lo, hi = min(lo, a), max(hi, b)
	}
	return lo, hi
}

// repairAppositions reads two noun phrases that the parser made dependents of one head,
// one right after the other and set off by commas, as a noun and its apposition: "the head
// of Acme, Ann Lee, said" parsed with two subjects, or with the first as a vocative.
func (g *depGraph) repairAppositions() {
	for h := g.first; h < g.end; h++ {
		var deps []depEdge
		for _, e := range g.out[h-g.first] {
			switch e.rel {
			case "nsubj", "nsubj:pass", "vocative", "obj", "dep":
				if g.nominal(e.dep) {
					deps = append(deps, e)
				}
			}
		}
		for i := 0; i+1 < len(deps); i++ {
			a, b := deps[i], deps[i+1]
			if a.dep > b.dep {
				continue
			}
			_, aEnd := g.subtree(a.dep)
			bStart, bEnd := g.subtree(b.dep)
			// the comma may hang off either phrase
			if aEnd+1 >= g.end || g.word(aEnd+1) != "," {
				if !(aEnd+1 < g.end && g.word(aEnd) == ",") {
					continue
				}
				aEnd--
			}
			if bStart != aEnd+2 && !(bStart == aEnd+1 && g.word(bStart) == ",") {
				continue
			}
			if bEnd+1 < g.end && g.word(bEnd+1) != "," && g.tag(bEnd+1) != VERB && g.tag(bEnd+1) != AUX && g.word(bEnd) != "," {
				continue
			}
			g.addEdge(depEdge{head: a.dep, dep: b.dep, rel: "appos", via: "appos"})
			if a.rel == "vocative" && (b.rel == "nsubj" || b.rel == "nsubj:pass") {
				g.addEdge(depEdge{head: h, dep: a.dep, rel: b.rel, via: "appos"})
			}
		}
	}
}

// repairConjAppositions reads a name that the parser made a conjunct, set off by commas,
// as the apposition of the role noun before it: "the head of Acme, Ann Lee, said",
// "Acme's chief executive, Ann Lee, resigned". The conjunct's head, or the noun its head
// hangs on through "of", must be a role word.
func (g *depGraph) repairConjAppositions() {
	for b := g.first; b < g.end; b++ {
		w := &g.d.Words[b]
		if w.Rel != "conj" || g.tag(b) != PROPN || w.Head < g.first || w.Head >= b {
			continue
		}
		bStart, bEnd := g.subtree(b)
		// the commas may hang off the name or off the phrase around it
		if g.child(b, "cc") >= 0 || g.word(bStart) != "," && (bStart-1 < g.first || g.word(bStart-1) != ",") {
			continue
		}
		if g.word(bEnd) != "," && bEnd+1 < g.end && g.word(bEnd+1) != "," && g.tag(bEnd+1) != VERB && g.tag(bEnd+1) != AUX {
			continue
		}
		role := func(n int) bool {
			_, ok := g.lx.Title(g.lemma[n-g.first])
			return ok && g.tag(n) == NOUN
		}
		h := w.Head
		if !role(h) {
			hw := &g.d.Words[h]
			if hw.Rel != "nmod" || hw.Head < g.first || hw.Head >= g.end || !role(hw.Head) {
				continue
			}
			h = hw.Head
		}
		g.addEdge(depEdge{head: h, dep: b, rel: "appos", via: "appos"})
	}
}

// repairAgents attaches a "by" phrase that the parser hung on a name to the noun the name
// depends on as well: in "the takeover of Bolt by Acme", Acme is the takeover's agent,
// not a part of Bolt.
func (g *depGraph) repairAgents() {
	for i := g.first; i < g.end; i++ {
		if g.tag(i) != PROPN {
			continue
		}
		for _, in := range g.in[i-g.first] {
			if in.via != "" || in.rel != "nmod" {
				continue
			}
			for _, e := range g.out[i-g.first] {
				if e.via == "" && e.rel == "nmod" && e.prep == "by" {
					g.addEdge(depEdge{head: in.head, dep: e.dep, rel: "nmod", prep: "by", via: "attach"})
				}
			}
		}
	}
}

// repairPossessives reads a name right after a possessive as possessed by it, where the
// parser made the two siblings or conjuncts: "Acme's Ann Lee said".
func (g *depGraph) repairPossessives() {
	d := g.d
	for x := g.first; x+2 < g.end; x++ {
		if g.tag(x) != PROPN || g.word(x+1) != "'s" && g.word(x+1) != "'" {
			continue
		}
		// x is the last word of the possessor; the possessed name starts after the mark
		y := x + 2
		if g.tag(y) != PROPN || d.Words[x+1].Head < 0 {
			continue
		}
		hx := x
		for hx >= g.first && d.Words[hx].Rel == "flat" && d.Words[hx].Head >= g.first {
			hx = d.Words[hx].Head // the head of a name of several words
		}
		if d.Words[hx].Rel == "nmod:poss" {
			continue // read right
		}
		if d.Words[y].Head == hx || d.Words[y].Head == d.Words[hx].Head {
			g.addEdge(depEdge{head: y, dep: hx, rel: "nmod:poss", via: "poss"})
		}
	}
}

// toWord is the mark of an infinitive.
var toWord = map[string]bool{"to": true}

// gerundMarks open an adverbial clause of a gerund whose subject is the main clause's.
var gerundMarks = map[string]bool{
	"after": true, "before": true, "while": true, "since": true, "when": true, "by": true,
	"without": true, "despite": true, "upon": true, "on": true, "in": true, "through": true,
}

// subjRel is the label of a subject of verb v: nsubj:pass for a passive.
func (g *depGraph) subjRel(v int) string {
	if g.child(v, "aux:pass") >= 0 {
		return "nsubj:pass"
	}
	return "nsubj"
}

// planVerbs and adjectives state a plan, a wish or an expectation about their infinitive:
// "plans to buy", "is due to meet".
var planVerbs = map[string]bool{
	"plan": true, "want": true, "hope": true, "intend": true, "aim": true, "seek": true,
	"expect": true, "due": true, "set": true, "go": true, "try": true, "promise": true,
	"pledge": true, "vow": true, "threaten": true, "propose": true, "offer": true, "wish": true,
	"prepare": true, "scheduled": true, "expected": true, "likely": true, "unlikely": true,
	"poised": true, "ready": true, "keen": true, "eager": true, "willing": true, "bid": true,
	"attempt": true, "strive": true, "look": true, "consider": true, "would": true, "like": true,
	"able": true, "unable": true, "need": true, "have": true, "ought": true, "able_to": true,
	"desire": true, "push": true, "urge": true, "ask": true, "call": true, "press": true,
	"demand": true, "allow": true, "invite": true, "encourage": true, "authorise": true,
	"authorize": true, "expected_to": true, "mean": true, "seem": false, "appear": false,
}

// denyVerbs make what they govern false: "refused to meet", "denied meeting".
var denyVerbs = map[string]bool{
	"refuse": true, "decline": true, "fail": true, "deny": true, "reject": true, "avoid": true,
	"stop": true, "cease": true, "quit": true, "abandon": true, "forget": true, "neglect": true,
	"resist": true, "rule": true, "veto": true, "block": true, "prevent": true, "oppose": true,
}

// beWords are the forms of "be".
var beWords = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "'s": true, "'re": true, "am": true}

// planAux are the auxiliaries of a future, a wish or a possibility.
var planAux = map[string]string{
	"will": ModalPlanned, "'ll": ModalPlanned, "shall": ModalPlanned, "would": ModalPlanned, "'d": ModalPlanned,
	"could": ModalPossible, "may": ModalPossible, "might": ModalPossible, "should": ModalPossible,
	"can": ModalPossible, "must": ModalPossible, "ca": ModalPossible, "wo": ModalPlanned,
}

// negWords negate the word they modify.
var negWords = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "neither": true, "nor": true}

// condMarks open a clause that states no fact.
var condMarks = map[string]bool{"if": true, "unless": true, "whether": true, "lest": true}

// modalities marks, for each predicate, whether its clause is negated, conditional,
// possible or planned, looking up the chain of heads through which it inherits those.
func (g *depGraph) modalities() {
	n := g.end - g.first
	done := make([]bool, n)
	var visit func(i int, depth int)
	visit = func(i, depth int) {
		if done[i-g.first] || depth > 12 {
			return
		}
		done[i-g.first] = true
		d := g.d
		mod, neg := "", false
		for _, e := range g.out[i-g.first] {
			if e.via != "" {
				continue
			}
			w := g.word(e.dep)
			switch e.rel {
			case "advmod", "det":
				if negWords[w] && e.rel == "advmod" && !g.notOnly(e.dep) {
					neg = true
				}
			case "aux":
				if m := planAux[w]; m != "" {
					mod = strongerModal(mod, m)
				}
				if w == "to" {
					continue
				}
			case "mark":
				if condMarks[w] {
					mod = ModalConditional
					g.ownCond[i-g.first] = true
				}
			}
			if e.rel == "aux" && negWords[w] {
				neg = true
			}
		}
		// "is to meet": be with an infinitive is a plan
		if g.hasChildWord(i, "mark", toWord) && (g.hasChildWord(i, "cop", beWords) || g.hasChildWord(i, "aux", beWords)) {
			mod = strongerModal(mod, ModalPlanned)
		}
		h := d.Words[i].Head
		rel := d.Words[i].Rel
		if h >= g.first && h < g.end {
			switch rel {
			case "xcomp", "ccomp", "advcl", "conj", "acl", "csubj", "parataxis":
				visit(h, depth+1)
				hl := g.lemma[h-g.first]
				switch {
				case rel == "conj":
					// a conjunct shares its first verb's modality, not its negation
					// unless it has no subject of its own ("did not buy or sell")
					if g.child(i, "nsubj", "nsubj:pass") < 0 {
						neg = neg || g.negated[h-g.first]
						mod = strongerModal(mod, g.modal[h-g.first])
					}
				case rel == "xcomp" || rel == "ccomp" && g.tag(i) != VERB:
					if denyVerbs[hl] {
						neg = true
						g.ownNeg[i-g.first] = rel == "xcomp"
					} else if planVerbs[hl] || planVerbs[g.word(h)] {
						mod = strongerModal(mod, ModalPlanned)
					}
					neg = neg || g.negated[h-g.first]
					mod = strongerModal(mod, g.modal[h-g.first])
				case rel == "ccomp":
					if hl == "deny" {
						neg = true
					}
					if m := g.modal[h-g.first]; m == ModalConditional {
						mod = strongerModal(mod, m)
					}
				case rel == "advcl":
					if m := g.modal[h-g.first]; m == ModalConditional {
						mod = strongerModal(mod, m)
					}
				}
			}
		}
		g.negated[i-g.first] = neg
		g.modal[i-g.first] = mod
		for _, e := range g.out[i-g.first] {
			if e.via == "" && (e.rel == "advmod" || e.rel == "aux") && negWords[g.word(e.dep)] && !g.notOnly(e.dep) {
				g.ownNeg[i-g.first] = true
			}
		}
	}
	for i := g.first; i < g.end; i++ {
		if g.predicative(i) {
			visit(i, 0)
		}
	}
}

// notOnly reports whether the negation at word n is part of "not only", "not just", "not
// least", which negate nothing.
func (g *depGraph) notOnly(n int) bool {
	if n+1 >= g.end {
		return false
	}
	switch g.word(n + 1) {
	case "only", "just", "merely", "simply", "least", "solely":
		return true
	}
	return false
}

// strongerModal returns the modality that says the least is a fact.
func strongerModal(a, b string) string {
	rank := func(m string) int {
		switch m {
		case ModalConditional:
			return 3
		case ModalPossible:
			return 2
		case ModalPlanned:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// finiteOK reports whether a verb agrees with its subject: a verb in its base form with a
// singular name or noun as subject and no auxiliary ("a Celtic League win over Borders")
// is a noun the parser read as a verb.
func (g *depGraph) finiteOK(v int) bool {
	if g.tag(v) != VERB {
		return true
	}
	_, form, _, ok := g.lx.AnalyzeVerb(g.word(v))
	if !ok || form != lexicon.Base || g.child(v, "aux", "aux:pass", "mark") >= 0 {
		return true
	}
	switch g.d.Words[v].Rel {
	case "xcomp", "ccomp", "csubj", "advcl":
		return true // an infinitive or a subjunctive
	}
	for _, e := range g.out[v-g.first] {
		if e.via != "" || e.rel != "nsubj" {
			continue
		}
		s := e.dep
		if g.tag(s) == PROPN || g.tag(s) == NOUN && singular(g.lx, g.word(s)) == g.word(s) && !strings.HasSuffix(g.word(s), "s") {
			return g.child(s, "conj") >= 0 // "Acme and Bolt win": plural
		}
	}
	return true
}
