// Package ingest builds the knowledge graph from article files: it walks files and
// folders lazily, extracts articles on a bounded pool of workers, and writes them through
// one batched writer in input order, so that memory stays flat however large the corpus
// and a cancelled build leaves every article complete or absent.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/link"
)

// Input is one article read from a file or stdin: a whole file, or one record of a file
// that holds many (JSON Lines, a WARC archive, a feed).
type Input struct {
	Seq  int    // position in the input order
	ID   string // the file stem, or a name made from the article's address
	Path string // the file, with "#N" or "#URL" for a record inside it
	Kind Kind   // what Data holds: Text, HTML, or nothing yet for a Page to fetch
	Data []byte
	Meta extract.Meta // what the container said about the article (a feed item's date)
	Err  error        // why the file could not be read
}

// FileError is an article that could not be built, and why.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e FileError) Unwrap() error { return e.Err }

// ErrNoArticles is returned when the inputs hold no article files.
var ErrNoArticles = errors.New("no articles found (" + Reads + ")")

// Stdin is the path that stands for standard input.
const Stdin = "-"

// Walk sends every article under paths to out, in a stable order: files as given,
// folders recursively with the files of the kinds kg reads sorted by path, and the
// articles inside a file in their order there. It reads a file only when the receiver is
// ready for it. stdin is read for the path "-". A file that cannot be read, or that is
// named and is not an article, is sent with its error. Walk closes out.
func Walk(ctx context.Context, paths []string, stdin io.Reader, maxBytes int, out chan<- Input) error {
	return walk(ctx, paths, stdin, maxBytes, out, nil)
}

// walk is Walk that also tells found how many inputs it has come across so far, before
// it sends them: a progress bar's total.
func walk(ctx context.Context, paths []string, stdin io.Reader, maxBytes int, out chan<- Input, found func(int)) error {
	defer close(out)
	total := 0
	count := func(n int) {
		total += n
		if found != nil {
			found(total)
		}
	}
	seq := 0
	send := func(in Input) error {
		in.Seq = seq
		seq++
		select {
		case out <- in:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	// more sends the inputs of one file: the first was counted with the file, every other
	// record of a JSON Lines file, archive or feed adds one
	first := true
	more := func(in Input) error {
		if !first {
			count(1)
		}
		first = false
		return send(in)
	}
	for _, p := range paths {
		first = true
		if p == Stdin {
			count(1)
			if stdin == nil {
				stdin = strings.NewReader("")
			}
			if _, err := readStream(stdin, Stdin, "stdin", Unknown, true, maxBytes, more); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			count(1)
		}
		if err != nil {
			if err := send(Input{ID: stem(p), Path: p, Err: describeStatError(err)}); err != nil {
				return err
			}
			continue
		}
		if !st.IsDir() {
			if _, err := readPath(p, st, true, maxBytes, more); err != nil {
				return err
			}
			continue
		}
		// a folder named through a symbolic link is walked too: WalkDir follows a link
		// given as its root only with a trailing separator (links inside are not followed)
		root := p
		if lst, err := os.Lstat(p); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
			root = p + string(filepath.Separator)
		}
		var files []string
		err = filepath.WalkDir(root, func(path string, de fs.DirEntry, err error) error {
			if cerr := ctx.Err(); cerr != nil {
				return cerr // a huge tree is listed no further once the build is cancelled
			}
			if err != nil {
				if path == root {
					return err
				}
				files = append(files, path) // reported when read
				return nil
			}
			if de.IsDir() {
				if path != root && strings.HasPrefix(de.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if inFolder(path) {
				files = append(files, path)
			}
			return nil
		})
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			count(1)
			if err := send(Input{ID: stem(p), Path: p, Err: describeStatError(err)}); err != nil {
				return err
			}
			continue
		}
		if len(files) == 0 {
			// a folder named on the command line with nothing to read says so, even when
			// other inputs hold articles
			count(1)
			if err := send(Input{ID: stem(p), Path: p, Err: errEmptyFolder}); err != nil {
				return err
			}
			continue
		}
		count(len(files))
		sort.Strings(files)
		for _, f := range files {
			first = true
			st, err := os.Stat(f)
			if err != nil {
				if err := more(Input{ID: stem(f), Path: f, Err: describeStatError(err)}); err != nil {
					return err
				}
				continue
			}
			sent, err := readPath(f, st, false, maxBytes, more)
			if err != nil {
				return err
			}
			if !sent {
				count(-1) // not an article after all: a folder's JSON or XML of another sort
			}
		}
	}
	return nil
}

// errEmptyFolder is a folder given to read that holds no article file.
var errEmptyFolder = errors.New("no articles found in this folder")

func stem(p string) string {
	b := filepath.Base(p)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

func describeStatError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, os.ErrNotExist):
			return errors.New("no such file or folder")
		case errors.Is(pe.Err, os.ErrPermission):
			return errors.New("permission denied")
		case strings.Contains(pe.Err.Error(), "too many levels of symbolic links"):
			return errors.New("a loop of symbolic links")
		}
		return pe.Err
	}
	return err
}

// readFile reads a regular file of at most maxBytes bytes.
func readFile(p string, st fs.FileInfo, maxBytes int) Input {
	in := Input{ID: stem(p), Path: p}
	switch {
	case !st.Mode().IsRegular():
		in.Err = fmt.Errorf("not a regular file (%s)", fileKind(st.Mode()))
	case maxBytes > 0 && st.Size() > int64(maxBytes):
		in.Err = fmt.Errorf("%w: %d bytes, over the limit of %d for one article", extract.ErrTooLarge, st.Size(), maxBytes)
	default:
		f, err := os.Open(p)
		if err != nil {
			in.Err = describeStatError(err)
			return in
		}
		defer f.Close()
		in.Data, in.Err = readLimited(f, maxBytes)
	}
	return in
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return m.String()
}

// readLimited reads r to its end, failing rather than reading more than maxBytes.
func readLimited(r io.Reader, maxBytes int) ([]byte, error) {
	if maxBytes <= 0 {
		maxBytes = extract.DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxBytes {
		return nil, fmt.Errorf("%w: over the limit of %d bytes for one article", extract.ErrTooLarge, maxBytes)
	}
	return data, nil
}

func shortHash(b []byte) string {
	// FNV-1a, enough to tell stdin articles apart
	var h uint64 = 14695981039346656037
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return fmt.Sprintf("%012x", h&0xffffffffffff)
}

// Options tune a build.
type Options struct {
	Workers  int            // extraction workers; the number of CPUs if 0
	Batch    int            // articles per transaction; 64 if 0
	MaxBytes int            // largest article; extract.DefaultMaxBytes if 0
	Stdin    io.Reader      // read for the path "-"
	Progress func(Progress) // called after each batch, from the writer goroutine
	Fetch    FetchOptions   // whether and how the pages of link-only feed items are fetched
	Linker   *link.Linker   // link.New() if nil
	// Incremental writes a new or empty bolt store batch by batch, as any other store,
	// instead of through the bulk path (graph.Store.NewBulkWriter).
	Incremental bool
	// Shard, when its Of is not 0, builds only this process's share of the inputs, for
	// builds of one corpus by several processes into one store (see Shard).
	Shard Shard
	// Extract extracts one article in place of the Extractor given to Build, when not
	// nil (tests use it to make one article fail). A panic inside it fails that article.
	Extract func(id, path string, data []byte) (*extract.Document, error)
}

// Progress reports a build under way.
type Progress struct {
	Done, Failed int
	Total        int // inputs found so far: all of them once the folders are listed
	Bytes        int64
	Elapsed      time.Duration
	Finishing    bool // every article is written; the graph's summary is being counted
}

// Report says what a build did.
type Report struct {
	Added, Replaced, Unchanged int
	Failed                     []FileError
	Renamed                    []Renamed // articles written under an id of their own: their file name was taken
	LinkOnly                   int       // feed items with only a link, not fetched
	QuadsAdded, QuadsDeleted   int
	Link                       link.SettleReport // what settling the links across articles did
	Bytes                      int64
	Duration                   time.Duration
	// Deferred is set when other builds into the store were running as this one ended:
	// the last of them settles the links and counts the summary.
	Deferred bool
}

// Articles is the number of articles that were read and extracted.
func (r Report) Articles() int { return r.Added + r.Replaced + r.Unchanged }

type extracted struct {
	seq int
	doc *extract.Document
	in  Input
	err error
}

// DefaultBatch is how many articles kg build writes in one transaction. Each article
// stays atomic at any size. Larger transactions were measured on the BBC corpus: 256 built
// it up to 15% faster than 64 but not in every run, and its peak memory grew with the
// store (234 MB at 1x, 486 MB at 16x the corpus, against 138 and 231 MB at 64), as each
// transaction dirties more pages of a larger tree.
const DefaultBatch = 64

// Build reads the articles under paths, extracts them and writes them to st. A file that
// is not an article is reported in Report.Failed and the build goes on. When ctx is
// cancelled, Build stops: the articles written so far are complete, the rest absent.
func Build(ctx context.Context, st *graph.Store, x *extract.Extractor, paths []string, opts Options) (Report, error) {
	return build(ctx, st, x, func(ctx context.Context, out chan<- Input, found func(int)) error {
		return walk(ctx, paths, opts.Stdin, opts.MaxBytes, out, found)
	}, opts)
}

// BuildInputs is Build for inputs read already, such as the new items of a feed.
func BuildInputs(ctx context.Context, st *graph.Store, x *extract.Extractor, inputs []Input, opts Options) (Report, error) {
	return build(ctx, st, x, func(ctx context.Context, out chan<- Input, found func(int)) error {
		defer close(out)
		found(len(inputs))
		for i, in := range inputs {
			in.Seq = i
			select {
			case out <- in:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	}, opts)
}

// build runs a build over the inputs source sends, in order, telling found how many it
// has come across so far; source closes out.
func build(ctx context.Context, st *graph.Store, x *extract.Extractor, source func(context.Context, chan<- Input, func(int)) error, opts Options) (Report, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Batch <= 0 {
		opts.Batch = DefaultBatch
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = extract.DefaultMaxBytes
	}
	x.MaxBytes = opts.MaxBytes
	lk := opts.Linker
	if lk == nil {
		lk = link.New()
	}
	// other builds may write the store at the same time (PostgreSQL): they know of this
	// one while it runs
	leave, err := st.JoinBuild(ctx)
	if err != nil {
		return Report{}, err
	}
	defer leave()
	// a build or removal stopped before it settled its links leaves a mark: then every
	// link key is settled at the end, not only those this build touches
	unsettled, err := relinkStale(ctx, st)
	if err != nil {
		return Report{}, err
	}
	// a new or empty bolt store is written through the bulk path: the articles are kept
	// in memory and written at once when they are all extracted (graph.Store.Commit)
	bulk := false
	if !opts.Incremental {
		if bulk, err = st.CanBulk(ctx); err != nil {
			return Report{}, err
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	walked := make(chan Input)
	inputs := make(chan Input, opts.Workers)
	results := make(chan extracted, opts.Workers)
	// at most this many articles are between the reader and the writer at once, so that a
	// slow article holds back a bounded number of others
	slots := make(chan struct{}, 4*opts.Workers)
	var total, found atomic.Int64
	g.Go(func() error {
		return source(gctx, walked, func(n int) {
			found.Store(int64(n))
			if opts.Shard.Of <= 1 {
				total.Store(int64(n)) // a share's total is not known before the walk ends
			}
		})
	})
	g.Go(func() error {
		defer close(inputs)
		seq := 0
		for in := range walked {
			if !opts.Shard.Takes(in) {
				continue
			}
			in.Seq = seq // the writer takes this process's share in order, with no gaps
			seq++
			select {
			case slots <- struct{}{}:
			case <-gctx.Done():
				return gctx.Err()
			}
			select {
			case inputs <- in:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	// the workers are not in g: a cancelled build does not wait for an article that takes
	// long to extract (it ends with the process), only for the walker and the writer
	var wg sync.WaitGroup
	for i := 0; i < opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for in := range inputs {
				r := extracted{seq: in.Seq, in: in, err: in.Err}
				if r.err == nil {
					r.doc, r.err = extractOne(gctx, x, in, opts)
				}
				r.in.Data = nil
				select {
				case results <- r:
				case <-gctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var rep Report
	w := st.NewWriter()
	if bulk {
		w = st.NewBulkWriter()
	}
	ids := newIdentities(st)
	renamed := map[string]Renamed{} // by id, until written
	var batch []graph.Doc
	// queue holds the articles extracted, in input order, whose ids are not given yet:
	// an id, and whether the article is in the store, depend on the articles written
	// before, so they are decided with the batch's write, under the store's lock
	var queue []extracted
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := w.Write(gctx, batch)
		if err != nil {
			return err
		}
		for _, r := range res {
			switch r.Outcome {
			case graph.Added:
				rep.Added++
			case graph.Replaced:
				rep.Replaced++
			default:
				rep.Unchanged++
			}
			rep.QuadsAdded += r.Added
			rep.QuadsDeleted += r.Deleted
			if rn, ok := renamed[r.ID]; ok && r.Outcome != graph.Unchanged {
				rep.Renamed = append(rep.Renamed, rn) // said when it is written, not at every build
			}
			delete(renamed, r.ID)
		}
		batch = batch[:0]
		ids.flushed()
		if opts.Progress != nil {
			opts.Progress(Progress{Done: rep.Articles(), Failed: len(rep.Failed), Total: int(total.Load()), Bytes: rep.Bytes, Elapsed: time.Since(start)})
		}
		return nil
	}
	writeQueue := func() error {
		if len(queue) == 0 {
			return nil
		}
		release, err := st.Exclusive(gctx)
		if err != nil {
			return err
		}
		defer release()
		for _, cur := range queue {
			inBatch, other, err := ids.assign(gctx, cur.doc, cur.in.Path)
			if errors.Is(err, errTwice) {
				rep.Failed = append(rep.Failed, FileError{Path: cur.in.Path, Err: err})
				continue
			}
			if err != nil {
				return err
			}
			if inBatch {
				// a later article with the address of one in this batch replaces it: the
				// batch goes first, so that each transaction has one article per id
				if err := flush(); err != nil {
					return err
				}
			}
			if other != "" {
				renamed[cur.doc.ID] = Renamed{Path: cur.in.Path, ID: cur.doc.ID, Other: other}
			}
			ids.written(cur.doc)
			rep.Bytes += int64(len(cur.doc.Text))
			// the article's quads are made once its id is settled
			batch = append(batch, lk.Prepare(cur.doc))
		}
		queue = queue[:0]
		return flush()
	}
	// results arrive out of order; write them in input order
	pending := map[int]extracted{}
	next := 0
	g.Go(func() error {
		for {
			var r extracted
			var ok bool
			select {
			case r, ok = <-results:
			case <-gctx.Done():
				return gctx.Err()
			}
			if !ok {
				break
			}
			pending[r.seq] = r
			for {
				cur, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				<-slots
				if errors.Is(cur.err, ErrLinkOnly) {
					rep.LinkOnly++
					continue
				}
				if cur.err != nil {
					rep.Failed = append(rep.Failed, FileError{Path: cur.in.Path, Err: cur.err})
					continue
				}
				queue = append(queue, cur)
				if len(queue) >= opts.Batch {
					if err := writeQueue(); err != nil {
						return err
					}
				}
			}
		}
		if gctx.Err() != nil {
			return gctx.Err()
		}
		return writeQueue()
	})
	err = g.Wait()
	if bulk {
		// what the writer holds is what an incremental build would have written by now,
		// each article whole: it is written when the build stops early too
		if cerr := w.Commit(context.WithoutCancel(ctx)); cerr != nil {
			rep.Added, rep.Replaced, rep.Unchanged, rep.QuadsAdded, rep.QuadsDeleted = 0, 0, 0, 0, 0
			err = errors.Join(err, cerr)
		}
	}
	if err == nil {
		err = finish(ctx, st, lk, w, unsettled, &rep, func() {
			if opts.Progress != nil {
				opts.Progress(Progress{Done: rep.Articles(), Failed: len(rep.Failed), Total: int(total.Load()), Bytes: rep.Bytes, Elapsed: time.Since(start), Finishing: true})
			}
		})
	}
	if serr := st.Sync(); err == nil && serr != nil {
		err = serr
	}
	rep.Duration = time.Since(start)
	if err != nil {
		return rep, err
	}
	if rep.Articles() == 0 && len(rep.Failed) == 0 && (opts.Shard.Of <= 1 || found.Load() == 0) {
		// a share may hold none of a small corpus's articles
		return rep, ErrNoArticles
	}
	return rep, nil
}

// relinkStale reports, under the store's lock, whether a build or removal that no longer
// runs left links unsettled.
func relinkStale(ctx context.Context, st *graph.Store) (bool, error) {
	release, err := st.Exclusive(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	return st.RelinkStale(ctx)
}

// finish settles the links a build touched and counts the graph's summary, under the
// store's lock; unless other builds into the store are still running, and then the last
// of them does it, for every link key (see graph.Store.LastBuild).
func finish(ctx context.Context, st *graph.Store, lk *link.Linker, w *graph.Writer, unsettled bool, rep *Report, finishing func()) error {
	release, err := st.Exclusive(ctx)
	if err != nil {
		return err
	}
	defer release()
	last, stale, err := st.LastBuild(ctx)
	if err != nil {
		return err
	}
	if !last {
		rep.Deferred = w.Marked() || unsettled || stale
		return nil
	}
	if w.Marked() || unsettled || stale {
		if rep.Link, err = lk.Settle(ctx, st, w.Touched(), unsettled || stale); err != nil {
			return err
		}
	}
	if rep.Articles() > 0 || stale {
		finishing()
		return refreshSummary(ctx, st, rep.Added+rep.Replaced > 0 || stale)
	}
	return nil
}

// refreshSummary counts the graph's summary again after a build that changed articles,
// or that found it missing (a build stopped half-way before).
func refreshSummary(ctx context.Context, st *graph.Store, changed bool) error {
	if !changed {
		has, err := st.HasSummary(ctx)
		if err != nil || has {
			return err
		}
	}
	return st.RefreshSummary(ctx)
}
