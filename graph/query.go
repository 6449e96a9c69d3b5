package graph

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// ErrQuery marks an error in a query's text or in its run, as opposed to a store error.
var ErrQuery = errors.New("query failed")

// Gizmo runs a Gizmo script and returns its results as JSON-ready values, at most limit
// of them (no limit when limit <= 0). The script stops when ctx is done, also inside a
// loop of its own: Cayley's Session.Execute ignores its context, so the context goes to
// the iterator, which interrupts the JavaScript runtime. A panic inside the query comes
// back as an error.
func (s *Store) Gizmo(ctx context.Context, script string, limit int) (results []any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: internal error: %v\n%s", ErrQuery, p, firstLines(string(debug.Stack()), 12))
		}
	}()
	sess := gizmo.NewSession(s.QS)
	it, err := sess.Execute(ctx, script, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrQuery, err)
	}
	defer func() {
		it.Close()
		s.awaitScript(it)
	}()
	for it.Next(ctx) {
		r := it.Result()
		if r == nil {
			continue
		}
		results = append(results, r)
		if limit > 0 && len(results) >= limit {
			break
		}
	}
	if err := ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return results, fmt.Errorf("%w: the query ran past its time limit and was stopped", ErrQuery)
		}
		return results, err
	}
	if err := it.Err(); err != nil {
		return results, fmt.Errorf("%w: %v", ErrQuery, err)
	}
	return results, nil
}

// scriptWait bounds how long a stopped script may take to end before its store is given up.
const scriptWait = 5 * time.Second

// awaitScript waits for the goroutine that runs a stopped script to end. Cayley's
// results.Close interrupts the JavaScript runtime and cancels its iterators but does not
// wait: a script still inside a chain of iterators holds a bolt read transaction and may
// begin another, and closing the store then deadlocks in bolt (DB.Close holds the meta lock
// while it waits for readers; the reader waits for the meta lock to begin its next
// transaction). Next on a closed results iterator returns once the goroutine has ended.
// A script that has not ended after scriptWait marks the store busy, and Close then leaves
// the file to the process's exit rather than hang.
func (s *Store) awaitScript(it query.Iterator) {
	ctx, cancel := context.WithTimeout(context.Background(), scriptWait)
	defer cancel()
	for it.Next(ctx) {
	}
	if ctx.Err() != nil {
		s.scriptRunning.Store(true)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
