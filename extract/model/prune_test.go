package model

import (
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/kg-news/kg/extract/lexicon"
)

func quantile(l *Linear, q float64) float32 {
	var mx []float64
	sp := l.src
	for r := range sp.keys {
		best := 0.0
		for j := sp.start[r]; j < sp.start[r+1]; j++ {
			a := float64(sp.wt[j])
			if a < 0 {
				a = -a
			}
			if a > best {
				best = a
			}
		}
		mx = append(mx, best)
	}
	sort.Float64s(mx)
	return float32(mx[int(q*float64(len(mx)-1))])
}

func TestDebugPrune(t *testing.T) {
	dir := os.Getenv("KG_DEBUG_MODELS")
	if dir == "" {
		t.Skip()
	}
	lx := lexicon.Default()
	m, err := Load(os.DirFS(dir), ".", lx)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open("/work/corpora/ud/ewt/dev.conllu")
	g, _ := ReadCoNLLU(f)
	tags := m.Tagger.TagAll(g)
	for _, q := range []float64{0.7, 0.85} {
		tg := &Tagger{m: m.Tagger.m.Pruned(quantile(m.Tagger.m, q)), lx: lx}
		p := newParser(m.Parser.moves.Pruned(quantile(m.Parser.moves, q)), m.Parser.labels.Pruned(quantile(m.Parser.labels, q)))
		fmt.Printf("q=%.1f tagger %.4f (%d feats) | parser %s (%d move feats %.1f MB, %d label feats %.1f MB)\n", q, TagAccuracy(tg, g), tg.m.Features(),
			p.Score(g, tags, lx), p.moves.Features(), float64(p.moves.Bytes())/1e6, p.labels.Features(), float64(p.labels.Bytes())/1e6)
	}
}
