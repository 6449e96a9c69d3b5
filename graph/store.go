// Package graph keeps kg's knowledge graph in a Cayley quad store: it opens and closes the
// store from a Config, writes articles atomically and idempotently, resolves entities
// across articles, reads the graph back as listings, runs Gizmo queries under a context,
// and serves Cayley's web console.
//
// The default backend is an embedded bolt file opened through a backend of our own
// ("kgbolt") that waits a bounded time for the file lock and opens read-only stores with
// a shared lock. The same code runs on Cayley's in-memory store (tests) and on its SQL
// backend (PostgreSQL, CockroachDB).
package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/memstore" // the in-memory backend
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// Backends a Config can name.
const (
	Bolt      = "bolt"
	Memory    = "memstore"
	Postgres  = "postgres"
	Cockroach = "cockroach" // Cayley's CockroachDB flavour of the SQL backend; not tested in CI
)

// DefaultPath is where the bolt store lives unless --store or KG_STORE says otherwise.
const DefaultPath = "kg.db"

// DefaultLockTimeout is how long a bolt store waits for another process's lock.
const DefaultLockTimeout = 2 * time.Second

// Errors a caller may test with errors.Is.
var (
	ErrBusy     = errors.New("store is in use by another kg process")
	ErrNotFound = errors.New("store does not exist")
	ErrReadOnly = errors.New("store is open read-only")
)

// Config says which store to open and how.
type Config struct {
	Backend     string        // Bolt (default), Memory, Postgres or Cockroach
	Path        string        // file for bolt, connection URL for postgres and cockroach
	ReadOnly    bool          // open for reading only; bolt then shares its lock with other readers
	LockTimeout time.Duration // how long bolt waits for a lock; DefaultLockTimeout if 0
	NoSync      bool          // bolt: skip the fsync of each commit (bulk loads; Sync at the end)
}

// Store is an open knowledge graph.
type Store struct {
	QS    cgraph.QuadStore
	cfg   Config
	bolt  *bolt.DB // the file under a bolt store, for Sync
	sqlDB *sql.DB  // kg's own connection to a SQL store
	bulk  bool     // sqlDB takes kg's bulk writes (PostgreSQL)

	scriptRunning atomic.Bool // a stopped Gizmo script did not end: closing bolt would hang

	// the session of a shared SQL store's locks (see shared.go), made when first needed
	coordOnce  sync.Once
	coordState *coordinator
	coordErr   error
}

// Sync flushes a bolt store opened with NoSync to disk.
func (s *Store) Sync() error {
	if s.bolt == nil || !s.bolt.NoSync {
		return nil
	}
	return s.bolt.Sync()
}

// Open opens the store cfg names, creating it when it does not exist and cfg is not
// read-only.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Backend == "" {
		cfg.Backend = Bolt
	}
	if cfg.LockTimeout <= 0 {
		cfg.LockTimeout = DefaultLockTimeout
	}
	var qs cgraph.QuadStore
	var err error
	var db *bolt.DB
	var sqlDB *sql.DB
	switch cfg.Backend {
	case Bolt:
		qs, db, err = openBolt(cfg)
	case Memory:
		qs, err = cgraph.NewQuadStore("memstore", "", nil)
	case Postgres, Cockroach:
		qs, sqlDB, err = openSQL(ctx, cfg)
	default:
		return nil, fmt.Errorf("unknown store backend %q (want %s, %s, %s or %s)", cfg.Backend, Bolt, Postgres, Cockroach, Memory)
	}
	if err != nil {
		return nil, err
	}
	return &Store{QS: qs, cfg: cfg, bolt: db, sqlDB: sqlDB, bulk: cfg.Backend == Postgres}, nil
}

// openBolt opens or creates the bolt file through the kgbolt backend.
func openBolt(cfg Config) (cgraph.QuadStore, *bolt.DB, error) {
	if cfg.Path == "" {
		cfg.Path = DefaultPath
	}
	opts := cgraph.Options{
		optTimeout:  cfg.LockTimeout.String(),
		optReadOnly: cfg.ReadOnly,
		optNoSync:   cfg.NoSync,
		"upfront":   true, // create every bucket at once, so that an empty store reads as empty
		// Cayley's KV store keeps bloom filters sized for 100 million quads, about 75 MB
		// each and up to four, and fills the quad filter by scanning the whole log on
		// every open. Without them a build of the BBC corpus takes 5-8% longer and peaks
		// at 260 MB instead of 880 MB; readers never use them.
		kv.OptNoBloom: true,
	}
	st, err := os.Stat(cfg.Path)
	create := false
	switch {
	case err == nil && st.IsDir():
		return nil, nil, fmt.Errorf("open store %q: it is a directory, not a kg store file", cfg.Path)
	case errors.Is(err, os.ErrNotExist):
		if cfg.ReadOnly {
			return nil, nil, fmt.Errorf("open store %q: %w (build it first with: kg build --store %s data/)", cfg.Path, ErrNotFound, cfg.Path)
		}
		if err := createBolt(cfg.Path, opts); err != nil {
			return nil, nil, storeError(cfg.Path, cfg.ReadOnly, err)
		}
	case err != nil:
		return nil, nil, fmt.Errorf("open store %q: %w", cfg.Path, err)
	case st.Size() == 0 && cfg.ReadOnly:
		// left by a kg older than createBolt, killed while it created the store
		return nil, nil, fmt.Errorf("open store %q: %w: the file is empty (build it with: kg build --store %s data/)", cfg.Path, ErrNotFound, cfg.Path)
	case st.Size() == 0:
		create = true
	default:
		if err := checkBoltFile(cfg.Path); err != nil {
			return nil, nil, err
		}
		if !cfg.ReadOnly {
			removeStaleTemps(cfg.Path)
			// a writer reads the whole file once, to tell whether its bytes changed
			// since kg last closed it: a build must not call a damaged store unchanged
			state, err := checkSum(cfg.Path)
			if err != nil {
				return nil, nil, fmt.Errorf("open store %q: %w", cfg.Path, err)
			}
			if state == SumDiffers {
				return nil, nil, damaged(cfg.Path, "its bytes changed since kg last closed it, with no write in between (a disk or copy error)")
			}
		}
	}
	db, err := openBoltFile(cfg.Path, opts)
	if err != nil {
		if create {
			os.Remove(cfg.Path)
		}
		return nil, nil, storeError(cfg.Path, cfg.ReadOnly, err)
	}
	if !cfg.ReadOnly {
		if err := markWriting(cfg.Path); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("open store %q: %w", cfg.Path, err)
		}
		if err := kv.Init(db, opts); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			db.Close()
			return nil, nil, storeError(cfg.Path, cfg.ReadOnly, err)
		}
	}
	qs, err := kv.New(db, opts)
	if err != nil {
		db.Close()
		return nil, nil, storeError(cfg.Path, cfg.ReadOnly, err)
	}
	return qs, db.DB(), nil
}

// createBolt makes a new, initialised store at path. Bolt and Cayley set a store up in
// several transactions, and a process killed between them leaves a file that readers
// take for something that is not a kg store, or with its index layout missing. So the
// store is made in a file of its own beside path and linked into place only when it is
// complete: path is then a whole store or nothing. If another process created the store
// meanwhile, its store is kept.
func createBolt(path string, opts cgraph.Options) error {
	removeStaleTemps(path)
	tmp, err := tempFileBeside(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	db, err := openBoltFile(tmp, opts)
	if err != nil {
		return err
	}
	if err := kv.Init(db, opts); err != nil {
		db.Close()
		return err
	}
	if err := db.DB().Sync(); err != nil {
		db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	err = os.Link(tmp, path)
	switch {
	case err == nil, errors.Is(err, os.ErrExist):
		return nil
	case errors.Is(err, os.ErrNotExist):
		return err
	}
	// a file system without hard links: rename, which a concurrent create may race
	if _, serr := os.Stat(path); serr == nil {
		return nil
	}
	return os.Rename(tmp, path)
}

// removeStaleTemps removes the files that a kg killed while it created the store at
// path left beside it (path.new-PID-N), those of processes that no longer run.
func removeStaleTemps(path string) {
	matches, _ := filepath.Glob(path + ".new-*-*")
	for _, m := range matches {
		parts := strings.Split(strings.TrimPrefix(m, path+".new-"), "-")
		pid, err := strconv.Atoi(parts[0])
		if err != nil || len(parts) != 2 || pid == os.Getpid() || processRuns(pid) {
			continue
		}
		os.Remove(m)
	}
}

// tempFileBeside creates an empty file named after path, in its folder.
func tempFileBeside(path string) (string, error) {
	for i := 0; ; i++ {
		name := fmt.Sprintf("%s.new-%d-%d", path, os.Getpid(), i)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) && i < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		return name, f.Close()
	}
}

func storeError(path string, readOnly bool, err error) error {
	switch {
	case errors.Is(err, ErrBusy) && readOnly:
		return fmt.Errorf("open store %q: %w: another kg is writing it (kg build, kg remove or kg serve --writable); wait for it to finish, or use another --store", path, ErrBusy)
	case errors.Is(err, ErrBusy):
		return fmt.Errorf("open store %q: %w: another kg is writing it (kg build, kg remove, kg serve --writable) or reading it (kg ask, query, export, or a read-only kg serve in the middle of a request; it lets go between requests); "+
			"wait for it to finish and try again, or use another --store", path, ErrBusy)
	case errors.Is(err, cgraph.ErrNotInitialized):
		return fmt.Errorf("open store %q: the file is not a kg store", path)
	case strings.Contains(err.Error(), "invalid database") || strings.Contains(err.Error(), "version mismatch"):
		return fmt.Errorf("open store %q: the file is not a kg store (%v)", path, err)
	}
	return fmt.Errorf("open store %q: %w", path, err)
}

// Config returns the configuration the store was opened with.
func (s *Store) Config() Config { return s.cfg }

// Close closes the store.
func (s *Store) Close() error {
	if s == nil || s.QS == nil {
		return nil
	}
	if s.sqlDB != nil {
		s.closeCoord()
		s.sqlDB.Close()
	}
	if s.scriptRunning.Load() {
		// see awaitScript: the process's exit releases the file and its lock
		return fmt.Errorf("a stopped query is still reading the store; it is released when kg exits")
	}
	err := s.QS.Close()
	if err == nil && s.bolt != nil && !s.cfg.ReadOnly {
		err = writeSum(s.cfg.Path) // the store as kg leaves it, for the next writer to check
	}
	return err
}

// ValueOf returns the store's reference of a value, or nil when the store does not have it.
func (s *Store) ValueOf(v quad.Value) (cgraph.Ref, error) {
	ref, err := s.QS.ValueOf(v)
	if err != nil || ref == nil {
		return nil, err
	}
	if s.sqlDB != nil {
		// Cayley's SQL store answers with the value's hash whether or not it holds the value
		if name, err := s.QS.NameOf(ref); err != nil || name == nil {
			return nil, nil
		}
	}
	return ref, nil
}
