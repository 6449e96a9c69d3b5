package console

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	chttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/quad"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/shape"

	"github.com/kg-news/kg/graph"
)

// limiter caps how many requests of a kind run at once; a request past the cap waits a
// while for a slot, and is then refused.
type limiter struct {
	slots chan struct{}
	wait  time.Duration
}

func newLimiter(n int, wait time.Duration) *limiter {
	return &limiter{slots: make(chan struct{}, n), wait: wait}
}

// errBusy is a request that found no free slot in time.
var errBusy = errors.New("too many queries at once")

// acquire takes a slot, waiting at most l.wait, and returns the function that gives it
// back.
func (l *limiter) acquire(ctx context.Context) (release func(), err error) {
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots }, nil
	default:
	}
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots }, nil
	case <-t.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// writeBusy answers a request that found no slot: 503, with when to try again.
func writeBusy(w http.ResponseWriter, err error, l *limiter) {
	if !errors.Is(err, errBusy) {
		writeError(w, http.StatusBadRequest, "the request was cancelled")
		return
	}
	w.Header().Set("Retry-After", "1")
	writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("%d queries are running, as many as kg serve runs at once (--max-queries); try again in a moment", cap(l.slots)))
}

// serveQuery runs a query of the API v2 (POST body or GET qu=, lang=gizmo|graphql|mql|
// sexp) through the Runner, under the timeout, with its results capped.
func (h *Handler) serveQuery(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, "queries are GET or POST requests")
		return
	}
	vals := r.URL.Query()
	q := Query{Lang: vals.Get("lang"), Limit: h.opts.Limit, MaxBytes: h.opts.MaxAnswer, Timeout: h.opts.Timeout}
	if r.Method == http.MethodGet {
		q.Text = vals.Get("qu")
	} else {
		body, err := io.ReadAll(r.Body) // bounded by ServeHTTP; serveAPI has read it already
		if err != nil {
			writeError(w, http.StatusBadRequest, "read request: "+err.Error())
			return
		}
		q.Text = string(body)
	}
	if specs := chttp.ParseAccept(r.Header, "Accept"); len(specs) != 0 && specs[0].Value == "application/ld+json" {
		q.JSONLD = true
	}
	release, err := h.raw.acquire(r.Context())
	if err != nil {
		writeBusy(w, err, h.raw)
		return
	}
	defer release()
	ctx, cancel := context.WithTimeout(r.Context(), h.opts.Timeout)
	defer cancel()
	ans := h.runner.Run(ctx, q)
	if ans.Type != "" {
		w.Header().Set("Content-Type", ans.Type)
	}
	if ans.Capped {
		w.Header().Set("X-Kg-Warning", capMessage(q.Limit, "results"))
	}
	if ans.Status == 0 {
		ans.Status = http.StatusOK
	}
	w.WriteHeader(ans.Status)
	w.Write(ans.Body)
}

// serveRead streams the quads of the store that match sub, pred, obj and label (comma
// lists) in a quad format (format=nquads, jsonld, graphviz, gml, graphml, ...), as Cayley's
// /api/v2/read does, but under the query timeout: past it, an answer not yet begun is an
// error, and one under way is cut off with an aborted connection, never ended as if
// complete.
func (h *Handler) serveRead(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, "reads are GET or POST requests")
		return
	}
	var format *quad.Format
	if name := r.FormValue("format"); name != "" {
		format = quad.FormatByName(name)
	} else if specs := chttp.ParseAccept(r.Header, "Accept"); len(specs) != 0 {
		format = quad.FormatByMime(specs[0].Value)
	}
	if format == nil {
		format = quad.FormatByName("nquads")
	}
	if format == nil || format.Writer == nil {
		writeError(w, http.StatusBadRequest, "format is not supported for reading data")
		return
	}
	release, err := h.ask.acquire(r.Context())
	if err != nil {
		writeBusy(w, err, h.ask)
		return
	}
	defer release()
	ctx, cancel := context.WithTimeout(r.Context(), h.opts.Timeout)
	defer cancel()
	err = h.withStore(ctx, func(st *graph.Store) error {
		h.readQuads(ctx, w, r, st.QS, format)
		return nil
	})
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
	}
}

// readQuads writes the quads of qs that the request's filters select.
func (h *Handler) readQuads(ctx context.Context, w http.ResponseWriter, r *http.Request, qs cgraph.QuadStore, format *quad.Format) {
	it := shape.FilterQuads(splitValues(r.FormValue("sub")), splitValues(r.FormValue("pred")),
		splitValues(r.FormValue("obj")), splitValues(r.FormValue("label"))).BuildIterator(qs).Iterate()
	defer it.Close()
	if len(format.Mime) != 0 {
		w.Header().Set("Content-Type", format.Mime[0])
	}
	cw := &countingWriter{w: w}
	qw := format.Writer(cw)
	err := copyQuads(ctx, qs, it, qw)
	if cerr := qw.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		return
	}
	if cw.n == 0 {
		if ctx.Err() != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("the read ran past its time limit of %s and was stopped (kg serve --timeout sets it); narrow it with sub, pred, obj or label", h.opts.Timeout))
			return
		}
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	panic(http.ErrAbortHandler) // the client sees a broken answer, not a short one
}

// copyQuads writes the quads of it to qw until ctx is done.
func copyQuads(ctx context.Context, qs cgraph.QuadStore, it interface {
	Next(context.Context) bool
	Result() cgraph.Ref
	Err() error
}, qw quad.Writer) error {
	for it.Next(ctx) {
		if err := ctx.Err(); err != nil {
			return err
		}
		q, err := qs.Quad(it.Result())
		if err != nil {
			return err
		}
		if err := qw.WriteQuad(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

func splitValues(s string) []quad.Value {
	if s == "" {
		return nil
	}
	var out []quad.Value
	for _, p := range strings.Split(s, ",") {
		out = append(out, quad.StringToValue(p))
	}
	return out
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
