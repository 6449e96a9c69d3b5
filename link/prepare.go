package link

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/extract/lexicon"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/voc"
)

// Linker links the entities of articles to the nodes of the graph. One Linker may be used
// from many goroutines.
type Linker struct {
	lx *lexicon.Lexicon
	t  *Tables
}

// New returns a Linker with the embedded lexicon and tables.
func New() *Linker {
	t, err := LoadTables()
	if err != nil {
		panic("link: embedded tables: " + err.Error()) // a broken build; TestTables catches it
	}
	return &Linker{lx: lexicon.Default(), t: t}
}

// Decision is what linking decided for one entity of an article.
type Decision struct {
	Entity  int
	Node    quad.IRI // "" when the entity is no entity at all ("the government" of no country)
	Name    string   // the name the article gives the node
	Anchors []string // link keys the entity is a candidate for (its kg:key quads say so in the store)
	Wait    string   // the link key a dependent waits on, "" for an anchor
	Reason  string   // why, in words; "" for an entity named in full on the node of that name
	Score   float64  // how sure, 0..1
	ev      evidence
}

// evidence is what a dependent's article says of it, kept on its link record so that
// Settle can decide it again without the article.
type evidence struct {
	Own     quad.IRI `json:"own"`               // its node when it links to no other
	Name    string   `json:"name"`              // the name it goes by ("Roe", "WTO")
	Gender  string   `json:"gender,omitempty"`  // "m" or "f", from a form of address
	Roles   []string `json:"roles,omitempty"`   // role heads ("minister")
	Initial string   `json:"initial,omitempty"` // the initial of a given name ("j" for "J Roe")
}

// Link decides the node of every entity of d, from d alone. Dependents get their own
// node for now, the one Settle keeps unless the store has a better candidate.
func (l *Linker) Link(d *extract.Document) []Decision {
	decs := make([]Decision, len(d.Entities))
	country := ""
	countryDone := false
	for e := range d.Entities {
		ent := &d.Entities[e]
		dec := &decs[e]
		dec.Entity, dec.Name, dec.Score = e, ent.Name, 1
		typ := ent.Type
		if v := l.t.Variant(ent.Name); v != nil && v.Type != string(typ) && ent.Strength <= 1 {
			typ = extract.Type(v.Type) // a known organisation's name, typed on weak evidence
		}
		if ent.Type != extract.Event && l.onlyRoleWords(ent.Name) && (l.hasTitleWord(ent.Name) || startsSentences(d, ent)) {
			// nothing but descriptions and role words ("Former", "the official"): no name
			// to link by, and no entity of its own
			dec.Node, dec.Name, dec.Reason, dec.Score = "", "", "no name, only descriptions: no entity", 0
			continue
		}
		switch typ {
		case extract.Person:
			l.person(d, e, dec)
		case extract.Organization:
			if isGovernment(ent.Name) {
				if !countryDone {
					country, countryDone = l.articleCountry(d), true
				}
				l.government(d, ent, country, dec)
				continue
			}
			l.organisation(d, e, typ, dec)
		default:
			k := orgKey(ent.Name, false)
			dec.Node = l.iri(string(ent.Type), k)
		}
	}
	l.localSurnames(d, decs)
	return decs
}

// person decides a person: named in full, an anchor under its surname; named by surname
// alone, a dependent.
func (l *Linker) person(d *extract.Document, e int, dec *Decision) {
	ent := &d.Entities[e]
	name := withoutLeadingAcronym(ent.Name)
	p := splitPerson(name, l.t.nick)
	if p.given != "" {
		if _, title := l.lx.Title(p.written); title && len(p.middle) == 0 {
			p = personName{surname: p.surname} // "Chancellor Roe": a surname with a title
		}
	}
	if p.surname == "" {
		dec.Node = l.iri("Person", strings.Join(words(name), " "))
		return
	}
	initial := ""
	if len(p.written) == 1 && len(p.middle) == 0 {
		initial = p.written // "J Roe" in a line-up: a surname with an initial
	}
	if p.given == "" || initial != "" {
		dec.Wait = "p:" + surnameKey(name)
		dec.ev = evidence{Name: name, Roles: l.roleHeads(ent), Initial: initial}
		switch ent.Gender {
		case 'm', 'f':
			dec.ev.Gender = string(ent.Gender)
		}
		own := p.surname
		if initial != "" {
			own = initial + " " + p.surname
		}
		dec.Node = l.iri("Person", own)
		dec.ev.Own = dec.Node
		dec.Reason, dec.Score = ownReason(dec.ev.Name, dec.Wait, 0), 0
		return
	}
	dec.Node = l.iri("Person", p.key())
	dec.Anchors = []string{"p:" + surnameKey(name)}
	if p.written != p.given {
		dec.Reason = fmt.Sprintf("%s is a short form of the given name %s (link/data/nicknames.tsv)", title(p.written), title(p.given))
		dec.Score = 0.95
	}
}

// withoutLeadingAcronym drops an acronym that starts a name of three words or more: an
// organisation written before a person's name ("BBC Jane Roe").
func withoutLeadingAcronym(name string) string {
	fs := strings.Fields(name)
	if len(fs) >= 3 && len(acronymOf(fs[0])) >= 3 && isAcronym(fs[0]) {
		return strings.Join(fs[1:], " ")
	}
	return name
}

// organisation decides an organisation: a known variant of a table entry, a name in full
// (an anchor under its acronyms), or an acronym alone (a dependent).
func (l *Linker) organisation(d *extract.Document, e int, typ extract.Type, dec *Decision) {
	ent := &d.Entities[e]
	names, _ := d.Forms(e)
	for _, n := range append([]string{ent.Name}, names...) {
		v := l.t.Variant(n)
		if v == nil {
			v = l.t.Variant(l.withoutRoles(n)) // "Labour MPs", "Tory leader": the party
		}
		if v != nil && v.Type == string(typ) {
			dec.Node, dec.Name = l.iri(v.Type, orgKey(v.Name, true)), v.Name
			if orgKey(ent.Name, true) != orgKey(v.Name, true) {
				dec.Reason = fmt.Sprintf("%s is a known name of %s (link/data/variants.tsv)", ent.Name, v.Name)
				dec.Score = 0.95
			}
			for _, n := range names {
				if isAcronym(n) {
					dec.Anchors = append(dec.Anchors, "a:"+voc.KeyOf(acronymOf(n)))
				}
			}
			return
		}
	}
	if isAcronym(ent.Name) {
		long := ""
		for _, n := range names {
			if strings.Contains(n, " ") && !isAcronym(n) && len(n) > len(long) {
				long = n
			}
		}
		if long == "" {
			// an acronym the article does not expand: decided across articles
			a := acronymOf(ent.Name)
			dec.Wait = "a:" + voc.KeyOf(a)
			dec.Node = l.iri(string(typ), strings.ToLower(a))
			dec.ev = evidence{Name: ent.Name, Own: dec.Node}
			dec.Reason, dec.Score = ownReason(ent.Name, dec.Wait, 0), 0
			return
		}
		dec.Name = long
	}
	dec.Node = l.iri(string(typ), orgKey(dec.Name, true))
	explicit := map[string]bool{}
	for _, n := range names {
		if isAcronym(n) {
			explicit[acronymOf(n)] = true
		}
	}
	for _, a := range sortedSet(explicit) {
		dec.Anchors = append(dec.Anchors, "a:"+voc.KeyOf(a)) // the article spells it out: "World Trade Organization (WTO)"
	}
}

// onlyRoleWords reports whether a name has nothing but role and modifier words
// ("Former", "Shadow"), what is left where extraction found no name, and is no known
// organisation's.
func (l *Linker) onlyRoleWords(name string) bool {
	fs := strings.Fields(name)
	if len(fs) == 0 || l.t.Variant(name) != nil {
		return len(fs) == 0
	}
	for _, w := range fs {
		lw := strings.ToLower(strings.Trim(w, ".,'’"))
		if _, ok := l.lx.Title(lw); !ok && !l.lx.IsModifier(lw) {
			return false
		}
	}
	return true
}

func (l *Linker) hasTitleWord(name string) bool {
	for _, w := range strings.Fields(name) {
		if _, ok := l.lx.Title(strings.ToLower(strings.Trim(w, ".,'’"))); ok {
			return true
		}
	}
	return false
}

// startsSentences reports whether every name mention of an entity starts its sentence,
// where a capital says nothing ("Former ..." but "rival Creative").
func startsSentences(d *extract.Document, ent *extract.Entity) bool {
	for _, mi := range ent.Mentions {
		m := &d.Mentions[mi]
		if m.Kind == extract.NameMention && !d.Tokens[m.First].Has(extract.Initial) {
			return false
		}
	}
	return true
}

// withoutRoles returns a name without the role words that end it ("Labour MPs" ->
// "Labour"), or "" when none does.
func (l *Linker) withoutRoles(name string) string {
	fs := strings.Fields(name)
	n := len(fs)
	for n > 1 {
		w := strings.ToLower(fs[n-1])
		if _, ok := l.lx.Title(w); !ok {
			if _, ok := l.lx.Title(strings.TrimSuffix(w, "s")); !ok {
				break
			}
		}
		n--
	}
	if n == len(fs) {
		return ""
	}
	return strings.Join(fs[:n], " ")
}

// surnameKey is the lookup key of the last word of a name (voc.KeyOf), as the store
// keeps it for every person's name (kg:key).
func surnameKey(name string) string {
	fs := strings.Fields(voc.KeyOf(name))
	if len(fs) == 0 {
		return ""
	}
	return fs[len(fs)-1]
}

// localSurnames links a surname alone to the one person of the same article whose full
// name has it, when the article's own grouping left them apart: being the only candidate
// among the entities the article names is evidence enough.
func (l *Linker) localSurnames(d *extract.Document, decs []Decision) {
	full := map[string][]int{}
	for e := range decs {
		if d.Entities[e].Type == extract.Person && decs[e].Wait == "" && len(decs[e].Anchors) > 0 {
			full[decs[e].Anchors[0]] = append(full[decs[e].Anchors[0]], e)
		}
	}
	waiting := map[string]int{}
	for e := range decs {
		if decs[e].Wait != "" {
			waiting[decs[e].Wait]++
		}
	}
	for e := range decs {
		dec := &decs[e]
		if dec.Wait == "" || !strings.HasPrefix(dec.Wait, "p:") {
			continue
		}
		var cands []int
		for _, o := range full[dec.Wait] {
			if compatibleGender(dec.ev.Gender, l.givenGender(d.Entities[o].Name)) && sameInitial(dec.ev.Initial, d.Entities[o].Name) {
				cands = append(cands, o)
			}
		}
		switch {
		case len(cands) == 1:
			o := cands[0]
			dec.Node, dec.Wait = decs[o].Node, ""
			dec.Reason = fmt.Sprintf("%s is the only person of this article with the surname of %s", d.Entities[o].Name, dec.ev.Name)
			dec.Score = 0.9
		case len(cands) > 1 || waiting[dec.Wait] > 1:
			// two people of the article could be meant, or two share the surname alone:
			// no telling, and nothing another article says can tell either
			dec.Wait = ""
			dec.Reason = fmt.Sprintf("%s could be several people of this article", dec.ev.Name)
			dec.Score = 0
		}
	}
}

// sameInitial reports whether a full name's given name starts with an initial ("" fits any).
func sameInitial(initial, name string) bool {
	if initial == "" {
		return true
	}
	ws := words(name)
	return len(ws) > 0 && strings.HasPrefix(ws[0], initial)
}

// givenGender is the gender a person's given name is used for only, or 0.
func (l *Linker) givenGender(name string) byte {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return 0
	}
	return l.lx.Gender(ws[0])
}

func compatibleGender(g string, other byte) bool {
	return g == "" || other == 0 || g[0] == other
}

// roleHeads returns the heads of the roles an entity holds ("minister"), sorted.
func (l *Linker) roleHeads(ent *extract.Entity) []string {
	set := map[string]bool{}
	for _, r := range ent.Roles {
		if h := l.roleHead(r.Title); h != "" {
			set[h] = true
		}
	}
	return sortedSet(set)
}

// roleHead returns the head of a role title ("Labour MP" -> "mp"), or "".
func (l *Linker) roleHead(t string) string {
	lt := strings.ToLower(strings.Join(strings.Fields(t), " "))
	if h, ok := l.lx.Title(lt); ok {
		return h
	}
	fs := strings.Fields(lt)
	for i := len(fs) - 1; i >= 0; i-- {
		if h, ok := l.lx.Title(fs[i]); ok {
			return h
		}
	}
	return ""
}

// Prepare links the entities of d and returns the article as the store takes it: every
// quad extraction states, on the nodes linking chose, with the link records that explain
// the decisions that were not a name in full.
func (l *Linker) Prepare(d *extract.Document) graph.Doc {
	decs := l.Link(d)
	return graph.Doc{ID: d.ID, SHA256: d.SHA256, Quads: l.Quads(d, decs)}
}

// Quads returns the quads of d with its entities on the nodes of decs.
func (l *Linker) Quads(d *extract.Document, decs []Decision) []quad.Quad {
	nodes := make([]extract.Node, len(decs))
	for e, dec := range decs {
		nodes[e] = extract.Node{IRI: dec.Node, Name: dec.Name}
	}
	qs := d.Quads(nodes)
	label := quad.Value(voc.DocIRI(d.ID))
	add := func(s, p, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: label})
	}
	for e, dec := range decs {
		if dec.Node == "" {
			continue
		}
		if dec.Reason == "" && dec.Wait == "" {
			continue
		}
		rec := voc.LinkIRI(d.ID, e)
		add(rec, quad.IRI(voc.Node), dec.Node)
		add(rec, quad.IRI(voc.Doc), label)
		add(rec, quad.IRI(voc.Reason), quad.String(dec.Reason))
		if dec.Wait != "" {
			add(label, quad.IRI(voc.Dependent), dec.Node)
			add(rec, quad.IRI(voc.LinkKey), quad.String(dec.Wait))
			js, _ := json.Marshal(dec.ev)
			add(rec, quad.IRI(voc.LinkEvidence), quad.String(js))
		}
	}
	return qs
}

// iri returns the node of an identity: type and key. The IRI is made from the key alone,
// so that every article that names the entity gives the same node; the type is added
// when the key reads as a name of another type ("Chelsea" the club beside Chelsea the
// place), so that types never fuse.
func (l *Linker) iri(typ, key string) quad.IRI {
	upper := func(string) bool { return false }
	if typ != "Person" {
		upper = l.acronymWord
	}
	slug := extract.Slug(slugOf(key, upper))
	if typ != l.naturalType(key) {
		slug += "_(" + typ + ")"
	}
	return voc.EntityIRI(slug)
}

// naturalType is the type a key reads as on its own, from the gazetteer and the name lists.
func (l *Linker) naturalType(key string) string {
	ws := strings.Fields(key)
	if len(ws) == 0 {
		return "Organization"
	}
	name := titleWords(ws)
	if l.lx.Place(name) != nil || l.lx.AmbiguousPlace(name) != nil {
		return "Place"
	}
	last := ws[len(ws)-1]
	if _, ok := l.lx.Event(last); ok && len(ws) > 1 {
		return "Event"
	}
	for i := len(ws) - 1; i >= 0; i-- {
		// the head word nearest the end says it: "Fox News", "Joint Base Elmendorf"
		switch w := ws[i]; {
		case l.lx.IsOrgWord(w) || corporateSuffixes[w]:
			return "Organization"
		case l.lx.IsPlaceWord(w):
			return "Place"
		}
	}
	if len(ws) > 1 && len(ws) <= 4 && l.lx.IsFirstName(title(ws[0])) || len(ws) == 1 && l.lx.IsSurname(title(ws[0])) {
		return "Person"
	}
	return "Organization"
}

// acronymWord reports whether a word of a key reads as an acronym ("imf", "bbc"): short,
// and no word, place or name.
func (l *Linker) acronymWord(w string) bool {
	if len(w) > 4 || len(w) < 2 || strings.ContainsAny(w, "0123456789-") {
		return false
	}
	t := title(w)
	return !l.lx.IsWord(w) && l.lx.Place(t) == nil && !l.lx.IsFirstName(t) && !l.lx.IsSurname(t)
}

func title(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// titleWords writes the words of a key as a name: capitalised but for the small words.
func titleWords(ws []string) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		if i > 0 && initialsSkip[w] {
			out[i] = w
		} else {
			out[i] = title(w)
		}
	}
	return strings.Join(out, " ")
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
