package graph_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/link"
)

// TestBulkWriterCommitsPastItsCap writes the sample corpus article by article through
// an incremental Writer and through bulk Writers that hold few quads, so that they
// commit part-way and go on incrementally, and compares the bolt files.
func TestBulkWriterCommitsPastItsCap(t *testing.T) {
	x, lk := extract.New(), link.New()
	files, err := filepath.Glob("../data/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample corpus: %v", err)
	}
	var docs []graph.Doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := x.Extract(filepath.Base(f[:len(f)-4]), f, b)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, lk.Prepare(d))
	}
	ctx := context.Background()
	write := func(path string, max int) []string {
		st, err := graph.Open(ctx, graph.Config{Path: path})
		if err != nil {
			t.Fatal(err)
		}
		w := st.NewWriter()
		if max > 0 {
			w = st.NewBulkWriter()
			graph.SetBulkMax(w, max)
		}
		for i := range docs {
			if _, err := w.Write(ctx, docs[i:i+1]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		return dumpBolt(t, path)
	}
	dir := t.TempDir()
	want := write(filepath.Join(dir, "incremental.db"), 0)
	for _, max := range []int{1, 100, 1 << 30} {
		got := write(filepath.Join(dir, fmt.Sprintf("bulk-%d.db", max)), max)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("bulk writer holding %d quads: the bolt files differ (-incremental +bulk):\n%s", max, diff)
		}
	}
}

// dumpBolt returns every key and value of the bolt file at path, with the times of
// Cayley's log zeroed.
func dumpBolt(t *testing.T, path string) []string {
	t.Helper()
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if string(name) == "log" {
					var p cproto.Primitive
					if err := proto.Unmarshal(v, &p); err != nil {
						return err
					}
					p.Timestamp = 0
					if v, err = (proto.MarshalOptions{Deterministic: true}).Marshal(&p); err != nil {
						return err
					}
				}
				out = append(out, fmt.Sprintf("%q %x %x", name, k, v))
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
