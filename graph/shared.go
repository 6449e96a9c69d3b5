package graph

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// Several kg processes may write one PostgreSQL store at once (kg build --shard, or builds
// of different folders). Extraction runs in parallel; what depends on the articles
// written before (the ids given to articles, whether an article is in the store already,
// the old quads of one replaced, settling the links, the summary) is done one process at
// a time, under an exclusive advisory lock of the store's schema (Exclusive), held from
// the first read through the commit. So every batch sees every batch committed before it,
// and since linking is a function of the set of articles, the order in which the
// processes take the lock changes nothing: the graph is that of one sequential build.
//
// Each build also holds a shared advisory lock for as long as it runs (JoinBuild), so that
// the others can tell the live builds from those that were stopped. Its mark of a pending
// relink names it ("relink PID.START", the server process of its connection and when that
// started). Settling the links and counting the summary is left to the last build to
// finish (LastBuild): the others leave their marks, the last one sees marks of builds no
// longer running and settles every link key, as after a stopped build, then clears them.
//
// Bolt and the in-memory store have one writer at a time (bolt's file lock): there the
// lock does nothing and the mark is the plain "relink".

// advisory lock classes (the first key of pg_advisory_lock(int, int)); the second key is
// a hash of the schema, so that stores in other schemas of a database do not wait on
// each other
const (
	lockWrite = 0x6b6701 // batches, settling and the summary: one process at a time
	lockLive  = 0x6b6702 // held shared by every build while it runs
	lockInit  = 0x6b6703 // the creation of the schema
)

// lockSchema takes the lock of the creation of the schema of db's connections, on a
// connection of its own, until unlock.
func lockSchema(ctx context.Context, db *sql.DB) (unlock func(), err error) {
	c, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var schema string
	if err := c.QueryRowContext(ctx, `SELECT coalesce(current_schema(), '')`).Scan(&schema); err != nil {
		c.Close()
		return nil, err
	}
	key := schemaKey(schema)
	if _, err := c.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, lockInit, key); err != nil {
		c.Close()
		return nil, err
	}
	return func() {
		c.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1, $2)`, lockInit, key)
		c.Close()
	}, nil
}

// schemaKey is the schema's half of the lock keys.
func schemaKey(schema string) int64 {
	h := fnv.New32a()
	h.Write([]byte(schema))
	return int64(h.Sum32() & 0x7fffffff)
}

// coordinator is a SQL store's session for the locks: one connection of its own, since
// PostgreSQL's session locks belong to a connection.
type coordinator struct {
	mu     sync.Mutex // held with the write lock: advisory locks stack within a session, so goroutines of one process need this too
	jm     sync.Mutex // guards joined
	conn   *sql.Conn
	key    int64  // the schema's half of the lock keys
	token  string // "PID.START" of conn's server process
	joined bool   // the live lock is held
}

// shared reports whether other kg processes may write the store at the same time.
func (s *Store) shared() bool { return s.sqlDB != nil && s.cfg.Backend == Postgres && !s.cfg.ReadOnly }

// coord returns the store's coordinator, connecting it the first time.
func (s *Store) coord(ctx context.Context) (*coordinator, error) {
	s.coordOnce.Do(func() {
		c, err := s.sqlDB.Conn(ctx)
		if err != nil {
			s.coordErr = fmt.Errorf("lock the store: %w", err)
			return
		}
		var schema string
		var pid, start int64
		if err := c.QueryRowContext(ctx, `SELECT coalesce(current_schema(), ''), pg_backend_pid(),
			(extract(epoch FROM backend_start) * 1000000)::bigint FROM pg_stat_activity
			WHERE pid = pg_backend_pid()`).Scan(&schema, &pid, &start); err != nil {
			c.Close()
			s.coordErr = fmt.Errorf("lock the store: %w", err)
			return
		}
		s.coordState = &coordinator{conn: c, key: schemaKey(schema), token: fmt.Sprintf("%d.%d", pid, start)}
	})
	return s.coordState, s.coordErr
}

// closeCoord closes the coordinator's connection, which releases its locks.
func (s *Store) closeCoord() {
	if s.coordState != nil {
		s.coordState.conn.Close()
	}
}

// Exclusive waits until no other kg process writes the store and keeps the others out
// until release is called: for the reads a write depends on, through its commit. On
// stores that one process writes at a time it does nothing.
func (s *Store) Exclusive(ctx context.Context) (release func(), err error) {
	if !s.shared() {
		return func() {}, nil
	}
	c, err := s.coord(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if _, err := c.conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, lockWrite, c.key); err != nil {
		c.mu.Unlock()
		if ctx.Err() != nil {
			return nil, ctx.Err() // interrupted while it waited
		}
		return nil, fmt.Errorf("wait for the other builds into the store: %w", err)
	}
	return func() {
		// a connection that fails here has lost its session, and its locks with it
		c.conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1, $2)`, lockWrite, c.key)
		c.mu.Unlock()
	}, nil
}

// JoinBuild tells the other kg processes writing the store that a build runs, until
// leave is called or the process ends. On stores one process writes at a time it does
// nothing.
func (s *Store) JoinBuild(ctx context.Context) (leave func(), err error) {
	if !s.shared() {
		return func() {}, nil
	}
	c, err := s.coord(ctx)
	if err != nil {
		return nil, err
	}
	c.jm.Lock()
	defer c.jm.Unlock()
	if c.joined {
		return func() {}, nil
	}
	if _, err := c.conn.ExecContext(ctx, `SELECT pg_advisory_lock_shared($1, $2)`, lockLive, c.key); err != nil {
		return nil, fmt.Errorf("join the builds into the store: %w", err)
	}
	c.joined = true
	return func() { s.leaveBuild(ctx) }, nil
}

func (s *Store) leaveBuild(ctx context.Context) {
	c := s.coordState
	if c == nil {
		return
	}
	c.jm.Lock()
	defer c.jm.Unlock()
	if c.joined {
		c.conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock_shared($1, $2)`, lockLive, c.key)
		c.joined = false
	}
}

// liveBuilds returns the tokens of the builds into the store that run now, this one
// included if it joined. Called under Exclusive.
func (s *Store) liveBuilds(ctx context.Context) (map[string]bool, error) {
	c, err := s.coord(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := c.conn.QueryContext(ctx, `SELECT l.pid, (extract(epoch FROM a.backend_start) * 1000000)::bigint
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
		AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`, lockLive, c.key)
	if err != nil {
		return nil, fmt.Errorf("list the builds into the store: %w", err)
	}
	defer rows.Close()
	live := map[string]bool{}
	for rows.Next() {
		var pid, start int64
		if err := rows.Scan(&pid, &start); err != nil {
			return nil, fmt.Errorf("list the builds into the store: %w", err)
		}
		live[fmt.Sprintf("%d.%d", pid, start)] = true
	}
	return live, rows.Err()
}

// markQuad is this process's mark of a pending relink.
func (s *Store) markQuad(ctx context.Context) (quad.Quad, error) {
	if !s.shared() {
		return pendingQuad, nil
	}
	c, err := s.coord(ctx)
	if err != nil {
		return quad.Quad{}, err
	}
	q := pendingQuad
	q.Object = quad.String(markPrefix + c.token)
	return q, nil
}

const markPrefix = "relink "

// marks returns the store's marks of a pending relink.
func (s *Store) marks(ctx context.Context) ([]quad.Quad, error) {
	qs, err := s.quadsOf(ctx, quad.Subject, quad.IRI(voc.Links))
	if err != nil {
		return nil, err
	}
	var out []quad.Quad
	for _, q := range qs {
		if q.Predicate.String() == pendingQuad.Predicate.String() {
			out = append(out, q)
		}
	}
	return out, nil
}

// ownerOf is the token of the build that left a mark, "" for the plain mark.
func ownerOf(mark quad.Quad) string {
	t, _ := strings.CutPrefix(quadString(mark.Object), markPrefix)
	if t == quadString(mark.Object) {
		return ""
	}
	return t
}

// markState sorts the store's marks: whether one was left by a process that no longer
// runs (a build or removal stopped, or a build that left settling to the last one), and
// whether another build runs now. Called under Exclusive.
func (s *Store) markState(ctx context.Context) (stale, others bool, err error) {
	ms, err := s.marks(ctx)
	if err != nil {
		return false, false, err
	}
	if !s.shared() {
		return len(ms) > 0, false, nil
	}
	c, err := s.coord(ctx)
	if err != nil {
		return false, false, err
	}
	live, err := s.liveBuilds(ctx)
	if err != nil {
		return false, false, err
	}
	for _, m := range ms {
		if o := ownerOf(m); o != c.token && !live[o] {
			stale = true
		}
	}
	for t := range live {
		if t != c.token {
			others = true
		}
	}
	return stale, others, nil
}

// RelinkStale reports whether a build or removal that no longer runs changed articles
// and did not relink the keys it touched: the next build settles every key. On a store
// one process writes at a time it is RelinkPending.
func (s *Store) RelinkStale(ctx context.Context) (bool, error) {
	stale, _, err := s.markState(ctx)
	return stale, err
}

// LastBuild reports, under Exclusive, whether this build is the last of the builds into
// the store that run now, and so the one to settle the links and count the summary; and
// whether builds that no longer run left their relink to it (then every key is settled).
// A build that is not the last leaves the others at once (see JoinBuild), before it
// lets go of the lock, so that the next to take it does not wait on it.
func (s *Store) LastBuild(ctx context.Context) (last, stale bool, err error) {
	if !s.shared() {
		return true, false, nil // the build saw the marks left before it when it started
	}
	stale, others, err := s.markState(ctx)
	if err != nil {
		return false, false, err
	}
	if others {
		s.leaveBuild(ctx)
		return false, stale, nil
	}
	return true, stale, nil
}

// clearMarks removes this process's mark and those of processes that no longer run.
func (s *Store) clearMarks(ctx context.Context) error {
	ms, err := s.marks(ctx)
	if err != nil || len(ms) == 0 {
		return err
	}
	if !s.shared() {
		return s.deleteQuads(ms)
	}
	c, err := s.coord(ctx)
	if err != nil {
		return err
	}
	live, err := s.liveBuilds(ctx)
	if err != nil {
		return err
	}
	var del []quad.Quad
	for _, m := range ms {
		if o := ownerOf(m); o == c.token || !live[o] {
			del = append(del, m)
		}
	}
	return s.deleteQuads(del)
}

// addMark marks the store as waiting for this process's relink.
func (s *Store) addMark(ctx context.Context) error {
	q, err := s.markQuad(ctx)
	if err != nil {
		return err
	}
	return s.QS.ApplyDeltas([]cgraph.Delta{{Quad: q, Action: cgraph.Add}}, cgraph.IgnoreOpts{IgnoreDup: true})
}

// hasMark reports whether this process's mark is in the store.
func (s *Store) hasMark(ctx context.Context) (bool, error) {
	q, err := s.markQuad(ctx)
	if err != nil {
		return false, err
	}
	ms, err := s.marks(ctx)
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		if m.Object.String() == q.Object.String() {
			return true, nil
		}
	}
	return false, nil
}
