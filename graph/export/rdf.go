package export

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/voc"
)

// Quads reads every quad of the articles of st with absolute IRIs, as other RDF tools
// need them: prefixed terms expanded through kg's and the standard prefixes, bare relation
// verbs under voc.RelationNS. kg's own summary graph is left out.
func Quads(ctx context.Context, st *graph.Store) ([]quad.Quad, error) {
	summary := quad.IRI(voc.Summary).String()
	it := st.QS.QuadsAllIterator().Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := st.QS.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil || q.Label != nil && q.Label.String() == summary {
			continue
		}
		out = append(out, Absolute(q))
	}
	return out, it.Err()
}

// Absolute expands the IRIs of a quad to their absolute form.
func Absolute(q quad.Quad) quad.Quad {
	q.Subject = absValue(q.Subject)
	q.Predicate = absValue(q.Predicate)
	q.Object = absValue(q.Object)
	if q.Label != nil {
		q.Label = absValue(q.Label)
	}
	return q
}

func absValue(v quad.Value) quad.Value {
	switch x := v.(type) {
	case quad.IRI:
		return voc.Full(x)
	case quad.TypedString:
		x.Type = voc.Full(x.Type)
		return x
	}
	return v
}

// checkIRIs reports an IRI the N-Quads writer would write unescaped and break the line.
func checkIRIs(qs []quad.Quad) error {
	for _, q := range qs {
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if iri, ok := v.(quad.IRI); ok && strings.ContainsAny(string(iri), " <>\"{}|^`\\\n\t") {
				return fmt.Errorf("IRI %q cannot be written in N-Quads", string(iri))
			}
		}
	}
	return nil
}

// WriteNQuads writes the quads of st as N-Quads.
func WriteNQuads(ctx context.Context, w io.Writer, st *graph.Store) error {
	qs, err := Quads(ctx, st)
	if err != nil {
		return err
	}
	if err := checkIRIs(qs); err != nil {
		return err
	}
	nw := nquads.NewWriter(w)
	if _, err := nw.WriteQuads(qs); err != nil {
		return err
	}
	return nw.Close()
}

// WriteJSONLD writes the quads of st as JSON-LD.
func WriteJSONLD(ctx context.Context, w io.Writer, st *graph.Store) error {
	qs, err := Quads(ctx, st)
	if err != nil {
		return err
	}
	jw := jsonld.NewWriter(w)
	if _, err := jw.WriteQuads(qs); err != nil {
		return err
	}
	return jw.Close()
}
