package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

// TestBench runs every section of kg bench on the sample corpus with a small query store
// and checks that each figure it promises comes out, positive, and that no canned query
// fails on parameters drawn from the store.
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the corpus several times")
	}
	exe, err := os.Executable()
	if err != nil || !strings.HasSuffix(exe, ".test") {
		t.Skip("needs the test binary")
	}
	opts := benchOptions{paths: []string{"../../data"}, sections: benchSections, quads: 5000, runs: 3, json: true}
	if os.Getenv(graph.PostgresEnv) != "" {
		opts.postgres = os.Getenv(graph.PostgresEnv)
	}
	// the scale section runs kg build as a child process, which this test binary is not
	opts.sections = []string{"extract", "build", "write", "queries"}
	results, out := runBenchJSON(t, opts)
	got := map[string]benchResult{}
	for _, r := range results {
		if r.Value <= 0 {
			t.Errorf("%s %s: %v %s", r.Section, r.Name, r.Value, r.Unit)
		}
		got[r.Section+"/"+r.Name+"/"+r.Unit] = r
	}
	for _, want := range []string{
		"extract/text to N-Quads, one core/MB/s",
		"build/kg build into bolt/quads/s",
		"write/bolt: Cayley AddQuadSet, one article per call/quads/s",
		fmt.Sprintf("write/bolt: kg writer, %d articles per transaction/quads/s", ingest.DefaultBatch),
		"queries/kg ask who (median)/ms",
		"queries/kg ask top (median)/ms",
		"queries/kg ask path (median)/ms",
	} {
		if _, ok := got[want]; !ok {
			t.Errorf("no figure %q in:\n%s", want, out)
		}
	}
	for k, r := range got {
		if strings.HasPrefix(k, "queries/") && strings.Contains(r.Note, "failed") {
			t.Errorf("%s: %s", r.Name, r.Note)
		}
	}
}

// runBenchJSON runs kg bench with opts (JSON output) and returns its figures and what it
// printed.
func runBenchJSON(t *testing.T, opts benchOptions) ([]benchResult, string) {
	t.Helper()
	opts.json = true
	var out, errb bytes.Buffer
	if err := runBench(context.Background(), opts, &out, &errb); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	var results []benchResult
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r benchResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		results = append(results, r)
	}
	return results, out.String()
}
