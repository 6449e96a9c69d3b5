package main

import (
	"bytes"
	"context"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/queries"
)

// TestPostgresAnswersMatchBolt builds the sample corpus into bolt and into PostgreSQL
// and expects the same answer from both to every canned query, listing and export.
func TestPostgresAnswersMatchBolt(t *testing.T) {
	pg := buildSampleInto(t, graph.Config{Backend: graph.Postgres, Path: graph.PostgresTestURL(t)})
	bolt := buildSample(t)
	pg.ReadOnly, bolt.ReadOnly = true, true
	ctx := context.Background()
	set := queries.MustLoad()
	type run func(cfg graph.Config, w *bytes.Buffer) error
	cases := map[string]run{
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

func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
