package export

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// star makes a graph of hubs, each with leaves, the hubs in a chain, plus an island pair
// and isolated nodes.
func star(hubs, leaves, isolated int) *Graph {
	g := &Graph{}
	add := func(id string) { g.Nodes = append(g.Nodes, Node{ID: id, Label: id, Type: "Person"}) }
	for h := 0; h < hubs; h++ {
		hub := fmt.Sprintf("hub%02d", h)
		add(hub)
		if h > 0 {
			g.Edges = append(g.Edges, Edge{Source: fmt.Sprintf("hub%02d", h-1), Target: hub, Label: "met", Weight: 40})
		}
		for l := 0; l < leaves; l++ {
			leaf := fmt.Sprintf("%s-leaf%02d", hub, l)
			add(leaf)
			g.Edges = append(g.Edges, Edge{Source: hub, Target: leaf, Label: "told", Weight: 1})
		}
	}
	add("islandA")
	add("islandB")
	g.Edges = append(g.Edges, Edge{Source: "islandA", Target: "islandB", Label: "met", Weight: 50})
	for i := 0; i < isolated; i++ {
		add(fmt.Sprintf("alone%02d", i))
	}
	g.degrees()
	return g
}

func TestReadableKeepsTheBestConnectedPart(t *testing.T) {
	g := star(10, 20, 30) // 210 + 2 + 30 nodes
	r, cut := g.Readable(50)
	if !cut.Trimmed || len(r.Nodes) != 50 || cut.KeptNodes != 50 {
		t.Fatalf("kept %d nodes (cut %+v), want 50", len(r.Nodes), cut)
	}
	ids := map[string]bool{}
	for _, n := range r.Nodes {
		ids[n.ID] = true
	}
	for h := 0; h < 10; h++ {
		if !ids[fmt.Sprintf("hub%02d", h)] {
			t.Errorf("hub%02d left out of %v", h, ids)
		}
	}
	if ids["islandA"] || ids["alone00"] {
		t.Errorf("the island or an isolated node is drawn")
	}
	if len(r.largestParts()) != 1 {
		t.Errorf("the picture falls apart in %d parts", len(r.largestParts()))
	}
	msg := cut.String()
	for _, want := range []string{"50 best-connected of the 210 entities", "1 smaller parts", "30 entities with no relation", "--max-nodes"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the note lacks %q: %s", want, msg)
		}
	}
	if same, cut := g.Readable(0); same != g || cut.Trimmed {
		t.Errorf("max 0 cut the graph")
	}
}

// largestParts lists the connected parts of g by their nodes.
func (g *Graph) largestParts() []int {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] == x {
			return x
		}
		parent[x] = find(parent[x])
		return parent[x]
	}
	for _, n := range g.Nodes {
		parent[n.ID] = n.ID
	}
	for _, e := range g.Edges {
		parent[find(e.Source)] = find(e.Target)
	}
	size := map[string]int{}
	for _, n := range g.Nodes {
		size[find(n.ID)]++
	}
	var out []int
	for _, s := range size {
		out = append(out, s)
	}
	return out
}

// TestDOTCapsEdgesAndHasALegend: no edge is wider than the cap, the most stated is at it,
// and the legend names the types drawn.
func TestDOTCapsEdgesAndHasALegend(t *testing.T) {
	g, _ := star(10, 20, 0).Readable(60)
	var buf bytes.Buffer
	if err := WriteDOT(&buf, g); err != nil {
		t.Fatal(err)
	}
	widest := 0.0
	for _, m := range regexp.MustCompile(`penwidth="?([0-9.]+)`).FindAllStringSubmatch(buf.String(), -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		widest = max(widest, w)
	}
	if widest != maxPenWidth {
		t.Errorf("widest edge %.1f, want the cap %.1f", widest, maxPenWidth)
	}
	for _, want := range []string{"Person", "edge width", `layout="sfdp"`, `size="41,41"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the DOT lacks %s", want)
		}
	}
}
