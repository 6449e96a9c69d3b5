package graph

import (
	"context"
	"sort"
	"strings"

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

// NodeInfo is what the console's graph view shows of a node: its name (the one most of its
// articles give it), its type, and how many articles name it.
type NodeInfo struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type,omitempty"`
	Articles int    `json:"articles"`
}

// Subgraph describes the nodes ids name ("ent:…", or any IRI) and lists the relations
// among them, for drawing the answer of a query. Unknown ids are left out.
func (s *Store) Subgraph(ctx context.Context, ids []string) ([]NodeInfo, []RelationRow, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	symmetric := map[string]bool{}
	if sq, err := s.quadsOf(ctx, quad.Object, quad.IRI(voc.Symmetric)); err == nil {
		for _, q := range sq {
			symmetric[quadString(q.Subject)] = true
		}
	}
	type key struct{ s, p, o string }
	docs := map[key]map[string]bool{}
	var nodes []NodeInfo
	done := map[string]bool{}
	for _, id := range ids {
		if done[id] {
			continue
		}
		done[id] = true
		qs, err := s.quadsOf(ctx, quad.Subject, quad.IRI(id))
		if err != nil {
			return nil, nil, err
		}
		if len(qs) == 0 {
			continue
		}
		names := map[string]int{}
		types := map[string]map[string]bool{}
		articles := map[string]bool{}
		for _, q := range qs {
			p, _ := q.Predicate.(quad.IRI)
			switch {
			case string(p) == voc.Name:
				names[quadString(q.Object)]++
			case string(p) == voc.RDFType:
				t := voc.TypeName(quadString(q.Object))
				if types[t] == nil {
					types[t] = map[string]bool{}
				}
				types[t][labelDoc(q)] = true
			case voc.IsRelation(string(p)):
				o, ok := q.Object.(quad.IRI)
				if !ok || !want[string(o)] {
					break
				}
				k := key{id, string(p), string(o)}
				if docs[k] == nil {
					docs[k] = map[string]bool{}
				}
				docs[k][labelDoc(q)] = true
			}
			if d := labelDoc(q); d != "" {
				articles[d] = true
			}
		}
		name := bestName(names)
		if name == "" {
			name = id
		}
		nodes = append(nodes, NodeInfo{ID: id, Name: name, Type: majorityType(types), Articles: len(articles)})
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
	}
	rels := make([]RelationRow, 0, len(docs))
	for k, d := range docs {
		rels = append(rels, RelationRow{Subject: k.s, Predicate: k.p, Object: k.o, Symmetric: symmetric[k.p], Docs: sortedKeys(d)})
	}
	sort.Slice(rels, func(i, j int) bool {
		a, b := rels[i], rels[j]
		return a.Subject+" "+a.Predicate+" "+a.Object < b.Subject+" "+b.Predicate+" "+b.Object
	})
	return nodes, rels, nil
}

// ArticleInfo returns what the store knows of each article id ("politics_001"): its
// headline, and whatever else its article node says of it in literals (the date it was
// published, its source, its address, where kg read it), by the local name of the
// predicate ("headline", "datePublished", "path").
func (s *Store) ArticleInfo(ctx context.Context, ids []string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		qs, err := s.quadsOf(ctx, quad.Subject, quad.IRI(voc.DocPrefix+id))
		if err != nil {
			return nil, err
		}
		info := map[string]string{}
		for _, q := range qs {
			if _, isIRI := q.Object.(quad.IRI); isIRI {
				continue // the mentions, the type
			}
			p := strings.Trim(q.Predicate.String(), "<>")
			if p == voc.SHA256 {
				continue
			}
			if i := strings.LastIndexAny(p, ":/#"); i >= 0 {
				p = p[i+1:]
			}
			if _, ok := info[p]; !ok {
				info[p] = quadString(q.Object)
			}
		}
		out[id] = info
	}
	return out, nil
}
