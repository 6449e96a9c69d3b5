package graph

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph/voc"
)

// On a SQL store every lookup of the resolver is a round trip to the server, thousands
// per batch. prefetch answers the lookups a batch of articles will make with a handful
// of queries instead: the articles' content hashes, the nodes that have their entities'
// keys, what those nodes are, and which of the IRIs new entities would take are taken.

// sqlHash is the value of v's hash column in Cayley's SQL schema.
func sqlHash(v quad.Value) []byte {
	h := refs.HashOf(v)
	return h[:]
}

// prefetch fills the resolver's and the writer's caches for docs from a SQL store.
func (w *Writer) prefetch(ctx context.Context, docs []*extract.Document) error {
	db, r := w.s.sqlDB, w.res
	// content hashes of the articles
	w.hashes = map[string]string{}
	var docHashes [][]byte
	byDoc := map[string]string{}
	for _, d := range docs {
		iri := voc.DocIRI(d.ID)
		docHashes = append(docHashes, sqlHash(iri))
		byDoc[string(iri)] = d.ID
		w.hashes[d.ID] = ""
	}
	err := queryRows(ctx, db, `SELECT s.value_string, o.value_string FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
		WHERE q.predicate_hash = $1 AND q.subject_hash = ANY($2)`,
		[]any{sqlHash(quad.IRI(voc.SHA256)), pq.ByteaArray(docHashes)},
		func(s, o string) { w.hashes[byDoc[s]] = o })
	if err != nil {
		return err
	}
	// nodes that have the keys of the articles' entities, and the IRIs new ones would take
	var keyHashes, iriHashes [][]byte
	keys := map[string]bool{}
	iris := map[quad.IRI]bool{}
	for _, d := range docs {
		for e := range d.Entities {
			ent := &d.Entities[e]
			for _, k := range extract.NameKeys(ent) {
				if _, ok := r.byKey[k]; !ok && !keys[k] {
					keys[k] = true
					keyHashes = append(keyHashes, sqlHash(quad.String(k)))
				}
			}
			slug := extract.Slug(ent.Name)
			for _, iri := range []quad.IRI{voc.EntityIRI(slug), voc.EntityIRI(slug + "_(" + string(ent.Type) + ")")} {
				if _, ok := r.present[iri]; !ok && !iris[iri] {
					iris[iri] = true
					iriHashes = append(iriHashes, sqlHash(iri))
				}
			}
		}
	}
	found := map[string][]quad.IRI{}
	err = queryRows(ctx, db, `SELECT o.value_string, s.value_string FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
		WHERE q.predicate_hash = $1 AND q.object_hash = ANY($2) AND s.iri`,
		[]any{sqlHash(quad.IRI(voc.Key)), pq.ByteaArray(keyHashes)},
		func(k, s string) { found[k] = append(found[k], quad.IRI(s)) })
	if err != nil {
		return err
	}
	for iri := range iris {
		r.present[iri] = false
	}
	err = queryRows(ctx, db, `SELECT value_string, '' FROM nodes WHERE hash = ANY($1) AND iri`,
		[]any{pq.ByteaArray(iriHashes)},
		func(s, _ string) { r.present[quad.IRI(s)] = true })
	if err != nil {
		return err
	}
	// what the found nodes are: names, types, number of articles
	var subjects [][]byte
	fresh := map[quad.IRI]*candidate{}
	for _, list := range found {
		for _, iri := range list {
			if r.byIRI[iri] == nil && fresh[iri] == nil {
				fresh[iri] = &candidate{iri: iri, types: map[string]bool{}}
				subjects = append(subjects, sqlHash(iri))
			}
		}
	}
	if len(subjects) > 0 {
		names := map[quad.IRI]map[string]int{}
		err = queryRows(ctx, db, `SELECT s.value_string, o.value_string FROM quads q
			JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
			WHERE q.predicate_hash = $1 AND q.subject_hash = ANY($2)`,
			[]any{sqlHash(quad.IRI(voc.Name)), pq.ByteaArray(subjects)},
			func(s, o string) {
				iri := quad.IRI(s)
				if names[iri] == nil {
					names[iri] = map[string]int{}
				}
				names[iri][o]++
			})
		if err != nil {
			return err
		}
		err = queryRows(ctx, db, `SELECT s.value_string, o.value_string FROM quads q
			JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
			WHERE q.predicate_hash = $1 AND q.subject_hash = ANY($2) AND o.iri`,
			[]any{sqlHash(quad.IRI(voc.RDFType)), pq.ByteaArray(subjects)},
			func(s, o string) {
				if c := fresh[quad.IRI(s)]; c != nil {
					c.types[voc.TypeName(quad.IRI(o).String())] = true
				}
			})
		if err != nil {
			return err
		}
		err = queryRows(ctx, db, `SELECT o.value_string, count(*)::text FROM quads q
			JOIN nodes o ON o.hash = q.object_hash
			WHERE q.predicate_hash = $1 AND q.object_hash = ANY($2) GROUP BY o.value_string`,
			[]any{sqlHash(quad.IRI(voc.Mentions)), pq.ByteaArray(subjects)},
			func(o, n string) {
				if c := fresh[quad.IRI(o)]; c != nil {
					fmt.Sscan(n, &c.docs)
				}
			})
		if err != nil {
			return err
		}
		for iri, c := range fresh {
			c.name = bestName(names[iri])
			r.byIRI[iri] = c
			r.present[iri] = true
		}
	}
	for k := range keys {
		var cands []*candidate
		for _, iri := range found[k] {
			cands = appendCandidate(cands, r.byIRI[iri])
		}
		r.byKey[k] = cands
	}
	return nil
}

// queryRows runs a query whose rows are two text columns and hands each row to f.
func queryRows(ctx context.Context, db *sql.DB, query string, args []any, f func(a, b string)) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("prefetch: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b sql.NullString
		if err := rows.Scan(&a, &b); err != nil {
			return fmt.Errorf("prefetch: %w", err)
		}
		f(a.String, b.String)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("prefetch: %w", err)
	}
	return nil
}
