package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
)

func newStatsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count the articles, entities, statements and quotations of the graph",
		Flags: append(storeFlags(), jsonFlag),
		Action: func(c *cli.Context) error {
			return runStats(c.Context, storeConfig(c, true), c.Bool("json"), c.App.Writer)
		},
	}
}

// runStats prints the counts of the store.
func runStats(ctx context.Context, cfg graph.Config, asJSON bool, stdout io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(stdout).Encode(s)
	}
	t := newTable(stdout, "what", "count")
	t.row("articles", fmt.Sprint(s.Articles))
	for _, k := range []string{"Person", "Organization", "Place", "Event"} {
		t.row("entities: "+k, fmt.Sprint(s.Entities[k]))
	}
	t.row("relation statements", fmt.Sprint(s.Statements))
	t.row("quotations", fmt.Sprint(s.Quotes))
	t.row("quads", fmt.Sprint(s.Quads))
	t.row("nodes", fmt.Sprint(s.Nodes))
	return t.flush()
}
