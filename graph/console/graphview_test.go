package console

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph"
)

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		`Error: nothing in the graph is known as "Putn" at kgFind (<eval>:72:28(61))`: `nothing in the graph is known as "Putn"`,
		`no relation "slapped" in the graph at kgPredicates (<eval>:120:9(12))`:       `no relation "slapped" in the graph`,
		`plain`: `plain`,
	} {
		if got := Sentence(in); got != want {
			t.Errorf("Sentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNodesAndArticles: the graph view learns names, types and relations of the nodes an
// answer returns, and /ask the headlines of its articles.
func TestNodesAndArticles(t *testing.T) {
	h, err := New(sampleStore(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, m := do(t, h, "POST", "/api/kg/nodes", `{"ids": ["ent:Vladimir_Putin", "<ent:Donald_Trump>", "ent:nobody"]}`, nil)
	if code != 200 {
		t.Fatalf("nodes: %d %v", code, m)
	}
	nodes, _ := m["nodes"].([]any)
	edges, _ := m["edges"].([]any)
	if len(nodes) != 2 || len(edges) == 0 {
		t.Fatalf("nodes %v, edges %v", nodes, edges)
	}
	first := nodes[0].(map[string]any)
	if first["name"] != "Vladimir Putin" || first["type"] != "Person" {
		t.Errorf("Putin: %v", first)
	}
	verbs := ""
	for _, e := range edges {
		verbs += e.(map[string]any)["label"].(string) + "|"
	}
	if !strings.Contains(verbs, "invited") {
		t.Errorf("no Putin invited Trump among %s", verbs)
	}
	code, m = do(t, h, "GET", "/api/kg/articles?id=000_732b06bd5a6ac68c", "", nil)
	a, _ := m["articles"].(map[string]any)["000_732b06bd5a6ac68c"].(map[string]any)
	if code != 200 || a["headline"] == nil {
		t.Errorf("articles: %d %v", code, m)
	}
}

// TestStorePerRequest: with Options.Open the handler holds no store between requests, so
// a writer can open it, and the next request sees what it wrote.
func TestStorePerRequest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	st, err := graph.Open(context.Background(), graph.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	cfg := graph.Config{Path: path, ReadOnly: true}
	h, err := New(nil, Options{Open: func(ctx context.Context) (*graph.Store, error) { return graph.Open(ctx, cfg) }})
	if err != nil {
		t.Fatal(err)
	}
	count := func() string {
		_, m := do(t, h, "POST", "/api/v2/query?lang=gizmo", `g.Emit(g.V("<a>").Out("<b>").Count())`, nil)
		b, _ := json.Marshal(m["result"])
		return string(b)
	}
	if got := count(); got != "[0]" {
		t.Fatalf("before the write: %s", got)
	}
	w, err := graph.Open(context.Background(), graph.Config{Path: path})
	if err != nil {
		t.Fatalf("a writer beside the console: %v", err)
	}
	qw, err := cgraph.NewQuadWriter("single", w.QS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := qw.AddQuad(quad.MakeIRI("a", "b", "c", "")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if got := count(); got != "[1]" {
		t.Errorf("after the write: %s, want [1]", got)
	}
}
