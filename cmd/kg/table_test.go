package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mattn/go-runewidth"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ with what kg prints now")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/kg -run %s -update writes it)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// TestTablesFitTheTerminal prints listings and answers of the sample corpus at 80 and
// 200 columns, and piped (no width), against golden files: on a terminal no line is
// wider than it, piped every cell is whole.
func TestTablesFitTheTerminal(t *testing.T) {
	cfg := buildSample(t)
	cases := []struct {
		name string
		args []string
	}{
		{"ask-list", []string{"ask", "--list"}},
		{"ask-who", []string{"ask", "who", "criticized", "Trump"}},
		{"ask-profile", []string{"ask", "profile", "Putin"}},
		{"ask-quotes", []string{"ask", "quotes", "Trump"}},
		{"entities", []string{"entities", "--type", "people"}},
		{"facts", []string{"facts", "--about", "Putin"}},
		{"quotes", []string{"quotes", "--speaker", "the Russian president"}},
		{"stats", []string{"stats"}},
	}
	for _, c := range cases {
		for _, width := range []int{80, 200, 0} {
			name := c.name
			if width > 0 {
				name += "-" + strconv.Itoa(width)
			} else {
				name += "-piped"
			}
			t.Run(name, func(t *testing.T) {
				var out, errb bytes.Buffer
				args := append([]string{"kg"}, c.args...)
				args = append(args, "--store", cfg.Path)
				var stdout io.Writer = &out
				if width > 0 {
					stdout = fixedWidth{Writer: &out, width: width}
				}
				if err := run(context.Background(), strings.NewReader(""), stdout, &errb, args); err != nil {
					t.Fatalf("kg %s: %v\n%s", strings.Join(c.args, " "), err, errb.String())
				}
				got := out.String()
				for _, line := range strings.Split(got, "\n") {
					if width > 0 && runewidth.StringWidth(line) > width {
						t.Errorf("a line of %d columns on a terminal of %d: %q", runewidth.StringWidth(line), width, line)
					}
				}
				golden(t, filepath.Join("tables", name+".txt"), got)
			})
		}
	}
}

// TestFlagsAfterArguments checks where kg puts the flags people write after a
// question's words or before the command, against a golden file.
func TestFlagsAfterArguments(t *testing.T) {
	cases := []string{
		"kg ask who criticized Trump --json --store s.db",
		"kg --store s.db ask who criticized Trump",
		"kg -s s.db --db bolt ask --json whom Putin invited",
		"kg ask between Rubio Trump --set a=Marco --print",
		"kg query 'g.V().All()' --limit 5",
		"kg query --limit=5 -",
		"kg ask top -5",
		"kg ask who criticized -- --json",
		"kg export --format png -o x.png --around Putin",
		"kg facts --about Putin --predicate invite",
		"kg --version",
		"kg help ask",
		"kg neighbors Putin",
		"kg bulid data/",
	}
	var b strings.Builder
	for _, c := range cases {
		args := splitArgs(c)
		got, err := reorderArgs(newApp(nil, nil, nil), args)
		b.WriteString(c + "\n")
		if err != nil {
			b.WriteString("  error: " + err.Error() + "\n")
			continue
		}
		b.WriteString("  → " + strings.Join(quoteArgs(got), " ") + "\n")
	}
	golden(t, "args.txt", b.String())
}

// TestFlagsAfterTheQuestionRun runs a question with its flags after its words and before
// the command, and expects the answer of the flags in their usual place.
func TestFlagsAfterTheQuestionRun(t *testing.T) {
	cfg := buildSample(t)
	runOut := func(args ...string) string {
		var out, errb bytes.Buffer
		if err := run(context.Background(), strings.NewReader(""), &out, &errb, append([]string{"kg"}, args...)); err != nil {
			t.Fatalf("kg %s: %v\n%s", strings.Join(args, " "), err, errb.String())
		}
		return out.String()
	}
	want := runOut("ask", "--json", "--store", cfg.Path, "who", "criticized", "Trump")
	if !strings.Contains(want, "John Bolton") {
		t.Fatalf("who criticized Trump: %s", want)
	}
	for _, args := range [][]string{
		{"ask", "who", "criticized", "Trump", "--json", "--store", cfg.Path},
		{"--store", cfg.Path, "ask", "who", "criticized", "Trump", "--json"},
		{"--store=" + cfg.Path, "--json", "ask", "who", "criticized", "Trump"},
	} {
		if got := runOut(args...); got != want {
			t.Errorf("kg %s:\n%s\nwant:\n%s", strings.Join(args, " "), got, want)
		}
	}
}

// splitArgs splits a command line at spaces, keeping single-quoted words whole.
func splitArgs(s string) []string {
	var out []string
	for len(s) > 0 {
		s = strings.TrimLeft(s, " ")
		if strings.HasPrefix(s, "'") {
			end := strings.Index(s[1:], "'") + 1
			out = append(out, s[1:end])
			s = s[end+1:]
			continue
		}
		word, rest, _ := strings.Cut(s, " ")
		out = append(out, word)
		s = rest
	}
	return out
}

func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " ()'\"") {
			a = "'" + a + "'"
		}
		out[i] = a
	}
	return out
}
