package console

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"

	"github.com/kg-news/kg/graph"
)

// Query is one query of the console's API: a script in one of Cayley's query languages
// (gizmo, graphql, mql, sexp), the most results to return, and its time limit.
type Query struct {
	Lang     string        `json:"lang"`
	Text     string        `json:"text"`
	Limit    int           `json:"limit"`    // most results (nodes, for GraphQL)
	MaxBytes int           `json:"maxBytes"` // largest answer in bytes
	JSONLD   bool          `json:"jsonld"`   // collate results as JSON-LD
	Timeout  time.Duration `json:"timeout"`  // for the message; the context carries the deadline
}

// Answer is the API's reply to a query: a status and a JSON body.
type Answer struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Body   []byte `json:"-"`
	Capped bool   `json:"capped"` // the results were cut at the limit
	Panic  string `json:"panic"`  // the stack of a panic inside the query, for the log
	// Reusable: the worker that ran the query may run another (set by ServeWorker)
	Reusable bool `json:"reusable"`
}

// A Runner runs queries: in this process when Options.Runner is nil, or a Pool of worker
// processes that are killed at the deadline or past a memory bound.
type Runner interface {
	Run(ctx context.Context, q Query) Answer
	Close() error
}

// local runs queries in this process, on the handler's store, under the context's
// deadline. Cayley interrupts a Gizmo script at the deadline, and regular expressions
// stop at it too when regexp2's match timeout is set (kg serve sets it); but a script
// that exhausts memory or the stack, or crashes a goroutine of Cayley's own, takes the
// process with it, which a Pool does not allow.
type local struct{ h *Handler }

func (l local) Run(ctx context.Context, q Query) Answer {
	var ans Answer
	err := l.h.withStore(ctx, func(st *graph.Store) error {
		ans = Execute(ctx, st.QS, q)
		return nil
	})
	if err != nil {
		return errorAnswer(q.Lang, http.StatusServiceUnavailable, err.Error())
	}
	return ans
}

func (local) Close() error { return nil }

// graphqlLang is the name Cayley registers GraphQL under; its answers have a shape of
// their own ({"data": ...}).
const graphqlLang = "graphql"

// Execute runs q against qs and returns the answer Cayley's API v2 would give, with the
// results capped at q.Limit (and a warning saying so) in every language, and an answer
// larger than q.MaxBytes refused. A panic in the query is an error answer.
func Execute(ctx context.Context, qs cgraph.QuadStore, q Query) (ans Answer) {
	defer func() {
		if p := recover(); p != nil {
			ans = errorAnswer(q.Lang, http.StatusInternalServerError, fmt.Sprintf("the query crashed Cayley's query engine: %v", p))
			ans.Panic = string(debug.Stack())
		}
	}()
	l := query.GetLanguage(q.Lang)
	switch {
	case q.Lang == "":
		return errorAnswer(q.Lang, http.StatusBadRequest, "query language not specified (lang=gizmo, graphql, mql or sexp)")
	case l == nil || l.Session == nil:
		return errorAnswer(q.Lang, http.StatusBadRequest, fmt.Sprintf("unknown query language %q (lang=gizmo, graphql, mql or sexp)", q.Lang))
	case q.Text == "":
		return errorAnswer(q.Lang, http.StatusBadRequest, "query is empty")
	}
	opt := query.Options{Collation: query.JSON, Limit: q.Limit + 1}
	if q.JSONLD {
		opt.Collation = query.JSONLD
	}
	if q.Limit <= 0 {
		opt.Limit = 0
	}
	it, err := l.Session(qs).Execute(ctx, q.Text, opt)
	if err != nil {
		return queryError(ctx, q, err)
	}
	defer it.Close()
	var out []any
	capped := false
	for it.Next(ctx) {
		if q.Limit > 0 && len(out) >= q.Limit {
			capped = true
			break
		}
		out = append(out, it.Result())
	}
	if !capped {
		if err := it.Err(); err != nil {
			return queryError(ctx, q, err)
		}
		if err := ctx.Err(); err != nil {
			return queryError(ctx, q, err)
		}
	}
	var body map[string]any
	if q.Lang == graphqlLang {
		var data any
		if len(out) > 0 {
			data = out[0]
		}
		n := 0
		if q.Limit > 0 {
			capped = capNodes(&data, q.Limit, &n) || capped
		}
		body = map[string]any{"data": data}
		if capped {
			body["extensions"] = map[string]any{"warning": capMessage(q.Limit, "nodes")}
		}
	} else {
		body = map[string]any{"result": out}
		if capped {
			body["warning"] = capMessage(q.Limit, "results")
		}
	}
	if d := depth(body, maxAnswerDepth); d > maxAnswerDepth {
		return errorAnswer(q.Lang, http.StatusBadRequest, fmt.Sprintf("the answer nests more than %d levels deep; emit flatter values", maxAnswerDepth))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		return errorAnswer(q.Lang, http.StatusBadRequest, "the answer cannot be written as JSON: "+err.Error())
	}
	if q.MaxBytes > 0 && buf.Len() > q.MaxBytes {
		return errorAnswer(q.Lang, http.StatusBadRequest, fmt.Sprintf("the answer is %s, over the limit of %s; ask for less (.Limit(n), fewer tags)", sizeOf(buf.Len()), sizeOf(q.MaxBytes)))
	}
	typ := "application/json"
	if q.JSONLD {
		typ = "application/ld+json"
	}
	return Answer{Status: http.StatusOK, Type: typ, Body: buf.Bytes(), Capped: capped}
}

// maxAnswerDepth bounds how deeply an answer nests, so that writing it cannot exhaust the
// stack.
const maxAnswerDepth = 200

func capMessage(limit int, what string) string {
	return fmt.Sprintf("only the first %d %s are shown: kg serve caps every query at --limit %d; narrow the query or page through it", limit, what, limit)
}

// queryError is the answer for a query that failed with err: ran out of time, or a
// mistake in the script.
func queryError(ctx context.Context, q Query, err error) Answer {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return timeoutAnswer(q)
	}
	return errorAnswer(q.Lang, http.StatusBadRequest, err.Error())
}

func timeoutAnswer(q Query) Answer {
	return errorAnswer(q.Lang, http.StatusBadRequest, fmt.Sprintf("the query ran past its time limit of %s and was stopped (kg serve --timeout sets it)", q.Timeout))
}

// errorAnswer is an error in the shape of the language's answers.
func errorAnswer(lang string, status int, msg string) Answer {
	var body any = map[string]string{"error": msg}
	if lang == graphqlLang {
		body = map[string]any{"data": nil, "errors": []map[string]string{{"message": msg}}}
	}
	data, _ := json.Marshal(body)
	return Answer{Status: status, Type: "application/json", Body: append(data, '\n')}
}

// capNodes cuts the lists inside a GraphQL answer so that it holds at most limit
// objects, counting them in *n; it reports whether it cut anything.
func capNodes(v *any, limit int, n *int) bool {
	switch x := (*v).(type) {
	case map[string]any:
		*n++
		cut := false
		for k := range x {
			e := x[k]
			if capNodes(&e, limit, n) {
				cut = true
			}
			x[k] = e
		}
		return cut
	case []any:
		cut := false
		for i := range x {
			if *n >= limit {
				*v = x[:i]
				return true
			}
			if capNodes(&x[i], limit, n) {
				cut = true
			}
		}
		return cut
	case []map[string]any: // what Cayley's GraphQL makes of a list of objects
		cut := false
		for i := range x {
			if *n >= limit {
				*v = x[:i]
				return true
			}
			var e any = x[i]
			if capNodes(&e, limit, n) {
				cut = true
			}
		}
		return cut
	}
	return false
}

// depth returns how deeply v nests, counting at most to limit+1, without recursion.
func depth(v any, limit int) int {
	type item struct {
		v any
		d int
	}
	stack := []item{{v, 1}}
	deepest := 0
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		deepest = max(deepest, it.d)
		if deepest > limit {
			return deepest
		}
		switch x := it.v.(type) {
		case map[string]any:
			for _, e := range x {
				stack = append(stack, item{e, it.d + 1})
			}
		case []any:
			for _, e := range x {
				stack = append(stack, item{e, it.d + 1})
			}
		case []map[string]any:
			for _, e := range x {
				stack = append(stack, item{e, it.d + 1})
			}
		}
	}
	return deepest
}

func sizeOf(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
