package eval

import (
	"context"
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

// Run builds the articles under paths that have a gold file in goldDir into a temporary
// in-memory store, and scores what kg extracted.
func Run(ctx context.Context, goldDir string, paths []string) (Report, error) {
	golds, err := LoadGold(goldDir)
	if err != nil {
		return Report{}, err
	}
	files, texts, err := articlesFor(golds, paths)
	if err != nil {
		return Report{}, err
	}
	st, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
	if err != nil {
		return Report{}, err
	}
	defer st.Close()
	x := extract.New()
	rep, err := ingest.Build(ctx, st, x, files, ingest.Options{})
	if err != nil {
		return Report{}, err
	}
	if len(rep.Failed) > 0 {
		return Report{}, rep.Failed[0]
	}
	var pred Prediction
	if pred.Entities, err = st.Entities(ctx); err != nil {
		return Report{}, err
	}
	if pred.Facts, err = st.Facts(ctx); err != nil {
		return Report{}, err
	}
	if pred.Quotes, err = st.Quotes(ctx); err != nil {
		return Report{}, err
	}
	scored := map[string]*Gold{}
	for id := range texts {
		scored[id] = golds[id]
	}
	r := Score(scored, texts, pred)
	attribute(&r, scored, texts, x)
	return r, nil
}

// articlesFor finds the article file of each gold annotation under paths.
func articlesFor(golds map[string]*Gold, paths []string) ([]string, map[string]string, error) {
	var files []string
	texts := map[string]string{}
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, de os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			ext := filepath.Ext(path)
			if de.IsDir() || ext != ".txt" && ext != ".html" && ext != ".htm" {
				return nil
			}
			id := strings.TrimSuffix(filepath.Base(path), ext)
			if golds[id] == nil || texts[id] != "" {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if ext != ".txt" {
				// a page: scored against the text kg reads in it
				if b, _, err = ingest.Prepare(context.Background(), ingest.Input{ID: id, Path: path, Kind: ingest.HTML, Data: b}, ingest.FetchOptions{}); err != nil {
					return fmt.Errorf("%s: %w", path, err)
				}
			}
			texts[id] = string(b)
			files = append(files, path)
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("read articles: %w", err)
		}
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("none of the articles under %s has a gold annotation", strings.Join(paths, ", "))
	}
	sort.Strings(files)
	return files, texts, nil
}

func f3(p PRF) string { return fmt.Sprintf("P=%.2f R=%.2f F1=%.2f", p.P, p.R, p.F) }

// Print writes the report in the reference scorer's layout: a line per article and a
// TOTAL line; with detail, the misses and the wrong extractions of each article.
func (r Report) Print(w io.Writer, detail bool) {
	for _, d := range r.Docs {
		fmt.Fprintf(w, "%s: ent %s | rel %s | quo %s | noise %d\n", d.Doc, f3(d.Ent), f3(d.Rel), f3(d.Quo), d.Noise)
		if detail {
			fmt.Fprintf(w, "   missed entities: %s\n", strings.Join(d.MissedEntities, "; "))
			fmt.Fprintf(w, "   wrong entities: %s\n", strings.Join(d.WrongEntities, "; "))
			fmt.Fprintf(w, "   missed relations: %s\n", strings.Join(d.MissedRelations, "; "))
			fmt.Fprintf(w, "   wrong relations: %s\n", strings.Join(d.WrongRels, "; "))
			fmt.Fprintf(w, "   missed quotes: %s\n", strings.Join(d.MissedQuotes, "; "))
			fmt.Fprintf(w, "   wrong quotes: %s\n", strings.Join(d.WrongQuotes, "; "))
		}
	}
	t := r.Total
	fmt.Fprintf(w, "TOTAL: ent %s dup=%d type_acc=%.2f | rel %s | quo %s | noise %d\n",
		f3(t.Ent), t.Duplicates, t.TypeAccuracy, f3(t.Rel), f3(t.Quo), t.Noise)
	if detail && t.RelFP > 0 {
		fmt.Fprintf(w, "wrong relations: %d, of which %d have an end that is no gold entity and %d join two entities the gold relates with another verb\n",
			t.RelFP, t.RelFPOffGold, t.RelFPOtherVerb)
	}
	if detail && len(t.Rules) > 0 {
		fmt.Fprintf(w, "relations by rule (a fact counts for every rule that stated it):\n")
		for _, rs := range t.Rules {
			fmt.Fprintf(w, "   %-32s P=%.2f hits=%d wrong=%d\n", rs.Rule, rs.Precision, rs.Hits, rs.Wrong)
		}
	}
	if detail && len(t.QuoteRules) > 0 {
		fmt.Fprintf(w, "quotations by the sieve that found the speaker:\n")
		for _, rs := range t.QuoteRules {
			fmt.Fprintf(w, "   %-32s P=%.2f hits=%d wrong=%d\n", rs.Rule, rs.Precision, rs.Hits, rs.Wrong)
		}
	}
}
