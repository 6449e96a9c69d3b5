package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/extract/lexicon"
	"github.com/kg-news/kg/extract/model"
)

// calendarWords are capitalised but never names of the four entity types.
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "jan.": true, "feb.": true, "mar.": true,
	"apr.": true, "jun.": true, "jul.": true, "aug.": true, "sep.": true, "sept.": true,
	"oct.": true, "nov.": true, "dec.": true, "christmas": true, "easter": true,
}

// pronounWords never start a name.
var pronounWords = map[string]bool{
	"i": true, "i'm": true, "i’m": true, "i'll": true, "i’ll": true, "i've": true, "i’ve": true,
	"i'd": true, "i’d": true, "he": true, "she": true, "it": true, "we": true, "they": true,
	"you": true, "his": true, "her": true, "its": true, "our": true, "their": true, "my": true,
	"your": true, "him": true, "them": true, "us": true, "me": true, "no-one": true, "noone": true,
	"nobody": true, "everyone": true, "everybody": true, "someone": true, "somebody": true,
	"anyone": true, "anybody": true,
}

// determiners open a noun phrase.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"his": true, "her": true, "their": true, "its": true, "our": true, "my": true, "your": true,
	"next": true, "last": true, "another": true, "each": true, "every": true, "any": true,
}

// nameParticles may sit inside a person's name ("Ursula von der Leyen").
var nameParticles = map[string]bool{
	"de": true, "del": true, "della": true, "der": true, "den": true, "van": true, "von": true,
	"da": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "ibn": true,
	"al": true, "dos": true, "das": true, "do": true, "y": true, "ben": true, "ter": true,
}

// nominalHeads are the roles that, with a determiner and no name ("the Russian leader"),
// still point at one person of the article.
var nominalHeads = map[string]bool{
	"president": true, "leader": true, "minister": true, "premier": true, "chancellor": true,
	"secretary": true, "king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"governor": true, "mayor": true, "senator": true, "coach": true, "manager": true,
	"chairman": true, "chairwoman": true, "chief": true, "executive": true, "ceo": true,
	"boss": true, "founder": true, "striker": true, "captain": true, "envoy": true,
	"ambassador": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"judge": true, "prosecutor": true, "general": true, "commander": true, "director": true,
	"head": true, "emperor": true, "monarch": true, "dictator": true, "ruler": true,
}

// honorifics are role words that are only forms of address.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "sir": true,
	"dame": true, "lord": true, "lady": true, "prof": true, "professor": true,
	"baroness": true, "baron": true, "rev": true,
}

// addressedOffices follow a form of address as the name of an office, not a surname:
// "Mr Speaker", "Lord Justice", "Madam Chair".
var addressedOffices = map[string]bool{
	"speaker": true, "justice": true, "chief": true, "deputy": true, "chair": true,
	"chairman": true, "chairwoman": true, "commissioner": true, "advocate": true,
	"lieutenant": true, "provost": true, "chamberlain": true, "ambassador": true,
}

// groupNouns follow an organisation or place used as a modifier: "NATO leaders".
var groupNouns = map[string]bool{
	"leaders": true, "officials": true, "allies": true, "members": true, "forces": true,
	"troops": true, "players": true, "fans": true, "executives": true, "ministers": true,
	"delegation": true, "team": true, "side": true, "counterparts": true, "partners": true,
	"diplomats": true, "negotiators": true, "staff": true, "bosses": true, "chiefs": true,
	"lawmakers": true, "politicians": true, "representatives": true, "envoys": true,
	"authorities": true, "government": true, "squad": true,
}

// mentionFinder finds the mentions of one document.
type mentionFinder struct {
	d       *Document
	lx      *lexicon.Lexicon
	capSeen map[string]bool // words seen capitalised away from the start of a sentence
	lowSeen map[string]bool // words seen in lower case
	used    []bool          // tokens that belong to a mention already
	works   map[string]bool // titles of works the article names after a noun of their kind
	capped  map[string]int  // how often each word is written with a capital, made on first use
}

// findMentions adds the name, nominal and event mentions of d.
func findMentions(d *Document, lx *lexicon.Lexicon) {
	f := &mentionFinder{d: d, lx: lx, capSeen: map[string]bool{}, lowSeen: map[string]bool{}, used: make([]bool, len(d.Tokens))}
	f.caseEvidence()
	f.findWorks()
	var titleCase []int
	for si := range d.Sentences {
		s := &d.Sentences[si]
		switch {
		case s.Kind == Junk:
		case s.Kind == Heading || s.TitleCase && s.Kind != Body:
			// headings, captions and headlines: names known from the text only
			titleCase = append(titleCase, si)
		default:
			f.sentence(si)
		}
	}
	if len(titleCase) > 0 {
		known := f.knownForms()
		for _, si := range titleCase {
			f.matchKnown(si, known)
		}
	}
	sortMentions(d)
}

// caseEvidence records the words the article capitalises in the middle of sentences:
// those are names even where a sentence starts with them.
func (f *mentionFinder) caseEvidence() {
	d := f.d
	// words capitalised where any word would be: the start of a sentence, after a quote
	starts := map[string]bool{}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for k := s.First; k < s.End; k++ {
			t := &d.Tokens[k]
			if t.Kind == Word && t.Has(Cap) && (t.Has(Initial) || f.afterOpener(k)) {
				starts[t.Lower] = true
			}
		}
	}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		if s.Kind != Body || s.TitleCase {
			continue
		}
		for k := s.First; k < s.End; k++ {
			t := &d.Tokens[k]
			if t.Kind != Word || !starts[t.Lower] {
				continue
			}
			if !t.Has(Cap) {
				f.lowSeen[t.Lower] = true
			} else if !t.Has(Initial) && !f.afterOpener(k) {
				f.capSeen[t.Lower] = true
			}
		}
	}
}

// afterOpener reports whether token k follows an opening quote, a colon or a dash, after
// which writers capitalise any word.
func (f *mentionFinder) afterOpener(k int) bool {
	if k == 0 {
		return true
	}
	p := &f.d.Tokens[k-1]
	if p.Kind == Quote && p.Has(Open) {
		return true
	}
	if p.Kind == Punct {
		switch f.d.TokenText(k - 1) {
		case ":", "—", "–", "(", "-", "•":
			return true
		}
	}
	return false
}

func (f *mentionFinder) capWord(k int) bool {
	t := &f.d.Tokens[k]
	return t.Kind == Word && t.Has(Cap) && (t.Has(AllCaps) || !isPronoun(t.Lower))
}

// isPronoun reports whether a word is a pronoun or a contraction of one ("you’ve").
func isPronoun(w string) bool {
	if pronounWords[w] {
		return true
	}
	if i := strings.IndexAny(w, "'’"); i > 0 {
		return pronounWords[w[:i]] || w[:i] == "i"
	}
	return false
}

func (f *mentionFinder) sentence(si int) {
	d := f.d
	s := &d.Sentences[si]
	for i := s.First; i < s.End; {
		if !f.capWord(i) || f.used[i] {
			i++
			continue
		}
		j := f.chunkEnd(i, s.End)
		f.chunk(si, i, j)
		i = j
	}
	f.nominals(si)
	f.possessedBodies(si)
	f.orgNominals(si)
	f.eventMentions(si)
}

// orgNouns name an organisation by its kind: "the firm", "the federation", "the
// newspaper". With "the" and no name after them they point at an organisation of the
// article.
var orgNouns = map[string]bool{
	"company": true, "firm": true, "group": true, "bank": true, "club": true, "party": true,
	"newspaper": true, "paper": true, "magazine": true, "broadcaster": true, "network": true,
	"airline": true, "carrier": true, "carmaker": true, "retailer": true, "supermarket": true,
	"chain": true, "exchange": true, "regulator": true, "watchdog": true, "union": true,
	"agency": true, "organisation": true, "organization": true, "federation": true,
	"association": true, "council": true, "committee": true, "commission": true, "charity": true,
	"consortium": true, "conglomerate": true, "giant": true, "maker": true, "manufacturer": true,
	"operator": true, "provider": true, "publisher": true, "studio": true, "label": true,
	"band": true, "league": true, "corporation": true, "insurer": true, "lender": true,
	"developer": true, "producer": true, "utility": true, "broadcasters": false, "executive": false,
	"department": true, "ministry": true, "army": true, "parliament": true, "assembly": true,
	"authority": true, "body": true, "institute": true, "university": true, "school": true,
	"hospital": true, "court": true, "side": false, "team": true, "squad": false,
	"government": true,
}

// orgNominals finds organisations named by their kind with "the": "the firm said".
func (f *mentionFinder) orgNominals(si int) {
	d := f.d
	s := &d.Sentences[si]
	for k := s.First; k+1 < s.End; k++ {
		t := &d.Tokens[k]
		if t.Kind != Word || t.Lower != "the" || f.used[k] {
			continue
		}
		// "the firm", "the troubled agency", "the Dutch firm"
		j := k + 1
		for j < s.End && j < k+4 && d.Tokens[j].Kind == Word && !f.used[j] && !orgNouns[d.Tokens[j].Lower] && !placeNouns[d.Tokens[j].Lower] &&
			(!d.Tokens[j].Has(Cap) || f.isDemonymWord(j)) && !functionWords[d.Tokens[j].Lower] && !isVerbish(f.lx, d.Tokens[j].Lower) {
			j++
		}
		if j >= s.End {
			continue
		}
		n := &d.Tokens[j]
		if n.Kind != Word || n.Has(Cap) || f.used[j] || !orgNouns[n.Lower] && !placeNouns[n.Lower] {
			continue
		}
		e := j + 1
		if e < s.End && (f.capWord(e) || d.Tokens[e].Kind == Word && !d.Tokens[e].Has(Cap) && f.lx.IsWord(d.Tokens[e].Lower) &&
			!functionWords[d.Tokens[e].Lower] && !prepositions[d.Tokens[e].Lower] && !auxiliaries[d.Tokens[e].Lower] &&
			!adverbs[d.Tokens[e].Lower] && !isVerbish(f.lx, d.Tokens[e].Lower) && !clauseWords[d.Tokens[e].Lower] &&
			!subordinators[d.Tokens[e].Lower] && !f.finiteVerb(d.Tokens[e].Lower)) {
			continue // "the firm GPW", "the group stage"
		}
		if e < s.End && d.Tokens[e].Lower == "of" {
			continue // "the bank of England", "the council of ministers"
		}
		typ := Organization
		if placeNouns[n.Lower] {
			typ = Place
		}
		m := Mention{Span: Span{t.Start, n.End}, First: k, End: e, Sentence: si, Kind: NominalMention,
			Type: typ, Strength: 1, RoleHead: n.Lower, RoleOrg: -1, Entity: -1}
		m.Full = m.Span
		if e < len(d.Tokens) && d.Tokens[e].Kind == Poss {
			m.Possessive = true
		}
		for x := k; x < e; x++ {
			f.used[x] = true
		}
		d.Mentions = append(d.Mentions, m)
		k = e - 1
	}
}

// placeNouns name a place by its kind: "the constituency", "the country", "the city".
var placeNouns = map[string]bool{
	"country": true, "city": true, "capital": true, "constituency": true, "seat": false,
	"borough": true, "ward": true, "town": true, "island": true, "region": true, "province": true,
	"state": false, "county": true, "village": true, "territory": true, "nation": true,
}

// clauseWords open a relative or subordinate clause after a noun.
var clauseWords = map[string]bool{"who": true, "which": true, "that": true, "whose": true, "where": true, "when": true}

func (f *mentionFinder) isDemonymWord(k int) bool {
	_, ok := f.lx.Demonym(f.d.TokenText(k))
	return ok
}

// chunkEnd extends a run of capitalised words from i: across "of (the)", name particles,
// "&", and "and" or "for" where the words around them name an organisation or a title.
func (f *mentionFinder) chunkEnd(i, end int) int {
	d := f.d
	j := i + 1
	for j < end {
		if f.capWord(j) && !f.used[j] {
			j++
			continue
		}
		t := &d.Tokens[j]
		k := j + 1
		switch {
		case t.Kind == Word && t.Lower == "of":
			if k < end && d.Tokens[k].Lower == "the" {
				k++
			}
			if k < end && f.capWord(k) && !calendarWords[d.Tokens[k].Lower] && !f.isDemonymAdj(k) {
				j = k
				continue
			}
		case t.Kind == Word && !t.Has(Cap) && elidedParticle(d.TokenText(j)) && j > i && f.capWord(j-1):
			j++ // "Ann Webster d'Arcy"
			continue
		case t.Kind == Word && nameParticles[t.Lower] && !t.Has(Cap):
			if k < end && nameParticles[d.Tokens[k].Lower] && !d.Tokens[k].Has(Cap) {
				k++
			}
			if k < end && f.capWord(k) {
				j = k
				continue
			}
		case t.Kind == Word && t.Lower == "for":
			if k < end && f.capWord(k) && (f.lx.IsOrgWord(trimDot(d.Tokens[j-1].Lower)) || f.isRole(d.Tokens[j-1].Lower)) && f.lx.Place(d.TokenText(k)) == nil {
				j = k
				continue
			}
		case t.Kind == Word && t.Lower == "and":
			if k < end && f.capWord(k) {
				m := k
				for m < end && f.capWord(m) {
					m++
				}
				if f.hasOrgOrRole(i, j) && f.hasOrgOrRole(k, m) && !f.endsWithPersonName(i, j) {
					j = k
					continue
				}
				// "Ministry for Roads and Harbours"
				if f.startsPublicBody(i, j) && m == k+1 {
					j = k
					continue
				}
				// "Work and Pensions Secretary", "Immigration and Nationality Department":
				// common words joined by "and" before the head of a public body or a role
				if k+1 < m && (publicBodies[d.Tokens[k+1].Lower] || f.isRole(d.Tokens[k+1].Lower)) &&
					!publicBodies[d.Tokens[k].Lower] && !f.isRole(d.Tokens[k].Lower) && f.commonWords(i, j) {
					j = k
					continue
				}
			}
		case t.Kind == Number && f.lx.IsOrgWord(d.Tokens[j-1].Lower) && !f.isScore(j, end):
			j++ // "BBC Radio 4", "Channel 4"
			continue
		case t.Kind == Punct && d.TokenText(j) == "&":
			if k < end && f.capWord(k) {
				j = k
				continue
			}
		}
		break
	}
	return j
}

// roleQualifiers qualify a role and never start a name.
var roleQualifiers = map[string]bool{
	"former": true, "ex": true, "ex-": true, "then": true, "outgoing": true, "incoming": true,
	"acting": true, "interim": true, "caretaker": true, "longtime": true, "long-time": true,
	"veteran": true, "top": true, "senior": true, "junior": true, "deputy": true,
}

// publicBodies are the head words of government bodies, whose names often join two
// subjects with "and": "Ministry for Roads and Harbours".
var publicBodies = map[string]bool{
	"department": true, "ministry": true, "office": true, "agency": true, "commission": true,
	"committee": true, "council": true, "service": true, "division": true, "institute": true,
	"authority": true, "board": true, "bureau": true, "secretary": true, "minister": true,
	"directorate": true, "inspectorate": true,
}

// commonWords reports whether tokens [a, b) are one or two common words that are no one's
// name ("Work", "Trade").
func (f *mentionFinder) commonWords(a, b int) bool {
	if b-a > 2 {
		return false
	}
	for k := a; k < b; k++ {
		t := &f.d.Tokens[k]
		if !f.lx.IsWord(t.Lower) || f.lx.IsFirstName(f.d.TokenText(k)) || f.lx.IsSurname(f.d.TokenText(k)) {
			return false
		}
	}
	return true
}

// startsPublicBody reports whether a run opens with the head of a government body
// ("Department for Work", "Ministry of Trade").
func (f *mentionFinder) startsPublicBody(a, b int) bool {
	for a < b && determiners[f.d.Tokens[a].Lower] {
		a++
	}
	if b-a < 3 || !publicBodies[f.d.Tokens[a].Lower] {
		return false
	}
	w := f.d.Tokens[a+1].Lower
	return w == "for" || w == "of"
}

// isDemonymAdj reports whether token k is a nationality adjective followed by a lower-case
// word ("of the Russian side"): not the start of a name.
func (f *mentionFinder) isDemonymAdj(k int) bool {
	if _, ok := f.lx.Demonym(f.d.TokenText(k)); !ok {
		return false
	}
	return k+1 >= len(f.d.Tokens) || !f.capWord(k+1)
}

func (f *mentionFinder) hasOrgOrRole(a, b int) bool {
	for k := a; k < b; k++ {
		w := trimDot(f.d.Tokens[k].Lower)
		if f.lx.IsOrgWord(w) || f.isRole(w) || f.lx.IsPlaceWord(w) {
			return true
		}
	}
	return false
}

// endsWithPersonName reports whether a run ends with what looks like a person's name,
// so that "and" after it separates two people.
func (f *mentionFinder) endsWithPersonName(a, b int) bool {
	if b-a >= 2 && f.lx.IsFirstName(f.d.TokenText(b-2)) {
		return true
	}
	return b-a >= 1 && f.lx.IsFirstName(f.d.TokenText(b-1)) && !f.isRole(f.d.Tokens[b-1].Lower)
}

func trimDot(s string) string { return strings.TrimSuffix(s, ".") }

func (f *mentionFinder) isRole(w string) bool {
	_, ok := f.lx.Title(trimDot(w))
	return ok
}

// titleAt returns the number of tokens of a title starting at k, before end.
func (f *mentionFinder) titleAt(k, end int) (n int, head string) {
	d := f.d
	if d.Tokens[k].Kind != Word {
		return 0, ""
	}
	first := trimDot(d.Tokens[k].Lower)
	if !f.lx.StartsTitle(first) {
		if h, ok := f.lx.Title(first); ok {
			return 1, h
		}
		return 0, ""
	}
	max := f.lx.MaxTitleWords()
	if max > end-k {
		max = end - k
	}
	var b strings.Builder
	for m := max; m >= 1; m-- {
		b.Reset()
		ok := true
		for x := k; x < k+m; x++ {
			if d.Tokens[x].Kind != Word {
				ok = false
				break
			}
			if x > k {
				b.WriteByte(' ')
			}
			b.WriteString(trimDot(d.Tokens[x].Lower))
		}
		if !ok {
			continue
		}
		if h, found := f.lx.Title(b.String()); found {
			return m, h
		}
	}
	return 0, ""
}

// dropLead reports whether the first word of a run is not part of a name: a function
// word, a date, or a common word capitalised only because it starts the sentence.
func (f *mentionFinder) dropLead(k int) bool {
	t := &f.d.Tokens[k]
	if t.Kind != Word {
		return true
	}
	if calendarWords[t.Lower] || t.Lower == "the" || t.Lower == "a" || t.Lower == "an" {
		return true
	}
	if !t.Has(Initial) && !f.afterOpener(k) {
		return false
	}
	if sentenceStarters[t.Lower] || functionWords[t.Lower] || pronounWords[t.Lower] || determiners[t.Lower] {
		return true
	}
	text := f.d.TokenText(k)
	if f.isRole(t.Lower) || f.lx.Place(text) != nil || t.Has(AllCaps) {
		return false
	}
	if f.lx.StartsTitle(t.Lower) {
		if n, _ := f.titleAt(k, len(f.d.Tokens)); n > 1 {
			return false // "Prime Minister …"
		}
	}
	if k+1 < len(f.d.Tokens) && f.d.Tokens[k+1].Kind == Word {
		if n, _ := f.titleAt(k+1, len(f.d.Tokens)); n > 0 && !f.d.Tokens[k+1].Has(Cap) {
			return false // "Opposition leader …"
		}
	}
	if f.lx.IsModifier(t.Lower) && k+1 < len(f.d.Tokens) && f.capWord(k+1) {
		return false // "Former CIA Director …"
	}
	if f.capSeen[t.Lower] {
		return false
	}
	if f.lowSeen[t.Lower] {
		return true // the article writes it in lower case elsewhere: a common word
	}
	if k+2 < len(f.d.Tokens) && f.d.TokenText(k+1) == "," && (f.d.Tokens[k+2].Lower == "which" || f.d.Tokens[k+2].Lower == "who") {
		return false // "Ford, which has sold …": a name with a relative clause
	}
	if k+2 < len(f.d.Tokens) && f.capWord(k+1) && !f.capWord(k+2) {
		// "Downing Street", "Scotland Yard": a two-word name with an organisation or place head
		if h := f.d.Tokens[k+1].Lower; f.lx.IsOrgWord(h) || f.lx.IsPlaceWord(h) {
			return false
		}
	}
	// the tagger, which reads the sentence, knows a verb or an adjective from a name
	// (only for a word on its own: before another capitalised word it may open a title,
	// "Swiss President …")
	if tg, ok := f.d.TokenTag(k); ok && !(k+1 < len(f.d.Tokens) && f.capWord(k+1)) {
		switch tg {
		case model.PROPN:
			return false
		case model.NOUN, model.X, model.SYM:
		default:
			return true
		}
	}
	return f.lx.IsWord(t.Lower) || strings.HasSuffix(t.Lower, "ing") || strings.HasSuffix(t.Lower, "ly")
}

// chunk turns the run of capitalised tokens [a, b) of sentence si into mentions.
func (f *mentionFinder) chunk(si, a, b int) {
	d := f.d
	for a < b && f.dropLead(a) {
		a++
		for a < b && d.Tokens[a].Kind == Word && !d.Tokens[a].Has(Cap) {
			a++ // "of", particles left at the front
		}
	}
	for b > a && calendarWords[d.Tokens[b-1].Lower] && !(b-a >= 2 && f.lx.IsFirstName(d.TokenText(b-2)) && f.lx.IsSurname(d.TokenText(b-1))) {
		b-- // "Friday", "last May", but not the surname of "Ann May"
	}
	if b-a >= 2 && d.TokenText(b-1) == "TV" && f.lx.Place(d.Text[d.Tokens[a].Start:d.Tokens[b-2].End]) != nil {
		b-- // "US TV": a country's television, not a broadcaster's name
	}
	// "London-based Smith": a place adjective describes the name after it
	for a+1 < b {
		w := d.Tokens[a].Lower
		if i := strings.LastIndexByte(w, '-'); i > 0 && placeAdjectiveSuffixes[w[i+1:]] {
			a++
			continue
		}
		break
	}
	// "South Koreans", "North Americans": people of a nationality
	if b-a >= 2 && strings.HasSuffix(d.Tokens[b-1].Lower, "s") {
		if _, ok := f.lx.Demonym(d.Text[d.Tokens[a].Start : d.Tokens[b-1].End-1]); ok {
			return
		}
		if _, ok := f.lx.Demonym(d.TokenText(b - 1)[:len(d.TokenText(b-1))-1]); ok && b-a == 2 {
			if _, ok2 := f.lx.Demonym(d.TokenText(a) + " " + d.TokenText(b - 1)[:len(d.TokenText(b-1))-1]); ok2 || f.lx.IsPlaceWord(d.Tokens[a].Lower) || d.Tokens[a].Lower == "south" || d.Tokens[a].Lower == "north" {
				return
			}
		}
	}
	if b-a == 1 && a > 0 && d.Tokens[a-1].Kind == Number && eras[d.TokenText(a)] {
		return // "190 AD"
	}
	if b-a == 1 && (functionWords[d.Tokens[a].Lower] || subordinators[d.Tokens[a].Lower] || determiners[d.Tokens[a].Lower] || prepositions[d.Tokens[a].Lower] || adverbs[d.Tokens[a].Lower]) && !d.Tokens[a].Has(AllCaps) {
		return // "In", "When": a function word, whatever its capital
	}
	if b-a >= 3 && f.isTitleOfWork(a, b) {
		return // "Tom and the Giant", "Letters From Lima": a work
	}
	// "Australian Kim Lee", "Swede Lars Berg": a nationality before a
	// person's name describes them
	for b-a >= 3 && !f.hasOrgHead(a, b) && f.lx.Place(d.Text[d.Tokens[a+1].Start:d.Tokens[b-1].End]) == nil &&
		!f.isRole(trimDot(d.Tokens[a+1].Lower)) && !f.lx.StartsTitle(trimDot(d.Tokens[a+1].Lower)) && !f.lx.IsModifier(d.Tokens[a+1].Lower) {
		if typ, _, _ := f.classify(a+1, b); typ != Person && !(typ == "" || typ == Organization && !f.lx.IsOrgWord(trimDot(d.Tokens[b-1].Lower))) {
			break
		}
		if _, ok := f.lx.Demonym(d.TokenText(a)); !ok && !nationalityNouns[d.Tokens[a].Lower] && !f.describesPerson(a, b) {
			break
		}
		a++
	}
	if a >= b {
		return
	}
	// "Ann Lee of Westfield Bank": a person and the body she is of
	for k := a + 2; k+1 < b; k++ {
		if d.Tokens[k].Lower != "of" {
			continue
		}
		n := k - 2
		if n > a && !f.lx.IsFirstName(d.TokenText(n)) {
			n-- // a middle name or initial: "Ann B. Lee"
		}
		if !f.lx.IsFirstName(d.TokenText(n)) || f.isRole(d.Tokens[n].Lower) || f.isRole(d.Tokens[k-1].Lower) {
			break // "Duke of Kent": a title of a place
		}
		o := k + 1
		if d.Tokens[o].Lower == "the" {
			o++
		}
		if o >= b {
			break
		}
		f.chunk(si, a, k)
		f.chunk(si, o, b)
		return
	}
	// title inside the run: everything up to the last role word
	roleEnd := -1
	var head string
	for k := a; k < b; {
		if n, h := f.titleAt(k, b); n > 0 && !f.bodyOfRole(a, k) {
			roleEnd, head = k+n, h
			k += n
			continue
		}
		k++
	}
	// a role word at the end after a first name is a surname: "Ann King"
	if roleEnd == b && b-a >= 2 && f.lx.IsFirstName(d.TokenText(b-2)) && !f.isRole(d.Tokens[b-2].Lower) && !d.Tokens[b-1].Has(AllCaps) {
		// a title may still stand before the first name: "Labour MP Ann King"
		roleEnd = -1
		for k := a; k < b-2; {
			if n, h := f.titleAt(k, b-2); n > 0 {
				roleEnd, head = k+n, h
				k += n
				continue
			}
			k++
		}
		if roleEnd != b-2 {
			roleEnd = -1
		}
	}
	if roleEnd < 0 {
		// words that qualify a role, with no role after them, are not part of a name:
		// "Former NatWest"
		for a < b-1 && roleQualifiers[d.Tokens[a].Lower] {
			a++
		}
		// an organisation followed by a person's name: "Land Registry Office Mary Dunne",
		// "Amnesty International Ann Lee"
		for k := a + 1; k+1 < b; k++ {
			if !f.lx.IsFirstName(d.TokenText(k)) {
				continue
			}
			if f.lx.IsOrgWord(trimDot(d.Tokens[k-1].Lower)) {
				f.chunk(si, a, k)
				f.chunk(si, k, b)
				return
			}
			if k-a >= 2 && b-k == 2 && !f.lx.IsFirstName(d.TokenText(a)) && !f.lx.IsFirstName(d.TokenText(k-1)) {
				if typ, _, _ := f.classify(a, k); typ == Organization && (!f.lx.IsWord(d.Tokens[k+1].Lower) || f.lx.IsSurname(d.TokenText(k+1))) {
					f.chunk(si, a, k)
					f.chunk(si, k, b)
					return
				}
			}
		}
	}
	if roleEnd == a+1 && b-a >= 2 && d.Tokens[a].Has(Cap) && f.capWord(a+1) && f.lx.IsOrgWord(trimDot(d.Tokens[b-1].Lower)) && !f.lx.IsFirstName(d.TokenText(a+1)) {
		roleEnd = -1 // "Official Music Charts Company", "General Tools Corporation": one name
	}
	nameStart := a
	if roleEnd > 0 {
		nameStart = roleEnd
		if nameStart < b && d.Tokens[nameStart].Lower == "of" {
			nameStart = f.ofObjectEnd(nameStart, b)
		}
		// a role word that starts a surname-only name ("President Morozov") or a form of
		// address ("Mr. President") is still a title
	}
	if nameStart >= b && b-a == 2 && honorifics[trimDot(d.Tokens[a].Lower)] && !honorifics[d.Tokens[a+1].Lower] && !d.Tokens[a+1].Has(AllCaps) &&
		(f.lx.IsSurname(d.TokenText(a+1)) || d.Tokens[a].Has(Cap) && !addressedOffices[d.Tokens[a+1].Lower]) && (!nominalHeads[d.Tokens[a+1].Lower] ||
		femaleWords[trimDot(d.Tokens[a].Lower)] && maleWords[d.Tokens[a+1].Lower] || maleWords[trimDot(d.Tokens[a].Lower)] && femaleWords[d.Tokens[a+1].Lower]) {
		// "Ms King", "Mr Bishop": a surname that is also a role word
		nameStart, roleEnd, head = a+1, a+1, trimDot(d.Tokens[a].Lower)
	}
	if nameStart >= b {
		// only a title: "Mr. President", "Prime Minister of Portugal", "The Westbury
		// North MP"
		if roleEnd > 0 && (b-a > 1 || !honorifics[head]) {
			if a > d.Sentences[si].First && d.Tokens[a-1].Lower == "the" && !f.used[a-1] {
				a--
			}
			f.addNominal(si, a, b, a, head)
		}
		return
	}
	// hyphenated places in one token: "Russia-Ukraine"
	if b-nameStart == 1 && d.Tokens[nameStart].Has(Hyphen) && roleEnd < 0 {
		if f.splitHyphen(si, nameStart) {
			return
		}
	}
	if roleEnd < 0 && b-a == 1 {
		if f.skipSingle(a) {
			return
		}
	}
	if roleEnd < 0 && b-a > 1 && b < d.Sentences[si].End && d.Tokens[b].Kind == Word && !d.Tokens[b].Has(Cap) && !isVerbish(f.lx, d.Tokens[b].Lower) {
		// "the Dutch firm", "North Korean officials": a nationality adjective
		if _, ok := f.lx.Demonym(d.TokenText(b - 1)); ok || f.demonymCompound(d.TokenText(b-1)) {
			return
		}
	}
	if roleEnd < 0 && b-a >= 2 && f.makerOfProduct(si, a, b) {
		return // "Casio QV-10", "the Kodak Brownie camera": the maker, and a product
	}
	if roleEnd < 0 && f.isModelName(a, b) {
		return // "XR450", "PX-S900", "Phone IV": a product's model name
	}
	if roleEnd < 0 && b+1 < d.Sentences[si].End && performerRoles[d.Tokens[b].Lower] && f.capWord(b+1) && !(b-a == 1 && d.Tokens[a].Has(AllCaps)) &&
		!f.lx.IsOrgWord(trimDot(d.Tokens[b-1].Lower)) && f.lx.Place(d.Text[d.Tokens[a].Start:d.Tokens[b-1].End]) == nil {
		return // "Night Train actor X": the title of a work
	}
	if roleEnd < 0 && f.isWork(a, b) {
		return // a product or a work: "its Highlander SUV", "the Today programme"
	}
	if holidays[strings.ToLower(d.Text[d.Tokens[a].Start:d.Tokens[b-1].End])] {
		return
	}
	m := Mention{
		Span:     Span{d.Tokens[nameStart].Start, d.Tokens[b-1].End},
		Full:     Span{d.Tokens[a].Start, d.Tokens[b-1].End},
		First:    a,
		End:      b,
		Sentence: si,
		Kind:     NameMention,
		RoleOrg:  -1,
		Entity:   -1,
	}
	m.Type, m.Strength, m.Canonical = f.classify(nameStart, b)
	if roleEnd > 0 || f.titleBefore(a) {
		titleStart := a
		if roleEnd < 0 {
			titleStart = f.extendTitleLeft(a, si)
			m.First = titleStart
			m.Full.Start = d.Tokens[titleStart].Start
			_, head = f.titleAt(a-1, a)
			// the head is the last role word before the name
			for k := a - 1; k >= titleStart; k-- {
				if n, h := f.titleAt(k, a); n > 0 {
					head = h
					break
				}
			}
		}
		switch {
		case roleEnd < 0 && m.Type == Organization && m.Strength >= 2:
			// "rival Westfield Bank": a description of an organisation, not a title
			m.Role = ""
		case (m.Type == Organization || m.Type == Place) && m.Strength >= 2 && b-nameStart >= 3 && !f.lx.IsFirstName(d.TokenText(nameStart)):
			// "Sheikh Ali International Airport": a place or body named after someone
			m.Role, head = "", ""
			m.Span.Start = m.Full.Start
		case m.Type != Place || m.Strength < 3 || roleEnd > 0:
			m.Type, m.Strength = Person, 4
		}
		m.RoleHead = head
		f.describeTitle(&m, titleStart, nameStart)
		if honorifics[head] && strings.TrimSpace(m.Role) == "" {
			m.Role = ""
		}
	}
	if b < d.Sentences[si].End && d.Tokens[b].Kind == Poss {
		m.Possessive = true
	}
	for k := m.First; k < m.End; k++ {
		f.used[k] = true
	}
	d.Mentions = append(d.Mentions, m)
}

// skipSingle reports whether a lone capitalised word is not a name: a nationality
// adjective, a plural of a common word ("Democrats"), or a common word used as an
// adjective before a noun ("Western media").
func (f *mentionFinder) skipSingle(k int) bool {
	d := f.d
	t := &d.Tokens[k]
	text := d.TokenText(k)
	if _, ok := f.lx.Demonym(text); ok || f.lx.IsLanguage(text) || f.lx.IsTerm(text) || f.demonymCompound(text) {
		return true
	}
	if i := strings.LastIndexByte(t.Lower, '-'); i > 0 && placeAdjectiveSuffixes[t.Lower[i+1:]] {
		return true // "California-based", "Singapore-listed", "state-owned"
	}
	if strings.HasPrefix(t.Lower, "ex-") || isPluralAcronym(text) {
		return true // "Ex-chief", "GCSEs", "SUVs"
	}
	if ev, ok := f.lx.Event(strings.TrimSuffix(t.Lower, "s")); ok && ev.Kind != "" && strings.HasSuffix(t.Lower, "s") && !strings.HasSuffix(t.Lower, "ss") {
		if _, plural := f.lx.Event(t.Lower); !plural {
			return true // "the Budgets of past years": occurrences, not one
		}
	}
	if strings.HasSuffix(t.Lower, "es") && f.capSeen[strings.TrimSuffix(t.Lower, "es")] && !f.lx.IsWord(t.Lower) {
		return true // "Zoomboxes": a plural of a product's name
	}
	if (t.Has(Initial) || f.afterOpener(k)) && !f.capSeen[t.Lower] && f.lowSeen[t.Lower] {
		return true // "Carmakers are …" where the article also writes "carmakers"
	}
	if f.lx.Place(text) != nil || t.Has(AllCaps) {
		return false
	}
	if k > 0 && f.d.Tokens[k-1].Kind == Quote && f.d.Tokens[k-1].Has(Open) && !f.capSeen[t.Lower] && !f.lx.IsFirstName(text) &&
		f.lx.AmbiguousPlace(text) == nil && k+1 < len(f.d.Tokens) && (f.d.TokenText(k+1) == "," || f.d.TokenText(k+1) == "!") {
		return true // an interjection: "Ooh, that's interesting"
	}
	if strings.HasSuffix(t.Lower, "s") && len(t.Lower) > 3 {
		sing := t.Lower[:len(t.Lower)-1]
		if _, ok := f.lx.Demonym(text[:len(text)-1]); ok {
			return true // "Ukrainians"
		}
		// a plural common word is a group of people ("Democrats said"), but after "the"
		// it names an organisation ("the Conservatives")
		described := k > 0 && d.Tokens[k-1].Kind == Word && !d.Tokens[k-1].Has(Cap) && f.lx.IsOrgWord(d.Tokens[k-1].Lower) || // "bottom club Rovers"
			f.capSeen[t.Lower] && !f.lowSeen[t.Lower] && !f.lowSeen[sing] // a name the article always capitalises
		if f.lx.IsWord(sing) && f.lx.IsWord(t.Lower) && !(k > 0 && d.Tokens[k-1].Lower == "the") && !described {
			if k+1 >= len(d.Tokens) || d.Tokens[k+1].Kind != Word || isVerbish(f.lx, d.Tokens[k+1].Lower) || prepositions[d.Tokens[k+1].Lower] || t.Has(Initial) {
				return true
			}
		}
	}
	if f.lx.IsWord(t.Lower) && adjectival(t.Lower) && k+1 < len(d.Tokens) {
		n := &d.Tokens[k+1]
		if n.Kind == Word && !n.Has(Cap) && !functionWords[n.Lower] && !isVerbish(f.lx, n.Lower) && !groupNouns[n.Lower] &&
			!adverbs[n.Lower] && !strings.HasSuffix(n.Lower, "ly") && !auxiliaries[n.Lower] {
			return true
		}
	}
	return false
}

// productNouns name things, not the four entity types: a capitalised name before or
// ending in one is a product or a work ("the Mariner SUV", "the Today programme").
var productNouns = map[string]bool{
	"suv": true, "suvs": true, "phone": true, "phones": true, "handset": true, "smartphone": true,
	"console": true, "car": true, "cars": true, "model": true, "device": true, "player": false,
	"tablet": true, "laptop": true, "computer": true, "software": true, "game": true, "games": false,
	"album": true, "film": true, "movie": true, "book": true, "novel": true, "song": true,
	"single": true, "programme": true, "program": true, "series": true, "sitcom": true, "drama": true,
	"documentary": true, "drug": true, "vaccine": true, "jet": true, "aircraft": true, "plane": true,
	"helicopter": true, "missile": true, "tank": true, "engine": true, "chip": true, "processor": true,
	"browser": true, "app": true, "robot": true, "camera": true, "saloon": true, "hatchback": true,
	"pickup": true, "truck": true, "marque": true, "brand": true, "range": true, "version": true,
	"edition": true, "console's": true, "bill": true,
}

// holidays are capitalised but name days.
var holidays = map[string]bool{
	"new year": true, "new year's": true, "new year's eve": true, "christmas eve": true,
	"christmas day": true, "boxing day": true, "good friday": true, "easter sunday": true,
	"easter monday": true, "thanksgiving": true, "valentine's day": true, "halloween": true,
}

// isWork reports whether tokens [a, b) name a product or a work: the name ends in, or is
// followed by, a product noun, or follows a possessive pronoun ("its Prius").
func (f *mentionFinder) isWork(a, b int) bool {
	d := f.d
	if productNouns[d.Tokens[b-1].Lower] {
		return true
	}
	if b < len(d.Tokens) && d.Tokens[b].Kind == Word && productNouns[d.Tokens[b].Lower] {
		// "the BBC series", "an NBC sitcom": an acronym before the noun is the maker
		return !(b-a == 1 && d.Tokens[a].Has(AllCaps) && countLetters(d.TokenText(a)) >= 2)
	}
	if f.afterWorkNoun(a) || f.works != nil && f.works[strings.ToLower(d.Text[d.Tokens[a].Start:d.Tokens[b-1].End])] {
		return true // "medical sitcom Glenview", "films such as Night Train and Red Sky"
	}
	if a > 0 && (d.Tokens[a-1].Lower == "its" || d.Tokens[a-1].Lower == "their") {
		return f.lx.Place(d.Text[d.Tokens[a].Start:d.Tokens[b-1].End]) == nil
	}
	// "Night Train, starring Ann Lee", "Cold Creek starring X": a film or a show
	n := b
	if n < len(d.Tokens) && d.TokenText(n) == "," {
		n++
	}
	if n < len(d.Tokens) && (d.Tokens[n].Lower == "starring" || d.Tokens[n].Lower == "co-starring") {
		return true
	}
	return false
}

// eras follow a year.
var eras = map[string]bool{"AD": true, "A.D.": true, "BC": true, "B.C.": true, "BCE": true, "CE": true}

// workNouns name a kind of work; a capitalised name right after one is its title.
var workNouns = map[string]bool{
	"sitcom": true, "series": true, "drama": true, "film": true, "films": true, "movie": true,
	"movies": true, "show": true, "shows": true, "programme": true, "programmes": true,
	"blockbuster": true, "album": true, "albums": true, "single": true, "song": true,
	"songs": true, "novel": true, "novels": true, "book": true, "books": true, "play": true,
	"musical": true, "opera": true, "documentary": true, "soap": true, "comedy": true,
	"thriller": true, "pantomime": true, "sequel": true, "hit": true, "hits": true,
	"role": true, "character": true, "game": true, "games": true, "franchise": true,
	"toy": true, "gadget": true, "drug": true, "console": true, "handset": true, "app": true,
	"browser": true,
}

// findWorks records the titles the article gives after a noun of their kind ("sitcom X",
// "films such as X and Y"), so that X is a work wherever the article names it.
func (f *mentionFinder) findWorks() {
	d := f.d
	for k := 0; k+1 < len(d.Tokens); k++ {
		t := &d.Tokens[k]
		if t.Kind != Word || t.Has(Cap) || !workNouns[t.Lower] && t.Lower != "as" {
			continue
		}
		a := k + 1
		if !f.capWord(a) || d.Tokens[a].Has(AllCaps) || !f.afterWorkNoun(a) {
			continue
		}
		for a < len(d.Tokens) && f.capWord(a) {
			b := a
			for b < len(d.Tokens) && b < a+5 && f.capWord(b) {
				b++
			}
			if f.works == nil {
				f.works = map[string]bool{}
			}
			f.works[strings.ToLower(d.Text[d.Tokens[a].Start:d.Tokens[b-1].End])] = true
			// the next title of a list: ", Y" or "and Y"
			a = b
			if a < len(d.Tokens) && (d.TokenText(a) == "," || d.Tokens[a].Lower == "and") {
				a++
			}
			if a < len(d.Tokens) && d.Tokens[a].Lower == "and" {
				a++
			}
		}
	}
}

// afterWorkNoun reports whether the name starting at token a is the title after a noun of
// a kind of work ("sitcom X", "the role of X"), or one of a list of them ("films such as X,
// Y and Z").
func (f *mentionFinder) afterWorkNoun(a int) bool {
	d := f.d
	j := a - 1
	// back over the titles before this one in a list
	for j > 0 && a-j < 16 && (d.TokenText(j) == "," || d.Tokens[j].Lower == "and" || d.Tokens[j].Kind == Word && d.Tokens[j].Has(Cap) && !d.Tokens[j].Has(Initial)) {
		j--
	}
	if j < 0 || d.Tokens[j].Kind != Word || d.Tokens[j].Has(Cap) {
		return false
	}
	w := d.Tokens[j].Lower
	if w == "of" && j > 0 && (d.Tokens[j-1].Lower == "role" || d.Tokens[j-1].Lower == "part") {
		return true // "the role of X"
	}
	if w == "as" && j > 1 && d.Tokens[j-1].Lower == "such" {
		w = d.Tokens[j-2].Lower
	}
	return workNouns[w] && w != "role" && w != "play" && w != "show" || w == "character"
}

// isPluralAcronym reports whether a word is an acronym with a plural s ("MPs", "SUVs").
func isPluralAcronym(w string) bool {
	if len(w) < 3 || w[len(w)-1] != 's' {
		return false
	}
	stem := w[:len(w)-1]
	return countUpper(stem) == countLetters(stem) && countLetters(stem) >= 2
}

// adjectival reports whether a word has the ending of an adjective ("Western",
// "European", "Islamic", "Federal").
func adjectival(w string) bool {
	for _, s := range []string{"ern", "ean", "ian", "an", "ic", "al", "ish", "ese", "ive"} {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// isVerbish reports whether a lower-case word is likely a verb form.
func isVerbish(lx *lexicon.Lexicon, w string) bool {
	if len(lx.Verbs(w)) > 0 {
		return true
	}
	if _, ok := lx.Speech(w); ok {
		return true
	}
	switch w {
	case "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "should",
		"can", "may", "might", "must", "did", "does", "do", "be", "been":
		return true
	}
	return false
}

// ofObjectEnd reads "of (the) X" after a title and returns where the name starts: after a
// gazetteer place or an organisation, else at a first name, else two words before the end.
func (f *mentionFinder) ofObjectEnd(k, b int) int {
	d := f.d
	k++ // "of"
	if k < b && d.Tokens[k].Lower == "the" {
		k++
	}
	best := -1
	for m := b; m > k; m-- {
		s := d.Text[d.Tokens[k].Start:d.Tokens[m-1].End]
		if f.lx.Place(s) != nil || f.lx.IsOrgWord(trimDot(d.Tokens[m-1].Lower)) {
			best = m
			break
		}
	}
	if best > 0 {
		return best
	}
	for m := k + 1; m < b; m++ {
		if f.lx.IsFirstName(d.TokenText(m)) {
			return m
		}
	}
	return b // no name to be found: the whole run is a title ("Commander of the Order of Bath")
}

// titleBefore reports whether a lower-case or capitalised role word stands right before
// token a ("envoy Sam Webb").
func (f *mentionFinder) titleBefore(a int) bool {
	s := &f.d.Sentences[f.sentenceOf(a)]
	if a-1 < s.First {
		return false
	}
	t := &f.d.Tokens[a-1]
	if t.Kind != Word {
		return false
	}
	n, _ := f.titleAt(a-1, a)
	return n > 0
}

func (f *mentionFinder) sentenceOf(k int) int {
	d := f.d
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > k })
	if i >= len(d.Sentences) {
		return len(d.Sentences) - 1
	}
	return i
}

// extendTitleLeft walks left from a name over a title written before it: role words,
// modifiers, nationality adjectives, and capitalised organisation names ("Pentagon economic
// envoy"). It returns the first token of the title.
func (f *mentionFinder) extendTitleLeft(a, si int) int {
	d := f.d
	s := &d.Sentences[si]
	start := a
	for k := a - 1; k >= s.First; k-- {
		t := &d.Tokens[k]
		if t.Kind != Word {
			break
		}
		w := trimDot(t.Lower)
		switch {
		case f.isRole(w), f.lx.IsModifier(w) && !t.Has(Cap):
			start = k
			continue
		case t.Has(Cap) && !t.Has(Initial) || t.Has(Cap) && !f.dropLead(k) || t.Has(Cap) && k+1 < a && f.isRole(d.Tokens[k+1].Lower):
			start = k
			continue
		case w == "and" && k-1 >= s.First && d.Tokens[k-1].Kind == Word:
			if n, _ := f.titleAt(k-1, k); n > 0 {
				start = k
				continue
			}
		}
		break
	}
	return start
}

// describeTitle fills the role, nationality and organisation of a titled mention from the
// title tokens [a, b), and adds mentions for places and organisations named inside it.
func (f *mentionFinder) describeTitle(m *Mention, a, b int) {
	d := f.d
	role := strings.Builder{}
	for k := a; k < b; k++ {
		t := &d.Tokens[k]
		text := d.TokenText(k)
		if t.Lower == "former" || t.Lower == "ex" || t.Lower == "ex-" {
			m.Former = true
		}
		if country, ok := f.lx.Demonym(text); ok {
			if m.Nationality == "" {
				m.Nationality = country
			}
		}
		if role.Len() > 0 {
			role.WriteByte(' ')
		}
		role.WriteString(text)
	}
	// a possessor before the title: "Russia's President", "Microsoft's chief executive"
	if a-1 >= 0 && d.Tokens[a-1].Kind == Poss {
		if pm := f.mentionEndingAt(a - 1); pm >= 0 {
			if d.Mentions[pm].Type == Place {
				if m.Nationality == "" {
					m.Nationality = placeName(f.lx, &d.Mentions[pm], d.Text)
				}
			} else if d.Mentions[pm].Type == Organization {
				m.RoleOrg = pm
			}
		}
	}
	// capitalised words of the title that are not role words or modifiers name a place or
	// an organisation: "CIA Director", "Senate Minority Leader", "Pentagon economic envoy"
	for k := a; k < b; {
		t := &d.Tokens[k]
		if n, _ := f.titleAt(k, b); n > 1 {
			k += n // "Prime Minister": a title, not an organisation
			continue
		}
		partyWord := k+1 < b && partyRoles[d.Tokens[k+1].Lower] && f.capWord(k)
		if !f.capWord(k) || f.isRole(trimDot(t.Lower)) || f.lx.IsModifier(t.Lower) && !partyWord || determiners[t.Lower] || functionWords[t.Lower] {
			k++
			continue
		}
		if _, ok := f.lx.Demonym(d.TokenText(k)); ok {
			k++
			continue
		}
		e := k + 1
		for e < b {
			if d.Tokens[e].Lower == "of" && e+1 < b {
				// "Order of the Bath", "Bank of England"
				n := e + 1
				if d.Tokens[n].Lower == "the" && n+1 < b {
					n++
				}
				if f.capWord(n) {
					e = n
					continue
				}
			}
			if !(f.capWord(e) && !f.isRole(trimDot(d.Tokens[e].Lower)) && (!f.lx.IsModifier(d.Tokens[e].Lower) || f.lx.IsOrgWord(d.Tokens[e].Lower))) {
				break
			}
			if _, ok := f.lx.Demonym(d.TokenText(e)); ok {
				break
			}
			e++
		}
		// "Foreign Ministry", "Defense Department": a modifier followed by an org word
		s := k
		for s > a && f.lx.IsModifier(d.Tokens[s-1].Lower) && f.capWord(s-1) && f.lx.IsOrgWord(d.Tokens[e-1].Lower) {
			s--
		}
		// a demonym before an organisation is part of its name: "Russian Foreign Ministry"
		if s > a {
			if _, ok := f.lx.Demonym(d.TokenText(s - 1)); ok && f.lx.IsOrgWord(d.Tokens[e-1].Lower) {
				s--
			}
		}
		if w := trimDot(d.Tokens[s].Lower); e-s == 1 && !partyWord && !d.Tokens[s].Has(AllCaps) && !f.lx.IsOrgWord(w) && (f.lx.IsWord(w) || strings.HasPrefix(w, "ex-")) &&
			f.lx.Place(d.TokenText(s)) == nil && f.cappedCount(s) == 1 {
			k = e // "Crown Prince", "Gallery director", "Ex-Prime Minister", written once: a capital of the title, no body
			continue
		}
		if performerRoles[m.RoleHead] && !(e-s == 1 && d.Tokens[s].Has(AllCaps)) && !f.lx.IsOrgWord(trimDot(d.Tokens[e-1].Lower)) &&
			f.lx.Place(d.Text[d.Tokens[s].Start:d.Tokens[e-1].End]) == nil {
			k = e // "Night Train actor X": the work he is known for, not his employer
			continue
		}
		if idx := f.addInner(m.Sentence, s, e); idx >= 0 {
			im := &d.Mentions[idx]
			if im.Type == Place {
				if m.Nationality == "" {
					m.Nationality = placeName(f.lx, im, d.Text)
				}
			} else {
				m.RoleOrg = idx
			}
		}
		k = e
	}
	m.Role = cleanRole(role.String())
}

// performerRoles are known by their works: a name before them is a title ("Night Train
// star X"), unless it is an acronym, a body or a place ("BBC presenter", "Hollywood actor").
var performerRoles = map[string]bool{
	"actor": true, "actress": true, "star": true, "singer": true, "comedian": true,
	"comic": true, "dancer": true, "novelist": true, "author": true, "writer": true,
}

// partyRoles are held by members of a party or a body: a capitalised word before them
// names it, even one that may modify a title ("Labour MP", "Green MEP").
var partyRoles = map[string]bool{
	"mp": true, "mep": true, "msp": true, "am": true, "mla": true, "councillor": true,
	"peer": true, "candidate": true, "activist": true, "member": true, "senator": true,
	"congressman": true, "congresswoman": true, "lawmaker": true, "politician": true,
}

// cleanRole trims honorifics and joins from a title ("Mr." -> "").
func cleanRole(s string) string {
	s = strings.TrimSpace(s)
	for _, h := range []string{"Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Dr"} {
		if s == h {
			return ""
		}
	}
	return s
}

// addInner adds a mention for an organisation or place named inside a title, or returns
// the one that is there already.
func (f *mentionFinder) addInner(si, a, b int) int {
	d := f.d
	for i := range d.Mentions {
		if d.Mentions[i].First == a && d.Mentions[i].End == b {
			if d.Mentions[i].Type != Place && d.Mentions[i].Strength < 2 {
				d.Mentions[i].Type, d.Mentions[i].Strength = Organization, 2
			}
			return i
		}
	}
	typ, strength, canon := f.classify(a, b)
	if typ != Place && typ != Event {
		typ, strength = Organization, 2
	}
	m := Mention{
		Span: Span{d.Tokens[a].Start, d.Tokens[b-1].End}, First: a, End: b, Sentence: si,
		Kind: NameMention, Type: typ, Strength: strength, Canonical: canon, RoleOrg: -1, Entity: -1,
	}
	m.Full = m.Span
	for k := a; k < b; k++ {
		f.used[k] = true
	}
	d.Mentions = append(d.Mentions, m)
	return len(d.Mentions) - 1
}

func (f *mentionFinder) mentionEndingAt(end int) int {
	d := f.d
	for i := len(d.Mentions) - 1; i >= 0; i-- {
		if d.Mentions[i].End == end {
			return i
		}
	}
	return -1
}

// placeName is the canonical name of a place mention.
func placeName(lx *lexicon.Lexicon, m *Mention, text string) string {
	if m.Canonical != "" {
		return m.Canonical
	}
	if p := lx.Place(m.Text(text)); p != nil {
		return p.Name
	}
	return m.Text(text)
}

// classify guesses the type of the name tokens [a, b) from their words alone.
func (f *mentionFinder) classify(a, b int) (Type, int, string) {
	d := f.d
	text := d.Text[d.Tokens[a].Start:d.Tokens[b-1].End]
	if p := f.lx.Place(text); p != nil {
		return Place, 3, p.Name
	}
	if strings.HasPrefix(text, "the ") || strings.HasPrefix(text, "The ") {
		if p := f.lx.Place(text[4:]); p != nil {
			return Place, 3, p.Name
		}
	}
	// "Dunn & Price", "Smith & Sons": a firm
	for k := a + 1; k < b-1; k++ {
		if d.TokenText(k) == "&" {
			return Organization, 2, ""
		}
	}
	// the head word: the last one before "of", else the last one
	head := b - 1
	for k := a + 1; k < b; k++ {
		if d.Tokens[k].Lower == "of" {
			head = k - 1
			break
		}
	}
	hw := trimDot(d.Tokens[head].Lower)
	if ev, ok := f.lx.Event(hw); ok && ev.Kind != "" && b-a > 1 {
		return Event, 2, ""
	}
	if ev, ok := f.lx.Event(hw); ok && ev.Kind != "generic" && b-a == 1 && a > 0 && !d.Tokens[a].Has(Initial) &&
		(determiners[d.Tokens[a-1].Lower] || d.Tokens[a-1].Kind == Poss) {
		return Event, 2, "" // "the Budget", "his Budget", "next month's Budget"
	}
	switch {
	case f.lx.IsOrgWord(hw):
		return Organization, 2, ""
	case f.lx.IsPlaceWord(hw) && b-a > 1:
		return Place, 2, ""
	}
	for k := a; k < b; k++ {
		w := trimDot(d.Tokens[k].Lower)
		if f.lx.IsOrgWord(w) && b-a > 1 {
			return Organization, 1, ""
		}
		if f.lx.IsPlaceWord(w) && b-a > 1 {
			return Place, 1, ""
		}
	}
	if p := f.lx.AmbiguousPlace(text); p != nil && f.placeContext(a, b) {
		return Place, 2, p.Name
	}
	// "the Greek island of Kos", "the city of Marlow"
	if a > 1 && d.Tokens[a-1].Lower == "of" && d.Tokens[a-2].Kind == Word && !d.Tokens[a-2].Has(Cap) && f.lx.IsPlaceWord(d.Tokens[a-2].Lower) {
		return Place, 3, ""
	}
	if b-a == 1 {
		t := &d.Tokens[a]
		if t.Has(AllCaps) && utf8.RuneCountInString(t.Lower) <= 6 {
			return Organization, 2, ""
		}
		if a > 0 && (d.Tokens[a-1].Lower == "in" || d.Tokens[a-1].Lower == "near") && !f.lx.IsWord(t.Lower) && !f.lx.IsSurname(text) {
			return Place, 1, "" // "in Cannes"
		}
		if strings.HasPrefix(text, "Mc") || strings.HasPrefix(text, "Mac") && len(text) > 4 || strings.HasPrefix(text, "O'") || strings.HasPrefix(text, "O’") ||
			f.lx.IsSurname(text) && !f.lx.IsWord(t.Lower) {
			return Person, 1, ""
		}
		if a > 0 && d.Tokens[a-1].Lower == "the" && strings.HasSuffix(t.Lower, "s") {
			return Organization, 1, "" // "the Conservatives"
		}
		return "", 0, ""
	}
	if f.lx.IsFirstName(d.TokenText(a)) {
		return Person, 2, ""
	}
	// "J Roe", "A. B. Roe" in a line-up: initials and a surname
	k := a
	for k < b-1 && utf8.RuneCountInString(trimDot(d.TokenText(k))) == 1 && d.Tokens[k].Has(Cap) {
		k++
	}
	if last := trimDot(d.Tokens[b-1].Lower); k > a && k == b-1 && !f.lx.IsOrgWord(last) && !f.lx.IsPlaceWord(last) && f.lx.Place(d.TokenText(b-1)) == nil {
		return Person, 1, ""
	}
	// two or three words none of which is a common word: most often a person's name
	common := 0
	for k := a; k < b; k++ {
		if f.lx.IsWord(d.Tokens[k].Lower) || d.Tokens[k].Lower == "of" {
			common++
		}
	}
	if b-a <= 3 && common == 0 {
		return Person, 1, ""
	}
	return Organization, 0, ""
}

// placeContext reports whether the words around tokens [a, b) say they name a place:
// "in X", "from X", or "X, <region or country>".
func (f *mentionFinder) placeContext(a, b int) bool {
	d := f.d
	if a > 0 {
		switch d.Tokens[a-1].Lower {
		case "in", "at", "from", "near", "to", "outside", "around":
			return true
		}
	}
	if b+1 < len(d.Tokens) && d.TokenText(b) == "," {
		e := b + 1
		for e < len(d.Tokens) && f.capWord(e) {
			e++
		}
		if e > b+1 {
			if p := f.lx.Place(d.Text[d.Tokens[b+1].Start:d.Tokens[e-1].End]); p != nil && p.Kind != lexicon.City {
				return true
			}
		}
	}
	return false
}

// splitHyphen adds one mention per part of a hyphenated token whose parts are all
// places ("Russia-Ukraine"). It reports whether it did.
func (f *mentionFinder) splitHyphen(si, k int) bool {
	d := f.d
	t := &d.Tokens[k]
	word := d.TokenText(k)
	parts := strings.Split(word, "-")
	for _, p := range parts {
		if f.lx.Place(p) == nil {
			return false
		}
	}
	off := t.Start
	for _, p := range parts {
		pl := f.lx.Place(p)
		m := Mention{Span: Span{off, off + len(p)}, First: k, End: k + 1, Sentence: si, Kind: NameMention,
			Type: Place, Strength: 3, Canonical: pl.Name, RoleOrg: -1, Entity: -1}
		m.Full = m.Span
		d.Mentions = append(d.Mentions, m)
		off += len(p) + 1
	}
	f.used[k] = true
	return true
}

// addNominal adds a mention of a person by role only, over tokens [a, b).
func (f *mentionFinder) addNominal(si, a, b, titleStart int, head string) {
	d := f.d
	m := Mention{Span: Span{d.Tokens[a].Start, d.Tokens[b-1].End}, First: a, End: b, Sentence: si,
		Kind: NominalMention, Type: Person, Strength: 1, RoleHead: head, RoleOrg: -1, Entity: -1}
	m.Full = m.Span
	f.describeTitle(&m, titleStart, b)
	// "Prime Minister of Portugal": the country after "of" is the nationality
	for k := a; k < b; k++ {
		if d.Tokens[k].Lower == "of" {
			from := k + 1
			if from < b && d.Tokens[from].Lower == "the" {
				from++
			}
			if from < b {
				if p := f.lx.Place(d.Text[d.Tokens[from].Start:d.Tokens[b-1].End]); p != nil {
					m.Nationality = p.Name
					f.addPlaceMention(si, from, b, p)
				}
			}
			break
		}
	}
	if b < len(d.Tokens) && d.Tokens[b].Kind == Poss {
		m.Possessive = true
	}
	for k := a; k < b; k++ {
		f.used[k] = true
	}
	d.Mentions = append(d.Mentions, m)
}

func (f *mentionFinder) addPlaceMention(si, a, b int, p *lexicon.Place) {
	d := f.d
	for i := range d.Mentions {
		if d.Mentions[i].First == a && d.Mentions[i].End == b {
			return
		}
	}
	m := Mention{Span: Span{d.Tokens[a].Start, d.Tokens[b-1].End}, First: a, End: b, Sentence: si,
		Kind: NameMention, Type: Place, Strength: 3, Canonical: p.Name, RoleOrg: -1, Entity: -1}
	m.Full = m.Span
	d.Mentions = append(d.Mentions, m)
}

// nominals finds roles used with a determiner and no name: "the Russian president",
// "an American president", "Russia's leader".
func (f *mentionFinder) nominals(si int) {
	d := f.d
	s := &d.Sentences[si]
	for r := s.First; r < s.End; r++ {
		t := &d.Tokens[r]
		if f.ageNominal(si, r) {
			continue
		}
		if t.Kind != Word || f.used[r] || t.Has(Cap) && !t.Has(Initial) && !f.afterOpener(r) {
			continue
		}
		n, head := f.titleAt(r, s.End)
		if n == 0 || !nominalHeads[head] {
			continue
		}
		e := r + n
		if e < s.End && f.capWord(e) {
			continue // a title before a name, read by chunk
		}
		if e < s.End && d.Tokens[e].Kind == Word && !d.Tokens[e].Has(Cap) && !functionWords[d.Tokens[e].Lower] && !prepositions[d.Tokens[e].Lower] &&
			!auxiliaries[d.Tokens[e].Lower] && !isVerbish(f.lx, d.Tokens[e].Lower) && !f.isRole(d.Tokens[e].Lower) && !adverbs[d.Tokens[e].Lower] &&
			d.Tokens[e].Lower != "who" && d.Tokens[e].Lower != "and" {
			continue // an adjective: "the next general election", "the chief reason"
		}
		// walk back over modifiers, nationality adjectives and places to a determiner
		k := r - 1
		nouns := 0
		for k >= s.First {
			pt := &d.Tokens[k]
			w := pt.Lower
			if pt.Kind == Word && (f.lx.IsModifier(w) || f.isRole(w)) && !determiners[w] {
				k--
				continue
			}
			if pt.Kind == Word && !pt.Has(Cap) && nouns < 1 && k+1 == r && f.lx.IsWord(w) && !determiners[w] && !functionWords[w] &&
				!prepositions[w] && !isVerbish(f.lx, w) && !auxiliaries[w] && !adverbs[w] && !pronounWords[w] && !strings.HasSuffix(w, "ly") {
				nouns++ // a noun that names the field of the role: "the cabinet secretary"
				k--
				continue
			}
			if pt.Kind == Word && pt.Has(Cap) {
				if _, ok := f.lx.Demonym(d.TokenText(k)); ok {
					k--
					continue
				}
				if i := strings.LastIndexByte(w, '-'); i > 0 && placeAdjectiveSuffixes[w[i+1:]] {
					k-- // "the Leeds-based coach"
					continue
				}
				if f.used[k] {
					k--
					continue
				}
			}
			break
		}
		if k < s.First {
			continue
		}
		pt := &d.Tokens[k]
		if !(pt.Kind == Word && determiners[pt.Lower] || pt.Kind == Poss) {
			continue
		}
		if pt.Lower == "another" || pt.Lower == "each" || pt.Lower == "every" || pt.Lower == "any" {
			continue
		}
		a := k
		if pt.Kind == Poss {
			a = k + 1
		}
		// "the former president" is somebody else, unless it opens the sentence as its
		// subject: "The former minister said …" goes on about whom the text was about
		former := false
		for x := a; x < r; x++ {
			if d.Tokens[x].Lower == "former" || d.Tokens[x].Lower == "ex" {
				former = true
			}
		}
		if former && (a != s.First || pt.Kind == Poss || pt.Lower != "the") {
			continue
		}
		end := e
		if end < s.End && d.Tokens[end].Lower == "of" {
			// "the president of Russia"
			from := end + 1
			if from < s.End && d.Tokens[from].Lower == "the" {
				from++
			}
			to := from
			for to < s.End && f.capWord(to) {
				to++
			}
			if to > from && f.lx.Place(d.Text[d.Tokens[from].Start:d.Tokens[to-1].End]) != nil {
				end = to
			}
		}
		f.addNominal(si, a, end, a, head)
		r = end - 1
	}
}

// eventMentions finds noun phrases headed by an event noun: "the summit", "Friday's
// high-stakes meeting", "the Ontario summit".
func (f *mentionFinder) eventMentions(si int) {
	d := f.d
	s := &d.Sentences[si]
	for k := s.First; k < s.End; k++ {
		t := &d.Tokens[k]
		if t.Kind != Word || t.Has(Cap) && !t.Has(Initial) {
			continue
		}
		ev, ok := f.lx.Event(t.Lower)
		if !ok {
			continue
		}
		// "the Lakeside Cup final": the event noun completes the event's name
		if k > s.First && f.used[k-1] && !t.Has(Cap) {
			if pm := f.mentionEndingAt(k); pm >= 0 && d.Mentions[pm].Type == Event && d.Mentions[pm].Kind == NameMention {
				d.Mentions[pm].End = k + 1
				d.Mentions[pm].Span.End = t.End
				d.Mentions[pm].Full.End = t.End
				f.used[k] = true
				continue
			}
		}
		// a verb use: "meeting the press", "he talks"
		if k+1 < s.End {
			n := &d.Tokens[k+1]
			if n.Kind == Word && (determiners[n.Lower] || pronounWords[n.Lower]) && n.Lower != "next" && n.Lower != "last" {
				continue
			}
			// a modifier of another noun: "the budget deficit", "the show business"
			if n.Kind == Word && !n.Has(Cap) && !functionWords[n.Lower] && !prepositions[n.Lower] && !auxiliaries[n.Lower] &&
				!adverbs[n.Lower] && !isVerbish(f.lx, n.Lower) && !strings.HasSuffix(n.Lower, "ly") && !strings.HasSuffix(n.Lower, "ed") &&
				n.Lower != "who" && n.Lower != "which" && n.Lower != "that" && n.Lower != "and" && n.Lower != "or" && n.Lower != "but" {
				if _, ok := f.lx.Event(n.Lower); !ok {
					continue
				}
			}
		}
		a := k
		var place string
		for a-1 >= s.First {
			p := &d.Tokens[a-1]
			if p.Kind == Word && (determiners[p.Lower] || p.Lower == "first" || p.Lower == "second") {
				a--
				if determiners[p.Lower] {
					break
				}
				continue
			}
			if p.Kind == Word && !p.Has(Cap) && !functionWords[p.Lower] && !pronounWords[p.Lower] && !isVerbish(f.lx, p.Lower) && !strings.HasSuffix(p.Lower, "ly") && !f.verbAfterNoun(a-1) || p.Kind == Word && p.Has(Hyphen) && !p.Has(Cap) {
				a--
				continue
			}
			if p.Kind == Word && (p.Lower == "than" || p.Lower == "more" || p.Lower == "less" || p.Lower == "nearly" || p.Lower == "about") {
				a-- // "a more than three-hour meeting"
				continue
			}
			if p.Kind == Number || p.Kind == Punct && d.TokenText(a-1) == "," && a-2 >= s.First && d.Tokens[a-2].Has(Hyphen) {
				a-- // "a three-hour, high-stakes meeting"
				continue
			}
			if p.Kind == Word && strings.HasSuffix(p.Lower, "ly") && a-2 >= s.First && d.Tokens[a-2].Kind == Word && determiners[d.Tokens[a-2].Lower] {
				a-- // "the highly anticipated meeting"
				continue
			}
			if p.Kind == Word && p.Has(Cap) {
				// a place or a date before the noun: "the Ontario summit", "Friday's talks"
				if pl := f.lx.Place(d.TokenText(a - 1)); pl != nil && place == "" {
					place = pl.Name
					a--
					continue
				}
				break
			}
			if p.Kind == Poss && a-2 >= s.First && calendarWords[d.Tokens[a-2].Lower] {
				a -= 2
				continue
			}
			break
		}
		for a < k && d.Tokens[a].Kind == Punct {
			a++
		}
		if a == k {
			continue // a bare noun: "talks will resume" is too vague
		}
		first := &d.Tokens[a]
		if !(first.Kind == Word && (determiners[first.Lower] || calendarWords[first.Lower])) && place == "" {
			continue
		}
		if first.Kind == Word && (first.Lower == "a" || first.Lower == "an") && place == "" && !hasHyphen(d, a, k) {
			continue // "a meeting": some meeting, unless described ("a high-stakes meeting")
		}
		if strings.HasSuffix(t.Lower, "s") && t.Lower != "talks" && t.Lower != "negotiations" && t.Lower != "games" && t.Lower != "olympics" && t.Lower != "championships" && t.Lower != "hearings" && t.Lower != "honours" && t.Lower != "awards" {
			continue
		}
		_ = ev
		m := Mention{Span: Span{first.Start, t.End}, First: a, End: k + 1, Sentence: si, Kind: EventMention,
			Type: Event, Strength: 1, RoleOrg: -1, Entity: -1}
		m.Full = m.Span
		if place != "" {
			m.Canonical = place + " " + t.Lower
		}
		d.Mentions = append(d.Mentions, m)
	}
}

func hasHyphen(d *Document, a, b int) bool {
	for k := a; k < b; k++ {
		if d.Tokens[k].Has(Hyphen) {
			return true
		}
	}
	return false
}

// knownForms collects the surface forms of the names found in running text, for reading
// title-case lines where capitals say nothing.
func (f *mentionFinder) knownForms() map[string]*Mention {
	d := f.d
	known := map[string]*Mention{}
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Kind != NameMention {
			continue
		}
		known[m.Text(d.Text)] = m
		if m.Type == Person {
			// surname alone
			name := m.Text(d.Text)
			if sp := strings.LastIndexByte(name, ' '); sp > 0 {
				if _, ok := known[name[sp+1:]]; !ok {
					known[name[sp+1:]] = m
				}
			}
		}
	}
	return known
}

// matchKnown finds mentions in a title-case line: known names, gazetteer places, event
// nouns and titles followed by "of" and a country.
func (f *mentionFinder) matchKnown(si int, known map[string]*Mention) {
	d := f.d
	s := &d.Sentences[si]
	for k := s.First; k < s.End; k++ {
		t := &d.Tokens[k]
		if t.Kind != Word {
			continue
		}
		// longest known or gazetteer form starting at k
		best, bestType, canon := 0, Type(""), ""
		for m := 6; m >= 1; m-- {
			if k+m > s.End {
				continue
			}
			text := d.Text[t.Start:d.Tokens[k+m-1].End]
			if km, ok := known[text]; ok {
				best, bestType = m, km.Type
				canon = km.Canonical
				break
			}
			if p := f.lx.Place(text); p != nil && (m > 1 || t.Has(Cap)) {
				best, bestType, canon = m, Place, p.Name
				break
			}
		}
		if best > 0 {
			e := k + best
			f.addMatched(si, k, e, bestType, canon)
			k = e - 1
			continue
		}
		if t.Has(Hyphen) && t.Has(Cap) {
			f.splitKnownHyphen(si, k, known)
			continue
		}
		// "Prime Minister of the Republic of Korvania"
		if n, head := f.titleAt(k, s.End); n > 0 && nominalHeads[head] {
			e := k + n
			if e < s.End && d.Tokens[e].Lower == "of" {
				from := e + 1
				if from < s.End && d.Tokens[from].Lower == "the" {
					from++
				}
				for to := s.End; to > from; to-- {
					if f.lx.Place(d.Text[d.Tokens[from].Start:d.Tokens[to-1].End]) != nil {
						// a name may follow: then it is a title, read with the name
						if to < s.End {
							if _, ok := known[d.TokenText(to)]; ok {
								break
							}
						}
						f.addNominal(si, k, to, k, head)
						k = to - 1
						break
					}
				}
			}
		}
	}
	// event nouns in title case: "Morozov-Keller Summit", "Oleg Morozov Summit"
	for k := s.First; k < s.End; k++ {
		t := &d.Tokens[k]
		if t.Kind != Word || !t.Has(Cap) {
			continue
		}
		if _, ok := f.lx.Event(t.Lower); !ok || strings.HasSuffix(t.Lower, "s") && t.Lower != "talks" {
			continue
		}
		a := k
		for a-1 >= s.First && f.used[a-1] && d.Tokens[a-1].Kind == Word {
			a--
		}
		if a == k {
			continue
		}
		m := Mention{Span: Span{d.Tokens[a].Start, t.End}, First: a, End: k + 1, Sentence: si, Kind: EventMention,
			Type: Event, Strength: 1, RoleOrg: -1, Entity: -1}
		m.Full = m.Span
		d.Mentions = append(d.Mentions, m)
	}
}

func (f *mentionFinder) addMatched(si, a, b int, typ Type, canon string) {
	d := f.d
	m := Mention{Span: Span{d.Tokens[a].Start, d.Tokens[b-1].End}, First: a, End: b, Sentence: si,
		Kind: NameMention, Type: typ, Strength: 1, Canonical: canon, RoleOrg: -1, Entity: -1}
	m.Full = m.Span
	if b < len(d.Tokens) && d.Tokens[b].Kind == Poss {
		m.Possessive = true
	}
	for k := a; k < b; k++ {
		f.used[k] = true
	}
	d.Mentions = append(d.Mentions, m)
}

// splitKnownHyphen adds mentions for the known parts of a hyphenated title-case token
// ("Morozov-Keller").
func (f *mentionFinder) splitKnownHyphen(si, k int, known map[string]*Mention) {
	d := f.d
	t := &d.Tokens[k]
	off := t.Start
	for _, p := range strings.Split(d.TokenText(k), "-") {
		var typ Type
		canon := ""
		if km, ok := known[p]; ok {
			typ, canon = km.Type, km.Canonical
		} else if pl := f.lx.Place(p); pl != nil {
			typ, canon = Place, pl.Name
		}
		if typ != "" {
			m := Mention{Span: Span{off, off + len(p)}, First: k, End: k + 1, Sentence: si, Kind: NameMention,
				Type: typ, Strength: 1, Canonical: canon, RoleOrg: -1, Entity: -1}
			m.Full = m.Span
			d.Mentions = append(d.Mentions, m)
			f.used[k] = true
		}
		off += len(p) + 1
	}
}

// sortMentions orders the mentions by position and re-points RoleOrg indices.
func sortMentions(d *Document) {
	n := len(d.Mentions)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ma, mb := &d.Mentions[order[a]], &d.Mentions[order[b]]
		if ma.Full.Start != mb.Full.Start {
			return ma.Full.Start < mb.Full.Start
		}
		return ma.Span.Start < mb.Span.Start
	})
	newIndex := make([]int, n)
	for nw, old := range order {
		newIndex[old] = nw
	}
	sorted := make([]Mention, n)
	for nw, old := range order {
		m := d.Mentions[old]
		if m.RoleOrg >= 0 {
			m.RoleOrg = newIndex[m.RoleOrg]
		}
		sorted[nw] = m
	}
	d.Mentions = sorted
}

// placeAdjectiveSuffixes make an adjective of a name: "California-based".
var placeAdjectiveSuffixes = map[string]bool{
	"based": true, "born": true, "owned": true, "listed": true, "registered": true, "led": true,
	"backed": true, "made": true, "built": true, "run": true, "controlled": true, "funded": true,
}

// demonymPrefixes combine with nationality adjectives: "Anglo-Dutch", "Sino-Japanese".
var demonymPrefixes = map[string]bool{
	"anglo": true, "franco": true, "sino": true, "indo": true, "afro": true, "euro": true,
	"russo": true, "greco": true, "austro": true, "italo": true, "judeo": true, "irano": true,
}

// demonymCompound reports whether a hyphenated word joins nationality adjectives
// ("Turkish-Greek", "Anglo-Dutch").
func (f *mentionFinder) demonymCompound(w string) bool {
	parts := strings.Split(w, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if _, ok := f.lx.Demonym(p); !ok && !demonymPrefixes[strings.ToLower(p)] {
			return false
		}
	}
	return true
}

// ageNominal adds a mention for "the 27-year-old" or "the 25-year-old Dane" at token
// r: a person described by age, whom the resolver finds among the people just named. It
// reports whether it did.
func (f *mentionFinder) ageNominal(si, r int) bool {
	d := f.d
	s := &d.Sentences[si]
	// "the 27-year-old": the, a number, a hyphen and "year-old"
	if f.used[r] || d.Tokens[r].Lower != "the" || r+3 >= s.End || d.Tokens[r+1].Kind != Number || d.TokenText(r+2) != "-" ||
		d.Tokens[r+3].Lower != "year-old" && d.Tokens[r+3].Lower != "years-old" {
		return false
	}
	r++
	end := r + 3
	if end < s.End && d.Tokens[end].Kind == Word {
		if _, ok := f.lx.Demonym(d.TokenText(end)); ok {
			end++ // "the 25-year-old Dane"
		} else if n, _ := f.titleAt(end, s.End); n > 0 {
			return false // "the 50-year-old MP": a title, read by chunk and nominals
		}
	}
	if end < s.End && f.capWord(end) {
		return false // "the 28-year-old John Doe": a name follows
	}
	m := Mention{Span: Span{d.Tokens[r-1].Start, d.Tokens[end-1].End}, First: r - 1, End: end, Sentence: si,
		Kind: NominalMention, Type: Person, Strength: 1, RoleOrg: -1, Entity: -1}
	m.Full = m.Span
	if end < len(d.Tokens) && d.Tokens[end].Kind == Poss {
		m.Possessive = true
	}
	for k := r - 1; k < end; k++ {
		f.used[k] = true
	}
	d.Mentions = append(d.Mentions, m)
	return true
}

// romanNumerals number the models of a product ("Phone III") or monarchs ("Henry VIII").
var romanNumerals = map[string]bool{"ii": true, "iii": true, "iv": true, "v": true, "vi": true, "vii": true, "viii": true, "ix": true, "x": true}

// isModelName reports whether tokens [a, b) name a product model: a word mixing two or
// more letters with two or more digits ("V603SH", "PH-S6500"), or a name other than a
// person's numbered with a Roman numeral ("Phone IV").
func (f *mentionFinder) isModelName(a, b int) bool {
	d := f.d
	for k := a; k < b; k++ {
		if modelNumber(d.TokenText(k)) {
			return true
		}
	}
	if b-a >= 2 && romanNumerals[d.Tokens[b-1].Lower] && d.Tokens[b-1].Has(AllCaps) && !f.lx.IsFirstName(d.TokenText(a)) && !f.titleBefore(a) {
		return true
	}
	return false
}

// makerOfProduct reads a run [a, b) that names a maker and its product: a model name
// ("Casio QV-10", "Acme Zoomer 100"), a name written in camel case ("Acme GameStar"), a
// brand before a product noun ("the Acme Brownie camera"), or a name in brackets after a
// product noun ("a phone (Acme Startac)"). It adds the maker as an organisation and
// reports whether it did.
func (f *mentionFinder) makerOfProduct(si, a, b int) bool {
	d := f.d
	text := d.TokenText(a)
	if !f.capWord(a) || d.Tokens[a].Kind != Word || f.lx.Place(text) != nil || f.lx.IsFirstName(text) || f.isRole(d.Tokens[a].Lower) ||
		f.lx.IsOrgWord(d.Tokens[b-1].Lower) || f.lx.IsPlaceWord(d.Tokens[b-1].Lower) {
		return false
	}
	common := f.lx.IsWord(d.Tokens[a].Lower)
	product := false
	for k := a + 1; k < b && !product; k++ {
		product = camelCase(d.TokenText(k)) || modelNumber(d.TokenText(k))
	}
	if !product && b-a == 2 && b < d.Sentences[si].End && d.Tokens[b].Kind == Number && !f.lx.IsWord(d.Tokens[a+1].Lower) {
		product = true // "Acme Zoomer 100"
	}
	if !product && !common && b-a == 2 && b < d.Sentences[si].End && productNouns[d.Tokens[b].Lower] {
		product = true // "the Acme Brownie camera"
	}
	if !product && !common && a >= 2 && d.TokenText(a-1) == "(" && productNouns[d.Tokens[a-2].Lower] {
		product = true // "mobile phone (Acme Startac)"
	}
	if !product {
		return false
	}
	f.addInner(si, a, a+1)
	return true
}

// modelNumber reports whether a word mixes letters and digits like a model name ("QV-10",
// "XR450").
func modelNumber(w string) bool {
	letters, digits := 0, 0
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			letters++
		}
	}
	return letters >= 2 && digits >= 2
}

// camelCase reports whether a word has a capital after a lower-case letter, as product
// names do ("GameStar", "PowerBook"), and is no name with a prefix ("McDonald", "MacLeod").
func camelCase(w string) bool {
	if strings.HasPrefix(w, "Mc") || strings.HasPrefix(w, "Mac") || strings.HasPrefix(w, "De") || strings.HasPrefix(w, "Di") || strings.HasPrefix(w, "La") || strings.HasPrefix(w, "Le") {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' && w[i-1] >= 'a' && w[i-1] <= 'z' {
			return true
		}
	}
	return false
}

// stateBodies are the institutions a country has, named in lower case after it: "Freedonia's
// parliament", "Ruritania's anti-doping commission".
var stateBodies = map[string]bool{
	"parliament": true, "army": true, "navy": true, "police": true, "commission": true,
	"ministry": true, "federation": true, "council": true, "court": true, "senate": true,
	"congress": true, "assembly": true, "cabinet": true, "military": true, "judiciary": true,
	"regulator": true, "watchdog": true, "committee": true, "agency": true, "bank": true,
	"association": true, "airline": true, "carrier": true, "exchange": true, "force": true,
}

// possessedBodies adds organisation mentions for a country's institutions named in lower
// case: "Freedonia's parliament", "Ruritania's anti-doping commission", "Japan's central bank".
func (f *mentionFinder) possessedBodies(si int) {
	d := f.d
	s := &d.Sentences[si]
	for k := s.First; k+2 < s.End; k++ {
		if d.Tokens[k].Kind != Poss || k == s.First {
			continue
		}
		pm := f.mentionEndingAt(k)
		if pm < 0 || d.Mentions[pm].Type != Place {
			continue
		}
		j := k + 1
		for j < s.End && j < k+4 && d.Tokens[j].Kind == Word && !d.Tokens[j].Has(Cap) && !f.used[j] && !stateBodies[d.Tokens[j].Lower] &&
			!functionWords[d.Tokens[j].Lower] && !isVerbish(f.lx, d.Tokens[j].Lower) && !f.isRole(d.Tokens[j].Lower) {
			j++
		}
		if j >= s.End || d.Tokens[j].Kind != Word || d.Tokens[j].Has(Cap) || f.used[j] || !stateBodies[d.Tokens[j].Lower] {
			continue
		}
		if j+1 < s.End && d.Tokens[j+1].Kind == Word && !d.Tokens[j+1].Has(Cap) && f.lx.IsWord(d.Tokens[j+1].Lower) &&
			!functionWords[d.Tokens[j+1].Lower] && !prepositions[d.Tokens[j+1].Lower] && !auxiliaries[d.Tokens[j+1].Lower] &&
			!isVerbish(f.lx, d.Tokens[j+1].Lower) && !adverbs[d.Tokens[j+1].Lower] && !f.finiteVerb(d.Tokens[j+1].Lower) {
			continue // "Freedonia's army chief": a modifier
		}
		a := d.Mentions[pm].First
		m := Mention{Span: Span{d.Tokens[a].Start, d.Tokens[j].End}, First: a, End: j + 1, Sentence: si, Kind: NameMention,
			Type: Organization, Strength: 2, RoleOrg: -1, Entity: -1}
		m.Full = m.Span
		if j+1 < len(d.Tokens) && d.Tokens[j+1].Kind == Poss {
			m.Possessive = true
		}
		for x := k + 1; x <= j; x++ {
			f.used[x] = true
		}
		d.Mentions = append(d.Mentions, m)
		k = j
	}
}

// finiteVerb reports whether w is a past or third-person form of a verb ("voted", "says").
func (f *mentionFinder) finiteVerb(w string) bool {
	_, form, _, ok := f.lx.AnalyzeVerb(w)
	return ok && (form == lexicon.PastForm || form == lexicon.ParticipleForm || form == lexicon.ThirdPerson)
}

// verbAfterNoun reports whether token k is a finite verb after a noun ("the two banks held
// merger talks"), rather than a participle used as an adjective ("the highly anticipated
// meeting", "the postponed match").
func (f *mentionFinder) verbAfterNoun(k int) bool {
	d := f.d
	if !f.finiteVerb(d.Tokens[k].Lower) || k == 0 {
		return false
	}
	p := &d.Tokens[k-1]
	return p.Kind == Word && !determiners[p.Lower] && !strings.HasSuffix(p.Lower, "ly") && !functionWords[p.Lower]
}

// nationalityNouns name a person by nationality ("Frenchwoman Marie Roux").
var nationalityNouns = map[string]bool{
	"frenchman": true, "frenchwoman": true, "englishman": true, "englishwoman": true,
	"irishman": true, "irishwoman": true, "scotsman": true, "scotswoman": true, "welshman": true,
	"welshwoman": true, "dutchman": true, "dutchwoman": true, "briton": true, "swede": true,
	"dane": true, "finn": true, "pole": true, "turk": true, "spaniard": true, "scot": true,
	"kiwi": true, "aussie": true, "yank": true, "swiss": true, "czech": true, "slovak": true,
	"argentine": true, "argentinian": true, "american": true, "australian": true, "german": true,
}

// hasOrgHead reports whether tokens [a, b) end in, or before "of" have, an organisation
// word: "Muslim Association of Ruritania".
func (f *mentionFinder) hasOrgHead(a, b int) bool {
	for k := a; k < b; k++ {
		w := trimDot(f.d.Tokens[k].Lower)
		if f.lx.IsOrgWord(w) && (k == b-1 || f.d.Tokens[k+1].Lower == "of" || f.d.Tokens[k+1].Lower == "for") {
			return true
		}
	}
	return false
}

// isTitleOfWork reports whether the capitalised run [a, b) reads as the title of a book,
// film or song rather than a name: it has an inner article or preposition other than "of",
// "for" and "and", or starts with a verb, and no organisation or place word.
func (f *mentionFinder) isTitleOfWork(a, b int) bool {
	d := f.d
	if f.lx.Place(d.Text[d.Tokens[a].Start:d.Tokens[b-1].End]) != nil {
		return false
	}
	if a+2 < b && f.lx.IsFirstName(d.TokenText(a)) && d.Tokens[a+1].Has(Cap) && d.Tokens[a+2].Lower == "of" {
		return false // "Ann Lee of the Harbour …": a person, and what she is of
	}
	inner := false
	for k := a; k < b; k++ {
		w := trimDot(d.Tokens[k].Lower)
		if f.lx.IsOrgWord(w) || f.lx.IsPlaceWord(w) || f.isRole(w) {
			return false
		}
		if k > a && (w == "the" || w == "a" || w == "from" || w == "in" || w == "to" || w == "with" || w == "on" || w == "is" || w == "not") {
			inner = true
		}
	}
	return inner
}

// bodyOfRole reports whether the role word at token k, in a run of capitalised words from
// a, ends the name of a body instead of starting a title: "the Court of Justice", "the
// Department of Labor", where "of" follows an organisation's head word.
func (f *mentionFinder) bodyOfRole(a, k int) bool {
	d := f.d
	return k-2 >= a && d.Tokens[k-1].Lower == "of" && f.lx.IsOrgWord(trimDot(d.Tokens[k-2].Lower))
}

// isScore reports whether the number at token j opens a score or a range ("2-0", "3–1"),
// which follows a team's name but is no part of it.
func (f *mentionFinder) isScore(j, end int) bool {
	d := f.d
	if j+2 >= end {
		return false
	}
	dash, n := &d.Tokens[j+1], &d.Tokens[j+2]
	w := d.TokenText(j + 1)
	return (w == "-" || w == "–" || w == "—") && !dash.Has(SpaceBefore) && n.Kind == Number && !n.Has(SpaceBefore)
}

// describesPerson reports whether token k, before a first name that opens a person's name
// running to token b, is a word that describes the person rather than a part of the name:
// a common word that is no first name and no title ("Hooker Tom Ray", "Fellow Tom Ray",
// "Democrat Ann Webb") or a follower's name ("Blairite Ann Lee").
func (f *mentionFinder) describesPerson(k, b int) bool {
	d := f.d
	if k+1 >= b || !f.lx.IsFirstName(d.TokenText(k+1)) || f.lx.IsFirstName(d.TokenText(k)) {
		return false
	}
	for j := k + 1; j < b; j++ {
		if w := trimDot(d.Tokens[j].Lower); f.lx.IsOrgWord(w) || f.lx.IsPlaceWord(w) || f.lx.IsWord(w) && !f.lx.IsFirstName(d.TokenText(j)) && !f.lx.IsSurname(d.TokenText(j)) {
			return false // "Coastal Free Trade Zone": the rest is no person's name
		}
	}
	w := trimDot(d.Tokens[k].Lower)
	if f.isRole(w) || f.lx.StartsTitle(w) || honorifics[w] {
		return false
	}
	return f.lx.IsWord(w) || strings.HasSuffix(w, "ite")
}

// elidedParticle reports whether a word is a surname with an elided particle in front:
// "d'Arcy", "d’Arcy", "l'Orange".
func elidedParticle(w string) bool {
	for _, p := range []string{"d'", "d’", "l'", "l’"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) {
			r, _ := utf8.DecodeRuneInString(w[len(p):])
			return unicode.IsUpper(r)
		}
	}
	return false
}

// cappedCount returns how often the article writes token k's word with a capital.
func (f *mentionFinder) cappedCount(k int) int {
	if f.capped == nil {
		f.capped = map[string]int{}
		for i := range f.d.Tokens {
			if t := &f.d.Tokens[i]; t.Kind == Word && t.Has(Cap) {
				f.capped[f.d.TokenText(i)]++
			}
		}
	}
	return f.capped[f.d.TokenText(k)]
}
