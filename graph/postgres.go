package graph

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach" // Cayley's CockroachDB backend
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"  // Cayley's PostgreSQL backend
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// openSQL opens Cayley's SQL backend on PostgreSQL (or CockroachDB, which speaks its
// protocol), creating the schema when the database has none, and a connection of kg's own
// for bulk writes into the same schema.
func openSQL(ctx context.Context, cfg Config) (cgraph.QuadStore, *sql.DB, error) {
	if !strings.HasPrefix(cfg.Path, "postgres://") && !strings.HasPrefix(cfg.Path, "postgresql://") {
		return nil, nil, fmt.Errorf("with --db %s, --store must be a postgres:// URL, not %q", cfg.Backend, cfg.Path)
	}
	db, err := sql.Open("postgres", cfg.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("open store %s: %w", redact(cfg.Path), err)
	}
	fail := func(err error) (cgraph.QuadStore, *sql.DB, error) {
		db.Close()
		return nil, nil, fmt.Errorf("open store %s: %w", redact(cfg.Path), err)
	}
	if err := db.PingContext(ctx); err != nil {
		return fail(err)
	}
	if !cfg.ReadOnly && cfg.Backend == Postgres {
		// builds started at once into a new store would each create the schema: the
		// first does, under a lock, and the others find it
		unlock, err := lockSchema(ctx, db)
		if err != nil {
			return fail(err)
		}
		defer unlock()
	}
	var nodes, quads sql.NullString
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('nodes')::text, to_regclass('quads')::text`).Scan(&nodes, &quads); err != nil {
		return fail(err)
	}
	switch {
	case nodes.Valid && quads.Valid:
	case nodes.Valid || quads.Valid:
		return fail(errors.New("the database has a nodes or a quads table but not both: it is not a Cayley store"))
	case cfg.ReadOnly:
		return fail(fmt.Errorf("the database has no graph yet: build one with kg build --db %s", cfg.Backend))
	default:
		if err := cgraph.InitQuadStore(cfg.Backend, cfg.Path, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return fail(err)
		}
		// Cayley's schema checks four foreign keys on every quad inserted, which costs
		// about half of a bulk insert. kg writes a batch's nodes and quads in one
		// transaction and Cayley deletes a node only when no quad uses it, so the
		// references stay whole without them (Cayley's CockroachDB flavour of the same
		// schema has none either). Stores made by other tools keep theirs.
		if cfg.Backend != Postgres {
			break
		}
		if _, err := db.ExecContext(ctx, `ALTER TABLE quads DROP CONSTRAINT IF EXISTS subject_hash_fk,
			DROP CONSTRAINT IF EXISTS predicate_hash_fk, DROP CONSTRAINT IF EXISTS object_hash_fk,
			DROP CONSTRAINT IF EXISTS label_hash_fk`); err != nil {
			return fail(err)
		}
	}
	qs, err := cgraph.NewQuadStore(cfg.Backend, cfg.Path, nil)
	if err != nil {
		return fail(err)
	}
	return qs, db, nil
}

// redact hides the password of a connection URL.
func redact(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.Index(u[i+3:], "@"); j >= 0 {
			cred := u[i+3 : i+3+j]
			if k := strings.Index(cred, ":"); k >= 0 {
				return u[:i+3] + cred[:k] + ":***" + u[i+3+j:]
			}
		}
	}
	return u
}

// nodeColumns are the value columns of Cayley's nodes table, in the order kg copies them.
var nodeColumns = []string{"value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// bulkInsert adds quads to Cayley's PostgreSQL schema in one transaction, with COPY into
// temporary tables and one INSERT … SELECT per table instead of Cayley's statement per
// row. Node reference counts are raised by the quads actually inserted, so that a quad
// present already counts once.
func (s *Store) bulkInsert(ctx context.Context, quads []quad.Quad) error {
	if len(quads) == 0 {
		return nil
	}
	type node struct {
		hash []byte
		val  quad.Value
	}
	nodes := map[refs.ValueHash]node{}
	type row [4]refs.ValueHash
	rows := make([]row, 0, len(quads))
	seen := make(map[row]bool, len(quads))
	for _, q := range quads {
		var r row
		for i, dir := range quad.Directions {
			v := q.Get(dir)
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			if _, ok := nodes[h]; !ok {
				nodes[h] = node{hash: append([]byte(nil), h[:]...), val: v}
			}
			r[i] = h
		}
		if !seen[r] {
			seen[r] = true
			rows = append(rows, r)
		}
	}
	tx, err := s.sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, stmt := range []string{
		`CREATE TEMP TABLE IF NOT EXISTS kg_nodes_in (hash BYTEA, value BYTEA, value_string TEXT, datatype TEXT,
			language TEXT, iri BOOLEAN, bnode BOOLEAN, value_int BIGINT, value_bool BOOLEAN,
			value_float DOUBLE PRECISION, value_time TIMESTAMP WITH TIME ZONE) ON COMMIT DELETE ROWS`,
		`CREATE TEMP TABLE IF NOT EXISTS kg_quads_in (subject_hash BYTEA, predicate_hash BYTEA,
			object_hash BYTEA, label_hash BYTEA) ON COMMIT DELETE ROWS`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("bulk write: %w", err)
		}
	}
	cp, err := tx.PrepareContext(ctx, pq.CopyIn("kg_nodes_in", append([]string{"hash"}, nodeColumns...)...))
	if err != nil {
		return fmt.Errorf("bulk write nodes: %w", err)
	}
	for _, n := range nodes {
		key, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: refs.ValueHash(toHash(n.hash))}, n.val)
		if err != nil {
			return err
		}
		rec := make([]any, 1+len(nodeColumns))
		rec[0] = n.hash
		for i, col := range key.Columns() {
			for j, c := range nodeColumns {
				if c == col {
					rec[1+j] = vals[1+i]
				}
			}
		}
		if _, err := cp.ExecContext(ctx, rec...); err != nil {
			return fmt.Errorf("bulk write nodes: %w", err)
		}
	}
	if _, err := cp.ExecContext(ctx); err != nil {
		return fmt.Errorf("bulk write nodes: %w", err)
	}
	cp.Close()
	cols := strings.Join(nodeColumns, ", ")
	if _, err := tx.ExecContext(ctx, `INSERT INTO nodes (hash, refs, `+cols+`) SELECT hash, 0, `+cols+
		` FROM kg_nodes_in ON CONFLICT (hash) DO NOTHING`); err != nil {
		return fmt.Errorf("bulk write nodes: %w", err)
	}
	cq, err := tx.PrepareContext(ctx, pq.CopyIn("kg_quads_in", "subject_hash", "predicate_hash", "object_hash", "label_hash"))
	if err != nil {
		return fmt.Errorf("bulk write quads: %w", err)
	}
	for _, r := range rows {
		var label any
		if r[3] != (refs.ValueHash{}) {
			label = r[3][:]
		}
		if _, err := cq.ExecContext(ctx, r[0][:], r[1][:], r[2][:], label); err != nil {
			return fmt.Errorf("bulk write quads: %w", err)
		}
	}
	if _, err := cq.ExecContext(ctx); err != nil {
		return fmt.Errorf("bulk write quads: %w", err)
	}
	cq.Close()
	if _, err := tx.ExecContext(ctx, `
		WITH ins AS (
			INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
			SELECT subject_hash, predicate_hash, object_hash, label_hash, now() FROM kg_quads_in
			ORDER BY subject_hash, predicate_hash, object_hash, label_hash
			ON CONFLICT DO NOTHING
			RETURNING subject_hash, predicate_hash, object_hash, label_hash
		), used AS (
			SELECT h, count(*) AS n FROM (
				SELECT subject_hash AS h FROM ins UNION ALL SELECT predicate_hash FROM ins
				UNION ALL SELECT object_hash FROM ins UNION ALL SELECT label_hash FROM ins WHERE label_hash IS NOT NULL
			) x GROUP BY h
		)
		UPDATE nodes SET refs = nodes.refs + used.n FROM used WHERE nodes.hash = used.h`); err != nil {
		return fmt.Errorf("bulk write quads: %w", err)
	}
	// nodes no quad ended up using (every quad was there already) go again
	if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE refs <= 0 AND hash IN (SELECT hash FROM kg_nodes_in)`); err != nil {
		return fmt.Errorf("bulk write nodes: %w", err)
	}
	return tx.Commit()
}

func toHash(b []byte) (h refs.ValueHash) {
	copy(h[:], b)
	return h
}

// PostgresScratch creates a schema of its own in the PostgreSQL database at base and
// returns a URL that puts kg's tables there, and a function that drops it: for tests
// and benchmarks that must not touch a real graph.
func PostgresScratch(ctx context.Context, base string) (string, func(), error) {
	db, err := sql.Open("postgres", base)
	if err != nil {
		return "", nil, err
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "kg_scratch_" + hex.EncodeToString(b[:])
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("create a scratch schema in %s: %w", redact(base), err)
	}
	drop := func() {
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
		db.Close()
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// DumpPostgres returns every quad and node of the Cayley store at the postgres:// URL, by
// hash, with each node's reference count, in order, so that two stores can be compared:
// the hashes are those of the values, so equal dumps are equal graphs.
func DumpPostgres(ctx context.Context, url string) ([]string, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var out []string
	for _, q := range []string{
		`SELECT 'quad ' || encode(subject_hash, 'hex') || ' ' || encode(predicate_hash, 'hex') || ' ' ||
			encode(object_hash, 'hex') || ' ' || coalesce(encode(label_hash, 'hex'), '-') FROM quads ORDER BY 1`,
		`SELECT 'node ' || encode(hash, 'hex') || ' ' || refs FROM nodes ORDER BY 1`,
	} {
		err := func() error {
			rows, err := db.QueryContext(ctx, q)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					return err
				}
				out = append(out, s)
			}
			return rows.Err()
		}()
		if err != nil {
			return nil, fmt.Errorf("dump %s: %w", redact(url), err)
		}
	}
	return out, nil
}
