package export

import (
	"fmt"
	"io"

	"github.com/emicklei/dot"
)

// WriteDOT writes g for Graphviz: labelled nodes coloured by type, labelled edges whose
// pen width grows with the number of articles that state them.
func WriteDOT(w io.Writer, g *Graph) error {
	d := dot.NewGraph(dot.Directed)
	d.ID("kg")
	d.Attr("rankdir", "LR")
	d.Attr("overlap", "false")
	d.Attr("fontname", "Helvetica")
	nodes := map[string]dot.Node{}
	for _, n := range g.Nodes {
		dn := d.Node(n.ID).Label(n.Label)
		dn.Attr("style", "filled")
		dn.Attr("fillcolor", colorOf(n.Type))
		dn.Attr("fontcolor", "white")
		dn.Attr("fontname", "Helvetica")
		dn.Attr("shape", shapeOf(n.Type))
		dn.Attr("tooltip", fmt.Sprintf("%s (%s), %d articles", n.Label, n.Type, n.Articles))
		nodes[n.ID] = dn
	}
	for _, e := range g.Edges {
		from, ok1 := nodes[e.Source]
		to, ok2 := nodes[e.Target]
		if !ok1 || !ok2 {
			continue
		}
		de := d.Edge(from, to, e.Label)
		de.Attr("penwidth", fmt.Sprint(1+e.Weight))
		de.Attr("fontname", "Helvetica")
		de.Attr("fontsize", "10")
		if e.Symmetric {
			de.Attr("dir", "none")
		}
	}
	d.Write(w)
	return nil
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
