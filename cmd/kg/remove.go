package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/link"
)

func newRemoveCommand() *cli.Command {
	return &cli.Command{
		Name:      "remove",
		Usage:     "delete articles and all their facts from the graph",
		ArgsUsage: "DOC-ID...",
		Flags:     storeFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("remove needs the id of an article (its file name without .txt)")
			}
			return runRemove(c.Context, storeConfig(c, false), c.Args().Slice(), c.App.Writer)
		},
	}
}

// runRemove deletes each article's named graph.
func runRemove(ctx context.Context, cfg graph.Config, ids []string, stdout io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	// builds into a PostgreSQL store may be running: a removal waits for their batch and
	// keeps them out until it is settled
	release, err := st.Exclusive(ctx)
	if err != nil {
		return err
	}
	defer release()
	unsettled, err := st.RelinkStale(ctx)
	if err != nil {
		return err
	}
	missing := 0
	var touched []string
	for _, id := range ids {
		ok, keys, err := st.Remove(ctx, extract.ArticleID(id)) // the id build gave the file
		if err != nil {
			return err
		}
		touched = append(touched, keys...)
		if !ok {
			missing++
			fmt.Fprintf(stdout, "%s: not in the store\n", id)
			continue
		}
		fmt.Fprintf(stdout, "%s: removed\n", id)
	}
	if missing < len(ids) || unsettled {
		// the entities of other articles that were linked by the removed ones
		if _, err := link.New().Settle(ctx, st, touched, unsettled); err != nil {
			return err
		}
		if err := st.RefreshSummary(ctx); err != nil {
			return err
		}
	}
	if missing > 0 {
		return fmt.Errorf("%d of %d articles were not in the store", missing, len(ids))
	}
	return nil
}
