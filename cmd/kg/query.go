package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
)

func newQueryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a Gizmo script (from the argument, a file with @file, or - for stdin)",
		ArgsUsage: "SCRIPT",
		Flags: append(storeFlags(),
			&cli.IntFlag{Name: "limit", Value: 100, Usage: "most results to print (0 for all); kg says when it stops there"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop a query that runs longer"},
			jsonFlag,
		),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef(`query needs one Gizmo script, for example: kg query 'g.V("<ent:Donald_Trump>").In("<criticized>").All()'`)
			}
			script, err := readScript(c.Args().First(), c.App.Reader)
			if err != nil {
				return err
			}
			return runQuery(c.Context, storeConfig(c, true), script, c.Int("limit"), c.Duration("timeout"), c.Bool("json"), c.App.Writer, c.App.ErrWriter)
		},
	}
}

func readScript(arg string, stdin io.Reader) (string, error) {
	switch {
	case arg == "-":
		b, err := io.ReadAll(io.LimitReader(stdin, 1<<20))
		return string(b), err
	case strings.HasPrefix(arg, "@"):
		b, err := os.ReadFile(arg[1:])
		return string(b), err
	}
	return arg, nil
}

// runQuery runs a raw Gizmo script and prints at most limit of its results (all when limit
// is 0), saying on stderr when it stopped at the limit.
func runQuery(ctx context.Context, cfg graph.Config, script string, limit int, timeout time.Duration, asJSON bool, stdout, stderr io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	ask := limit
	if limit > 0 {
		ask = limit + 1 // one more, to know whether there are more
	}
	res, err := st.Gizmo(ctx, script, ask)
	if err != nil {
		return err
	}
	more := limit > 0 && len(res) > limit
	if more {
		res = res[:limit]
	}
	if err := printResults(stdout, res, asJSON); err != nil {
		return err
	}
	if more {
		fmt.Fprintf(stderr, "kg: stopped at the limit of %d results; --limit N prints more, --limit 0 all of them\n", limit)
	}
	return nil
}
