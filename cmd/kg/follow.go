package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

// followOptions are the settings of kg follow.
type followOptions struct {
	store graph.Config
	feed  string
	every time.Duration
	fetch ingest.FetchOptions
	// polled, if set, is told of each poll's report (tests)
	polled func(n int, rep ingest.Report)
}

func newFollowCommand() *cli.Command {
	return &cli.Command{
		Name:      "follow",
		Usage:     "follow a feed: build its new items now and every --every, until interrupted",
		ArgsUsage: "URL|FILE",
		Description: "Reads an RSS or Atom feed, builds the items the store has not seen (by GUID, else by\n" +
			"address) and polls again every --every. Items that carry only a link are fetched with\n" +
			"--fetch, one page at a time, with a timeout, a size limit and kg's User-Agent.",
		Flags: append(storeFlags(),
			&cli.DurationFlag{Name: "every", Value: 15 * time.Minute, Usage: "how often to poll the feed"},
			&cli.BoolFlag{Name: "fetch", Usage: "fetch the pages of items that carry only a link"},
			&cli.DurationFlag{Name: "timeout", Value: ingest.DefaultFetchTimeout, Usage: "for the feed and each page"},
			&cli.IntFlag{Name: "max-page-bytes", Value: 8 << 20, Usage: "largest page fetched"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("follow needs one feed, an address or a file: kg follow https://example.com/rss.xml --every 15m")
			}
			if c.Duration("every") < time.Second {
				return usagef("--every %s is too often; poll at most once a second", c.Duration("every"))
			}
			opts := followOptions{
				store: storeConfig(c, false), feed: c.Args().First(), every: c.Duration("every"),
				fetch: ingest.FetchOptions{Enabled: c.Bool("fetch"), Timeout: c.Duration("timeout"), MaxBytes: c.Int("max-page-bytes")},
			}
			return runFollow(c.Context, opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// runFollow polls the feed until ctx ends, building the items the store has not seen.
func runFollow(ctx context.Context, opts followOptions, stdout, stderr io.Writer) error {
	st, err := openStore(ctx, opts.store)
	if err != nil {
		return err
	}
	defer st.Close()
	x := extract.New()
	failed := map[string]bool{} // items that were no articles: said once, tried no more
	tick := time.NewTicker(opts.every)
	defer tick.Stop()
	for n := 1; ; n++ {
		rep, err := pollFeed(ctx, st, x, opts, failed, stdout, stderr)
		if ctx.Err() != nil {
			return nil // interrupted: every article written so far is whole
		}
		if err != nil {
			fmt.Fprintf(stderr, "kg: %s: %v; trying again in %s\n", opts.feed, err, opts.every)
		}
		if opts.polled != nil {
			opts.polled(n, rep)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// pollFeed reads the feed once and builds its new items.
func pollFeed(ctx context.Context, st *graph.Store, x *extract.Extractor, opts followOptions, failed map[string]bool, stdout, stderr io.Writer) (ingest.Report, error) {
	items, err := ingest.ReadFeed(ctx, opts.feed, opts.fetch)
	if err != nil {
		return ingest.Report{}, err
	}
	var fresh []ingest.Input
	seen := 0
	for _, it := range items {
		if failed[it.Key] {
			continue
		}
		known, err := seenItem(ctx, st, it)
		if err != nil {
			return ingest.Report{}, err
		}
		if known {
			seen++
			continue
		}
		fresh = append(fresh, it.Input)
	}
	var rep ingest.Report
	if len(fresh) > 0 {
		rep, err = ingest.BuildInputs(ctx, st, x, fresh, ingest.Options{Fetch: opts.fetch})
		if err != nil && !errors.Is(err, ingest.ErrNoArticles) {
			return rep, err
		}
	}
	byPath := map[string]string{}
	for _, it := range items {
		byPath[it.Input.Path] = it.Key
	}
	for _, f := range rep.Failed {
		failed[byPath[f.Path]] = true
		printSkipped(stderr, f.Path, f.Err)
	}
	note := ""
	if rep.LinkOnly > 0 {
		note = fmt.Sprintf("; %d with only a link (--fetch fetches them)", rep.LinkOnly)
	}
	fmt.Fprintf(stdout, "%s %s: %d items, %d new: %d added, %d replaced, %d skipped; %d seen before%s\n",
		time.Now().Format("15:04:05"), opts.feed, len(items), len(fresh), rep.Added, rep.Replaced, len(rep.Failed), seen, note)
	return rep, nil
}

// seenItem reports whether the store holds a feed item already: by its GUID, else by its
// address.
func seenItem(ctx context.Context, st *graph.Store, it ingest.FeedItem) (bool, error) {
	if g := it.Input.Meta.GUID; g != "" {
		if ok, err := st.HasGUID(ctx, g); err != nil || ok {
			return ok, err
		}
	}
	if u := it.Input.Meta.URL; u != "" {
		id, err := st.ArticleByURL(ctx, u)
		return id != "", err
	}
	return false, nil
}
