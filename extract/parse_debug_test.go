package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// TestDebugRelations prints the relations of the articles KG_REL_DUMP names (a glob),
// with the rules that made them and their sentences, for reading a rule's output on
// articles nobody measures kg on. It is skipped unless KG_REL_DUMP is set; KG_REL_RULE
// keeps only the relations of rules with that prefix.
func TestDebugRelations(t *testing.T) {
	glob := os.Getenv("KG_REL_DUMP")
	if glob == "" {
		t.Skip("set KG_REL_DUMP")
	}
	files, _ := filepath.Glob(glob)
	x := New()
	only := os.Getenv("KG_REL_RULE")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		d, err := x.Extract(filepath.Base(f), f, b)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range d.Relations {
			keep := only == ""
			for _, ru := range r.Rules {
				keep = keep || strings.HasPrefix(ru, only)
			}
			if !keep {
				continue
			}
			fmt.Printf("%s\t%s -%s-> %s\t%s\t%s\t%s\n", filepath.Base(f), d.Entities[r.Subject].Name, r.Predicate, d.Entities[r.Object].Name,
				strings.Join(r.Rules, ","), r.Modality, d.SentenceText(r.Sentence))
		}
	}
}

// TestDebugQuotes prints, for the articles KG_QUOTE_DUMP names (a glob), every stretch of
// text in quotation marks with the speaker kg gave it, or "-" when it gave none, for
// reading the quotation stage on articles nobody measures kg on.
func TestDebugQuotes(t *testing.T) {
	glob := os.Getenv("KG_QUOTE_DUMP")
	if glob == "" {
		t.Skip("set KG_QUOTE_DUMP")
	}
	files, _ := filepath.Glob(glob)
	x := New()
	for _, f := range files {
		b, _ := os.ReadFile(f)
		d, err := x.Extract(filepath.Base(f), f, b)
		if err != nil {
			t.Fatal(err)
		}
		a := newAnalysis(d, x.lx)
		for pi := range d.Paragraphs {
			if d.Paragraphs[pi].Junk != "" {
				continue
			}
			for _, q := range a.quoteSpans(pi) {
				if q.close <= q.open+1 {
					continue
				}
				start, end := d.Tokens[q.open+1].Start, d.Tokens[q.close-1].End
				sp := "-"
				for _, qq := range d.Quotes {
					if qq.Start < end && qq.End > start {
						sp = d.Entities[qq.Speaker].Name
					}
				}
				si := a.sentenceOf(q.open)
				fmt.Printf("%s\t%s\t%.80q\t%.200s\n", filepath.Base(f), sp, d.Text[start:end], d.SentenceText(si))
			}
		}
	}
}
