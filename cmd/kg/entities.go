package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
)

func newEntitiesCommand() *cli.Command {
	return &cli.Command{
		Name:  "entities",
		Usage: "list the entities of the graph with their types, aliases and articles",
		Flags: append(append(storeFlags(),
			&cli.StringFlag{Name: "type", Usage: "only entities of this type: Person, Organization, Place or Event (people, places, ... too)"},
			jsonFlag,
		), periodFlags()...),
		Action: func(c *cli.Context) error {
			period, err := periodOf(c)
			if err != nil {
				return err
			}
			return runEntities(c.Context, storeConfig(c, true), period, c.String("type"), c.Bool("json"), c.App.Writer)
		},
	}
}

// runEntities prints the entities of the store.
func runEntities(ctx context.Context, cfg graph.Config, period graph.Period, typ string, asJSON bool, stdout io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if typ != "" {
		if typ, err = entityType(typ); err != nil {
			return err
		}
	}
	rows, err := st.Entities(ctx)
	if err != nil {
		return err
	}
	rows = st.EntitiesIn(ctx, rows, period)
	if typ != "" {
		out := rows[:0]
		for _, r := range rows {
			if r.Type == typ {
				out = append(out, r)
			}
		}
		rows = out
		if len(rows) == 0 {
			return fmt.Errorf("no entities of type %s in the graph", typ)
		}
	}
	if asJSON {
		return writeJSONLines(stdout, rows)
	}
	t := newTable(stdout, "name", "type", "articles", "aliases", "id")
	for _, r := range rows {
		t.row(r.Name, r.Type, fmt.Sprint(len(r.Sources)), joinLimit(r.Aliases, 5), r.ID)
	}
	return t.flush()
}
