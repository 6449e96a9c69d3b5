package model

import (
	"os"
	"testing"
)

// BenchmarkAnnotate tags, parses and reads the names of the sample articles' sentences,
// split into words at spaces (KG_BENCH_CONLLU=FILE reads a treebank's words instead).
func BenchmarkAnnotate(b *testing.B) {
	m := Default()
	var sents []Sentence
	words := 0
	if path := os.Getenv("KG_BENCH_CONLLU"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		g, err := ReadCoNLLU(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range g {
			sents = append(sents, Sentence{Words: s.Words, Parse: true})
			words += len(s.Words)
		}
	} else {
		b.Skip("set KG_BENCH_CONLLU")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 0; k < len(sents); k += 20 {
			m.Annotate(sents[k:min(k+20, len(sents))])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words)/1000, "µs/word")
}
