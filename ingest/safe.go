package ingest

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/link"
)

// PanicError is an article whose extraction panicked: a bug in kg, not a fault of the
// article. It fails that article alone; Stack holds the report to file with the bug.
type PanicError struct {
	Value any    // what the extractor panicked with
	Stack []byte // the goroutine's stack at the panic
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("kg's extractor crashed on it (%v), a bug in kg", e.Value)
}

// recoverPanic turns a panic into a *PanicError in *err.
func recoverPanic(err *error) {
	if p := recover(); p != nil {
		*err = &PanicError{Value: p, Stack: debug.Stack()}
	}
}

// SafeExtract is Extract with a panic inside the extractor turned into a *PanicError, so
// that one article that trips a bug fails alone and the others go on.
func SafeExtract(ctx context.Context, x *extract.Extractor, in Input, fo FetchOptions) (d *extract.Document, err error) {
	defer recoverPanic(&err)
	return Extract(ctx, x, in, fo)
}

// SafePrepare is lk.Prepare, the article's quads, with a panic turned into a *PanicError.
func SafePrepare(lk *link.Linker, d *extract.Document) (doc graph.Doc, err error) {
	defer recoverPanic(&err)
	return lk.Prepare(d), nil
}

// extractOne extracts one input of a build, with opts.Extract when set, panics caught.
func extractOne(ctx context.Context, x *extract.Extractor, in Input, opts Options) (d *extract.Document, err error) {
	if opts.Extract == nil {
		return SafeExtract(ctx, x, in, opts.Fetch)
	}
	defer recoverPanic(&err)
	return opts.Extract(in.ID, in.Path, in.Data)
}
