package export

import (
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/emicklei/dot"
)

// Limits of the pictures drawn from DOT.
const (
	maxPenWidth = 6.0 // the widest edge, for the relation the most articles state
	// maxInches is the longer side of a picture at most, in Graphviz's inches: at its 96
	// dots per inch, about 4,000 pixels
	maxInches = 41
	// springAbove is the number of entities above which the layout is sfdp's
	// force-directed one rather than dot's ranks, which draw a large graph as a strip
	// thousands of pixels long
	springAbove = 40
)

// WriteDOT writes g for Graphviz: labelled nodes coloured and shaped by type, labelled
// edges whose pen width grows with the number of articles that state them up to a cap,
// and a legend of the types and the widths. Larger graphs get a force-directed layout
// (sfdp), and every picture fits in about 4,000 pixels.
func WriteDOT(w io.Writer, g *Graph) error {
	d := dot.NewGraph(dot.Directed)
	d.ID("kg")
	d.Attr("fontname", "Helvetica")
	d.Attr("size", fmt.Sprintf("%d,%d", maxInches, maxInches))
	if len(g.Nodes) > springAbove {
		d.Attr("layout", "sfdp")
		d.Attr("overlap", "prism")
		d.Attr("overlap_scaling", "-4")
		d.Attr("sep", "+6")
		d.Attr("K", "1.2")
		d.Attr("outputorder", "edgesfirst")
	} else {
		d.Attr("rankdir", "LR")
		d.Attr("overlap", "false")
	}
	edges := g.Edges
	if len(g.Nodes) > springAbove {
		edges = mergeParallel(edges)
	}
	maxW := 1
	for _, e := range edges {
		maxW = max(maxW, e.Weight)
	}
	nodes := map[string]dot.Node{}
	types := map[string]bool{}
	for _, n := range g.Nodes {
		dn := d.Node(n.ID).Label(n.Label)
		dn.Attr("style", "filled")
		dn.Attr("fillcolor", colorOf(n.Type))
		dn.Attr("fontcolor", "white")
		dn.Attr("fontname", "Helvetica")
		dn.Attr("shape", shapeOf(n.Type))
		dn.Attr("tooltip", fmt.Sprintf("%s (%s), %d articles", n.Label, n.Type, n.Articles))
		nodes[n.ID] = dn
		types[n.Type] = true
	}
	for _, e := range edges {
		from, ok1 := nodes[e.Source]
		to, ok2 := nodes[e.Target]
		if !ok1 || !ok2 {
			continue
		}
		de := d.Edge(from, to, e.Label)
		pw := penWidth(e.Weight, maxW)
		de.Attr("penwidth", fmt.Sprintf("%.1f", pw))
		de.Attr("arrowsize", fmt.Sprintf("%.2f", 0.6+0.1*pw))
		de.Attr("color", "#55555599")
		de.Attr("fontname", "Helvetica")
		de.Attr("fontsize", "10")
		de.Attr("fontcolor", "#333333")
		de.Attr("tooltip", fmt.Sprintf("%s: %d articles", e.Label, e.Weight))
		if e.Symmetric {
			de.Attr("dir", "none")
		}
	}
	d.Attr("labelloc", "b")
	d.Attr("label", dot.HTML(legend(types, maxW)))
	d.Write(w)
	return nil
}

// mergeParallel draws the relations between two entities as one edge, as a large picture
// has no room for several: labelled with the most stated relations ("criticized, met +2"),
// as wide as the articles behind all of them, and without an arrow when they go both ways.
func mergeParallel(edges []Edge) []Edge {
	type pair struct{ a, b string }
	byPair := map[pair][]Edge{}
	var order []pair
	for _, e := range edges {
		k := pair{e.Source, e.Target}
		if k.b < k.a {
			k = pair{e.Target, e.Source}
		}
		if byPair[k] == nil {
			order = append(order, k)
		}
		byPair[k] = append(byPair[k], e)
	}
	out := make([]Edge, 0, len(order))
	for _, k := range order {
		es := byPair[k]
		if len(es) == 1 {
			out = append(out, es[0])
			continue
		}
		sort.SliceStable(es, func(i, j int) bool { return es[i].Weight > es[j].Weight })
		m := es[0]
		m.Articles = nil
		seenLabel := map[string]bool{}
		var labels []string
		docs := map[string]bool{}
		for _, e := range es {
			if e.Source != m.Source || e.Symmetric {
				m.Symmetric = true // both ways: no arrow
			}
			if !seenLabel[e.Label] {
				seenLabel[e.Label] = true
				labels = append(labels, e.Label)
			}
			for _, d := range e.Articles {
				docs[d] = true
			}
		}
		m.Weight = len(docs)
		m.Label = strings.Join(labels[:min(2, len(labels))], ", ")
		if len(labels) > 2 {
			m.Label += fmt.Sprintf(" +%d", len(labels)-2)
		}
		out = append(out, m)
	}
	return out
}

// penWidth grows with the square root of the articles stating a relation, from 1 for one
// article to maxPenWidth for the most stated relation of the picture.
func penWidth(weight, maxWeight int) float64 {
	if maxWeight <= 1 || weight <= 1 {
		return 1
	}
	return 1 + (maxPenWidth-1)*math.Sqrt(float64(weight-1)/float64(maxWeight-1))
}

// legend is an HTML-like label: a swatch per entity type drawn, and what an edge's width
// says.
func legend(types map[string]bool, maxWeight int) string {
	var names []string
	for t := range types {
		names = append(names, t)
	}
	sort.Strings(names)
	s := `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="6"><TR>`
	for _, t := range names {
		name := t
		if name == "" {
			name = "other"
		}
		s += fmt.Sprintf(`<TD BGCOLOR="%s"><FONT COLOR="white" FACE="Helvetica">  %s  </FONT></TD>`, colorOf(t), html.EscapeString(name))
	}
	width := "edge width: the articles that state a relation"
	if maxWeight > 1 {
		width += fmt.Sprintf(" (1 to %d)", maxWeight)
	}
	s += fmt.Sprintf(`<TD><FONT FACE="Helvetica" POINT-SIZE="12">%s</FONT></TD></TR></TABLE>`, html.EscapeString(width))
	return s
}

func shapeOf(t string) string {
	switch t {
	case "Organization":
		return "box"
	case "Place":
		return "house"
	case "Event":
		return "diamond"
	}
	return "ellipse"
}
