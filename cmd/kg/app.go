package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/queries"
)

// usageError marks a mistake in how kg was called; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitCode decides the process's exit status from the error run returned: 0 for none,
// 130 after an interrupt, 2 for a usage mistake, 1 for anything else.
func exitCode(ctx context.Context, err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		return 130
	case errors.As(err, &ue), errors.Is(err, queries.ErrUnknown), errors.Is(err, queries.ErrParam):
		return 2
	}
	return 1
}

// message is the sentence a user sees for err.
func message(err error) string {
	var ie interruptedError
	if errors.Is(err, context.Canceled) && !errors.As(err, &ie) {
		return "interrupted"
	}
	return err.Error()
}

// newApp returns the kg command line with its commands.
func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:                 "kg",
		Usage:                "build a knowledge graph from news articles and ask it relationship questions",
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		Version:              versionString(),
		EnableBashCompletion: true,
		HideHelpCommand:      false,
		Commands: []*cli.Command{
			newBuildCommand(),
			newFollowCommand(),
			newExtractCommand(),
			newAskCommand(),
			newQueryCommand(),
			newEntitiesCommand(),
			newFactsCommand(),
			newQuotesCommand(),
			newStatsCommand(),
			newRemoveCommand(),
			newCheckCommand(),
			newEvalCommand(),
			newServeCommand(),
			newExportCommand(),
			newBenchCommand(),
		},
		ExitErrHandler: func(*cli.Context, error) {}, // main decides the exit status
	}
}

// storeFlags select the store: a bolt file by default, PostgreSQL with --db postgres.
func storeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "store", Aliases: []string{"s"}, Value: graph.DefaultPath, EnvVars: []string{"KG_STORE"},
			Usage: "the store: a bolt file, or with --db postgres or cockroach a postgres:// URL"},
		&cli.StringFlag{Name: "db", Value: graph.Bolt, EnvVars: []string{"KG_DB"},
			Usage: "store backend: bolt, postgres or cockroach (CockroachDB, untested)"},
	}
}

func storeConfig(c *cli.Context, readOnly bool) graph.Config {
	return graph.Config{Backend: c.String("db"), Path: c.String("store"), ReadOnly: readOnly}
}

// openStore opens the store named by the flags.
func openStore(ctx context.Context, cfg graph.Config) (*graph.Store, error) {
	return graph.Open(ctx, cfg)
}

var jsonFlag = &cli.BoolFlag{Name: "json", Usage: "print JSON lines instead of a table"}

// writeJSONLines prints one JSON document per line.
func writeJSONLines[T any](w io.Writer, rows []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// truncate shortens s to n runes with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func joinLimit(list []string, n int) string {
	if len(list) <= n {
		return strings.Join(list, ", ")
	}
	return strings.Join(list[:n], ", ") + fmt.Sprintf(" (+%d)", len(list)-n)
}

// columnOrder puts the columns of query results in the order people read them.
var columnOrder = []string{"step", "date", "kind", "name", "subject", "speaker", "participant", "predicate", "object", "text",
	"evidence", "type", "statements", "articles", "article", "quotations", "aliases", "roles", "relations"}

// hiddenColumns are kept for the web console's graph view, not for tables.
var hiddenColumns = map[string]bool{"source": true, "target": true, "id": true, "entities": true,
	"articles_total": true} // folded into the articles column

// printResults prints Gizmo results as a table, or as JSON lines.
func printResults(w io.Writer, results []any, asJSON bool) error {
	if asJSON {
		return writeJSONLines(w, results)
	}
	if len(results) == 0 {
		_, err := fmt.Fprintln(w, "(no results)")
		return err
	}
	cols := map[string]bool{}
	hidden := map[string]bool{}
	for _, r := range results {
		if m, ok := r.(map[string]any); ok {
			for k := range m {
				if hiddenColumns[k] {
					hidden[k] = true
				} else {
					cols[k] = true
				}
			}
		}
	}
	if len(cols) == 0 {
		cols = hidden // a raw query that only tags ids
	}
	if len(cols) == 0 {
		for _, r := range results {
			fmt.Fprintln(w, formatValue(r))
		}
		return nil
	}
	var order []string
	for _, c := range columnOrder {
		if cols[c] {
			order = append(order, c)
			delete(cols, c)
		}
	}
	var rest []string
	for c := range cols {
		rest = append(rest, c)
	}
	sort.Strings(rest)
	order = append(order, rest...)
	t := newTable(w, order...)
	for _, r := range results {
		m, _ := r.(map[string]any)
		row := make([]string, len(order))
		for i, c := range order {
			row[i] = formatValue(m[c])
			if list, ok := m[c].([]any); ok && c == "articles" {
				// a long list comes cut, with its length in articles_total
				total := len(list)
				if n, ok := m["articles_total"].(float64); ok && int(n) > total {
					total = int(n)
				} else if n, ok := m["articles_total"].(int64); ok && int(n) > total {
					total = int(n)
				}
				if total > 2 {
					row[i] = formatValue(list[:min(2, len(list))]) + fmt.Sprintf(" (+%d)", total-min(2, len(list)))
				}
			}
		}
		t.row(row...)
	}
	return t.flush()
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = formatValue(e)
		}
		return joinLimit(parts, 6)
	case map[string]any:
		if name, ok := x["name"].(string); ok && x["id"] != nil && len(x) == 2 {
			return name // an entity: {"id": "ent:…", "name": "…"}
		}
		if id, ok := x["@id"].(string); ok && len(x) == 1 {
			return id // a node as Cayley's JSON-LD gives it
		}
		if a, ok := articleOf(x); ok {
			return a.Label()
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + formatValue(x[k])
		}
		return strings.Join(parts, "; ")
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

// articleOf reads an article as canned queries give it ({id, headline, date, source}).
func articleOf(m map[string]any) (graph.Article, bool) {
	id, ok := m["id"].(string)
	if !ok {
		return graph.Article{}, false
	}
	_, h := m["headline"]
	_, d := m["date"]
	_, s := m["source"]
	if !h && !d && !s && len(m) > 1 {
		return graph.Article{}, false
	}
	str := func(k string) string { v, _ := m[k].(string); return v }
	return graph.Article{ID: id, Headline: str("headline"), Date: str("date"), Source: str("source")}, true
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// throughputGC lets the heap grow to five times what is live before the collector runs,
// for kg extract, which streams articles through the extractors and keeps nothing.
// Extraction allocates briskly but keeps little (the lexicons are about 8 MB), so Go's
// default, a collection whenever the heap doubles, ran every few articles. kg build keeps
// the default: its batches and the store's pages are live, and five times them is
// hundreds of megabytes (measured: peak 348 MB against 132 MB on the BBC corpus) for
// little gain, since the store is its wall. GOGC in the environment still decides. It
// returns a function that restores the previous setting.
func throughputGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(400)
	return func() { debug.SetGCPercent(old) }
}
