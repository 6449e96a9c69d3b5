package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

// buildOptions are the settings of kg build.
type buildOptions struct {
	store    graph.Config
	paths    []string
	workers  int
	batch    int
	maxBytes int
	progress bool
	quiet    bool
	fetch    bool
	shard    ingest.Shard // this process's share of the inputs; all of them if Of is 0
}

func newBuildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "extract articles (text, HTML pages, JSON Lines, WARC, feeds; folders; - for stdin) into the knowledge graph",
		ArgsUsage: "PATH...",
		Description: "Each article becomes a named graph in the store: rebuilding an unchanged article writes\n" +
			"nothing, a changed one has its facts replaced, and every article lands whole or not at all.",
		Flags: append(storeFlags(),
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Usage: "extraction workers (default: number of CPUs)"},
			&cli.IntFlag{Name: "batch", Value: ingest.DefaultBatch, Usage: "articles per transaction"},
			&cli.IntFlag{Name: "max-bytes", Value: extract.DefaultMaxBytes, Usage: "largest article accepted, in bytes"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but errors"},
			&cli.BoolFlag{Name: "fetch", Usage: "fetch the pages of feed items that carry only a link"},
			&cli.StringFlag{Name: "shard", Usage: "build only share `N/OF` of the inputs (1 ≤ N ≤ OF), split by a hash of each article's id: " +
				"run OF builds at once, one per share, into one PostgreSQL store"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("build needs at least one file or folder of articles, for example: kg build data/")
			}
			var shard ingest.Shard
			if v := c.String("shard"); v != "" {
				var err error
				if shard, err = ingest.ParseShard(v); err != nil {
					return usagef("--shard: %v", err)
				}
			}
			opts := buildOptions{shard: shard,
				store: storeConfig(c, false), paths: c.Args().Slice(), workers: c.Int("workers"),
				batch: c.Int("batch"), maxBytes: c.Int("max-bytes"), quiet: c.Bool("quiet"), fetch: c.Bool("fetch"),
				progress: isTerminal(c.App.ErrWriter) && !c.Bool("quiet"),
			}
			return runBuild(c.Context, opts, c.App.Reader, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// runBuild builds the articles of opts.paths into the store and prints a summary.
func runBuild(ctx context.Context, opts buildOptions, stdin io.Reader, stdout, stderr io.Writer) error {
	note := noteOf(ctx)
	note.set(landedNote(0))
	st, err := openStore(ctx, opts.store)
	if err != nil {
		return err
	}
	defer st.Close()
	bo := ingest.Options{Workers: opts.workers, Batch: opts.batch, MaxBytes: opts.maxBytes, Stdin: stdin,
		Fetch: ingest.FetchOptions{Enabled: opts.fetch}, Shard: opts.shard}
	var bar *progressbar.ProgressBar
	var finishing *status
	defer func() {
		if finishing != nil {
			finishing.done()
		}
	}()
	if opts.progress {
		bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("building"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
		)
	}
	bo.Progress = func(p ingest.Progress) {
		note.set(landedNote(p.Done))
		if bar != nil {
			if p.Finishing {
				// the articles are written; what is left is no article, so it is no
				// part of the bar and its ETA, but a line of its own
				bar.Finish()
				finishing = newStatus(stderr, true)
				finishing.say(fmt.Sprintf("%d articles written; counting the graph's summary", p.Done))
				return
			}
			if p.Total > 0 && int64(p.Total) != bar.GetMax64() {
				bar.ChangeMax(p.Total)
			}
			bar.Set(p.Done + p.Failed)
		}
	}
	rep, err := ingest.Build(ctx, st, extract.New(), opts.paths, bo)
	if finishing != nil {
		finishing.done()
		finishing = nil
	}
	if bar != nil {
		bar.Finish()
	}
	for _, f := range rep.Failed {
		printSkipped(stderr, f.Path, f.Err)
	}
	for _, r := range rep.Renamed {
		fmt.Fprintf(stderr, "kg: %s is stored as article %s: %s, another article, has its file name\n", r.Path, r.ID, r.Other)
	}
	if err != nil {
		switch {
		case errors.Is(err, context.Canceled):
			return interruptedError{landedNote(rep.Articles())}
		case errors.Is(err, ingest.ErrNoArticles):
			return err
		case diskFull(err):
			return fmt.Errorf("the disk is full (%v); %s", err, landedNote(rep.Articles()))
		}
		return fmt.Errorf("%w; %s", err, landedNote(rep.Articles()))
	}
	if !opts.quiet {
		fmt.Fprintf(stdout, "%d articles: %d added, %d replaced, %d unchanged; %d quads written, %d deleted; %.1f MB in %s\n",
			rep.Articles(), rep.Added, rep.Replaced, rep.Unchanged, rep.QuadsAdded, rep.QuadsDeleted,
			float64(rep.Bytes)/1e6, rep.Duration.Round(time.Millisecond))
	}
	if rep.Deferred && !opts.quiet {
		fmt.Fprintln(stdout, "other builds into the store are still running: the last of them settles the links across articles and counts the summary")
	}
	if rep.LinkOnly > 0 && !opts.quiet {
		fmt.Fprintf(stderr, "kg: %d feed items carry only a link and were passed over; --fetch fetches their pages\n", rep.LinkOnly)
	}
	if len(rep.Failed) > 0 {
		errs := make([]error, len(rep.Failed))
		for i, f := range rep.Failed {
			errs[i] = f.Err
		}
		return skippedError(errs, len(rep.Failed)+rep.Articles())
	}
	return nil
}

// skippedError is the closing sentence of a run that skipped some of its total inputs
// for the reasons errs give.
func skippedError(errs []error, total int) error {
	crashed := 0
	for _, err := range errs {
		var pe *ingest.PanicError
		if errors.As(err, &pe) {
			crashed++
		}
	}
	switch {
	case crashed == len(errs):
		return fmt.Errorf("%d of %d inputs were skipped: kg's extractor crashed on them (a bug in kg; the report says where)", len(errs), total)
	case crashed > 0:
		return fmt.Errorf("%d of %d inputs were skipped: %d were not articles, and kg's extractor crashed on %d (a bug in kg; the report says where)",
			len(errs), total, len(errs)-crashed, crashed)
	}
	return fmt.Errorf("%d of %d inputs were not articles and were skipped", len(errs), total)
}

// diskFull reports whether err says the disk, a quota or the file size limit is full.
// Bolt formats some of these errors with %s, so their text is checked too.
func diskFull(err error) bool {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, syscall.ENOSPC.Error()) || strings.Contains(msg, syscall.EFBIG.Error()) || strings.Contains(msg, syscall.EDQUOT.Error())
}

// landedNote says what a build that stopped early leaves in the store after n articles.
func landedNote(n int) string {
	return fmt.Sprintf("%d articles of this build are in the store, each whole, the rest not written; run the same build again to add them", n)
}

// printSkipped says on stderr why an input was skipped, and what to do when there is
// something to do.
func printSkipped(stderr io.Writer, path string, err error) {
	hint := panicHint(path, err)
	if errors.Is(err, extract.ErrTooLarge) {
		hint = " (--max-bytes raises the limit, if it really is one article)"
	}
	fmt.Fprintf(stderr, "kg: skipped %s: %v%s\n", path, err, hint)
}
