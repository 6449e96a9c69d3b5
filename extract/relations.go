package extract

import (
	"sort"
	"strings"

	"github.com/kg-news/kg/extract/lexicon"
)

// Predicates the relation stage states itself, beyond the verbs of the lexicon.
const (
	PredMet        = "met"
	PredAttended   = "attended"
	PredHeldIn     = "held_in"
	PredVisited    = "visited"
	PredCriticized = "criticized"
	PredInvited    = "invited"
	PredLeads      = "leads"
	PredLed        = "led"
	PredWorksFor   = "works_for"
	PredPlaysFor   = "plays_for"
	PredCaptains   = "captains"
	PredSpokeTo    = "spoke_to"
	PredInterview  = "gave_interview_to"
	PredMemberOf   = "member_of"
)

// possessorVerbs may take "X's <noun>" as a statement about X: "praised Keller's
// willingness", "echoed Keller's claim".
var possessorVerbs = map[string]bool{
	"praise": true, "echo": true, "welcome": true, "support": true, "back": true, "endorse": true,
	"hail": true, "applaud": true, "commend": true, "laud": true, "defend": true, "reject": true,
	"question": true, "oppose": true, "challenge": true, "dismiss": true,
}

// visitNouns name a journey: "Morozov's first trip to the U.S.".
var visitNouns = map[string]bool{
	"trip": true, "visit": true, "journey": true, "appearance": true, "return": true, "tour": true,
}

// leaderHeadsOrg are roles that run the organisation they are of.
var leaderHeadsOrg = map[string]bool{
	"director": true, "leader": true, "chief": true, "head": true, "chairman": true,
	"chairwoman": true, "chair": true, "chairperson": true, "president": true, "ceo": true,
	"boss": true, "founder": true, "co-founder": true, "owner": true, "manager": true,
	"coach": true, "governor": true, "commander": true, "director-general": true,
	"secretary-general": true, "executive": true, "premier": true,
}

// sportHeads are roles of players.
var sportHeads = map[string]bool{
	"striker": true, "midfielder": true, "defender": true, "goalkeeper": true, "keeper": true,
	"forward": true, "winger": true, "player": true, "batsman": true, "bowler": true,
	"captain": true, "skipper": true, "substitute": true, "centre": true, "full-back": true,
	"fly-half": true, "scrum-half": true, "flanker": true, "prop": true, "hooker": true, "lock": true,
	"wicketkeeper": true, "wicket-keeper": true, "all-rounder": true, "sprinter": true,
}

// relationFinder states the relations of one document.
type relationFinder struct {
	*analysis
	seen     map[relKey]int
	nextRef  []int  // scratch for verbs
	main     int    // entity of the article's main event, -1
	mainKind string // its kind: "meeting", "match", ...
	teams    map[int]bool
	quotesAt *quoteSpans // the quotations by position, for inQuote and quoteSpeaker
	verbTok  int         // while the general verb rule runs: its verb's token, else -1
	modalTok int         // while a word-order verb rule runs: its verb's token, whose clause the parse says is negated or modal; else -1
	rule     string      // the pass or pattern stating relations now, recorded on each
	modality string      // the modality of the relations stated now (Relation.Modality)
}

// as makes rule the rule of the relations stated until the returned function restores
// the one before: defer r.as("order:verb-lexicon")().
func (r *relationFinder) as(rule string) func() {
	prev := r.rule
	r.rule = rule
	return func() { r.rule = prev }
}

type relKey struct {
	s, o int
	p    string
}

// findRelations adds the relations the article states.
func (a *analysis) findRelations() {
	d := a.d
	r := &relationFinder{analysis: a, seen: map[relKey]int{}, main: -1, verbTok: -1, modalTok: -1}
	for e := range d.Entities {
		if d.Entities[e].Type == Event {
			r.main = e
			if ev, ok := r.lx.Event(headNoun(d.Entities[e].Name)); ok {
				r.mainKind = ev.Kind
			}
			break
		}
	}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		if s.Kind == Junk || s.Kind == Heading && s.TitleCase {
			continue
		}
		r.rule = "order:verb"
		r.verbs(si)
		r.rule = "order:nominal"
		r.nominal(si)
		r.rule = "order:event-place"
		r.eventPlaces(si)
		r.rule = "order:other-event-place"
		r.otherEventPlaces(si)
		r.rule = "order:co-participants"
		r.coParticipants(si)
		r.rule = "order:affiliation"
		r.affiliations(si)
		r.rule = "order:location"
		r.locations(si)
		r.rule = ""
		r.patternRelations(si)
	}
	r.rule = "order:role"
	r.roles()
	r.rule = "order:criticism"
	r.criticism()
	r.rule = "order:companions"
	r.companions()
	r.rule = ""
	r.filterEventPlaces()
}

// add records a relation once per subject, predicate, object and article; a symmetric
// relation once in either direction.
func (r *relationFinder) add(s, o int, pred string, sym bool, si int, quals []Qualifier) {
	d := r.d
	if s < 0 || o < 0 || s == o || pred == "" {
		return
	}
	pred = r.lx.USSpelling(pred)
	if r.fragment(s) || r.fragment(o) {
		return // "for Refugees", "Major": a piece of a name, or a title read as one
	}
	modality := r.modality
	if r.modalTok >= 0 && strings.HasPrefix(r.rule, "order:") {
		// the word-order rules read the verb; the parse says whether its clause is a fact
		neg, mod := r.clauseModality(r.modalTok, si)
		if neg || mod == ModalConditional {
			return
		}
		modality = mod
	}
	if r.verbTok >= 0 && r.rule == "order:verb-general" && !r.governs(r.verbTok, o, si) && !r.governs(r.verbTok, s, si) {
		return // the parse hangs neither end on the verb: "teams from X", "exhibits at X"
	}
	if sym && o < s {
		if _, ok := r.seen[relKey{o, s, pred}]; ok {
			return
		}
	}
	k := relKey{s, o, pred}
	if i, ok := r.seen[k]; ok {
		// keep the qualifiers and the rules of every statement of it; a plain statement
		// makes a planned one a fact
		rel := &d.Relations[i]
		for _, q := range quals {
			if !hasQual(rel.Qualifiers, q) {
				rel.Qualifiers = append(rel.Qualifiers, q)
			}
		}
		if r.rule != "" && !contains(rel.Rules, r.rule) {
			rel.Rules = append(rel.Rules, r.rule)
		}
		if modality == "" && rel.Modality != "" {
			rel.Modality, rel.Sentence = "", si
		}
		return
	}
	r.seen[k] = len(d.Relations)
	rel := Relation{Subject: s, Object: o, Predicate: pred, Symmetric: sym, Sentence: si, Qualifiers: quals, Modality: modality}
	if r.rule != "" {
		rel.Rules = []string{r.rule}
	}
	d.Relations = append(d.Relations, rel)
	// "joined Riverside from Hillcrest": the subject left the club named after "from"
	if movePredicates[pred] {
		for _, q := range quals {
			if q.Prep == "from" && q.Entity != o && q.Entity != s && d.Entities[q.Entity].Type == Organization {
				restore := r.as(r.rule + "+from")
				r.add(s, q.Entity, "left", false, si, nil)
				restore()
			}
		}
	}
}

// movePredicates move someone from one organisation to another.
var movePredicates = map[string]bool{
	"joined": true, "signed_for": true, "signed": true, "moved_to": true, "transferred_to": true,
	"switched_to": true, "returned_to": true, "rejoined": true,
}

func hasQual(qs []Qualifier, q Qualifier) bool {
	for _, x := range qs {
		if x == q {
			return true
		}
	}
	return false
}

func maskOf(t Type) lexicon.TypeMask {
	switch t {
	case Person:
		return lexicon.MaskPerson
	case Organization:
		return lexicon.MaskOrg
	case Place:
		return lexicon.MaskPlace
	case Event:
		return lexicon.MaskEvent
	}
	return 0
}

func (r *relationFinder) typeOK(e int, mask lexicon.TypeMask) bool {
	if e < 0 {
		return false
	}
	ent := &r.d.Entities[e]
	if maskOf(ent.Type)&mask != 0 {
		return true
	}
	// a place named only by its head word ("Hillcrest City") may be a club or a firm; a
	// country or town a player is named with is his team
	return ent.Type == Place && mask&lexicon.MaskOrg != 0 && (ent.Strength < 3 || r.isTeam(e))
}

// isTeam reports whether entity e is the team of a player or coach of the article.
func (r *relationFinder) isTeam(e int) bool {
	if r.teams == nil {
		r.teams = map[int]bool{}
		for p := range r.d.Entities {
			if t := r.teamOf(p); t >= 0 {
				r.teams[t] = true
			}
		}
	}
	return r.teams[e]
}

// verbs reads the clauses of sentence si around relation verbs and verb phrases.
func (r *relationFinder) verbs(si int) {
	d := r.d
	s := &d.Sentences[si]
	// a relation needs a named object after its verb
	last := -1
	for k := s.End - 1; k >= s.First; k-- {
		if r.mentionAt[k] >= 0 || pronounGender(r.word(k)) != 0 || r.word(k) == "other" || r.word(k) == "another" {
			last = k
			break
		}
	}
	// the nearest name or pronoun after each token: a verb needs one soon after it
	if cap(r.nextRef) < s.End-s.First+1 {
		r.nextRef = make([]int, s.End-s.First+1)
	}
	next := r.nextRef[:s.End-s.First+1]
	next[s.End-s.First] = s.End + 100
	for k := s.End - 1; k >= s.First; k-- {
		next[k-s.First] = next[k-s.First+1]
		if w := r.word(k); r.mentionAt[k] >= 0 || pronounGender(w) != 0 || w == "other" || w == "another" || w == "they" || w == "them" || w == "it" {
			next[k-s.First] = k
		}
	}
	for v := s.First; v < last; v++ {
		t := &d.Tokens[v]
		if t.Kind != Word || r.mentionAt[v] >= 0 && d.Mentions[r.mentionAt[v]].Kind == NameMention {
			continue
		}
		if next[v-s.First+1]-v > 14 {
			continue // no name close enough after it to be its object or agent
		}
		if r.inQuote(v) && r.quoteSpeaker(v) < 0 {
			continue // inside a quotation nobody is known to have said
		}
		if groupNouns[t.Lower] && v > s.First && r.mentionAt[v-1] >= 0 {
			continue // "NATO allies": a noun
		}
		if ph, end := r.phraseAt(v, s.End); ph != nil {
			r.phraseRelation(si, v, end, ph)
			continue
		}
		vfs := r.lx.Verbs(t.Lower)
		if len(vfs) == 0 && r.word(v+1) == "by" {
			// "majority-owned by", "jointly-run by": the participle after the hyphen
			if i := strings.LastIndexByte(t.Lower, '-'); i > 0 {
				vfs = r.lx.Verbs(t.Lower[i+1:])
			}
		}
		found := false
		for _, vf := range vfs {
			if r.verbRelation(si, v, vf) {
				found = true
				break
			}
		}
		if !found {
			// a verb the lexicon does not know, or one whose object the lexicon does not
			// read: "won £90,000 in damages from X"
			r.generalVerb(si, v, len(vfs) > 0)
		}
	}
}

// inQuote reports whether token k is inside a quotation the quotes stage attributed.
func (r *relationFinder) inQuote(k int) bool {
	if r.quotation(r.d.Tokens[k].Start) >= 0 {
		return true
	}
	// inside quotation marks, attributed or not
	s := &r.d.Sentences[r.sentenceOf(k)]
	open := false
	for j := s.First; j < k; j++ {
		if t := &r.d.Tokens[j]; t.Kind == Quote {
			open = t.Has(Open)
		}
	}
	return open
}

// quoteSpeaker returns the speaker of the attributed quotation around token k, or -1.
func (r *relationFinder) quoteSpeaker(k int) int {
	if q := r.quotation(r.d.Tokens[k].Start); q >= 0 {
		return r.d.Quotes[q].Speaker
	}
	return -1
}

// quoteSpans are the quotations of a document sorted by start, when no two overlap, for
// a binary search instead of a scan of every quotation from every verb.
type quoteSpans struct {
	order    []int // quotation indices by start
	disjoint bool
}

// quotation returns the first quotation (in document order of d.Quotes) whose span holds
// byte offset off, or -1.
func (r *relationFinder) quotation(off int) int {
	qs := r.d.Quotes
	if r.quotesAt == nil {
		x := &quoteSpans{order: make([]int, len(qs)), disjoint: true}
		for i := range x.order {
			x.order[i] = i
		}
		sort.SliceStable(x.order, func(a, b int) bool { return qs[x.order[a]].Start < qs[x.order[b]].Start })
		for i := 1; i < len(x.order); i++ {
			if qs[x.order[i]].Start < qs[x.order[i-1]].End {
				x.disjoint = false
			}
		}
		r.quotesAt = x
	}
	if !r.quotesAt.disjoint {
		for i, q := range qs {
			if off >= q.Start && off < q.End {
				return i
			}
		}
		return -1
	}
	order := r.quotesAt.order
	// the last quotation starting at or before off is the only one that can hold it
	j := sort.Search(len(order), func(i int) bool { return qs[order[i]].Start > off }) - 1
	if j >= 0 && off < qs[order[j]].End {
		return order[j]
	}
	return -1
}

// verbRelation states what the clause around the verb form at token v says, in the
// active or the passive voice. It reports whether it found a relation.
func (r *relationFinder) verbRelation(si, v int, vf lexicon.VerbForm) bool {
	defer r.as("order:verb-lexicon")()
	defer r.atVerb(v)()
	d := r.d
	vb := vf.Verb
	if vf.Form == lexicon.Base && v-1 >= d.Sentences[si].First && determiners[r.word(v-1)] {
		return false // a noun: "the attack", "a visit"
	}
	if (vf.Form == lexicon.ParticipleForm || vf.Form == lexicon.PastForm) && r.passiveAt(v) {
		if !vb.Passive {
			return false
		}
		agents, after := r.byAgents(v + 1)
		if len(agents) == 0 {
			return r.colonList(si, v, vb)
		}
		objs, neg := r.subjectOf(v)
		if neg {
			return false
		}
		found := false
		for _, o := range objs {
			if !r.typeOK(o, vb.Objects) {
				continue
			}
			quals := r.qualifiers(after, si)
			for _, s := range agents {
				if r.isSubjectType(s) {
					r.add(s, o, vb.Past, vb.Symmetric, si, quals)
					found = true
				}
			}
		}
		return found
	}
	if vf.Form == lexicon.ParticipleForm && vb.Participle != vb.Past {
		return false // "has beaten" without a subject to hand is rare; "beaten by" is passive
	}
	subjects, neg := r.subjectOf(v)
	if neg || len(subjects) == 0 {
		if vf.Form == lexicon.Gerund && !neg && !r.describesTitle(v) {
			// "…, thanking Keller": the subject of the main verb
			if fv := r.finiteVerbBefore(v); fv >= 0 {
				subjects, neg = r.subjectOf(fv)
			}
			// "is closing in on signing X", "is close to buying X": the subject of the
			// verb or adjective the preposition completes
			if len(subjects) == 0 && !neg {
				if hv := r.headBeforePreposition(v); hv >= 0 {
					subjects, neg = r.subjectOf(hv)
				}
			}
		}
		if neg || len(subjects) == 0 {
			return false
		}
	}
	k := v + 1
	for k < d.Sentences[si].End && (adverbs[r.word(k)] || strings.HasSuffix(r.word(k), "ly") && r.mentionAt[k] < 0 && d.Tokens[k].Kind == Word) {
		k++
	}
	found := false
	r.avoid = subjects
	defer func() { r.avoid = nil }()
	for _, via := range vb.Via {
		objs, after := r.objects(k, via.Prep, si, possessorVerbs[vb.Lemma] || vb.Critical)
		if len(objs) == 0 {
			continue
		}
		quals := r.qualifiers(after, si)
		pred := vb.Predicate(via)
		if vb.Lemma == "welcome" && hasPlaceQual(d, quals, "to") {
			// "would welcome X to Vienna" is an invitation, made in saying so: a fact,
			// whatever the "would"
			pred = PredInvited
			defer r.atVerb(-1)()
		}
		for _, o := range objs {
			if resultVerbs[vb.Lemma] {
				// a contest between sides: a player's result is his team's
				for _, s := range subjects {
					if t := r.sideOf(s, o); t >= 0 {
						r.add(t, o, pred, vb.Symmetric, si, quals)
						found = true
					}
				}
				continue
			}
			if !r.typeOK(o, vb.Objects) {
				continue
			}
			for _, s := range subjects {
				if r.isSubjectType(s) {
					r.add(s, o, pred, vb.Symmetric, si, quals)
					found = true
				}
			}
		}
		if vb.Symmetric && (vb.Lemma == "meet" || vb.Lemma == "talk") && r.main >= 0 && r.mainKind == "meeting" {
			for _, o := range objs {
				r.add(o, r.main, PredAttended, false, si, nil)
			}
			for _, s := range subjects {
				r.add(s, r.main, PredAttended, false, si, nil)
			}
		}
		break
	}
	// "Ruiz and Webb met": a symmetric verb with two subjects and no object
	if !found && vb.Symmetric && len(subjects) > 1 {
		for i := 0; i < len(subjects); i++ {
			for j := i + 1; j < len(subjects); j++ {
				r.add(subjects[j], subjects[i], vb.Past, true, si, nil)
				found = true
			}
		}
	}
	return found
}

func hasPlaceQual(d *Document, qs []Qualifier, prep string) bool {
	for _, q := range qs {
		if q.Prep == prep && d.Entities[q.Entity].Type == Place {
			return true
		}
	}
	return false
}

func (r *relationFinder) isSubjectType(e int) bool {
	if e < 0 {
		return false
	}
	t := r.d.Entities[e].Type
	return t == Person || t == Organization || t == Place
}

// passiveAt reports whether the participle at v is in the passive voice: after a form of
// "be", or after a comma and before "by" ("Keller, accompanied by Ruiz,").
func (r *relationFinder) passiveAt(v int) bool {
	s := &r.d.Sentences[r.sentenceOf(v)]
	k := v - 1
	for k >= s.First && (adverbs[r.word(k)] || strings.HasSuffix(r.word(k), "ly") && r.mentionAt[k] < 0) {
		k--
	}
	if k >= s.First && beForms[r.word(k)] {
		return true
	}
	return r.word(v+1) == "by" && k >= s.First && r.word(k) == ","
}

// byAgents reads "by A and B" after a passive verb, perhaps after a short phrase ("sued
// for libel by X").
func (r *relationFinder) byAgents(k int) ([]int, int) {
	d := r.d
	s := &d.Sentences[r.sentenceOf(k)]
	for j := k; j < s.End && j < k+4; j++ {
		if r.word(j) == "by" {
			if out, after := r.objects(j+1, "", r.sentenceOf(k), false); len(out) > 0 {
				return out, after
			}
			// "formed by a three-way merger between A, B and C"
			n := j + 1
			for n < s.End && n < j+6 && d.Tokens[n].Kind == Word && !d.Tokens[n].Has(Cap) && r.mentionAt[n] < 0 && !prepositions[r.word(n)] {
				n++
			}
			if n > j+1 && (r.word(n) == "between" || r.word(n) == "of") && len(r.lx.NounRelations(r.word(n-1))) > 0 {
				return r.objects(n+1, "", r.sentenceOf(k), false)
			}
			return nil, k
		}
		if r.mentionAt[j] >= 0 || r.word(j) == "," || isVerbish(r.lx, r.word(j)) {
			break
		}
	}
	return nil, k
}

// colonList reads "were accompanied by aides: A and B for X, and C for Y".
func (r *relationFinder) colonList(si, v int, vb *lexicon.Verb) bool {
	defer r.as("order:colon-list")()
	d := r.d
	s := &d.Sentences[si]
	k := v + 1
	if r.word(k) != "by" {
		return false
	}
	for k < s.End && r.word(k) != ":" {
		if r.mentionAt[k] >= 0 || k-v > 6 {
			return false
		}
		k++
	}
	if k >= s.End {
		return false
	}
	found := false
	var group []int
	for j := k + 1; j < s.End; j++ {
		w := r.word(j)
		if w == "for" {
			if o := r.entityAt(j + 1); o >= 0 && r.typeOK(o, vb.Objects) {
				for _, a := range group {
					r.add(a, o, vb.Past, vb.Symmetric, si, nil)
					found = true
				}
			}
			group = nil
			if mi := r.mentionOf(j + 1); mi >= 0 {
				j = d.Mentions[mi].End - 1
			}
			continue
		}
		if mi := r.mentionAt[j]; mi >= 0 {
			if e := d.Mentions[mi].Entity; e >= 0 && r.isAgent(e) {
				group = append(group, e)
			}
			j = d.Mentions[mi].End - 1
		}
	}
	return found
}

// objects reads the object noun phrases at token k: after the preposition prep when it
// is not empty, coordinated ones included ("Kovalenko and NATO leaders").
func (r *relationFinder) objects(k int, prep string, si int, possessor bool) ([]int, int) {
	d := r.d
	s := &d.Sentences[si]
	if prep != "" {
		if r.word(k) != prep {
			return nil, k
		}
		k++
		if prep == "to" && r.isInfinitive(k) {
			return nil, k // "aiming to earn", "combining to send"
		}
	}
	var out []int
	for k < s.End {
		if r.word(k) == "the" && k+1 < s.End && r.mentionAt[k] < 0 && (r.mentionAt[k+1] >= 0 || r.describesName(k+1, s.End)) {
			k++ // "the Chronicle", "the injured John Doe"
		}
		// a role in apposition: "the referee, Kevin Dunn,"
		if (r.word(k) == "the" || r.word(k) == "a" || r.word(k) == "an") && r.mentionAt[k] < 0 {
			j := k + 1
			for j < s.End && j < k+5 && d.Tokens[j].Kind == Word && !d.Tokens[j].Has(Cap) && r.mentionAt[j] < 0 {
				j++
			}
			if j > k+1 && j+1 < s.End && r.word(j) == "," && r.isRoleWord(r.word(j-1)) && r.mentionAt[j+1] >= 0 {
				k = j + 1
			}
		}
		// "the Greek island of Kos", "the city of Marlow"
		if r.mentionAt[k] < 0 {
			j := k
			if r.word(j) == "the" {
				j++
			}
			for j < s.End && j < k+4 && r.mentionAt[j] < 0 && d.Tokens[j].Kind == Word && !r.lx.IsPlaceWord(r.word(j)) && !functionWords[r.word(j)] && !isVerbish(r.lx, r.word(j)) {
				j++
			}
			if j+2 < s.End && r.lx.IsPlaceWord(r.word(j)) && !d.Tokens[j].Has(Cap) && r.word(j+1) == "of" && r.mentionAt[j+2] >= 0 && d.Mentions[r.mentionAt[j+2]].First == j+2 {
				k = j + 2
			}
		}
		// "his Budget", "their side": a possessive pronoun before a name
		if (r.word(k) == "his" || r.word(k) == "her" || r.word(k) == "its" || r.word(k) == "their") && k+1 < s.End && r.mentionAt[k+1] >= 0 && r.mentionAt[k] < 0 &&
			d.Mentions[r.mentionAt[k+1]].First == k+1 {
			k++
		}
		// adjectives and descriptions before a name: "anti-tax Green councillor Nora Vale",
		// "former palace chef Tom Ridley"
		if r.mentionAt[k] < 0 {
			j := k
			for j < s.End && j < k+4 && r.mentionAt[j] < 0 && d.Tokens[j].Kind == Word &&
				!functionWords[r.word(j)] && (!isVerbish(r.lx, r.word(j)) || j == k && strings.HasSuffix(r.word(j), "ed") && determiners[r.word(j-1)]) &&
				!pronounWords[r.word(j)] && !prepositions[r.word(j)] {
				j++ // "the injured John Doe": a participle after "the" describes
			}
			if j > k && j < s.End && r.mentionAt[j] >= 0 && d.Mentions[r.mentionAt[j]].Kind == NameMention {
				k = j
			}
		}
		// "Malaysian-born tycoon X", "Ruritania entrepreneur X": a place or body that
		// describes the person named after a role
		if pm := r.mentionAt[k]; pm >= 0 && d.Mentions[pm].First == k && d.Mentions[pm].Kind == NameMention && !d.Mentions[pm].Possessive &&
			d.Mentions[pm].Entity >= 0 && !r.isPerson(d.Mentions[pm].Entity) {
			j, role := d.Mentions[pm].End, false
			for j < s.End && j < d.Mentions[pm].End+3 && r.mentionAt[j] < 0 && d.Tokens[j].Kind == Word && !d.Tokens[j].Has(Cap) && !functionWords[r.word(j)] && !isVerbish(r.lx, r.word(j)) {
				role = role || r.isRoleWord(r.word(j))
				j++
			}
			if n := r.mentionOf(j); role && j < s.End && n >= 0 && d.Mentions[n].First == j && d.Mentions[n].Kind == NameMention && r.isPerson(d.Mentions[n].Entity) {
				k = j
			}
		}
		mi := r.mentionAt[k]
		var e, end int
		switch {
		case mi >= 0 && d.Mentions[mi].First == k || mi >= 0 && d.Mentions[mi].Kind == EventMention:
			m := &d.Mentions[mi]
			e, end = m.Entity, m.End
			if m.Possessive {
				end++ // the 's
				// "Westbury's new Sheikh Ali International Airport": the possessed name
				j := end
				for j < s.End && j < end+3 && d.Tokens[j].Kind == Word && !d.Tokens[j].Has(Cap) && r.mentionAt[j] < 0 && !functionWords[r.word(j)] && !isVerbish(r.lx, r.word(j)) {
					j++
				}
				if pm := r.mentionOf(j); j < s.End && pm >= 0 && d.Mentions[pm].First == j && d.Mentions[pm].Kind == NameMention && d.Mentions[pm].Entity >= 0 && !r.isPerson(d.Mentions[pm].Entity) {
					e, end = d.Mentions[pm].Entity, d.Mentions[pm].End
					break
				}
				if !possessor {
					return out, k
				}
				// "Keller's willingness": skip the possessed noun phrase
				for end < s.End && d.Tokens[end].Kind == Word && !d.Tokens[end].Has(Cap) && r.mentionAt[end] < 0 && !isVerbish(r.lx, r.word(end)) && r.word(end) != "and" && r.word(end) != "for" {
					end++
				}
			}
		case teamNouns[r.word(k+1)] && (r.word(k) == "his" || r.word(k) == "her"):
			if e, end = r.ownTeam(k); e < 0 {
				return out, k
			}
		case pronounGender(r.word(k)) != 0 && (r.word(k) == "him" || r.word(k) == "her" && !r.isDeterminerUse(k)):
			e, end = r.pronoun(k), k+1
		default:
			return out, k
		}
		if end < s.End && (auxiliaries[r.word(end)] || isVerbish(r.lx, r.word(end)) && !groupNouns[r.word(end)] && r.word(end) != "to" && !(r.isBaseForm(end) && e >= 0 && d.Entities[e].Type == Event)) && prep == "" && len(out) == 0 {
			return nil, k // "decide Russia is …": the subject of a clause, not an object
		}
		if e >= 0 && mi >= 0 && d.Entities[e].Type == Place && end < s.End && !d.Mentions[mi].Possessive && r.modifiesNoun(end) {
			return out, k // "its US box office takings": the place only describes the object
		}
		if e >= 0 {
			out = append(out, e)
		}
		// a group noun after an organisation or place: "NATO leaders"
		if end < s.End && groupNouns[r.word(end)] {
			end++
		}
		k = end
		// coordination
		if k < s.End && (r.word(k) == "and" || r.word(k) == ",") {
			j := k + 1
			if r.word(k) == "," && r.word(j) == "and" {
				j++
			}
			if j < s.End && (r.mentionAt[j] >= 0 || r.word(j) == "the" && j+1 < s.End && r.mentionAt[j+1] >= 0 || r.describesName(j, s.End)) &&
				!(r.word(k) == "," && j == k+1 && r.opensClauseAfterComma(j, s.End)) {
				k = j
				continue
			}
		}
		break
	}
	return out, k
}

// opensClauseAfterComma reports whether the name at token j (after "the") is the subject of
// a clause of its own ("…, the Acme radio station reported"), not the next of a list.
func (r *relationFinder) opensClauseAfterComma(j, end int) bool {
	d := r.d
	if r.word(j) == "the" {
		j++
	}
	mi := r.mentionOf(j)
	if mi < 0 {
		return false
	}
	k := d.Mentions[mi].End
	for n := 0; k < end && n < 3 && d.Tokens[k].Kind == Word && !d.Tokens[k].Has(Cap) && r.mentionAt[k] < 0 && !isVerbish(r.lx, r.word(k)) && !functionWords[r.word(k)]; n++ {
		k++ // "radio station"
	}
	if k >= end || d.Tokens[k].Kind != Word || r.mentionAt[k] >= 0 {
		return false
	}
	w := r.word(k)
	if _, ok := r.lx.Speech(w); ok {
		return true
	}
	return auxiliaries[w] && w != "'s" && w != "’s"
}

// qualifiers reads prepositional phrases naming entities after the object: "to Vienna",
// "in Geneva".
func (r *relationFinder) qualifiers(k, si int) []Qualifier {
	d := r.d
	s := &d.Sentences[si]
	var out []Qualifier
	for j := k; j < s.End && j < k+12; j++ {
		w := r.word(j)
		if w == "that" || w == ";" || w == ":" || d.Tokens[j].Kind == Quote || isVerbish(r.lx, w) && r.mentionAt[j] < 0 || clauseOpeners[w] {
			break
		}
		switch w {
		case "to", "in", "at", "from", "for", "on", "about", "with", "against", "during", "over":
			n := j + 1
			if r.word(n) == "the" {
				n++
			}
			if mi := r.mentionOf(n); mi >= 0 && d.Mentions[mi].Entity >= 0 && d.Mentions[mi].Kind != NominalMention {
				out = append(out, Qualifier{Prep: w, Entity: d.Mentions[mi].Entity})
				j = d.Mentions[mi].End - 1
			}
		}
	}
	return out
}

// phraseAt matches a multiword verb phrase starting at token v ("paid tribute to").
func (r *relationFinder) phraseAt(v, end int) (*lexicon.Phrase, int) {
	lemma := r.lx.PhraseLemma(r.word(v))
	if lemma == "" {
		return nil, 0
	}
	for _, ph := range r.lx.Phrases(lemma) {
		k := v + 1
		ok := true
		for _, w := range ph.Words[1:] {
			for k < end && (r.word(k) == "a" || r.word(k) == "an" || r.word(k) == "the" || r.word(k) == "some" || r.word(k) == "their" || r.word(k) == "his" || r.word(k) == "her") && r.word(k) != w {
				k++
			}
			// an adjective before a noun of the phrase: "a post-summit interview"
			if k < end && r.word(k) != w && r.analysis.d.Tokens[k].Has(Hyphen) && r.word(k+1) == w {
				k++
			}
			if k >= end || r.word(k) != w {
				ok = false
				break
			}
			k++
		}
		if ok {
			return ph, k
		}
	}
	return nil, 0
}

// phraseRelation states the relation of a verb phrase ending at token end, whose last
// word introduced the object.
func (r *relationFinder) phraseRelation(si, v, end int, ph *lexicon.Phrase) {
	defer r.as("order:verb-phrase")()
	defer r.atVerb(v)()
	subjects, neg := r.subjectOf(v)
	if neg || len(subjects) == 0 {
		if strings.HasSuffix(r.word(v), "ing") {
			if fv := r.finiteVerbBefore(v); fv >= 0 {
				subjects, neg = r.subjectOf(fv)
			}
		}
		if neg || len(subjects) == 0 {
			return
		}
	}
	if (r.word(end) == "each" && r.word(end+1) == "other" || r.word(end) == "one" && r.word(end+1) == "another") && len(subjects) > 1 {
		// "they showered praise on each other"
		for _, a := range subjects {
			for _, b := range subjects {
				if a != b {
					r.add(a, b, ph.Predicate, ph.Symmetric, si, nil)
				}
			}
		}
		return
	}
	r.avoid = subjects
	objs, after := r.objects(end, "", si, false)
	r.avoid = nil
	quals := r.qualifiers(after, si)
	for _, o := range objs {
		if !r.typeOK(o, ph.Objects) {
			continue
		}
		for _, s := range subjects {
			if r.isSubjectType(s) {
				r.add(s, o, ph.Predicate, ph.Symmetric, si, quals)
			}
		}
	}
}

// nominal reads relations stated by nouns: "the meeting between A and B", "A's talks
// with B", "A's first trip to the U.S.", "a visit by A to Vienna", "A's remarks to Fox
// News", "in a Fox News interview, he …", "the delegation included A, B and C".
func (r *relationFinder) nominal(si int) {
	d := r.d
	s := &d.Sentences[si]
	names := 0
	for k := s.First; k < s.End && names < 2; k++ {
		if mi := r.mentionAt[k]; mi >= 0 && d.Mentions[mi].First == k || pronounGender(r.word(k)) != 0 {
			names++
		}
	}
	if names < 2 {
		return // a relation needs two of them
	}
	for k := s.First; k < s.End; k++ {
		w := r.word(k)
		mi := r.mentionAt[k]
		r.nounRelations(si, k)
		switch {
		case mi >= 0 && d.Mentions[mi].Kind == EventMention && d.Mentions[mi].End-1 == k:
			r.eventNoun(si, mi)
		case visitNouns[w] && (mi < 0 || d.Mentions[mi].Kind != NameMention):
			r.visit(si, k)
		case w == "interview" || w == "interviews":
			r.interview(si, k)
		case w == "win" || w == "victory" || w == "triumph" || w == "defeat" || w == "loss":
			r.result(si, k)
		case scoringNouns[w] && (r.word(k+1) == "from" || r.word(k+1) == "by"):
			r.scorers(si, k)
		case w == "remarks" || w == "comments" || w == "statement":
			if r.word(k+1) == "to" {
				if o := r.entityAt(k + 2); o >= 0 && r.d.Entities[o].Type == Organization {
					if p := r.possessorBefore(k); p >= 0 && r.isPerson(p) {
						r.add(p, o, PredSpokeTo, false, si, nil)
					}
				}
			}
		case w == "delegation" && r.main >= 0:
			j := k + 1
			if r.word(j) == "included" || r.word(j) == "includes" || r.word(j) == "comprised" {
				objs, _ := r.objects(j+1, "", si, false)
				for _, o := range objs {
					if r.isPerson(o) {
						r.add(o, r.main, PredAttended, false, si, nil)
					}
				}
			}
		}
	}
}

// possessorBefore returns the entity that owns the noun phrase ending before token k
// ("Keller's pre-summit remarks"), or -1.
func (r *relationFinder) possessorBefore(k int) int {
	d := r.d
	s := &d.Sentences[r.sentenceOf(k)]
	for j := k - 1; j >= s.First && j >= k-4; j-- {
		if d.Tokens[j].Kind == Poss {
			return r.entityAt(j - 1)
		}
		if d.Tokens[j].Kind != Word || r.mentionAt[j] >= 0 {
			return -1
		}
	}
	return -1
}

// eventNoun reads "meeting between A and B" and "A's summit with B" around the event
// mention mi, and says its participants attended it.
func (r *relationFinder) eventNoun(si, mi int) {
	defer r.as("order:event-noun")()
	d := r.d
	m := &d.Mentions[mi]
	if m.Entity < 0 {
		return
	}
	if ev, ok := r.lx.Event(headNoun(m.Text(d.Text))); !ok || ev.Kind != "meeting" {
		return // "the deal between A and B" is no meeting (nouns.tsv reads it)
	}
	k := m.End
	var parts []int
	switch r.word(k) {
	case "between":
		objs, _ := r.objects(k+1, "", si, false)
		parts = objs
	case "with":
		objs, _ := r.objects(k+1, "", si, false)
		var host []int
		if p := r.possessorBefore(m.First + 1); p >= 0 {
			host = []int{p}
		} else if m.First-1 >= 0 && d.Tokens[m.First].Kind == Word {
			// "X departed the summit with Y": the subject of the verb before
			if fv := r.finiteVerbBefore(m.First); fv >= 0 && fv >= d.Sentences[si].First {
				host, _ = r.subjectOf(fv)
			}
		}
		if len(host) == 1 && len(objs) > 0 {
			parts = append(host, objs...)
		}
	}
	var people []int
	for _, p := range parts {
		if r.isAgent(p) {
			people = append(people, p)
		}
	}
	if len(people) < 2 {
		return
	}
	for i := 0; i < len(people); i++ {
		for j := i + 1; j < len(people); j++ {
			r.add(people[i], people[j], PredMet, true, si, nil)
		}
		if m.Entity == r.main {
			r.add(people[i], m.Entity, PredAttended, false, si, nil)
		}
	}
}

// visit reads "A's first trip to Place" and "a visit by A to Place".
func (r *relationFinder) visit(si, k int) {
	defer r.as("order:visit-noun")()
	d := r.d
	var who int = -1
	j := k + 1
	if r.word(j) == "by" {
		who = r.entityAt(j + 1)
		if mi := r.mentionOf(j + 1); mi >= 0 {
			j = d.Mentions[mi].End
		}
	} else {
		who = r.possessorBefore(k)
	}
	if r.word(j) != "to" && r.word(j) != "in" {
		return
	}
	if who < 0 {
		// "X began a three-day visit to Y", "X paid a visit to Y", "during his trip to Y"
		if agents := r.nounAgents(si, k, j); len(agents) == 1 {
			who = agents[0]
		}
	}
	if who < 0 || !r.isAgent(who) {
		return
	}
	n := j + 1
	if r.word(n) == "the" {
		n++
	}
	if p := r.entityAt(n); p >= 0 && d.Entities[p].Type == Place {
		r.add(who, p, PredVisited, false, si, nil)
	}
}

// result reads the outcome of a contest named by a noun: "a win over Borders", "Ulster's
// victory against X", "a defeat by X", "the loss to X".
func (r *relationFinder) result(si, k int) {
	defer r.as("order:result-noun")()
	d := r.d
	w, p := r.word(k), r.word(k+1)
	other := -1
	if p == "over" || p == "against" || p == "by" || p == "to" {
		objs, _ := r.objects(k+2, "", si, false)
		if len(objs) == 0 {
			return
		}
		other = objs[0]
	} else {
		return
	}
	who := r.possessorBefore(k)
	if who < 0 && (r.word(k-1) == "their" || r.word(k-2) == "their") {
		who = r.teamBefore(k) // "his side … their first win over X"
	}
	if who < 0 {
		who = r.sentenceSubject(si)
	}
	if who < 0 || who == other || !r.isAgent(who) && d.Entities[who].Type != Place {
		return
	}
	if who = r.sideOf(who, other); who < 0 {
		return
	}
	switch {
	case (w == "defeat" || w == "loss") && (p == "by" || p == "to"):
		r.add(other, who, "beat", false, si, nil)
	case w != "defeat" && w != "loss" && (p == "over" || p == "against"):
		r.add(who, other, "beat", false, si, nil)
	}
}

// headBeforePreposition returns the verb or predicative adjective that a preposition
// before the gerund at token v completes ("closing in on signing", "close to buying",
// "interested in acquiring"), or -1.
func (r *relationFinder) headBeforePreposition(v int) int {
	d := r.d
	s := &d.Sentences[r.sentenceOf(v)]
	p := v - 1
	if p <= s.First || !prepositions[r.word(p)] {
		return -1
	}
	for j := p - 1; j >= s.First && j >= p-3; j-- {
		t := &d.Tokens[j]
		w := r.word(j)
		if t.Kind != Word || r.mentionAt[j] >= 0 {
			return -1
		}
		if particles[w] || w == "in" || w == "close" {
			continue // "closing in on", "set up for"
		}
		if j-1 >= s.First && beForms[r.word(j-1)] && (strings.HasSuffix(w, "ing") || !isVerbish(r.lx, w)) {
			return j // "is closing", "is close", "are interested"
		}
		return -1
	}
	return -1
}

// sideOf returns the side that subject s stands for in a contest with o: s itself when
// both are people or both are teams, else the team of the player or coach s; -1 when a
// person's team is unknown or the sides cannot meet.
func (r *relationFinder) sideOf(s, o int) int {
	if s < 0 || o < 0 || s == o {
		return -1
	}
	ts, to := r.d.Entities[s].Type, r.d.Entities[o].Type
	if ts == Event || to == Event {
		return -1
	}
	if (ts == Person) == (to == Person) {
		return s
	}
	if ts == Person {
		return r.teamOf(s)
	}
	return -1
}

// interview reads "a Fox News interview" and "an interview with/on/to Fox News", given by
// the subject of the clause or the possessor.
func (r *relationFinder) interview(si, k int) {
	defer r.as("order:interview-noun")()
	d := r.d
	org := -1
	if k-1 >= 0 {
		if mi := r.mentionAt[k-1]; mi >= 0 && d.Mentions[mi].End == k {
			org = d.Mentions[mi].Entity
		}
	}
	if org < 0 {
		w := r.word(k + 1)
		if w == "with" || w == "on" || w == "to" {
			org = r.entityAt(k + 2)
		}
	}
	if org < 0 || d.Entities[org].Type != Organization {
		return
	}
	who := r.possessorBefore(k)
	if who < 0 {
		who = r.sentenceSubject(si)
	}
	if r.isPerson(who) {
		r.add(who, org, PredInterview, false, si, nil)
	}
}

// eventPlaces states where the main event took place: "the summit in Geneva", "Held at
// X in Y, the summit", "the meeting … opened … at X", "they meet in Ontario".
func (r *relationFinder) eventPlaces(si int) {
	if r.main < 0 {
		return
	}
	d := r.d
	s := &d.Sentences[si]
	var places []int
	subj := r.sentenceSubject(si) == r.main
	for k := s.First; k < s.End; k++ {
		mi := r.mentionAt[k]
		if mi >= 0 && d.Mentions[mi].Entity == r.main && d.Mentions[mi].End-1 == k || k == s.First && (r.word(k) == "held" || r.word(k) == "hosted" || r.word(k) == "staged") {
			n := 3 // "the summit in Geneva"
			if subj {
				n = s.End - k
			}
			places = append(places, placesAfter(d, k+1, si, n)...)
		}
		if r.word(k) == "meet" || r.word(k) == "met" {
			places = append(places, placesAfter(d, k+1, si, 3)...)
		}
	}
	if r.word(s.First) == "held" || r.word(s.First) == "hosted" {
		// only when the sentence's subject is the event
		found := false
		for k := s.First; k < s.End; k++ {
			if mi := r.mentionAt[k]; mi >= 0 && d.Mentions[mi].Entity == r.main {
				found = true
			}
		}
		if !found {
			return
		}
	}
	for _, pm := range places {
		if e := d.Mentions[pm].Entity; e >= 0 && d.Entities[e].Type == Place {
			r.add(r.main, e, PredHeldIn, false, si, nil)
		}
	}
}

// filterEventPlaces keeps the places of the main event that agree with each other: a
// meeting in Istanbul mentioned in passing is another meeting.
func (r *relationFinder) filterEventPlaces() {
	d := r.d
	countries := map[string]int{}
	for _, rel := range d.Relations {
		if rel.Predicate == PredHeldIn {
			if c := r.countryOf(rel.Object); c != "" {
				countries[c]++
			}
		}
	}
	if len(countries) < 2 {
		return
	}
	best := mostCommon(countries)
	out := d.Relations[:0]
	for _, rel := range d.Relations {
		if rel.Predicate == PredHeldIn {
			if c := r.countryOf(rel.Object); c != "" && c != best {
				continue
			}
		}
		out = append(out, rel)
	}
	d.Relations = out
}

func (r *relationFinder) countryOf(e int) string {
	p := r.lx.Place(r.d.Entities[e].Name)
	if p == nil {
		return ""
	}
	if p.Kind == lexicon.Country {
		return p.Country
	}
	return p.Country
}

// roles states the relations titles imply: "CIA Director X" leads the CIA, "Pentagon envoy
// X" works for the Pentagon.
func (r *relationFinder) roles() {
	d := r.d
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if m.Entity >= 0 && m.Kind == NameMention && m.RoleOrg < 0 && (sportHeads[m.RoleHead] || sportsRoles[m.RoleHead]) {
			// "Ruritania scrum-half X": the country's team
			if t := r.teamOf(m.Entity); t >= 0 && r.d.Entities[t].Type == Place {
				r.add(m.Entity, t, affiliationPred(m.RoleHead, m.Former), false, m.Sentence, nil)
			}
		}
		if m.Entity < 0 || m.RoleOrg < 0 || m.Kind != NameMention {
			continue
		}
		org := d.Mentions[m.RoleOrg].Entity
		if org < 0 || d.Entities[org].Type != Organization || !r.isPerson(m.Entity) {
			continue
		}
		head := m.RoleHead
		if nonStaffRoles[head] {
			continue // "Lakeside Open champion X" does not work for the Open
		}
		for _, w := range strings.Fields(strings.ToLower(m.Role)) {
			if w == "deputy" || w == "assistant" || w == "vice" || w == "associate" || w == "junior" {
				head = "staff" // "CML deputy director X" does not lead the CML
			}
		}
		r.add(m.Entity, org, affiliationPred(head, m.Former), false, m.Sentence, nil)
	}
}

// criticism reads a critic's quoted attack: a statement of negative valence whose clauses
// have a named person or organisation as subject is a criticism of them by the speaker.
func (r *relationFinder) criticism() {
	d := r.d
	// group the quotations of one speaker in one paragraph into a statement
	type statement struct {
		speaker, para, sentence int
		valence                 int
		targets                 []int
	}
	var st []*statement
	for _, q := range d.Quotes {
		first := r.tokenAt(q.Start)
		last := r.tokenAt(q.End - 1)
		if first < 0 || last < 0 {
			continue
		}
		para := r.d.Sentences[r.sentenceOf(first)].Para
		var cur *statement
		if n := len(st); n > 0 && st[n-1].speaker == q.Speaker && st[n-1].para == para {
			cur = st[n-1]
		} else {
			cur = &statement{speaker: q.Speaker, para: para, sentence: q.Sentence}
			st = append(st, cur)
		}
		for k := first; k <= last; k++ {
			w := r.word(k)
			v := r.lx.Valence(w)
			if v != 0 {
				for j := k - 1; j >= first && j >= k-3 && r.d.Tokens[j].Kind != Punct; j-- {
					if negators[r.word(j)] {
						v = -v
						break
					}
				}
				cur.valence += v
			}
			// a named subject, a person: a mention followed by a verb or auxiliary (a
			// place or a body named in a harsh statement is seldom its target)
			if mi := r.mentionAt[k]; mi >= 0 && d.Mentions[mi].Kind == NameMention && d.Mentions[mi].First == k {
				m := &d.Mentions[mi]
				n := r.word(m.End)
				if m.End <= last && !m.Possessive && (isVerbish(r.lx, n) || auxiliaries[n] || strings.HasSuffix(n, "ed") || strings.HasSuffix(n, "s") && !groupNouns[n]) {
					if r.isAgent(m.Entity) && d.Entities[m.Entity].Type == Person && m.Entity != q.Speaker {
						cur.targets = append(cur.targets, m.Entity)
					}
				}
				k = m.End - 1
			}
		}
	}
	for _, s := range st {
		if s.valence > -2 {
			continue
		}
		for _, t := range s.targets {
			r.add(s.speaker, t, PredCriticized, false, s.sentence, nil)
		}
	}
}

// tokenAt returns the token that covers byte offset off, or -1.
func (r *relationFinder) tokenAt(off int) int {
	toks := r.d.Tokens
	lo, hi := 0, len(toks)
	for lo < hi {
		mid := (lo + hi) / 2
		if toks[mid].End <= off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(toks) && toks[lo].Start <= off {
		return lo
	}
	return -1
}

// companions says that people who accompanied or joined a participant of the main event
// attended it too.
func (r *relationFinder) companions() {
	d := r.d
	if r.main < 0 {
		return
	}
	attended := map[int]bool{}
	for _, rel := range d.Relations {
		if rel.Predicate == PredAttended && rel.Object == r.main {
			attended[rel.Subject] = true
		}
	}
	n := len(d.Relations)
	for i := 0; i < n; i++ {
		rel := d.Relations[i]
		if (rel.Predicate == "accompanied" || rel.Predicate == "joined") && attended[rel.Object] && r.isPerson(rel.Subject) {
			r.add(rel.Subject, r.main, PredAttended, false, rel.Sentence, nil)
		}
	}
}

// removalVerbs in the passive name who removed someone with "from": "expelled from the
// party".
var removalVerbs = map[string]bool{
	"expel": true, "ban": true, "suspend": true, "sack": true, "dismiss": true, "exclude": true,
	"drop": true, "remove": true, "eject": true, "oust": true, "fire": true, "bar": true,
	"omit": true, "axe": true, "release": true,
}

// nonRelationVerbs say nothing about how two entities relate, or take a clause rather
// than an entity as their object ("said Keller would…").
var nonRelationVerbs = map[string]bool{
	"be": true, "have": true, "do": true, "say": true, "think": true, "believe": true,
	"know": true, "expect": true, "hope": true, "want": true, "need": true, "seem": true,
	"appear": true, "become": true, "remain": true, "get": true, "make": true, "let": true,
	"see": true, "feel": true, "find": true, "look": true, "keep": true, "mean": true,
	"use": true, "show": true, "suggest": true, "claim": true, "insist": true, "argue": true,
	"add": true, "note": true, "explain": true, "admit": true, "reckon": true, "feature": true,
	"include": true, "involve": true, "concern": true, "consider": true, "describe": true,
	"name": true, "call": true, "quote": true, "cite": true, "mention": true, "report": true,
	"understand": true, "recall": true, "remember": true, "read": true, "watch": true,
	"like": true, "love": true, "hate": true, "allow": true, "leave": false, "follow": true,
	"cost": true, "sell": false, "help": false, "put": true, "set": true, "turn": true,
	"survive": true,
	"stand":   false, "start": true, "begin": true, "end": true, "continue": true, "try": true,
	"will": true, "may": true, "can": true, "must": true, "shall": true,
}

// relationPreps introduce the object of a verb that relates two entities ("worked for
// X", "played against X", "moved to X").
var relationPreps = map[string]bool{
	"with": true, "against": true, "for": true, "to": true, "from": true, "into": true,
	"over": true, "on": true, "at": true,
}

// generalVerb reads a clause around any verb WordNet knows that the lexicon does not: a
// named subject, the verb and a named object right after it, or after a preposition that
// introduces objects ("sued the Telegraph", "stood against King", "scored for Ulster").
func (r *relationFinder) generalVerb(si, v int, lightOnly bool) {
	defer r.as("order:verb-general")()
	d := r.d
	s := &d.Sentences[si]
	w := r.word(v)
	if closedClass[w] || w == "according" {
		return
	}
	r.verbTok = v
	defer func() { r.verbTok = -1 }()
	defer r.atVerb(v)()
	if tag, ok := d.TokenTag(v); ok && tag != VERB {
		return // the tagger reads a noun or an adjective: "teams from X", "exhibits at X"
	}
	lemma, form, info, ok := r.analyzeVerb(w)
	if !ok || nonRelationVerbs[lemma] {
		return
	}
	rare := info.Freq == 0 && !info.Person
	if rare && !(relationPreps[r.word(v+1)] || r.word(v+1) == "in") {
		return // a rare verb only with a preposition: "holidaying on X"
	}
	eventOnly := false
	if _, speech := r.lx.Speech(w); speech && info.Clause {
		// "announced the summit date": a speech verb relates its speaker to an event it
		// names, but not to the subject of a reported clause
		eventOnly = true
	}
	if form == lexicon.Base || form == lexicon.ThirdPerson {
		// a noun reading is likely after a determiner or an adjective ("the plans")
		if v-1 >= s.First && (determiners[r.word(v-1)] || d.Tokens[v-1].Kind == Poss) {
			return
		}
		// an event noun after a name: "the G8 summit in Marlow"
		if _, ev := r.lx.Event(w); ev && v-1 >= s.First && r.mentionAt[v-1] >= 0 {
			return
		}
		// "the Zenith network in X": a singular name after a determiner, and a noun
		if mi := r.mentionOf(v - 1); form == lexicon.Base && mi >= 0 && d.Mentions[mi].First > s.First &&
			determiners[r.word(d.Mentions[mi].First-1)] && !strings.HasSuffix(r.word(v-1), "s") {
			return
		}
	}
	var gerundSubjects []int
	if form == lexicon.Gerund && v-1 >= s.First && prepositions[r.word(v-1)] && r.word(v-1) != "by" {
		// "is keen on buying X", "reached the final after beating X": the gerund
		// after a preposition that follows a verb or opens the sentence has the subject of
		// the main clause; "the cost of running X" has none
		p := r.word(v - 1)
		if p == "of" || p == "for" || p == "to" || p == "with" || p == "between" || p == "during" {
			return
		}
		prev := v - 2
		opens := prev < s.First || r.word(prev) == ","
		if !opens && !(particles[r.word(prev)] || r.word(prev) == "in" || r.word(prev) == "on") && !r.isVerbAt(prev) {
			return // "the meeting", "talks on signing"
		}
		if opens {
			gerundSubjects = nil // "After beating X, Y said": the subject comes later
			if subj := r.sentenceSubject(si); subj >= 0 {
				gerundSubjects = []int{subj}
			}
		} else if fv := r.finiteVerbOrAuxBefore(v); fv >= 0 {
			if subj, neg := r.subjectOf(fv); !neg {
				gerundSubjects = subj
			}
		}
		if len(gerundSubjects) == 0 {
			return
		}
	}
	if form == lexicon.Gerund && v-1 >= s.First && (determiners[r.word(v-1)] || d.Tokens[v-1].Kind == Poss) {
		return // "the meeting"
	}
	past := r.lx.Past(lemma)
	if (form == lexicon.PastForm || form == lexicon.ParticipleForm) && r.passiveAt(v) {
		var agents []int
		after := v + 1
		if !lightOnly {
			agents, after = r.byAgents(v + 1)
		}
		if len(agents) == 0 && removalVerbs[lemma] && r.word(v+1) == "from" {
			// "was expelled from Labour": the organisation did the expelling
			agents, after = r.objects(v+1, "from", si, false)
		}
		if len(agents) == 0 {
			// "was knighted in the Birthday Honours": the subject took part in the
			// event the passive happened in
			if p := r.word(v + 1); p == "in" || p == "at" || p == "during" {
				if ev, _ := r.objects(v+1, p, si, false); len(ev) > 0 && d.Entities[ev[0]].Type == Event {
					if subj, neg := r.subjectOf(v); !neg {
						for _, sub := range subj {
							if r.isPerson(sub) || r.isAgent(sub) {
								r.add(sub, ev[0], past+"_"+p, false, si, nil)
							}
						}
					}
				}
			}
			return
		}
		objs, neg := r.subjectOf(v)
		if neg {
			return
		}
		quals := r.qualifiers(after, si)
		for _, o := range objs {
			for _, a := range agents {
				if r.isSubjectType(a) {
					r.add(a, o, past, false, si, quals)
				}
			}
		}
		return
	}
	subjects, neg := r.subjectOf(v)
	if len(gerundSubjects) > 0 {
		subjects, neg = gerundSubjects, false
	}
	if neg {
		return
	}
	if len(subjects) == 0 && form == lexicon.Gerund && v-1 >= s.First && r.word(v-1) == "," && !r.describesTitle(v) {
		if fv := r.finiteVerbBefore(v); fv >= 0 {
			subjects, neg = r.subjectOf(fv)
		}
	}
	if neg || len(subjects) == 0 {
		return
	}
	k := v + 1
	for k < s.End && (adverbs[r.word(k)] || strings.HasSuffix(r.word(k), "ly") && r.mentionAt[k] < 0 && d.Tokens[k].Kind == Word) {
		k++
	}
	pred := past
	// "picked to design and run X": the object of the second verb is the first's too
	if r.word(k) == "and" && k+1 < s.End && d.Tokens[k+1].Kind == Word && r.mentionAt[k+1] < 0 {
		if _, f2, _, ok2 := r.analyzeVerb(r.word(k + 1)); ok2 && f2 == form && r.mentionAt[k+2] >= 0 || ok2 && f2 == form && r.word(k+2) == "the" {
			k += 2
		}
	}
	// a particle: "took over X", "knocked out X"
	switch r.word(k) {
	case "up", "down", "off", "out", "over", "back", "away":
		if r.mentionOf(k+1) >= 0 || r.word(k+1) == "the" {
			pred += "_" + r.word(k)
			k++
		}
	}
	var objs []int
	after := k
	r.avoid = subjects
	defer func() { r.avoid = nil }()
	if lightOnly {
		// a lexicon verb: only its noun and a preposition ("won damages from X")
	} else if info.Person || info.Thing {
		// "bought Toyota's hybrid technology": the possessor is what the verb is about,
		// unless what is possessed are people ("met Morozov's aides")
		objs, after = r.objects(k, "", si, !r.possessesPeople(k))
	}
	if particles[r.word(k)] && (relationPreps[r.word(k+1)] || r.word(k+1) == "in") && r.mentionAt[k] < 0 {
		k++ // "stay on at the CSA", "came back from X"
	}
	if len(objs) == 0 && !lightOnly && (relationPreps[r.word(k)] || r.word(k) == "in" && (r.orgAt(k+1) || rare)) {
		prep := r.word(k)
		objs, after = r.objects(k, prep, si, false)
		pred += "_" + prep
		if rare {
			// a rare verb relates only to the place it happened in
			kept := objs[:0]
			for _, o := range objs {
				if d.Entities[o].Type == Place {
					kept = append(kept, o)
				}
			}
			objs = kept
		}
	}
	if len(objs) == 0 && (info.Thing || info.Person) {
		// a light verb and its noun: "initiated disciplinary action against X", "signed a
		// deal with X"
		j := r.lightNounEnd(k, s.End)
		if p := r.word(j); j > k && lightPreps[p] && !determiners[r.word(j-1)] && !(lightVerbs[lemma] && r.nounTakes(j-1, p)) {
			objs, after = r.objects(j, p, si, false)
			pred += "_" + p
		}
	}
	if len(objs) == 0 && dativeVerbs[lemma] {
		// "sold 23 planes to X", "handed the documents to X": the recipient
		if j := r.lightNounEnd(k, s.End); j > k && r.word(j) == "to" {
			to, _ := r.objects(j, "to", si, false)
			base := pred
			if i := strings.IndexByte(base, '_'); i >= 0 {
				base = base[:i]
			}
			for _, o := range to {
				for _, sub := range subjects {
					if sub != o && r.isAgent(o) && (r.isAgent(sub) || r.isCountry(sub)) {
						r.add(sub, o, base+"_to", false, si, nil)
					}
				}
			}
		}
	}
	if len(objs) == 0 {
		return
	}
	quals := r.qualifiers(after, si)
	for _, o := range objs {
		if eventOnly && d.Entities[o].Type != Event {
			continue
		}
		for _, sub := range subjects {
			if r.isAgent(sub) || r.isCountry(sub) {
				r.add(sub, o, pred, false, si, quals)
			}
		}
	}
	r.recipients(subjects, lemma, pred, quals, si)
	r.companionsWith(subjects, pred, quals, si)
	r.coAgents(objs, pred, after, si)
	r.forParty(subjects, pred, quals, si)
}

// coAgents reads "founded X in May along with Y": Y did it too.
func (r *relationFinder) coAgents(objs []int, pred string, after, si int) {
	defer r.as("order:co-agents")()
	d := r.d
	s := &d.Sentences[si]
	for j := after; j < s.End && j < after+8; j++ {
		w := r.word(j)
		if w == ";" || w == ":" || d.Tokens[j].Kind == Quote || clauseOpeners[w] && w != "as" {
			return
		}
		if (w == "along" || w == "together") && r.word(j+1) == "with" || w == "alongside" {
			k := j + 1
			if w != "alongside" {
				k++
			}
			// "along with 500 activists, and the Farmers' Union"
			for k < s.End && k < j+10 && r.mentionAt[k] < 0 && r.word(k) != "." {
				k++
			}
			agents, _ := r.objects(k, "", si, false)
			for _, a := range r.agentsOnly(agents) {
				for _, o := range objs {
					if a != o {
						r.add(a, o, pred, false, si, nil)
					}
				}
			}
			return
		}
	}
}

// forParty reads "contest Westbury North for the Greens": a person acting for an organisation
// named after the object.
func (r *relationFinder) forParty(subjects []int, pred string, quals []Qualifier, si int) {
	defer r.as("order:for-party")()
	if i := strings.IndexByte(pred, '_'); i >= 0 {
		return // the verb already took its object with a preposition
	}
	for _, q := range quals {
		if q.Prep != "for" || r.d.Entities[q.Entity].Type != Organization {
			continue
		}
		for _, sub := range subjects {
			if r.isPerson(sub) {
				r.add(sub, q.Entity, pred+"_for", false, si, nil)
			}
		}
	}
}

// companionsWith adds the people the subject did something with: "was holidaying on X with
// Ann Lee" -> holidayed_with.
func (r *relationFinder) companionsWith(subjects []int, pred string, quals []Qualifier, si int) {
	defer r.as("order:companions-with")()
	if i := strings.IndexByte(pred, '_'); i >= 0 {
		pred = pred[:i]
	}
	for _, q := range quals {
		if q.Prep != "with" || !r.isPerson(q.Entity) {
			continue
		}
		for _, sub := range subjects {
			if sub != q.Entity && r.isPerson(sub) {
				r.add(sub, q.Entity, pred+"_with", true, si, nil)
			}
		}
	}
}

// dativeVerbs take a recipient after "to" besides their object: "present his report to
// the House of Commons", "sell 23 planes to X", "hand the award to X".
var dativeVerbs = map[string]bool{
	"deliver": true, "give": true, "present": true, "send": true, "hand": true, "sell": true,
	"offer": true, "award": true, "pay": true, "lend": true, "supply": true, "submit": true,
	"grant": true, "transfer": true, "loan": true, "donate": true, "pass": true, "address": true,
	"read": true, "write": true, "show": true, "explain": true, "recommend": true, "report": true,
}

// recipients adds the relations of a dative verb to the recipients named after "to".
func (r *relationFinder) recipients(subjects []int, lemma, pred string, quals []Qualifier, si int) {
	defer r.as("order:recipients")()
	if !dativeVerbs[lemma] {
		return
	}
	if i := strings.IndexByte(pred, '_'); i >= 0 {
		pred = pred[:i]
	}
	for _, q := range quals {
		if q.Prep != "to" || !r.isAgent(q.Entity) {
			continue
		}
		for _, sub := range subjects {
			if sub != q.Entity && (r.isAgent(sub) || r.isCountry(sub)) {
				r.add(sub, q.Entity, pred+"_to", false, si, nil)
			}
		}
	}
}

// isCountry reports whether an entity is a country, which acts like an organisation
// ("Russia invaded Ukraine").
func (r *relationFinder) isCountry(e int) bool {
	if e < 0 || r.d.Entities[e].Type != Place {
		return false
	}
	p := r.lx.Place(r.d.Entities[e].Name)
	return p != nil && p.Kind == lexicon.Country
}

// possessesPeople reports whether the possessive noun phrase at token k is about people
// ("Keller's aides").
func (r *relationFinder) possessesPeople(k int) bool {
	mi := r.mentionAt[k]
	if mi < 0 || !r.d.Mentions[mi].Possessive {
		return false
	}
	for j := r.d.Mentions[mi].End + 1; j < len(r.d.Tokens) && j < r.d.Mentions[mi].End+4; j++ {
		w := r.word(j)
		if groupNouns[w] || r.isRoleWord(w) || w == "wife" || w == "husband" || w == "son" || w == "daughter" || w == "family" {
			return true
		}
	}
	return false
}

// orgAt reports whether an organisation is named at token k (after an optional "the").
func (r *relationFinder) orgAt(k int) bool {
	if r.word(k) == "the" {
		k++
	}
	e := r.entityAt(k)
	return e >= 0 && r.d.Entities[e].Type == Organization
}

// coParticipants reads a sentence whose subject is two or more people and that names the
// main event: "Keller and the Russian president both gave remarks at the end of the
// meeting" — they met, and attended it.
func (r *relationFinder) coParticipants(si int) {
	if r.main < 0 || r.mainKind != "meeting" {
		return
	}
	d := r.d
	s := &d.Sentences[si]
	var group []int
	for k := s.First; k < s.End; k++ {
		if isVerbish(r.lx, r.word(k)) && r.mentionAt[k] < 0 {
			if len(group) > 0 {
				break
			}
			return
		}
		if mi := r.mentionAt[k]; mi >= 0 {
			if e := d.Mentions[mi].Entity; e >= 0 && r.isPerson(e) && !containsInt(group, e) {
				group = append(group, e)
			}
			k = d.Mentions[mi].End - 1
			continue
		}
		if w := r.word(k); w != "and" && w != "," && w != "both" && !determiners[w] {
			if len(group) == 0 {
				continue
			}
			break
		}
	}
	if len(group) < 2 || r.sentenceSubject(si) != group[0] {
		return // the people must be the subject of the sentence
	}
	mentionsMain := false
	for k := s.First; k < s.End; k++ {
		if mi := r.mentionAt[k]; mi >= 0 && d.Mentions[mi].Entity == r.main {
			mentionsMain = true
		}
	}
	if !mentionsMain {
		return
	}
	for i := range group {
		r.add(group[i], r.main, PredAttended, false, si, nil)
		for j := i + 1; j < len(group); j++ {
			r.add(group[i], group[j], PredMet, true, si, nil)
		}
	}
}

// lightPreps introduce the entity after a light verb and its noun: "initiated action
// against X", "signed a deal with X", "delivered two reports on X", "chaired a review of
// X", "won £150,000 in damages from X", "won back two points for X".
var lightPreps = map[string]bool{
	"against": true, "with": true, "over": true, "from": true, "on": true, "into": true,
	"for": true, "about": true, "to": true,
}

// lightNounEnd returns the token after the noun phrase of a light verb's object starting
// at token k: lower-case words, numbers and amounts, possessive pronouns, and a
// lower-case phrase after "in" or "of" ("£90,000 in damages"); k when there is none.
func (r *relationFinder) lightNounEnd(k, end int) int {
	d := r.d
	j := k
	switch r.word(j) {
	case "up", "down", "off", "out", "back", "away", "on":
		j++ // a particle: "won back two points"
	}
	start := j
	for j < end && j < start+7 {
		t := &d.Tokens[j]
		w := r.word(j)
		switch {
		case r.mentionAt[j] >= 0:
			return j
		case t.Kind == Number || t.Kind == Punct && (w == "£" || w == "$" || w == "€" || w == "%"):
		case t.Kind == Word && (w == "his" || w == "her" || w == "its" || w == "their") && j == start:
		case t.Kind == Word && (w == "in" || w == "of") && j > start && j+1 < end && d.Tokens[j+1].Kind == Word && !d.Tokens[j+1].Has(Cap) &&
			r.mentionAt[j+1] < 0 && !determiners[r.word(j+1)] && !functionWords[r.word(j+1)] && !isVerbish(r.lx, r.word(j+1)):
		case t.Kind == Word && !t.Has(Cap) && !isVerbish(r.lx, w) && !prepositions[w] && !pronounWords[w] && w != "that" && !auxiliaries[w] && w != "and" && w != "but" && w != "or":
		default:
			if j == start {
				return k
			}
			return j
		}
		j++
	}
	return j
}

// isInfinitive reports whether token k, after "to", is the base form of a verb rather than
// the start of a noun phrase.
func (r *relationFinder) isInfinitive(k int) bool {
	t := &r.d.Tokens[k]
	if t.Kind != Word || t.Has(Cap) || r.mentionAt[k] >= 0 || determiners[t.Lower] {
		return false
	}
	_, form, _, ok := r.analyzeVerb(t.Lower)
	return ok && form == lexicon.Base && !r.lx.IsWord(t.Lower+"s") || ok && form == lexicon.Base && len(r.lx.Verbs(t.Lower)) > 0
}

// particles follow phrasal verbs and are never verbs themselves ("is up against").
var particles = map[string]bool{
	"up": true, "down": true, "off": true, "out": true, "back": true, "away": true, "on": true,
	"over": true, "through": true, "along": true, "around": true, "about": true,
}

// scoringNouns name a score in a match report: "tries from X and Y", "a penalty by X".
var scoringNouns = map[string]bool{
	"try": true, "tries": true, "goal": true, "goals": true, "penalty": true, "penalties": true,
	"header": true, "strike": true, "double": true, "hat-trick": true, "brace": true,
	"conversion": true, "conversions": true, "touchdown": true, "equaliser": true,
	"equalizer": true, "winner": true, "opener": true, "free-kick": true, "volley": true,
	"drop-goal": true, "century": true, "half-century": true,
}

// scorers reads "Riverside had led 20-6 with tries from X and Y" and "Hillcrest edged ahead
// with a penalty by X": the scorers play for the team the sentence is about.
func (r *relationFinder) scorers(si, k int) {
	defer r.as("order:scorers")()
	d := r.d
	team := r.sentenceSubject(si)
	if team < 0 || r.isPerson(team) || d.Entities[team].Type == Event {
		return
	}
	objs, _ := r.objects(k+2, "", si, false)
	for _, o := range objs {
		if r.isPerson(o) {
			r.add(o, team, "scored_for", false, si, nil)
		}
	}
}

// isBaseForm reports whether token k is a verb's base form, which after a name is more
// often a noun it modifies ("the summit date") than the verb of a clause.
func (r *relationFinder) isBaseForm(k int) bool {
	_, form, _, ok := r.analyzeVerb(r.word(k))
	return ok && form == lexicon.Base
}

// clauseOpeners start a new clause, past which a qualifier belongs to another verb.
var clauseOpeners = map[string]bool{
	"when": true, "while": true, "because": true, "although": true, "though": true, "which": true,
	"who": true, "where": true, "whose": true, "but": true, "after": true, "before": true, "as": true,
	"since": true, "until": true, "unless": true, "if": true, "whether": true,
}

// modifiesNoun reports whether token k is a lower-case noun that the name before it
// describes ("US box office", "UK economy"), not a group of its people ("NATO leaders").
func (a *analysis) modifiesNoun(k int) bool {
	if k >= len(a.d.Tokens) {
		return false
	}
	t := &a.d.Tokens[k]
	w := a.word(k)
	if t.Kind != Word || t.Has(Cap) || groupNouns[w] || functionWords[w] || prepositions[w] || auxiliaries[w] || adverbs[w] ||
		isVerbish(a.lx, w) || clauseOpeners[w] || strings.HasSuffix(w, "ly") || w == "and" || w == "or" {
		return false
	}
	return a.lx.IsWord(w)
}

// nounTakes reports whether the noun at token k states a relation through prep ("bid"
// through "for"), which the nominal reading then states.
func (r *relationFinder) nounTakes(k int, prep string) bool {
	for _, nr := range r.lx.NounRelations(r.word(k)) {
		if nr.Prep == prep {
			return true
		}
	}
	return false
}

// otherEventPlaces states where the other events of the article took place: "the Lakeside
// Tennis Tournament in Marlow".
func (r *relationFinder) otherEventPlaces(si int) {
	d := r.d
	s := &d.Sentences[si]
	for k := s.First; k < s.End; k++ {
		mi := r.mentionAt[k]
		if mi < 0 || d.Mentions[mi].End-1 != k {
			continue
		}
		e := d.Mentions[mi].Entity
		if e < 0 || e == r.main || d.Entities[e].Type != Event {
			continue
		}
		for _, pm := range placesAfter(d, k+1, si, 3) {
			if p := d.Mentions[pm].Entity; p >= 0 && d.Entities[p].Type == Place {
				r.add(e, p, PredHeldIn, false, si, nil)
			}
		}
	}
}

// closedClass holds the auxiliaries, adverbs, function words, determiners, prepositions
// and particles that are never the verb of a relation, in one map for speed.
var closedClass = func() map[string]bool {
	m := map[string]bool{}
	for _, set := range []map[string]bool{auxiliaries, adverbs, functionWords, determiners, prepositions, particles} {
		for w, ok := range set {
			if ok {
				m[w] = true
			}
		}
	}
	return m
}()

// nonStaffRoles describe what someone is or did, not a position in an organisation.
var nonStaffRoles = map[string]bool{
	"champion": true, "winner": true, "finalist": true, "medallist": true, "nominee": true,
	"star": true, "seed": true, "rival": true, "partner": true, "colleague": true,
	"counterpart": true, "challenger": true, "incumbent": true, "candidate": false, "fan": true,
	"presenter": false, "legend": true, "hero": true, "veteran": true,
}

// describesTitle reports whether the gerund at token v follows a comma after a capitalised
// word that names no entity: "Night Train, starring X" describes the film.
func (r *relationFinder) describesTitle(v int) bool {
	s := &r.d.Sentences[r.sentenceOf(v)]
	return v-2 >= s.First && r.word(v-1) == "," && r.d.Tokens[v-2].Has(Cap) && r.mentionAt[v-2] < 0
}

// isVerbAt reports whether token k is a verb form (not a name).
func (r *relationFinder) isVerbAt(k int) bool {
	if k < 0 || r.mentionAt[k] >= 0 || r.d.Tokens[k].Kind != Word {
		return false
	}
	if auxiliaries[r.word(k)] {
		return true
	}
	_, form, _, ok := r.analyzeVerb(r.word(k))
	return ok && form != lexicon.Base
}

// finiteVerbOrAuxBefore returns the nearest finite verb or auxiliary before token k in its
// sentence, or -1.
func (r *relationFinder) finiteVerbOrAuxBefore(k int) int {
	s := &r.d.Sentences[r.sentenceOf(k)]
	for j := k - 1; j >= s.First; j-- {
		if r.mentionAt[j] >= 0 || r.d.Tokens[j].Kind != Word {
			continue
		}
		w := r.word(j)
		if auxiliaries[w] {
			return j
		}
		if _, form, _, ok := r.analyzeVerb(w); ok && (form == lexicon.PastForm || form == lexicon.ThirdPerson || form == lexicon.Gerund && j < k-2) {
			return j
		}
	}
	return -1
}

// governs reports whether the parse makes a word of entity e in sentence si depend on the
// verb at token v, within three arcs; true when the sentence was not parsed.
func (r *relationFinder) governs(v, e, si int) bool {
	d := r.d
	g := d.graph(r.lx, si)
	if g == nil {
		return true
	}
	vw := d.TokenWord(v)
	if vw < g.first || vw >= g.end {
		return true
	}
	for w := g.first; w < g.end; w++ {
		if r.wordEntity(w) != e {
			continue
		}
		for h, n := w, 0; h >= g.first && h < g.end && n < 4; n++ {
			if h == vw {
				return true
			}
			h = d.Words[h].Head
		}
	}
	return false
}

// fragment reports whether entity e's name reads as a piece of a longer name or as a word
// that is no name: it begins or ends with a function word ("for Refugees", "Diary of") or
// is a title alone ("Major", "Emeritus").
func (r *relationFinder) fragment(e int) bool {
	ent := &r.d.Entities[e]
	f := strings.Fields(ent.Name)
	if len(f) == 0 {
		return true
	}
	first, last := strings.ToLower(f[0]), strings.ToLower(f[len(f)-1])
	if fragmentEdges[first] || fragmentEdges[last] {
		return true
	}
	if len(f) == 1 && ent.Type != Place {
		if _, title := r.lx.Title(first); title {
			return true
		}
		if functionWords[first] || determiners[first] || prepositions[first] {
			return true
		}
	}
	return false
}

// fragmentEdges never begin or end a name.
var fragmentEdges = map[string]bool{
	"of": true, "for": true, "and": true, "in": true, "at": true, "to": true, "with": true,
	"from": true, "by": true, "on": true, "or": true, "the": true, "a": true, "an": true,
}

// atVerb makes token v the verb whose clause decides the modality of the relations stated
// until the returned function restores the one before.
func (r *relationFinder) atVerb(v int) func() {
	prev := r.modalTok
	r.modalTok = v
	return func() { r.modalTok = prev }
}

// clauseModality reports whether the parse says the clause of the verb at token v is
// negated by a negation of its own ("did not buy", "refused to buy"), and its modality
// (see depgraph.go's modalities), conditional only by an "if" of its own: the word-order
// rules read the verb, and a mark the parser hangs on the wrong clause should not undo
// them.
func (r *relationFinder) clauseModality(v, si int) (bool, string) {
	g := r.d.graph(r.lx, si)
	if g == nil {
		return false, ""
	}
	w := r.d.TokenWord(v)
	if w < g.first || w >= g.end || !g.predicative(w) {
		return false, ""
	}
	mod := g.modal[w-g.first]
	if mod == ModalConditional && !g.ownCond[w-g.first] {
		mod = ""
	}
	return g.ownNeg[w-g.first], mod
}
