package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// kgRun runs kg in-process and returns its standard output and error.
func kgRun(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), strings.NewReader(""), &out, &errb, append([]string{"kg"}, args...))
	return out.String(), errb.String(), err
}

// TestListingFiltersMatchAsAsk: the filters of the listings find names and verbs as kg ask
// does, and say so when nothing matches, with the nearest names.
func TestListingFiltersMatchAsAsk(t *testing.T) {
	cfg := buildSample(t)
	s := "--store=" + cfg.Path
	for _, c := range []struct {
		args    []string
		want    string // in the output
		wantErr string // in the error
	}{
		{args: []string{"facts", "--about", "Putin"}, want: "Vladimir Putin"},
		{args: []string{"facts", "--about", "the Russian president", "--predicate", "invite"}, want: "Donald Trump"},
		{args: []string{"facts", "--predicate", "inviting"}, want: "invited"},
		{args: []string{"quotes", "--speaker", "Putin"}, want: "Vladimir Putin"},
		{args: []string{"entities", "--type", "People"}, want: "Marco Rubio"},
		{args: []string{"entities", "--type", "places"}, want: "Place"},
		{args: []string{"facts", "--about", "Putn"}, wantErr: `nothing in the graph is known as "Putn". Did you mean "Vladimir Putin"`},
		{args: []string{"quotes", "--speaker", "Marco Rubio", "--json"}, wantErr: "no quotations of Marco Rubio"},
		{args: []string{"facts", "--about", "Rubio", "--predicate", "slapped"}, wantErr: "no facts match --about Rubio and --predicate slapped"},
		{args: []string{"entities", "--type", "Peeple"}, wantErr: "Did you mean Person?"},
		{args: []string{"ask", "neighbours", "Putn"}, wantErr: `Did you mean "Vladimir Putin"`},
		{args: []string{"ask", "neighbors", "Putin"}, wantErr: "Did you mean neighbours?"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, _, err := kgRun(t, append(c.args, s)...)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want one saying %q; printed:\n%s", err, c.wantErr, out)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, c.want) {
				t.Errorf("printed no %q:\n%s", c.want, out)
			}
		})
	}
}

// TestQuerySaysWhenItStops: kg query stops at --limit and says so on stderr, and says
// nothing when the results fit.
func TestQuerySaysWhenItStops(t *testing.T) {
	cfg := buildSample(t)
	out, errs, err := kgRun(t, "query", `g.V("<schema:Person>").In("<rdf:type>").Unique().All()`, "--limit", "3", "--store", cfg.Path, "--json")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("printed %d results, want 3:\n%s", n, out)
	}
	if !strings.Contains(errs, "stopped at the limit of 3 results") {
		t.Errorf("stderr does not say it stopped at the limit: %q", errs)
	}
	_, errs, err = kgRun(t, "query", `g.V("<ent:Marco_Rubio>").All()`, "--limit", "3", "--store", cfg.Path)
	if err != nil || errs != "" {
		t.Errorf("a query under its limit: %v, stderr %q", err, errs)
	}
}

// TestOneEntityShape: every JSON answer gives an entity as {"id": "ent:…", "name": …}, the
// shape of the listings' references.
func TestOneEntityShape(t *testing.T) {
	cfg := buildSample(t)
	for _, args := range [][]string{
		{"ask", "who", "criticized", "Trump"},
		{"ask", "quotes", "Trump"},
		{"ask", "path", "Marco Rubio", "Sergey Lavrov"},
		{"ask", "profile", "Putin"},
		{"ask", "top", "3"},
		{"facts", "--about", "Trump"},
	} {
		out, _, err := kgRun(t, append(args, "--json", "--store", cfg.Path)...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if strings.Contains(out, `"<ent:`) || strings.Contains(out, `"@id"`) {
			t.Errorf("kg %s prints an entity in another shape:\n%s", strings.Join(args, " "), out)
		}
		if !strings.Contains(out, `"id":"ent:`) {
			t.Errorf("kg %s prints no entity id:\n%s", strings.Join(args, " "), out)
		}
	}
}
