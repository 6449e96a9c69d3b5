package ingest

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/kg-news/kg/extract"
)

// wordRE is the scorer's token: a run of word characters, as the ScrapingHub
// article-extraction-benchmark's evaluate.py tokenizes (\w+, Unicode).
var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// prf is precision, recall and F1 averaged over pages the way evaluate.py does: each
// page's true positives, false positives and false negatives normalised to sum to one,
// precision and recall averaged over the pages where they are defined, F1 from the two.
type prf struct{ tps, fps, fns []float64 }

func (m *prf) add(truth, pred []string) {
	count := func(xs []string) map[string]int {
		c := map[string]int{}
		for _, x := range xs {
			c[x]++
		}
		return c
	}
	t, p := count(truth), count(pred)
	var tp, fp, fn float64
	for k, n := range t {
		tp += float64(min(n, p[k]))
		fn += float64(max(0, n-p[k]))
	}
	for k, n := range p {
		fp += float64(max(0, n-t[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	m.tps, m.fps, m.fns = append(m.tps, tp), append(m.fps, fp), append(m.fns, fn)
}

func (m *prf) scores() (p, r, f float64) {
	var np, nr int
	for i := range m.tps {
		tp, fp, fn := m.tps[i], m.fps[i], m.fns[i]
		if tp+fp > 0 {
			np++
			if fp == 0 && fn == 0 {
				p++
			} else {
				p += tp / (tp + fp)
			}
		}
		if tp+fn > 0 {
			nr++
			if fp == 0 && fn == 0 {
				r++
			} else {
				r += tp / (tp + fn)
			}
		}
	}
	p, r = p/float64(np), r/float64(nr)
	return p, r, 2 * p * r / (p + r)
}

// shingles are the 4-grams of tokens evaluate.py compares.
func shingles(tokens []string) []string {
	var out []string
	for i := 0; i < max(1, len(tokens)-3); i++ {
		out = append(out, strings.Join(tokens[i:min(len(tokens), i+4)], " "))
	}
	return out
}

// TestMainText measures main-text extraction on a public set of real pages with their
// true article bodies: the ScrapingHub article-extraction-benchmark (181 pages), whose
// folder KG_ARTICLE_BENCH names (html/*.html.gz and ground-truth.json). It reports token
// precision, recall and F1 of the text kg extracts (its first line, the headline, left
// out, as the benchmark's articleBody has none), the benchmark's own 4-gram figure, and
// fails below the target token F1 of 0.90.
func TestMainText(t *testing.T) {
	dir := os.Getenv("KG_ARTICLE_BENCH")
	if dir == "" {
		t.Skip("set KG_ARTICLE_BENCH to a checkout of github.com/scrapinghub/article-extraction-benchmark")
	}
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(truth))
	for k := range truth {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var tok, shing, tokWithHead prf
	failed := 0
	for _, k := range keys {
		f, err := os.Open(filepath.Join(dir, "html", k+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		page, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := prepareHTML(page, metaURL(truth[k].URL))
		if err != nil {
			failed++
		}
		body := string(text)
		if i := strings.Index(body, "\n"); i >= 0 {
			body = body[i+1:]
		}
		want := wordRE.FindAllString(truth[k].ArticleBody, -1)
		got := wordRE.FindAllString(body, -1)
		tok.add(want, got)
		shing.add(shingles(want), shingles(got))
		tokWithHead.add(want, wordRE.FindAllString(string(text), -1))
		if os.Getenv("KG_ARTICLE_BENCH_JUNK") != "" {
			// the lines kg keeps that are not in the article: the page junk that reaches the graph
			inTruth := map[string]bool{}
			for _, w := range want {
				inTruth[w] = true
			}
			for _, line := range strings.Split(body, "\n") {
				ws := wordRE.FindAllString(line, -1)
				miss := 0
				for _, w := range ws {
					if !inTruth[w] {
						miss++
					}
				}
				if len(ws) > 0 && miss*2 > len(ws) {
					t.Logf("junk %s: %s", k[:8], truncateLine(line))
				}
			}
		}
		if v := os.Getenv("KG_ARTICLE_BENCH_SHOW"); v == k {
			t.Logf("%s\n--- kg:\n%s\n--- truth:\n%s", truth[k].URL, text, truth[k].ArticleBody)
		}
	}
	p, r, f1 := tok.scores()
	t.Logf("%d pages (%d without text): tokens P=%.3f R=%.3f F1=%.3f", len(keys), failed, p, r, f1)
	sp, sr, sf := shing.scores()
	t.Logf("4-gram shingles (the benchmark's measure): P=%.3f R=%.3f F1=%.3f", sp, sr, sf)
	hp, hr, hf := tokWithHead.scores()
	t.Logf("tokens, the headline line kept: P=%.3f R=%.3f F1=%.3f", hp, hr, hf)
	if f1 < 0.90 {
		t.Errorf("token F1 %.3f is below the target 0.90", f1)
	}
}

func metaURL(u string) extract.Meta { return extract.Meta{URL: u} }

func truncateLine(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}
