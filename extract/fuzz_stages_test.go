package extract

import (
	"fmt"
	"strings"
	"testing"
)

// runUpTo runs the stages over text as Extract prepares it, up to and including the stage
// named last.
func runUpTo(x *Extractor, text, last string) *Document {
	text = strings.TrimPrefix(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\ufeff")
	d := &Document{ID: "fuzz", Text: text}
	for _, st := range Stages {
		st.Run(x, d)
		if st.Name == last {
			break
		}
	}
	return d
}

// entitySignature describes d's entities and which mentions each holds, to compare two
// runs.
func entitySignature(d *Document) string {
	var b strings.Builder
	for i, e := range d.Entities {
		fmt.Fprintf(&b, "%d %s %q %q %v\n", i, e.Type, e.Name, e.Aliases, e.Mentions)
	}
	return b.String()
}

// FuzzResolve runs the stages up to entity resolution and checks what resolution
// promises: every mention points at an entity that lists it, or at none; every entity
// lists its mentions once each and has a name; resolving is deterministic.
func FuzzResolve(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("Jane Roe met John Roe. Roe said Ms Roe and Mr Roe agreed. The Acme Corp (AC) hired her; AC said so.")
	f.Add("Anna Berg, the foreign minister, met the minister. The Russian president, Ivan Petrov, said Petrov would come.")
	x := New()
	f.Fuzz(func(t *testing.T, text string) {
		if x.Check([]byte(text)) != nil {
			t.Skip("not an article")
		}
		d := runUpTo(x, text, "resolve")
		checkSegments(t, d)
		checkDocument(t, d)
		listed := make([]int, len(d.Mentions))
		for i := range listed {
			listed[i] = -1
		}
		for e, ent := range d.Entities {
			if len(ent.Mentions) == 0 {
				t.Fatalf("entity %d %q has no mention", e, ent.Name)
			}
			for _, mi := range ent.Mentions {
				if listed[mi] >= 0 {
					t.Fatalf("mention %d is listed by entities %d and %d", mi, listed[mi], e)
				}
				listed[mi] = e
				if d.Mentions[mi].Entity != e {
					t.Fatalf("entity %d %q lists mention %d %q, which points at entity %d", e, ent.Name, mi, d.Mentions[mi].Text(d.Text), d.Mentions[mi].Entity)
				}
			}
		}
		for mi, m := range d.Mentions {
			if m.Entity >= 0 && listed[mi] != m.Entity {
				t.Fatalf("mention %d %q points at entity %d, which does not list it", mi, m.Text(d.Text), m.Entity)
			}
		}
		if again := runUpTo(x, text, "resolve"); entitySignature(again) != entitySignature(d) {
			t.Fatalf("resolving twice gives different entities:\n%s\n%s", entitySignature(d), entitySignature(again))
		}
	})
}

// FuzzRelations runs every stage and checks the relations: they join two different
// entities of the article, cite a sentence of it with their predicate and qualifiers,
// and come out the same each time.
func FuzzRelations(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("Acme Corp, which Jane Roe founded, sued Globex in Paris on Monday. Roe criticised Globex chief executive Tom Hale.")
	f.Add("Ivan Petrov invited Omar Haddad to Moscow for talks. Haddad attended the summit with Petrov, his spokesman said.")
	x := New()
	f.Fuzz(func(t *testing.T, text string) {
		if x.Check([]byte(text)) != nil {
			t.Skip("not an article")
		}
		d := runUpTo(x, text, "relations")
		checkSegments(t, d)
		checkDocument(t, d)
		var sig strings.Builder
		for i, r := range d.Relations {
			if r.Subject == r.Object {
				t.Fatalf("relation %d %+v joins entity %d %q to itself", i, r, r.Subject, d.Entities[r.Subject].Name)
			}
			if r.Predicate == "" || strings.IndexFunc(r.Predicate, badIRIRune) >= 0 {
				t.Fatalf("relation %d has predicate %q, not fit for an IRI", i, r.Predicate)
			}
			fmt.Fprintf(&sig, "%+v\n", r)
		}
		again := runUpTo(x, text, "relations")
		var sig2 strings.Builder
		for _, r := range again.Relations {
			fmt.Fprintf(&sig2, "%+v\n", r)
		}
		if sig.String() != sig2.String() {
			t.Fatalf("finding relations twice gives different relations:\n%s\n%s", sig.String(), sig2.String())
		}
	})
}
