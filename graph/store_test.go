package graph

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kg-news/kg/extract"
)

// MustOpenBolt opens a bolt store in a temporary folder.
func MustOpenBolt(tb testing.TB, readOnly bool, path string) *Store {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "kg.db")
	}
	s, err := Open(context.Background(), Config{Path: path, ReadOnly: readOnly})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// MustOpenPostgres opens a PostgreSQL store at url.
func MustOpenPostgres(tb testing.TB, readOnly bool, url string) *Store {
	tb.Helper()
	s, err := Open(context.Background(), Config{Backend: Postgres, Path: url, ReadOnly: readOnly})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestBusyStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	w := MustOpenBolt(t, false, path)
	_ = w
	start := time.Now()
	_, err := Open(context.Background(), Config{Path: path, LockTimeout: 500 * time.Millisecond})
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("second writer: %v, want ErrBusy", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second writer waited %s", d)
	}
	if !strings.Contains(err.Error(), "in use by another kg process") {
		t.Errorf("message %q does not say the store is in use", err)
	}
	// a reader waits for the writer too (bolt's lock), and says so
	_, err = Open(context.Background(), Config{Path: path, ReadOnly: true, LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrBusy) {
		t.Errorf("reader beside a writer: %v, want ErrBusy", err)
	}
}

func TestReadersShare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	w := MustOpenBolt(t, false, path)
	w.Close()
	a := MustOpenBolt(t, true, path)
	b := MustOpenBolt(t, true, path)
	if _, err := a.Stats(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Stats(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), Config{Path: path, LockTimeout: 200 * time.Millisecond}); !errors.Is(err, ErrBusy) {
		t.Errorf("writer beside readers: %v, want ErrBusy", err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(context.Background(), Config{Path: filepath.Join(dir, "none.db"), ReadOnly: true}); !errors.Is(err, ErrNotFound) {
		t.Errorf("read-only open of a missing store: %v", err)
	}
	if _, err := Open(context.Background(), Config{Path: dir}); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("open of a folder: %v", err)
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte(strings.Repeat("not a database ", 1000)), 0o644)
	if _, err := Open(context.Background(), Config{Path: junk}); err == nil || !strings.Contains(err.Error(), "not a kg store") {
		t.Errorf("open of a file that is not a store: %v", err)
	}
	if _, err := Open(context.Background(), Config{Backend: "oracle"}); err == nil {
		t.Error("unknown backend opened")
	}
}

// doc extracts an article and puts each of its entities on the node of its name (the
// linking stage, package link, decides better; graph's tests need only quads).
func doc(t *testing.T, id, text string) Doc {
	t.Helper()
	d, err := extract.New().Extract(id, id+".txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return Doc{ID: d.ID, SHA256: d.SHA256, Quads: d.Quads(d.Nodes())}
}

const (
	textA  = "Acme buys Globex\n\nAcme Corp chief executive Jane Roe said Acme Corp would buy Globex Ltd. \"It is a good day,\" Ms Roe said.\n"
	textA2 = "Acme buys Globex\n\nAcme Corp chief executive Jane Roe said Acme Corp would buy Globex Ltd for $1bn. Globex Ltd chairman John Poe praised Jane Roe.\n"
	textB  = "Roe meets Poe\n\nJane Roe met John Poe in Paris on Friday. \"We agreed,\" Mr Poe said.\n"
)

// TestWriteIsIdempotent writes, rewrites, replaces and removes articles on both the
// in-memory and the bolt backend.
func TestWriteIsIdempotent(t *testing.T) {
	for _, backend := range []string{Memory, Bolt, Postgres} {
		t.Run(backend, func(t *testing.T) {
			var st *Store
			switch backend {
			case Memory:
				st = MustOpenMemory(t)
			case Bolt:
				st = MustOpenBolt(t, false, "")
			case Postgres:
				st = MustOpenPostgres(t, false, PostgresTestURL(t))
			}
			ctx := context.Background()
			count := func() int64 {
				if err := st.ClearRelinkPending(ctx); err != nil {
					t.Fatal(err)
				}
				s, err := st.Stats(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return s.Quads
			}
			w := st.NewWriter()
			if _, err := w.Write(ctx, []Doc{doc(t, "a", textA), doc(t, "b", textB)}); err != nil {
				t.Fatal(err)
			}
			n1 := count()
			qa, _ := st.ArticleQuads(ctx, "a")
			qb, _ := st.ArticleQuads(ctx, "b")
			if int64(len(qa)+len(qb)) != n1 {
				t.Errorf("articles' quads %d+%d != %d in the store", len(qa), len(qb), n1)
			}
			res, err := w.Write(ctx, []Doc{doc(t, "a", textA)})
			if err != nil || res[0].Outcome != Unchanged || count() != n1 {
				t.Errorf("rewrite of an unchanged article: %+v %v, %d quads (was %d)", res, err, count(), n1)
			}
			res, err = w.Write(ctx, []Doc{doc(t, "a", textA2)})
			if err != nil || res[0].Outcome != Replaced {
				t.Fatalf("changed article: %+v %v", res, err)
			}
			qb2, _ := st.ArticleQuads(ctx, "b")
			if len(qb2) != len(qb) {
				t.Errorf("replacing a changed b's quads: %d -> %d", len(qb), len(qb2))
			}
			// the store now holds exactly what a fresh build of a2 and b holds
			fresh := MustOpenMemory(t)
			fresh.NewWriter().Write(ctx, []Doc{doc(t, "a", textA2), doc(t, "b", textB)})
			fresh.ClearRelinkPending(ctx)
			fs, _ := fresh.Stats(ctx)
			if count() != fs.Quads {
				t.Errorf("after replace: %d quads, a fresh build has %d", count(), fs.Quads)
			}
			ok, _, err := st.Remove(ctx, "a")
			if err != nil || !ok {
				t.Fatalf("remove: %v %v", ok, err)
			}
			if n := count(); n != int64(len(qb)) {
				t.Errorf("after removing a: %d quads, want b's %d", n, len(qb))
			}
			if ok, _, _ := st.Remove(ctx, "a"); ok {
				t.Error("removed a twice")
			}
		})
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	w := MustOpenBolt(t, false, path)
	w.Close()
	r := MustOpenBolt(t, true, path)
	if _, err := r.NewWriter().Write(context.Background(), []Doc{doc(t, "a", textA)}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write to a read-only store: %v", err)
	}
}

// TestCreate checks that a new store appears whole: nothing but the store file (and its
// sum, check.go) is left
// beside it, and readers see an empty store. A file left empty by an older kg killed
// while creating its store reads as no store, and a writer makes a store of it.
func TestCreate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "kg.db")
	MustOpenBolt(t, false, path).Close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 || names[0] != "kg.db" || names[1] != "kg.db.sum" {
		t.Errorf("creating a store left %v, want only kg.db and its sum", names)
	}
	if s, err := MustOpenBolt(t, true, path).Stats(ctx); err != nil || s.Quads != 0 || s.Articles != 0 {
		t.Errorf("a new store reads as %+v, %v; want it empty", s, err)
	}

	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, Config{Path: empty, ReadOnly: true}); !errors.Is(err, ErrNotFound) {
		t.Errorf("read-only open of an empty file: %v, want ErrNotFound", err)
	}
	MustOpenBolt(t, false, empty).Close()
	if s, err := MustOpenBolt(t, true, empty).Stats(ctx); err != nil || s.Quads != 0 {
		t.Errorf("an empty file opened for writing reads as %+v, %v; want an empty store", s, err)
	}
}
