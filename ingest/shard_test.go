package ingest

import (
	"context"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
)

func TestParseShard(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Shard
		ok   bool
	}{
		{"1/4", Shard{1, 4}, true},
		{"4/4", Shard{4, 4}, true},
		{" 2 / 3 ", Shard{2, 3}, true},
		{"1/1", Shard{1, 1}, true},
		{"0/4", Shard{}, false},
		{"5/4", Shard{}, false},
		{"1/0", Shard{}, false},
		{"2", Shard{}, false},
		{"a/b", Shard{}, false},
		{"-1/4", Shard{}, false},
	} {
		got, err := ParseShard(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestShardOf pins the split: it must not change between versions of kg, or builds of
// one corpus by two versions would take overlapping shares.
func TestShardOf(t *testing.T) {
	for _, c := range []struct {
		id       string
		of2, of4 int
	}{
		{"a01", 2, 4},
		{"a02", 1, 3},
		{"business_001", 2, 4},
		{"page_0badc0de", 1, 1},
	} {
		if got := ShardOf(c.id, 2); got != c.of2 {
			t.Errorf("ShardOf(%q, 2) = %d, want %d", c.id, got, c.of2)
		}
		if got := ShardOf(c.id, 4); got != c.of4 {
			t.Errorf("ShardOf(%q, 4) = %d, want %d", c.id, got, c.of4)
		}
	}
}

// TestShardsPartition builds every share of a corpus into one store, one after the
// other, and expects each article in exactly one share and the store to list what a
// build of the whole corpus lists.
func TestShardsPartition(t *testing.T) {
	ctx := context.Background()
	paths := []string{"../data", "../link/testdata/corpus"}
	whole := graph.MustOpenMemory(t)
	if _, err := Build(ctx, whole, extract.New(), paths, Options{}); err != nil {
		t.Fatal(err)
	}
	shared := graph.MustOpenMemory(t)
	seen := map[string]int{}
	for n := 1; n <= 3; n++ {
		var ids []string
		x := extract.New()
		opts := Options{Shard: Shard{n, 3}, Extract: func(id, path string, data []byte) (*extract.Document, error) {
			ids = append(ids, id)
			return x.Extract(id, path, data)
		}}
		if _, err := Build(ctx, shared, x, paths, opts); err != nil {
			t.Fatalf("share %d/3: %v", n, err)
		}
		for _, id := range ids {
			seen[id]++
			if ShardOf(id, 3) != n {
				t.Errorf("share %d/3 built %s, of share %d", n, id, ShardOf(id, 3))
			}
		}
	}
	if len(seen) != 17 {
		t.Errorf("the shares built %d articles, want 17", len(seen))
	}
	for id, k := range seen {
		if k != 1 {
			t.Errorf("%s was built by %d shares", id, k)
		}
	}
	if diff := cmp.Diff(allQuads(t, whole), allQuads(t, shared)); diff != "" {
		t.Errorf("the shares' store differs from the whole build's (-whole +shares):\n%s", diff)
	}
}

// allQuads returns every quad of st in N-Quads, sorted.
func allQuads(t *testing.T, st *graph.Store) []string {
	t.Helper()
	ctx := context.Background()
	it := st.QS.QuadsAllIterator().Iterate()
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		q, err := st.QS.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q.NQuad())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}
