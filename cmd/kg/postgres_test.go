package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/queries"
)

// TestPostgresAnswersMatchBolt builds the sample corpus into bolt and into PostgreSQL
// and expects the same answer from both to every canned query, listing and export.
func TestPostgresAnswersMatchBolt(t *testing.T) {
	pg := buildSampleInto(t, graph.Config{Backend: graph.Postgres, Path: graph.PostgresTestURL(t)})
	bolt := buildSample(t)
	pg.ReadOnly, bolt.ReadOnly = true, true
	cases := answerCases()
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := f(bolt, &a); err != nil {
				t.Fatalf("bolt: %v", err)
			}
			if err := f(pg, &b); err != nil {
				t.Fatalf("postgres: %v", err)
			}
			if a.Len() == 0 {
				t.Fatal("no output from bolt")
			}
			// the stores may walk their indexes in different orders
			if la, lb := sortedLines(a.String()), sortedLines(b.String()); la != lb {
				t.Errorf("bolt and postgres differ:\nbolt:\n%s\npostgres:\n%s", la, lb)
			}
		})
	}
}

// answerCases are the outputs two stores of one graph give alike, up to the order of
// their lines: every canned query, listing and export.
func answerCases() map[string]func(cfg graph.Config, w *bytes.Buffer) error {
	ctx := context.Background()
	set := queries.MustLoad()
	cases := map[string]func(cfg graph.Config, w *bytes.Buffer) error{
		"entities": func(cfg graph.Config, w *bytes.Buffer) error {
			return runEntities(ctx, cfg, graph.Period{}, "", true, w)
		},
		"facts": func(cfg graph.Config, w *bytes.Buffer) error {
			return runFacts(ctx, cfg, graph.Period{}, "", "", true, w)
		},
		"quotes": func(cfg graph.Config, w *bytes.Buffer) error { return runQuotes(ctx, cfg, graph.Period{}, "", true, w) },
		"stats":  func(cfg graph.Config, w *bytes.Buffer) error { return runStats(ctx, cfg, true, w) },
		"nquads": func(cfg graph.Config, w *bytes.Buffer) error {
			return runExport(ctx, exportOptions{store: cfg, format: "nquads"}, w, io.Discard)
		},
		"gexf": func(cfg graph.Config, w *bytes.Buffer) error {
			return runExport(ctx, exportOptions{store: cfg, format: "gexf"}, w, io.Discard)
		},
	}
	for _, q := range set.List() {
		args := map[string]string{}
		for _, p := range q.Params {
			args[p.Name] = p.Example
		}
		cases["ask "+q.Name] = func(cfg graph.Config, w *bytes.Buffer) error {
			return runAsk(ctx, askOptions{store: cfg, name: q.Name, args: args, json: true}, set, w)
		}
	}
	return cases
}

func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// shardCorpus is the corpus of the parallel-build tests: the sample articles and the
// linking stage's invented ones, whose partial names are resolved across articles.
var shardCorpus = []string{"../../data", "../../link/testdata/corpus"}

// TestPostgresParallelBuilds runs four kg build --shard N/4 processes at once into one
// PostgreSQL store, and two builds of the same articles at once into another, and
// expects both stores to hold exactly the graph of one sequential build: the same quads
// and nodes with the same reference counts, and the same answer to every canned query,
// listing and export.
func TestPostgresParallelBuilds(t *testing.T) {
	seqURL := graph.PostgresTestURL(t)
	kg := buildKG(t)
	run := func(url string, extra ...string) *exec.Cmd {
		// batches of four articles, so that the processes take turns several times
		args := append([]string{"build", "--batch", "4", "--db", graph.Postgres, "--store", url}, extra...)
		cmd := exec.Command(kg, append(args, shardCorpus...)...)
		cmd.Stdout, cmd.Stderr = new(bytes.Buffer), new(bytes.Buffer)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	wait := func(cmds ...*exec.Cmd) string {
		t.Helper()
		var out strings.Builder
		for _, c := range cmds {
			if err := c.Wait(); err != nil {
				t.Fatalf("%s: %v\n%s", strings.Join(c.Args[1:], " "), err, c.Stderr)
			}
			out.WriteString(c.Stdout.(*bytes.Buffer).String())
		}
		return out.String()
	}
	wait(run(seqURL))
	want := graph.MustDumpPostgres(t, seqURL)
	seq := graph.Config{Backend: graph.Postgres, Path: seqURL, ReadOnly: true}

	t.Run("four shards", func(t *testing.T) {
		url := graph.PostgresTestURL(t)
		var cmds []*exec.Cmd
		for i := 1; i <= 4; i++ {
			cmds = append(cmds, run(url, "--shard", fmt.Sprintf("%d/4", i)))
		}
		out := wait(cmds...)
		// every share took some of the articles, and together all of them once
		total, shares := 0, 0
		for _, line := range strings.Split(out, "\n") {
			var n int
			if _, err := fmt.Sscanf(line, "%d articles:", &n); err == nil {
				total += n
				if n > 0 {
					shares++
				}
			}
		}
		if total != 17 || shares < 3 {
			t.Fatalf("the shares built %d articles in %d shares, want 17 in at least 3:\n%s", total, shares, out)
		}
		compareStores(t, want, seq, url)
	})
	t.Run("same articles twice at once", func(t *testing.T) {
		url := graph.PostgresTestURL(t)
		wait(run(url), run(url))
		compareStores(t, want, seq, url)
	})
}

// compareStores expects the PostgreSQL store at url to hold the graph want dumps, and to
// answer as the store seq does.
func compareStores(t *testing.T, want []string, seq graph.Config, url string) {
	t.Helper()
	if diff := cmp.Diff(want, graph.MustDumpPostgres(t, url)); diff != "" {
		t.Fatalf("the store differs from a sequential build's (-sequential +parallel):\n%s", diff)
	}
	par := graph.Config{Backend: graph.Postgres, Path: url, ReadOnly: true}
	for name, f := range answerCases() {
		var a, b bytes.Buffer
		if err := f(seq, &a); err != nil {
			t.Fatalf("%s, sequential: %v", name, err)
		}
		if err := f(par, &b); err != nil {
			t.Fatalf("%s, parallel: %v", name, err)
		}
		if la, lb := sortedLines(a.String()), sortedLines(b.String()); la != lb {
			t.Errorf("%s differs:\nsequential:\n%s\nparallel:\n%s", name, la, lb)
		}
	}
}

// TestBenchParallel runs kg bench's parallel section with one and two writers on the
// parallel-build corpus and expects both figures, the second checked against the first.
func TestBenchParallel(t *testing.T) {
	graph.PostgresTestURL(t) // skips without PostgreSQL; the section makes schemas of its own
	opts := benchOptions{paths: shardCorpus, sections: []string{"parallel"}, writers: []int{1, 2},
		postgres: os.Getenv(graph.PostgresEnv), kg: buildKG(t), json: true}
	results, out := runBenchJSON(t, opts)
	got := map[string]benchResult{}
	for _, r := range results {
		got[r.Name] = r
	}
	for _, name := range []string{"postgres: kg build, 1 writer", "postgres: kg build, 2 writers at once"} {
		if r, ok := got[name]; !ok || r.Value <= 0 || r.Unit != "quads/s" {
			t.Errorf("no figure %q in:\n%s", name, out)
		}
	}
	if r := got["postgres: kg build, 2 writers at once"]; !strings.Contains(r.Note, "the same graph as one build") {
		t.Errorf("2 writers: %q", r.Note)
	}
}
