package main

import (
	"context"
	"encoding/json"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/eval"
)

func newEvalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against gold annotations: kg eval --gold eval/gold/seeds data/",
		ArgsUsage: "PATH...",
		Description: "Builds the articles that have a gold file into a temporary store and prints precision,\n" +
			"recall and F1 of entities, relations and quotations per article and in total, entity\n" +
			"duplicates, type accuracy and page junk, by the rules of the reference scorer score.py.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Required: true, Usage: "folder of gold annotations (<article-id>.json)"},
			&cli.BoolFlag{Name: "detail", Usage: "list the misses and the wrong extractions"},
			jsonFlag,
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("eval needs the articles to score, for example: kg eval --gold eval/gold/seeds data/")
			}
			return runEval(c.Context, c.String("gold"), c.Args().Slice(), c.Bool("detail"), c.Bool("json"), c.App.Writer)
		},
	}
}

// runEval scores the articles under paths against the gold folder.
func runEval(ctx context.Context, gold string, paths []string, detail, asJSON bool, stdout io.Writer) error {
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
