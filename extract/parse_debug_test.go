package extract

import (
	"fmt"
	"os"
	"testing"
)

// TestDebugParse prints the words, tags and dependency parse of KG_PARSE_TEXT, with the
// mentions and entities, for writing patterns. It is skipped unless KG_PARSE_TEXT is set.
func TestDebugParse(t *testing.T) {
	text := os.Getenv("KG_PARSE_TEXT")
	if text == "" {
		t.Skip("set KG_PARSE_TEXT")
	}
	d, err := New().Extract("x", "x", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for si, s := range d.Sentences {
		fmt.Printf("S%d %q\n", si, d.SentenceText(si))
		for i := s.FirstWord; i < s.EndWord; i++ {
			w := d.Words[i]
			h := "ROOT"
			if w.Head >= 0 {
				h = fmt.Sprintf("%d:%s", w.Head-s.FirstWord, d.Words[w.Head].Text(d.Text))
			}
			fmt.Printf("  %2d %-14s %-5s %-10s %s\n", i-s.FirstWord, w.Text(d.Text), w.Tag, w.Rel, h)
		}
	}
	for _, m := range d.Mentions {
		name := ""
		if m.Entity >= 0 {
			name = d.Entities[m.Entity].Name
		}
		fmt.Printf("M k=%d %-12s %q -> %s\n", m.Kind, m.Type, m.Text(d.Text), name)
	}
	for _, r := range d.Relations {
		fmt.Printf("R %s -%s-> %s %v\n", d.Entities[r.Subject].Name, r.Predicate, d.Entities[r.Object].Name, r.Qualifiers)
	}
	for _, q := range d.Quotes {
		fmt.Printf("Q %s: %q\n", d.Entities[q.Speaker].Name, q.Text(d.Text))
	}
}
