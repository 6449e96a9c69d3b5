package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// WriteCSV writes the edges of g as a table: source, types, target, predicate, weight,
// articles; names are the entities' canonical names.
func WriteCSV(w io.Writer, g *Graph) error {
	byID := map[string]Node{}
	for _, n := range g.Nodes {
		byID[n.ID] = n
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"source", "source_type", "predicate", "target", "target_type", "weight", "articles", "source_id", "target_id"})
	for _, e := range g.Edges {
		s, t := byID[e.Source], byID[e.Target]
		cw.Write([]string{s.Label, s.Type, e.Label, t.Label, t.Type, fmt.Sprint(e.Weight), strings.Join(e.Articles, " "), e.Source, e.Target})
	}
	cw.Flush()
	return cw.Error()
}
