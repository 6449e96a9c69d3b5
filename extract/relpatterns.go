package extract

import (
	"strings"

	"github.com/kg-news/kg/extract/lexicon"
)

// The relation patterns' pass: each pattern of patterns/relations.txt run over the
// dependency graph of every sentence, from every word that names an entity.

// patternRelations states the relations the patterns find in sentence si.
func (r *relationFinder) patternRelations(si int) {
	g := r.d.graph(r.lx, si)
	if g == nil {
		return
	}
	ps := relationPatterns()
	typeOK := func(w int, c *pcond) bool {
		e := r.referent(g, w)
		if e < 0 {
			return false
		}
		if maskOf(r.d.Entities[e].Type)&c.mask != 0 {
			return true
		}
		return c.cntry && r.isCountry(e)
	}
	starts := make([]int, 0, 8)
	for w := g.first; w < g.end; w++ {
		if r.referent(g, w) >= 0 {
			starts = append(starts, w)
		}
	}
	if len(starts) < 2 {
		return
	}
	for _, p := range ps.patterns {
		for _, w := range starts {
			g.matchFrom(p, w, typeOK, func(m *match) { r.statePattern(g, p, m) })
		}
	}
}

// referent returns the entity word w of graph g stands for: the entity of a mention it is
// part of, the person a he/she pronoun resolves to, or for a description in apposition to
// a name ("the head of Acme, Ann Lee,") the name's; -1 if none.
func (r *relationFinder) referent(g *depGraph, w int) int {
	if e := r.wordEntity(w); e >= 0 {
		return e
	}
	if e := r.d.refOf(w); e >= 0 {
		return e
	}
	if g.tag(w) == PRON {
		return -1
	}
	if g.tag(w) == NOUN {
		for _, e := range g.out[w-g.first] {
			if e.rel == "appos" && e.via == "" {
				if x := r.wordEntity(e.dep); x >= 0 && r.nameWord(e.dep) {
					return x
				}
			}
		}
	}
	return -1
}

// wordEntity returns the entity of the mention word w is part of, or -1.
func (a *analysis) wordEntity(w int) int { return a.wordEntities()[w] }

// nameWord reports whether word w is part of a name, not of a title or a description.
func (a *analysis) nameWord(w int) bool {
	mi := a.mentionAt[a.d.Words[w].Token]
	return mi >= 0 && a.d.Mentions[mi].Kind == NameMention
}

// wordEntities maps each word to the entity of the mention it is part of: the words of a
// name, and those of its title that the parse makes heads of it ("Secretary" of
// "Secretary of State Ann Lee"). Within a title, a name of its own keeps its entity ("Acme"
// of "Acme chief Ann Lee").
func (a *analysis) wordEntities() []int {
	if a.wordEnt != nil {
		return a.wordEnt
	}
	d := a.d
	out := make([]int, len(d.Words))
	for i := range out {
		out[i] = -1
	}
	// names first, the shortest last so that an organisation inside a title keeps its own
	order := make([]int, 0, len(d.Mentions))
	for mi := range d.Mentions {
		if d.Mentions[mi].Entity >= 0 {
			order = append(order, mi)
		}
	}
	for pass := 0; pass < 2; pass++ {
		for _, mi := range order {
			m := &d.Mentions[mi]
			if (m.Kind == NameMention) != (pass == 1) {
				continue // nominal and event phrases first, names over them
			}
			for k := m.First; k < m.End; k++ {
				t := &d.Tokens[k]
				if t.Start < m.Span.Start || t.End > m.Span.End || t.Kind == Poss {
					continue
				}
				for w := t.Word; w >= 0 && w < len(d.Words) && d.Words[w].Token == k; w++ {
					if out[w] < 0 || pass == 1 && m.End-m.First <= a.mentionLen(out[w], w) {
						out[w] = m.Entity
					}
				}
			}
		}
	}
	// a title's words that govern the name: climb from the name while inside the title
	for _, mi := range order {
		m := &d.Mentions[mi]
		if m.Kind != NameMention || m.Full == m.Span {
			continue
		}
		for k := m.First; k < m.End; k++ {
			t := &d.Tokens[k]
			if t.Start < m.Span.Start || t.End > m.Span.End {
				continue
			}
			w := d.TokenWord(k)
			for n := 0; w >= 0 && n < 6; n++ {
				h := d.Words[w].Head
				if h < 0 || d.Words[h].Token < m.First || d.Words[h].Token >= m.End {
					break
				}
				if out[h] < 0 {
					out[h] = m.Entity
				} else if out[h] != m.Entity {
					break
				}
				w = h
			}
		}
	}
	a.wordEnt = out
	return out
}

// mentionLen is the length in tokens of the shortest mention of entity e covering word w.
func (a *analysis) mentionLen(e, w int) int {
	k := a.d.Words[w].Token
	best := 1 << 30
	for mi := range a.d.Mentions {
		m := &a.d.Mentions[mi]
		if m.Entity == e && m.First <= k && k < m.End && m.End-m.First < best {
			best = m.End - m.First
		}
	}
	return best
}

// qualifierPreps introduce the entities a statement's qualifiers name.
var qualifierPreps = map[string]bool{
	"to": true, "in": true, "at": true, "from": true, "for": true, "on": true, "about": true,
	"with": true, "against": true, "during": true, "over": true,
}

// statePattern states the relation of one match of pattern p.
func (r *relationFinder) statePattern(g *depGraph, p *pattern, m *match) {
	sw, ow := m.words[p.subj], m.words[p.obj]
	s, o := r.referent(g, sw), r.referent(g, ow)
	if s < 0 || o < 0 || s == o {
		return
	}
	modality := ""
	for k := 1; k < len(p.nodes)-1; k++ {
		w := m.words[k]
		if g.negated[w-g.first] {
			return // "did not meet", "refused to meet"
		}
		if r.nameWord(w) {
			return // a word of a name: "United" of "Riverside United" is no verb
		}
		if g.quoted[w-g.first] || r.inQuote(r.d.Words[w].Token) {
			return // inside a quotation: the speaker's words, not the article's
		}
		modality = strongerModal(modality, g.modal[w-g.first])
		if !g.finiteOK(w) {
			return // "a Celtic League win over Borders": a noun the parser read as a verb
		}
	}
	if modality == ModalConditional {
		return // "if Acme buys Bolt": no fact
	}
	pred, sym, ok := r.patternPredicate(g, p, m, s, o)
	if !ok {
		return
	}
	rule := p.name
	if m.via != "" {
		rule += "+" + m.via
	}
	// an end read through the coreference sieve says which pass resolved it
	for _, w := range []int{sw, ow} {
		if r.wordEntity(w) < 0 {
			if sv := r.d.refSieve(w); sv != "" {
				rule += "@" + sv
				break
			}
			rule += "@appos"
			break
		}
	}
	var quals []Qualifier
	if p.pred.node >= 0 {
		quals = r.patternQualifiers(g, m.words[p.pred.node], s, o)
	}
	restore := r.as(rule)
	r.modality = modality
	r.add(s, o, pred, sym, g.si, quals)
	r.modality = ""
	restore()
}

// patternQualifiers reads the prepositional phrases of the predicate word v that name
// entities other than the relation's own: "to Vienna", "in Geneva".
func (r *relationFinder) patternQualifiers(g *depGraph, v, s, o int) []Qualifier {
	var out []Qualifier
	for _, e := range g.out[v-g.first] {
		if !strings.HasPrefix(e.rel, "obl") && e.rel != "nmod" || !qualifierPreps[e.prep] {
			continue
		}
		if x := r.wordEntity(e.dep); x >= 0 && x != s && x != o && r.nameWord(e.dep) {
			q := Qualifier{Prep: e.prep, Entity: x}
			if !hasQual(out, q) {
				out = append(out, q)
			}
		}
	}
	return out
}

// patternPredicate names the relation of a match, and checks the types of its ends.
func (r *relationFinder) patternPredicate(g *depGraph, p *pattern, m *match, s, o int) (string, bool, bool) {
	d := r.d
	prep := m.prep[p.obj]
	switch p.pred.kind {
	case "text":
		return p.pred.text, p.pred.sym, r.isSubjectType(s)
	case "verb":
		v := m.words[p.pred.node]
		return r.verbPredicate(g, v, prep, s, o)
	case "symverb":
		v := m.words[p.pred.node]
		if !r.isSubjectType(s) || !r.isSubjectType(o) || g.child(v, "obj") >= 0 {
			return "", false, false
		}
		if _, form, _, ok := r.lx.AnalyzeVerb(g.word(v)); ok && form == lexicon.ThirdPerson {
			return "", false, false // "A and B meets" is no English: a noun ("NATO allies")
		}
		for _, vf := range r.lx.Verbs(g.word(v)) {
			if vf.Verb.Symmetric && r.typeOK(o, vf.Verb.Objects) {
				return vf.Verb.Past, true, true
			}
		}
		return "", false, false
	case "affiliation":
		if !r.isPerson(s) || d.Entities[o].Type != Organization {
			return "", false, false
		}
		if r.isParty(o) {
			return PredMemberOf, false, true
		}
		return PredWorksFor, false, true
	case "deverbal":
		n := m.words[p.pred.node]
		if p.pred.rel != "" {
			if n = g.child(n, p.pred.rel); n < 0 {
				return "", false, false
			}
		}
		if !r.isAgent(s) && !r.isCountry(s) || !r.isAgent(o) && !r.isCountry(o) {
			return "", false, false
		}
		rels := r.lx.NounRelations(g.word(n))
		if len(rels) == 0 {
			rels = r.lx.NounRelations(g.lemma[n-g.first])
		}
		if len(rels) == 0 {
			return "", false, false
		}
		return rels[0].Predicate, rels[0].Symmetric, true
	case "noun":
		n := m.words[p.pred.node]
		if !r.isAgent(s) && !r.isCountry(s) || !r.isAgent(o) && d.Entities[o].Type != Place && d.Entities[o].Type != Event {
			return "", false, false
		}
		rels := r.lx.NounRelations(g.word(n))
		if len(rels) == 0 {
			rels = r.lx.NounRelations(g.lemma[n-g.first])
		}
		for _, nr := range rels {
			if nr.Prep == prep {
				return nr.Predicate, nr.Symmetric || p.pred.sym, true
			}
		}
		return "", false, false
	case "role":
		n := m.words[p.pred.node]
		head := g.lemma[n-g.first]
		if head == "member" && r.isPerson(s) && d.Entities[o].Type == Organization {
			return PredMemberOf, false, true // "a member of the Harbour Party"
		}
		if _, ok := r.lx.Title(head); !ok {
			if _, ok := r.lx.Title(g.word(n)); !ok {
				return "", false, false
			}
		}
		if !r.isPerson(s) || nonStaffRoles[head] {
			return "", false, false
		}
		if d.Entities[o].Type != Organization && !(leaderHeadsOrg[head] && r.isCountry(o)) {
			return "", false, false
		}
		former := g.hasChildWord(n, "amod", formerWords) || g.hasChildWord(n, "advmod", formerWords)
		for _, e := range g.out[n-g.first] {
			if e.rel == "amod" || e.rel == "compound" {
				switch g.word(e.dep) {
				case "deputy", "assistant", "vice", "associate", "junior":
					head = "staff" // a deputy director does not lead
				}
			}
		}
		switch head {
		case "founder", "co-founder", "cofounder":
			return "founded", false, true // a founder need not lead it now
		case "member":
			return PredMemberOf, false, true
		}
		return affiliationPred(head, former), false, true
	}
	return "", false, false
}

// formerWords mark a title someone no longer holds.
var formerWords = map[string]bool{"former": true, "ex": true, "then": true, "onetime": true, "erstwhile": true, "late": true}

// verbPredicate names the relation a verb states with an object marked by prep ("" for a
// direct object): the relation lexicon's predicate, else for a verb WordNet says takes
// people or things, its past tense and the preposition.
func (r *relationFinder) verbPredicate(g *depGraph, v int, prep string, s, o int) (string, bool, bool) {
	d := r.d
	w := g.word(v)
	for _, vf := range r.lx.Verbs(w) {
		vb := vf.Verb
		for _, via := range vb.Via {
			if via.Prep != prep {
				continue
			}
			// two countries stand for their governments or their teams: "Sweden faced
			// South Korea", "Ruritania invaded Freedonia"
			if !r.typeOK(o, vb.Objects) && !(r.isCountry(s) && r.isCountry(o)) || !r.isSubjectType(s) {
				return "", false, false
			}
			return vb.Predicate(via), vb.Symmetric, true
		}
	}
	lemma, _, info, ok := r.lx.AnalyzeVerb(w)
	if !ok {
		return "", false, false
	}
	if nonRelationVerbs[lemma] || closedClass[w] {
		return "", false, false
	}
	if !r.isAgent(s) && !r.isCountry(s) {
		return "", false, false
	}
	if _, speech := r.lx.Speech(w); speech && info.Clause && d.Entities[o].Type != Event {
		if prep == "to" && r.isAgent(o) {
			return r.lx.Past(lemma) + "_to", false, true // "stated to the BBC": whom it was said to
		}
		return "", false, false // "announced Acme would …": the clause's subject is no object
	}
	past := r.lx.Past(lemma)
	if g.passive(v) || g.hasSubjRel(v, "nsubj:pass") {
		past = g.word(v) // a passive is named by its participle: "born_in", "held_in"
	}
	if prep == "" {
		if !info.Person && !info.Thing {
			return "", false, false
		}
		return past, false, true
	}
	ot := d.Entities[o].Type
	if ot == Place && (prep == "at" || prep == "in" || prep == "on") && !relationPatterns().classes["locative"][lemma] {
		return "", false, false // where something happened, a qualifier of its own
	}
	if obj := g.child(v, "obj"); obj >= 0 && r.wordEntity(obj) < 0 && relationPatterns().classes["receive"][lemma] &&
		len(r.lx.NounRelations(g.lemma[obj-g.first])) > 0 {
		return "", false, false // "received support from X": X supported, a pattern of its own
	}
	if obj := g.child(v, "obj"); obj >= 0 && r.wordEntity(obj) < 0 {
		// the verb has an object of its own: "signed a deal with X", "won damages from X",
		// "sold planes to X"; not "doubled the lead for X"
		if !objectPreps[prep] && !(prep == "to" && dativeVerbs[lemma]) {
			return "", false, false
		}
	}
	if ot == Event && (prep == "in" || prep == "at" || prep == "during") && !g.hasSubjRel(v, "nsubj:pass") {
		return "", false, false // "faced Bolt in the final": the event is where it happened
	}
	if relationPreps[prep] || prep == "in" && (ot == Organization || ot == Event || ot == Place) {
		if info.Freq == 0 && !info.Person && g.tag(v) != VERB {
			return "", false, false // a rare verb the tagger doubts: too often a noun
		}
		return past + "_" + prep, false, true
	}
	return "", false, false
}

// objectPreps introduce an entity that a verb with an object of its own relates to its
// subject: "signed a deal with X", "filed a complaint against X", "won damages from X".
var objectPreps = map[string]bool{"with": true, "against": true, "from": true}

// partyWords end the names of political parties and movements.
var partyWords = map[string]bool{
	"party": true, "democrats": true, "republicans": true, "conservatives": true, "greens": true,
	"labour": true, "socialists": true, "liberals": true, "camp": true, "front": true, "alliance": true,
	"movement": true, "league": true, "union": true, "congress": true,
}

// isParty reports whether organisation e is a party or a movement one belongs to.
func (r *relationFinder) isParty(e int) bool {
	f := strings.Fields(strings.ToLower(r.d.Entities[e].Name))
	return len(f) > 0 && partyWords[f[len(f)-1]]
}
