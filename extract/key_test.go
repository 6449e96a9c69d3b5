package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// keyReference is Key as it was first written, plainly: the fast Key must agree with it.
func keyReference(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'").Replace(strings.ToLower(s))
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		w = strings.TrimSuffix(w, "'s")
		var wb strings.Builder
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				wb.WriteRune(r)
			}
		}
		if wb.Len() == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(wb.String())
	}
	out := b.String()
	for _, art := range []string{"the ", "a ", "an "} {
		out = strings.TrimPrefix(out, art)
	}
	return out
}

func TestKey(t *testing.T) {
	cases := map[string]string{
		"the Russian President":    "russian president",
		"Russia's President":       "russia president",
		"Russia’s  president ":     "russia president",
		"  A  Tale -- of \\t Two ": "tale of t two",
		"Café Zürich's":            "café zürich",
		"U.S. Secretary of State":  "us secretary of state",
		"The":                      "the",
		"an Apple":                 "apple",
		"O'Neill & Sons Ltd.":      "oneill sons ltd",
		"ÉCOLE NORMALE":            "école normale",
		"Москва":                   "москва",
		"":                         "",
		"'s":                       "",
		"Jones'S":                  "jones",
	}
	for in, want := range cases {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
	// the same keys as the plain version on every entry of the lexicon's word, name and
	// place lists
	var words []string
	for _, f := range []string{"words.txt", "firstnames.txt", "surnames.txt", "cities.tsv", "regions.tsv", "titles.txt", "orgwords.txt"} {
		data, err := os.ReadFile(filepath.Join("lexicon", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line != "" && !strings.HasPrefix(line, "#") {
				words = append(words, strings.Split(line, "\t")[0])
			}
		}
	}
	if len(words) < 1000 {
		t.Fatalf("only %d lexicon entries", len(words))
	}
	for _, w := range words {
		for _, s := range []string{w, strings.ToUpper(w), "The " + w + "’s", w + " " + w} {
			if got, want := Key(s), keyReference(s); got != want {
				t.Fatalf("Key(%q) = %q, the plain version gives %q", s, got, want)
			}
		}
	}
}

func BenchmarkKey(b *testing.B) {
	names := []string{"Russia's President Vladimir Putin", "the Secretary of State", "Joint Base Elmendorf-Richardson", "Café Zürich"}
	for i := 0; i < b.N; i++ {
		for _, n := range names {
			Key(n)
		}
	}
}
