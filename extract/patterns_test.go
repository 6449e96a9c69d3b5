package extract

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A rule case is a few invented sentences and what the relation stage must make of them,
// as written in testdata/relations/*.txt:
//
//	Acme bought Bolt Industries in May.
//	# want: Acme -bought-> Bolt Industries
//
//	Acme plans to buy Bolt Industries.
//	# want: Acme -bought-> Bolt Industries ~planned
//
//	Acme did not buy Bolt Industries.
//	# want: nothing
//
// A blank line ends a case; a line "¶" breaks a paragraph inside one. "# not: A -p-> B" says a relation must not be stated. Names
// are an entity's name or any of its aliases; a "~modality" must match the statement's.
type ruleCase struct {
	file string
	line int
	text string
	want []string // "A -p-> B" or "A -p-> B ~planned"; "nothing"
	not  []string
}

func readRuleCases(t *testing.T, glob string) []ruleCase {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule cases in %s", glob)
	}
	var out []ruleCase
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		var cur *ruleCase
		n := 0
		flush := func() {
			if cur != nil && strings.TrimSpace(cur.text) != "" {
				if len(cur.want) == 0 && len(cur.not) == 0 {
					t.Errorf("%s:%d: a case without a # want: or # not: line", cur.file, cur.line)
				}
				out = append(out, *cur)
			}
			cur = nil
		}
		for sc.Scan() {
			n++
			line := strings.TrimSpace(sc.Text())
			switch {
			case line == "":
				flush()
			case line == "¶" && cur != nil:
				cur.text += "\n" // a paragraph break inside a case
			case strings.HasPrefix(line, "# want:"):
				if cur == nil {
					t.Errorf("%s:%d: # want: before any sentence", f, n)
					continue
				}
				cur.want = append(cur.want, strings.TrimSpace(strings.TrimPrefix(line, "# want:")))
			case strings.HasPrefix(line, "# not:"):
				if cur == nil {
					t.Errorf("%s:%d: # not: before any sentence", f, n)
					continue
				}
				cur.not = append(cur.not, strings.TrimSpace(strings.TrimPrefix(line, "# not:")))
			case strings.HasPrefix(line, "#"):
				// a comment
			default:
				if cur == nil {
					cur = &ruleCase{file: filepath.Base(f), line: n}
				}
				cur.text += line + "\n"
			}
		}
		flush()
		fh.Close()
	}
	return out
}

// relationStrings returns the relations of d as "A -p-> B ~modality" for each name and
// alias pair of their ends, with the rules that made each.
func relationStrings(d *Document) map[string][]string {
	out := map[string][]string{}
	for _, r := range d.Relations {
		mod := ""
		if r.Modality != "" {
			mod = " ~" + r.Modality
		}
		for _, a := range entityNames(&d.Entities[r.Subject]) {
			for _, b := range entityNames(&d.Entities[r.Object]) {
				out[a+" -"+r.Predicate+"-> "+b+mod] = r.Rules
				if r.Symmetric {
					out[b+" -"+r.Predicate+"-> "+a+mod] = r.Rules
				}
			}
		}
	}
	return out
}

func entityNames(e *Entity) []string {
	return append([]string{e.Name}, e.Aliases...)
}

func describeRelations(d *Document) string {
	var b strings.Builder
	for _, r := range d.Relations {
		fmt.Fprintf(&b, "\n\t%s -%s-> %s", d.Entities[r.Subject].Name, r.Predicate, d.Entities[r.Object].Name)
		if r.Modality != "" {
			fmt.Fprintf(&b, " ~%s", r.Modality)
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(r.Rules, ", "))
	}
	if b.Len() == 0 {
		return " nothing"
	}
	return b.String()
}

// describeParse writes the parse of d's sentences, one word a line, for failures.
func describeParse(d *Document) string {
	var b strings.Builder
	for si, s := range d.Sentences {
		if si == 0 {
			continue // the headline
		}
		for i := s.FirstWord; i < s.EndWord; i++ {
			w := d.Words[i]
			h := "root"
			if w.Head >= 0 {
				h = fmt.Sprintf("%d %s", w.Head-s.FirstWord, d.Words[w.Head].Text(d.Text))
			}
			fmt.Fprintf(&b, "\n\t\t%2d %-12s %-5s %-10s <- %s", i-s.FirstWord, w.Text(d.Text), w.Tag, w.Rel, h)
		}
	}
	return b.String()
}

// extractCase extracts invented sentences as the body of an article.
func extractCase(t *testing.T, x *Extractor, text string) *Document {
	t.Helper()
	d, err := x.Extract("case", "case.txt", []byte("Report\n\n"+text))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRelationCases runs the rule cases of testdata/relations.
func TestRelationCases(t *testing.T) {
	x := New()
	for _, c := range readRuleCases(t, "testdata/relations/*.txt") {
		t.Run(fmt.Sprintf("%s:%d", c.file, c.line), func(t *testing.T) {
			d := extractCase(t, x, c.text)
			got := relationStrings(d)
			for _, w := range c.want {
				if w == "nothing" {
					if len(d.Relations) > 0 {
						t.Errorf("%s:%d %q: want nothing, got%s", c.file, c.line, c.text, describeRelations(d))
					}
					continue
				}
				if _, ok := got[w]; !ok {
					t.Errorf("%s:%d %q: want %s, got%s\n\tparse:%s", c.file, c.line, c.text, w, describeRelations(d), describeParse(d))
				}
			}
			for _, w := range c.not {
				if _, ok := got[w]; ok {
					t.Errorf("%s:%d %q: do not want %s, got%s", c.file, c.line, c.text, w, describeRelations(d))
				}
			}
		})
	}
}

// TestPatterns checks that the pattern files compile and that each pattern's example
// gives the relation it wants, through that pattern.
func TestPatterns(t *testing.T) {
	ps, err := loadPatterns(patternFiles, "patterns/relations.txt")
	if err != nil {
		t.Fatal(err)
	}
	x := New()
	for _, p := range ps.patterns {
		t.Run(p.name, func(t *testing.T) {
			d := extractCase(t, x, p.example)
			rules, ok := relationStrings(d)[p.want]
			if !ok {
				t.Fatalf("%s:%d: example %q: want %s, got%s\n\tparse:%s", p.file, p.line, p.example, p.want, describeRelations(d), describeParse(d))
			}
			for _, r := range rules {
				if r == p.name || strings.HasPrefix(r, p.name+"+") {
					return
				}
			}
			t.Errorf("%s:%d: example %q gives %s, but through %v, not %s\n\tparse:%s", p.file, p.line, p.example, p.want, rules, p.name, describeParse(d))
		})
	}
}

// TestQuoteCases runs the quotation cases of testdata/quotes: "# want: Speaker: text"
// names the speaker and the start of a quotation's text (a name or any alias of the
// entity); "# want: nothing" says no quotation is attributed; "# not:" one that must not be.
func TestQuoteCases(t *testing.T) {
	x := New()
	for _, c := range readRuleCases(t, "testdata/quotes/*.txt") {
		t.Run(fmt.Sprintf("%s:%d", c.file, c.line), func(t *testing.T) {
			d := extractCase(t, x, c.text)
			var got []string
			has := func(w string) bool {
				speaker, text, _ := strings.Cut(w, ": ")
				for _, q := range d.Quotes {
					if strings.HasPrefix(q.Text(d.Text), text) && containsFold(entityNames(&d.Entities[q.Speaker]), speaker) {
						return true
					}
				}
				return false
			}
			for _, q := range d.Quotes {
				got = append(got, fmt.Sprintf("%s: %q (%s)", d.Entities[q.Speaker].Name, q.Text(d.Text), q.Rule))
			}
			for _, w := range c.want {
				if w == "nothing" {
					if len(d.Quotes) > 0 {
						t.Errorf("%s:%d %q: want no quotation, got %v", c.file, c.line, c.text, got)
					}
					continue
				}
				if !has(w) {
					t.Errorf("%s:%d %q: want %s, got %v", c.file, c.line, c.text, w, got)
				}
			}
			for _, w := range c.not {
				if has(w) {
					t.Errorf("%s:%d %q: do not want %s, got %v", c.file, c.line, c.text, w, got)
				}
			}
		})
	}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
