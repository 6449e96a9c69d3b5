package graph

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// builtStore writes two articles into a new bolt store and returns its path.
func builtStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kg.db")
	st := MustOpenBolt(t, false, path)
	if _, err := st.NewWriter().Write(context.Background(), []Doc{doc(t, "a", textA), doc(t, "b", textB)}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDamagedStores damages a store the ways a disk or a copy can, and checks that each
// is refused with a sentence saying it is damaged, by readers where they can tell (the
// header, the length) and by writers and Check in every case.
func TestDamagedStores(t *testing.T) {
	ctx := context.Background()
	name := "Jane Roe" // a value the store holds in one of its pages
	for _, c := range []struct {
		what    string
		damage  func(data []byte) []byte
		readers bool // a read-only open refuses it too
	}{
		{"cut to its first page", func(b []byte) []byte { return b[:4096] }, true},
		{"cut in half", func(b []byte) []byte { return b[:len(b)/2] }, true},
		{"both headers flipped", func(b []byte) []byte { b[20] ^= 1; b[4096+20] ^= 1; return b }, true},
		{"a name's letter flipped", func(b []byte) []byte {
			i := bytes.Index(b, []byte(name))
			if i < 0 {
				t.Fatalf("the store holds no %q", name)
			}
			b[i+1] ^= 0x20 // "JAne Roe"
			return b
		}, false},
	} {
		t.Run(c.what, func(t *testing.T) {
			path := builtStore(t)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, c.damage(data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, rerr := Open(ctx, Config{Path: path, ReadOnly: true})
			if c.readers && !errors.Is(rerr, ErrDamaged) {
				t.Errorf("read-only open: %v, want ErrDamaged", rerr)
			}
			_, werr := Open(ctx, Config{Path: path})
			if !errors.Is(werr, ErrDamaged) {
				t.Errorf("open for writing: %v, want ErrDamaged", werr)
			}
			if rerr == nil {
				st := MustOpenBolt(t, true, path)
				rep, err := st.Check(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if rep.Sound() {
					t.Errorf("Check finds nothing wrong: %+v", rep)
				}
				t.Logf("Check: %+v", rep)
			}
		})
	}
}

// TestStaleTempsRemoved leaves the file a kg killed while creating the store would
// leave, and checks that the next writer removes it.
func TestStaleTempsRemoved(t *testing.T) {
	path := builtStore(t)
	stale := path + ".new-999999999-0"
	if err := os.WriteFile(stale, []byte("half a store"), 0o644); err != nil {
		t.Fatal(err)
	}
	MustOpenBolt(t, false, path).Close()
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s is still there: %v", stale, err)
	}
}
