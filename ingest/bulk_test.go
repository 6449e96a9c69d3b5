package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/export"
	"github.com/kg-news/kg/queries"
)

// bbcCorpus is where the BBC development corpus lives on the machines that have it.
const bbcCorpus = "/work/shared/corpus/bbc"

// TestBulkBuildIsIncrementalBuild builds a corpus into a new store through the bulk path
// and through the incremental one, and compares the two stores: every key and value of
// every bolt bucket (the times Cayley stamps on its log aside), every quad in the order
// the store gives them, the listings, the export and every canned query.
func TestBulkBuildIsIncrementalBuild(t *testing.T) {
	small := t.TempDir()
	writeCorpus(t, small, 40)
	for _, c := range []struct {
		name, dir string
	}{{"small", small}, {"bbc", bbcCorpus}} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := os.Stat(c.dir); err != nil {
				t.Skipf("no corpus at %s", c.dir)
			}
			if c.name == "bbc" && testing.Short() {
				t.Skip("builds the BBC corpus twice")
			}
			dir := t.TempDir()
			bulk, incr := filepath.Join(dir, "bulk.db"), filepath.Join(dir, "incremental.db")
			for _, b := range []struct {
				path        string
				incremental bool
			}{{bulk, false}, {incr, true}} {
				st, err := graph.Open(context.Background(), graph.Config{Path: b.path})
				if err != nil {
					t.Fatal(err)
				}
				if ok, err := st.CanBulk(context.Background()); err != nil || !ok {
					t.Fatalf("a new store takes the bulk path: %v, %v", ok, err)
				}
				if _, err := Build(context.Background(), st, extract.New(), []string{c.dir}, Options{Incremental: b.incremental}); err != nil {
					t.Fatal(err)
				}
				if ok, _ := st.CanBulk(context.Background()); ok {
					t.Errorf("%s: a built store still takes the bulk path", b.path)
				}
				if err := st.Close(); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(graph.MustDumpBolt(t, incr), graph.MustDumpBolt(t, bulk)); diff != "" {
				t.Errorf("the bolt files differ (-incremental +bulk):\n%s", diff)
			}
			want, got := readStore(t, incr), readStore(t, bulk)
			for k := range want {
				if diff := cmp.Diff(want[k], got[k]); diff != "" {
					t.Errorf("%s differs (-incremental +bulk):\n%s", k, diff)
				}
			}
		})
	}
}

// readStore reads what a user can read from the store at path: its quads in store order,
// its listings, its export and the answers of every canned query, with parameters drawn
// from its statements.
func readStore(t *testing.T, path string) map[string]any {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Path: path, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out := map[string]any{}
	var quads []string
	it := st.QS.QuadsAllIterator().Iterate()
	for it.Next(ctx) {
		q, err := st.QS.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		quads = append(quads, q.NQuad())
	}
	it.Close()
	out["quads"] = quads
	must := func(name string, v any, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = v
	}
	ents, err := st.Entities(ctx)
	must("entities", ents, err)
	facts, err := st.Facts(ctx)
	must("facts", facts, err)
	quotes, err := st.Quotes(ctx)
	must("quotes", quotes, err)
	stats, err := st.Stats(ctx)
	must("stats", stats, err)
	var nq strings.Builder
	must("export", &nq, export.WriteNQuads(ctx, &nq, st))
	out["export"] = nq.String()
	g, err := export.Project(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var gml strings.Builder
	must("graphml", &gml, export.WriteGraphML(&gml, g))
	out["graphml"] = gml.String()
	set := queries.MustLoad()
	for _, q := range set.List() {
		for i := 0; i < len(facts) && i < 20*37; i += 37 {
			args := map[string]string{}
			f := facts[i]
			for _, p := range q.Params {
				switch p.Kind {
				case queries.Entity:
					args[p.Name] = f.Subject.Name
					if p.Name == "object" || p.Name == "b" || p.Name == "to" {
						args[p.Name] = f.Object.Name
					}
				case queries.Verb:
					args[p.Name] = strings.ReplaceAll(f.Predicate, "_", " ")
				default:
					args[p.Name] = p.Example
				}
			}
			script, err := set.Render(q.Name, args)
			if err != nil {
				t.Fatal(err)
			}
			res, err := st.Gizmo(ctx, script, 0)
			key := fmt.Sprintf("query %s %v", q.Name, args)
			if err != nil {
				out[key] = "error: " + err.Error()
				continue
			}
			out[key] = fmt.Sprint(res)
		}
	}
	return out
}
