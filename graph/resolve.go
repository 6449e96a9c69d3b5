package graph

import (
	"context"
	"strings"

	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph/voc"
)

// candidate is a store node that an article's entity may be.
type candidate struct {
	iri   quad.IRI
	name  string
	types map[string]bool
	docs  int
}

// resolver decides which store node each entity of an article is: one node per real
// entity across articles. It looks names up by their normalised keys (kg:key), in the
// store and among the articles of the current batch that are not committed yet. What it
// learns from the store is cached, up to maxCacheKeys keys.
type resolver struct {
	s       *Store
	byKey   map[string][]*candidate // key -> committed nodes
	byIRI   map[quad.IRI]*candidate
	pending map[string][]*candidate // key -> nodes of this batch
	taken   map[quad.IRI]*candidate // nodes created by this batch
	present map[quad.IRI]bool       // whether the store has an IRI, where known
	linked  []*candidate            // nodes an article of this batch was resolved to
}

const maxCacheKeys = 1 << 20

func newResolver(s *Store) *resolver {
	r := &resolver{s: s}
	r.reset()
	r.begin()
	return r
}

func (r *resolver) reset() {
	r.byKey = map[string][]*candidate{}
	r.byIRI = map[quad.IRI]*candidate{}
	r.present = map[quad.IRI]bool{}
}

func (r *resolver) begin() {
	r.pending = map[string][]*candidate{}
	r.taken = map[quad.IRI]*candidate{}
	r.linked = r.linked[:0]
}

// commit makes the batch's nodes known to later batches.
func (r *resolver) commit() {
	if len(r.byKey) > maxCacheKeys {
		r.reset()
	} else {
		for k, cs := range r.pending {
			for _, c := range cs {
				r.byKey[k] = appendCandidate(r.byKey[k], c)
			}
		}
		for iri, c := range r.taken {
			r.byIRI[iri] = c
		}
		for _, c := range r.linked {
			c.docs++
		}
	}
	r.begin()
}

// rollback forgets the batch.
func (r *resolver) rollback() {
	r.reset()
	r.begin()
}

// nodes resolves every entity of d.
func (r *resolver) nodes(ctx context.Context, d *extract.Document) ([]extract.Node, error) {
	nodes := make([]extract.Node, len(d.Entities))
	for e := range d.Entities {
		ent := &d.Entities[e]
		c, err := r.find(ctx, ent)
		if err != nil {
			return nil, err
		}
		if c == nil {
			c = r.create(ctx, ent)
		}
		r.linked = append(r.linked, c)
		nodes[e] = extract.Node{IRI: c.iri, Name: c.name}
		// a fuller name of a person becomes the node's name from now on in this batch
		if ent.Type == extract.Person && len(strings.Fields(ent.Name)) > len(strings.Fields(c.name)) {
			nodes[e].Name = ent.Name
		}
		for _, k := range extract.NameKeys(ent) {
			r.pending[k] = appendCandidate(r.pending[k], c)
		}
	}
	return nodes, nil
}

func appendCandidate(list []*candidate, c *candidate) []*candidate {
	for _, x := range list {
		if x.iri == c.iri {
			return list
		}
	}
	return append(list, c)
}

// create makes a new node for ent, with an IRI from its name that no other node has.
func (r *resolver) create(ctx context.Context, ent *extract.Entity) *candidate {
	slug := extract.Slug(ent.Name)
	iri := voc.EntityIRI(slug)
	if r.exists(ctx, iri) {
		iri = voc.EntityIRI(slug + "_(" + string(ent.Type) + ")")
		for i := 2; r.exists(ctx, iri); i++ {
			iri = voc.EntityIRI(slug + "_(" + string(ent.Type) + "_" + itoa(i) + ")")
		}
	}
	c := &candidate{iri: iri, name: ent.Name, types: map[string]bool{string(ent.Type): true}}
	r.taken[iri] = c
	return c
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for i > 0 || n == len(b) {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

func (r *resolver) exists(ctx context.Context, iri quad.IRI) bool {
	if r.taken[iri] != nil || r.byIRI[iri] != nil {
		return true
	}
	if p, ok := r.present[iri]; ok {
		return p
	}
	ref, err := r.s.ValueOf(iri)
	return err == nil && ref != nil
}

// find returns the node ent is, or nil when it is new. A node matches when one of its
// keys equals one of ent's name keys and its type agrees; a full-name match beats a
// surname match, and among equals the node named in more articles wins.
func (r *resolver) find(ctx context.Context, ent *extract.Entity) (*candidate, error) {
	keys := extract.NameKeys(ent)
	full := extract.Key(ent.Name)
	var best *candidate
	bestScore := 0
	seen := map[quad.IRI]bool{}
	for _, k := range keys {
		cands, err := r.lookup(ctx, k)
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			if seen[c.iri] {
				continue
			}
			seen[c.iri] = true
			ck := extract.Key(c.name)
			if !typeAgrees(ent, c) && (ck != full || ent.Type == extract.Event || c.types[string(extract.Event)]) {
				continue // the same name with another type is only the same entity when spelled in full
			}
			score := 1
			switch {
			case ck == full:
				score = 4
			case strings.Contains(ck, " ") && strings.Contains(full, " ") && ck != full:
				// two different full names sharing a surname are two people, unless they
				// are spellings of one name
				if !sameSkeleton(ck, full) {
					continue
				}
				score = 3
			case ent.Type == extract.Event:
				continue // events match by their whole name only
			}
			if score > bestScore || score == bestScore && c.docs > best.docs {
				best, bestScore = c, score
			}
		}
	}
	return best, nil
}

func sameSkeleton(a, b string) bool {
	return extract.Skeleton(a) == extract.Skeleton(b)
}

// typeAgrees reports whether node c can be entity ent: same type, or a type guess too
// weak to count.
func typeAgrees(ent *extract.Entity, c *candidate) bool {
	if c.types[string(ent.Type)] {
		return true
	}
	if ent.Type == extract.Event || c.types[string(extract.Event)] {
		return false
	}
	return ent.Strength <= 1
}

// lookup returns the nodes that have the key, from the batch and from the store.
func (r *resolver) lookup(ctx context.Context, key string) ([]*candidate, error) {
	cands, ok := r.byKey[key]
	if !ok {
		iris, err := path.StartPath(r.s.QS, quad.String(key)).In(quad.IRI(voc.Key)).Iterate(ctx).AllValues(r.s.QS)
		if err != nil {
			return nil, err
		}
		for _, v := range iris {
			iri, ok := v.(quad.IRI)
			if !ok {
				continue
			}
			c, err := r.describe(ctx, iri)
			if err != nil {
				return nil, err
			}
			cands = appendCandidate(cands, c)
		}
		r.byKey[key] = cands
	}
	out := append([]*candidate(nil), cands...)
	for _, c := range r.pending[key] {
		out = appendCandidate(out, c)
	}
	return out, nil
}

// describe reads a node's name, types and number of articles from the store.
func (r *resolver) describe(ctx context.Context, iri quad.IRI) (*candidate, error) {
	if c := r.byIRI[iri]; c != nil {
		return c, nil
	}
	c := &candidate{iri: iri, types: map[string]bool{}}
	qs := r.s.QS
	names, err := path.StartPath(qs, iri).Out(quad.IRI(voc.Name)).Iterate(ctx).AllValues(qs)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, n := range names {
		counts[quadString(n)]++
	}
	c.name = bestName(counts)
	types, err := path.StartPath(qs, iri).Out(quad.IRI(voc.RDFType)).Iterate(ctx).AllValues(qs)
	if err != nil {
		return nil, err
	}
	for _, t := range types {
		c.types[voc.TypeName(t.String())] = true
	}
	n, err := path.StartPath(qs, iri).In(quad.IRI(voc.Mentions)).Iterate(ctx).Count()
	if err != nil {
		return nil, err
	}
	c.docs = int(n)
	r.byIRI[iri] = c
	return c, nil
}

// bestName picks a node's name among the names its articles gave it: the most common,
// the longer on a tie.
func bestName(names map[string]int) string {
	best, n := "", 0
	for k, c := range names {
		if c > n || c == n && (len(k) > len(best) || len(k) == len(best) && k < best) {
			best, n = k, c
		}
	}
	return best
}
