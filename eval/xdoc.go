package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/ingest"
)

// A cross-document gold (eval/gold/xdoc/gold.json) says which mentions in a set of
// articles name the same real-world entity. It is scored with the standard coreference
// metrics over its mentions: B³, and the CoNLL F1, the mean of MUC, B³ and CEAF-e.

// XGold is a cross-document gold.
type XGold struct {
	Articles []string  `json:"articles"`
	Entities []XEntity `json:"entities"`
}

// XEntity is one real-world entity of a cross-document gold.
type XEntity struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Type     string     `json:"type"`
	Mentions []XMention `json:"mentions"`
}

// XMention is one surface form of an entity in one article.
type XMention struct {
	Doc       string `json:"doc"`
	Text      string `json:"text"`
	Kind      string `json:"kind,omitempty"` // "name" (default) or "reference"
	Ambiguous bool   `json:"ambiguous,omitempty"`
}

// XGoldFile is the name of a cross-document gold in its folder.
const XGoldFile = "gold.json"

// IsXGold reports whether dir holds a cross-document gold.
func IsXGold(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, XGoldFile))
	return err == nil
}

// LoadXGold reads the cross-document gold of dir.
func LoadXGold(dir string) (*XGold, error) {
	b, err := os.ReadFile(filepath.Join(dir, XGoldFile))
	if err != nil {
		return nil, err
	}
	var g XGold
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("cross-document gold %s: %w", dir, err)
	}
	if len(g.Articles) == 0 || len(g.Entities) == 0 {
		return nil, fmt.Errorf("cross-document gold %s has no articles or no entities", dir)
	}
	return &g, nil
}

// XReport is the score of a cross-document gold.
type XReport struct {
	Articles, Entities, Mentions int
	Found                        int   // mentions kg gave a node
	All                          Coref // over every mention; one kg did not find is a cluster of its own
	Linked                       Coref // over the mentions kg found: the linking alone
	Errors                       XErrors
}

// XErrors lists the clusters a response splits and merges, for --detail.
type XErrors struct {
	Split  []string // gold entities whose found mentions are on several nodes
	Merged []string // nodes that hold found mentions of several gold entities
	Missed []string // mentions kg gave no node
}

// RunXDoc builds the articles of the gold in dir found under paths into a temporary
// in-memory store and scores kg's nodes against the gold.
func RunXDoc(ctx context.Context, dir string, paths []string) (XReport, error) {
	g, err := LoadXGold(dir)
	if err != nil {
		return XReport{}, err
	}
	want := map[string]bool{}
	for _, a := range g.Articles {
		want[a] = true
	}
	var files []string
	found := map[string]bool{}
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, de os.DirEntry, err error) error {
			if err != nil || de.IsDir() || !strings.HasSuffix(path, ".txt") {
				return err
			}
			id := strings.TrimSuffix(filepath.Base(path), ".txt")
			if want[id] && !found[id] {
				found[id] = true
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return XReport{}, fmt.Errorf("read articles: %w", err)
		}
	}
	if len(files) < len(want) {
		var missing []string
		for _, a := range g.Articles {
			if !found[a] {
				missing = append(missing, a)
			}
		}
		return XReport{}, fmt.Errorf("%d articles of the gold are not under %s: %s", len(missing), strings.Join(paths, ", "), strings.Join(first(missing, 5), ", "))
	}
	sort.Strings(files)
	st, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
	if err != nil {
		return XReport{}, err
	}
	defer st.Close()
	rep, err := ingest.Build(ctx, st, extract.New(), files, ingest.Options{})
	if err != nil {
		return XReport{}, err
	}
	if len(rep.Failed) > 0 {
		return XReport{}, rep.Failed[0]
	}
	return scoreStore(ctx, g, st)
}

// ScoreXDocStore scores the nodes of a store that holds the gold's articles, built by
// any version of kg.
func ScoreXDocStore(ctx context.Context, dir string, st *graph.Store) (XReport, error) {
	g, err := LoadXGold(dir)
	if err != nil {
		return XReport{}, err
	}
	return scoreStore(ctx, g, st)
}

func scoreStore(ctx context.Context, g *XGold, st *graph.Store) (XReport, error) {
	forms := map[string][]graph.NodeForms{}
	for _, a := range g.Articles {
		f, err := st.DocForms(ctx, a)
		if err != nil {
			return XReport{}, err
		}
		forms[a] = f
	}
	return ScoreXDoc(g, forms), nil
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "...")
	}
	return s
}

// ScoreXDoc scores the nodes kg gave the articles (the forms each article gives each
// node) against the gold. A gold mention is the node of its article that has the same
// form, a name for a name and a reference for a reference (normalised as the per-article
// scorer does); failing that, the node with a name that holds the mention's words or is
// held in them. Mentions marked ambiguous are left out.
func ScoreXDoc(g *XGold, forms map[string][]graph.NodeForms) XReport {
	rep := XReport{Articles: len(g.Articles), Entities: len(g.Entities)}
	type item struct {
		entity int
		doc    string
		text   string
		node   string
	}
	var items []item
	for ei, e := range g.Entities {
		for _, m := range e.Mentions {
			if m.Ambiguous {
				continue
			}
			node := matchMention(forms[m.Doc], m, e.Type)
			items = append(items, item{ei, m.Doc, m.Text, node})
		}
	}
	rep.Mentions = len(items)
	var key, resp, keyF, respF [][]int
	byEntity := map[int][]int{}
	byNode := map[string][]int{}
	var found []int
	for i, it := range items {
		byEntity[it.entity] = append(byEntity[it.entity], i)
		if it.node == "" {
			rep.Errors.Missed = append(rep.Errors.Missed, fmt.Sprintf("%s: %q (%s)", it.doc, it.text, g.Entities[it.entity].Name))
			resp = append(resp, []int{i})
			continue
		}
		found = append(found, i)
		byNode[it.node] = append(byNode[it.node], i)
	}
	rep.Found = len(found)
	foundSet := map[int]bool{}
	for _, i := range found {
		foundSet[i] = true
	}
	for _, ei := range sortedInts(byEntity) {
		key = append(key, byEntity[ei])
		var kf []int
		nodes := map[string]bool{}
		for _, i := range byEntity[ei] {
			if foundSet[i] {
				kf = append(kf, i)
				nodes[items[i].node] = true
			}
		}
		if len(kf) > 0 {
			keyF = append(keyF, kf)
		}
		if len(nodes) > 1 {
			rep.Errors.Split = append(rep.Errors.Split, fmt.Sprintf("%s on %s", g.Entities[ei].Name, strings.Join(sortedStrings(nodes), ", ")))
		}
	}
	for _, n := range sortedStringKeys(byNode) {
		resp = append(resp, byNode[n])
		respF = append(respF, byNode[n])
		ents := map[string]bool{}
		for _, i := range byNode[n] {
			ents[g.Entities[items[i].entity].Name] = true
		}
		if len(ents) > 1 {
			rep.Errors.Merged = append(rep.Errors.Merged, fmt.Sprintf("%s holds %s", n, strings.Join(sortedStrings(ents), "; ")))
		}
	}
	rep.All = ScoreCoref(key, resp)
	rep.Linked = ScoreCoref(keyF, respF)
	return rep
}

// matchMention returns the node of an article that a gold mention is, or "".
func matchMention(nodes []graph.NodeForms, m XMention, typ string) string {
	want := normalize(m.Text)
	if want == "" {
		return ""
	}
	ref := m.Kind == "reference"
	pick := func(hits []graph.NodeForms) string {
		if len(hits) == 0 {
			return ""
		}
		for _, h := range hits {
			if h.Type == typ {
				return h.ID // among nodes with the same form, the one of the gold's type
			}
		}
		return hits[0].ID
	}
	exact := func(refs bool) []graph.NodeForms {
		var hits []graph.NodeForms
		for _, n := range nodes {
			list := n.Names
			if refs {
				list = n.References
			}
			for _, f := range list {
				if normalize(f) == want {
					hits = append(hits, n)
					break
				}
			}
		}
		return hits
	}
	if id := pick(exact(ref)); id != "" {
		return id
	}
	if id := pick(exact(!ref)); id != "" {
		return id
	}
	if ref {
		return ""
	}
	// a name within a longer form ("Blair" in "Mr Blair"), or a longer name around a form
	best, bestLen := "", 0
	ww := " " + want + " "
	for _, n := range nodes {
		for _, f := range n.Names {
			nf := normalize(f)
			if nf == "" {
				continue
			}
			if strings.Contains(" "+nf+" ", ww) || strings.Contains(ww, " "+nf+" ") {
				l := len(nf)
				if best == "" || l < bestLen || l == bestLen && n.ID < best {
					best, bestLen = n.ID, l
				}
			}
		}
	}
	return best
}

func sortedInts(m map[int][]int) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

func sortedStringKeys(m map[string][]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedStrings(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Print writes the report: the counts and the scores, and with detail the clusters kg
// splits and merges and the mentions it missed.
func (r XReport) Print(w io.Writer, detail bool) {
	fmt.Fprintf(w, "%d articles, %d entities, %d mentions (ambiguous ones left out); kg gave a node to %d (%.0f%%)\n",
		r.Articles, r.Entities, r.Mentions, r.Found, 100*float64(r.Found)/float64(max(r.Mentions, 1)))
	line := func(name string, c Coref) {
		fmt.Fprintf(w, "%s: B3 %s | MUC %s | CEAF-e %s | CoNLL F1=%.3f\n", name, f3(c.B3), f3(c.MUC), f3(c.CEAFe), c.CoNLL)
	}
	line("linking (mentions kg found)", r.Linked)
	line("all mentions (missed ones apart)", r.All)
	if detail {
		fmt.Fprintf(w, "split (%d):\n   %s\n", len(r.Errors.Split), strings.Join(r.Errors.Split, "\n   "))
		fmt.Fprintf(w, "merged (%d):\n   %s\n", len(r.Errors.Merged), strings.Join(r.Errors.Merged, "\n   "))
		fmt.Fprintf(w, "missed (%d):\n   %s\n", len(r.Errors.Missed), strings.Join(r.Errors.Missed, "\n   "))
	}
}
