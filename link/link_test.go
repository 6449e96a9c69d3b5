package link

import (
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/extract"
)

func TestTables(t *testing.T) {
	tb, err := LoadTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, want string }{
		{"Tories", "Conservative Party"},
		{"the Conservatives", "Conservative Party"},
		{"Lib Dems", "Liberal Democrats"},
		{"EU", "European Union"},
		{"Nato", "North Atlantic Treaty Organization"},
		{"Acme", ""},
	} {
		got := ""
		if v := tb.Variant(c.name); v != nil {
			got = v.Name
		}
		if got != c.want {
			t.Errorf("variant of %q: %q, want %q", c.name, got, c.want)
		}
	}
	if tb.nick["andy"] != "andrew" || tb.nick["bill"] != "william" {
		t.Errorf("nicknames: andy %q, bill %q", tb.nick["andy"], tb.nick["bill"])
	}
}

// TestIdentity checks which names of a person or an organisation are one node, from the
// names alone.
func TestIdentity(t *testing.T) {
	l := New()
	person := func(name string) quad.IRI {
		p := splitPerson(name, l.t.nick)
		return l.iri("Person", p.key())
	}
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"Andy Karsk", "Andrew Karsk", true}, // a short form of the given name
		{"Bill Karsk", "Andy Karsk", false},  // a different given name blocks
		{"Kate Bosk", "George W. Bosk", false},
		{"George W. Bosk", "George Bosk", true}, // a middle initial says nothing
		{"José Ruíz", "Jose Ruiz", true},        // diacritics
		{"Volodymyr Zelenskyy", "Volodymyr Zelensky", true},
		{"Jane Roe", "Mrs Jane Roe", true},
		{"J. K. Rowe", "JK Rowe", true},
	} {
		if got := person(c.a) == person(c.b); got != c.same {
			t.Errorf("%q and %q: same %v, want %v (%s, %s)", c.a, c.b, got, c.same, person(c.a), person(c.b))
		}
	}
	for _, name := range []string{"De Vosk", "van Karsk", "Ben Karsk"} {
		p := splitPerson(name, l.t.nick)
		if given := p.given != ""; given != (name == "Ben Karsk") {
			t.Errorf("%q: given name %q (a leading particle opens a surname)", name, p.given)
		}
	}
	if got := person("Tony Roe"); got != "ent:Anthony_Roe" {
		t.Errorf("node of Tony Roe: %s", got)
	}
	if orgKey("Acme plc", true) != orgKey("Acme", true) || orgKey("The Acme Corp", true) != "acme" {
		t.Errorf("corporate suffixes: %q %q", orgKey("Acme plc", true), orgKey("The Acme Corp", true))
	}
	if a, b := l.iri("Organization", "chelsea"), l.iri("Place", "chelsea"); a == b {
		t.Errorf("an organisation and a place share the node %s", a)
	}
	if !isAcronym("U.N.") || isAcronym("Nato") || isAcronym("A") {
		t.Error("isAcronym")
	}
}

// TestLinkArticle checks the decisions Link makes from one article alone.
func TestLinkArticle(t *testing.T) {
	l := New()
	for _, c := range []struct {
		text   string
		entity string
		node   quad.IRI // "" for no node
		wait   string
	}{
		{"Plan\n\nThe Tories attacked the plan in London on Monday.\n", "Tories", "ent:Conservative_Party", ""},
		{"Vote\n\nMs Lind said the vote would be held in Oslo.\n", "Lind", "ent:Lind", "p:lind"},
		{"Trade\n\nThe GWF said on Monday that prices had risen in Sweden.\n", "GWF", "ent:GWF", "a:gwf"},
		{"Budget\n\nThe French government said on Monday that it would raise taxes in France. France's unions were angry.\n", "Government of France", "ent:Government_of_France", ""},
	} {
		d, err := extract.New().Extract("t", "t.txt", []byte(c.text))
		if err != nil {
			t.Fatal(err)
		}
		decs := l.Link(d)
		found := false
		for e, dec := range decs {
			if d.Entities[e].Name != c.entity && dec.Name != c.entity {
				continue
			}
			found = true
			if dec.Node != c.node || dec.Wait != c.wait {
				t.Errorf("%q: node %q wait %q (%s), want %q %q", c.entity, dec.Node, dec.Wait, dec.Reason, c.node, c.wait)
			}
		}
		if !found {
			var names []string
			for _, e := range d.Entities {
				names = append(names, e.Name)
			}
			t.Errorf("no entity %q in %q: %q", c.entity, c.text, names)
		}
	}
}

// TestChoose checks a dependent's decision against hand-made candidates.
func TestChoose(t *testing.T) {
	jane := Candidate{Node: "ent:Jane_Roe", Gender: 'f', Roles: map[string]int{"minister": 3}, Sampled: 4,
		With: map[quad.IRI]int{"ent:Norway": 4, "ent:Oslo": 2}}
	john := Candidate{Node: "ent:John_Roe", Gender: 'm', Roles: map[string]int{"star": 1}, Sampled: 2,
		With: map[quad.IRI]int{"ent:Hollywood": 2}}
	for _, c := range []struct {
		name string
		dep  Dependent
		want quad.IRI
	}{
		{"role", Dependent{Name: "Roe", Key: "p:roe", Roles: []string{"minister"}, Own: "ent:Roe"}, "ent:Jane_Roe"},
		{"context", Dependent{Name: "Roe", Key: "p:roe", With: []quad.IRI{"ent:Hollywood"}, Own: "ent:Roe"}, "ent:John_Roe"},
		{"gender", Dependent{Name: "Roe", Key: "p:roe", Gender: "f", With: []quad.IRI{"ent:Hollywood"}, Own: "ent:Roe"}, "ent:Roe"},
		{"no evidence", Dependent{Name: "Roe", Key: "p:roe", With: []quad.IRI{"ent:Paris"}, Own: "ent:Roe"}, "ent:Roe"},
		{"same article", Dependent{Name: "Roe", Key: "p:roe", Roles: []string{"minister"}, With: []quad.IRI{"ent:Jane_Roe"}, Own: "ent:Roe"}, "ent:Roe"},
	} {
		got, why, _ := choose(c.dep, []Candidate{jane, john}, NodeName)
		if got != c.want {
			t.Errorf("%s: %s (%s), want %s", c.name, got, why, c.want)
		}
	}
}
