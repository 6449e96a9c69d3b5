package extract

// The learned recogniser and the name rules meet here. The rules propose a name for each
// run of capitalised words; the recogniser, trained on annotated text, says where names
// are, where they begin and end, and what they are. A rule's name stands without the
// model only where the rule has evidence the model cannot weigh as well: a gazetteer
// place, or a title written before a person's name.

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

// modelNames indexes the recogniser's names by token, per sentence.
type modelNames struct {
	d      *Document
	byTok  []int32 // token -> index into d.Names + 1, 0 if none
	usable bool
}

func newModelNames(d *Document) *modelNames {
	mn := &modelNames{d: d, usable: len(d.Words) > 0}
	if !mn.usable {
		return mn
	}
	mn.byTok = make([]int32, len(d.Tokens))
	for i := range d.Names {
		n := &d.Names[i]
		a, b := n.tokens(d)
		for k := a; k < b; k++ {
			mn.byTok[k] = int32(i + 1)
		}
	}
	return mn
}

// tokens returns the token range of a name: the tokens its words are part of.
func (n *Name) tokens(d *Document) (int, int) {
	return d.Words[n.First].Token, d.Words[n.End-1].Token + 1
}

// overlap returns the model's name that shares most tokens with [a, b), or -1.
func (mn *modelNames) overlap(a, b int) int {
	if !mn.usable {
		return -1
	}
	best, bestN := -1, 0
	for k := a; k < b; k++ {
		if i := int(mn.byTok[k]) - 1; i >= 0 {
			na, nb := mn.d.Names[i].tokens(mn.d)
			n := min(nb, b) - max(na, a)
			if n > bestN {
				best, bestN = i, n
			}
		}
	}
	return best
}

// modelMode chooses how far the rules defer to the recogniser, for measuring: 0 both
// (the default), 1 the rules alone.
var modelMode = 0

// weigh sets a rule's name against the recogniser's. It returns the name's (possibly
// moved) bounds, its type and strength, its source, and false when the name is to be
// dropped: the model saw no name there and the rule has no strong evidence of its own.
func (f *mentionFinder) weigh(si, a, nameStart, b int, titled bool, typ Type, strength int) (int, int, int, Type, int, Source, bool) {
	d := f.d
	if modelMode == 1 {
		return nameStart, a, b, typ, strength, SourceRule, true
	}
	ni := f.names.overlap(nameStart, b)
	if ni < 0 {
		if titled || strength >= 3 {
			return nameStart, a, b, typ, strength, SourceRule, true
		}
		return nameStart, a, b, typ, strength, SourceRule, false
	}
	n := &d.Names[ni]
	na, nb := n.tokens(d)
	s := &d.Sentences[si]
	free := func(x, y int) bool {
		for k := x; k < y; k++ {
			if f.used[k] {
				return false
			}
		}
		return true
	}
	// the model saw more of the name: "People's Relief Front", "Centre for Policy Studies"
	if na < nameStart && na >= s.First && nameStart == a && free(na, nameStart) && aligned(d, n) {
		nameStart, a = na, na
	}
	if nb > b && nb <= s.End && free(b, nb) && aligned(d, n) {
		b = nb
	}
	if !titled && strength < 3 && n.Type != "" {
		typ, strength = n.Type, 2
	}
	return nameStart, a, b, typ, strength, SourceBoth, true
}

// aligned reports whether a name begins and ends at token boundaries.
func aligned(d *Document, n *Name) bool {
	a, b := n.tokens(d)
	return d.Tokens[a].Start == n.Start && d.Tokens[b-1].End == n.End
}

// modelOnly adds the recogniser's names of sentence si that no rule proposed.
func (f *mentionFinder) modelOnly(si int) {
	d := f.d
	if !f.names.usable || modelMode == 1 {
		return
	}
	for i := range d.Names {
		n := &d.Names[i]
		if n.Sentence != si || n.Type == "" || !aligned(d, n) {
			continue
		}
		a, b := n.tokens(d)
		clash := false
		for k := a; k < b; k++ {
			if f.used[k] {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		m := Mention{
			Span: n.Span, Full: n.Span, First: a, End: b, Sentence: si, Kind: NameMention,
			Type: n.Type, Strength: 2, RoleOrg: -1, Entity: -1, Source: SourceModel,
		}
		if n.Type == Place {
			if p := f.lx.Place(d.Text[n.Start:n.End]); p != nil {
				m.Canonical, m.Strength = p.Name, 3
			}
		}
		if b < d.Sentences[si].End && d.Tokens[b].Kind == Poss {
			m.Possessive = true
		}
		for k := a; k < b; k++ {
			f.used[k] = true
		}
		d.Mentions = append(d.Mentions, m)
	}
}
