package link

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/voc"
)

// Store is what Settle reads and writes: the small candidate interface between linking and
// the store. *graph.Store implements it.
type Store interface {
	LinkKeys(ctx context.Context) ([]string, error)
	LinkAnchors(ctx context.Context, key string) ([]graph.LinkAnchor, error)
	LinkDependents(ctx context.Context, key string) ([]graph.LinkDependent, error)
	Mentions(ctx context.Context, doc string) ([]quad.IRI, error)
	Profile(ctx context.Context, node quad.IRI, docs []string) (graph.NodeProfile, error)
	MoveLinks(ctx context.Context, moves []graph.LinkMove) error
	RecoverMoves(ctx context.Context) (int, error)
	ClearRelinkPending(ctx context.Context) error
}

// maxSampled bounds the articles read of one candidate: the ones whose ids hash lowest,
// so that the sample is a function of the set of articles.
const maxSampled = 24

// movesPerCall bounds the articles relinked in one pair of transactions.
const movesPerCall = 256

// SettleReport says what Settle did.
type SettleReport struct {
	Keys       int // link keys decided
	Dependents int // dependents decided
	Moved      int // dependents that changed node
	Recovered  int // articles whose interrupted move was finished
}

// Settle decides again every dependent of the link keys touched (the keys that the
// articles a build or removal added, replaced or deleted name), or of every key in the
// store when all is set (after a build that was stopped), moves those whose node or
// reason changed, and clears the store's mark of a pending relink.
func (l *Linker) Settle(ctx context.Context, st Store, touched []string, all bool) (SettleReport, error) {
	var rep SettleReport
	n, err := st.RecoverMoves(ctx)
	if err != nil {
		return rep, fmt.Errorf("relink: %w", err)
	}
	rep.Recovered = n
	keys := map[string]bool{}
	for _, k := range touched {
		keys[dependentKey(k)] = true
	}
	if all {
		ks, err := st.LinkKeys(ctx)
		if err != nil {
			return rep, fmt.Errorf("relink: %w", err)
		}
		for _, k := range ks {
			keys[k] = true
		}
	}
	st = &cachedStore{Store: st, mentions: map[string][]quad.IRI{}}
	var moves []graph.LinkMove
	docs := map[string]bool{}
	flush := func() error {
		if len(moves) == 0 {
			return nil
		}
		if err := st.MoveLinks(ctx, moves); err != nil {
			return fmt.Errorf("relink: %w", err)
		}
		moves, docs = moves[:0], map[string]bool{}
		return nil
	}
	for _, k := range sortedSet(keys) {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		ms, nd, err := l.settleKey(ctx, st, k)
		if err != nil {
			return rep, fmt.Errorf("relink %s: %w", k, err)
		}
		if nd > 0 {
			rep.Keys++
			rep.Dependents += nd
		}
		for _, m := range ms {
			if m.From != m.To {
				rep.Moved++
			}
			moves = append(moves, m)
			docs[m.Doc] = true
		}
		if len(docs) >= movesPerCall {
			if err := flush(); err != nil {
				return rep, err
			}
		}
	}
	if err := flush(); err != nil {
		return rep, err
	}
	return rep, st.ClearRelinkPending(ctx)
}

// cachedStore keeps what articles name in full (Mentions) during one Settle: it does not
// change while dependents are decided, and the same articles are read for many keys. It
// holds at most maxCachedDocs articles.
type cachedStore struct {
	Store
	mentions map[string][]quad.IRI
}

const maxCachedDocs = 1 << 14

func (c *cachedStore) Mentions(ctx context.Context, doc string) ([]quad.IRI, error) {
	if m, ok := c.mentions[doc]; ok {
		return m, nil
	}
	m, err := c.Store.Mentions(ctx, doc)
	if err == nil {
		if len(c.mentions) >= maxCachedDocs {
			clear(c.mentions)
		}
		c.mentions[doc] = m
	}
	return m, err
}

// dependentKey is the key whose dependents a touched key concerns: itself.
func dependentKey(k string) string { return k }

// settleKey decides the dependents of one key and returns the moves they need.
func (l *Linker) settleKey(ctx context.Context, st Store, key string) ([]graph.LinkMove, int, error) {
	deps, err := st.LinkDependents(ctx, key)
	if err != nil || len(deps) == 0 {
		return nil, 0, err
	}
	// an article's own dependent gives its node the key too: that is no anchor
	own := map[graph.LinkAnchor]bool{}
	for _, d := range deps {
		own[graph.LinkAnchor{Node: d.Node, Doc: d.Doc}] = true
	}
	cands, err := l.candidates(ctx, st, key, own)
	if err != nil {
		return nil, 0, err
	}
	var moves []graph.LinkMove
	for _, d := range deps {
		var ev evidence
		if err := json.Unmarshal([]byte(d.Evidence), &ev); err != nil || ev.Own == "" {
			return nil, 0, fmt.Errorf("link record %s of %s has no evidence kg can read (%v); rebuild the article", d.Record, d.Doc, err)
		}
		with, err := st.Mentions(ctx, d.Doc)
		if err != nil {
			return nil, 0, err
		}
		dep := Dependent{Key: key, Doc: d.Doc, Name: ev.Name, Gender: ev.Gender, Initial: ev.Initial, Roles: ev.Roles, Own: ev.Own}
		for _, n := range with {
			if n != d.Node {
				dep.With = append(dep.With, n)
			}
		}
		node, why, _ := choose(dep, cands, NodeName)
		if node != d.Node || why != d.Reason {
			moves = append(moves, graph.LinkMove{Record: d.Record, Doc: d.Doc, From: d.Node, To: node, Reason: why})
		}
	}
	return moves, len(deps), nil
}

// candidates reads the anchors of a key and what a sample of their articles says of them.
func (l *Linker) candidates(ctx context.Context, st Store, key string, own map[graph.LinkAnchor]bool) ([]Candidate, error) {
	anchors, err := st.LinkAnchors(ctx, key[2:])
	if err != nil {
		return nil, err
	}
	acronym := strings.HasPrefix(key, "a:")
	byNode := map[quad.IRI][]string{}
	var nodes []quad.IRI
	for _, a := range anchors {
		if own[a] {
			continue
		}
		if byNode[a.Node] == nil {
			nodes = append(nodes, a.Node)
		}
		if !contains(byNode[a.Node], a.Doc) {
			byNode[a.Node] = append(byNode[a.Node], a.Doc)
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i] < nodes[j] })
	cands := make([]Candidate, 0, len(nodes))
	for _, n := range nodes {
		docs := byNode[n]
		sample := sampleDocs(docs, maxSampled)
		p, err := st.Profile(ctx, n, sample)
		if err != nil {
			return nil, err
		}
		want := "Person"
		if acronym {
			want = "Organization"
		}
		c := Candidate{Node: n, Name: NodeName(n), Docs: len(docs), Explicit: acronym, Sampled: len(sample),
			Roles: map[string]int{}, With: map[quad.IRI]int{}}
		if majority(p.Types) != want || !strings.Contains(c.Name, " ") {
			continue // a candidate is named in full, with the type of the dependent
		}
		for _, d := range sample {
			with, err := st.Mentions(ctx, d)
			if err != nil {
				return nil, err
			}
			for _, m := range with {
				if m != n {
					c.With[m]++
				}
			}
		}
		for r, k := range p.Roles {
			if h := l.roleHead(r); h != "" {
				c.Roles[h] += k
			}
		}
		if strings.HasPrefix(key, "p:") {
			c.Gender = l.givenGender(c.Name)
		}
		cands = append(cands, c)
	}
	return cands, nil
}

// majority is the type most articles give a node.
func majority(types map[string]int) string {
	best, n := "", 0
	for _, t := range []string{"Person", "Organization", "Place", "Event"} {
		if types[t] > n {
			best, n = t, types[t]
		}
	}
	return best
}

// sampleDocs returns at most n of docs: those whose ids hash lowest, sorted.
func sampleDocs(docs []string, n int) []string {
	if len(docs) <= n {
		out := append([]string(nil), docs...)
		sort.Strings(out)
		return out
	}
	type hd struct {
		h uint64
		d string
	}
	hs := make([]hd, len(docs))
	for i, d := range docs {
		f := fnv.New64a()
		f.Write([]byte(d))
		hs[i] = hd{f.Sum64(), d}
	}
	sort.Slice(hs, func(i, j int) bool {
		if hs[i].h != hs[j].h {
			return hs[i].h < hs[j].h
		}
		return hs[i].d < hs[j].d
	})
	out := make([]string, n)
	for i := range out {
		out[i] = hs[i].d
	}
	sort.Strings(out)
	return out
}

// NodeName reads a node's IRI as a name: "ent:Tony_Blair" is "Tony Blair". Reasons name
// nodes this way, since an IRI never changes while a node's name may.
func NodeName(iri quad.IRI) string {
	s := strings.TrimPrefix(string(iri), voc.EntityPrefix)
	if i := strings.Index(s, "_("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	return strings.ReplaceAll(s, "_", " ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
