package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

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

// quoteReplacer straightens curly apostrophes; it is never modified.
var quoteReplacer = strings.NewReplacer("’", "'", "‘", "'")

// Key normalises a name for lookups: lower case, no possessive, punctuation removed, no
// leading article. "the Russian President" and "Russian president" share a key. The
// canned queries' JavaScript does the same (queries/lib.js).
func Key(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		// a word: up to the next white space
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		w := s[i:j]
		i = j
		// no possessive: 's, ’s or ‘s at the end, in either case
		for _, pos := range []string{"'s", "’s", "‘s", "'S", "’S", "‘S"} {
			if strings.HasSuffix(w, pos) {
				w = w[:len(w)-len(pos)]
				break
			}
		}
		start := len(b)
		if start > 0 {
			b = append(b, ' ')
		}
		kept := false
		for _, r := range w {
			if r < utf8.RuneSelf {
				switch {
				case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
					b = append(b, byte(r))
					kept = true
				case 'A' <= r && r <= 'Z':
					b = append(b, byte(r+'a'-'A'))
					kept = true
				}
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b = utf8.AppendRune(b, unicode.ToLower(r))
				kept = true
			}
		}
		if !kept {
			b = b[:start]
		}
	}
	out := string(b)
	for _, art := range []string{"the ", "a ", "an "} {
		out = strings.TrimPrefix(out, art)
	}
	return out
}

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

// Quads returns the quads that state everything extracted from d, each labelled with the
// article's IRI so that an article's facts are one named graph. nodes maps each entity to
// its store node (see Nodes). The result has no duplicates and a deterministic order.
func (d *Document) Quads(nodes []Node) []quad.Quad {
	label := voc.DocIRI(d.ID)
	var qs []quad.Quad
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: label})
	}
	add(label, voc.RDFType, quad.IRI(voc.Article))
	if d.Title != "" {
		add(label, voc.Headline, quad.String(d.Title))
	}
	if d.SHA256 != "" {
		add(label, voc.SHA256, quad.String(d.SHA256))
	}
	if d.Path != "" {
		add(label, voc.Path, quad.String(d.Path))
	}
	for e := range d.Entities {
		ent := &d.Entities[e]
		n := nodes[e]
		add(label, voc.Mentions, n.IRI)
		add(n.IRI, voc.RDFType, voc.TypeIRI(string(ent.Type)))
		add(n.IRI, voc.Name, quad.String(n.Name))
		aliases := append([]string{n.Name}, ent.Aliases...)
		for _, a := range aliases {
			add(n.IRI, voc.Alias, quad.String(a))
			if k := Key(a); k != "" {
				add(n.IRI, voc.AliasKey, quad.String(k))
			}
		}
		keys := NameKeys(ent)
		if k := Key(n.Name); !contains(keys, k) {
			keys = append(keys, k)
		}
		for _, k := range keys {
			add(n.IRI, voc.Key, quad.String(k))
		}
		for _, r := range ent.Roles {
			add(n.IRI, voc.Role, quad.String(r.Title))
		}
	}
	preds := map[string]bool{}
	for _, r := range d.Relations {
		s, o := nodes[r.Subject].IRI, nodes[r.Object].IRI
		if r.Symmetric && o < s {
			s, o = o, s
		}
		p := voc.RelationIRI(r.Predicate)
		add(s, p, o)
		if !preds[r.Predicate] {
			preds[r.Predicate] = true
			add(p, voc.RDFType, quad.IRI(voc.Relation))
			add(p, voc.Stem, quad.String(voc.VerbStem(r.Predicate)))
			if r.Symmetric {
				add(p, voc.RDFType, quad.IRI(voc.Symmetric))
			}
		}
		st := quad.IRI(voc.StmtPrefix + hashID(d.ID, string(s), r.Predicate, string(o)))
		add(st, voc.RDFType, quad.IRI(voc.Statement))
		add(st, voc.Subject, s)
		add(st, voc.Predicate, p)
		add(st, voc.Object, o)
		add(st, voc.Doc, label)
		add(st, voc.Evidence, quad.String(d.SentenceText(r.Sentence)))
		add(st, voc.Sentence, quad.Int(r.Sentence))
		if r.Symmetric {
			add(st, voc.SymmetricFlag, quad.Bool(true))
		}
		for _, q := range r.Qualifiers {
			add(st, voc.Qualifier(q.Prep), nodes[q.Entity].IRI)
		}
	}
	for _, q := range d.Quotes {
		text := strings.Join(strings.Fields(q.Text(d.Text)), " ")
		speaker := nodes[q.Speaker].IRI
		qn := quad.IRI(voc.QuotePrefix + hashID(d.ID, string(speaker), text))
		add(qn, voc.RDFType, quad.IRI(voc.Quote))
		add(qn, voc.Speaker, speaker)
		add(qn, voc.Text, quad.String(text))
		add(qn, voc.Doc, label)
		if q.Sentence >= 0 {
			add(qn, voc.Evidence, quad.String(d.SentenceText(q.Sentence)))
		}
		for _, e := range d.entitiesIn(q.Span) {
			if e != q.Speaker {
				add(qn, voc.About, nodes[e].IRI)
			}
		}
	}
	return sortUnique(qs)
}

// entitiesIn returns the entities named inside a span.
func (d *Document) entitiesIn(sp Span) []int {
	var out []int
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Span.Start >= sp.Start && m.Span.End <= sp.End && m.Entity >= 0 && m.Kind == NameMention {
			if !containsInt(out, m.Entity) {
				out = append(out, m.Entity)
			}
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

// sortUnique drops duplicate quads, keeping the first of each; the order of the rest is
// the order they were made in, which is deterministic.
func sortUnique(qs []quad.Quad) []quad.Quad {
	// keyed by the values' text and kind rather than by the interfaces, which hash slower
	type vkey struct {
		s, p, o, l string
		kinds      uint32
	}
	seen := make(map[vkey]struct{}, len(qs))
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

// Skeleton folds spelling variants of a key ("zelenskyy" -> "zelensky"), as NameKeys does.
func Skeleton(key string) string { return skeleton(key) }
