package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/writer" // Cayley's "single" quad writer, the baseline
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
	"github.com/kg-news/kg/link"
	"github.com/kg-news/kg/queries"
)

// benchOptions are the settings of kg bench.
type benchOptions struct {
	paths    []string // the corpus
	dir      string   // where the stores go; a temporary folder if empty
	sections []string // which figures to measure
	quads    int      // size of the synthetic store for the query figures
	runs     int      // runs of each canned query
	scale    []int    // corpus multiples for the scaling figures
	postgres string   // a postgres:// URL: also measure writes into PostgreSQL
	writers  []int    // numbers of kg build processes at once for the parallel figures
	kg       string   // the kg binary the parallel section runs; this one if empty
	json     bool
}

var benchSections = []string{"extract", "build", "write", "queries", "scale", "parallel"}

func newBenchCommand() *cli.Command {
	return &cli.Command{
		Name:      "bench",
		Usage:     "measure extraction, build, store writes and canned-query latency on a corpus",
		ArgsUsage: "[PATH...]",
		Description: "Figures, each measured in this run: extraction alone on one core and on all cores\n" +
			"(MB/s, articles/s), the whole build, store writes against Cayley's own AddQuadSet on the\n" +
			"same quads, the latency of every canned query on a store of --quads quads made by\n" +
			"repeating the corpus under new article ids, and build time and memory at --scale\n" +
			"multiples of the corpus. PATH defaults to data/.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dir", Usage: "folder for the benchmark stores (kept, so that the query store is reused)"},
			&cli.StringFlag{Name: "only", Usage: "comma-separated sections: " + strings.Join(benchSections, ",")},
			&cli.IntFlag{Name: "quads", Value: 1_000_000, Usage: "size of the synthetic store for the query figures"},
			&cli.IntFlag{Name: "runs", Value: 50, Usage: "runs of each canned query, with parameters drawn from the store"},
			&cli.StringFlag{Name: "scale", Value: "1,4,16", Usage: "corpus multiples for the scaling figures"},
			&cli.StringFlag{Name: "postgres", EnvVars: []string{"KG_BENCH_POSTGRES"}, Usage: "a postgres:// URL: also measure writes into PostgreSQL (tables are created in a schema of their own and dropped)"},
			&cli.StringFlag{Name: "writers", Value: "1,2,4", Usage: "parallel section: numbers of kg build --shard processes at once into PostgreSQL (needs --postgres)"},
			jsonFlag,
		},
		Action: func(c *cli.Context) error {
			opts := benchOptions{paths: c.Args().Slice(), dir: c.String("dir"), quads: c.Int("quads"),
				runs: c.Int("runs"), postgres: c.String("postgres"), json: c.Bool("json")}
			if len(opts.paths) == 0 {
				opts.paths = []string{"data"}
			}
			opts.sections = benchSections
			if s := c.String("only"); s != "" {
				opts.sections = strings.Split(s, ",")
				for _, x := range opts.sections {
					if !contains(benchSections, x) {
						return usagef("unknown bench section %q (want %s)", x, strings.Join(benchSections, ", "))
					}
				}
			}
			var bad string
			if opts.writers, bad = positiveInts(c.String("writers")); bad != "" {
				return usagef("--writers takes numbers of processes like 1,2,4, not %q", bad)
			}
			if opts.scale, bad = positiveInts(c.String("scale")); bad != "" {
				return usagef("--scale takes whole multiples like 1,4,16, not %q", bad)
			}
			return runBench(c.Context, opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// benchResult is one figure.
type benchResult struct {
	Section string  `json:"section"`
	Name    string  `json:"name"`
	Value   float64 `json:"value"`
	Unit    string  `json:"unit"`
	Note    string  `json:"note,omitempty"`
}

// benchReport prints figures as they come.
type benchReport struct {
	w    io.Writer
	json bool
}

func (r *benchReport) add(section, name string, value float64, unit, note string) {
	if r.json {
		json.NewEncoder(r.w).Encode(benchResult{section, name, value, unit, note})
		return
	}
	v := strconv.FormatFloat(value, 'f', 2, 64)
	if value >= 1000 {
		v = strconv.FormatFloat(value, 'f', 0, 64)
	}
	fmt.Fprintf(r.w, "%-8s  %-44s %12s %-10s %s\n", section, name, v, unit, note)
}

// benchCorpus is the corpus read into memory once.
type benchCorpus struct {
	inputs []ingest.Input
	bytes  int64
}

func loadCorpus(ctx context.Context, paths []string) (*benchCorpus, error) {
	ch := make(chan ingest.Input)
	errc := make(chan error, 1)
	go func() { errc <- ingest.Walk(ctx, paths, nil, extract.DefaultMaxBytes, ch) }()
	c := &benchCorpus{}
	for in := range ch {
		if in.Err != nil {
			continue
		}
		c.inputs = append(c.inputs, in)
		c.bytes += int64(len(in.Data))
	}
	if err := <-errc; err != nil {
		return nil, err
	}
	if len(c.inputs) == 0 {
		return nil, ingest.ErrNoArticles
	}
	return c, nil
}

// runBench measures what opts.sections name and prints the figures.
func runBench(ctx context.Context, opts benchOptions, stdout, stderr io.Writer) error {
	dir := opts.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "kg-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	corpus, err := loadCorpus(ctx, opts.paths)
	if err != nil {
		return err
	}
	rep := &benchReport{w: stdout, json: opts.json}
	fmt.Fprintf(stderr, "kg bench: %d articles, %.1f MB, %d CPUs, %s\n", len(corpus.inputs), float64(corpus.bytes)/1e6, runtime.NumCPU(), runtime.Version())
	for _, s := range opts.sections {
		var err error
		switch s {
		case "extract":
			err = benchExtract(ctx, corpus, rep)
		case "build":
			err = benchBuild(ctx, corpus, opts.paths, dir, rep)
		case "write":
			err = benchWrite(ctx, corpus, dir, opts.postgres, rep)
		case "queries":
			err = benchQueryStore(ctx, corpus, opts, dir, rep, stderr)
		case "scale":
			err = benchScale(ctx, opts, dir, rep, stderr)
		case "parallel":
			err = benchParallel(ctx, opts, rep, stderr)
		}
		if err != nil {
			return fmt.Errorf("bench %s: %w", s, err)
		}
	}
	return nil
}

// benchExtract measures `kg extract`: text in, N-Quads out, no store; on one goroutine,
// then on one per CPU.
func benchExtract(ctx context.Context, c *benchCorpus, rep *benchReport) error {
	defer throughputGC()() // as kg extract runs
	x, lk := extract.New(), link.New()
	one := func(in ingest.Input, w quad.Writer) error {
		d, err := x.Extract(in.ID, in.Path, in.Data)
		if err != nil {
			return nil // not an article: kg extract skips it too
		}
		for _, q := range lk.Prepare(d).Quads {
			if err := w.WriteQuad(q); err != nil {
				return err
			}
		}
		return nil
	}
	// warm up the lexicons and the allocator
	if err := one(c.inputs[0], nquads.NewWriter(io.Discard)); err != nil {
		return err
	}
	start := time.Now()
	w := nquads.NewWriter(io.Discard)
	for _, in := range c.inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := one(in, w); err != nil {
			return err
		}
	}
	d := time.Since(start).Seconds()
	rep.add("extract", "text to N-Quads, one core", float64(c.bytes)/1e6/d, "MB/s", "")
	rep.add("extract", "text to N-Quads, one core", float64(len(c.inputs))/d, "articles/s", "")
	n := runtime.NumCPU()
	start = time.Now()
	var wg sync.WaitGroup
	next := make(chan ingest.Input)
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := nquads.NewWriter(io.Discard)
			for in := range next {
				if err := one(in, w); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for _, in := range c.inputs {
		next <- in
	}
	close(next)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	d = time.Since(start).Seconds()
	rep.add("extract", fmt.Sprintf("text to N-Quads, %d cores", n), float64(c.bytes)/1e6/d, "MB/s", "")
	return nil
}

// benchBuild measures `kg build` on the corpus into a new bolt store.
func benchBuild(ctx context.Context, c *benchCorpus, paths []string, dir string, rep *benchReport) error {
	path := filepath.Join(dir, "build.db")
	os.Remove(path)
	defer os.Remove(path)
	st, err := graph.Open(ctx, graph.Config{Path: path})
	if err != nil {
		return err
	}
	r, err := ingest.Build(ctx, st, extract.New(), paths, ingest.Options{})
	st.Close()
	if err != nil {
		return err
	}
	d := r.Duration.Seconds()
	rep.add("build", "kg build into bolt", float64(r.Bytes)/1e6/d, "MB/s", "")
	rep.add("build", "kg build into bolt", float64(r.Articles())/d, "articles/s", "")
	rep.add("build", "kg build into bolt", float64(r.QuadsAdded)/d, "quads/s", fmt.Sprintf("%d quads", r.QuadsAdded))
	return nil
}

// benchWrite writes the same quads into new stores with Cayley's AddQuadSet, one
// article per call, and with kg's writer, ingest.DefaultBatch articles per transaction (kg's figure
// includes resolving entities against the store).
func benchWrite(ctx context.Context, c *benchCorpus, dir, pgURL string, rep *benchReport) error {
	x, lk := extract.New(), link.New()
	var docs []graph.Doc
	var sets [][]quad.Quad
	total := 0
	for _, in := range c.inputs {
		d, err := x.Extract(in.ID, in.Path, in.Data)
		if err != nil {
			continue
		}
		a := lk.Prepare(d)
		docs = append(docs, a)
		sets = append(sets, a.Quads)
		total += len(a.Quads)
	}
	type backend struct {
		name string
		open func() (*graph.Store, func(), error)
	}
	backends := []backend{{"bolt", func() (*graph.Store, func(), error) {
		path := filepath.Join(dir, "write.db")
		os.Remove(path)
		st, err := graph.Open(ctx, graph.Config{Path: path})
		return st, func() { st.Close(); os.Remove(path) }, err
	}}}
	if pgURL != "" {
		backends = append(backends, backend{"postgres", func() (*graph.Store, func(), error) {
			url, drop, err := graph.PostgresScratch(ctx, pgURL)
			if err != nil {
				return nil, nil, err
			}
			st, err := graph.Open(ctx, graph.Config{Backend: graph.Postgres, Path: url})
			if err != nil {
				drop()
				return nil, nil, err
			}
			return st, func() { st.Close(); drop() }, nil
		}})
	}
	for _, b := range backends {
		st, done, err := b.open()
		if err != nil {
			return err
		}
		w, err := cgraph.NewQuadWriter("single", st.QS, cgraph.Options{"ignore_duplicate": true})
		if err != nil {
			done()
			return err
		}
		start := time.Now()
		for _, s := range sets {
			if err := ctx.Err(); err != nil {
				done()
				return err
			}
			if err := w.AddQuadSet(s); err != nil {
				done()
				return err
			}
		}
		base := float64(total) / time.Since(start).Seconds()
		done()
		st, done, err = b.open()
		if err != nil {
			return err
		}
		kw := st.NewWriter()
		start = time.Now()
		for i := 0; i < len(docs); i += ingest.DefaultBatch {
			if _, err := kw.Write(ctx, docs[i:min(i+ingest.DefaultBatch, len(docs))]); err != nil {
				done()
				return err
			}
		}
		ours := float64(total) / time.Since(start).Seconds()
		done()
		rep.add("write", b.name+": Cayley AddQuadSet, one article per call", base, "quads/s", "")
		rep.add("write", b.name+fmt.Sprintf(": kg writer, %d articles per transaction", ingest.DefaultBatch), ours, "quads/s", fmt.Sprintf("%.1fx Cayley's", ours/base))
		if b.name != "bolt" {
			continue
		}
		// what `cayley load` does: the whole quad stream in AddQuadSet batches of 10,000
		st, done, err = b.open()
		if err != nil {
			return err
		}
		if w, err = cgraph.NewQuadWriter("single", st.QS, cgraph.Options{"ignore_duplicate": true}); err != nil {
			done()
			return err
		}
		var all []quad.Quad
		for _, s := range sets {
			all = append(all, s...)
		}
		start = time.Now()
		for i := 0; i < len(all); i += cayleyLoadBatch {
			if err := w.AddQuadSet(all[i:min(i+cayleyLoadBatch, len(all))]); err != nil {
				done()
				return err
			}
		}
		load := float64(total) / time.Since(start).Seconds()
		done()
		st, done, err = b.open()
		if err != nil {
			return err
		}
		start = time.Now()
		if err := bulkWrite(ctx, st, docs); err != nil {
			done()
			return err
		}
		bulk := float64(total) / time.Since(start).Seconds()
		done()
		rep.add("write", "bolt: cayley load (AddQuadSet, 10,000 quads per call)", load, "quads/s", fmt.Sprintf("kg writer %.1fx it", ours/load))
		rep.add("write", "bolt: kg bulk path (new store)", bulk, "quads/s", fmt.Sprintf("%.1fx cayley load, %.1fx kg writer", bulk/load, bulk/ours))
	}
	return nil
}

// cayleyLoadBatch is the batch of `cayley load` (quad.DefaultBatch).
const cayleyLoadBatch = 10_000

// bulkWrite writes docs into st, a new bolt store, through the bulk path as kg build
// does: ingest.DefaultBatch articles per write, then committed.
func bulkWrite(ctx context.Context, st *graph.Store, docs []graph.Doc) error {
	w := st.NewBulkWriter()
	for i := 0; i < len(docs); i += ingest.DefaultBatch {
		if _, err := w.Write(ctx, docs[i:min(i+ingest.DefaultBatch, len(docs))]); err != nil {
			return err
		}
	}
	return w.Commit(ctx)
}

// benchQueryStore builds (or reuses) a store of at least opts.quads quads by repeating
// the corpus under new article ids, then times every canned query on it.
func benchQueryStore(ctx context.Context, c *benchCorpus, opts benchOptions, dir string, rep *benchReport, stderr io.Writer) error {
	path := filepath.Join(dir, fmt.Sprintf("queries-%d.db", opts.quads))
	st, err := graph.Open(ctx, graph.Config{Path: path, ReadOnly: true})
	var have int64
	if err == nil {
		s, err := st.Stats(ctx)
		st.Close()
		if err == nil {
			have = s.Quads
		}
	}
	if have < int64(opts.quads) {
		os.Remove(path)
		fmt.Fprintf(stderr, "kg bench: building a store of at least %d quads at %s\n", opts.quads, path)
		w, err := graph.Open(ctx, graph.Config{Path: path, NoSync: true})
		if err != nil {
			return err
		}
		if have, err = writeCopies(ctx, w, c, int64(opts.quads), stderr); err != nil {
			w.Close()
			return err
		}
		fmt.Fprintf(stderr, "kg bench: counting the summary\n")
		if err := w.RefreshSummary(ctx); err != nil {
			w.Close()
			return err
		}
		if err := w.Sync(); err != nil {
			w.Close()
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
	st, err = graph.Open(ctx, graph.Config{Path: path, ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := benchQueries(ctx, st, queries.MustLoad(), opts.runs, 30*time.Second, 1, stderr)
	if err != nil {
		return err
	}
	for _, s := range stats {
		note := fmt.Sprintf("p95 %.1f ms, max %.1f ms, %d runs on %d quads", ms(s.P95), ms(s.Max), s.Runs, have)
		if s.Errors > 0 {
			note += fmt.Sprintf(", %d failed", s.Errors)
		}
		rep.add("queries", "kg ask "+s.Name+" (median)", ms(s.Median), "ms", note)
	}
	return nil
}

// writeCopies writes copies of the corpus under new article ids ("r2_business_001")
// into st, a new store, until it holds at least quads quads, and returns how many it
// holds. The copies are extracted on every core and written, in corpus order, through the
// bulk path in one commit: the store is what incremental writes of the same articles make
// (graph's bulk tests), in a fraction of the time.
func writeCopies(ctx context.Context, st *graph.Store, c *benchCorpus, quads int64, stderr io.Writer) (int64, error) {
	w := st.NewWriter()
	if ok, err := st.CanBulk(ctx); err != nil {
		return 0, err
	} else if ok {
		w = st.NewBulkWriter()
		w.HoldUpTo(int(quads) + int(quads)/4) // the last copy passes the mark
	}
	x, lk := extract.New(), link.New()
	var have int64
	for copyN := 1; have < quads; copyN++ {
		docs := make([]graph.Doc, len(c.inputs))
		ok := make([]bool, len(c.inputs))
		next := make(chan int)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					in := c.inputs[i]
					d, err := x.Extract(fmt.Sprintf("r%d_%s", copyN, in.ID), in.Path, in.Data)
					if err == nil {
						docs[i], ok[i] = lk.Prepare(d), true
					}
				}
			}()
		}
		for i := range c.inputs {
			if ctx.Err() != nil {
				break
			}
			next <- i
		}
		close(next)
		wg.Wait()
		if err := ctx.Err(); err != nil {
			return have, err
		}
		var batch []graph.Doc
		for i := range docs {
			if ok[i] {
				batch = append(batch, docs[i])
			}
		}
		for i := 0; i < len(batch); i += ingest.DefaultBatch {
			res, err := w.Write(ctx, batch[i:min(i+ingest.DefaultBatch, len(batch))])
			if err != nil {
				return have, err
			}
			for _, r := range res {
				have += int64(r.Added)
			}
		}
		if copyN == 1 && have == 0 {
			return 0, fmt.Errorf("the corpus yields no quads")
		}
		fmt.Fprintf(stderr, "kg bench: %d quads\n", have)
	}
	if err := w.Commit(ctx); err != nil {
		return have, err
	}
	return have, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// benchScale runs `kg build` as a child process on 1×, 4×, 16×… the corpus (repeated
// under new file names through symbolic links) and reports its time and peak memory.
func benchScale(ctx context.Context, opts benchOptions, dir string, rep *benchReport, stderr io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	var files []string
	for _, p := range opts.paths {
		err := filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".txt") {
				abs, err := filepath.Abs(path)
				if err != nil {
					return err
				}
				files = append(files, abs)
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	var base float64
	for _, m := range opts.scale {
		corpus := filepath.Join(dir, fmt.Sprintf("scale-%d", m))
		os.RemoveAll(corpus)
		for i := 1; i <= m; i++ {
			sub := filepath.Join(corpus, fmt.Sprintf("copy%d", i))
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
			for _, f := range files {
				if err := os.Symlink(f, filepath.Join(sub, fmt.Sprintf("c%d_%s", i, filepath.Base(f)))); err != nil {
					return err
				}
			}
		}
		store := filepath.Join(dir, fmt.Sprintf("scale-%d.db", m))
		os.Remove(store)
		cmd := exec.CommandContext(ctx, exe, "build", "--quiet", "--store", store, corpus)
		cmd.Stderr = stderr
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return err
		}
		// the peak of the child's own memory: anonymous pages, sampled. (getrusage's maxrss
		// counts the parent's memory, which the child shares until it execs, and VmHWM
		// the pages of the store file bolt maps, which are the kernel's file cache.)
		var rss float64
		stop := make(chan struct{})
		polled := make(chan struct{})
		go func() {
			defer close(polled)
			for {
				if kb := rssAnon(cmd.Process.Pid); kb/1024 > rss {
					rss = kb / 1024
				}
				select {
				case <-stop:
					return
				case <-time.After(50 * time.Millisecond):
				}
			}
		}()
		err := cmd.Wait()
		close(stop)
		<-polled
		d := time.Since(start).Seconds()
		var size float64
		if fi, err := os.Stat(store); err == nil {
			size = float64(fi.Size()) / 1e6
		}
		os.RemoveAll(corpus)
		os.Remove(store)
		if err != nil {
			return fmt.Errorf("kg build at %dx: %w", m, err)
		}
		n := float64(len(files) * m)
		perK := d / n * 1000
		if base == 0 {
			base = perK
		}
		rep.add("scale", fmt.Sprintf("kg build, %dx corpus (%d articles)", m, int(n)), d, "s",
			fmt.Sprintf("%.2f s per 1000 articles (%.2fx the first), peak memory %.0f MB, store %.0f MB", perK, perK/base, rss, size))
	}
	return nil
}

// rssAnon returns the anonymous resident memory of process pid in kilobytes (its heap
// and stacks), from Linux's /proc/PID/status, or 0 where that is not available.
func rssAnon(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "RssAnon:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb
		}
	}
	return 0
}

// positiveInts reads a comma-separated list of whole numbers of at least 1 ("1,4,16"),
// empty items left out; bad is the first item that is no such number, "" if none.
func positiveInts(list string) (ns []int, bad string) {
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, f
		}
		ns = append(ns, n)
	}
	return ns, ""
}
