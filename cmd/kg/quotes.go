package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
)

func newQuotesCommand() *cli.Command {
	return &cli.Command{
		Name:  "quotes",
		Usage: "list the quotations of the graph with their speakers and articles",
		Flags: append(append(storeFlags(),
			&cli.StringFlag{Name: "speaker", Usage: "only quotations of the speaker this name stands for (matched as kg ask matches names)"},
			jsonFlag,
		), periodFlags()...),
		Action: func(c *cli.Context) error {
			period, err := periodOf(c)
			if err != nil {
				return err
			}
			return runQuotes(c.Context, storeConfig(c, true), period, c.String("speaker"), c.Bool("json"), c.App.Writer)
		},
	}
}

// runQuotes prints the quotations of the store.
func runQuotes(ctx context.Context, cfg graph.Config, period graph.Period, speaker string, asJSON bool, stdout io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	id := ""
	if speaker != "" {
		if id, err = resolveName(ctx, st, speaker); err != nil {
			return err
		}
	}
	rows, err := st.Quotes(ctx)
	if err != nil {
		return err
	}
	rows = graph.QuotesIn(rows, period)
	out := rows[:0]
	for _, r := range rows {
		if id == "" || r.Speaker.ID == id {
			out = append(out, r)
		}
	}
	if len(out) == 0 && speaker != "" {
		return fmt.Errorf("no quotations of %s (%s) in the graph", speaker, id)
	}
	if asJSON {
		return writeJSONLines(stdout, out)
	}
	t := newTable(stdout, "speaker", "quotation", "article")
	for _, r := range out {
		t.row(r.Speaker.Name, r.Text, articleLabels([]*graph.Article{r.Article}, []string{r.Doc}, 1))
	}
	return t.flush()
}
