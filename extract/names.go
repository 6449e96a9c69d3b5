package extract

import (
	"sort"

	"github.com/kg-news/kg/extract/lexicon"
	"github.com/kg-news/kg/extract/model"
)

// The learned recogniser and the name rules meet here. The rules propose a name for each
// run of capitalised words (the mentions stage); the recogniser reads those proposals
// among its features, with the words, their tags and what the article said before, and
// decides where names are, where they begin and end, and what they are (the analyse
// stage). This pass then keeps, retypes, reshapes or drops each rule's name by the
// recogniser's decision, and adds the names only the recogniser saw.

// NameOptions say how far the name rules defer to the learned recogniser. The zero value
// is what measured best on the gold sets (see README, "The learned core"): the recogniser
// reshapes the rules' names where it reads more of a name (a body's name that begins with a
// title word, words the rules cut off), and vetoes, retypes and adds nothing.
type NameOptions struct {
	// VetoBelow drops the rules' names of a strength below it that the recogniser does not
	// see as names (names after a title are kept).
	VetoBelow int
	// RetypeBelow gives the recogniser's type to the rules' names of a strength below it.
	RetypeBelow int
	// AddModelNames adds the names the recogniser found and no rule proposed.
	AddModelNames bool
}

// Source says what produced a mention.
type Source uint8

// Sources of a mention.
const (
	SourceRule  Source = iota // the name rules alone
	SourceModel               // the learned recogniser alone
	SourceBoth                // a rule, with the recogniser agreeing that a name is there
)

func (s Source) String() string {
	switch s {
	case SourceModel:
		return "model"
	case SourceBoth:
		return "rule+model"
	}
	return "rule"
}

// hints turns the rules' name mentions into what the recogniser reads of each word of the
// document.
func hints(d *Document) []model.Hint {
	spans := make([]Span, len(d.Words))
	for w := range d.Words {
		spans[w] = d.Words[w].Span
	}
	return NameHints(d, spans)
}

func hintType(t Type) uint8 {
	switch t {
	case Person:
		return 1
	case Organization:
		return 2
	case Place:
		return 3
	case Event:
		return 4
	}
	return 5
}

// weighNames settles the rules' names against the recogniser's.
func weighNames(x *Extractor, d *Document) {
	if x.models == nil || len(d.Words) == 0 {
		return
	}
	byTok := make([]int32, len(d.Tokens)) // token -> name index + 1
	for i := range d.Names {
		a, b := d.Names[i].tokens(d)
		for k := a; k < b; k++ {
			byTok[k] = int32(i + 1)
		}
	}
	used := make([]bool, len(d.Tokens))
	claimed := make([]bool, len(d.Names))
	keep := make([]bool, len(d.Mentions))
	// how often the article names each word, alone or in a longer name
	named := map[string]int{}
	for mi := range d.Mentions {
		if m := &d.Mentions[mi]; m.Kind == NameMention {
			for k := m.First; k < m.End; k++ {
				named[d.TokenText(k)]++
			}
		}
	}
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		keep[mi] = true
		if m.Kind != NameMention || d.Sentences[m.Sentence].Kind != Body {
			markUsed(used, m.First, m.End)
			continue
		}
		a := tokenAt(d, m.Span.Start)
		ni := -1
		for k := a; k < m.End; k++ {
			if i := int(byTok[k]) - 1; i >= 0 {
				ni = i
				break
			}
		}
		if ni < 0 {
			titled := m.Full.Start < m.Span.Start
			if !titled && (m.Strength < x.Names.VetoBelow || strayCapital(d, m, named)) {
				keep[mi] = false
				d.Dropped = append(d.Dropped, *m)
				continue
			}
			markUsed(used, m.First, m.End)
			continue
		}
		claimed[ni] = true
		n := &d.Names[ni]
		m.Source = SourceBoth
		if reshape(d, m, n, byTok, ni) {
			markUsed(used, m.First, m.End)
			continue
		}
		if m.Full.Start == m.Span.Start && n.Type != "" && n.Type != m.Type && m.Strength < x.Names.RetypeBelow {
			m.Type, m.Strength = n.Type, 2
			if m.Type != Place {
				m.Canonical = ""
			}
		}
		markUsed(used, m.First, m.End)
	}
	// the names only the recogniser saw
	for i := range d.Names {
		if !x.Names.AddModelNames {
			break
		}
		n := &d.Names[i]
		if claimed[i] || n.Type == "" || !aligned(d, n) || d.Sentences[n.Sentence].Kind != Body {
			continue
		}
		a, b := n.tokens(d)
		free := true
		for k := a; k < b; k++ {
			free = free && !used[k]
		}
		if !free {
			continue
		}
		m := Mention{Span: n.Span, Full: n.Span, First: a, End: b, Sentence: n.Sentence, Kind: NameMention,
			Type: n.Type, Strength: 2, RoleOrg: -1, Entity: -1, Source: SourceModel}
		if n.Type == Place {
			if p := x.lx.Place(d.Text[n.Start:n.End]); p != nil {
				m.Canonical, m.Strength = p.Name, 3
			}
		}
		if b < d.Sentences[n.Sentence].End && d.Tokens[b].Kind == Poss {
			m.Possessive = true
		}
		markUsed(used, a, b)
		d.Mentions = append(d.Mentions, m)
		keep = append(keep, true)
	}
	for i := range d.Mentions {
		if d.Mentions[i].Kind == dropKind {
			keep[i] = false
		}
	}
	dropMentions(d, keep)
	sortMentions(d)
}

func markUsed(used []bool, a, b int) {
	for k := a; k < b; k++ {
		used[k] = true
	}
}

// tokenAt returns the token that holds byte offset off.
func tokenAt(d *Document, off int) int {
	return sort.Search(len(d.Tokens), func(k int) bool { return d.Tokens[k].End > off })
}

// dropMentions removes the mentions keep says no to, re-pointing RoleOrg indices.
func dropMentions(d *Document, keep []bool) {
	idx := make([]int, len(d.Mentions))
	out := d.Mentions[:0]
	for i := range d.Mentions {
		if keep[i] {
			idx[i] = len(out)
			out = append(out, d.Mentions[i])
		} else {
			idx[i] = -1
		}
	}
	for i := range out {
		if r := out[i].RoleOrg; r >= 0 {
			out[i].RoleOrg = idx[r]
		}
	}
	d.Mentions = out
}

// tokens returns the token range of a name: the tokens its words are part of.
func (n *Name) tokens(d *Document) (int, int) {
	return d.Words[n.FirstWord].Token, d.Words[n.EndWord-1].Token + 1
}

// aligned reports whether a name begins and ends at token boundaries.
func aligned(d *Document, n *Name) bool {
	a, b := n.tokens(d)
	return d.Tokens[a].Start == n.Start && d.Tokens[b-1].End == n.End
}

// RuleNames runs only the rule stages (segment, junk, mentions) over text and returns the
// document: the name mentions the rules propose, before any model has read it. The
// recogniser's training reads these proposals as it will read them at run time.
func RuleNames(text string) *Document {
	x := &Extractor{lx: lexicon.Default()}
	d := &Document{ID: "train", Text: text}
	for _, st := range Stages {
		st.Run(x, d)
		if st.Name == "mentions" {
			break
		}
	}
	return d
}

// NameHints is what the rules say of words, given as byte spans in text order: a
// model.Hint for each.
func NameHints(d *Document, spans []Span) []model.Hint {
	out := make([]model.Hint, len(spans))
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if m.Kind != NameMention {
			continue
		}
		h := model.Hint{Type: hintType(m.Type), Strength: uint8(min(max(m.Strength, 0), 4)), Titled: m.Full.Start < m.Span.Start}
		first := true
		lo := sort.Search(len(spans), func(i int) bool { return spans[i].End > m.Span.Start })
		for w := lo; w < len(spans) && spans[w].Start < m.Span.End; w++ {
			if spans[w].Start >= m.Span.Start && spans[w].End <= m.Span.End {
				h.Inside = !first
				out[w] = h
				first = false
			}
		}
	}
	return out
}

// reshape makes a rule's mention the recogniser's name where the recogniser read more of
// it as one name: a title word that begins a body's name ("Centre for Policy Studies",
// not a person "for Policy Studies" with the title "Centre"), or words the rules cut off
// ("People's Relief Front"). The rules' own mentions inside the name are given up. It
// reports whether it did.
func reshape(d *Document, m *Mention, n *Name, byTok []int32, ni int) bool {
	if !aligned(d, n) || n.Type == "" {
		return false
	}
	a, b := n.tokens(d)
	titled := m.Full.Start < m.Span.Start
	switch {
	case titled && n.Type != Person && n.Start <= m.Full.Start && n.End >= m.Full.End:
	case !titled && n.Start < m.Span.Start && n.End == m.Span.End:
		// words before the rule's name: "People's Relief Front"
	case !titled && n.Start <= m.Span.Start && n.End > m.Span.End && joins(d, m.End) && capitalisedTail(d, m.End+1, b):
		// a name the rules cut at a function word: "Centre for Policy Studies"
	default:
		return false
	}
	// the rules' other mentions the name takes in must be weak ones
	for k := range d.Mentions {
		o := &d.Mentions[k]
		if o == m || o.Sentence != m.Sentence || o.Full.End <= n.Start || o.Full.Start >= n.End {
			continue
		}
		if o.Kind != NameMention || o.Strength > 0 || o.Full.Start < n.Start || o.Full.End > n.End {
			return false
		}
		o.Kind = dropKind
	}
	m.Span, m.Full, m.First, m.End = n.Span, n.Span, a, b
	m.Type, m.Strength, m.Role, m.RoleHead, m.Nationality, m.RoleOrg, m.Canonical = n.Type, 2, "", "", "", -1, ""
	return true
}

// dropKind marks a mention that reshape absorbed, for weighNames to remove.
const dropKind MentionKind = 255

// joins reports whether token k is a lower-case word that may join the parts of a name:
// "of", "for", "and", "de".
func joins(d *Document, k int) bool {
	if k >= len(d.Tokens) || d.Tokens[k].Kind != Word || d.Tokens[k].Has(Cap) {
		return false
	}
	switch d.Tokens[k].Lower {
	case "of", "for", "and", "de", "du", "des", "del", "la", "le", "von", "van", "der", "on", "in":
		return true
	}
	return false
}

// capitalisedTail reports whether tokens [a, b) are capitalised words or words that join
// the parts of a name, and the last is capitalised.
func capitalisedTail(d *Document, a, b int) bool {
	if a >= b {
		return false
	}
	for k := a; k < b; k++ {
		t := &d.Tokens[k]
		if t.Kind != Word || !t.Has(Cap) && !joins(d, k) {
			return false
		}
	}
	return d.Tokens[b-1].Has(Cap)
}

// strayCapital reports whether mention m, which the recogniser does not see as a name, is
// a word capitalised by its place rather than a name: one word, named once in the article
// (and in no longer name: not a surname), not tagged a proper noun, typed only by weak
// evidence, and not "the" something ("the Tories"). A heading, the start of a quotation or
// a title ("Dance on the Moon") capitalises such words; a real body or place of one word
// is seldom named only once.
func strayCapital(d *Document, m *Mention, named map[string]int) bool {
	if m.End-m.First != 1 || m.Strength >= 2 || named[m.Text(d.Text)] > 1 {
		return false
	}
	if m.First > 0 && d.Tokens[m.First-1].Lower == "the" {
		return false
	}
	w := d.TokenWord(m.First)
	return w >= 0 && d.Words[w].Tag != PROPN
}
