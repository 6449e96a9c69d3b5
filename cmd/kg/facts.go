package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
)

func newFactsCommand() *cli.Command {
	return &cli.Command{
		Name:  "facts",
		Usage: "list the facts of the graph, each with the articles and sentences that state it",
		Flags: append(append(storeFlags(),
			&cli.StringFlag{Name: "about", Usage: "only facts whose subject or object this name stands for (matched as kg ask matches names)"},
			&cli.StringFlag{Name: "predicate", Usage: "only facts of this verb, in any form (invite, invited)"},
			jsonFlag,
		), periodFlags()...),
		Action: func(c *cli.Context) error {
			period, err := periodOf(c)
			if err != nil {
				return err
			}
			return runFacts(c.Context, storeConfig(c, true), period, c.String("about"), c.String("predicate"), c.Bool("json"), c.App.Writer)
		},
	}
}

// runFacts prints the facts of the store.
func runFacts(ctx context.Context, cfg graph.Config, period graph.Period, about, pred string, asJSON bool, stdout io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	id := ""
	if about != "" {
		if id, err = resolveName(ctx, st, about); err != nil {
			return err
		}
	}
	rows, err := st.Facts(ctx)
	if err != nil {
		return err
	}
	rows = graph.FactsIn(rows, period)
	out := rows[:0]
	for _, r := range rows {
		if id != "" && r.Subject.ID != id && r.Object.ID != id {
			continue
		}
		if pred != "" && !samePredicate(r.Predicate, pred) {
			continue
		}
		out = append(out, r)
	}
	if len(out) == 0 && (about != "" || pred != "") {
		return noMatch("facts", "--about", about, "--predicate", pred)
	}
	if asJSON {
		return writeJSONLines(stdout, out)
	}
	t := newTable(stdout, "subject", "predicate", "object", "qualifiers", "articles")
	for _, r := range out {
		obj := r.Object.Name
		if obj == "" {
			obj = r.Object.Value
		}
		var q []string
		for k, v := range r.Qualifiers {
			q = append(q, k+" "+v)
		}
		docs := make([]string, len(r.Sources))
		arts := make([]*graph.Article, len(r.Sources))
		for i, s := range r.Sources {
			docs[i], arts[i] = s.Doc, s.Article
		}
		t.row(r.Subject.Name, strings.ReplaceAll(r.Predicate, "_", " "), obj, strings.Join(q, ", "), fmt.Sprintf("%d: %s", len(docs), articleLabels(arts, docs, 2)))
	}
	return t.flush()
}
