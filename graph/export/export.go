// Package export writes the knowledge graph for graph visualisation and RDF tools: a
// projection of entities and their relations for Gephi (GEXF), Cytoscape and yEd
// (GraphML), Cytoscape.js (JSON), Graphviz (DOT) and spreadsheets (CSV), and the raw
// quads as N-Quads and JSON-LD with absolute IRIs.
package export

import (
	"context"
	"fmt"
	"strings"

	"github.com/kg-news/kg/graph"
)

// Node is an entity of the projection.
type Node struct {
	ID       string // the entity IRI, "ent:…"
	Label    string // canonical name
	Type     string // Person, Organization, Place, Event
	Aliases  []string
	Articles int // how many articles name it
	Degree   int // how many edges touch it
}

// Edge is a relation of the projection: all statements of one predicate between two
// entities, whatever articles state them.
type Edge struct {
	Source, Target string // node IDs
	Label          string // the predicate as a reader says it ("spoke with")
	Predicate      string // the predicate IRI's local name ("spoke_with")
	Weight         int    // how many articles state it
	Articles       []string
	Symmetric      bool
}

// Graph is the projection of the knowledge graph onto entities and relations.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// Filter selects a subgraph.
type Filter struct {
	Around     []string    // names of entities to start from; empty for the whole graph
	Depth      int         // how many steps from Around to include
	Predicates []string    // keep only edges with these predicates (any form: "invited", "invite")
	Types      []string    // keep only nodes of these types
	MinWeight  int         // keep only edges stated by at least this many articles
	Pairs      [][2]string // keep only edges between these node pairs (from a query)
}

// Project reads the entity graph of st.
func Project(ctx context.Context, st *graph.Store) (*Graph, error) {
	ents, rels, err := st.EntitiesAndRelations(ctx)
	if err != nil {
		return nil, err
	}
	g := &Graph{}
	index := map[string]int{}
	for _, e := range ents {
		index[e.ID] = len(g.Nodes)
		g.Nodes = append(g.Nodes, Node{ID: e.ID, Label: e.Name, Type: e.Type, Aliases: e.Aliases, Articles: len(e.Sources)})
	}
	for _, r := range rels {
		if _, ok := index[r.Subject]; !ok {
			continue
		}
		if _, ok := index[r.Object]; !ok {
			continue
		}
		g.Edges = append(g.Edges, Edge{
			Source: r.Subject, Target: r.Object, Predicate: r.Predicate,
			Label: strings.ReplaceAll(r.Predicate, "_", " "), Weight: len(r.Docs), Articles: r.Docs,
			Symmetric: r.Symmetric,
		})
	}
	g.degrees()
	return g, nil
}

func (g *Graph) degrees() {
	deg := map[string]int{}
	for _, e := range g.Edges {
		deg[e.Source]++
		deg[e.Target]++
	}
	for i := range g.Nodes {
		g.Nodes[i].Degree = deg[g.Nodes[i].ID]
	}
}

// Select returns the subgraph f describes. Nodes with no edge left are dropped, unless no
// edge filter applies.
func (g *Graph) Select(f Filter, resolve func(name string) (string, error)) (*Graph, error) {
	nodeType := map[string]string{}
	for _, n := range g.Nodes {
		nodeType[n.ID] = n.Type
	}
	keepType := func(id string) bool {
		if len(f.Types) == 0 {
			return true
		}
		for _, t := range f.Types {
			if strings.EqualFold(t, nodeType[id]) {
				return true
			}
		}
		return false
	}
	var preds map[string]bool
	if len(f.Predicates) > 0 {
		preds = map[string]bool{}
		for _, p := range f.Predicates {
			preds[stem(p)] = true
		}
	}
	pairs := map[[2]string]bool{}
	for _, p := range f.Pairs {
		pairs[p] = true
		pairs[[2]string{p[1], p[0]}] = true
	}
	var edges []Edge
	for _, e := range g.Edges {
		if e.Weight < f.MinWeight || preds != nil && !preds[stem(e.Predicate)] || !keepType(e.Source) || !keepType(e.Target) {
			continue
		}
		if len(f.Pairs) > 0 && !pairs[[2]string{e.Source, e.Target}] {
			continue
		}
		edges = append(edges, e)
	}
	// around: the nodes within Depth steps of the start, over the edges kept
	if len(f.Around) > 0 {
		depth := f.Depth
		if depth <= 0 {
			depth = 1
		}
		reach := map[string]bool{}
		for _, name := range f.Around {
			id, err := resolve(name)
			if err != nil {
				return nil, err
			}
			reach[id] = true
		}
		for i := 0; i < depth; i++ {
			next := map[string]bool{}
			for _, e := range edges {
				if reach[e.Source] {
					next[e.Target] = true
				}
				if reach[e.Target] {
					next[e.Source] = true
				}
			}
			for id := range next {
				reach[id] = true
			}
		}
		var kept []Edge
		for _, e := range edges {
			if reach[e.Source] && reach[e.Target] {
				kept = append(kept, e)
			}
		}
		edges = kept
	}
	filtered := len(f.Around) > 0 || preds != nil || f.MinWeight > 1 || len(f.Pairs) > 0
	used := map[string]bool{}
	for _, e := range edges {
		used[e.Source], used[e.Target] = true, true
	}
	out := &Graph{Edges: edges}
	for _, n := range g.Nodes {
		if !keepType(n.ID) || filtered && !used[n.ID] {
			continue
		}
		out.Nodes = append(out.Nodes, n)
	}
	out.degrees()
	return out, nil
}

// stem reduces a predicate in any form to compare them: "invite", "invited",
// "Invites" are one.
func stem(p string) string {
	p = strings.ToLower(strings.Fields(strings.ReplaceAll(p, "_", " ") + " x")[0])
	for _, suf := range []string{"ing", "ied", "ies", "ed", "es", "s", "e"} {
		if len(p) > len(suf)+2 && strings.HasSuffix(p, suf) {
			return strings.TrimSuffix(p, suf)
		}
	}
	return p
}

// Formats lists the formats Write knows.
var Formats = []string{"gexf", "graphml", "cytoscape", "dot", "csv", "nquads", "jsonld"}

// typeColors are the colours of the entity types, the same in every format.
var typeColors = map[string]string{
	"Person":       "#4e79a7",
	"Organization": "#f28e2b",
	"Place":        "#59a14f",
	"Event":        "#e15759",
}

func colorOf(t string) string {
	if c, ok := typeColors[t]; ok {
		return c
	}
	return "#9c9c9c"
}

// rgb splits "#rrggbb" into its components.
func rgb(hex string) (r, g, b int) {
	fmt.Sscanf(strings.TrimPrefix(hex, "#"), "%02x%02x%02x", &r, &g, &b)
	return
}
