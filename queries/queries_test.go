package queries

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/voc"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/link"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// sampleStore builds the sample corpus into an in-memory store.
func sampleStore(t *testing.T) *graph.Store {
	t.Helper()
	st := graph.MustOpenMemory(t)
	if _, err := ingest.Build(context.Background(), st, extract.New(), []string{"../data"}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestGolden runs every canned query, with the example parameters it declares, on the
// sample corpus and compares its rows with testdata/golden/NAME.jsonl.
func TestGolden(t *testing.T) {
	st := sampleStore(t)
	set := MustLoad()
	for _, q := range set.List() {
		t.Run(q.Name, func(t *testing.T) {
			args := map[string]string{}
			for _, p := range q.Params {
				args[p.Name] = p.Example
			}
			script, err := set.Render(q.Name, args)
			if err != nil {
				t.Fatal(err)
			}
			res, err := st.Gizmo(context.Background(), script, 0)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, r := range res {
				line, err := json.Marshal(r)
				if err != nil {
					t.Fatal(err)
				}
				b.Write(line)
				b.WriteByte('\n')
			}
			golden := filepath.Join("testdata", "golden", q.Name+".jsonl")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./queries -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Errorf("%s on the sample corpus (-want +got):\n%s", q.Name, diff)
			}
			if len(res) == 0 {
				t.Errorf("%s with its example parameters finds nothing in the sample corpus", q.Name)
			}
		})
	}
}

// TestVerbStemMatchesJS checks that the writer's voc.VerbStem and the queries' kgStem
// agree on every verb lemma of the lexicon and its inflected forms, or a verb would miss
// the predicates written for it.
func TestVerbStemMatchesJS(t *testing.T) {
	var words []string
	for _, name := range []string{"wnverbs.tsv", "verbexc.tsv", "verbs.tsv"} {
		f, err := os.Open(filepath.Join("..", "extract", "lexicon", name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			w := strings.Fields(line)[0]
			words = append(words, w, w+"s", w+"es", w+"d", w+"ed", w+"ing", w+"_with", strings.ToUpper(w[:1])+w[1:])
		}
		f.Close()
	}
	for w := range map[string]bool{"met": true, "spoke_with": true, "criticised": true, "criticising": true, "accompanied": true, "goes": true} {
		words = append(words, w)
	}
	js, _ := json.Marshal(words)
	st := graph.MustOpenMemory(t)
	script := MustLoad().lib + "\nvar w = " + string(js) + ", out = [];\nfor (var i = 0; i < w.length; i++) out.push(kgStem(w[i]));\ng.Emit(out);"
	res, err := st.Gizmo(context.Background(), script, 0)
	if err != nil || len(res) != 1 {
		t.Fatalf("%v %v", res, err)
	}
	got := res[0].([]any)
	bad := 0
	for i, w := range words {
		if s := voc.VerbStem(w); s != got[i] {
			if bad++; bad <= 20 {
				t.Errorf("stem of %q: Go %q, JavaScript %q", w, s, got[i])
			}
		}
	}
	if bad > 20 {
		t.Errorf("... %d disagreements in all, of %d words", bad, len(words))
	}
}

// TestTopWithoutSummary checks that top counts the same entities the slow way, on a store
// whose summary is missing (written by the writer alone, as after a build that stopped).
func TestTopWithoutSummary(t *testing.T) {
	st := graph.MustOpenMemory(t)
	x, lk := extract.New(), link.New()
	var docs []graph.Doc
	files, _ := filepath.Glob("../data/*.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := x.Extract(strings.TrimSuffix(filepath.Base(f), ".txt"), f, data)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, lk.Prepare(d))
	}
	if _, err := st.NewWriter().Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if has, err := st.HasSummary(context.Background()); err != nil || has {
		t.Fatalf("a store written by the writer alone has a summary: %v %v", has, err)
	}
	script, err := MustLoad().Render("top", map[string]string{"limit": "20"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Gizmo(context.Background(), script, 0)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range res {
		line, _ := json.Marshal(r)
		b.Write(line)
		b.WriteByte('\n')
	}
	want, err := os.ReadFile(filepath.Join("testdata", "golden", "top.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("top without a summary (-want +got):\n%s", diff)
	}
}

// TestDated runs questions on invented articles with dates (testdata/dated, scraper
// output as JSON Lines): the timeline of a person by date, and answers bounded by --since
// and --until, against testdata/golden/dated/*.jsonl.
func TestDated(t *testing.T) {
	st := graph.MustOpenMemory(t)
	if _, err := ingest.Build(context.Background(), st, extract.New(), []string{"testdata/dated"}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	set := MustLoad()
	for _, c := range []struct {
		name, query string
		args        map[string]string
	}{
		{"timeline", "timeline", map[string]string{"name": "Ines Calder"}},
		{"timeline-since-june", "timeline", map[string]string{"name": "Calder", "since": "2025-06"}},
		{"neighbours-until-june", "neighbours", map[string]string{"name": "Ines Calder", "until": "2025-06-30"}},
		{"quotes-2025-09", "quotes", map[string]string{"speaker": "Ines Calder", "since": "2025-09", "until": "2025-09"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			script, err := set.Render(c.query, c.args)
			if err != nil {
				t.Fatal(err)
			}
			res, err := st.Gizmo(context.Background(), script, 0)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, r := range res {
				line, _ := json.Marshal(r)
				b.Write(line)
				b.WriteByte('\n')
			}
			golden := filepath.Join("testdata", "golden", "dated", c.name+".jsonl")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./queries -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", c.name, diff)
			}
			if len(res) == 0 {
				t.Errorf("%s finds nothing", c.name)
			}
		})
	}
	if _, err := set.Render("who", map[string]string{"verb": "met", "object": "Calder", "since": "last week"}); err == nil {
		t.Error("since=\"last week\" was taken")
	}
}

// TestModal checks that the questions leave out the statements that are no plain facts
// (a plan: "wants to buy") unless asked with modal, on an invented article.
func TestModal(t *testing.T) {
	st := graph.MustOpenMemory(t)
	if _, err := ingest.Build(context.Background(), st, extract.New(), []string{"testdata/modal"}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	set := MustLoad()
	count := func(args map[string]string) (facts, plans int) {
		script, err := set.Render("neighbours", args)
		if err != nil {
			t.Fatal(err)
		}
		res, err := st.Gizmo(context.Background(), script, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			line, _ := json.Marshal(r)
			switch {
			case strings.Contains(string(line), "Bolt Industries"):
				plans++
			case strings.Contains(string(line), "Harbour Logistics"):
				facts++
			}
		}
		return
	}
	if facts, plans := count(map[string]string{"name": "Northwind Bank"}); facts == 0 || plans != 0 {
		t.Errorf("without modal: %d facts and %d plans, want the fact and no plan", facts, plans)
	}
	if facts, plans := count(map[string]string{"name": "Northwind Bank", Modal: "true"}); facts == 0 || plans == 0 {
		t.Errorf("with modal: %d facts and %d plans, want both", facts, plans)
	}
}
