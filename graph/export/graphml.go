package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// GraphML with declared keys: a name on nodes and an interaction on edges, as Cytoscape
// reads them, and yFiles graphics so that yEd shows labels and colours.
const (
	graphmlNS = "http://graphml.graphdrawing.org/xmlns"
	yNS       = "http://www.yworks.com/xml/graphml"
)

type graphmlDoc struct {
	XMLName xml.Name     `xml:"graphml"`
	NS      string       `xml:"xmlns,attr"`
	Y       string       `xml:"xmlns:y,attr"`
	Keys    []graphmlKey `xml:"key"`
	Graph   graphmlGraph `xml:"graph"`
}

type graphmlKey struct {
	ID     string `xml:"id,attr"`
	For    string `xml:"for,attr"`
	Name   string `xml:"attr.name,attr,omitempty"`
	Type   string `xml:"attr.type,attr,omitempty"`
	YFiles string `xml:"yfiles.type,attr,omitempty"`
}

type graphmlGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Nodes       []graphmlNode `xml:"node"`
	Edges       []graphmlEdge `xml:"edge"`
}

type graphmlNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphmlData `xml:"data"`
}

type graphmlEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphmlData `xml:"data"`
}

type graphmlData struct {
	Key   string     `xml:"key,attr"`
	Value string     `xml:",chardata"`
	Shape *yShape    `xml:"y:ShapeNode,omitempty"`
	Line  *yPolyLine `xml:"y:PolyLineEdge,omitempty"`
}

type yShape struct {
	Geometry yGeometry `xml:"y:Geometry"`
	Fill     yFill     `xml:"y:Fill"`
	Border   yLine     `xml:"y:BorderStyle"`
	Label    yLabel    `xml:"y:NodeLabel"`
	Shape    yShapeTyp `xml:"y:Shape"`
}

type yGeometry struct {
	Height float64 `xml:"height,attr"`
	Width  float64 `xml:"width,attr"`
}

type yFill struct {
	Color       string `xml:"color,attr"`
	Transparent bool   `xml:"transparent,attr"`
}

type yLine struct {
	Color string  `xml:"color,attr"`
	Type  string  `xml:"type,attr"`
	Width float64 `xml:"width,attr"`
}

type yLabel struct {
	Text string `xml:",chardata"`
}

type yShapeTyp struct {
	Type string `xml:"type,attr"`
}

type yPolyLine struct {
	Line  yLine  `xml:"y:LineStyle"`
	Arrow yArrow `xml:"y:Arrows"`
	Label yLabel `xml:"y:EdgeLabel"`
}

type yArrow struct {
	Source string `xml:"source,attr"`
	Target string `xml:"target,attr"`
}

// WriteGraphML writes g as GraphML with yFiles graphics.
func WriteGraphML(w io.Writer, g *Graph) error {
	doc := graphmlDoc{
		NS: graphmlNS, Y: yNS,
		Keys: []graphmlKey{
			{ID: "name", For: "node", Name: "name", Type: "string"},
			{ID: "type", For: "node", Name: "type", Type: "string"},
			{ID: "aliases", For: "node", Name: "aliases", Type: "string"},
			{ID: "articles", For: "node", Name: "articles", Type: "int"},
			{ID: "degree", For: "node", Name: "degree", Type: "int"},
			{ID: "color", For: "node", Name: "color", Type: "string"},
			{ID: "ng", For: "node", YFiles: "nodegraphics"},
			{ID: "interaction", For: "edge", Name: "interaction", Type: "string"},
			{ID: "label", For: "edge", Name: "label", Type: "string"},
			{ID: "weight", For: "edge", Name: "weight", Type: "int"},
			{ID: "sources", For: "edge", Name: "articles", Type: "string"},
			{ID: "eg", For: "edge", YFiles: "edgegraphics"},
		},
		Graph: graphmlGraph{ID: "kg", EdgeDefault: "directed"},
	}
	for _, n := range g.Nodes {
		size := 30 + 6*float64(n.Degree)
		doc.Graph.Nodes = append(doc.Graph.Nodes, graphmlNode{ID: n.ID, Data: []graphmlData{
			{Key: "name", Value: n.Label}, {Key: "type", Value: n.Type},
			{Key: "aliases", Value: strings.Join(n.Aliases, "; ")},
			{Key: "articles", Value: fmt.Sprint(n.Articles)}, {Key: "degree", Value: fmt.Sprint(n.Degree)},
			{Key: "color", Value: colorOf(n.Type)},
			{Key: "ng", Shape: &yShape{
				Geometry: yGeometry{Height: size, Width: size}, Fill: yFill{Color: colorOf(n.Type)},
				Border: yLine{Color: "#000000", Type: "line", Width: 1}, Label: yLabel{Text: n.Label},
				Shape: yShapeTyp{Type: "ellipse"},
			}},
		}})
	}
	for i, e := range g.Edges {
		arrow := "standard"
		doc.Graph.Edges = append(doc.Graph.Edges, graphmlEdge{ID: fmt.Sprintf("e%d", i), Source: e.Source, Target: e.Target, Data: []graphmlData{
			{Key: "interaction", Value: e.Predicate}, {Key: "label", Value: e.Label},
			{Key: "weight", Value: fmt.Sprint(e.Weight)}, {Key: "sources", Value: strings.Join(e.Articles, " ")},
			{Key: "eg", Line: &yPolyLine{
				Line:  yLine{Color: "#555555", Type: "line", Width: float64(e.Weight)},
				Arrow: yArrow{Source: "none", Target: arrow}, Label: yLabel{Text: e.Label},
			}},
		}})
	}
	return writeXML(w, doc)
}
