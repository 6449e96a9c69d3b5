package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDump writes the extraction of the articles named by KG_DUMP (a glob) as JSON lines
// in the CLI's listing format to KG_DUMP_OUT, for scoring with the reference scorer while
// tuning. It is skipped unless KG_DUMP is set.
func TestDump(t *testing.T) {
	glob := os.Getenv("KG_DUMP")
	if glob == "" {
		t.Skip("set KG_DUMP to a glob of articles")
	}
	out := os.Getenv("KG_DUMP_OUT")
	files, _ := filepath.Glob(glob)
	x := New()
	ents, _ := os.Create(filepath.Join(out, "entities.jsonl"))
	facts, _ := os.Create(filepath.Join(out, "facts.jsonl"))
	quotes, _ := os.Create(filepath.Join(out, "quotes.jsonl"))
	verbose := os.Getenv("KG_DUMP_V") != ""
	for _, f := range files {
		b, _ := os.ReadFile(f)
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		d, err := x.Extract(id, f, b)
		if err != nil {
			t.Fatal(err)
		}
		nodes := d.Nodes()
		for e, ent := range d.Entities {
			json.NewEncoder(ents).Encode(map[string]any{"id": string(nodes[e].IRI), "name": ent.Name, "type": ent.Type, "aliases": ent.Aliases, "sources": []string{id}})
		}
		for _, r := range d.Relations {
			json.NewEncoder(facts).Encode(map[string]any{
				"subject":   map[string]string{"id": string(nodes[r.Subject].IRI), "name": d.Entities[r.Subject].Name},
				"predicate": r.Predicate,
				"object":    map[string]string{"id": string(nodes[r.Object].IRI), "name": d.Entities[r.Object].Name},
				"sources":   []map[string]string{{"doc": id, "sentence": d.SentenceText(r.Sentence)}},
			})
		}
		for _, q := range d.Quotes {
			json.NewEncoder(quotes).Encode(map[string]any{"speaker": map[string]string{"id": string(nodes[q.Speaker].IRI), "name": d.Entities[q.Speaker].Name}, "text": q.Text(d.Text), "doc": id})
		}
		if verbose {
			fmt.Println("=====", id, "title:", d.Title)
			for si, s := range d.Sentences {
				if s.Kind != Body {
					fmt.Printf("  S%d kind=%d tc=%v %q\n", si, s.Kind, s.TitleCase, d.SentenceText(si))
				}
			}
			for _, m := range d.Mentions {
				name := ""
				if m.Entity >= 0 {
					name = d.Entities[m.Entity].Name
				}
				fmt.Printf("  M k=%d %-12s %-30q full=%-40q role=%q head=%q nat=%q org=%d -> %s\n", m.Kind, m.Type, m.Text(d.Text), m.Full.Text(d.Text), m.Role, m.RoleHead, m.Nationality, m.RoleOrg, name)
			}
			for _, e := range d.Entities {
				fmt.Printf("  E %-12s %-30s %v\n", e.Type, e.Name, e.Aliases)
			}
			for _, r := range d.Relations {
				fmt.Printf("  R %s -%s-> %s %v\n", d.Entities[r.Subject].Name, r.Predicate, d.Entities[r.Object].Name, r.Qualifiers)
			}
			for _, q := range d.Quotes {
				fmt.Printf("  Q %s: %q\n", d.Entities[q.Speaker].Name, q.Text(d.Text))
			}
		}
	}
	ents.Close()
	facts.Close()
	quotes.Close()
}
