package extract

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kg-news/kg/extract/lexicon"
)

// leaderHeads are the roles of a head of state or government: "the Russian leader" can
// be the person introduced as "Russian President X".
var leaderHeads = map[string]bool{
	"president": true, "leader": true, "premier": true, "chancellor": true, "king": true,
	"queen": true, "ruler": true, "monarch": true, "emperor": true, "dictator": true,
	"minister": true, "head": true,
}

var femaleWords = map[string]bool{
	"mrs": true, "ms": true, "miss": true, "lady": true, "dame": true, "baroness": true,
	"queen": true, "princess": true, "spokeswoman": true, "chairwoman": true, "congresswoman": true,
	"actress": true, "empress": true,
}

var maleWords = map[string]bool{
	"mr": true, "sir": true, "lord": true, "baron": true, "king": true, "prince": true,
	"spokesman": true, "chairman": true, "congressman": true, "emperor": true,
}

// resolver groups the mentions of one document into entities.
type resolver struct {
	d                     *Document
	lx                    *lexicon.Lexicon
	byKey                 map[string]int // normalised name -> entity
	nominals              map[string]int // resolved role descriptions, without their determiner
	lastNames, firstNames map[string][]namePart
	people                []int               // person entities with a full name, in order of first mention
	acronyms              map[string]int      // "RAC" -> the entity named before "(RAC)"
	partial               map[string]int      // "mr smith" -> the person it first stood for
	nearNames             map[string][]string // substitution keys of the surnames in lastNames
	orgs                  *orgIndex           // organisations and places by the words of their names
	nom                   *nominalIndex       // what the nominal passes look up, built when they start
}

// resolve groups mentions into entities: one per real person, organisation or place.
func resolve(d *Document, lx *lexicon.Lexicon) {
	r := &resolver{d: d, lx: lx, byKey: map[string]int{}, nominals: map[string]int{}, partial: map[string]int{}}
	// full names of people first, so that surnames anywhere can find them
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Kind == NameMention && m.Type == Person && strings.Contains(m.Text(d.Text), " ") {
			r.assign(i, r.personKey(m.Text(d.Text)))
		}
	}
	// then the other names of several words, so that a part or an acronym anywhere can
	// find them ("the Telegraph", "UNECE"); then the rest
	r.acronyms = map[string]int{}
	for pass := 0; pass < 2; pass++ {
		for i := range d.Mentions {
			m := &d.Mentions[i]
			if m.Kind != NameMention || m.Entity >= 0 || m.Type == Event {
				continue // named events are grouped with the other event mentions
			}
			if multi := strings.Contains(m.Text(d.Text), " "); multi == (pass == 0) {
				r.assignName(i)
			}
		}
		if pass == 0 {
			r.parentheticalAcronyms()
		}
	}
	r.mergePartialNames()
	r.mergeAppositions()
	r.mergeTailNames()
	for e := range d.Entities {
		if len(d.Entities[e].Mentions) > 0 && r.entityType(e) == Person && r.entityStrength(e) <= 2 && r.usedAsBody(e) {
			// "Ann Lee, which floated in 1995, … its shares": a firm named after someone
			for _, mi := range d.Entities[e].Mentions {
				d.Mentions[mi].Type, d.Mentions[mi].Strength = Organization, 2
			}
		}
	}
	for i := range d.Mentions {
		if d.Mentions[i].Kind == NominalMention {
			r.assignNominal(i)
		}
	}
	r.compact()
	r.finish()
}

// compact drops the entities that merging left without mentions.
func (r *resolver) compact() {
	d := r.d
	index := make([]int, len(d.Entities))
	out := d.Entities[:0]
	for e := range d.Entities {
		if len(d.Entities[e].Mentions) == 0 {
			index[e] = -1
			continue
		}
		index[e] = len(out)
		out = append(out, d.Entities[e])
	}
	d.Entities = out
	for i := range d.Mentions {
		if e := d.Mentions[i].Entity; e >= 0 {
			d.Mentions[i].Entity = index[e]
		}
	}
}

// keyReplacer straightens quotes and drops dots for normKey; it is never modified.
var keyReplacer = strings.NewReplacer("’", "'", ".", "", "‘", "'")

func normKey(s string) string {
	// fast path: ASCII with single spaces, lower-cased and without dots in one pass
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == '\t' || c == '\n' || c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			simple = false
			break
		}
	}
	if simple {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '.':
				continue
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		if bytesHaveDoubleSpace(b) {
			return strings.Join(strings.Fields(string(b)), " ")
		}
		return string(b)
	}
	s = keyReplacer.Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

func bytesHaveDoubleSpace(b []byte) bool {
	if len(b) > 0 && (b[0] == ' ' || b[len(b)-1] == ' ') {
		return true
	}
	for i := 1; i < len(b); i++ {
		if b[i] == ' ' && b[i-1] == ' ' {
			return true
		}
	}
	return false
}

// personKey is the key of a full name; spelling variants of one name share it
// ("Kovalskyy", "Kovalskiy", "Kovalsky").
func (r *resolver) personKey(name string) string {
	return "p:" + skeleton(normKey(name))
}

// skeleton folds common transliteration variants: doubled letters, -iy/-yy endings, and
// letters with diacritics, which the same article may spell with or without them
// ("Kovačić", "Kovacic").
func skeleton(s string) string {
	s = foldDiacritics(s)
	var b strings.Builder
	var prev rune
	for _, c := range s {
		if c == prev && c != ' ' {
			continue
		}
		b.WriteRune(c)
		prev = c
	}
	out := b.String()
	words := strings.Fields(out)
	for i, w := range words {
		switch {
		case strings.HasSuffix(w, "iy"), strings.HasSuffix(w, "yi"):
			w = w[:len(w)-2] + "y"
		case strings.HasSuffix(w, "ei") && len(w) > 4:
			w = w[:len(w)-2] + "ey"
		}
		words[i] = w
	}
	return strings.Join(words, " ")
}

func (r *resolver) assign(mi int, key string) {
	d := r.d
	m := &d.Mentions[mi]
	e, ok := r.byKey[key]
	if !ok {
		d.Entities = append(d.Entities, Entity{Type: m.Type})
		e = len(d.Entities) - 1
		r.byKey[key] = e
		if m.Type == Person && m.Kind == NameMention && strings.Contains(m.Text(d.Text), " ") {
			r.people = append(r.people, e)
		}
	}
	m.Entity = e
	d.Entities[e].Mentions = append(d.Entities[e].Mentions, mi)
}

// assignName resolves a name that is not a full person name: a surname or first name of a
// person of the article, an acronym, a place, or a name of its own.
func (r *resolver) assignName(mi int) {
	d := r.d
	m := &d.Mentions[mi]
	name := m.Text(d.Text)
	if !strings.Contains(name, " ") && m.Type != Event {
		// "Mr Smith" means whom it meant before, even after another Smith is named
		full := normKey(m.Full.Text(d.Text))
		e, seen := r.partial[full]
		if !seen || m.Full == m.Span {
			// a person of the article wins over a town of the same name ("Marsh")
			e = r.personByPart(name, m.Span.Start, honorificGender(m.Full.Text(d.Text)))
		}
		if e >= 0 {
			if m.Full != m.Span && !seen {
				r.partial[full] = e
			}
			m.Type, m.Canonical = Person, ""
			m.Entity = e
			d.Entities[e].Mentions = append(d.Entities[e].Mentions, mi)
			return
		}
	}
	if m.Type == Place && m.Canonical != "" {
		r.assign(mi, "n:"+normKey(m.Canonical))
		return
	}
	if m.Type == Person && !strings.Contains(name, " ") {
		// "Mr Smith" with no full name in the article: the surname is the name
		r.assign(mi, r.personKey(name))
		return
	}
	if !strings.Contains(name, " ") {
		if e := r.orgByPart(name); e >= 0 {
			m.Entity = e
			d.Entities[e].Mentions = append(d.Entities[e].Mentions, mi)
			return
		}
		// "Tories" and "Tory": one organisation
		key := normKey(name)
		for _, v := range numberVariants(key) {
			if e, ok := r.byKey["n:"+v]; ok && d.Entities[e].Type != Person && m.Type != Place {
				m.Entity = e
				d.Entities[e].Mentions = append(d.Entities[e].Mentions, mi)
				return
			}
		}
	}
	r.assign(mi, "n:"+normKey(name))
}

// honorificGender returns the gender a form of address gives a name ("Mrs Smith": 'f'), or 0.
func honorificGender(full string) byte {
	w := strings.ToLower(strings.TrimSuffix(firstWord(full), "."))
	switch w {
	case "mr", "mister", "sir", "lord":
		return 'm'
	case "mrs", "ms", "miss", "lady", "dame", "madam":
		return 'f'
	}
	return 0
}

// personByPart finds the person of the article whose surname (or, failing that, first
// name) is part; when several share it, the one whose first name fits the form of address
// (g: "Mrs Smith" is not John Smith), else the one mentioned last before offset at.
func (r *resolver) personByPart(part string, at int, g byte) int {
	if r.lastNames == nil {
		r.indexPeople()
	}
	key := skeleton(normKey(part))
	best, bestPos := -1, 0
	for pass := 0; pass < 2; pass++ {
		index := r.lastNames
		if pass == 1 {
			index = r.firstNames
		}
		cands := index[key]
		if pass == 1 && len(cands) > 1 {
			return -1 // a first name shared by two people says nothing
		}
		if g != 0 && len(cands) > 1 {
			var fit []namePart
			for _, c := range cands {
				if cg := r.lx.Gender(firstWord(r.d.Entities[c.entity].Name)); cg == g {
					fit = append(fit, c)
				}
			}
			if len(fit) > 0 {
				cands = fit
			}
		}
		for _, c := range cands {
			pos := c.pos
			if pos > at {
				pos = -pos // later mentions rank below earlier ones
			}
			if best < 0 || pos > bestPos {
				best, bestPos = c.entity, pos
			}
		}
		if best >= 0 {
			return best
		}
	}
	// a misspelt surname: "Bracewall" for "Bracewell", when only one person is that close
	// (one letter replaced: "Brown" and "Browne" are two names)
	if len(key) >= 6 && r.lx.Place(part) == nil && !r.lx.IsWord(strings.ToLower(part)) {
		if r.nearNames == nil {
			r.indexNearNames()
		}
		cand := -1
		for i := 1; i < len(key); i++ {
			for _, k := range r.nearNames[substitutionKey(key, i)] {
				parts := r.lastNames[k]
				if k == key || len(parts) != 1 {
					continue
				}
				if cand >= 0 && cand != parts[0].entity {
					return -1
				}
				cand = parts[0].entity
			}
		}
		return cand
	}
	return -1
}

// substitutionKey is s without its byte i, marked with i: two strings of one length share
// it exactly when they differ at most in byte i.
func substitutionKey(s string, i int) string {
	return strconv.Itoa(i) + ":" + s[:i] + s[i+1:]
}

// indexNearNames indexes the surnames of lastNames by their substitution keys past the
// first byte, so that personByPart finds the surnames one substituted letter away from a
// word (the first letter kept) without comparing it with every surname.
func (r *resolver) indexNearNames() {
	r.nearNames = map[string][]string{}
	for k := range r.lastNames {
		if len(k) < 6 {
			continue
		}
		for i := 1; i < len(k); i++ {
			sk := substitutionKey(k, i)
			r.nearNames[sk] = append(r.nearNames[sk], k)
		}
	}
}

// namePart is a person whose first or last name is a given word, and where the article
// first names them.
type namePart struct {
	entity, pos int
}

// indexPeople indexes the full-name people of the article by the skeletons of their first
// and last names.
func (r *resolver) indexPeople() {
	d := r.d
	r.lastNames, r.firstNames = map[string][]namePart{}, map[string][]namePart{}
	add := func(index map[string][]namePart, k string, e, pos int) {
		for _, x := range index[k] {
			if x.entity == e {
				return
			}
		}
		index[k] = append(index[k], namePart{e, pos})
	}
	for _, e := range r.people {
		for _, mi := range d.Entities[e].Mentions {
			m := &d.Mentions[mi]
			words := strings.Fields(normKey(m.Text(d.Text)))
			if len(words) < 2 {
				continue
			}
			add(r.lastNames, skeleton(words[len(words)-1]), e, m.Span.Start)
			add(r.firstNames, skeleton(words[0]), e, m.Span.Start)
		}
	}
}

// mergePartialNames merges a person named by first names only ("Juan Carlos") into the
// one person whose full name starts with them ("Juan Carlos Ferrero"). The people are
// indexed by every word prefix of the name they are first mentioned by, so that the cost
// is linear in the number of people rather than quadratic.
func (r *resolver) mergePartialNames() {
	d := r.d
	firstName := func(e int) string { return normKey(d.Mentions[d.Entities[e].Mentions[0]].Text(d.Text)) }
	byPrefix := map[string][]int{} // "juan carlos" -> the people whose first name is longer and starts with it, in order
	for _, o := range r.people {
		if len(d.Entities[o].Mentions) == 0 {
			continue
		}
		long := firstName(o)
		for i := 0; i < len(long); i++ {
			if long[i] == ' ' {
				byPrefix[long[:i]] = append(byPrefix[long[:i]], o)
			}
		}
	}
	for _, e := range r.people {
		if len(d.Entities[e].Mentions) == 0 {
			continue
		}
		short := firstName(e)
		cands := byPrefix[short]
		into, live := -1, cands[:0]
		for _, o := range cands {
			if len(d.Entities[o].Mentions) == 0 {
				continue // merged into another already: dropped from the list for good
			}
			live = append(live, o)
			if o == e {
				continue
			}
			if into >= 0 {
				into = -2 // two people share those first names
			} else if into == -1 {
				into = o
			}
		}
		if len(cands) > 0 {
			byPrefix[short] = live
		}
		if into >= 0 {
			r.move(e, into)
		}
	}
}

// mergeAppositions merges an organisation renamed in apposition: "Respect, the Unity
// Coalition, …".
func (r *resolver) mergeAppositions() {
	d := r.d
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Kind != NameMention || m.Entity < 0 || d.Entities[m.Entity].Type == Person {
			continue
		}
		k := m.End
		if k+2 >= len(d.Tokens) || d.TokenText(k) != "," || d.Tokens[k+1].Lower != "the" {
			continue
		}
		j := mentionStartingAt(d, k+2)
		if j < 0 || d.Mentions[j].Entity < 0 || d.Mentions[j].Entity == m.Entity {
			continue
		}
		n := &d.Mentions[j]
		if d.Entities[n.Entity].Type == Person || n.End >= len(d.Tokens) || d.TokenText(n.End) != "," && !isTerminal(d, &d.Tokens[n.End]) {
			continue
		}
		if len(d.Entities[n.Entity].Mentions) == 1 {
			r.move(n.Entity, m.Entity)
		}
	}
}

// mergeTailNames merges a body or place named by the last words of another's name ("the
// Court of Justice" and "the Harbour Court of Justice", in either order) into it, when no
// other name of the article ends so and the two are of one type.
func (r *resolver) mergeTailNames() {
	d := r.d
	name := func(e int) string { return d.Mentions[d.Entities[e].Mentions[0]].Text(d.Text) }
	body := func(e int) bool {
		t := r.entityType(e)
		return len(d.Entities[e].Mentions) > 0 && t != Person && t != Event
	}
	tails := map[string]int{} // the last words of a name -> its entity, -1 if several
	for e := range d.Entities {
		if !body(e) {
			continue
		}
		words := strings.Fields(name(e))
		for i := 1; i+1 < len(words); i++ {
			if c, _ := utf8.DecodeRuneInString(words[i]); !unicode.IsUpper(c) {
				continue
			}
			k := normKey(strings.Join(words[i:], " "))
			if o, ok := tails[k]; ok && o != e {
				tails[k] = -1
			} else {
				tails[k] = e
			}
		}
	}
	if len(tails) == 0 {
		return
	}
	for e := range d.Entities {
		if !body(e) {
			continue
		}
		into, ok := tails[normKey(name(e))]
		if ok && into >= 0 && into != e && body(into) && r.entityType(into) == r.entityType(e) {
			r.move(e, into)
		}
	}
}

// move gives all mentions of entity from to entity to, leaving from empty.
func (r *resolver) move(from, to int) {
	d := r.d
	for _, mi := range d.Entities[from].Mentions {
		d.Mentions[mi].Entity = to
		d.Entities[to].Mentions = append(d.Entities[to].Mentions, mi)
	}
	d.Entities[from].Mentions = nil
}

// orgByPart finds the organisation or place of the article that a single word stands
// for: its acronym ("HRA" for "Harbour Rail Authority") or a
// distinctive word of its name ("Telegraph" for "Daily Telegraph", "Lords" for "House
// of Lords"). With several candidates, the most mentioned wins.
func (r *resolver) orgByPart(word string) int {
	d := r.d
	acronym := countUpper(word) == countLetters(word) && countLetters(word) >= 2
	if acronym {
		if e, ok := r.acronyms[word]; ok {
			return e // "The Regional Arts Council (RAC)"
		}
		word = strings.ReplaceAll(word, "&", "") // "E&Y"
	}
	r.indexOrgs()
	lw := strings.ToLower(word)
	generic := r.lx.IsOrgWord(lw) || r.lx.IsPlaceWord(lw) || functionWords[lw]
	best, bestN := -1, 0
	consider := func(e int) {
		if n := len(d.Entities[e].Mentions); n > bestN || n == bestN && n > 0 && e < best {
			best, bestN = e, n
		}
	}
	if acronym {
		for _, e := range r.orgs.initials[word] {
			consider(e)
		}
		for _, e := range r.orgs.corporate[word] {
			consider(e) // "ACME" for "ACME International"
		}
		return best
	}
	// a generic word ("Lords", "Telegraph") only stands for the name it ends or follows
	// "of" in
	for _, o := range r.orgs.words[word] {
		if !generic || o.later {
			consider(o.entity)
		}
	}
	return best
}

// orgIndex finds the organisations and places of several words by a word of their name,
// by their initials, and by a first word followed by corporate suffixes only, for
// orgByPart.
type orgIndex struct {
	indexed   int                  // entities indexed so far
	words     map[string][]orgWord // a word of the name -> the entities, in order
	initials  map[string][]int     // "UNECE" -> the entities with those initials
	corporate map[string][]int     // "ACME" -> "ACME International"
}

// orgWord is an entity whose name holds a word; later when past its first word.
type orgWord struct {
	entity int
	later  bool
}

// indexOrgs indexes the entities created since the last call. An entity's type and first
// mention never change while names are assigned, so entries stay true.
func (r *resolver) indexOrgs() {
	d := r.d
	if r.orgs == nil {
		r.orgs = &orgIndex{words: map[string][]orgWord{}, initials: map[string][]int{}, corporate: map[string][]int{}}
	}
	x := r.orgs
	for ; x.indexed < len(d.Entities); x.indexed++ {
		e := x.indexed
		ent := &d.Entities[e]
		if ent.Type == Person || len(ent.Mentions) == 0 {
			continue
		}
		words := strings.Fields(d.Mentions[ent.Mentions[0]].Text(d.Text))
		if len(words) < 2 {
			continue
		}
		var ini strings.Builder
		for _, w := range words {
			if lw := strings.ToLower(w); lw == "of" || lw == "for" || lw == "and" || lw == "the" || lw == "&" {
				continue
			}
			ini.WriteString(strings.ToUpper(w[:1]))
		}
		x.initials[ini.String()] = appendOnce(x.initials[ini.String()], e)
		if corporateTail(words[1:]) {
			x.corporate[words[0]] = appendOnce(x.corporate[words[0]], e)
		}
		for i, w := range words {
			list := x.words[w]
			if n := len(list); n > 0 && list[n-1].entity == e {
				list[n-1].later = list[n-1].later || i > 0
				continue
			}
			x.words[w] = append(list, orgWord{e, i > 0})
		}
	}
}

// appendOnce appends e to a list in increasing order unless it ends with e already.
func appendOnce(list []int, e int) []int {
	if n := len(list); n > 0 && list[n-1] == e {
		return list
	}
	return append(list, e)
}

// assignNominal resolves "the Russian president" to the person of the article who holds
// that role, or leaves it unresolved.
func (r *resolver) assignNominal(mi int) {
	d := r.d
	m := &d.Mentions[mi]
	if m.Type == Organization {
		r.assignOrgNominal(mi)
		return
	}
	if m.Type == Place {
		r.assignPlaceNominal(mi)
		return
	}
	if honorifics[strings.ToLower(trimDot(firstWord(m.Text(d.Text))))] {
		return // "Mr. President": a form of address, meaning whoever is spoken to
	}
	key := strings.ToLower(m.Text(d.Text))
	if strings.HasPrefix(key, "the ") || strings.HasPrefix(key, "an ") || strings.HasPrefix(key, "a ") {
		// the same description means the same person throughout an article
		if e, ok := r.nominals[key[strings.IndexByte(key, ' ')+1:]]; ok {
			r.attach(mi, e)
			return
		}
	}
	// people named in the same sentence are not the ones described: "Keller and the
	// Russian president"
	x := r.nominalIndex()
	named := map[int]bool{}
	for _, oi := range x.sentence(m.Sentence) {
		o := &d.Mentions[oi]
		if o.Kind == NameMention && o.Entity >= 0 {
			named[o.Entity] = true
		}
	}
	// only a person with a mention of the same role can score: those are the candidates
	var cands []int
	if !m.Former {
		cands = x.holders.get(m.RoleHead)
		if m.RoleHead == "leader" {
			for h := range leaderHeads {
				cands = append(cands, x.holders.get(h)...)
			}
		}
		cands = sortedUnique(cands)
	}
	best, bestScore, bestLast := -1, 0, -1
	for _, e := range cands {
		ent := &d.Entities[e]
		if ent.Type != Person || named[e] || m.Former {
			continue // a former holder is not the one who holds the role now
		}
		score := 0
		for _, oi := range ent.Mentions {
			o := &d.Mentions[oi]
			if o.RoleHead == "" || o.Former || o.Kind != NameMention && o.RoleOrg < 0 {
				continue
			}
			sameRole := o.RoleHead == m.RoleHead || m.RoleHead == "leader" && leaderHeads[o.RoleHead]
			if !sameRole {
				continue
			}
			if m.RoleOrg >= 0 && o.RoleOrg >= 0 && d.Mentions[m.RoleOrg].Entity != d.Mentions[o.RoleOrg].Entity {
				continue // "the Westbury North MP" is not "Labour MP X"
			}
			s := 0
			switch {
			case m.Nationality != "" && o.Nationality == m.Nationality:
				s = 4
			case m.Nationality != "" && o.Nationality != "":
				s = 0 // another country's
			case m.Nationality == "" && o.Nationality == "":
				s = 3
			default:
				s = 1
			}
			if s > score {
				score = s
			}
		}
		// ties go to the person named last before the description
		last := -1
		for _, oi := range ent.Mentions {
			if o := &d.Mentions[oi]; o.Span.Start < m.Span.Start && o.Span.Start > last {
				last = o.Span.Start
			}
		}
		if score > bestScore || score == bestScore && score > 0 && last > bestLast {
			best, bestScore, bestLast = e, score, last
		}
	}
	if best < 0 && strings.HasPrefix(key, "the ") && (!nominalHeads[m.RoleHead] || m.Former) {
		// "The 50-year-old MP launched …": a description with no role to match is the
		// person the sentence before was about
		best = r.recentSubject(m)
	}
	if best < 0 && strings.HasPrefix(key, "the ") && m.Nationality == "" && m.RoleOrg < 0 && !m.Former && leaderHeads[m.RoleHead] {
		// "the prime minister" where the article speaks of "X's government" or "the X
		// administration": X leads it
		best = r.headOfGovernment()
	}
	if best < 0 && strings.HasPrefix(key, "the ") && m.Nationality == "" && m.RoleOrg < 0 && !m.Former {
		// "the first minister", when nobody of the article holds a title: the person the
		// article is about, named most often and with no other role
		best = r.mainPersonWithoutRole()
	}
	if best < 0 {
		return
	}
	if i := strings.IndexByte(key, ' '); i > 0 {
		r.nominals[key[i+1:]] = best
	}
	r.attach(mi, best)
}

// governmentNouns name what a head of government leads: "X's government", "the X
// administration".
var governmentNouns = map[string]bool{
	"government": true, "administration": true, "cabinet": true, "regime": true,
	"premiership": true, "presidency": true, "government's": true, "administration's": true,
}

// headOfGovernment returns the one person the article names as leading a government
// ("X's government", "the X administration"), or -1.
func (r *resolver) headOfGovernment() int {
	x := r.nominalIndex()
	if !x.headKnown {
		// name mentions keep their entities while nominals are resolved: once is enough
		x.head, x.headKnown = r.findHeadOfGovernment(), true
	}
	return x.head
}

func (r *resolver) findHeadOfGovernment() int {
	d := r.d
	best := -1
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if m.Kind != NameMention || m.Entity < 0 || d.Entities[m.Entity].Type != Person {
			continue
		}
		k := m.End
		if m.Possessive {
			k++
		}
		if k >= len(d.Tokens) || !governmentNouns[d.Tokens[k].Lower] {
			continue
		}
		if best >= 0 && best != m.Entity {
			return -1 // two governments: no telling whose head is meant
		}
		best = m.Entity
	}
	return best
}

// recentSubject returns the person named first in the sentence before mention m, or -1.
func (r *resolver) recentSubject(m *Mention) int {
	d := r.d
	x := r.nominalIndex()
	for si := m.Sentence - 1; si >= 0 && si >= m.Sentence-2; si-- {
		for _, oi := range x.sentence(si) {
			if o := &d.Mentions[oi]; o.Kind == NameMention && o.Entity >= 0 && d.Entities[o.Entity].Type == Person {
				return o.Entity
			}
		}
	}
	return -1
}

// finish names each entity, settles its type, and collects aliases, roles and gender.
func (r *resolver) finish() {
	d := r.d
	for e := range d.Entities {
		ent := &d.Entities[e]
		bestType, bestStrength := Type(""), -1
		name := ""
		seen := map[string]bool{}
		for _, mi := range ent.Mentions {
			m := &d.Mentions[mi]
			if m.Type != "" && m.Strength > bestStrength {
				bestType, bestStrength = m.Type, m.Strength
			}
			if m.Kind == NameMention {
				n := m.Canonical
				if n == "" || m.Type == Person {
					n = cleanName(m.Text(d.Text))
				}
				if len(strings.Fields(n)) > len(strings.Fields(name)) || name == "" {
					name = n
				}
			}
			for _, a := range []string{m.Text(d.Text), m.Full.Text(d.Text)} {
				a = strings.Join(strings.Fields(a), " ")
				if !seen[a] {
					seen[a] = true
					ent.Aliases = append(ent.Aliases, a)
				}
			}
			if m.Kind == NameMention {
				n := cleanName(m.Text(d.Text))
				if !contains(ent.Names, n) {
					ent.Names = append(ent.Names, n)
				}
			}
			if m.Role != "" && m.Kind == NameMention {
				ent.Roles = append(ent.Roles, Role{Title: m.Role, Org: -1, Sentence: m.Sentence})
			}
			if w := strings.ToLower(trimDot(firstWord(m.Full.Text(d.Text)))); femaleWords[w] || femaleWords[m.RoleHead] {
				ent.Gender = 'f'
			} else if maleWords[w] || maleWords[m.RoleHead] {
				ent.Gender = 'm'
			}
		}
		if bestType == "" {
			bestType = Organization
			if strings.Contains(name, " ") {
				bestType = Person
			}
		}
		ent.Type = bestType
		ent.Strength = bestStrength
		if ent.Type == Place && name != "" {
			if p := r.lx.Place(name); p != nil {
				name = p.Name
			}
		}
		if name == "" {
			for _, mi := range ent.Mentions {
				if c := d.Mentions[mi].Canonical; c != "" && d.Mentions[mi].Kind == NominalMention {
					name = c // "the government": "Government of Ruritania"
					break
				}
			}
		}
		if name == "" && len(ent.Aliases) > 0 {
			name = ent.Aliases[0]
		}
		ent.Name = name
		if !seen[name] {
			ent.Aliases = append(ent.Aliases, name)
		}
		if ent.Type == Person && strings.Contains(name, " ") {
			ent.NameGender = r.lx.Gender(firstWord(name))
		}
	}
	// role organisations point at entities now that mentions are resolved
	for e := range d.Entities {
		ent := &d.Entities[e]
		k := 0
		for _, mi := range ent.Mentions {
			m := &d.Mentions[mi]
			if m.Role == "" || m.Kind != NameMention {
				continue
			}
			if k < len(ent.Roles) {
				if m.RoleOrg >= 0 {
					ent.Roles[k].Org = d.Mentions[m.RoleOrg].Entity
				}
				k++
			}
		}
	}
}

// bodyNouns follow the possessive of an organisation, never of a person.
var bodyNouns = map[string]bool{
	"shares": true, "share": true, "shareholders": true, "profits": true, "profit": true,
	"sales": true, "stores": true, "shops": true, "staff": true, "employees": true,
	"workforce": true, "board": true, "subsidiary": true, "headquarters": true,
	"factories": true, "factory": true, "chief": true, "chairman": true, "revenues": true,
	"turnover": true, "brand": true, "customers": true,
}

// usedAsBody reports whether an entity whose name reads like a person's is written of
// as an organisation and never as a person: "X, which …", "X's shares", "X … its",
// twice or more, with no title, form of address, "who" or he/she next to it.
func (r *resolver) usedAsBody(e int) bool {
	d := r.d
	org := 0
	for _, mi := range d.Entities[e].Mentions {
		m := &d.Mentions[mi]
		if m.Kind != NameMention || m.RoleHead != "" || m.Role != "" {
			return false
		}
		k := m.End
		if k < len(d.Tokens) && d.TokenText(k) == "," {
			k++
		}
		w := ""
		if k < len(d.Tokens) {
			w = d.Tokens[k].Lower
		}
		switch {
		case w == "who" || w == "whose":
			return false
		case w == "which":
			org++
		case m.Possessive && m.End+1 < len(d.Tokens) && bodyNouns[d.Tokens[m.End+1].Lower]:
			org++
		}
		// "X is parting company with its chief": the subject's own pronoun
		s := &d.Sentences[m.Sentence]
		for j := m.End; j < s.End && j < m.End+10; j++ {
			t := &d.Tokens[j]
			if t.Kind == Quote || t.Lower == "," && j > m.End+1 || j > m.End && t.Has(Cap) {
				break // a pronoun after another name is that one's
			}
			if t.Lower == "its" {
				org++
				break
			}
			if t.Lower == "his" || t.Lower == "her" || t.Lower == "he" || t.Lower == "she" || t.Lower == "himself" || t.Lower == "herself" {
				return false
			}
		}
	}
	return org >= 2
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// cleanName trims a possessive and stray punctuation from a name.
func cleanName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	s = strings.Trim(s, " ,;:")
	// "Globex Ltd." at the end of a sentence: the name without its dot, but keep the dots
	// of initials ("U.S.")
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s[:len(s)-1], ".") && len(s) > 3 && s[len(s)-3] != '.' {
		s = s[:len(s)-1]
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parentheticalAcronyms records the acronyms an article gives in brackets after a name of
// several words: "The Regional Arts Council (RAC)".
func (r *resolver) parentheticalAcronyms() {
	d := r.d
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Kind != NameMention || m.Entity < 0 || d.Entities[m.Entity].Type == Person {
			continue
		}
		k := m.End
		if k+2 >= len(d.Tokens) || d.TokenText(k) != "(" || d.TokenText(k+2) != ")" {
			continue
		}
		w := d.TokenText(k + 1)
		if countLetters(w) >= 2 && countUpper(w) == countLetters(w) {
			if _, ok := r.acronyms[w]; !ok {
				r.acronyms[w] = m.Entity
			}
		}
	}
}

// numberVariants returns the singular or plural forms of a lower-case word.
func numberVariants(w string) []string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return []string{w[:len(w)-3] + "y"}
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return []string{w[:len(w)-1]}
	case strings.HasSuffix(w, "y") && len(w) > 3:
		return []string{w[:len(w)-1] + "ies", w + "s"}
	}
	return []string{w + "s"}
}

// corporateSuffixes end a company's name without telling it apart: "ACME International" is
// ACME.
var corporateSuffixes = map[string]bool{
	"international": true, "group": true, "holdings": true, "plc": true, "ltd": true, "inc": true,
	"corp": true, "corporation": true, "company": true, "co": true, "limited": true, "llc": true,
	"ag": true, "sa": true, "nv": true, "industries": true, "enterprises": true, "&": true,
}

func corporateTail(words []string) bool {
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if !corporateSuffixes[strings.Trim(strings.ToLower(w), ".,")] {
			return false
		}
	}
	return true
}

// assignOrgNominal resolves "the firm", "the federation" to an organisation named before
// it: one whose name ends in the noun ("Ruritania's Football Federation"), or that the article
// described with it ("consulting firm Acme"); failing those, for a generic noun,
// the organisation named last in the two sentences before.
func (r *resolver) assignOrgNominal(mi int) {
	d := r.d
	m := &d.Mentions[mi]
	noun := m.RoleHead
	// one description means one organisation throughout an article ("the company")
	if e, ok := r.nominals["org:"+noun]; ok {
		r.attach(mi, e)
		return
	}
	// the organisations that can score: named with the noun at the end or in a
	// description before, or for a generic noun named in the two sentences before
	x := r.nominalIndex()
	cands := append(x.orgTails.get(lastWord(noun)), x.orgTails.get(lastWord(noun+"s"))...)
	cands = append(cands, x.described.get(noun)...)
	cands = append(cands, x.described.get(noun+"s")...)
	if genericOrgNouns[noun] {
		cands = append(cands, x.namedIn(m.Sentence-2, m.Sentence, d)...)
	}
	cands = sortedUnique(cands)
	best, bestScore, bestPos := -1, 0, -1
	for _, e := range cands {
		ent := &d.Entities[e]
		if len(ent.Mentions) == 0 || r.entityType(e) != Organization || r.entityStrength(e) < 1 && len(ent.Mentions) < 2 {
			continue // an organisation of unsure type named once may be no organisation at all
		}
		score, pos := 0, -1
		for _, oi := range ent.Mentions {
			o := &d.Mentions[oi]
			if o.Span.Start >= m.Span.Start || o.Kind != NameMention {
				continue
			}
			if o.Span.Start > pos {
				pos = o.Span.Start
			}
			name := strings.ToLower(o.Text(d.Text))
			if strings.HasSuffix(name, " "+noun) || strings.HasSuffix(name, " "+noun+"s") {
				score = max(score, 3) // "the federation": "Football Federation"
			}
			// a description before the name: "consulting firm Acme"
			for k := o.First - 1; k >= 0 && k >= o.First-3; k-- {
				if d.Tokens[k].Kind != Word || d.Tokens[k].Has(Cap) {
					break
				}
				if d.Tokens[k].Lower == noun || d.Tokens[k].Lower == noun+"s" {
					score = max(score, 3)
				}
			}
			if o.Sentence >= m.Sentence-2 && genericOrgNouns[noun] {
				score = max(score, 1)
			}
			if o.Sentence == m.Sentence && genericOrgNouns[noun] && x.firstNameInSentence(d, oi) {
				score = max(score, 2) // "Nordbank, Malaysia's biggest lender, ..., the firm told Reuters"
			}
		}
		// among organisations named just before, the one the article names most
		if score == 1 {
			pos = len(ent.Mentions)
		}
		if score > bestScore || score == bestScore && score > 0 && pos > bestPos {
			best, bestScore, bestPos = e, score, pos
		}
	}
	if best < 0 && r.speaks(m) {
		// "the committee said …" before the article names it: an organisation named later
		// whose name ends in the noun ("Committee chairman X", "the Finance Committee")
		for _, e := range x.orgTails.get(lastWord(noun)) {
			ent := &d.Entities[e]
			if len(ent.Mentions) == 0 || r.entityType(e) != Organization {
				continue
			}
			for _, oi := range ent.Mentions {
				o := &d.Mentions[oi]
				name := strings.ToLower(o.Text(d.Text))
				if o.Kind == NameMention && o.Span.Start > m.Span.Start && (name == noun || strings.HasSuffix(name, " "+noun)) {
					if best >= 0 && best != e {
						return // two of them: no telling which
					}
					best = e
				}
			}
		}
	}
	if best < 0 && noun == "government" {
		// "the government" stands for one body even where the article never names it
		best = r.government(m)
	}
	if best < 0 {
		return
	}
	r.nominals["org:"+noun] = best
	r.attach(mi, best)
}

// speaks reports whether mention m is the subject of a verb of saying right after it
// ("the committee said", "the firm also warned").
func (r *resolver) speaks(m *Mention) bool {
	d := r.d
	k := m.End
	for k < len(d.Tokens) && (adverbs[d.Tokens[k].Lower] || auxiliaries[d.Tokens[k].Lower]) {
		k++
	}
	if k >= len(d.Tokens) || d.Tokens[k].Kind != Word {
		return false
	}
	_, ok := r.lx.Speech(d.Tokens[k].Lower)
	return ok
}

// government makes the entity "the government" of mention m stands for, named after its
// country when the article says which ("the Ruritanian government"), and returns it.
func (r *resolver) government(m *Mention) int {
	d := r.d
	name := "Government"
	for k := m.First; k < m.End; k++ {
		if country, ok := r.lx.Demonym(d.TokenText(k)); ok && country != "" {
			name = "Government of " + country
		}
	}
	m.Canonical = name
	d.Entities = append(d.Entities, Entity{Type: Organization})
	return len(d.Entities) - 1
}

// genericOrgNouns may stand for any organisation of the article: "the company said".
var genericOrgNouns = map[string]bool{
	"company": true, "firm": true, "group": true, "organisation": true, "organization": true,
	"corporation": true, "giant": true, "consortium": true, "business": true,
}

// entityType is the type an entity's mentions give it so far, before finish settles it.
func (r *resolver) entityType(e int) Type {
	d := r.d
	best, strength := Type(""), -1
	for _, mi := range d.Entities[e].Mentions {
		m := &d.Mentions[mi]
		if m.Type != "" && m.Strength > strength {
			best, strength = m.Type, m.Strength
		}
	}
	if best == "" {
		return Organization
	}
	return best
}

// assignPlaceNominal resolves "the constituency", "the country", "the city" to a place
// named before it: one the article described with the noun ("the rural constituency of
// X", "Westbury borough"), or for a country or a city the last one of that kind named
// in the three sentences before.
func (r *resolver) assignPlaceNominal(mi int) {
	d := r.d
	m := &d.Mentions[mi]
	noun := m.RoleHead
	// the places that can score: named next to the noun, or in the three sentences before
	x := r.nominalIndex()
	cands := sortedUnique(append(x.placeNeighbours.get(noun), x.namedIn(m.Sentence-3, m.Sentence, d)...))
	best, bestScore, bestPos := -1, 0, -1
	for _, e := range cands {
		ent := &d.Entities[e]
		t := r.entityType(e)
		if len(ent.Mentions) == 0 || t != Place && !(t == Organization && r.entityStrength(e) < 2) {
			continue
		}
		score, pos := 0, -1
		for _, oi := range ent.Mentions {
			o := &d.Mentions[oi]
			if o.Span.Start >= m.Span.Start || o.Kind != NameMention {
				continue
			}
			if o.Span.Start > pos {
				pos = o.Span.Start
			}
			if t != Place {
				// a name of unsure type counts only when described as a place
				if o.First >= 2 && d.Tokens[o.First-1].Lower == "of" && d.Tokens[o.First-2].Lower == noun {
					score = max(score, 3)
				}
				continue
			}
			// "the constituency of X", "X borough", "constituency X"
			if o.First >= 2 && d.Tokens[o.First-1].Lower == "of" && d.Tokens[o.First-2].Lower == noun ||
				o.End < len(d.Tokens) && d.Tokens[o.End].Lower == noun || o.First >= 1 && d.Tokens[o.First-1].Lower == noun {
				score = max(score, 3)
			}
			if o.Sentence >= m.Sentence-3 {
				p := r.lx.Place(ent.Name)
				switch {
				case p == nil:
				case (noun == "country" || noun == "nation") && p.Kind == lexicon.Country,
					(noun == "city" || noun == "capital" || noun == "town") && p.Kind == lexicon.City:
					score = max(score, 2)
				}
			}
		}
		if score > bestScore || score == bestScore && score > 0 && pos > bestPos {
			best, bestScore, bestPos = e, score, pos
		}
	}
	if best < 0 {
		return
	}
	r.attach(mi, best)
}

// entityStrength is how sure the type of entity e is so far.
func (r *resolver) entityStrength(e int) int {
	best := -1
	for _, mi := range r.d.Entities[e].Mentions {
		if m := &r.d.Mentions[mi]; m.Type != "" && m.Strength > best {
			best = m.Strength
		}
	}
	return best
}

// mainPersonWithoutRole returns the person the article names most often, when named at
// least three times and never with a title, and nobody else comes close; -1 otherwise.
func (r *resolver) mainPersonWithoutRole() int {
	x := r.nominalIndex()
	if !x.mainKnown {
		x.main, x.mainKnown = r.findMainPersonWithoutRole(), true
	}
	return x.main
}

func (r *resolver) findMainPersonWithoutRole() int {
	d := r.d
	best, n, second := -1, 0, 0
	for e := range d.Entities {
		ent := &d.Entities[e]
		if ent.Type != Person {
			continue
		}
		names := 0
		for _, mi := range ent.Mentions {
			m := &d.Mentions[mi]
			if m.Kind == NameMention {
				names++
			}
			if m.RoleHead != "" && !honorifics[m.RoleHead] {
				names = -1000 // a titled person has a role of his own
				break
			}
		}
		if names > n {
			best, n, second = e, names, n
		} else if names > second {
			second = names
		}
	}
	if n < 3 || second*2 > n {
		return -1
	}
	return best
}

// entitySet maps a key to the entities filed under it, each once.
type entitySet map[string]map[int]bool

func (s entitySet) add(k string, e int) {
	if s[k] == nil {
		s[k] = map[int]bool{}
	}
	s[k][e] = true
}

// get returns the entities filed under k, in no order.
func (s entitySet) get(k string) []int {
	out := make([]int, 0, len(s[k]))
	for e := range s[k] {
		out = append(out, e)
	}
	return out
}

// sortedUnique sorts list and drops repeats, so that candidates are tried in entity
// order, as a scan of every entity would.
func sortedUnique(list []int) []int {
	sort.Ints(list)
	out := list[:0]
	for i, e := range list {
		if i == 0 || e != list[i-1] {
			out = append(out, e)
		}
	}
	return out
}

// lastWord is s after its last space, or s.
func lastWord(s string) string { return s[strings.LastIndexByte(s, ' ')+1:] }

// nominalIndex holds what the nominal passes look up, so that resolving one description
// costs the candidates it has rather than a scan of every mention and entity. Name
// mentions keep their entities while descriptions are resolved, so the indexes of them
// stay true; the ones descriptions change are updated by attach.
type nominalIndex struct {
	bySentence      [][]int   // mentions by sentence, in order
	holders         entitySet // role head -> the people with a mention of that role
	orgTails        entitySet // last word of a name, lower case -> its entities
	described       entitySet // lower-case word up to three before a name -> its entities
	placeNeighbours entitySet // "constituency" of "constituency of X", "X borough", "borough X"
	head            int       // headOfGovernment, once known
	headKnown       bool
	main            int // mainPersonWithoutRole, until a person's mentions change
	mainKnown       bool
}

func (r *resolver) nominalIndex() *nominalIndex {
	if r.nom != nil {
		return r.nom
	}
	d := r.d
	x := &nominalIndex{bySentence: make([][]int, len(d.Sentences)), holders: entitySet{}, orgTails: entitySet{},
		described: entitySet{}, placeNeighbours: entitySet{}}
	for oi := range d.Mentions {
		o := &d.Mentions[oi]
		if o.Sentence >= 0 && o.Sentence < len(x.bySentence) {
			x.bySentence[o.Sentence] = append(x.bySentence[o.Sentence], oi)
		}
		e := o.Entity
		if e < 0 {
			continue
		}
		if o.RoleHead != "" && d.Entities[e].Type == Person {
			x.holders.add(o.RoleHead, e)
		}
		if o.Kind != NameMention {
			continue
		}
		x.orgTails.add(lastWord(strings.ToLower(o.Text(d.Text))), e)
		for k := o.First - 1; k >= 0 && k >= o.First-3; k-- {
			if d.Tokens[k].Kind != Word || d.Tokens[k].Has(Cap) {
				break
			}
			x.described.add(d.Tokens[k].Lower, e)
		}
		if o.First >= 2 && d.Tokens[o.First-1].Lower == "of" {
			x.placeNeighbours.add(d.Tokens[o.First-2].Lower, e)
		}
		if o.End < len(d.Tokens) {
			x.placeNeighbours.add(d.Tokens[o.End].Lower, e)
		}
		if o.First >= 1 {
			x.placeNeighbours.add(d.Tokens[o.First-1].Lower, e)
		}
	}
	r.nom = x
	return x
}

// attach gives mention mi, a description, to entity e, and keeps the nominal index true.
func (r *resolver) attach(mi, e int) {
	d := r.d
	m := &d.Mentions[mi]
	m.Entity = e
	d.Entities[e].Mentions = append(d.Entities[e].Mentions, mi)
	if x := r.nom; x != nil && d.Entities[e].Type == Person {
		if m.RoleHead != "" {
			x.holders.add(m.RoleHead, e)
		}
		x.mainKnown = false
	}
}

// sentence returns the mentions of sentence si, in order.
func (x *nominalIndex) sentence(si int) []int {
	if si < 0 || si >= len(x.bySentence) {
		return nil
	}
	return x.bySentence[si]
}

// namedIn returns the entities of the name mentions in sentences from to to.
func (x *nominalIndex) namedIn(from, to int, d *Document) []int {
	var out []int
	for si := max(from, 0); si <= to; si++ {
		for _, oi := range x.sentence(si) {
			if o := &d.Mentions[oi]; o.Kind == NameMention && o.Entity >= 0 {
				out = append(out, o.Entity)
			}
		}
	}
	return out
}

// firstNameInSentence reports whether mention mi is the first name of its sentence.
func (x *nominalIndex) firstNameInSentence(d *Document, mi int) bool {
	m := &d.Mentions[mi]
	for _, oi := range x.sentence(m.Sentence) {
		if o := &d.Mentions[oi]; o.Kind == NameMention && o.First < m.First {
			return false
		}
	}
	return true
}

// foldDiacritics returns s with every letter that carries a diacritic replaced by its base
// letter ("ğ" -> "g", "é" -> "e"), and the Latin letters that do not decompose replaced by
// their usual ASCII spelling ("ł" -> "l", "ø" -> "o", "ß" -> "ss"). ASCII is returned as is.
func foldDiacritics(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unfolded[r] != "":
			b.WriteString(unfolded[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unfolded are the lower-case Latin letters that NFD leaves whole, spelt as English
// writers spell them.
var unfolded = map[rune]string{
	'ł': "l", 'ø': "o", 'đ': "d", 'ð': "d", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ı': "i", 'þ': "th", 'ħ': "h",
}
