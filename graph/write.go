package graph

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// Outcome says what writing one article did.
type Outcome int

// Outcomes of writing an article.
const (
	Added     Outcome = iota // the article was new
	Replaced                 // its text changed: its facts were replaced
	Unchanged                // the same text was in the store already: nothing written
)

func (o Outcome) String() string {
	switch o {
	case Added:
		return "added"
	case Replaced:
		return "replaced"
	}
	return "unchanged"
}

// Result reports the write of one article.
type Result struct {
	ID      string
	Outcome Outcome
	Added   int // quads added
	Deleted int // quads deleted
}

// Doc is one article as the store takes it: its id, its content hash and every quad
// that states it, each labelled with the article's IRI (see voc.DocIRI). Linking has
// already decided which node each of its entities is.
type Doc struct {
	ID     string
	SHA256 string
	Quads  []quad.Quad
}

// Writer writes articles to a store. Each call to Write is one transaction: all of its
// articles land, or none. It remembers the link keys the quads it wrote or deleted hold
// (see linkKeyOf), for the linking stage to settle after the build.
type Writer struct {
	s       *Store
	hashes  map[string]string // content hashes of the batch's articles, prefetched from SQL
	touched map[string]bool   // link keys of the articles written or deleted
	pending bool              // the store is marked as waiting for a relink
	bulk    *bulkLayout       // the articles written so far, on the bulk path (NewBulkWriter)
}

// NewWriter returns a Writer for s.
func (s *Store) NewWriter() *Writer {
	return &Writer{s: s, touched: map[string]bool{}}
}

// Marked reports whether the writer changed the store, and so marked it as waiting for a
// relink.
func (w *Writer) Marked() bool { return w.pending }

// Touched returns the link keys of the articles the writer added, replaced or deleted, in
// order.
func (w *Writer) Touched() []string { return sortedKeys(w.touched) }

// Write stores arts in one transaction. An article whose content hash is in the store
// already is left alone; one whose text changed has its old quads replaced by the new
// ones, so that the quads of other articles are untouched and nothing is ever written
// twice (Cayley's KV backends mishandle deleting a quad written twice, cayley#737). The
// first write that changes anything marks the store as waiting for a relink (see
// MarkRelinkPending), in the same transaction.
func (w *Writer) Write(ctx context.Context, arts []Doc) (_ []Result, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverDamage(&err)
	if w.s.cfg.ReadOnly {
		return nil, ErrReadOnly
	}
	if w.bulk != nil {
		return w.bulkWrite(ctx, arts)
	}
	results := make([]Result, 0, len(arts))
	var deltas, deletes []cgraph.Delta
	seen := map[string]bool{}
	w.hashes = nil
	if w.s.bulk {
		if err := w.prefetch(ctx, arts); err != nil {
			return nil, err
		}
	}
	touched := map[string]bool{}
	for i := range arts {
		a := &arts[i]
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if seen[a.ID] {
			return nil, fmt.Errorf("two articles have the id %q in one batch; rename one of the files", a.ID)
		}
		seen[a.ID] = true
		old, ok := w.hashes[a.ID]
		if !ok {
			var err error
			if old, err = w.s.ArticleHash(ctx, a.ID); err != nil {
				return nil, err
			}
		}
		if old == a.SHA256 && old != "" {
			results = append(results, Result{ID: a.ID, Outcome: Unchanged})
			continue
		}
		r := Result{ID: a.ID, Outcome: Added}
		var del []quad.Quad
		if old != "" {
			r.Outcome = Replaced
			prev, err := w.s.ArticleQuads(ctx, a.ID)
			if err != nil {
				return nil, err
			}
			del = prev // all of them, in a transaction of their own: see below
		}
		for _, q := range del {
			deletes = append(deletes, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			linkKeyOf(q, touched)
		}
		for _, q := range a.Quads {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
			linkKeyOf(q, touched)
		}
		r.Added, r.Deleted = len(a.Quads), len(del)
		results = append(results, r)
	}
	if len(deltas) > 0 || len(deletes) > 0 {
		// a write makes the summary stale: it goes with the deletes, and RefreshSummary
		// counts it again when the build is over
		sum, err := w.s.summaryQuads(ctx)
		if err != nil {
			return nil, err
		}
		for _, q := range sum {
			deletes = append(deletes, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
		if !w.pending {
			has, err := w.s.hasMark(ctx)
			if err != nil {
				return nil, err
			}
			if !has {
				mark, err := w.s.markQuad(ctx)
				if err != nil {
					return nil, err
				}
				deltas = append(deltas, cgraph.Delta{Quad: mark, Action: cgraph.Add})
			}
		}
	}
	// Cayley's KV backends miscount the nodes shared by quads added and deleted in one
	// ApplyDeltas (a quad added that way loses the node), so the old quads of replaced
	// articles go in a transaction of their own before the new ones: a crash between the
	// two leaves those articles absent, never half-written, and the next build adds them.
	if len(deletes) > 0 {
		if err := w.s.QS.ApplyDeltas(deletes, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
			return nil, fmt.Errorf("replace %d articles: %w", len(arts), err)
		}
	}
	if len(deltas) > 0 {
		if err := w.s.addQuads(ctx, deltas); err != nil {
			return nil, fmt.Errorf("write %d articles: %w", len(arts), err)
		}
		w.pending = true
	}
	for k := range touched {
		w.touched[k] = true
	}
	return results, nil
}

// addQuads adds quads in one transaction, through the bulk path where the store has one.
func (s *Store) addQuads(ctx context.Context, deltas []cgraph.Delta) error {
	if s.bulk {
		qs := make([]quad.Quad, len(deltas))
		for i, d := range deltas {
			qs[i] = d.Quad
		}
		return s.bulkInsert(ctx, qs)
	}
	return s.QS.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
}

// linkKeyOf adds the link keys a quad of an article written or deleted concerns: a
// record's key, and for a name key of one word (kg:key "roe") the person and acronym keys
// whose candidates it makes (package link reads candidates by these keys).
func linkKeyOf(q quad.Quad, keys map[string]bool) {
	if q.Predicate == nil {
		return
	}
	switch q.Predicate.String() {
	case linkKeyPred:
		keys[quadString(q.Object)] = true
	case keyPred:
		k := quadString(q.Object)
		if !strings.Contains(k, " ") {
			keys["p:"+k] = true
			keys["a:"+k] = true
		}
	}
}

var (
	keyPred     = quad.IRI(voc.Key).String()
	linkKeyPred = quad.IRI(voc.LinkKey).String()
)

// Remove deletes the quads of the article id. It reports false when the store does not
// have it, and the link keys the article named, for the linking stage to settle. The
// store is marked as waiting for a relink first (MarkRelinkPending).
func (s *Store) Remove(ctx context.Context, id string) (bool, []string, error) {
	if s.cfg.ReadOnly {
		return false, nil, ErrReadOnly
	}
	qs, err := s.ArticleQuads(ctx, id)
	if err != nil {
		return false, nil, err
	}
	if len(qs) == 0 {
		return false, nil, nil
	}
	sum, err := s.summaryQuads(ctx)
	if err != nil {
		return false, nil, err
	}
	if err := s.MarkRelinkPending(ctx); err != nil {
		return false, nil, err
	}
	keys := map[string]bool{}
	for _, q := range qs {
		linkKeyOf(q, keys)
	}
	if err := s.deleteQuads(append(qs, sum...)); err != nil {
		return false, nil, fmt.Errorf("remove %s: %w", id, err)
	}
	return true, sortedKeys(keys), nil
}

// ArticleHash returns the content hash stored for article id, or "" if the store does not
// have the article.
func (s *Store) ArticleHash(ctx context.Context, id string) (string, error) {
	vals, err := s.objects(ctx, voc.DocIRI(id), voc.SHA256)
	if err != nil || len(vals) == 0 {
		return "", err
	}
	return quadString(vals[0]), nil
}

// ArticleSource returns the content hash and the path stored for article id, or ""s
// when the store does not have it.
func (s *Store) ArticleSource(ctx context.Context, id string) (hash, path string, err error) {
	qs, err := s.quadsOf(ctx, quad.Subject, voc.DocIRI(id))
	if err != nil {
		return "", "", err
	}
	for _, q := range qs {
		switch q.Predicate.String() {
		case quad.IRI(voc.SHA256).String():
			hash = quadString(q.Object)
		case quad.IRI(voc.Path).String():
			path = quadString(q.Object)
		}
	}
	return hash, path, nil
}

// ArticleQuads returns every quad of article id: the quads labelled with its IRI. It
// walks out from the article node (its entities, statements and quotations) rather than
// scanning the store, since the KV backends have no label index.
func (s *Store) ArticleQuads(ctx context.Context, id string) ([]quad.Quad, error) {
	label := voc.DocIRI(id)
	var out []quad.Quad
	seen := map[string]bool{}
	keep := func(q quad.Quad) {
		if q.Label == nil || q.Label.String() != label.String() {
			return
		}
		k := q.NQuad()
		if !seen[k] {
			seen[k] = true
			out = append(out, q)
		}
	}
	docQuads, err := s.quadsOf(ctx, quad.Subject, label)
	if err != nil {
		return nil, err
	}
	if len(docQuads) == 0 {
		return nil, nil
	}
	var subjects []quad.Value
	for _, q := range docQuads {
		keep(q)
		if q.Predicate.String() == quad.IRI(voc.Mentions).String() && q.Label != nil && q.Label.String() == label.String() {
			subjects = append(subjects, q.Object)
		}
	}
	// statements and quotations point at the article with kg:doc
	back, err := s.quadsOf(ctx, quad.Object, label)
	if err != nil {
		return nil, err
	}
	preds := map[string]quad.Value{}
	for _, q := range back {
		keep(q)
		if q.Predicate.String() == quad.IRI(voc.Doc).String() {
			subjects = append(subjects, q.Subject)
		}
	}
	for _, sub := range subjects {
		qs, err := s.labelledQuadsOf(ctx, quad.Subject, sub, label)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			keep(q)
			if q.Predicate.String() == quad.IRI(voc.Predicate).String() {
				preds[q.Object.String()] = q.Object
			}
		}
	}
	// relation edges and the types of their predicates, as the statements say them
	bySubject := map[string][]quad.Quad{} // so that a long article costs its quads, not their square
	for _, q := range out {
		bySubject[q.Subject.String()] = append(bySubject[q.Subject.String()], q)
	}
	for _, q := range out[:] {
		if q.Predicate.String() != quad.IRI(voc.RDFType).String() || q.Object.String() != quad.IRI(voc.Statement).String() {
			continue
		}
		var sub, pred, obj quad.Value
		sym := false
		for _, x := range bySubject[q.Subject.String()] {
			switch x.Predicate.String() {
			case quad.IRI(voc.Subject).String():
				sub = x.Object
			case quad.IRI(voc.Predicate).String():
				pred = x.Object
			case quad.IRI(voc.Object).String():
				obj = x.Object
			case quad.IRI(voc.SymmetricFlag).String():
				sym = true
			}
		}
		if sub == nil || pred == nil || obj == nil {
			continue
		}
		p, ok := pred.(quad.IRI)
		if !ok {
			continue
		}
		if si, ok := sub.(quad.IRI); ok && sym {
			if oi, ok := obj.(quad.IRI); ok && oi < si {
				sub, obj = obj, sub // the edge of a relation without direction: see extract's Quads
			}
		}
		keep(quad.Quad{Subject: sub, Predicate: p, Object: obj, Label: label})
		keep(quad.Quad{Subject: p, Predicate: quad.IRI(voc.RDFType), Object: quad.IRI(voc.Relation), Label: label})
		keep(quad.Quad{Subject: p, Predicate: quad.IRI(voc.Stem), Object: quad.String(voc.VerbStem(string(p))), Label: label})
		if sym {
			keep(quad.Quad{Subject: p, Predicate: quad.IRI(voc.RDFType), Object: quad.IRI(voc.Symmetric), Label: label})
		}
	}
	_ = preds
	return out, nil
}

// quadsOf returns the quads that have v in direction dir.
func (s *Store) quadsOf(ctx context.Context, dir quad.Direction, v quad.Value) ([]quad.Quad, error) {
	ref, err := s.ValueOf(v)
	if err != nil || ref == nil {
		return nil, err
	}
	return s.collect(ctx, dir, ref, nil)
}

// labelledQuadsOf returns the quads that have v in direction dir and the label label. An
// entity named in thousands of articles has thousands of quads; only the label of each is
// read until one matches.
func (s *Store) labelledQuadsOf(ctx context.Context, dir quad.Direction, v, label quad.Value) ([]quad.Quad, error) {
	ref, err := s.ValueOf(v)
	if err != nil || ref == nil {
		return nil, err
	}
	lref, err := s.ValueOf(label)
	if err != nil || lref == nil {
		return nil, err
	}
	return s.collect(ctx, dir, ref, lref)
}

// collect reads the quads that have ref in direction dir and, unless label is nil, that
// label, skipping quads deleted under the iterator.
func (s *Store) collect(ctx context.Context, dir quad.Direction, ref, label cgraph.Ref) ([]quad.Quad, error) {
	var want any
	if label != nil {
		want = label.Key()
	}
	it := s.QS.QuadIterator(dir, ref).Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		if label != nil {
			l, err := s.QS.QuadDirection(it.Result(), quad.Label)
			if err != nil {
				return nil, err
			}
			if l == nil || l.Key() != want {
				continue
			}
		}
		q, err := s.QS.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			continue // a quad deleted under the iterator
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return out, ctx.Err()
}

// objects returns the objects of the quads with subject sub and predicate pred.
func (s *Store) objects(ctx context.Context, sub quad.Value, pred string) ([]quad.Value, error) {
	qs, err := s.quadsOf(ctx, quad.Subject, sub)
	if err != nil {
		return nil, err
	}
	var out []quad.Value
	p := quad.IRI(pred).String()
	for _, q := range qs {
		if q.Predicate.String() == p {
			out = append(out, q.Object)
		}
	}
	return out, nil
}

// quadString returns the text of a string value, or the value's String form.
func quadString(v quad.Value) string {
	switch x := v.(type) {
	case quad.String:
		return string(x)
	case quad.IRI:
		return string(x)
	case quad.TypedString:
		return string(x.Value)
	case quad.LangString:
		return string(x.Value)
	case nil:
		return ""
	}
	return fmt.Sprint(quad.NativeOf(v))
}
