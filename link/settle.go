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
const maxSampled = 64

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

// dependentKey is the key whose dependents an anchor key concerns: a name with some
// initials ("i:WTO") is a candidate for the acronym ("a:WTO").
func dependentKey(k string) string {
	if strings.HasPrefix(k, "i:") {
		return "a:" + k[2:]
	}
	return k
}

// settleKey decides the dependents of one key and returns the moves they need.
func (l *Linker) settleKey(ctx context.Context, st Store, key string) ([]graph.LinkMove, int, error) {
	deps, err := st.LinkDependents(ctx, key)
	if err != nil || len(deps) == 0 {
		return nil, 0, err
	}
	cands, err := l.candidates(ctx, st, key)
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
		dep := Dependent{Key: key, Doc: d.Doc, Name: ev.Name, Gender: ev.Gender, Roles: ev.Roles, Own: ev.Own}
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

// candidates reads the anchors of a key (and, for an acronym, of the names with its
// initials) and what a sample of their articles says of them.
func (l *Linker) candidates(ctx context.Context, st Store, key string) ([]Candidate, error) {
	anchors, err := st.LinkAnchors(ctx, key)
	if err != nil {
		return nil, err
	}
	explicit := map[quad.IRI]bool{}
	for _, a := range anchors {
		explicit[a.Node] = strings.HasPrefix(key, "a:")
	}
	if strings.HasPrefix(key, "a:") {
		more, err := st.LinkAnchors(ctx, "i:"+key[2:])
		if err != nil {
			return nil, err
		}
		anchors = append(anchors, more...)
	}
	byNode := map[quad.IRI][]string{}
	var nodes []quad.IRI
	for _, a := range anchors {
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
		c := Candidate{Node: n, Name: NodeName(n), Docs: len(docs), Explicit: explicit[n], Sampled: len(sample),
			Roles: map[string]int{}, With: p.With}
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
