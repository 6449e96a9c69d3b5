package ingest

import (
	"fmt"
	"runtime/debug"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/extract"
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

// Extract runs x over one article and turns a panic inside the extractor into a
// *PanicError, so that one article that trips a bug fails alone and the others go on.
func Extract(x *extract.Extractor, id, path string, data []byte) (d *extract.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return x.Extract(id, path, data)
}

// extractOne runs f, or x.Extract when f is nil, over one article, with panics caught.
func extractOne(x *extract.Extractor, f func(id, path string, data []byte) (*extract.Document, error), in Input) (d *extract.Document, err error) {
	if f == nil {
		return Extract(x, in.ID, in.Path, in.Data)
	}
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return f(in.ID, in.Path, in.Data)
}

// DocumentQuads returns d's quads with its own entity IRIs, what kg extract prints; a
// panic is a *PanicError.
func DocumentQuads(d *extract.Document) (qs []quad.Quad, err error) {
	defer func() {
		if p := recover(); p != nil {
			qs, err = nil, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return d.Quads(d.Nodes()), nil
}
