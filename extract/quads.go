package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// Node is the store node an entity of a document stands for, as cross-article resolution
// decided: its IRI and its canonical name.
type Node struct {
	IRI  quad.IRI
	Name string
}

// Nodes returns the nodes a document's entities would get on their own: an IRI made from
// each canonical name.
func (d *Document) Nodes() []Node {
	nodes := make([]Node, len(d.Entities))
	for e := range d.Entities {
		nodes[e] = Node{IRI: voc.EntityIRI(Slug(d.Entities[e].Name)), Name: d.Entities[e].Name}
	}
	return nodes
}

// Slug turns a name into the local part of an IRI that needs no escaping in N-Quads,
// Turtle or JSON-LD: letters and digits kept, anything else folded to "_".
func Slug(name string) string {
	var b strings.Builder
	under := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.':
			b.WriteRune(r)
			under = false
		case !under && b.Len() > 0:
			b.WriteByte('_')
			under = true
		}
	}
	s := strings.Trim(b.String(), "_.")
	if s == "" {
		s = "_"
	}
	return s
}

// Key normalises a name for lookups: lower case, no possessive, punctuation removed, no
// leading article (see voc.KeyOf).
func Key(s string) string { return voc.KeyOf(s) }

// NameKeys returns the lookup keys of an entity's names: each name's key and its
// spelling skeleton, and for a person the surname.
func NameKeys(e *Entity) []string {
	var keys []string
	add := func(k string) {
		if k != "" && !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	names := append([]string{e.Name}, e.Names...)
	for _, n := range names {
		k := Key(n)
		add(k)
		add(skeleton(k))
		if e.Type == Person {
			if f := strings.Fields(k); len(f) > 1 {
				add(f[len(f)-1])
			}
		}
	}
	return keys
}

// hashID is a short stable identifier made from its parts.
func hashID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Predicates boxed once as quad values, for Quads.
var (
	pAbout         quad.Value = quad.IRI(voc.About)
	pAlias         quad.Value = quad.IRI(voc.Alias)
	pAliasKey      quad.Value = quad.IRI(voc.AliasKey)
	pDoc           quad.Value = quad.IRI(voc.Doc)
	pEvidence      quad.Value = quad.IRI(voc.Evidence)
	pHeadline      quad.Value = quad.IRI(voc.Headline)
	pKey           quad.Value = quad.IRI(voc.Key)
	pMentions      quad.Value = quad.IRI(voc.Mentions)
	pName          quad.Value = quad.IRI(voc.Name)
	pObject        quad.Value = quad.IRI(voc.Object)
	pPath          quad.Value = quad.IRI(voc.Path)
	pPredicate     quad.Value = quad.IRI(voc.Predicate)
	pRDFType       quad.Value = quad.IRI(voc.RDFType)
	pReference     quad.Value = quad.IRI(voc.Reference)
	pRefKey        quad.Value = quad.IRI(voc.RefKey)
	pRule          quad.Value = quad.IRI(voc.Rule)
	pModality      quad.Value = quad.IRI(voc.Modality)
	pRole          quad.Value = quad.IRI(voc.Role)
	pSHA256        quad.Value = quad.IRI(voc.SHA256)
	pSentence      quad.Value = quad.IRI(voc.Sentence)
	pSpeaker       quad.Value = quad.IRI(voc.Speaker)
	pStem          quad.Value = quad.IRI(voc.Stem)
	pSubject       quad.Value = quad.IRI(voc.Subject)
	pSymmetricFlag quad.Value = quad.IRI(voc.SymmetricFlag)
	pText          quad.Value = quad.IRI(voc.Text)
)

// Quads returns the quads that state everything extracted from d, each labelled with the
// article's IRI so that an article's facts are one named graph. nodes maps each entity to
// its store node (see Nodes). The result has no duplicates and a deterministic order.
func (d *Document) Quads(nodes []Node) []quad.Quad {
	label := voc.DocIRI(d.ID)
	// room for what an article usually yields, so that appending rarely copies
	qs := make([]quad.Quad, 0, 8+len(d.Entities)*12+len(d.Relations)*10+len(d.Quotes)*7)
	var lv quad.Value = label // each value boxed once: boxing one per quad was a third of the allocations
	add := func(s, p, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: lv})
	}
	add(lv, pRDFType, quad.IRI(voc.Article))
	if d.Title != "" {
		add(lv, pHeadline, quad.String(d.Title))
	}
	if d.SHA256 != "" {
		add(lv, pSHA256, quad.String(d.SHA256))
	}
	if d.Path != "" {
		add(lv, pPath, quad.String(d.Path))
	}
	d.metaQuads(lv, add)
	for e := range d.Entities {
		ent := &d.Entities[e]
		n := nodes[e]
		if n.IRI == "" {
			continue // linking found no entity here ("the government" of no country)
		}
		var iri quad.Value = n.IRI
		add(lv, pMentions, iri)
		add(iri, pRDFType, voc.TypeIRI(string(ent.Type)))
		add(iri, pName, quad.String(n.Name))
		keys := NameKeys(ent)
		if k := Key(n.Name); !contains(keys, k) {
			keys = append(keys, k)
		}
		for _, k := range keys {
			add(iri, pKey, quad.String(k))
		}
		names, refs := d.Forms(e)
		for _, a := range append([]string{n.Name}, names...) {
			add(iri, pAlias, quad.String(a))
			// an alias key is a lookup's second resort: a key the names give already
			// needs no quad of its own
			if k := Key(a); k != "" && !contains(keys, k) {
				add(iri, pAliasKey, quad.String(k))
			}
		}
		for _, a := range refs {
			add(iri, pReference, quad.String(a))
			if k := Key(a); k != "" {
				add(iri, pRefKey, quad.String(k))
			}
		}
		for _, r := range ent.Roles {
			add(iri, pRole, quad.String(r.Title))
		}
	}
	preds := map[string]bool{}
	for _, r := range d.Relations {
		s, o := nodes[r.Subject].IRI, nodes[r.Object].IRI
		if s == "" || o == "" {
			continue
		}
		var sv, pv, ov quad.Value = s, voc.RelationIRI(r.Predicate), o
		// the edge states a fact; a plan or a possibility lives only on its statement.
		// The edge of a relation without direction goes one way only, whichever way an
		// article says it; its statement keeps the article's order, so that a statement
		// never changes when cross-article linking moves one of its entities
		switch {
		case r.Modality != "":
		case r.Symmetric && o < s:
			add(ov, pv, sv)
		default:
			add(sv, pv, ov)
		}
		if !preds[r.Predicate] {
			preds[r.Predicate] = true
			add(pv, pRDFType, quad.IRI(voc.Relation))
			add(pv, pStem, quad.String(voc.VerbStem(r.Predicate)))
			if r.Symmetric {
				add(pv, pRDFType, quad.IRI(voc.Symmetric))
			}
		}
		// statements are named after the article's own entities, never after the nodes
		// they were linked to
		a, b := r.Subject, r.Object
		if r.Symmetric && b < a {
			a, b = b, a
		}
		var st quad.Value = quad.IRI(voc.StmtPrefix + hashID(d.ID, itoa(a), r.Predicate, itoa(b)))
		add(st, pRDFType, quad.IRI(voc.Statement))
		add(st, pSubject, sv)
		add(st, pPredicate, pv)
		add(st, pObject, ov)
		add(st, pDoc, lv)
		add(st, pEvidence, quad.String(d.SentenceText(r.Sentence)))
		add(st, pSentence, quad.Int(r.Sentence))
		if r.Symmetric {
			add(st, pSymmetricFlag, quad.Bool(true))
		}
		for _, rule := range r.Rules {
			add(st, pRule, quad.String(rule))
		}
		if r.Modality != "" {
			add(st, pModality, quad.String(r.Modality))
		}
		d.dateQuads(st, r.Sentence, add)
		for _, q := range r.Qualifiers {
			if iri := nodes[q.Entity].IRI; iri != "" {
				add(st, voc.Qualifier(q.Prep), iri)
			}
		}
	}
	byStart := d.namesByStart()
	for _, q := range d.Quotes {
		speaker := nodes[q.Speaker].IRI
		if speaker == "" {
			continue
		}
		text := strings.Join(strings.Fields(q.Text(d.Text)), " ")
		var qn, sp quad.Value = quad.IRI(voc.QuotePrefix + hashID(d.ID, itoa(q.Speaker), text)), speaker
		add(qn, pRDFType, quad.IRI(voc.Quote))
		add(qn, pSpeaker, sp)
		add(qn, pText, quad.String(text))
		add(qn, pDoc, lv)
		if q.Sentence >= 0 {
			add(qn, pEvidence, quad.String(d.SentenceText(q.Sentence)))
		}
		if q.Rule != "" {
			add(qn, pRule, quad.String(q.Rule))
		}
		d.dateQuads(qn, q.Sentence, add)
		for _, e := range d.entitiesIn(q.Span, byStart) {
			if e != q.Speaker && nodes[e].IRI != "" {
				add(qn, pAbout, nodes[e].IRI)
			}
		}
	}
	return sortUnique(qs)
}

// Forms returns the surface forms of entity e: its names, with and without the titles
// given with them ("Okafor", "President Okafor"), and its references, the descriptions that
// stand for it in this article only ("the Kenyan president", "the party"). Names link
// articles; references never do.
func (d *Document) Forms(e int) (names, refs []string) {
	seen := map[string]bool{}
	for _, mi := range d.Entities[e].Mentions {
		m := &d.Mentions[mi]
		for _, sp := range []Span{m.Span, m.Full} {
			a := strings.Join(strings.Fields(sp.Text(d.Text)), " ")
			if a == "" || seen[a] {
				continue
			}
			seen[a] = true
			if m.Kind == NameMention && !Describes(a) {
				names = append(names, a)
			} else {
				refs = append(refs, a)
			}
		}
	}
	for _, a := range d.Entities[e].Aliases {
		if !seen[a] {
			seen[a] = true
			names = append(names, a) // the canonical name an entity was given
		}
	}
	return names, refs
}

// Describes reports whether a form of a name is a description: it starts with a
// determiner or a possessive and goes on in lower case ("his wife Jane", "the official
// Acme", but "the Hague").
func Describes(form string) bool {
	fs := strings.Fields(form)
	if len(fs) < 2 {
		return false
	}
	switch strings.ToLower(fs[0]) {
	case "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that":
		return !startsName(fs[1:])
	}
	return false
}

// startsName reports whether the words after a determiner are all capitalised, a name
// that takes "the" ("the Hague", "the United Nations").
func startsName(ws []string) bool {
	for _, w := range ws {
		if r := []rune(w)[0]; !unicode.IsUpper(r) && w != "of" && w != "and" && w != "for" {
			return false
		}
	}
	return true
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for i > 0 || n == len(b) {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// namesByStart returns the name mentions that have an entity, sorted by where they
// start, for entitiesIn.
func (d *Document) namesByStart() []int {
	var out []int
	for i := range d.Mentions {
		if m := &d.Mentions[i]; m.Entity >= 0 && m.Kind == NameMention {
			out = append(out, i)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return d.Mentions[out[a]].Start < d.Mentions[out[b]].Start })
	return out
}

// entitiesIn returns the entities named inside a span, given the name mentions sorted by
// start: a binary search finds the first that starts in it, so that a long article with
// many quotations costs the names inside them rather than every name for each.
func (d *Document) entitiesIn(sp Span, byStart []int) []int {
	var out []int
	i := sort.Search(len(byStart), func(i int) bool { return d.Mentions[byStart[i]].Start >= sp.Start })
	for ; i < len(byStart); i++ {
		m := &d.Mentions[byStart[i]]
		if m.Start >= sp.End {
			break
		}
		if m.Span.End <= sp.End && !containsInt(out, m.Entity) {
			out = append(out, m.Entity)
		}
	}
	return out
}

func containsInt(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// vkey is a quad as sortUnique compares it: the values' text and kinds, which hash
// faster than the interfaces.
type vkey struct {
	s, p, o, l string
	kinds      uint32
}

// seenPool keeps sortUnique's sets between articles: a set that grew for one article is
// cleared and reused rather than made anew for each.
var seenPool sync.Pool

// sortUnique drops duplicate quads, keeping the first of each; the order of the rest is
// the order they were made in, which is deterministic.
func sortUnique(qs []quad.Quad) []quad.Quad {
	seen, _ := seenPool.Get().(map[vkey]struct{})
	if seen == nil {
		seen = make(map[vkey]struct{}, len(qs))
	}
	defer func() {
		clear(seen)
		seenPool.Put(seen)
	}()
	out := qs[:0]
	for _, q := range qs {
		var k vkey
		var ks [4]byte
		k.s, ks[0] = valueKey(q.Subject)
		k.p, ks[1] = valueKey(q.Predicate)
		k.o, ks[2] = valueKey(q.Object)
		k.l, ks[3] = valueKey(q.Label)
		k.kinds = uint32(ks[0]) | uint32(ks[1])<<8 | uint32(ks[2])<<16 | uint32(ks[3])<<24
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		out = append(out, q)
	}
	return out
}

// valueKey is a value's text and a byte for its kind, without allocating for IRIs and
// strings.
func valueKey(v quad.Value) (string, byte) {
	switch x := v.(type) {
	case nil:
		return "", 0
	case quad.IRI:
		return string(x), 1
	case quad.String:
		return string(x), 2
	}
	return v.String(), 3
}

// Skeleton folds spelling variants of a key ("kovalskyy" -> "kovalsky", "kovalskiy" -> "kovalsky"), as NameKeys does.
func Skeleton(key string) string { return skeleton(key) }
