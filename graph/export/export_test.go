package export

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/internal/testenv"
)

func sampleStore(t *testing.T) *graph.Store {
	t.Helper()
	st := graph.MustOpenMemory(t)
	if _, err := ingest.Build(context.Background(), st, extract.New(), []string{"../../data"}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	return st
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// networkx loads a GraphML or GEXF file and prints its node and edge counts and the
// attributes of one node and one edge.
const networkxScript = `
import json, sys, networkx as nx
path, kind = sys.argv[1], sys.argv[2]
g = nx.read_graphml(path) if kind == "graphml" else nx.read_gexf(path)
n = dict(g.nodes["ent:Vladimir_Putin"])
e = next(iter(g.edges(data=True)))[2]
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "node": n, "edge": e}, default=str))
`

func TestNetworkxReadsGraphMLAndGEXF(t *testing.T) {
	py := testenv.NeedsTool(t, testenv.Networkx)
	g, err := Project(context.Background(), sampleStore(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"graphml", "gexf"} {
		t.Run(kind, func(t *testing.T) {
			var buf bytes.Buffer
			if kind == "graphml" {
				err = WriteGraphML(&buf, g)
			} else {
				err = WriteGEXF(&buf, g, time.Unix(0, 0))
			}
			if err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(py, "-c", networkxScript, writeFile(t, "g."+kind, buf.Bytes()), kind).CombinedOutput()
			if err != nil {
				t.Fatalf("networkx: %v\n%s", err, out)
			}
			var got struct {
				Nodes, Edges int
				Node, Edge   map[string]any
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if got.Nodes != len(g.Nodes) || got.Edges != len(g.Edges) {
				t.Errorf("networkx read %d nodes, %d edges; wrote %d, %d", got.Nodes, got.Edges, len(g.Nodes), len(g.Edges))
			}
			if got.Node["type"] != "Person" || got.Node["label"] != "Vladimir Putin" {
				t.Errorf("Putin's attributes: %v", got.Node)
			}
			if kind == "graphml" && (got.Node["name"] != "Vladimir Putin" || got.Edge["interaction"] == nil) {
				t.Errorf("GraphML lacks Cytoscape's name or interaction: %v %v", got.Node, got.Edge)
			}
			if kind == "gexf" && got.Node["viz"] == nil {
				t.Errorf("GEXF lacks viz attributes: %v", got.Node)
			}
			if got.Edge["weight"] == nil {
				t.Errorf("edge has no weight: %v", got.Edge)
			}
		})
	}
}

func TestDotRendersWithoutWarnings(t *testing.T) {
	dot := testenv.NeedsTool(t, testenv.Dot)
	g, err := Project(context.Background(), sampleStore(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDOT(&buf, g); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(dot, "-Tsvg", "-o", os.DevNull)
	cmd.Stdin = &buf
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("dot: %v\n%s", err, stderr.String())
	}
}

func TestCytoscapeJSON(t *testing.T) {
	g, err := Project(context.Background(), sampleStore(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCytoscape(&buf, g); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Elements struct {
			Nodes []struct{ Data map[string]any }
			Edges []struct{ Data map[string]any }
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Elements.Nodes) != len(g.Nodes) || len(doc.Elements.Edges) != len(g.Edges) || doc.Elements.Edges[0].Data["source"] == nil {
		t.Errorf("cytoscape JSON: %d nodes, %d edges", len(doc.Elements.Nodes), len(doc.Elements.Edges))
	}
}

func sortedNQuads(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	sort.Strings(out)
	return out
}

// TestRDFRoundTrip re-reads the N-Quads with rapper and with the quad reader, and the
// JSON-LD with the quad reader, and expects the quads of the store.
func TestRDFRoundTrip(t *testing.T) {
	st := sampleStore(t)
	ctx := context.Background()
	want, err := Quads(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var nq bytes.Buffer
	if err := WriteNQuads(ctx, &nq, st); err != nil {
		t.Fatal(err)
	}
	t.Run("rapper", func(t *testing.T) {
		rapper := testenv.NeedsTool(t, testenv.Rapper)
		out, err := exec.Command(rapper, "-q", "-i", "nquads", "-o", "nquads", writeFile(t, "g.nq", nq.Bytes())).CombinedOutput()
		if err != nil {
			t.Fatalf("rapper: %v\n%s", err, out)
		}
		if n := strings.Count(string(out), "\n"); n != len(want) {
			t.Errorf("rapper read %d quads, want %d", n, len(want))
		}
	})
	got, err := quad.ReadAll(nquads.NewReader(bytes.NewReader(nq.Bytes()), false))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := sortedNQuads(got), sortedNQuads(want); strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("N-Quads re-read differ: %d vs %d quads", len(a), len(b))
	}
	var jl bytes.Buffer
	if err := WriteJSONLD(ctx, &jl, st); err != nil {
		t.Fatal(err)
	}
	got, err = quad.ReadAll(jsonld.NewReader(bytes.NewReader(jl.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	a, b := sortedNQuads(got), sortedNQuads(want)
	if len(a) != len(b) {
		t.Fatalf("JSON-LD re-read %d quads, want %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("JSON-LD quad %d: %s\nwant %s", i, a[i], b[i])
			break
		}
	}
}

func TestSelect(t *testing.T) {
	st := sampleStore(t)
	g, err := Project(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	find := func(name string) (string, error) { return st.Find(context.Background(), name) }
	around, err := g.Select(Filter{Around: []string{"Marco Rubio"}, Depth: 1}, find)
	if err != nil {
		t.Fatal(err)
	}
	near := map[string]bool{"ent:Marco_Rubio": true}
	for _, e := range g.Edges {
		if e.Source == "ent:Marco_Rubio" {
			near[e.Target] = true
		}
		if e.Target == "ent:Marco_Rubio" {
			near[e.Source] = true
		}
	}
	for _, e := range around.Edges {
		if !near[e.Source] || !near[e.Target] {
			t.Errorf("edge %v leaves Rubio's neighbourhood", e)
		}
	}
	if len(around.Edges) == 0 {
		t.Error("nothing around Rubio")
	}
	inv, _ := g.Select(Filter{Predicates: []string{"invite"}}, find)
	for _, e := range inv.Edges {
		if e.Predicate != "invited" {
			t.Errorf("predicate filter kept %s", e.Predicate)
		}
	}
	heavy, _ := g.Select(Filter{MinWeight: 3}, find)
	for _, e := range heavy.Edges {
		if e.Weight < 3 {
			t.Errorf("min weight kept %v", e)
		}
	}
	people, _ := g.Select(Filter{Types: []string{"Person"}}, find)
	for _, n := range people.Nodes {
		if n.Type != "Person" {
			t.Errorf("type filter kept %v", n)
		}
	}
	if _, err := g.Select(Filter{Around: []string{"Nobody At All"}}, find); err == nil {
		t.Error("an unknown name was accepted")
	}
}
