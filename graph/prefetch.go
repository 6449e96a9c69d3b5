package graph

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/kg-news/kg/graph/voc"
)

// On a SQL store every lookup is a round trip to the server. prefetch answers the lookups
// of a batch of articles with one query instead: the articles' content hashes.

// sqlHash is the value of v's hash column in Cayley's SQL schema.
func sqlHash(v quad.Value) []byte {
	h := refs.HashOf(v)
	return h[:]
}

// prefetch fills the writer's cache of content hashes for arts from a SQL store.
func (w *Writer) prefetch(ctx context.Context, arts []Doc) error {
	db := w.s.sqlDB
	w.hashes = map[string]string{}
	var docHashes [][]byte
	byDoc := map[string]string{}
	for _, a := range arts {
		iri := voc.DocIRI(a.ID)
		docHashes = append(docHashes, sqlHash(iri))
		byDoc[string(iri)] = a.ID
		w.hashes[a.ID] = ""
	}
	return queryRows(ctx, db, `SELECT s.value_string, o.value_string FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
		WHERE q.predicate_hash = $1 AND q.subject_hash = ANY($2)`,
		[]any{sqlHash(quad.IRI(voc.SHA256)), pq.ByteaArray(docHashes)},
		func(s, o string) { w.hashes[byDoc[s]] = o })
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
