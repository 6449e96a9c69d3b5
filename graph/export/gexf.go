package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// GEXF 1.3, for Gephi: declared attributes, a colour per type and a size per degree.
const (
	gexfNS = "http://gexf.net/1.3"
	vizNS  = "http://gexf.net/1.3/viz"
)

type gexfDoc struct {
	XMLName xml.Name  `xml:"gexf"`
	NS      string    `xml:"xmlns,attr"`
	Viz     string    `xml:"xmlns:viz,attr"`
	Version string    `xml:"version,attr"`
	Meta    gexfMeta  `xml:"meta"`
	Graph   gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Modified    string `xml:"lastmodifieddate,attr"`
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

type gexfGraph struct {
	DefaultEdge string      `xml:"defaultedgetype,attr"`
	Mode        string      `xml:"mode,attr"`
	Attrs       []gexfAttrs `xml:"attributes"`
	Nodes       []gexfNode  `xml:"nodes>node"`
	Edges       []gexfEdge  `xml:"edges>edge"`
}

type gexfAttrs struct {
	Class string     `xml:"class,attr"`
	Attr  []gexfAttr `xml:"attribute"`
}

type gexfAttr struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfNode struct {
	ID     string      `xml:"id,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
	Color  gexfColor   `xml:"viz:color"`
	Size   gexfSize    `xml:"viz:size"`
}

type gexfColor struct {
	R int `xml:"r,attr"`
	G int `xml:"g,attr"`
	B int `xml:"b,attr"`
}

type gexfSize struct {
	Value float64 `xml:"value,attr"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Label  string      `xml:"label,attr"`
	Weight int         `xml:"weight,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

// WriteGEXF writes g as GEXF 1.3.
func WriteGEXF(w io.Writer, g *Graph, now time.Time) error {
	doc := gexfDoc{
		NS: gexfNS, Viz: vizNS, Version: "1.3",
		Meta: gexfMeta{Modified: now.Format("2006-01-02"), Creator: "kg", Description: "entities and relations extracted from news articles"},
		Graph: gexfGraph{DefaultEdge: "directed", Mode: "static", Attrs: []gexfAttrs{
			{Class: "node", Attr: []gexfAttr{
				{"type", "type", "string"}, {"aliases", "aliases", "string"},
				{"articles", "articles", "integer"}, {"degree", "degree", "integer"},
			}},
			{Class: "edge", Attr: []gexfAttr{
				{"predicate", "predicate", "string"}, {"articles", "articles", "string"},
				{"symmetric", "symmetric", "boolean"},
			}},
		}},
	}
	for _, n := range g.Nodes {
		r, gr, b := rgb(colorOf(n.Type))
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNode{
			ID: n.ID, Label: n.Label,
			Values: []gexfValue{
				{"type", n.Type}, {"aliases", strings.Join(n.Aliases, "; ")},
				{"articles", fmt.Sprint(n.Articles)}, {"degree", fmt.Sprint(n.Degree)},
			},
			Color: gexfColor{r, gr, b},
			Size:  gexfSize{Value: 5 + 3*float64(n.Degree)},
		})
	}
	for i, e := range g.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, gexfEdge{
			ID: fmt.Sprintf("e%d", i), Source: e.Source, Target: e.Target, Label: e.Label, Weight: e.Weight,
			Values: []gexfValue{
				{"predicate", e.Predicate}, {"articles", strings.Join(e.Articles, " ")},
				{"symmetric", fmt.Sprint(e.Symmetric)},
			},
		})
	}
	return writeXML(w, doc)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
