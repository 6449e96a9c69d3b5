package extract

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-news/kg/extract/lexicon"
)

// benchArticles reads the sample corpus and, when KG_BENCH_CORPUS names a folder (such as
// the BBC corpus), its articles too.
func benchArticles(b *testing.B) [][]byte {
	b.Helper()
	var arts [][]byte
	dirs := []string{"../data"}
	if d := os.Getenv("KG_BENCH_CORPUS"); d != "" {
		dirs = append(dirs, d)
	}
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			arts = append(arts, data)
		}
	}
	if len(arts) == 0 {
		b.Skip("no articles")
	}
	return arts
}

func totalBytes(arts [][]byte) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a))
	}
	return n
}

// BenchmarkExtract measures the whole extraction of real articles (MB/s of text).
func BenchmarkExtract(b *testing.B) {
	arts := benchArticles(b)
	x := New()
	b.SetBytes(totalBytes(arts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := x.Extract("bench", "", a); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractNQuads measures what kg extract does: text in, N-Quads out (MB/s of
// text), on one goroutine.
func BenchmarkExtractNQuads(b *testing.B) {
	arts := benchArticles(b)
	x := New()
	b.SetBytes(totalBytes(arts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := nquads.NewWriter(io.Discard)
		for _, a := range arts {
			d, err := x.Extract("bench", "", a)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := w.WriteQuads(d.Quads(d.Nodes())); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkStage measures each stage on its own, over documents prepared by the stages
// before it.
func BenchmarkStage(b *testing.B) {
	arts := benchArticles(b)
	x := New()
	for si, st := range Stages {
		b.Run(st.Name, func(b *testing.B) {
			b.SetBytes(totalBytes(arts))
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				docs := make([]*Document, len(arts))
				for j, a := range arts {
					d := &Document{ID: "bench", Text: string(a)}
					for _, prev := range Stages[:si] {
						prev.Run(x, d)
					}
					docs[j] = d
				}
				b.StartTimer()
				for _, d := range docs {
					st.Run(x, d)
				}
			}
		})
	}
}

// BenchmarkQuads measures turning extractions into quads.
func BenchmarkQuads(b *testing.B) {
	arts := benchArticles(b)
	x := New()
	var docs []*Document
	for _, a := range arts {
		d, err := x.Extract("bench", "", a)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	b.SetBytes(totalBytes(arts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			_ = d.Quads(d.Nodes())
		}
	}
}

// BenchmarkLexicon measures loading the embedded lexicon.
func BenchmarkLexicon(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := lexicon.Load(); err != nil {
			b.Fatal(err)
		}
	}
}
