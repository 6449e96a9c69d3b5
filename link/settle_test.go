package link_test

import (
	"context"
	"encoding/json"
	"math/rand"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/link"
)

// corpus returns the invented articles of testdata/corpus.
func corpus(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test corpus: %v", err)
	}
	return files
}

func build(t *testing.T, st *graph.Store, files []string, batch int) {
	t.Helper()
	if _, err := ingest.Build(context.Background(), st, extract.New(), files, ingest.Options{Batch: batch, Workers: 2}); err != nil {
		t.Fatal(err)
	}
}

// listing is the store's entities, facts and quotations as sorted JSON lines.
func listing(t *testing.T, st *graph.Store) string {
	t.Helper()
	ctx := context.Background()
	var lines []string
	add := func(v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	ents, err := st.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		add(e)
	}
	facts, err := st.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range facts {
		add(f)
	}
	quotes, err := st.Quotes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range quotes {
		add(q)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestLinksAcrossArticles checks the decisions of the linking stage on invented articles.
func TestLinksAcrossArticles(t *testing.T) {
	st := graph.MustOpenMemory(t)
	build(t, st, corpus(t), 0)
	ents, err := st.Entities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	bySource := map[string][]string{} // node -> articles
	names := map[string]string{}
	for _, e := range ents {
		bySource[e.ID] = e.Sources
		names[e.ID] = e.Name
	}
	for _, c := range []struct {
		node string
		docs string
	}{
		{"ent:Jane_Roe", "a01 a02"},                 // "Ms Roe, the finance minister": the same role
		{"ent:John_Roe", "a03 a04"},                 // "Mr Roe ... Hollywood": gender and context
		{"ent:Global_Widget_Federation", "a05 a06"}, // the acronym spelled out in another article
		{"ent:Conservative_Party", "a07 a08"},       // known variants
		{"ent:Andrew_Karsk", "a09 a11"},             // Andy is Andrew
		{"ent:William_Karsk", "a10"},                // a different given name
		{"ent:Government_of_France", "a12"},
	} {
		if got := strings.Join(bySource[c.node], " "); got != c.docs {
			t.Errorf("%s (%s): in %q, want %q", c.node, names[c.node], got, c.docs)
		}
	}
	for id, n := range names {
		if n == "Government" {
			t.Errorf("a bare government node %s", id)
		}
	}
}

// TestOrderIndependence builds the invented corpus in several orders and batch sizes,
// removes and adds articles back, and checks that every listing is the same.
func TestOrderIndependence(t *testing.T) {
	files := corpus(t)
	ref := graph.MustOpenMemory(t)
	build(t, ref, files, 0)
	want := listing(t, ref)
	rng := rand.New(rand.NewSource(7))
	for i, batch := range []int{1, 3, 64} {
		order := append([]string(nil), files...)
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		st := graph.MustOpenMemory(t)
		build(t, st, order, batch)
		if i == 1 {
			// remove the articles that name the candidates, then add them back
			ctx := context.Background()
			var touched []string
			for _, id := range []string{"a01", "a03", "a05"} {
				ok, keys, err := st.Remove(ctx, id)
				if err != nil || !ok {
					t.Fatalf("remove %s: %v %v", id, ok, err)
				}
				touched = append(touched, keys...)
			}
			if _, err := link.New().Settle(ctx, st, touched, false); err != nil {
				t.Fatal(err)
			}
			build(t, st, order, batch)
		}
		if diff := cmp.Diff(want, listing(t, st)); diff != "" {
			t.Errorf("batch %d, order %d: listings differ (-sorted build +this one):\n%s", batch, i, diff)
		}
	}
}
