package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/export"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/link"
)

func newExtractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "extract articles and print their quads as N-Quads (absolute IRIs), without a store",
		ArgsUsage: "PATH...",
		Description: "For pipes and for measuring extraction alone. Entity IRIs come from each article's own\n" +
			"names; kg build also resolves entities across articles against the store.",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "max-bytes", Value: extract.DefaultMaxBytes, Usage: "largest article accepted, in bytes"},
		},
		Action: func(c *cli.Context) error {
			throughputGC()
			if c.NArg() == 0 {
				return usagef("extract needs at least one file or folder of articles")
			}
			return runExtract(c.Context, c.Args().Slice(), c.Int("max-bytes"), c.App.Reader, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// runExtract writes the quads of each article to stdout.
func runExtract(ctx context.Context, paths []string, maxBytes int, stdin io.Reader, stdout, stderr io.Writer) error {
	x, lk := extract.New(), link.New()
	x.MaxBytes = maxBytes
	inputs := make(chan ingest.Input)
	errc := make(chan error, 1)
	go func() { errc <- ingest.Walk(ctx, paths, stdin, maxBytes, inputs) }()
	w := nquads.NewWriter(stdout)
	n := 0
	var failed []error
	ids := ingest.NewIDs()
	for in := range inputs {
		err := in.Err
		var qs []quad.Quad
		var d *extract.Document
		if err == nil {
			d, err = ingest.SafeExtract(ctx, x, in, ingest.FetchOptions{})
		}
		if errors.Is(err, ingest.ErrLinkOnly) {
			continue
		}
		if err == nil {
			var other string
			other, err = ids.Claim(d, in.Path)
			if other != "" {
				fmt.Fprintf(stderr, "kg: %s is printed as article %s: %s, another article, has its file name\n", in.Path, d.ID, other)
			}
		}
		if err == nil {
			var doc graph.Doc
			doc, err = ingest.SafePrepare(lk, d)
			qs = doc.Quads
		}
		if err != nil {
			failed = append(failed, err)
			printSkipped(stderr, in.Path, err)
			continue
		}
		n++
		for i := range qs {
			qs[i] = export.Absolute(qs[i]) // RDF tools take only absolute IRIs
		}
		if _, err := w.WriteQuads(qs); err != nil {
			return err
		}
	}
	if err := <-errc; err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	switch {
	case n == 0 && len(failed) == 0:
		return ingest.ErrNoArticles
	case len(failed) > 0:
		return skippedError(failed, n+len(failed))
	}
	return nil
}
