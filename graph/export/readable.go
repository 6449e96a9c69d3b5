package export

import (
	"fmt"
)

// DefaultMaxNodes is the most entities a picture draws unless told otherwise: about as
// many as stay readable, labels and all, on one screen or page.
const DefaultMaxNodes = 150

// Cut says what Readable left out.
type Cut struct {
	Nodes, Edges         int // of the graph it was given
	KeptNodes, KeptEdges int
	Components           int // connected parts with at least one edge
	ComponentNodes       int // entities of the largest part
	Isolated             int // entities with no relation at all
	Trimmed              bool
}

// String says in a sentence what was drawn and how to ask for more.
func (c Cut) String() string {
	if !c.Trimmed {
		return ""
	}
	s := fmt.Sprintf("drew the %d best-connected of the %d entities in the largest connected part of the graph (%d relations of %d)",
		c.KeptNodes, c.ComponentNodes, c.KeptEdges, c.Edges)
	var left []string
	if c.Components > 1 {
		left = append(left, fmt.Sprintf("%d smaller parts", c.Components-1))
	}
	if c.Isolated > 0 {
		left = append(left, fmt.Sprintf("%d entities with no relation", c.Isolated))
	}
	if len(left) > 0 {
		s += "; left out: " + left[0]
		if len(left) > 1 {
			s += " and " + left[1]
		}
	}
	return s + ". --max-nodes N draws more (0: everything), --around NAME the neighbourhood of one entity."
}

// Readable returns the part of g a person can read in one picture: when g has more than
// max entities, the largest connected part, and of it the max entities with the most relations (weighted
// by the articles that state them), with the relations among them. Ties go to the name
// first in order, so the same graph gives the same picture. max <= 0 keeps everything.
func (g *Graph) Readable(max int) (*Graph, Cut) {
	c := Cut{Nodes: len(g.Nodes), Edges: len(g.Edges), KeptNodes: len(g.Nodes), KeptEdges: len(g.Edges)}
	if max <= 0 || len(g.Nodes) <= max {
		return g, c
	}
	// connected parts over the edges, by union-find
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, e := range g.Edges {
		for _, id := range []string{e.Source, e.Target} {
			if _, ok := parent[id]; !ok {
				parent[id] = id
			}
		}
		if a, b := find(e.Source), find(e.Target); a != b {
			parent[a] = b
		}
	}
	size := map[string]int{}
	for id := range parent {
		size[find(id)]++
	}
	best, bestN := "", 0
	for root, n := range size {
		if n > bestN || n == bestN && root < best {
			best, bestN = root, n
		}
	}
	c.Components = len(size)
	c.ComponentNodes = bestN
	c.Isolated = len(g.Nodes) - len(parent)
	// strength: the articles behind each entity's relations
	strength := map[string]int{}
	for _, e := range g.Edges {
		if find(e.Source) == best {
			strength[e.Source] += e.Weight
			strength[e.Target] += e.Weight
		}
	}
	label := map[string]string{}
	for _, n := range g.Nodes {
		label[n.ID] = n.Label
	}
	better := func(a, b string) bool {
		if strength[a] != strength[b] {
			return strength[a] > strength[b]
		}
		return label[a] < label[b] || label[a] == label[b] && a < b
	}
	adj := map[string][]string{}
	for _, e := range g.Edges {
		if find(e.Source) == best {
			adj[e.Source] = append(adj[e.Source], e.Target)
			adj[e.Target] = append(adj[e.Target], e.Source)
		}
	}
	// grow from the strongest entity, always taking the strongest neighbour of what is
	// taken: the best-connected entities that hang together without the ones left out
	start := ""
	for id := range strength {
		if start == "" || better(id, start) {
			start = id
		}
	}
	ids := []string{start}
	taken := map[string]bool{start: true}
	frontier := map[string]bool{}
	for len(ids) < max {
		for _, y := range adj[ids[len(ids)-1]] {
			if !taken[y] {
				frontier[y] = true
			}
		}
		next := ""
		for id := range frontier {
			if next == "" || better(id, next) {
				next = id
			}
		}
		if next == "" {
			break
		}
		delete(frontier, next)
		taken[next] = true
		ids = append(ids, next)
	}
	keep := map[string]bool{}
	for _, id := range ids {
		keep[id] = true
	}
	out := &Graph{}
	for _, n := range g.Nodes {
		if keep[n.ID] {
			out.Nodes = append(out.Nodes, n)
		}
	}
	for _, e := range g.Edges {
		if keep[e.Source] && keep[e.Target] {
			out.Edges = append(out.Edges, e)
		}
	}
	out.degrees()
	c.KeptNodes, c.KeptEdges, c.Trimmed = len(out.Nodes), len(out.Edges), true
	return out, c
}
