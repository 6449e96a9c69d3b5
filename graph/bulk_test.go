package graph_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

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
		return graph.MustDumpBolt(t, path)
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
