package main

import (
	"context"
	"encoding/json"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/eval"
	"github.com/kg-news/kg/graph"
)

func newEvalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against gold annotations: kg eval --gold eval/gold/seeds data/",
		ArgsUsage: "PATH...",
		Description: "Builds the articles that have a gold file into a temporary store and prints precision,\n" +
			"recall and F1 of entities, relations and quotations per article and in total, entity\n" +
			"duplicates, type accuracy and page junk, by the rules of the reference scorer score.py.\n" +
			"A folder with a cross-document gold (gold.json, as eval/gold/xdoc) is scored for\n" +
			"linking across articles instead: B3, MUC, CEAF-e and the CoNLL F1 over its mentions.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Required: true, Usage: "folder of gold annotations (<article-id>.json, or a cross-document gold.json)"},
			&cli.BoolFlag{Name: "detail", Usage: "list the misses and the wrong extractions"},
			&cli.StringFlag{Name: "scored-store", Usage: "cross-document gold: score this store (built by any kg) instead of building the articles"},
			jsonFlag,
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 && c.String("scored-store") == "" {
				return usagef("eval needs the articles to score, for example: kg eval --gold eval/gold/seeds data/")
			}
			return runEval(c.Context, c.String("gold"), c.Args().Slice(), c.String("scored-store"), c.Bool("detail"), c.Bool("json"), c.App.Writer)
		},
	}
}

// runEval scores the articles under paths against the gold folder.
func runEval(ctx context.Context, gold string, paths []string, scored string, detail, asJSON bool, stdout io.Writer) error {
	if eval.IsXGold(gold) {
		var rep eval.XReport
		var err error
		if scored != "" {
			st, oerr := graph.Open(ctx, graph.Config{Path: scored, ReadOnly: true})
			if oerr != nil {
				return oerr
			}
			defer st.Close()
			rep, err = eval.ScoreXDocStore(ctx, gold, st)
		} else {
			rep, err = eval.RunXDoc(ctx, gold, paths)
		}
		if err != nil {
			return err
		}
		if asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", " ")
			if !detail {
				rep.Errors = eval.XErrors{}
			}
			return enc.Encode(rep)
		}
		rep.Print(stdout, detail)
		return nil
	}
	rep, err := eval.Run(ctx, gold, paths)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", " ")
		return enc.Encode(rep)
	}
	rep.Print(stdout, detail)
	return nil
}
