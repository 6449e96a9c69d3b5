package model

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt")

// TestGolden runs the embedded models over invented sentences and compares their tags,
// parses and names with testdata/golden.txt (go test ./extract/model -update rewrites it
// after a reviewed change of the weights).
func TestGolden(t *testing.T) {
	f, err := os.Open("testdata/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sents []Sentence
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sents = append(sents, Sentence{Words: TokenizeWords(line), Parse: true})
	}
	m := Default()
	var b strings.Builder
	for i, a := range m.Annotate(sents) {
		for k, w := range sents[i].Words {
			fmt.Fprintf(&b, "%d\t%s\t%s\t%d\t%s\n", k+1, w, a.Tags[k], a.Heads[k]+1, a.Labels[k])
		}
		for _, n := range a.Names {
			fmt.Fprintf(&b, "name\t%s\t%s\n", n.Type, strings.Join(sents[i].Words[n.Start:n.End], " "))
		}
		b.WriteString("\n")
	}
	got := b.String()
	if *update {
		if err := os.WriteFile("testdata/golden.txt", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("models' output changed (-want +got):\n%s", diff)
	}
}

// TestParserTreesAreTrees checks that every parse, of odd input too, is one tree.
func TestParserTreesAreTrees(t *testing.T) {
	m := Default()
	sents := []Sentence{{Words: TokenizeWords("The the the , , of of and ( ) \" \" - 12 12 ."), Parse: true},
		{Words: TokenizeWords("A"), Parse: true}, {Words: TokenizeWords(strings.Repeat("word ", 300)), Parse: true}}
	for i, a := range m.Annotate(sents) {
		roots := 0
		for k, h := range a.Heads {
			if h == -1 {
				roots++
			}
			if h < -1 || h >= len(a.Heads) || h == k {
				t.Fatalf("sentence %d: word %d has head %d", i, k, h)
			}
			// no cycles: every word reaches the root
			seen := map[int]bool{}
			for x := k; x != -1; x = a.Heads[x] {
				if seen[x] {
					t.Fatalf("sentence %d: a cycle through word %d", i, k)
				}
				seen[x] = true
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d: %d roots", i, roots)
		}
	}
}
