package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/queries"
)

// buildSample builds the sample corpus into a store in a temporary folder.
func buildSample(t *testing.T) graph.Config {
	t.Helper()
	return buildSampleInto(t, graph.Config{Path: filepath.Join(t.TempDir(), "kg.db")})
}

// buildSampleInto builds the sample corpus into the store cfg names.
func buildSampleInto(t *testing.T, cfg graph.Config) graph.Config {
	t.Helper()
	var out, errb bytes.Buffer
	if err := runBuild(context.Background(), buildOptions{store: cfg, paths: []string{"../../data"}}, nil, &out, &errb); err != nil {
		t.Fatalf("build: %v\n%s", err, errb.String())
	}
	return cfg
}

// ask runs a canned query and decodes its JSON lines.
func ask(t *testing.T, cfg graph.Config, name string, args map[string]string) []map[string]any {
	t.Helper()
	var out bytes.Buffer
	cfg.ReadOnly = true
	err := runAsk(context.Background(), askOptions{store: cfg, name: name, args: args, json: true}, queries.MustLoad(), &out)
	if err != nil {
		t.Fatalf("ask %s %v: %v", name, args, err)
	}
	var rows []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("ask %s: bad JSON line %q: %v", name, line, err)
		}
		rows = append(rows, m)
	}
	return rows
}

func column(rows []map[string]any, key string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, formatValue(r[key]))
	}
	return out
}

func has(list []string, want string) bool {
	for _, x := range list {
		if x == want {
			return true
		}
	}
	return false
}

// TestSampleCorpusAnswers builds data/ and checks the answers the product promises, on
// bolt and, with KG_TEST_POSTGRES, on PostgreSQL.
func TestSampleCorpusAnswers(t *testing.T) {
	t.Run("bolt", func(t *testing.T) { testSampleCorpusAnswers(t, buildSample(t)) })
	t.Run("postgres", func(t *testing.T) {
		testSampleCorpusAnswers(t, buildSampleInto(t, graph.Config{Backend: graph.Postgres, Path: graph.PostgresTestURL(t)}))
	})
}

func testSampleCorpusAnswers(t *testing.T, cfg graph.Config) {

	t.Run("who criticized Trump", func(t *testing.T) {
		got := column(ask(t, cfg, "who", map[string]string{"verb": "criticized", "object": "Trump"}), "subject")
		for _, want := range []string{"John Bolton", "Chuck Schumer"} {
			if !has(got, want) {
				t.Errorf("who criticized Trump = %v, want %s among them", got, want)
			}
		}
	})
	t.Run("Putin invited Trump to Moscow", func(t *testing.T) {
		rows := ask(t, cfg, "whom", map[string]string{"subject": "Vladimir Putin", "verb": "invite"})
		found := false
		for _, r := range rows {
			if formatValue(r["object"]) == "Donald Trump" {
				found = true
				if n := len(r["articles"].([]any)); n < 3 {
					t.Errorf("Putin invited Trump is backed by %d articles, want at least 3: %v", n, r["articles"])
				}
			}
		}
		if !found {
			t.Fatalf("whom Putin invited = %v, want Donald Trump", column(rows, "object"))
		}
		var facts bytes.Buffer
		ro := cfg
		ro.ReadOnly = true
		if err := runFacts(context.Background(), ro, graph.Period{}, "Vladimir Putin", "invited", true, &facts); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(facts.String(), `"to":"Moscow"`) {
			t.Errorf("Putin invited Trump lacks the qualifier to: Moscow:\n%s", facts.String())
		}
	})
	t.Run("Rubio attended the summit", func(t *testing.T) {
		got := column(ask(t, cfg, "attended", map[string]string{"event": "the summit"}), "subject")
		if !has(got, "Marco Rubio") {
			t.Errorf("who attended the summit = %v, want Marco Rubio", got)
		}
	})
	t.Run("no deal until there's a deal", func(t *testing.T) {
		rows := ask(t, cfg, "quotes", map[string]string{"speaker": "Trump"})
		docs := map[string]bool{}
		for _, r := range rows {
			text := strings.ReplaceAll(formatValue(r["text"]), "’", "'")
			if strings.Contains(text, "There's no deal until there's a deal") {
				for _, d := range r["articles"].([]any) {
					docs[d.(map[string]any)["id"].(string)] = true
				}
			}
		}
		if len(docs) < 3 {
			t.Errorf("Trump's \"There's no deal until there's a deal\" found in %d articles, want at least 3", len(docs))
		}
	})
	t.Run("one node for Putin", func(t *testing.T) {
		var out bytes.Buffer
		ro := cfg
		ro.ReadOnly = true
		if err := runEntities(context.Background(), ro, graph.Period{}, "Person", true, &out); err != nil {
			t.Fatal(err)
		}
		var putins []graph.EntityRow
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			var e graph.EntityRow
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatal(err)
			}
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				if strings.Contains(a, "Putin") {
					putins = append(putins, e)
					break
				}
			}
		}
		if len(putins) != 1 || len(putins[0].Sources) != 5 {
			t.Errorf("want one Putin node in all 5 articles, got %+v", putins)
		}
	})
	t.Run("the names people type reach one node", func(t *testing.T) {
		var ids []string
		for _, name := range []string{"Putin", "Vladimir Putin", "the Russian president"} {
			rows := ask(t, cfg, "profile", map[string]string{"name": name})
			if len(rows) != 1 {
				t.Fatalf("profile %q: %d rows", name, len(rows))
			}
			ids = append(ids, formatValue(rows[0]["id"]))
		}
		if ids[0] != ids[1] || ids[1] != ids[2] {
			t.Errorf("profile ids differ: %v", ids)
		}
	})
}

// TestBuildTwiceIsIdempotent builds the corpus twice and expects the same quads.
func TestBuildTwiceIsIdempotent(t *testing.T) {
	cfg := buildSample(t)
	count := func() graph.Stats {
		st, err := graph.Open(context.Background(), graph.Config{Path: cfg.Path, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		s, err := st.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := count()
	var out, errb bytes.Buffer
	if err := runBuild(context.Background(), buildOptions{store: cfg, paths: []string{"../../data"}}, nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "5 unchanged") {
		t.Errorf("second build: %s", out.String())
	}
	if after := count(); after.Quads != before.Quads || after.Nodes != before.Nodes {
		t.Errorf("second build changed the store: %+v -> %+v", before, after)
	}
}

// TestBadInput checks that input that is not an article gets one clear sentence, a
// non-zero exit and leaves the store as it was.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := filepath.Join(dir, "emptydir")
	os.Mkdir(empty, 0o755)
	cases := []struct {
		name string
		path string
		want string
	}{
		{"empty file", write("empty.txt", nil), "article is empty"},
		{"whitespace", write("blank.txt", []byte(" \n\t\n")), "article is empty"},
		{"binary", write("bin.txt", []byte{0x7f, 'E', 'L', 'F', 0, 1, 2, 3}), "binary"},
		{"invalid UTF-8", write("latin1.txt", []byte("Caf\xe9 society met in Z\xfcrich.")), "not valid UTF-8"},
		{"folder without articles", empty, "no articles found"},
		{"missing file", filepath.Join(dir, "nope.txt"), "no such file"},
	}
	cfg := graph.Config{Path: filepath.Join(dir, "kg.db")}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := runBuild(context.Background(), buildOptions{store: cfg, paths: []string{c.path}}, nil, &out, &errb)
			if err == nil {
				t.Fatalf("build %s: no error", c.name)
			}
			msg := err.Error() + " " + errb.String()
			if !strings.Contains(msg, c.want) {
				t.Errorf("build %s: %q, want it to say %q", c.name, msg, c.want)
			}
			if exitCode(context.Background(), err) == 0 {
				t.Errorf("exit code 0 for %s", c.name)
			}
		})
	}
	st, err := graph.Open(context.Background(), graph.Config{Path: cfg.Path, ReadOnly: true})
	if err == nil {
		s, _ := st.Stats(context.Background())
		st.Close()
		if s.Quads != 0 {
			t.Errorf("bad input wrote %d quads", s.Quads)
		}
	}
	t.Run("unknown query", func(t *testing.T) {
		_, err := queries.MustLoad().Render("whoo", nil)
		if err == nil || exitCode(context.Background(), err) != 2 || !strings.Contains(err.Error(), "unknown query") {
			t.Errorf("unknown query: %v", err)
		}
	})
	t.Run("missing parameter", func(t *testing.T) {
		_, err := queries.MustLoad().Render("who", map[string]string{"verb": "criticized"})
		if err == nil || exitCode(context.Background(), err) != 2 || !strings.Contains(err.Error(), "needs object") {
			t.Errorf("missing parameter: %v", err)
		}
	})
}
