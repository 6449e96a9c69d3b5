package extract

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ with what the code produces now")

// summary is a readable account of what was extracted from an article, for golden files.
func summary(d *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", d.Title)
	var ents []string
	for _, e := range d.Entities {
		ents = append(ents, fmt.Sprintf("entity %s %q aliases=%q", e.Type, e.Name, sorted(e.Aliases)))
	}
	sort.Strings(ents)
	var rels []string
	for _, r := range d.Relations {
		q := ""
		for _, x := range r.Qualifiers {
			q += fmt.Sprintf(" [%s %s]", x.Prep, d.Entities[x.Entity].Name)
		}
		rels = append(rels, fmt.Sprintf("relation %s -%s-> %s%s", d.Entities[r.Subject].Name, r.Predicate, d.Entities[r.Object].Name, q))
	}
	sort.Strings(rels)
	var quotes []string
	for _, q := range d.Quotes {
		quotes = append(quotes, fmt.Sprintf("quote %s: %q", d.Entities[q.Speaker].Name, q.Text(d.Text)))
	}
	var roles []string
	for _, e := range d.Entities {
		for _, r := range e.Roles {
			roles = append(roles, fmt.Sprintf("role %s: %s", e.Name, r.Title))
		}
	}
	sort.Strings(roles)
	for _, part := range [][]string{ents, rels, quotes, uniq(roles)} {
		for _, l := range part {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func uniq(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// TestGolden extracts the fixture articles under testdata/golden and compares what comes
// out with the .golden file next to each; go test -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures", err)
	}
	x := New()
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := x.Extract(strings.TrimSuffix(filepath.Base(f), ".txt"), f, text)
			if err != nil {
				t.Fatal(err)
			}
			got := summary(d)
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", f, diff)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"U.S. President Joe Biden", []string{"U.S.", "President", "Joe", "Biden"}},
		{"Mr. Smith's car", []string{"Mr.", "Smith", "'s", "car"}},
		{"the players’ union", []string{"the", "players", "’", "union"}},
		{"a three-hour, high-stakes meeting", []string{"a", "three-hour", ",", "high-stakes", "meeting"}},
		{"“I don’t know,” she said.", []string{"“", "I", "don’t", "know", ",", "”", "she", "said", "."}},
		{"£1,400 on 15 Aug. 2025", []string{"£", "1,400", "on", "15", "Aug.", "2025"}},
		{"Jae C. Hong", []string{"Jae", "C.", "Hong"}},
		{"١٢٣ votes, ٦ل and ３月", []string{"١٢٣", "votes", ",", "٦", "ل", "and", "３", "月"}},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			d := &Document{Text: c.in}
			segment(d)
			var got []string
			for i := range d.Tokens {
				got = append(got, d.TokenText(i))
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Mr. Smith met Dr. Jones in the U.S. capital. They talked.", []string{"Mr. Smith met Dr. Jones in the U.S. capital.", "They talked."}},
		{"He arrived in the U.S. The talks began.", []string{"He arrived in the U.S.", "The talks began."}},
		{"“Next time in Moscow?” asked Putin. Trump laughed.", []string{"“Next time in Moscow?” asked Putin.", "Trump laughed."}},
		{"“There is no deal.” He left.", []string{"“There is no deal.”", "He left."}},
		{"It was signed on Aug. 15 by John F. Kennedy Jr. of Boston.", []string{"It was signed on Aug. 15 by John F. Kennedy Jr. of Boston."}},
		{"Headline without a full stop\nBody text follows here.", []string{"Headline without a full stop", "Body text follows here."}},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			d := &Document{Text: c.in}
			segment(d)
			var got []string
			for i := range d.Sentences {
				got = append(got, d.SentenceText(i))
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("sentences (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSentenceBound checks that no sentence outgrows maxSentenceTokens, even one whose
// closing marks run on.
func TestSentenceBound(t *testing.T) {
	cases := []string{
		"It ended." + strings.Repeat("”", 300) + " The next day began.",
		"End" + strings.Repeat(".", 300) + " Next sentence.",
		strings.Repeat("Name ", 600),
	}
	for _, in := range cases {
		d := &Document{Text: in}
		segment(d)
		for i, s := range d.Sentences {
			if n := s.End - s.First; n > maxSentenceTokens {
				t.Errorf("%.20q…: sentence %d has %d tokens, over the bound of %d", in, i, n, maxSentenceTokens)
			}
		}
	}
}

func TestQuoteMarks(t *testing.T) {
	cases := []struct {
		in   string
		want string // O for an opening mark, C for a closing one, in order
	}{
		{`"Yes," he said.`, "OC"},
		{"“Yes,” he said.", "OC"},
		{"“Yes,“ he said. ”No.”", "OCOC"},
		{"their joint ”press conference,” after", "OC"},
		{"the players' union", ""},
		{"'A Fantastic Relationship'", "OC"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			d := &Document{Text: c.in}
			segment(d)
			got := ""
			for i := range d.Tokens {
				switch {
				case d.Tokens[i].Has(Open):
					got += "O"
				case d.Tokens[i].Has(Close):
					got += "C"
				}
			}
			if got != c.want {
				t.Errorf("quote marks = %q, want %q", got, c.want)
			}
		})
	}
}

func TestRejectsNonArticles(t *testing.T) {
	x := New()
	x.MaxBytes = 1 << 10
	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"blank", []byte(" \n\t "), ErrEmpty},
		{"NUL bytes", []byte("abc\x00def"), ErrBinary},
		{"control bytes", []byte("\x01\x02\x03\x04\x05\x06\x07 text"), ErrBinary},
		{"latin-1", []byte("Caf\xe9"), ErrNotUTF8},
		{"too large", []byte(strings.Repeat("word ", 300)), ErrTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := x.Extract("t", "", c.in)
			if err == nil || !strings.Contains(err.Error(), c.want.Error()) {
				t.Errorf("Extract(%s) = %v, want %v", c.name, err, c.want)
			}
		})
	}
}

func TestArticleID(t *testing.T) {
	cases := []struct{ in, want string }{
		{"000_732b06bd5a6ac68c", "000_732b06bd5a6ac68c"},
		{"Zürich-report.v2", "Zürich-report.v2"},
		{"my article (1)", "my_article_(1)"},
		{`a<b>"c"{d}|e^f` + "`g\\h", "a_b__c__d__e_f_g_h"},
		{"50% #1?", "50___1_"},
		{"tab\tnl\nnul\x00", "tab_nl_nul_"},
		{"bad\xffutf8", "bad_utf8"},
		{"zero\u200bwidth\u00a0nbsp", "zero_width_nbsp"},
		{"", "_"},
	}
	for _, c := range cases {
		if got := ArticleID(c.in); got != c.want {
			t.Errorf("ArticleID(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJunk(t *testing.T) {
	text := "Real headline about Acme Corp\n\nAcme Corp hired Jane Roe as chief executive on Monday.\n" +
		"Wie boter op zijn hoofd heeft, moet uit de zon blijven\n" +
		"Jane Roe, left, with staff. Photo: Getty Images\n" +
		"Related Stories\nGlobex Unveils New Phone In Paris\n" +
		"The post Acme Corp Hires New Boss appeared first on Example News.\n"
	d, err := New().Extract("junk", "", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Entities {
		for _, bad := range []string{"Globex", "Paris", "Example News", "Getty Images", "Wie"} {
			if strings.Contains(e.Name, bad) {
				t.Errorf("entity %q comes from page junk", e.Name)
			}
		}
	}
	if d.Title != "Real headline about Acme Corp" {
		t.Errorf("title = %q", d.Title)
	}
}
