package extract

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/kg-news/kg/extract/lexicon"
	"github.com/kg-news/kg/extract/model"
)

// Patterns over the dependency parse, in the manner of Stanford's Semgrex and spaCy's
// DependencyMatcher: each names a path through a sentence's dependency graph (see
// depgraph.go) from one mention to another, and says what relation it states. They are
// data, in patterns/*.txt, loaded once and compiled; every statement records the pattern
// that made it.
//
// A file holds word classes and patterns:
//
//	class light   make launch hold reach sign
//
//	pattern verb-obj
//	  doc      a subject, its verb and the verb's object
//	  path     S <nsubj V:VERB >obj O
//	  pred     verb V
//	  example  Acme bought Bolt Industries in May.
//	  want     Acme -bought-> Bolt Industries
//
// A path is a chain of nodes joined by arcs, from one end of the relation to the other;
// S is its subject and O its object, either may come first. "A <rel B" says A depends on
// B through rel, "A >rel B" that A governs B through it; rel may list labels ("nsubj|
// nsubj:pass") or end in "*" for a family ("obl*"). A node is a name with optional tags
// (":VERB|AUX") and conditions in braces, separated by commas:
//
//	lemma=a|b|@class   the word's lemma is one of these (or in a class)
//	word=a|b|@class    its lower-case text is
//	case=with|for|-    the preposition marking it on the path is one of these ("-": none)
//	has=rel|rel        it governs a word through one of these labels ("!has=": none)
//	type=POLEC         an end's entity is a person, organisation, place, event, or country
//	REL=a|b|@class     it governs through the label REL a word whose lemma is one of these
//
// pred says how the relation is named: "verb V" (the lexicon's predicate for verb V and
// the object's preposition, else V's past tense), "noun N" (the relational noun's for the
// object's preposition, from nouns.tsv), "deverbal N" (the noun's relation whatever the
// preposition, for its agent and the one it is aimed at: "Bolt received support from
// Acme"), "symverb V" (a symmetric verb of the lexicon with its subjects: "Acme and Bolt
// merged"), "role N" (the relation a title implies: leads, works_for, plays_for),
// "affiliation S" (a person named with an organisation: member_of a party, else
// works_for), or "text
// P" (P itself); a trailing "sym" makes it symmetric. "V.obj" names the word V governs
// through obj, off the path. The example is an invented
// sentence, and want the relation it must give; a test checks both.

//go:embed patterns/*.txt
var patternFiles embed.FS

// pattern is one compiled pattern.
type pattern struct {
	name    string
	doc     string
	file    string
	line    int
	nodes   []pnode
	edges   []pedge // edges[i] joins nodes[i] and nodes[i+1]
	subj    int     // index of S in nodes
	obj     int     // index of O
	pred    predSpec
	example string
	want    string
}

// pnode is a node of a pattern's path.
type pnode struct {
	name  string
	tags  uint32 // bit per model.Tag, 0 for any
	conds []pcond
}

type condKind uint8

const (
	condLemma condKind = iota
	condWord
	condCase
	condHas
	condType
	condChild // a dependent through rel whose lemma is one of values
)

// pcond is one condition on a node.
type pcond struct {
	kind   condKind
	rel    string // for condChild
	neg    bool
	values map[string]bool
	none   bool // case=-: no preposition
	mask   lexicon.TypeMask
	cntry  bool // type includes C: a country
}

// pedge is an arc of a pattern's path.
type pedge struct {
	up       bool // the node before depends on the node after ("<")
	rels     map[string]bool
	prefixes []string
}

// predSpec says how a pattern names its relation.
type predSpec struct {
	kind string // "verb", "noun", "role", "text"
	node int    // the node whose word names it
	rel  string // or the dependent of that node through rel ("V.obj")
	text string // for "text"
	sym  bool
}

func (e *pedge) matches(rel string) bool {
	if e.rels[rel] {
		return true
	}
	for _, p := range e.prefixes {
		if strings.HasPrefix(rel, p) {
			return true
		}
	}
	return false
}

// patternSet is a compiled set of patterns with its word classes.
type patternSet struct {
	patterns []*pattern
	classes  map[string]map[string]bool
}

var (
	relPatternsOnce sync.Once
	relPatterns     *patternSet
	relPatternsErr  error
)

// relationPatterns returns the compiled relation patterns, compiling them on first use.
func relationPatterns() *patternSet {
	relPatternsOnce.Do(func() {
		relPatterns, relPatternsErr = loadPatterns(patternFiles, "patterns/relations.txt")
	})
	if relPatternsErr != nil {
		panic(relPatternsErr) // the embedded file is malformed; TestPatterns says where
	}
	return relPatterns
}

// loadPatterns compiles the pattern files named.
func loadPatterns(fsys embed.FS, names ...string) (*patternSet, error) {
	ps := &patternSet{classes: map[string]map[string]bool{}}
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		err = ps.parse(name, bufio.NewScanner(f))
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	for _, p := range ps.patterns {
		if seen[p.name] {
			return nil, fmt.Errorf("%s:%d: pattern %s defined twice", p.file, p.line, p.name)
		}
		seen[p.name] = true
		if p.example == "" || p.want == "" {
			return nil, fmt.Errorf("%s:%d: pattern %s needs an example and the relation it wants", p.file, p.line, p.name)
		}
	}
	return ps, nil
}

func (ps *patternSet) parse(file string, sc *bufio.Scanner) error {
	var cur *pattern
	var path, pred string
	finish := func() error {
		if cur == nil {
			return nil
		}
		if err := ps.compile(cur, path, pred); err != nil {
			return fmt.Errorf("%s:%d: pattern %s: %w", file, cur.line, cur.name, err)
		}
		ps.patterns = append(ps.patterns, cur)
		cur, path, pred = nil, "", ""
		return nil
	}
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		key, rest, _ := strings.Cut(trimmed, " ")
		rest = strings.TrimSpace(rest)
		indented := line[0] == ' ' || line[0] == '\t'
		if !indented {
			if err := finish(); err != nil {
				return err
			}
			switch key {
			case "class":
				name, words, _ := strings.Cut(rest, " ")
				set := ps.classes[name]
				if set == nil {
					set = map[string]bool{}
					ps.classes[name] = set
				}
				for _, w := range strings.Fields(words) {
					set[w] = true
				}
			case "pattern":
				if rest == "" {
					return fmt.Errorf("%s:%d: a pattern needs a name", file, n)
				}
				cur = &pattern{name: rest, file: file, line: n}
			default:
				return fmt.Errorf("%s:%d: %q: a line starts a class or a pattern", file, n, key)
			}
			continue
		}
		if cur == nil {
			// an indented line continues the class before
			return fmt.Errorf("%s:%d: an indented line outside a pattern", file, n)
		}
		switch key {
		case "doc":
			cur.doc = rest
		case "path":
			path = rest
		case "pred":
			pred = rest
		case "example":
			cur.example = rest
		case "want":
			cur.want = rest
		default:
			return fmt.Errorf("%s:%d: unknown key %q (doc, path, pred, example, want)", file, n, key)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return finish()
}

// compile reads a pattern's path and predicate.
func (ps *patternSet) compile(p *pattern, path, pred string) error {
	toks := strings.Fields(path)
	if len(toks) < 3 || len(toks)%2 == 0 {
		return fmt.Errorf("path %q: nodes joined by arcs, from S to O or O to S", path)
	}
	p.subj, p.obj = -1, -1
	for i, t := range toks {
		if i%2 == 1 {
			e, err := compileEdge(t)
			if err != nil {
				return err
			}
			p.edges = append(p.edges, e)
			continue
		}
		nd, err := ps.compileNode(t)
		if err != nil {
			return err
		}
		for _, o := range p.nodes {
			if o.name == nd.name {
				return fmt.Errorf("node %s twice in the path", nd.name)
			}
		}
		switch nd.name {
		case "S":
			p.subj = len(p.nodes)
		case "O":
			p.obj = len(p.nodes)
		}
		p.nodes = append(p.nodes, nd)
	}
	last := len(p.nodes) - 1
	if !(p.subj == 0 && p.obj == last || p.obj == 0 && p.subj == last) {
		return fmt.Errorf("path %q must run from S to O or from O to S", path)
	}
	f := strings.Fields(pred)
	if len(f) == 0 {
		return fmt.Errorf("no pred")
	}
	p.pred.kind = f[0]
	switch f[0] {
	case "verb", "noun", "role", "deverbal", "symverb", "affiliation":
		if len(f) < 2 {
			return fmt.Errorf("pred %s needs a node", f[0])
		}
		p.pred.node = -1
		name, rel, _ := strings.Cut(f[1], ".")
		p.pred.rel = rel
		for i, nd := range p.nodes {
			if nd.name == name {
				p.pred.node = i
			}
		}
		if p.pred.node < 0 {
			return fmt.Errorf("pred names node %s, which the path lacks", name)
		}
		f = f[2:]
	case "text":
		if len(f) < 2 {
			return fmt.Errorf("pred text needs a predicate")
		}
		p.pred.text, p.pred.node = f[1], -1
		f = f[2:]
	default:
		return fmt.Errorf("pred %q: verb, noun, deverbal, role, symverb, affiliation or text", f[0])
	}
	for _, x := range f {
		if x != "sym" {
			return fmt.Errorf("pred: unknown flag %q", x)
		}
		p.pred.sym = true
	}
	return nil
}

func compileEdge(t string) (pedge, error) {
	var e pedge
	switch t[0] {
	case '<':
		e.up = true
	case '>':
	default:
		return e, fmt.Errorf("arc %q: starts with < or >", t)
	}
	e.rels = map[string]bool{}
	for _, r := range strings.Split(t[1:], "|") {
		if r == "" {
			return e, fmt.Errorf("arc %q: empty label", t)
		}
		if strings.HasSuffix(r, "*") {
			e.prefixes = append(e.prefixes, strings.TrimSuffix(r, "*"))
		} else {
			e.rels[r] = true
		}
	}
	return e, nil
}

func (ps *patternSet) compileNode(t string) (pnode, error) {
	var nd pnode
	conds := ""
	if i := strings.IndexByte(t, '{'); i >= 0 {
		if !strings.HasSuffix(t, "}") {
			return nd, fmt.Errorf("node %q: conditions end with }", t)
		}
		conds = t[i+1 : len(t)-1]
		t = t[:i]
	}
	name, tags, hasTags := strings.Cut(t, ":")
	nd.name = name
	if name == "" {
		return nd, fmt.Errorf("node without a name")
	}
	if hasTags {
		for _, tg := range strings.Split(tags, "|") {
			found := false
			for i, u := range model.UPOS {
				if u == tg {
					nd.tags |= 1 << uint(i)
					found = true
				}
			}
			if !found {
				return nd, fmt.Errorf("node %s: unknown tag %q", name, tg)
			}
		}
	}
	if conds == "" {
		return nd, nil
	}
	for _, c := range strings.Split(conds, ",") {
		var pc pcond
		if strings.HasPrefix(c, "!") {
			pc.neg = true
			c = c[1:]
		}
		key, val, ok := strings.Cut(c, "=")
		if !ok {
			return nd, fmt.Errorf("node %s: condition %q is key=values", name, c)
		}
		switch key {
		case "lemma":
			pc.kind = condLemma
		case "word":
			pc.kind = condWord
		case "case":
			pc.kind = condCase
		case "has":
			pc.kind = condHas
		case "type":
			pc.kind = condType
			for _, r := range val {
				switch r {
				case 'P':
					pc.mask |= lexicon.MaskPerson
				case 'O':
					pc.mask |= lexicon.MaskOrg
				case 'L':
					pc.mask |= lexicon.MaskPlace
				case 'E':
					pc.mask |= lexicon.MaskEvent
				case 'C':
					pc.cntry = true
				default:
					return nd, fmt.Errorf("node %s: type letters are P, O, L, E and C", name)
				}
			}
			nd.conds = append(nd.conds, pc)
			continue
		default:
			if !strings.ContainsAny(key[:1], "abcdefghijklmnopqrstuvwxyz") {
				return nd, fmt.Errorf("node %s: unknown condition %q", name, key)
			}
			pc.kind, pc.rel = condChild, key // "obj=@aimed": a dependent through obj
		}
		pc.values = map[string]bool{}
		for _, v := range strings.Split(val, "|") {
			switch {
			case v == "-" && pc.kind == condCase:
				pc.none = true
			case strings.HasPrefix(v, "@"):
				set, ok := ps.classes[v[1:]]
				if !ok {
					return nd, fmt.Errorf("node %s: no class %s (classes come before the patterns that use them)", name, v[1:])
				}
				for w := range set {
					pc.values[w] = true
				}
			case v != "":
				pc.values[v] = true
			}
		}
		nd.conds = append(nd.conds, pc)
	}
	return nd, nil
}

// match is one way a pattern's path runs through a sentence.
type match struct {
	words [8]int    // the word of each node
	prep  [8]string // the preposition marking each node on the path
	via   string    // the enhancements the path went through ("conj", "relcl+xcomp")
}

// matchFrom calls fn for every way pattern p's path runs from word w, which stands for
// its first node; typeOK checks an end's entity type condition.
func (g *depGraph) matchFrom(p *pattern, w int, typeOK func(word int, c *pcond) bool, fn func(m *match)) {
	if len(p.nodes) > len(match{}.words) {
		return
	}
	var m match
	last := len(p.nodes) - 1
	// walk stands at node k, word at; prepIn is the preposition of the arc that reached
	// it as a dependent ("" when it was reached as a head)
	var walk func(k, at int, prepIn string, vias []string)
	walk = func(k, at int, prepIn string, vias []string) {
		m.words[k] = at
		if k == last {
			if g.nodeOK(&p.nodes[k], at, prepIn, true, typeOK) {
				m.prep[k] = prepIn
				m.via = strings.Join(vias, "+")
				fn(&m)
			}
			return
		}
		e := &p.edges[k]
		arcs := g.out[at-g.first]
		if e.up {
			arcs = g.in[at-g.first]
		}
		checked := false
		for _, a := range arcs {
			if !e.matches(a.rel) {
				continue
			}
			reachedAsDep := k > 0 && !p.edges[k-1].up
			prep := prepIn
			if e.up && !reachedAsDep {
				prep = a.prep // the node is this arc's dependent
			}
			next, nextPrep := a.dep, a.prep
			if e.up {
				next, nextPrep = a.head, ""
			}
			if !e.up || reachedAsDep {
				// the node's preposition does not depend on this arc: check it once
				if !checked {
					if !g.nodeOK(&p.nodes[k], at, prep, k == 0, typeOK) {
						return
					}
					checked = true
				}
			} else if !g.nodeOK(&p.nodes[k], at, prep, k == 0, typeOK) {
				continue
			}
			m.prep[k] = prep
			seen := false
			for j := 0; j <= k; j++ {
				if m.words[j] == next {
					seen = true
				}
			}
			if seen {
				continue
			}
			vs := vias
			if a.via != "" && !containsStr(vias, a.via) {
				vs = append(vias[:len(vias):len(vias)], a.via)
			}
			walk(k+1, next, nextPrep, vs)
		}
	}
	walk(0, w, "", nil)
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nodeOK checks a node's tags and conditions at word i; prep is the preposition that
// marks it on the path.
func (g *depGraph) nodeOK(nd *pnode, i int, prep string, end bool, typeOK func(int, *pcond) bool) bool {
	if nd.tags != 0 && nd.tags&(1<<uint(g.tag(i))) == 0 {
		return false
	}
	for c := range nd.conds {
		pc := &nd.conds[c]
		var ok bool
		switch pc.kind {
		case condLemma:
			ok = pc.values[g.lemma[i-g.first]]
		case condWord:
			ok = pc.values[g.word(i)]
		case condCase:
			if prep == "" {
				prep = g.caseOf(i)
			}
			ok = pc.none && prep == "" || pc.values[prep]
		case condHas:
			for _, e := range g.out[i-g.first] {
				if e.via == "" && pc.values[e.rel] {
					ok = true
					break
				}
			}
		case condType:
			if !end {
				return false
			}
			ok = typeOK(i, pc)
		case condChild:
			for _, e := range g.out[i-g.first] {
				if e.via == "" && e.rel == pc.rel && pc.values[g.lemma[e.dep-g.first]] {
					ok = true
					break
				}
			}
		}
		if ok == pc.neg {
			return false
		}
	}
	return true
}
