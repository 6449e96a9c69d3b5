package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/link"
)

// writeCorpus writes n small articles, each naming people of its own, under dir.
func writeCorpus(t *testing.T, dir string, n int) []string {
	t.Helper()
	var ids []string
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("a%03d", i)
		text := fmt.Sprintf("Talks in Geneva, day %d\n\nForeign minister Anna Berg%d met trade secretary Tom Lund%d in Geneva on Monday. "+
			"\"We made progress,\" Ms Berg%d said after the meeting.\n", i, i, i, i)
		if err := os.WriteFile(filepath.Join(dir, id+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// TestWalkOrder checks that Walk sends files as given and folders' article files sorted
// by path, recursively, skipping hidden folders and files of other kinds, and stdin for "-".
func TestWalkOrder(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.txt", "a.TXT", "c.md", "sub/z.txt", "sub/y.txt", ".hidden/x.txt", "main.go", "README", "LICENSE.txt", "settings.yaml"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("text of "+f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	single := filepath.Join(dir, "c.md")
	out := make(chan Input)
	var found int
	errc := make(chan error, 1)
	go func() {
		errc <- walk(context.Background(), []string{single, dir, "-"}, strings.NewReader("from stdin"), 0, out, func(n int) { found = n })
	}()
	var got []string
	for in := range out {
		if in.Err != nil {
			t.Errorf("%s: %v", in.Path, in.Err)
		}
		got = append(got, fmt.Sprintf("%d %s %s", in.Seq, strings.TrimPrefix(in.Path, dir), in.Data))
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	want := []string{
		"0 /c.md text of c.md",
		"1 /a.TXT text of a.TXT",
		"2 /b.txt text of b.txt",
		"3 /c.md text of c.md",
		"4 /sub/y.txt text of sub/y.txt",
		"5 /sub/z.txt text of sub/z.txt",
		"6 - from stdin",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk order (-want +got):\n%s", diff)
	}
	if found != len(want) {
		t.Errorf("walk found %d inputs, sent %d", found, len(want))
	}
}

// TestBuildReportsAndSkips builds a folder with articles and a file that is not one: the
// articles land, the other file is reported, and a rebuild writes nothing.
func TestBuildReportsAndSkips(t *testing.T) {
	dir := t.TempDir()
	ids := writeCorpus(t, dir, 10)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	st := graph.MustOpenMemory(t)
	var progress []Progress
	rep, err := Build(context.Background(), st, extract.New(), []string{dir}, Options{Batch: 3, Progress: func(p Progress) { progress = append(progress, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != len(ids) || len(rep.Failed) != 1 || !errors.Is(rep.Failed[0].Err, extract.ErrEmpty) {
		t.Errorf("report: %+v", rep)
	}
	if len(progress) == 0 || progress[len(progress)-1].Done != len(ids) || progress[len(progress)-1].Total != len(ids)+1 {
		t.Errorf("progress: %+v", progress)
	}
	rep, err = Build(context.Background(), st, extract.New(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unchanged != len(ids) || rep.QuadsAdded != 0 {
		t.Errorf("rebuild: %+v", rep)
	}
}

// TestBuildStopsCleanly cancels a build after its first batch: it reports the
// cancellation, every article is then complete or absent, and a second build completes
// the rest.
func TestBuildStopsCleanly(t *testing.T) {
	dir := t.TempDir()
	ids := writeCorpus(t, dir, 40)
	x := extract.New()
	want := map[string]int{}
	for _, id := range ids {
		data, _ := os.ReadFile(filepath.Join(dir, id+".txt"))
		d, err := x.Extract(id, id+".txt", data)
		if err != nil {
			t.Fatal(err)
		}
		want[id] = len(link.New().Prepare(d).Quads)
	}
	st := graph.MustOpenMemory(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rep, err := Build(ctx, st, extract.New(), []string{dir}, Options{Batch: 4, Workers: 2, Progress: func(Progress) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: %v", err)
	}
	if rep.Added == 0 || rep.Added == len(ids) {
		t.Errorf("cancelled build wrote %d of %d articles, want some", rep.Added, len(ids))
	}
	complete := 0
	for _, id := range ids {
		qs, err := st.ArticleQuads(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		switch len(qs) {
		case 0:
		case want[id]:
			complete++
		default:
			t.Errorf("article %s has %d of its %d quads", id, len(qs), want[id])
		}
	}
	if complete != rep.Added {
		t.Errorf("%d articles complete in the store, the report says %d were added", complete, rep.Added)
	}
	rep2, err := Build(context.Background(), st, extract.New(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep2.Added != len(ids)-rep.Added || rep2.Unchanged != rep.Added {
		t.Errorf("second build: %+v after %+v", rep2, rep)
	}
}

// TestBuildContainsPanics makes the extraction of one article panic: that article fails
// with a *PanicError carrying the stack, and the others land.
func TestBuildContainsPanics(t *testing.T) {
	dir := t.TempDir()
	ids := writeCorpus(t, dir, 5)
	st, err := graph.Open(context.Background(), graph.Config{Backend: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	x := extract.New()
	boom := func(id, path string, data []byte) (*extract.Document, error) {
		if id == ids[2] {
			var none []int
			_ = none[len(data)] // an index out of range, as a bug in a stage would make
		}
		return x.Extract(id, path, data)
	}
	rep, err := Build(context.Background(), st, x, []string{dir}, Options{Extract: boom, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 4 || len(rep.Failed) != 1 {
		t.Fatalf("added %d, failed %v; want 4 added and the one that panicked failed", rep.Added, rep.Failed)
	}
	var pe *PanicError
	if f := rep.Failed[0]; !strings.HasSuffix(f.Path, ids[2]+".txt") || !errors.As(f.Err, &pe) || !strings.Contains(string(pe.Stack), "TestBuildContainsPanics") {
		t.Errorf("failure %v, want a *PanicError with the stack for %s", f, ids[2])
	}
	for i, id := range ids {
		h, err := st.ArticleHash(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if (h != "") != (i != 2) {
			t.Errorf("article %s stored: %v", id, h != "")
		}
	}
}

// TestExtractContainsPanics checks that SafeExtract turns a panic inside the extractor into
// a *PanicError: an Extractor without its lexicon fails on any text.
func TestExtractContainsPanics(t *testing.T) {
	_, err := SafeExtract(context.Background(), &extract.Extractor{}, Input{ID: "a", Path: "a.txt", Data: []byte("Acme Corp hired Jane Roe on Monday.\n")}, FetchOptions{})
	var pe *PanicError
	if !errors.As(err, &pe) || len(pe.Stack) == 0 {
		t.Fatalf("Extract without a lexicon: %v, want a *PanicError", err)
	}
}

// TestSameFileNames builds two different articles named x.txt in two folders, in one
// build and in two: each is stored under an id of its own, the second renamed once, when
// it is written; a rebuild leaves both alone, and a copy of the first, in another folder,
// is an article of its own.
func TestSameFileNames(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for f, text := range map[string]string{"a/x.txt": "Acme Corp hired Jane Roe on Monday.\n", "b/x.txt": "Globex fired Tom Hale on Friday.\n", "c/x.txt": "Acme Corp hired Jane Roe on Monday.\n"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, split := range []bool{false, true} {
		st, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
		if err != nil {
			t.Fatal(err)
		}
		a, b := filepath.Join(dir, "a", "x.txt"), filepath.Join(dir, "b", "x.txt")
		var reps []Report
		if split {
			for _, p := range []string{a, b} {
				rep, err := Build(ctx, st, extract.New(), []string{p}, Options{})
				if err != nil {
					t.Fatal(err)
				}
				reps = append(reps, rep)
			}
		} else {
			rep, err := Build(ctx, st, extract.New(), []string{a, b}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			reps = append(reps, rep)
		}
		last := reps[len(reps)-1]
		if len(last.Renamed) != 1 || last.Renamed[0].Path != b || !strings.HasPrefix(last.Renamed[0].ID, "x_") || last.Renamed[0].Other != a {
			t.Errorf("split %v: renamed %+v, want %s renamed for %s", split, last.Renamed, b, a)
		}
		again, err := Build(ctx, st, extract.New(), []string{a, b, filepath.Join(dir, "c", "x.txt")}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if again.Unchanged != 2 || again.Added != 1 || len(again.Renamed) != 1 || again.Renamed[0].Path != filepath.Join(dir, "c", "x.txt") {
			t.Errorf("split %v: rebuild %+v, want a and b unchanged and c/x.txt added under an id of its own", split, again)
		}
		stats, err := st.Stats(ctx)
		if err != nil || stats.Articles != 3 {
			t.Errorf("split %v: %d articles in the store, want 3 (%v)", split, stats.Articles, err)
		}
		st.Close()
	}
}
