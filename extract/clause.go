package extract

import (
	"strings"

	"github.com/kg-news/kg/extract/lexicon"
)

// adverbs are skipped between a subject and its verb ("Keller also said").
var adverbs = map[string]bool{
	"also": true, "again": true, "even": true, "then": true, "later": true, "still": true,
	"just": true, "already": true, "never": true, "not": true, "n't": true, "immediately": true,
	"reportedly": true, "previously": true, "now": true, "once": true, "soon": true, "only": true,
	"first": true, "further": true, "pointedly": true, "bluntly": true, "quickly": true,
	"ultimately": true, "finally": true, "initially": true, "recently": true, "subsequently": true,
	"personally": true, "publicly": true, "privately": true, "formally": true, "officially": true,
	"repeatedly": true, "twice": true, "all": true, "both": true, "each": true, "too": true,
}

// auxiliaries are skipped between a subject and its verb ("Keller would brief").
var auxiliaries = map[string]bool{
	"will": true, "would": true, "shall": true, "should": true, "can": true, "could": true,
	"may": true, "might": true, "must": true, "has": true, "have": true, "had": true,
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "being": true,
	"did": true, "does": true, "do": true, "didn't": true, "didn’t": true, "won't": true,
	"won’t": true, "wouldn't": true, "wouldn’t": true, "hasn't": true, "hasn’t": true,
	"hadn't": true, "hadn’t": true, "isn't": true, "isn’t": true, "wasn't": true, "wasn’t": true,
	"'s": true, "’s": true, "'ll": true, "’ll": true, "'d": true, "’d": true,
}

// negators make the verb after them false ("did not meet").
var negators = map[string]bool{
	"not": true, "n't": true, "never": true, "didn't": true, "didn’t": true, "won't": true,
	"won’t": true, "wouldn't": true, "wouldn’t": true, "hasn't": true, "hasn’t": true,
	"hadn't": true, "hadn’t": true, "isn't": true, "isn’t": true, "wasn't": true, "wasn’t": true,
	"cannot": true, "can't": true, "can’t": true, "couldn't": true, "couldn’t": true, "no": true,
	"refused": true, "declined": true, "failed": true, "nothing": true, "none": true,
	"without": true, "hardly": true, "barely": true, "neither": true, "nor": true,
}

// conditionals open a clause that states no fact ("if the Greens win").
var conditionals = map[string]bool{"if": true, "whether": true, "unless": true}

// beForms mark the passive before a participle.
var beForms = map[string]bool{
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "being": true,
	"'s": true, "’s": true,
}

// controlVerbs take an infinitive whose subject is their own ("plans to speak").
var controlVerbs = map[string]bool{
	"want": true, "wants": true, "wanted": true, "plan": true, "plans": true, "planned": true,
	"promise": true, "promises": true, "promised": true, "agree": true, "agrees": true,
	"agreed": true, "decide": true, "decides": true, "decided": true, "try": true, "tries": true,
	"tried": true, "hope": true, "hopes": true, "hoped": true, "expect": true, "expects": true,
	"expected": true, "seek": true, "seeks": true, "sought": true, "refuse": true,
	"refused": true, "vow": true, "vowed": true, "pledge": true, "pledged": true,
	"threaten": true, "threatened": true, "continue": true, "continued": true, "begin": true,
	"began": true, "start": true, "started": true, "aim": true, "aims": true, "aimed": true,
	"intend": true, "intends": true, "intended": true, "prepare": true, "prepared": true,
	"need": true, "needs": true, "needed": true, "wish": true, "wished": true, "offer": true,
	"offered": true, "offers": true, "going": true, "set": true, "able": true, "ready": true,
	"likely": true, "due": true, "moved": true, "rushed": true, "went": true, "came": true,
	"declined": true, "failed": true, "vote": true, "votes": true, "voted": true,
	"quick": true, "keen": true, "eager": true, "determined": true, "poised": true,
	"seem": true, "seems": true, "seemed": true, "appear": true, "appears": true,
	"appeared": true, "look": true, "looks": true, "looked": true, "has": true, "have": true,
	"had": true, "got": true, "managed": true, "manages": true, "tend": true, "tends": true,
	"bid": true, "bids": true, "bidding": true, "looking": true, "hoping": true, "trying": true,
	"planning": true, "seeking": true, "aiming": true, "preparing": true, "wanting": true,
}

// prepositions end the noun phrase of a subject.
var prepositions = map[string]bool{
	"in": true, "of": true, "for": true, "at": true, "on": true, "from": true, "with": true,
	"by": true, "to": true, "about": true, "into": true, "over": true, "under": true,
	"between": true, "against": true, "during": true, "after": true, "before": true,
}

// nounPrepositions attach a noun phrase to the noun before them ("the court in Paris");
// a name after them is not the subject of the verb that follows.
var nounPrepositions = map[string]bool{
	"in": true, "on": true, "at": true, "of": true, "for": true, "with": true, "from": true,
	"about": true, "into": true, "over": true, "under": true, "between": true, "against": true,
	"among": true, "across": true, "through": true, "within": true, "near": true, "to": true,
}

// subordinators open an adverbial clause that the subject follows ("While X, he said").
var subordinators = map[string]bool{
	"while": true, "after": true, "despite": true, "although": true, "though": true, "when": true,
	"if": true, "as": true, "once": true, "following": true, "before": true, "during": true,
	"since": true, "because": true, "instead": true, "however": true, "meanwhile": true,
	"later": true, "still": true, "inside": true, "in": true, "on": true, "at": true, "for": true,
	"with": true, "without": true, "by": true, "from": true, "under": true, "amid": true,
	"earlier": true, "then": true, "now": true, "yet": true, "but": true, "and": true, "so": true,
	"unlike": true, "like": true, "according": true, "over": true, "within": true, "outside": true,
	"throughout": true, "to": true, "upon": true, "against": true,
}

// analysis holds the indexes the clause-level stages share.
type analysis struct {
	d         *Document
	lx        *lexicon.Lexicon
	mentionAt []int // token -> mention covering it, -1
	subjects  []int // sentence -> subject entity, -2 when not computed yet
	speakers  []int // sentence -> speaker of the last quotation attributed in it, -1
	reporters []int // sentence -> person reporting in it ("…, X said"), -1; -2 when not computed yet
	avoid     []int // while reading a verb's objects: its subjects, which an object pronoun is not
	wordEnt   []int // word -> entity of the mention it is part of (see wordEntities)
}

// analyzeVerb is Lexicon.AnalyzeVerb.
func (a *analysis) analyzeVerb(w string) (string, lexicon.Form, lexicon.WNVerb, bool) {
	return a.lx.AnalyzeVerb(w)
}

func newAnalysis(d *Document, lx *lexicon.Lexicon) *analysis {
	a := &analysis{d: d, lx: lx, mentionAt: make([]int, len(d.Tokens)),
		subjects: make([]int, len(d.Sentences)), speakers: make([]int, len(d.Sentences)), reporters: make([]int, len(d.Sentences))}
	for i := range a.mentionAt {
		a.mentionAt[i] = -1
	}
	for i := range a.subjects {
		a.subjects[i] = -2
		a.speakers[i] = -1
		a.reporters[i] = -2
	}
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		for k := m.First; k < m.End; k++ {
			cur := a.mentionAt[k]
			// a name wins over the title-only or event phrase around it, and a person with
			// a title over an organisation named inside the title
			if cur < 0 {
				a.mentionAt[k] = mi
				continue
			}
			c := &d.Mentions[cur]
			switch {
			case c.Entity < 0 && m.Entity >= 0,
				c.Kind != NameMention && m.Kind == NameMention,
				c.Kind == m.Kind && m.End-m.First > c.End-c.First && m.Entity >= 0:
				a.mentionAt[k] = mi
			}
		}
	}
	return a
}

// entityOf returns the entity of a mention index, or -1.
func (a *analysis) entityOf(mi int) int {
	if mi < 0 {
		return -1
	}
	return a.d.Mentions[mi].Entity
}

func (a *analysis) word(k int) string {
	if k < 0 || k >= len(a.d.Tokens) {
		return ""
	}
	t := &a.d.Tokens[k]
	if t.Kind == Word || t.Kind == Number || t.Kind == Poss {
		if t.Kind == Poss {
			return "'s"
		}
		return t.Lower
	}
	return a.d.TokenText(k)
}

func (a *analysis) sentenceOf(k int) int {
	d := a.d
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		mid := (lo + hi) / 2
		if d.Sentences[mid].End <= k {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// isPersonPronoun reports the gender of he/she pronouns: 'm', 'f', or 0.
func pronounGender(w string) byte {
	switch w {
	case "he", "him", "his", "himself":
		return 'm'
	case "she", "her", "hers", "herself":
		return 'f'
	}
	return 0
}

// mentionOf returns the mention covering token k, or -1, also when k is past either end
// of the article ("…," according to| or "a visit by|" at its very end).
func (a *analysis) mentionOf(k int) int {
	if k < 0 || k >= len(a.mentionAt) {
		return -1
	}
	return a.mentionAt[k]
}

// entityAt returns the entity a token refers to: through a mention covering it, or as a
// pronoun.
func (a *analysis) entityAt(k int) int {
	if mi := a.mentionOf(k); mi >= 0 {
		return a.d.Mentions[mi].Entity
	}
	if g := pronounGender(a.word(k)); g != 0 {
		return a.pronoun(k)
	}
	return -1
}

// genderOK reports whether entity e may stand for a pronoun of gender g (0: either).
func (a *analysis) genderOK(e int, g byte) bool {
	ng := a.d.Entities[e].NameGender
	return a.genderFits(e, g) && (ng == 0 || g == 0 || ng == g)
}

// genderFits is genderOK without the evidence of first names, for a pronoun whose own
// sentence names its antecedent ("X has been in England since 1997, when he moved"): the
// sentence's structure says more than a first name.
func (a *analysis) genderFits(e int, g byte) bool {
	eg := a.d.Entities[e].Gender
	return eg == 0 || g == 0 || eg == g
}

// pronoun resolves he/she/him/her at token k: the subject of the sentence so far, the
// last speaker, the subject of an earlier sentence, or the last person named.
func (a *analysis) pronoun(k int) int {
	d := a.d
	g := pronounGender(a.word(k))
	si := a.sentenceOf(k)
	object := a.word(k) == "him" || a.word(k) == "her" && !a.isDeterminerUse(k)
	subj := a.sentenceSubject(si)
	if subj >= 0 && !object && a.isPerson(subj) && a.genderFits(subj, g) && (a.subjectBefore(si, k) || a.opensClause(si, k)) {
		return subj
	}
	// the most recent person named in this sentence before k, other than the subject
	// when the pronoun is an object, and other than whom an opening participle is aimed
	// at when it is the subject ("Speaking to Ann Lee, he said": not Lee)
	from := k - 1
	if !object && a.afterParticiple(si, k) {
		from = d.Sentences[si].First - 1
	}
	for j := from; j >= d.Sentences[si].First; j-- {
		if e := a.entityOf(a.mentionAt[j]); e >= 0 && a.isPerson(e) && a.genderFits(e, g) {
			if object && (e == subj || containsInt(a.avoid, e)) {
				continue
			}
			return e
		}
	}
	for back := 1; back <= 4 && si-back >= 0; back++ {
		p := si - back
		if d.Sentences[p].Kind == Junk {
			continue
		}
		if sp := a.speakers[p]; sp >= 0 && a.isPerson(sp) && a.genderOK(sp, g) && !(object && containsInt(a.avoid, sp)) {
			return sp
		}
		if sp := a.reporter(p); sp >= 0 && a.genderOK(sp, g) && !(object && containsInt(a.avoid, sp)) {
			return sp
		}
		if s := a.sentenceSubject(p); s >= 0 && a.isPerson(s) && a.genderOK(s, g) && !(object && containsInt(a.avoid, s)) {
			return s
		}
		for j := d.Sentences[p].End - 1; j >= d.Sentences[p].First; j-- {
			if e := a.entityOf(a.mentionAt[j]); e >= 0 && a.isPerson(e) && a.genderOK(e, g) && !(object && containsInt(a.avoid, e)) {
				return e
			}
		}
	}
	return -1
}

// opensClause reports whether token k is the first word of its sentence's main clause,
// where a subject pronoun stands for the sentence subject resolved from earlier sentences.
func (a *analysis) opensClause(si, k int) bool {
	s := &a.d.Sentences[si]
	for j := s.First; j < k; j++ {
		t := &a.d.Tokens[j]
		if t.Kind == Word || t.Kind == Number {
			return false
		}
	}
	return true
}

// isDeterminerUse reports whether "her" is possessive ("her party").
func (a *analysis) isDeterminerUse(k int) bool {
	n := a.d.Tokens
	return k+1 < len(n) && n[k+1].Kind == Word && !n[k+1].Has(Cap) && !auxiliaries[n[k+1].Lower]
}

func (a *analysis) isPerson(e int) bool { return e >= 0 && a.d.Entities[e].Type == Person }

func (a *analysis) isAgent(e int) bool {
	if e < 0 {
		return false
	}
	t := a.d.Entities[e].Type
	return t == Person || t == Organization
}

// subjectBefore reports whether the subject mention of sentence si comes before token k.
func (a *analysis) subjectBefore(si, k int) bool {
	s := &a.d.Sentences[si]
	for j := s.First; j < k; j++ {
		if e := a.entityOf(a.mentionAt[j]); e >= 0 && e == a.subjects[si] {
			return true
		}
	}
	return false
}

// sentenceSubject returns the entity the sentence is about: the first entity named before
// its first verb, after any opening adverbial clause; for a sentence that opens with a
// quotation, the speaker named after it.
func (a *analysis) sentenceSubject(si int) int {
	if a.subjects[si] != -2 {
		return a.subjects[si]
	}
	a.subjects[si] = -1 // guards against recursion through pronouns
	d := a.d
	s := &d.Sentences[si]
	k := s.First
	// skip a leading quotation
	if d.Tokens[k].Kind == Quote && d.Tokens[k].Has(Open) {
		for k++; k < s.End && !(d.Tokens[k].Kind == Quote && d.Tokens[k].Has(Close)); k++ {
		}
		k++
	}
	for k < s.End && (d.Tokens[k].Kind == Punct || d.Tokens[k].Kind == Quote) {
		k++
	}
	if e := a.apposedSubject(k, s.End); e >= 0 {
		a.subjects[si] = e
		return e
	}
	if k < s.End && subordinators[a.word(k)] && a.mentionAt[k] < 0 {
		// jump past the clause's comma, not one inside a quotation
		inQuote := false
		for j := k; j < s.End; j++ {
			t := &d.Tokens[j]
			if t.Kind == Quote {
				inQuote = t.Has(Open)
				continue
			}
			if !inQuote && d.TokenText(j) == "," {
				k = j + 1
				break
			}
		}
	}
	subj := -1
	for j := k; j < s.End; j++ {
		if mi := a.mentionAt[j]; mi >= 0 {
			if e := d.Mentions[mi].Entity; e >= 0 && !d.Mentions[mi].Possessive {
				subj = e
			} else if d.Mentions[mi].Possessive {
				// "Freedonia's minister of sport Ana Ruiz was": the titled person
				subj = a.titledAfterPossessive(d.Mentions[mi].End+1, s.End)
			}
			break
		}
		w := a.word(j)
		if pronounGender(w) != 0 && (w == "he" || w == "she") {
			subj = a.pronounBefore(si, w)
			break
		}
		t := &d.Tokens[j]
		// words that may open the noun phrase of a subject: determiners, adjectives,
		// adverbs; a noun, a verb or a preposition means the subject is no entity
		if t.Kind == Word && !t.Has(Cap) && !isVerbish(a.lx, w) && !prepositions[w] && !isPronoun(w) && (determiners[w] || adverbs[w] || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ed") || t.Has(Hyphen)) {
			continue
		}
		if t.Kind == Word && !t.Has(Cap) && a.describesName(j, s.End) {
			continue // "accountancy firm Dunn & Price urged"
		}
		if t.Kind == Punct && (w == "," || w == "—") {
			continue
		}
		break
	}
	a.subjects[si] = subj
	return subj
}

// apposedSubject returns the person named between the first two commas of a sentence
// that starts at token k, when a description comes before the name and a verb after it
// ("Acme chief executive, Jane Roe, said"; "Head of research at Acme, Professor Jane
// Roe, told"), or -1.
func (a *analysis) apposedSubject(k, end int) int {
	d := a.d
	c := k
	for c < end && a.word(c) != "," && d.Tokens[c].Kind != Quote {
		c++
	}
	if c >= end || a.word(c) != "," || c+1 >= end {
		return -1
	}
	mi := a.mentionAt[c+1]
	if mi < 0 || d.Mentions[mi].First != c+1 || !a.apposition(mi) {
		return -1
	}
	m := &d.Mentions[mi]
	if m.End+1 >= end || a.word(m.End) != "," || d.Tokens[m.End+1].Kind != Word {
		return -1
	}
	v := m.End + 1
	for v < end && adverbs[a.word(v)] {
		v++
	}
	if v >= end || !isVerbish(a.lx, a.word(v)) && !auxiliaries[a.word(v)] {
		return -1
	}
	return m.Entity
}

// describesName reports whether the lower-case words from token j run, within three
// words, into a name: a description before it ("accountancy firm", "nightclub owner").
func (a *analysis) describesName(j, end int) bool {
	d := a.d
	for k := j; k < end && k < j+3; k++ {
		t := &d.Tokens[k]
		if mi := a.mentionAt[k]; mi >= 0 {
			return k > j && d.Mentions[mi].First == k && d.Mentions[mi].Kind == NameMention
		}
		w := a.word(k)
		adjective := k == j && strings.HasSuffix(w, "ed") && determiners[a.word(j-1)] // "the injured X"
		if t.Kind != Word || t.Has(Cap) || functionWords[w] || prepositions[w] || isPronoun(w) || isVerbish(a.lx, w) && !adjective || auxiliaries[w] ||
			subordinators[w] || adverbs[w] || negators[w] || w == "who" || w == "which" || w == "where" || w == "whose" {
			return false
		}
	}
	return false
}

// pronounBefore resolves a subject pronoun that opens sentence si from earlier sentences.
func (a *analysis) pronounBefore(si int, w string) int {
	g := pronounGender(w)
	for back := 1; back <= 4 && si-back >= 0; back++ {
		p := si - back
		if a.d.Sentences[p].Kind == Junk {
			continue
		}
		if sp := a.speakers[p]; sp >= 0 && a.isPerson(sp) && a.genderOK(sp, g) {
			return sp
		}
		if sp := a.reporter(p); sp >= 0 && a.genderOK(sp, g) {
			return sp
		}
		if s := a.sentenceSubject(p); s >= 0 && a.isPerson(s) && a.genderOK(s, g) {
			return s
		}
	}
	return -1
}

// reporter returns the person whose words sentence si reports with a verb of saying
// outside any quotation ("The reason was cost, X said in an interview"), or -1: the
// one a "he" in the next sentences most likely stands for.
func (a *analysis) reporter(si int) int {
	if a.reporters[si] != -2 {
		return a.reporters[si]
	}
	a.reporters[si] = -1 // guards against recursion through pronouns
	d := a.d
	s := &d.Sentences[si]
	inQuote := false
	rep := -1
	for k := s.First; k < s.End; k++ {
		t := &d.Tokens[k]
		if t.Kind == Quote {
			inQuote = t.Has(Open)
			continue
		}
		if inQuote || t.Kind != Word || a.mentionAt[k] >= 0 || strings.HasSuffix(t.Lower, "ing") {
			continue
		}
		if _, ok := a.lx.Speech(t.Lower); !ok || !a.isFiniteVerb(k) {
			continue
		}
		j := k - 1
		for j >= s.First && (adverbs[a.word(j)] || auxiliaries[a.word(j)]) {
			j--
		}
		if j >= s.First && pronounGender(a.word(j)) != 0 {
			break // "he said": whom he stands for is found the other way
		}
		if subj, neg := a.subjectOf(k); !neg && len(subj) == 1 && a.isPerson(subj[0]) {
			rep = subj[0]
			break
		}
	}
	a.reporters[si] = rep
	return rep
}

// subjectOf returns the entities that are the subject of the verb at token v, walking
// left over adverbs, auxiliaries, parenthetical clauses, relative pronouns and control
// verbs. It returns the entities, coordinated ones included, and whether the verb is
// negated.
func (a *analysis) subjectOf(v int) ([]int, bool) {
	d := a.d
	si := a.sentenceOf(v)
	s := &d.Sentences[si]
	negated := false
	relative := false    // the subject was reached through "who" or "which"
	nearestOnly := false // ... right after a name, with no comma
	k := v - 1
	for k >= s.First {
		w := a.word(k)
		switch {
		case negators[w]:
			negated = true
			k--
			continue
		case (w == "?" || w == "!") && !d.Tokens[k].Has(SpaceBefore) && k-1 >= s.First && a.mentionAt[k-1] >= 0:
			k-- // "Gadget Now! are hosting": a mark that belongs to the name
			continue
		case adverbs[w] || auxiliaries[w] || strings.HasSuffix(w, "ly") && d.Tokens[k].Kind == Word && a.mentionAt[k] < 0 && !d.Tokens[k].Has(Cap):
			k--
			continue
		case w == "to" && k-1 >= s.First && (controlVerbs[a.word(k-1)] || beForms[a.word(k-1)]):
			k -= 2 // "plans to speak", "is to stand"
			continue
		case w == "to" && k-2 >= s.First && beForms[a.word(k-2)] && a.isParticiple(k-1):
			k -= 3 // "was picked to design", "is understood to be planning"
			continue
		case w == "to" && k-2 >= s.First && a.word(k-1) == "on" && (a.word(k-2) == "went" || a.word(k-2) == "goes" || a.word(k-2) == "go" || a.word(k-2) == "gone"):
			k -= 3 // "went on to signal"
			continue
		case (w == "for" || w == "by") && k+1 == v && strings.HasSuffix(a.word(v), "ing") && k-1 >= s.First && a.mentionAt[k-1] >= 0:
			// "thanking Keller for hosting": the one thanked did the hosting
			if e := a.d.Mentions[a.mentionAt[k-1]].Entity; e >= 0 && w == "for" {
				return []int{e}, negated
			}
			// "surprised Keller by asking": the subject of the verb before
			if fv := a.finiteVerbBefore(k); fv >= 0 {
				subj, neg := a.subjectOf(fv)
				return subj, neg || negated
			}
			return nil, negated
		case w == "to" && k-1 >= s.First && a.mentionAt[k-1] >= 0 && a.prepAgent(k-1, "for") >= 0:
			// "a deal for Acme to sell planes": Acme sells
			return []int{a.prepAgent(k-1, "for")}, negated
		case w == "to" && k-1 >= s.First && a.mentionAt[k-1] >= 0 && a.prepAgent(k-1, "of") >= 0:
			// "the refusal of Chile coach Marco Ruiz to pick her"
			return []int{a.prepAgent(k-1, "of")}, negated
		case w == "to" && k-1 >= s.First && d.Tokens[k-1].Kind == Word && a.mentionAt[k-1] < 0:
			// an infinitive after a noun or an adjective ("the chance to take on X") has
			// the subject of its sentence, unless a reported clause comes between
			if rs := a.reportedBefore(s.First, k); rs >= 0 {
				// "X says he would be happy to meet Y": the reported clause's subject
				for j := k - 1; j >= rs; j-- {
					pw := a.word(j - 1)
					if mi := a.mentionAt[j]; mi >= 0 && d.Mentions[mi].First == j && d.Mentions[mi].Entity >= 0 && !d.Mentions[mi].Possessive && !prepositions[pw] &&
						!a.modifiesNoun(d.Mentions[mi].End) {
						return []int{d.Mentions[mi].Entity}, negated
					}
					if w := a.word(j); w == "he" || w == "she" {
						if e := a.pronoun(j); e >= 0 {
							return []int{e}, negated
						}
					}
				}
				return nil, negated
			}
			if subj := a.sentenceSubject(si); subj >= 0 {
				return []int{subj}, negated
			}
			return nil, negated
		case (calendarWords[w] || d.Tokens[k].Kind == Number && len(w) == 4) && k-1 >= s.First && a.mentionAt[k] < 0 && (a.word(k-1) == "on" || a.word(k-1) == "in" || a.word(k-1) == "last" || a.word(k-1) == "this" || a.word(k-1) == "since"):
			k -= 2 // "who on Friday won", "which in 1998 merged"
			continue
		case w == "who" || w == "which" || w == "that" && k-1 >= s.First && a.mentionAt[k-1] >= 0:
			// after a dash the relative pronoun stands for the nearest name only; after a
			// comma for a whole list ("Bono, The Edge, Adam Clayton and Larry Mullen Jr,
			// who formed U2")
			relative = true
			nearestOnly = k-1 >= s.First && a.word(k-1) != ","
			k--
			if k >= s.First && (a.word(k) == "," || a.word(k) == "-" || a.word(k) == "—" || a.word(k) == "–") {
				k--
			}
			continue
		case w == "," && k-1 >= s.First && a.mentionAt[k-1] >= 0 && strings.HasSuffix(a.word(v), "ing") && v == k+1:
			// "Richter, speaking to the BBC": the name before the comma
			if e := d.Mentions[a.mentionAt[k-1]].Entity; e >= 0 {
				return []int{e}, negated
			}
		case w == "," && k-1 >= s.First && a.mentionAt[k-1] >= 0 && a.apposition(a.mentionAt[k-1]):
			// "Its founder, David Moreau, will join": the name in apposition
			if e := d.Mentions[a.mentionAt[k-1]].Entity; e >= 0 {
				return []int{e}, negated
			}
		case w == ",":
			// a parenthetical between commas: ", speaking in English,"
			p := k - 1
			for p >= s.First && a.word(p) != "," && !(d.Tokens[p].Kind == Quote) {
				p--
			}
			if p >= s.First && a.word(p) == "," && a.parenthetical(p+1, k) {
				k = p - 1
				continue
			}
			if p < s.First && a.parenthetical(s.First, k) {
				return nil, negated
			}
		}
		break
	}
	if k < s.First {
		return nil, negated
	}
	if mi := a.mentionAt[k]; mi >= 0 {
		m := &d.Mentions[mi]
		if m.Possessive {
			return nil, negated // "Keller's aides said": not Keller
		}
		if pm := a.personOfBody(mi, s.First); !relative && pm >= 0 {
			mi, m = pm, &d.Mentions[pm] // "Ann Lee of the Harbour Institute said": Ann Lee
		}
		if p := m.First - 1; !relative && p >= s.First && nounPrepositions[a.word(p)] && (p-1 >= s.First && d.Tokens[p-1].Kind == Word && a.mentionAt[p-1] < 0 || a.word(p) == "of" || a.word(p) == "about") {
			if (a.word(p) == "from" || a.word(p) == "for" || a.word(p) == "of" || a.word(p) == "by") && p-1 >= s.First && mouthpieceNouns[a.word(p-1)] && a.isAgent(m.Entity) && a.isSpeechVerb(v) {
				return []int{m.Entity}, negated // "a statement from the firm said", "a spokesman for X said"
			}
			return nil, negated // "his words about President Keller met", "the court in Paris fined": not Keller, not Paris
		}
		if m.Entity < 0 && m.Kind == NominalMention && mouthpieceNouns[m.RoleHead] && a.isSpeechVerb(v) {
			if e := a.principal(m); e >= 0 {
				return []int{e}, negated // "the minister's spokesman said": the minister speaks
			}
		}
		if p := m.First - 1; p >= s.First && conditionals[a.word(p)] {
			negated = true // "if the Greens win the vote": not a fact
		}
		var out []int
		if e := m.Entity; e >= 0 {
			out = append(out, e)
		}
		// coordinated subjects: "Ruiz and Webb", "Ruiz, Webb and Orlov" (a
		// relative pronoun stands for the nearest name only)
		j := m.First - 1
		for j >= s.First && !nearestOnly {
			w := a.word(j)
			if w != "and" && w != "," {
				break
			}
			j--
			if j >= s.First && a.word(j) == "," {
				j--
			}
			if j < s.First {
				break // the sentence starts with "and": nothing before it
			}
			pm := a.mentionAt[j]
			if pm < 0 {
				break
			}
			if e := d.Mentions[pm].Entity; e >= 0 {
				out = append(out, e)
			}
			j = d.Mentions[pm].First - 1
		}
		// "targets for schools in Kent and Essex were announced": a list inside a
		// prepositional phrase is no subject either
		if q := j; q < m.First-1 && !relative && q >= s.First && nounPrepositions[a.word(q)] && q-1 >= s.First && d.Tokens[q-1].Kind == Word && a.mentionAt[q-1] < 0 {
			return nil, negated
		}
		return out, negated
	}
	if mouthpieceNouns[a.word(k)] && a.isSpeechVerb(v) {
		// "X's annual report said", "the firm's statement said": X speaks through it
		for j := k - 1; j >= s.First && j >= k-4; j-- {
			if d.Tokens[j].Kind == Poss {
				if e := a.entityOf(a.mentionOf(j - 1)); a.isAgent(e) {
					return []int{e}, negated
				}
				break
			}
			if d.Tokens[j].Kind != Word || d.Tokens[j].Has(Cap) || isVerbish(a.lx, a.word(j)) || functionWords[a.word(j)] {
				break
			}
		}
	}
	if g := pronounGender(a.word(k)); g != 0 && a.word(k) != "his" && a.word(k) != "her" {
		if conditionals[a.word(k-1)] {
			negated = true // "if he beats X"
		}
		if e := a.pronoun(k); e >= 0 {
			return []int{e}, negated
		}
		return nil, negated
	}
	if a.word(k) == "they" || a.word(k) == "both" && a.word(k-1) == "they" {
		if g := a.groupBefore(k); len(g) > 0 {
			return g, negated
		}
		if t := a.teamBefore(k); t >= 0 {
			return []int{t}, negated // "X praised his side after they beat Y"
		}
		return nil, negated
	}
	if teamNouns[a.word(k)] && k-1 >= s.First {
		if t, _ := a.ownTeam(k - 1); t >= 0 {
			return []int{t}, negated // "his side never doubted"
		}
	}
	if a.word(k) == "i" {
		// "I" inside a quotation is its speaker
		off := d.Tokens[k].Start
		for _, q := range d.Quotes {
			if off >= q.Start && off < q.End {
				return []int{q.Speaker}, negated
			}
		}
		return nil, negated
	}
	// a verb coordinated with an earlier one shares its subject: "X praised Y and said",
	// "greeting Morozov … and even applauding him"
	if a.word(k) == "," && k-1 >= s.First && d.Tokens[k-1].Has(Cap) && a.mentionAt[k-1] < 0 && strings.HasSuffix(a.word(v), "ing") {
		return nil, negated // "The Long Night, starring X": the gerund describes the title
	}
	if a.word(k) == "and" || a.word(k) == "," || a.word(k) == "but" {
		for j := k - 1; j >= s.First; j-- {
			w := a.word(j)
			if d.Tokens[j].Kind != Word || a.mentionAt[j] >= 0 {
				continue
			}
			if _, ok := a.lx.Speech(w); ok || len(a.lx.Verbs(w)) > 0 {
				if subj, neg := a.subjectOf(j); len(subj) > 0 {
					return subj, neg || negated
				}
				break
			}
		}
		if subj := a.sentenceSubject(si); subj >= 0 {
			return []int{subj}, negated
		}
	}
	return nil, negated
}

// mouthpieceNouns are the people and papers through which a person or a body speaks: what
// they say is said by the one they speak for.
var mouthpieceNouns = map[string]bool{
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "statement": true,
	"report": true, "release": true, "announcement": true, "filing": true, "letter": true,
}

// isSpeechVerb reports whether token v is a verb of saying.
func (a *analysis) isSpeechVerb(v int) bool {
	_, ok := a.lx.Speech(a.word(v))
	return ok
}

// principal returns whom a nominal mouthpiece speaks for: the body named in its title
// ("a Pentagon spokesman"), its possessor ("the minister's spokesman") or the one after
// "for" ("a spokeswoman for the club"); -1 if none.
func (a *analysis) principal(m *Mention) int {
	d := a.d
	if m.RoleOrg >= 0 {
		if e := d.Mentions[m.RoleOrg].Entity; a.isAgent(e) {
			return e
		}
	}
	if m.First >= 2 && d.Tokens[m.First-1].Kind == Poss {
		if e := a.entityOf(a.mentionOf(m.First - 2)); a.isAgent(e) {
			return e
		}
	}
	if a.word(m.End) == "for" {
		if e := a.entityOf(a.mentionOf(m.End + 1)); a.isAgent(e) {
			return e
		}
	}
	return -1
}

// isParticiple reports whether token k is a past participle ("chosen", "understood").
func (a *analysis) isParticiple(k int) bool {
	t := &a.d.Tokens[k]
	if t.Kind != Word || t.Has(Cap) || a.mentionAt[k] >= 0 {
		return false
	}
	_, form, _, ok := a.analyzeVerb(t.Lower)
	return ok && (form == lexicon.ParticipleForm || form == lexicon.PastForm)
}

// apposition reports whether mention mi stands between commas after a noun phrase:
// "its founder, David Moreau, …".
func (a *analysis) apposition(mi int) bool {
	m := &a.d.Mentions[mi]
	if m.First == 0 || a.word(m.First-1) != "," || m.First < 2 {
		return false
	}
	p := &a.d.Tokens[m.First-2]
	if p.Kind == Word && !p.Has(Cap) && a.mentionAt[m.First-2] < 0 {
		return true
	}
	// a description that ends in a name of another kind: "Head of research at the
	// Acme Institute, Professor Jane Roe, said", "Acme chief executive, Jane Roe, said"
	o := a.mentionAt[m.First-2]
	if o < 0 || m.Entity < 0 || !a.isPerson(m.Entity) || m.Kind != NameMention {
		return false
	}
	om := &a.d.Mentions[o]
	if om.Entity >= 0 && a.isPerson(om.Entity) {
		return false // a list of people
	}
	// the description opens the sentence, or follows a subordinate clause's comma
	s := &a.d.Sentences[m.Sentence]
	for j := om.First - 1; j >= s.First; j-- {
		if a.mentionAt[j] >= 0 && a.d.Mentions[a.mentionAt[j]].Kind == NameMention && a.isPerson(a.d.Mentions[a.mentionAt[j]].Entity) || a.word(j) == "," {
			return false
		}
	}
	return true
}

// prepAgent returns the entity of the mention ending at token k when prep introduces it
// as an agent: "of" after a noun ("the decision of X"), "for" before an infinitive ("for
// Acme to sell"); or -1.
func (a *analysis) prepAgent(k int, prep string) int {
	mi := a.mentionAt[k]
	if mi < 0 {
		return -1
	}
	m := &a.d.Mentions[mi]
	if m.End != k+1 || m.First == 0 || a.word(m.First-1) != prep || !a.isAgent(m.Entity) {
		return -1
	}
	return m.Entity
}

// groupBefore returns the people "they" stands for at token k: the last pair or list of
// names joined by "and" in this sentence or the one before.
func (a *analysis) groupBefore(k int) []int {
	d := a.d
	si := a.sentenceOf(k)
	from := d.Sentences[si].First
	if si > 0 {
		from = d.Sentences[si-1].First
	}
	for j := k - 1; j >= from; j-- {
		if a.word(j) != "and" {
			continue
		}
		l, r := a.mentionOf(j-1), a.mentionOf(j+1)
		if l < 0 || r < 0 {
			continue
		}
		el, er := d.Mentions[l].Entity, d.Mentions[r].Entity
		if a.isAgent(el) && a.isAgent(er) && el != er {
			return []int{el, er}
		}
	}
	return nil
}

// parenthetical reports whether tokens [from, to) read as an aside: a participle or
// relative clause, or a prepositional phrase ("for his part", "in turn").
func (a *analysis) parenthetical(from, to int) bool {
	if from >= to {
		return false
	}
	w := a.word(from)
	switch {
	case strings.HasSuffix(w, "ing"):
		return true
	case strings.HasSuffix(w, "ed") && a.word(from+1) == "by":
		return true // ", accompanied by X,"
	case w == "who" || w == "which" || w == "whose" || w == "whom":
		return true
	case subordinators[w] || w == "for" || w == "in" || w == "at" || w == "like" || w == "along":
		return true
	case w == "a" || w == "an" || w == "the" || w == "his" || w == "her" || w == "their":
		return true // an apposition: "Ann Dale, an Carter appointee,"
	case a.d.Tokens[from].Kind == Number && to == from+1:
		return true // an age: "Mr Smith, 57, has"
	}
	// a role in apposition: ", senior economist at Harbor Capital,"
	for k := from; k < to && k < from+5; k++ {
		w := a.word(k)
		if a.d.Tokens[k].Kind == Word && !a.d.Tokens[k].Has(Cap) && a.isRoleWord(w) {
			return true
		}
		if isVerbish(a.lx, w) || auxiliaries[w] {
			return false
		}
	}
	return false
}

// finiteVerbBefore returns the nearest verb before token k in its sentence that is not a
// gerund, or -1.
func (a *analysis) finiteVerbBefore(k int) int {
	s := &a.d.Sentences[a.sentenceOf(k)]
	for j := k - 1; j >= s.First; j-- {
		w := a.word(j)
		if a.d.Tokens[j].Kind != Word || a.mentionAt[j] >= 0 || strings.HasSuffix(w, "ing") {
			continue
		}
		if _, ok := a.lx.Speech(w); ok || len(a.lx.Verbs(w)) > 0 {
			return j
		}
	}
	return -1
}

// isRoleWord reports whether a lower-case word is a role title ("adviser").
func (a *analysis) isRoleWord(w string) bool {
	_, ok := a.lx.Title(strings.TrimSuffix(w, "."))
	return ok
}

// titledAfterPossessive returns the person named after a possessive and a title that
// starts at token k ("[Freedonia's] minister of sport Ana Ruiz"), or -1.
func (a *analysis) titledAfterPossessive(k, end int) int {
	d := a.d
	role := false
	for j := k; j < end && j < k+6; j++ {
		if mi := a.mentionAt[j]; mi >= 0 {
			m := &d.Mentions[mi]
			if m.Kind == NominalMention && m.Type == Person {
				role = true // "[Freedonia's] minister of sport"
				j = m.End - 1
				continue
			}
			if (role || m.Role != "") && m.Kind == NameMention && a.isPerson(m.Entity) && !m.Possessive {
				return m.Entity
			}
			return -1
		}
		t := &d.Tokens[j]
		w := a.word(j)
		if t.Kind != Word {
			return -1
		}
		if a.isRoleWord(w) {
			role = true
			continue
		}
		if w == "of" || a.lx.IsModifier(w) || !isVerbish(a.lx, w) && !functionWords[w] && !t.Has(Cap) {
			continue
		}
		return -1
	}
	return -1
}

// reportedBefore returns the token after the last speech verb between tokens from and to
// that opens a reported clause with a subject of its own ("X claimed the government was
// about to"), or -1.
func (a *analysis) reportedBefore(from, to int) int {
	at := -1
	for j := from; j < to; j++ {
		if a.mentionAt[j] >= 0 || a.d.Tokens[j].Kind != Word {
			continue
		}
		if _, ok := a.lx.Speech(a.word(j)); ok {
			if n := a.word(j + 1); n != "to" && n != "," && n != ":" {
				at = j + 1
			}
		}
	}
	return at
}

// personOfBody returns the mention of the person that the organisation or place of mention
// mi is said to be of, at or from ("Ann Lee of the Harbour Institute", "Carl Smith at
// Westfield Bank"), or -1. first is the first token of the sentence.
func (a *analysis) personOfBody(mi, first int) int {
	d := a.d
	m := &d.Mentions[mi]
	if m.Entity < 0 || a.isPerson(m.Entity) {
		return -1
	}
	p := m.First - 1
	if p >= first && a.word(p) == "the" {
		p--
	}
	if p-1 < first {
		return -1
	}
	if w := a.word(p); w != "of" && w != "at" && w != "from" {
		return -1
	}
	pm := a.mentionAt[p-1]
	if pm < 0 || d.Mentions[pm].Possessive || d.Mentions[pm].Entity < 0 || !a.isPerson(d.Mentions[pm].Entity) {
		return -1
	}
	return pm
}

// afterParticiple reports whether token k comes right after the comma that closes a
// participle opening sentence si ("Speaking to Ann Lee, he said"), whose unstated
// subject is the word at k.
func (a *analysis) afterParticiple(si, k int) bool {
	s := &a.d.Sentences[si]
	if k-1 <= s.First || a.word(k-1) != "," {
		return false
	}
	w := a.word(s.First)
	if !strings.HasSuffix(w, "ing") || len(w) < 6 || a.mentionAt[s.First] >= 0 {
		return false
	}
	for j := s.First + 1; j < k-1; j++ {
		if a.word(j) == "," || a.d.Tokens[j].Kind == Quote {
			return false // the participle's phrase ends at the comma before k
		}
	}
	return true
}
