package extract

import (
	"sort"
	"strings"

	"github.com/kg-news/kg/extract/lexicon"
)

// Within-article coreference: the pronouns and descriptions of an article that stand for
// one of its entities ("he", "its", "the company"), found by a sieve of passes in the
// manner of Stanford's deterministic coreference (Lee et al. 2013), each pass precise
// before the next, looser one:
//
//	appos      a description in apposition to a name, or said of it with "be":
//	           "Ann Lee, the bank's chief," / "the bank's chief, Ann Lee," / "Lee is its chief"
//	nominal    a definite description whose head noun names the kind of a recent entity:
//	           "the bank", "the party", "the city", "the winger"
//	pronoun    he, she, it, they and their forms, to the most salient compatible entity
//	           (Lappin and Leass 1994): recent mentions weigh more, subjects more than
//	           objects, and an object pronoun is never its own clause's subject
//	speaker    I, me and my inside a quotation, to the quotation's speaker (a later pass,
//	           once the quotations are attributed)
//
// A reference serves the relations and quotations of its article. It is no name: it
// never becomes an alias, and so never links articles.

// Ref is a pronoun or a description that stands for an entity of the article.
type Ref struct {
	Span            // the pronoun, or the description's head noun
	Word     int    // its word, into Document.Words
	Sentence int    // index into Document.Sentences
	Entity   int    // index into Document.Entities
	Sieve    string // the pass that resolved it: appos, nominal, pronoun, speaker
}

// pronounInfo says what a pronoun may stand for.
type pronounInfo struct {
	gender     byte // 'm', 'f' or 0
	person     bool // a person
	thing      bool // an organisation, place or event
	plural     bool
	reflexive  bool
	possessive bool
	object     bool // an object form (him, them)
}

var pronouns = map[string]pronounInfo{
	"he": {gender: 'm', person: true}, "him": {gender: 'm', person: true, object: true},
	"his": {gender: 'm', person: true, possessive: true}, "himself": {gender: 'm', person: true, reflexive: true},
	"she": {gender: 'f', person: true}, "her": {gender: 'f', person: true, object: true},
	"hers": {gender: 'f', person: true, possessive: true}, "herself": {gender: 'f', person: true, reflexive: true},
	"it": {thing: true}, "its": {thing: true, possessive: true}, "itself": {thing: true, reflexive: true},
	"they": {thing: true, plural: true}, "them": {thing: true, plural: true, object: true},
	"their": {thing: true, plural: true, possessive: true}, "themselves": {thing: true, plural: true, reflexive: true},
}

// corefer holds the state of the sieve over one document.
type corefer struct {
	d       *Document
	x       *Extractor
	wordEnt []int            // word -> entity of a mention
	refAt   map[int]int      // word -> index into d.Refs
	history [][]salienceMark // entity -> its mentions so far
	graphs  []*depGraph      // sentence -> graph, nil when unparsed
}

// salienceMark is one mention of an entity in the discourse so far.
type salienceMark struct {
	sentence, word int
	weight         float64
}

// findRefs runs the coreference sieve over a document.
func findRefs(x *Extractor, d *Document) {
	d.Refs = d.Refs[:0]
	if len(d.Words) == 0 || len(d.Entities) == 0 {
		return
	}
	c := &corefer{d: d, x: x, refAt: map[int]int{}, history: make([][]salienceMark, len(d.Entities)), graphs: make([]*depGraph, len(d.Sentences))}
	c.wordEnt = x.analysis(d).wordEntities()
	for si := range d.Sentences {
		c.graphs[si] = d.graph(x.lx, si)
	}
	c.apposPass()
	c.discoursePass()
	sort.Slice(d.Refs, func(i, j int) bool { return d.Refs[i].Word < d.Refs[j].Word })
}

// add records that word w stands for entity e.
func (c *corefer) add(w, si, e int, sieve string) {
	if _, ok := c.refAt[w]; ok || e < 0 {
		return
	}
	c.refAt[w] = len(c.d.Refs)
	c.d.Refs = append(c.d.Refs, Ref{Span: c.d.Words[w].Span, Word: w, Sentence: si, Entity: e, Sieve: sieve})
}

// entityOfWord returns the entity word w names or refers to, -1 if none.
func (c *corefer) entityOfWord(w int) int {
	if e := c.wordEnt[w]; e >= 0 {
		return e
	}
	if i, ok := c.refAt[w]; ok {
		return c.d.Refs[i].Entity
	}
	return -1
}

// apposPass resolves descriptions in apposition to a name or predicated of it.
func (c *corefer) apposPass() {
	for si, g := range c.graphs {
		if g == nil {
			continue
		}
		for w := g.first; w < g.end; w++ {
			if g.tag(w) != NOUN || c.wordEnt[w] >= 0 {
				continue
			}
			for _, e := range g.in[w-g.first] {
				if e.rel == "appos" && c.isNameWord(e.head) {
					c.add(w, si, c.wordEnt[e.head], "appos")
				}
			}
			for _, e := range g.out[w-g.first] {
				if e.rel == "appos" && c.isNameWord(e.dep) {
					c.add(w, si, c.wordEnt[e.dep], "appos")
				}
				// "Lee is the bank's chief": a description with "be" and a name as subject
				if e.rel == "nsubj" && e.via == "" && g.child(w, "cop") >= 0 && c.isNameWord(e.dep) && g.d.Words[w].Rel != "acl:relcl" {
					if c.wordEnt[e.dep] >= 0 && c.d.Entities[c.wordEnt[e.dep]].Type == Person && c.x.lx.IsModifier(g.word(w)) == false {
						if _, title := c.x.lx.Title(g.lemma[w-g.first]); title {
							c.add(w, si, c.wordEnt[e.dep], "appos")
						}
					}
				}
			}
		}
	}
}

func (c *corefer) isNameWord(w int) bool {
	if c.wordEnt[w] < 0 {
		return false
	}
	k := c.d.Words[w].Token
	for mi := range c.d.Mentions {
		m := &c.d.Mentions[mi]
		if m.Kind == NameMention && m.Entity == c.wordEnt[w] && m.First <= k && k < m.End {
			return true
		}
	}
	return false
}

// roleWeight is the salience a mention's grammatical role gives it (Lappin and Leass).
func roleWeight(rel string) float64 {
	switch rel {
	case "nsubj", "nsubj:pass", "csubj":
		return 80
	case "obj":
		return 50
	case "iobj":
		return 40
	case "nmod:poss":
		return 30
	case "appos", "root", "conj":
		return 40
	}
	return 20
}

// mentionHeads returns, for sentence si, the head word of each entity mention and reference
// in it, in order: the word of the mention whose head lies outside it.
func (c *corefer) mentionHeads(g *depGraph) []int {
	var out []int
	for w := g.first; w < g.end; w++ {
		e := c.wordEnt[w]
		if e < 0 {
			continue
		}
		h := c.d.Words[w].Head
		if h >= g.first && h < g.end && c.wordEnt[h] == e {
			continue // inside the mention
		}
		out = append(out, w)
	}
	return out
}

// discoursePass walks the article in order, keeping the salience of each entity, and
// resolves descriptions and pronouns as it meets them.
func (c *corefer) discoursePass() {
	d := c.d
	for si, g := range c.graphs {
		if g == nil {
			continue
		}
		heads := c.mentionHeads(g)
		hi := 0
		for w := g.first; w < g.end; w++ {
			// the mentions before w enter the discourse first
			for hi < len(heads) && heads[hi] <= w {
				hw := heads[hi]
				c.mark(c.wordEnt[hw], si, hw, roleWeight(d.Words[hw].Rel))
				hi++
			}
			if c.wordEnt[w] >= 0 {
				continue
			}
			if i, ok := c.refAt[w]; ok {
				c.mark(d.Refs[i].Entity, si, w, roleWeight(d.Words[w].Rel))
				continue
			}
			low := g.word(w)
			if p, ok := pronouns[low]; ok && g.tag(w) == PRON || ok && low == "her" || ok && low == "his" {
				if e := c.resolvePronoun(g, si, w, low, p); e >= 0 {
					c.add(w, si, e, "pronoun")
					c.mark(e, si, w, roleWeight(d.Words[w].Rel))
				}
				continue
			}
			if g.tag(w) == NOUN {
				if e := c.resolveNominal(g, si, w); e >= 0 {
					c.add(w, si, e, "nominal")
					c.mark(e, si, w, roleWeight(d.Words[w].Rel))
				}
			}
		}
	}
}

func (c *corefer) mark(e, si, w int, weight float64) {
	if e < 0 {
		return
	}
	c.history[e] = append(c.history[e], salienceMark{sentence: si, word: w, weight: weight + 100})
}

// salience is an entity's weight in the discourse at sentence si: each mention's weight,
// halved for every sentence since.
func (c *corefer) salience(e, si int) float64 {
	s := 0.0
	for _, m := range c.history[e] {
		dist := si - m.sentence
		if dist < 0 || dist > 6 {
			continue
		}
		s += m.weight / float64(int(1)<<uint(dist))
	}
	return s
}

// resolvePronoun returns the entity pronoun w stands for, or -1.
func (c *corefer) resolvePronoun(g *depGraph, si, w int, low string, p pronounInfo) int {
	d := c.d
	rel := d.Words[w].Rel
	if low == "it" && (rel == "expl" || c.pleonastic(g, w)) {
		return -1
	}
	if low == "her" && rel == "nmod:poss" {
		p.possessive, p.object = true, false
	}
	// the subject of the pronoun's own clause, which an object pronoun never stands for
	clauseSubj := -1
	if h := d.Words[w].Head; h >= g.first && h < g.end && !p.possessive {
		for _, e := range g.subjectsOf(h) {
			if e.dep != w {
				clauseSubj = c.entityOfWord(e.dep)
			}
		}
	}
	if p.reflexive {
		if clauseSubj >= 0 && c.compatible(clauseSubj, p) {
			return clauseSubj
		}
		return -1
	}
	// the subjects of the clauses above the pronoun's, before it: "Lee said he would",
	// "Lee left when he was young" (Hobbs 1978)
	above := map[int]bool{}
	for v, n := d.Words[w].Head, 0; v >= g.first && v < g.end && n < 6; n++ {
		up := d.Words[v].Head
		if up < g.first || up >= g.end {
			break
		}
		if d.Words[v].Rel == "conj" && !g.predicative(v) {
			v = up
			continue // a conjoined noun: its head's clause is the same one
		}
		for _, e := range g.subjectsOf(up) {
			if e.dep < w {
				if x := c.entityOfWord(e.dep); x >= 0 {
					above[x] = true
				}
			}
		}
		v = up
	}
	best, bestScore := -1, 0.0
	second := 0.0
	for e := range d.Entities {
		if !c.compatible(e, p) {
			continue
		}
		if e == clauseSubj && (rel == "obj" || rel == "iobj" || strings.HasPrefix(rel, "obl")) {
			continue // "Lee praised her": not Lee
		}
		s := c.salience(e, si)
		if s <= 0 {
			continue
		}
		if ent := &d.Entities[e]; p.gender != 0 && ent.Gender == 0 && ent.NameGender != 0 && ent.NameGender != p.gender {
			s *= 0.2 // the first name is mostly given to the other gender
		}
		if above[e] {
			s += 150
		}
		// a subject pronoun prefers a subject antecedent (parallelism)
		if (rel == "nsubj" || rel == "nsubj:pass") && len(c.history[e]) > 0 && c.history[e][len(c.history[e])-1].weight >= 180 {
			s += 35
		}
		if s > bestScore {
			best, bestScore, second = e, s, bestScore
		} else if s > second {
			second = s
		}
	}
	if best < 0 {
		return -1
	}
	if p.person && bestScore < 50 {
		return -1 // nobody recent enough
	}
	if p.thing && !p.person {
		// "it" and "they" stand for much that is no entity: only a clear antecedent
		if bestScore < 90 || second > 0.6*bestScore {
			return -1
		}
	}
	return best
}

// compatible reports whether entity e may be what a pronoun stands for.
func (c *corefer) compatible(e int, p pronounInfo) bool {
	ent := &c.d.Entities[e]
	switch ent.Type {
	case Person:
		if !p.person {
			return false
		}
		// a first name's gender is weaker evidence: salience weighs it (a man may be
		// named Celestine)
		return p.gender == 0 || ent.Gender == 0 || ent.Gender == p.gender
	case Organization:
		return p.thing
	case Place:
		return p.thing && !p.plural && c.isCountry(e)
	case Event:
		return p.thing && !p.plural
	}
	return false
}

func (c *corefer) isCountry(e int) bool {
	pl := c.x.lx.Place(c.d.Entities[e].Name)
	return pl != nil && pl.Kind == lexicon.Country
}

// pleonastic reports whether "it" at w is a dummy subject: "it is likely that", "it was
// announced", "it seems", "it rained".
func (c *corefer) pleonastic(g *depGraph, w int) bool {
	h := c.d.Words[w].Head
	if h < g.first || h >= g.end {
		return false
	}
	if g.child(h, "ccomp", "csubj", "xcomp") >= 0 && (g.child(h, "cop") >= 0 || g.passive(h)) {
		return true // "it is clear that", "it was announced that"
	}
	switch g.lemma[h-g.first] {
	case "seem", "appear", "rain", "snow", "matter", "take", "happen", "emerge":
		return true
	}
	return false
}

// nominalKinds are head nouns of descriptions and what they may stand for: the type, and
// the words of a name or role that agree with them ("the bank" and "Northwind Bank").
var nominalKinds = map[string]Type{
	"company": Organization, "firm": Organization, "group": Organization, "bank": Organization,
	"party": Organization, "club": Organization, "team": Organization, "side": Organization,
	"government": Organization, "ministry": Organization, "agency": Organization, "council": Organization,
	"union": Organization, "university": Organization, "college": Organization, "school": Organization,
	"network": Organization, "broadcaster": Organization, "newspaper": Organization, "paper": Organization,
	"airline": Organization, "carrier": Organization, "retailer": Organization, "manufacturer": Organization,
	"maker": Organization, "insurer": Organization, "lender": Organization, "organisation": Organization,
	"organization": Organization, "corporation": Organization, "charity": Organization, "band": Organization,
	"court": Organization, "committee": Organization, "commission": Organization, "department": Organization,
	"regulator": Organization, "authority": Organization, "institute": Organization, "foundation": Organization,
	"association": Organization, "federation": Organization, "league": Organization, "studio": Organization,
	"label": Organization, "museum": Organization, "church": Organization, "army": Organization, "police": Organization,
	// people: a role or a kind of person the article used for one of them before
	"boy": Person, "girl": Person, "man": Person, "woman": Person, "teenager": Person, "student": Person,
	"youngster": Person, "pupil": Person, "child": Person, "kid": Person, "player": Person, "actor": Person,
	"actress": Person, "singer": Person, "star": Person, "veteran": Person, "winger": Person, "striker": Person,
	"midfielder": Person, "defender": Person, "goalkeeper": Person, "keeper": Person, "forward": Person,
	"captain": Person, "coach": Person, "manager": Person, "boss": Person, "minister": Person, "president": Person,
	"leader": Person, "chairman": Person, "chief": Person, "executive": Person, "founder": Person, "author": Person,
	"writer": Person, "artist": Person, "director": Person, "politician": Person, "senator": Person, "mp": Person,
	"judge": Person, "lawyer": Person, "officer": Person, "official": Person, "spokesman": Person,
	"spokeswoman": Person, "prosecutor": Person, "defendant": Person, "suspect": Person, "victim": Person,
	"champion": Person, "champ": Person, "rider": Person, "driver": Person, "scientist": Person,
	"researcher": Person, "professor": Person, "doctor": Person, "priest": Person, "bishop": Person,
	"king": Person, "queen": Person, "prince": Person, "princess": Person, "pope": Person, "governor": Person,
	"mayor": Person, "ambassador": Person, "envoy": Person, "chancellor": Person, "premier": Person,
	"country": Place, "nation": Place, "city": Place, "town": Place, "capital": Place, "state": Place,
	"region": Place, "province": Place, "island": Place, "village": Place, "county": Place,
}

// resolveNominal resolves a definite description "the <kind>" at noun w that no mention
// covers: to the entity of that type with the highest salience whose name or description
// agrees with the noun, else for a generic noun the most salient entity of the type.
func (c *corefer) resolveNominal(g *depGraph, si, w int) int {
	d := c.d
	noun := g.lemma[w-g.first]
	typ, ok := nominalKinds[noun]
	if !ok {
		return -1
	}
	// only "the bank", "the bank's": no other determiner, no modifier that would make it
	// another one ("the central bank", "a bank", "banks")
	if singular(c.x.lx, g.word(w)) != g.word(w) {
		return -1
	}
	det := g.child(w, "det")
	if det < 0 || g.word(det) != "the" {
		return -1
	}
	modified := false
	for _, e := range g.out[w-g.first] {
		if e.via != "" {
			continue
		}
		switch e.rel {
		case "nmod", "nmod:poss", "acl:relcl", "acl", "nummod":
			return -1 // "the bank's chief", "the bank that …": another one
		case "amod", "compound":
			if otherWords[g.word(e.dep)] || g.tag(e.dep) == PROPN {
				return -1 // "another bank", "the second bank", "the Lisbon bank"
			}
			modified = true
		}
	}
	best, bestScore := -1, 0.0
	for e := range d.Entities {
		ent := &d.Entities[e]
		if ent.Type != typ {
			continue
		}
		s := c.salience(e, si)
		if s <= 0 {
			continue
		}
		if c.agrees(e, noun) {
			s += 200
		} else if modified {
			continue // "the German bank" only for a bank the article named as one
		} else if typ == Person {
			// a kind of person the article never used for this one: only "the man", "the
			// woman" and the like, for the most salient of that gender nearby
			g := humanGender[noun]
			if g == 0 || s < 90 || c.d.Entities[e].Gender != 0 && c.d.Entities[e].Gender != g ||
				c.d.Entities[e].Gender == 0 && c.d.Entities[e].NameGender != 0 && c.d.Entities[e].NameGender != g {
				continue
			}
		} else if typ == Place {
			if pl := c.x.lx.Place(ent.Name); pl == nil || !placeKindAgrees(noun, pl.Kind) {
				continue
			}
		} else if !genericOrgNouns[noun] && noun != "group" {
			continue
		}
		if s > bestScore {
			best, bestScore = e, s
		}
	}
	return best
}

// otherWords before a noun make it another one than those named before.
var otherWords = map[string]bool{
	"other": true, "another": true, "new": true, "second": true, "third": true, "rival": true,
	"former": true, "previous": true, "next": true, "first": true, "last": true, "same": true,
	"different": true, "larger": true, "smaller": true, "biggest": true, "largest": true,
}

// humanGender are the nouns for a person of one gender.
var humanGender = map[string]byte{"boy": 'm', "man": 'm', "girl": 'f', "woman": 'f'}

// agrees reports whether an entity's names or descriptions carry the noun: "Northwind Bank"
// for "the bank", "opposition party X" for "the party".
func (c *corefer) agrees(e int, noun string) bool {
	d := c.d
	for _, n := range d.Entities[e].Aliases {
		low := strings.ToLower(n)
		if strings.HasSuffix(low, " "+noun) || strings.Contains(low, " "+noun+" ") || strings.HasPrefix(low, noun+" ") {
			return true
		}
	}
	for _, mi := range d.Entities[e].Mentions {
		m := &d.Mentions[mi]
		if strings.EqualFold(m.RoleHead, noun) {
			return true
		}
		for k := m.First - 1; k >= 0 && k >= m.First-3; k-- {
			if d.Tokens[k].Kind != Word || d.Tokens[k].Has(Cap) {
				break
			}
			if singular(c.x.lx, d.Tokens[k].Lower) == noun {
				return true
			}
		}
	}
	return false
}

// placeKindAgrees reports whether a place noun fits a gazetteer place kind.
func placeKindAgrees(noun string, kind lexicon.PlaceKind) bool {
	switch noun {
	case "country", "nation":
		return kind == lexicon.Country
	case "city", "town", "capital", "village":
		return kind == lexicon.City
	case "state", "region", "province", "county":
		return kind == lexicon.Region
	}
	return false
}

// speakerRefs resolves I, me, my and myself inside attributed quotations to their speaker.
func speakerRefs(d *Document) {
	if len(d.Quotes) == 0 {
		return
	}
	have := map[int]bool{}
	for _, r := range d.Refs {
		have[r.Word] = true
	}
	added := false
	for _, q := range d.Quotes {
		first := sort.Search(len(d.Words), func(i int) bool { return d.Words[i].Start >= q.Start })
		for w := first; w < len(d.Words) && d.Words[w].End <= q.End; w++ {
			ws := &d.Words[w]
			if have[w] {
				continue
			}
			switch strings.ToLower(d.Text[ws.Start:ws.End]) {
			case "i", "me", "my", "myself":
				d.Refs = append(d.Refs, Ref{Span: ws.Span, Word: w, Sentence: sentenceOfWord(d, w), Entity: q.Speaker, Sieve: "speaker"})
				have[w] = true
				added = true
			case "we", "us", "our", "ourselves":
				// the speaker's organisation: the speaker itself, or the one a person's
				// title names
				if e := speakerBody(d, q.Speaker); e >= 0 {
					d.Refs = append(d.Refs, Ref{Span: ws.Span, Word: w, Sentence: sentenceOfWord(d, w), Entity: e, Sieve: "speaker"})
					have[w] = true
					added = true
				}
			}
		}
	}
	if added {
		sort.Slice(d.Refs, func(i, j int) bool { return d.Refs[i].Word < d.Refs[j].Word })
	}
}

// speakerBody returns the organisation a speaker speaks for: itself, or the one named in
// a person's title, if only one is; -1 otherwise.
func speakerBody(d *Document, sp int) int {
	ent := &d.Entities[sp]
	if ent.Type == Organization {
		return sp
	}
	org := -1
	for _, r := range ent.Roles {
		if r.Org >= 0 && r.Org != org {
			if org >= 0 {
				return -1
			}
			org = r.Org
		}
	}
	return org
}

// sentenceOfWord returns the sentence of word w.
func sentenceOfWord(d *Document, w int) int {
	return sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].EndWord > w })
}

// refSieve returns the sieve that resolved word w, "" if none.
func (d *Document) refSieve(w int) string {
	i := sort.Search(len(d.Refs), func(i int) bool { return d.Refs[i].Word >= w })
	if i < len(d.Refs) && d.Refs[i].Word == w {
		return d.Refs[i].Sieve
	}
	return ""
}

// refOf returns the entity word w refers to through a reference, or -1.
func (d *Document) refOf(w int) int {
	i := sort.Search(len(d.Refs), func(i int) bool { return d.Refs[i].Word >= w })
	if i < len(d.Refs) && d.Refs[i].Word == w {
		return d.Refs[i].Entity
	}
	return -1
}
