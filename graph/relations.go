package graph

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// RelationRow is one relation between two entities with the articles that state it,
// read from the relation quads themselves (<ent:A> <invited> <ent:B>, labelled with the
// article) rather than from the statement nodes: what a picture of the graph needs,
// without the evidence sentences and qualifiers that kg facts prints.
type RelationRow struct {
	Subject, Object string   // entity ids, "ent:…"
	Predicate       string   // the verb as stored, "spoke_with"
	Symmetric       bool     // the relation has no direction ("met")
	Docs            []string // the articles, sorted
}

// EntitiesAndRelations lists the entities as Entities does and, in the same pass over
// each entity's quads, every relation between two entities once with the articles that
// state it. (Cayley's KV store has no index by predicate: reading relations by their
// predicates would walk the whole store once per verb.)
func (s *Store) EntitiesAndRelations(ctx context.Context) ([]EntityRow, []RelationRow, error) {
	symmetric := map[string]bool{}
	if sq, err := s.quadsOf(ctx, quad.Object, quad.IRI(voc.Symmetric)); err == nil {
		for _, q := range sq {
			symmetric[quadString(q.Subject)] = true
		}
	}
	type key struct{ s, p, o string }
	docs := map[key]map[string]bool{}
	ents, err := s.entities(ctx, func(q quad.Quad) {
		p, ok := q.Predicate.(quad.IRI)
		if !ok || !voc.IsRelation(string(p)) {
			return
		}
		if _, ok := q.Object.(quad.IRI); !ok {
			return
		}
		k := key{quadString(q.Subject), string(p), quadString(q.Object)}
		if docs[k] == nil {
			docs[k] = map[string]bool{}
		}
		if d := labelDoc(q); d != "" {
			docs[k][d] = true
		}
	})
	if err != nil {
		return nil, nil, err
	}
	rows := make([]RelationRow, 0, len(docs))
	for k, d := range docs {
		rows = append(rows, RelationRow{Subject: k.s, Predicate: k.p, Object: k.o, Symmetric: symmetric[k.p], Docs: sortedKeys(d)})
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if len(a.Docs) != len(b.Docs) {
			return len(a.Docs) > len(b.Docs)
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		return a.Object < b.Object
	})
	return ents, rows, nil
}
