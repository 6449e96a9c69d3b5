package graph

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/writer" // Cayley's "single" quad writer
	"github.com/cayleygraph/quad"

	"github.com/kg-news/kg/extract"
)

// benchDocs extracts the sample corpus and, with KG_BENCH_CORPUS, the articles of that
// folder.
func benchDocs(b *testing.B) []*extract.Document {
	b.Helper()
	dirs := []string{"../data"}
	if d := os.Getenv("KG_BENCH_CORPUS"); d != "" {
		dirs = append(dirs, d)
	}
	x := extract.New()
	var docs []*extract.Document
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			d, err := x.Extract(filepath.Base(f), f, data)
			if err != nil {
				continue
			}
			docs = append(docs, d)
		}
	}
	return docs
}

// BenchmarkStoreWrite compares kg's writer with Cayley's own AddQuadSet path, for the
// same quads, on bolt and, with KG_TEST_POSTGRES, on PostgreSQL: one AddQuadSet per
// article (Cayley), batches of 64 articles in one transaction each (kg), the entities on
// the nodes of their names (no linking: that is package link's).
func BenchmarkStoreWrite(b *testing.B) {
	docs := benchDocs(b)
	sets := make([][]quad.Quad, len(docs))
	var arts []Doc
	total := 0
	for i, d := range docs {
		sets[i] = d.Quads(d.Nodes())
		arts = append(arts, Doc{ID: d.ID, SHA256: d.SHA256, Quads: sets[i]})
		total += len(sets[i])
	}
	open := map[string]func(b *testing.B) *Store{
		Bolt: func(b *testing.B) *Store { return MustOpenBolt(b, false, "") },
		Postgres: func(b *testing.B) *Store {
			return MustOpenPostgres(b, false, PostgresTestURL(b))
		},
	}
	for _, backend := range []string{Bolt, Postgres} {
		b.Run(backend+"/cayley-AddQuadSet", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := open[backend](b)
				w, err := cgraph.NewQuadWriter("single", st.QS, cgraph.Options{"ignore_duplicate": true})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				for _, s := range sets {
					if err := w.AddQuadSet(s); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				st.Close()
			}
			b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "quads/s")
		})
		b.Run(backend+"/kg-Writer", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := open[backend](b)
				w := st.NewWriter()
				b.StartTimer()
				for j := 0; j < len(docs); j += benchBatch {
					end := min(j+benchBatch, len(docs))
					if _, err := w.Write(context.Background(), arts[j:end]); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				st.Close()
			}
			b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// benchBatch is the number of articles per transaction, as kg build writes them.
const benchBatch = 64
