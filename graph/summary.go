package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// The summary is what no per-article quad can say: which entities are the most connected
// across the whole graph. Counting that means reading every statement, seconds on a large
// store, so kg counts it once after each build or removal and keeps it as one quad in a
// graph of its own (label kg:summary): the subject kg:summary, the predicate kg:top and a
// JSON list of TopRow as the object, which the canned query "top" reads. Every write of
// articles deletes it first, so a summary in the store is never stale; when it is absent
// (a build stopped half-way, a store written by another tool) "top" counts the slow way.

// TopRow is an entity of the summary: how many relation statements name it, in how many
// articles.
type TopRow struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Type       string `json:"type"`
	Statements int    `json:"statements"`
	Articles   int    `json:"articles"`
}

// maxTop is how many entities the summary keeps.
const maxTop = 1000

// summaryQuads returns the summary quads the store holds.
func (s *Store) summaryQuads(ctx context.Context) ([]quad.Quad, error) {
	qs, err := s.quadsOf(ctx, quad.Subject, quad.IRI(voc.Summary))
	if err != nil {
		return nil, err
	}
	var out []quad.Quad
	for _, q := range qs {
		if q.Label != nil && q.Label.String() == quad.IRI(voc.Summary).String() {
			out = append(out, q)
		}
	}
	return out, nil
}

// Top counts the most connected entities of the graph, reading every statement.
func (s *Store) Top(ctx context.Context, limit int) ([]TopRow, error) {
	ends := map[string][2]string{} // statement -> subject, object
	docs := map[string]string{}
	for _, pred := range []string{voc.Subject, voc.Object, voc.Doc} {
		qs, err := s.quadsOfPredicate(ctx, pred)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			st := q.Subject.String()
			switch pred {
			case voc.Subject:
				e := ends[st]
				e[0] = quadString(q.Object)
				ends[st] = e
			case voc.Object:
				e := ends[st]
				e[1] = quadString(q.Object)
				ends[st] = e
			case voc.Doc:
				docs[st] = q.Object.String()
			}
		}
	}
	counts := map[string]int{}
	articles := map[string]map[string]bool{}
	for st, e := range ends {
		if e[0] == "" || e[1] == "" || docs[st] == "" {
			continue
		}
		for _, x := range e {
			counts[x]++
			if articles[x] == nil {
				articles[x] = map[string]bool{}
			}
			articles[x][docs[st]] = true
		}
	}
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if counts[ids[i]] != counts[ids[j]] {
			return counts[ids[i]] > counts[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > limit {
		ids = ids[:limit]
	}
	rows := make([]TopRow, 0, len(ids))
	for _, id := range ids {
		qs, err := s.quadsOf(ctx, quad.Subject, quad.IRI(id))
		if err != nil {
			return nil, err
		}
		names := map[string]int{}
		types := map[string]map[string]bool{}
		for _, q := range qs {
			switch q.Predicate.String() {
			case quad.IRI(voc.Name).String():
				names[quadString(q.Object)]++
			case quad.IRI(voc.RDFType).String():
				t := voc.TypeName(q.Object.String())
				if types[t] == nil {
					types[t] = map[string]bool{}
				}
				types[t][labelDoc(q)] = true
			}
		}
		rows = append(rows, TopRow{ID: "<" + id + ">", Name: bestName(names), Type: majorityType(types),
			Statements: counts[id], Articles: len(articles[id])})
	}
	return rows, nil
}

// HasSummary reports whether the store holds a summary.
func (s *Store) HasSummary(ctx context.Context) (bool, error) {
	qs, err := s.summaryQuads(ctx)
	return len(qs) > 0, err
}

// RefreshSummary recounts the summary and replaces the one in the store.
func (s *Store) RefreshSummary(ctx context.Context) error {
	if s.cfg.ReadOnly {
		return ErrReadOnly
	}
	rows, err := s.Top(ctx, maxTop)
	if err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	js, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	q := quad.Quad{Subject: quad.IRI(voc.Summary), Predicate: quad.IRI(voc.Top), Object: quad.String(js), Label: quad.IRI(voc.Summary)}
	old, err := s.summaryQuads(ctx)
	if err != nil {
		return err
	}
	if len(old) == 1 && old[0].Object.String() == q.Object.String() {
		return nil
	}
	// deletes and adds in separate transactions: see Writer.Write
	if err := s.deleteQuads(old); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	if err := s.QS.ApplyDeltas([]cgraph.Delta{{Quad: q, Action: cgraph.Add}}, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	return nil
}

func (s *Store) deleteQuads(qs []quad.Quad) error {
	if len(qs) == 0 {
		return nil
	}
	ds := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		ds[i] = cgraph.Delta{Quad: q, Action: cgraph.Delete}
	}
	return s.QS.ApplyDeltas(ds, cgraph.IgnoreOpts{IgnoreMissing: true})
}
