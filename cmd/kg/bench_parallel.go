package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"time"

	"github.com/kg-news/kg/graph"
)

// benchRounds is how many times the parallel section builds the corpus with each number
// of writers, alternating; the best time of each counts.
const benchRounds = 2

// benchParallel measures kg build into PostgreSQL by 1, 2 and 4 processes at once (as
// opts.writers says), each building its share (--shard N/OF) of the corpus into one new
// schema, and checks that every store holds exactly the graph of the one-process build.
func benchParallel(ctx context.Context, opts benchOptions, rep *benchReport, stderr io.Writer) error {
	if opts.postgres == "" {
		if slices.Contains(opts.sections, "parallel") && len(opts.sections) == 1 {
			return errors.New("the parallel section builds into PostgreSQL: give a database with --postgres postgres://…")
		}
		return nil // not asked for by name: measured only with a database
	}
	kg := opts.kg
	if kg == "" {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		kg = exe
	}
	writers := opts.writers
	if len(writers) == 0 {
		writers = []int{1, 2, 4}
	}
	if !slices.Contains(writers, 1) {
		writers = append([]int{1}, writers...) // the sequential build every other is checked against
	}
	best := map[int]time.Duration{}
	var want []string
	quads := 0
	for round := 0; round < benchRounds; round++ {
		for _, n := range writers {
			url, drop, err := graph.PostgresScratch(ctx, opts.postgres)
			if err != nil {
				return err
			}
			d, err := buildShards(ctx, kg, url, n, opts.paths)
			if err == nil {
				var dump []string
				if dump, err = graph.DumpPostgres(ctx, url); err == nil {
					switch {
					case want == nil && n == 1:
						want = dump
						quads, err = countQuads(ctx, url)
					case want != nil && !slices.Equal(want, dump):
						err = fmt.Errorf("%d writers made a graph that differs from one build's (%d rows against %d)", n, len(dump), len(want))
					}
				}
			}
			drop()
			if err != nil {
				return err
			}
			fmt.Fprintf(stderr, "kg bench: round %d, %d writers: %s\n", round+1, n, d.Round(time.Millisecond))
			if b, ok := best[n]; !ok || d < b {
				best[n] = d
			}
		}
	}
	one := float64(quads) / best[1].Seconds()
	for _, n := range writers {
		v := float64(quads) / best[n].Seconds()
		name := fmt.Sprintf("postgres: kg build, %d writers at once", n)
		if n == 1 {
			name = "postgres: kg build, 1 writer"
		}
		note := fmt.Sprintf("%d quads in %.1f s, best of %d", quads, best[n].Seconds(), benchRounds)
		if n > 1 {
			note = fmt.Sprintf("%.2fx one writer; the same graph as one build; %s", v/one, note)
		}
		rep.add("parallel", name, v, "quads/s", note)
	}
	return nil
}

// buildShards runs n kg build processes at once into the store at url, share N/n each
// (one plain build if n is 1), and returns how long until the last ended.
func buildShards(ctx context.Context, kg, url string, n int, paths []string) (time.Duration, error) {
	start := time.Now()
	cmds := make([]*exec.Cmd, n)
	errs := make([]*bytes.Buffer, n)
	for i := range cmds {
		args := []string{"build", "-q", "--db", graph.Postgres, "--store", url}
		if n > 1 {
			args = append(args, "--shard", fmt.Sprintf("%d/%d", i+1, n))
		}
		cmds[i] = exec.CommandContext(ctx, kg, append(args, paths...)...)
		errs[i] = new(bytes.Buffer)
		cmds[i].Stderr = errs[i]
		if err := cmds[i].Start(); err != nil {
			return 0, err
		}
	}
	var err error
	for i, c := range cmds {
		if werr := c.Wait(); werr != nil && err == nil {
			err = fmt.Errorf("kg build, writer %d of %d: %v: %s", i+1, n, werr, errs[i])
		}
	}
	return time.Since(start), err
}

// countQuads counts the quads of the store at url.
func countQuads(ctx context.Context, url string) (int, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM quads`).Scan(&n)
	return n, err
}
