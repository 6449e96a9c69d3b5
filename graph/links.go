package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph/voc"
)

// What the linking stage (package link) reads and writes. Its decisions about which node
// an article's entity is are functions of the set of articles in the store, never of the
// order they were written in: an entity named in full ("Jane Roe") gets a node made from
// its name alone, and one that is not ("Ms Roe", an acronym) keeps a link record
// (kg:linkKey) that the linking stage decides again, from the store, whenever an article
// that names a candidate (kg:anchor) under the same key comes or goes. These methods are
// the small interface it does that through.

// LinkAnchor is an article that names a node in full under a link key.
type LinkAnchor struct {
	Node quad.IRI
	Doc  string
}

// LinkDependent is a link record that waits on a link key: entity of article Doc, linked
// to Node for Reason, with the evidence the article gave (JSON written by the linker).
type LinkDependent struct {
	Record   quad.IRI
	Doc      string
	Node     quad.IRI
	Reason   string
	Evidence string
}

// NodeProfile is what some articles say of a node: the names, roles and types they give
// it, each with the number of quads that do.
type NodeProfile struct {
	Names, Roles, Types map[string]int
}

// LinkMove relinks the entity of a link record: in article Doc, From becomes To and the
// record's reason becomes Reason.
type LinkMove struct {
	Record   quad.IRI
	Doc      string
	From, To quad.IRI
	Reason   string
}

var pendingQuad = quad.Quad{Subject: quad.IRI(voc.Links), Predicate: quad.IRI(voc.Pending), Object: quad.String("relink"), Label: quad.IRI(voc.Links)}

// RelinkPending reports whether a build or removal changed articles and has not relinked
// the keys it touched (it is running, or it was stopped).
func (s *Store) RelinkPending(ctx context.Context) (bool, error) {
	qs, err := s.quadsOf(ctx, quad.Subject, quad.IRI(voc.Links))
	if err != nil {
		return false, err
	}
	for _, q := range qs {
		if q.Predicate.String() == pendingQuad.Predicate.String() {
			return true, nil
		}
	}
	return false, nil
}

// MarkRelinkPending marks the store as waiting for a relink, unless it is already. On a
// store several processes write, the mark is this process's own (see shared.go).
func (s *Store) MarkRelinkPending(ctx context.Context) error {
	has, err := s.hasMark(ctx)
	if err != nil || has {
		return err
	}
	return s.addMark(ctx)
}

// ClearRelinkPending removes the mark MarkRelinkPending and Writer.Write leave, and on a
// store several processes write, the marks of processes that no longer run; the marks of
// builds running now stay.
func (s *Store) ClearRelinkPending(ctx context.Context) error {
	return s.clearMarks(ctx)
}

// LinkKeys returns every link key some record waits on.
func (s *Store) LinkKeys(ctx context.Context) ([]string, error) {
	qs, err := s.quadsOfPredicate(ctx, voc.LinkKey)
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for _, q := range qs {
		keys[quadString(q.Object)] = true
	}
	return sortedKeys(keys), nil
}

// LinkAnchors returns the nodes that articles give a name whose lookup key (kg:key) is
// key, with those articles, in order. The linking stage leaves out its own dependents.
func (s *Store) LinkAnchors(ctx context.Context, key string) ([]LinkAnchor, error) {
	qs, err := s.quadsOf(ctx, quad.Object, quad.String(key))
	if err != nil {
		return nil, err
	}
	var out []LinkAnchor
	for _, q := range qs {
		if q.Predicate.String() != keyPred {
			continue
		}
		if iri, ok := q.Subject.(quad.IRI); ok {
			out = append(out, LinkAnchor{Node: iri, Doc: labelDoc(q)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Node != out[j].Node {
			return out[i].Node < out[j].Node
		}
		return out[i].Doc < out[j].Doc
	})
	return out, nil
}

// LinkDependents returns the link records that wait on key, in order.
func (s *Store) LinkDependents(ctx context.Context, key string) ([]LinkDependent, error) {
	qs, err := s.quadsOf(ctx, quad.Object, quad.String(key))
	if err != nil {
		return nil, err
	}
	var out []LinkDependent
	for _, q := range qs {
		if q.Predicate.String() != linkKeyPred {
			continue
		}
		rec, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		d := LinkDependent{Record: rec, Doc: labelDoc(q)}
		rqs, err := s.quadsOf(ctx, quad.Subject, rec)
		if err != nil {
			return nil, err
		}
		for _, r := range rqs {
			switch r.Predicate.String() {
			case nodePred:
				d.Node, _ = r.Object.(quad.IRI)
			case reasonPred:
				d.Reason = quadString(r.Object)
			case evidencePred:
				d.Evidence = quadString(r.Object)
			}
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Record < out[j].Record })
	return out, nil
}

var (
	nodePred      = quad.IRI(voc.Node).String()
	reasonPred    = quad.IRI(voc.Reason).String()
	evidencePred  = quad.IRI(voc.LinkEvidence).String()
	mentionsPred  = quad.IRI(voc.Mentions).String()
	namePred      = quad.IRI(voc.Name).String()
	rolePred      = quad.IRI(voc.Role).String()
	movingPred    = quad.IRI(voc.Moving).String()
	docPred       = quad.IRI(voc.Doc).String()
	dependentPred = quad.IRI(voc.Dependent).String()
	symFlagPred   = quad.IRI(voc.SymmetricFlag).String()
)

// Mentions returns the nodes article doc names in full, in order: the nodes it mentions
// but those of its dependents (kg:dependent), whose node is a decision of the linking
// stage and so no evidence for another.
func (s *Store) Mentions(ctx context.Context, doc string) ([]quad.IRI, error) {
	label := voc.DocIRI(doc)
	qs, err := s.quadsOf(ctx, quad.Subject, label)
	if err != nil {
		return nil, err
	}
	var out []quad.IRI
	dependent := map[quad.IRI]bool{}
	for _, q := range qs {
		if q.Label == nil || q.Label.String() != label.String() {
			continue
		}
		iri, ok := q.Object.(quad.IRI)
		if !ok {
			continue
		}
		switch q.Predicate.String() {
		case mentionsPred:
			out = append(out, iri)
		case dependentPred:
			dependent[iri] = true
		}
	}
	kept := out[:0]
	for _, n := range out {
		if !dependent[n] {
			kept = append(kept, n)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i] < kept[j] })
	return kept, nil
}

// Profile returns what the articles docs say of node.
func (s *Store) Profile(ctx context.Context, node quad.IRI, docs []string) (NodeProfile, error) {
	p := NodeProfile{Names: map[string]int{}, Roles: map[string]int{}, Types: map[string]int{}}
	want := map[string]bool{}
	for _, d := range docs {
		want[d] = true
	}
	qs, err := s.quadsOf(ctx, quad.Subject, node)
	if err != nil {
		return p, err
	}
	for _, q := range qs {
		if !want[labelDoc(q)] {
			continue
		}
		switch q.Predicate.String() {
		case namePred:
			p.Names[quadString(q.Object)]++
		case rolePred:
			p.Roles[quadString(q.Object)]++
		case typePred:
			p.Types[voc.TypeName(q.Object.String())]++
		}
	}
	return p, nil
}

// MoveLinks applies moves: in each article, the quads of the moved entities are written
// anew on their new nodes, and then the old ones deleted, in two transactions (Cayley's KV
// backends lose nodes shared by quads added and deleted in one, see Writer.Write). A
// marker (kg:moving) written with the new quads and deleted with the old ones lets
// RecoverMoves finish the job after a crash between the two. A move whose node stays
// only replaces its record's reason.
func (s *Store) MoveLinks(ctx context.Context, moves []LinkMove) error {
	if s.cfg.ReadOnly {
		return ErrReadOnly
	}
	byDoc := map[string][]LinkMove{}
	var docs []string
	for _, m := range moves {
		if byDoc[m.Doc] == nil {
			docs = append(docs, m.Doc)
		}
		byDoc[m.Doc] = append(byDoc[m.Doc], m)
	}
	sort.Strings(docs)
	var adds, dels []cgraph.Delta
	for _, doc := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, d, err := s.moveQuads(ctx, doc, byDoc[doc])
		if err != nil {
			return err
		}
		for _, q := range a {
			adds = append(adds, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		for _, q := range d {
			dels = append(dels, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
	}
	if len(adds) == 0 && len(dels) == 0 {
		return nil
	}
	sum, err := s.summaryQuads(ctx)
	if err != nil {
		return err
	}
	for _, q := range sum {
		dels = append(dels, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	if len(adds) > 0 {
		if err := s.addQuads(ctx, adds); err != nil {
			return fmt.Errorf("relink %d articles: %w", len(docs), err)
		}
	}
	if len(dels) > 0 {
		if err := s.QS.ApplyDeltas(dels, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
			return fmt.Errorf("relink %d articles: %w", len(docs), err)
		}
	}
	return nil
}

// moveQuads returns the quads that moving entities of article doc adds and deletes.
func (s *Store) moveQuads(ctx context.Context, doc string, moves []LinkMove) (adds, dels []quad.Quad, err error) {
	label := voc.DocIRI(doc)
	subst := map[quad.IRI]quad.IRI{}
	reasons := map[quad.IRI]string{}
	for _, m := range moves {
		if m.From != m.To {
			subst[m.From] = m.To
		}
		reasons[m.Record] = m.Reason
	}
	reason := func(rec quad.IRI) quad.Quad {
		return quad.Quad{Subject: rec, Predicate: quad.IRI(voc.Reason), Object: quad.String(reasons[rec]), Label: label}
	}
	// the reasons that stay as they are: neither deleted nor written again (a quad added
	// that is there already and then deleted would be lost)
	kept := map[quad.IRI]bool{}
	defer func() {
		if err != nil {
			return
		}
		a, d := adds[:0], dels[:0]
		for _, q := range adds {
			if rec, ok := q.Subject.(quad.IRI); !ok || !kept[rec] || q.Predicate.String() != reasonPred {
				a = append(a, q)
			}
		}
		for _, q := range dels {
			if rec, ok := q.Subject.(quad.IRI); !ok || !kept[rec] || q.Predicate.String() != reasonPred || quadString(q.Object) != reasons[rec] {
				d = append(d, q)
			}
		}
		adds, dels = a, d
	}()
	// a record whose node stays only changes its reason: its old reason goes, its new one
	// comes (records whose node moves have their reasons among the quads on the node)
	for _, m := range moves {
		if m.From != m.To {
			continue
		}
		qs, err := s.labelledQuadsOf(ctx, quad.Subject, m.Record, label)
		if err != nil {
			return nil, nil, err
		}
		for _, q := range qs {
			if q.Predicate.String() == reasonPred {
				dels = append(dels, q)
				if quadString(q.Object) == m.Reason {
					kept[m.Record] = true
				}
			}
		}
	}
	if len(subst) == 0 {
		for _, m := range moves {
			adds = append(adds, reason(m.Record))
		}
		return adds, dels, nil
	}
	qs, symmetric, err := s.quadsOn(ctx, label, subst)
	if err != nil {
		return nil, nil, err
	}
	swap := func(v quad.Value) (quad.Value, bool) {
		if iri, ok := v.(quad.IRI); ok {
			if to, ok := subst[iri]; ok {
				return to, true
			}
		}
		return v, false
	}
	seen := map[string]bool{}
	for _, q := range qs {
		rec, isRec := q.Subject.(quad.IRI)
		if _, moved := reasons[rec]; isRec && moved && q.Predicate.String() == reasonPred {
			dels = append(dels, q)
			if quadString(q.Object) == reasons[rec] {
				kept[rec] = true
			}
			continue
		}
		sub, s1 := swap(q.Subject)
		obj, s2 := swap(q.Object)
		if !s1 && !s2 {
			continue
		}
		dels = append(dels, q)
		n := quad.Quad{Subject: sub, Predicate: q.Predicate, Object: obj, Label: q.Label}
		if symmetric[q.Predicate.String()] {
			si, ok1 := sub.(quad.IRI)
			oi, ok2 := obj.(quad.IRI)
			if ok1 && ok2 && oi < si {
				n.Subject, n.Object = oi, si
			}
		}
		if k := n.NQuad(); !seen[k] {
			seen[k] = true
			adds = append(adds, n)
		}
	}
	for _, m := range moves {
		adds = append(adds, reason(m.Record))
	}
	froms := make([]quad.IRI, 0, len(subst))
	for from := range subst {
		froms = append(froms, from)
	}
	sort.Slice(froms, func(i, j int) bool { return froms[i] < froms[j] }) // the same store at every build
	for _, from := range froms {
		mark := quad.Quad{Subject: label, Predicate: quad.IRI(voc.Moving), Object: from, Label: label}
		adds = append(adds, mark)
		dels = append(dels, mark)
	}
	return adds, dels, nil
}

// quadsOn returns the quads of article label that have one of the nodes of subst as
// subject or object, with the reason quads of the link records among them, and which of
// their relation predicates are symmetric (from the statements' flags). It reads only
// those nodes' quads, never the article's others.
func (s *Store) quadsOn(ctx context.Context, label quad.IRI, subst map[quad.IRI]quad.IRI) ([]quad.Quad, map[string]bool, error) {
	var out []quad.Quad
	seen := map[string]bool{}
	keep := func(q quad.Quad) {
		if k := q.NQuad(); !seen[k] {
			seen[k] = true
			out = append(out, q)
		}
	}
	symmetric := map[string]bool{}
	nodes := make([]quad.IRI, 0, len(subst))
	for n := range subst {
		nodes = append(nodes, n)
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i] < nodes[j] })
	for _, n := range nodes {
		for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
			qs, err := s.labelledQuadsOf(ctx, dir, n, label)
			if err != nil {
				return nil, nil, err
			}
			for _, q := range qs {
				keep(q)
				p := q.Predicate.String()
				rec, _ := q.Subject.(quad.IRI)
				switch {
				case p == nodePred:
					// the record's reason goes too (moveQuads writes the new one)
					rqs, err := s.labelledQuadsOf(ctx, quad.Subject, rec, label)
					if err != nil {
						return nil, nil, err
					}
					for _, r := range rqs {
						if r.Predicate.String() == reasonPred {
							keep(r)
						}
					}
				case p == subjectPred || p == objectPred:
					sqs, err := s.labelledQuadsOf(ctx, quad.Subject, rec, label)
					if err != nil {
						return nil, nil, err
					}
					var pred string
					sym := false
					for _, r := range sqs {
						switch r.Predicate.String() {
						case symFlagPred:
							sym = true
						case predicatePred:
							pred = r.Object.String()
						}
					}
					if sym {
						symmetric[pred] = true
					}
				}
			}
		}
	}
	return out, symmetric, nil
}

var (
	subjectPred   = quad.IRI(voc.Subject).String()
	objectPred    = quad.IRI(voc.Object).String()
	predicatePred = quad.IRI(voc.Predicate).String()
)

// RecoverMoves finishes moves that a crash interrupted between their two transactions:
// the quads on the old nodes of such articles are deleted. It reports how many articles
// it finished.
func (s *Store) RecoverMoves(ctx context.Context) (int, error) {
	marks, err := s.quadsOfPredicate(ctx, voc.Moving)
	if err != nil {
		return 0, err
	}
	from := map[string]map[string]bool{}
	for _, m := range marks {
		d := labelDoc(m)
		if from[d] == nil {
			from[d] = map[string]bool{}
		}
		from[d][m.Object.String()] = true
	}
	var dels []quad.Quad
	docs := make([]string, 0, len(from))
	for d := range from {
		docs = append(docs, d)
	}
	sort.Strings(docs)
	for _, d := range docs {
		qs, err := s.ArticleQuads(ctx, d)
		if err != nil {
			return 0, err
		}
		for _, q := range qs {
			if from[d][q.Subject.String()] || from[d][q.Object.String()] || q.Predicate.String() == movingPred {
				dels = append(dels, q)
			}
		}
	}
	if len(dels) == 0 {
		return 0, nil
	}
	return len(docs), s.deleteQuads(dels)
}

// bestName picks a node's name among the names its articles gave it: a name of several
// words before one of a single word ("Jane Roe" before "Roe", "European Union" before
// "EU"), then the most common, then the longer, then the first in order.
func bestName(names map[string]int) string {
	best, n, multi := "", 0, false
	for k, c := range names {
		m := strings.Contains(k, " ")
		switch {
		case best == "":
		case m != multi:
			if !m {
				continue
			}
		case c < n, c == n && (len(k) < len(best) || len(k) == len(best) && k > best):
			continue
		}
		best, n, multi = k, c, m
	}
	return best
}
