package export

import (
	"encoding/json"
	"fmt"
	"io"
)

// Cytoscape.js elements JSON: {"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}.

type cyElements struct {
	Elements struct {
		Nodes []cyElem `json:"nodes"`
		Edges []cyElem `json:"edges"`
	} `json:"elements"`
}

type cyElem struct {
	Data map[string]any `json:"data"`
}

// WriteCytoscape writes g as Cytoscape.js JSON.
func WriteCytoscape(w io.Writer, g *Graph) error {
	var doc cyElements
	doc.Elements.Nodes = []cyElem{}
	doc.Elements.Edges = []cyElem{}
	for _, n := range g.Nodes {
		doc.Elements.Nodes = append(doc.Elements.Nodes, cyElem{Data: map[string]any{
			"id": n.ID, "label": n.Label, "name": n.Label, "type": n.Type, "aliases": n.Aliases,
			"articles": n.Articles, "degree": n.Degree, "color": colorOf(n.Type),
		}})
	}
	for i, e := range g.Edges {
		doc.Elements.Edges = append(doc.Elements.Edges, cyElem{Data: map[string]any{
			"id": fmt.Sprintf("e%d", i), "source": e.Source, "target": e.Target, "label": e.Label,
			"interaction": e.Predicate, "weight": e.Weight, "articles": e.Articles, "symmetric": e.Symmetric,
		}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
