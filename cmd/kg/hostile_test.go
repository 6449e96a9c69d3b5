package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/voc"
)

// hostileDeadline is how long one case may take before it counts as a hang. It is far
// above what any case needs: it catches a build that never ends, it does not time one.
const hostileDeadline = 3 * time.Minute

// hostileCase is input meant to break kg: it must end in a clear error with a non-zero
// exit, or in a correct graph.
type hostileCase struct {
	name  string
	setup func(t *testing.T, dir string) []string // makes the input in dir, returns the paths to build
	want  string                                  // what the error says; "" when a graph must come out
	// articles is how many articles the graph holds when want is ""
	articles int
	// partial: some inputs are refused (want says why) while the others make a graph
	partial bool
	// memory: check that the heap does not grow by a gigabyte
	memory bool
	// headline the article must have, if not ""
	headline string
	// note a build that succeeds must say on stderr, if not ""
	note string
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// one returns a setup that writes one file.
func one(name string, data []byte) func(*testing.T, string) []string {
	return func(t *testing.T, dir string) []string { return []string{writeFile(t, dir, name, data)} }
}

// oneText is one for text.
func oneText(name, text string) func(*testing.T, string) []string { return one(name, []byte(text)) }

// bigLine writes a file of size bytes of words with no line end, a megabyte at a time.
func bigLine(name string, size int) func(*testing.T, string) []string {
	return func(t *testing.T, dir string) []string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		chunk := bytes.Repeat([]byte("word "), 1<<20/5+1)[:1<<20]
		for left := size; left > 0; left -= len(chunk) {
			if left < len(chunk) {
				chunk = chunk[:left]
			}
			if _, err := f.Write(chunk); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return []string{p}
	}
}

// manyNames is one sentence naming n different capitalised people.
func manyNames(n int) string {
	first := []string{"Alba", "Bruno", "Celia", "Dario", "Elena", "Fabio", "Greta", "Hugo", "Irene", "Jonas"}
	last := []string{"Arden", "Brandt", "Corwin", "Dalby", "Ellery", "Farrow", "Garner", "Holt", "Ingram", "Jessop"}
	var names []string
	for i := 0; len(names) < n; i++ {
		names = append(names, fmt.Sprintf("%s %s%s", first[i%10], last[i/10%10], strings.Repeat("e", i/100)))
	}
	return "Officials Welcome Guests\n\nThe guests were " + strings.Join(names, ", ") + ".\n"
}

const hostileHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour Council Approves Budget</title>
<style>body { font-family: serif; }</style><script>window.dataLayer = [{"page": "news"}];</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<h1>Harbour Council Approves Budget</h1>
<p>The Harbour Council approved the budget on Tuesday, Mayor Ines Calder said.</p>
<p>&ldquo;It is a fair budget,&rdquo; Calder said.</p>
<footer>&copy; 2025 Example Gazette</footer></body></html>
`

func hostileCases() []hostileCase {
	return []hostileCase{
		{name: "empty file", setup: one("empty.txt", nil), want: "article is empty"},
		{name: "whitespace only", setup: oneText("blank.txt", " \n\t\r\n\u00a0 \n"), want: "article is empty"},
		{name: "binary ELF header", setup: one("elf.txt", append([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, make([]byte, 64)...)), want: "binary"},
		{name: "NUL bytes inside text", setup: oneText("nul.txt", "Acme Corp hired\x00 Jane Roe on Monday.\x00\n"), want: "binary"},
		{name: "invalid UTF-8", setup: one("latin1.txt", []byte("Caf\xe9 owners met in Z\xfcrich on Monday.\n")), want: "not valid UTF-8"},
		{name: "UTF-8 byte order mark", setup: oneText("bom.txt", "\ufeffHarbour Council Approves Budget\n\nMayor Ines Calder praised the Harbour Council on Tuesday.\n"), articles: 1, headline: "Harbour Council Approves Budget"},
		{name: "100 MB single line", setup: bigLine("huge.txt", 100<<20), want: "too large", memory: true},
		{name: "just over the size limit", setup: bigLine("over.txt", extract.DefaultMaxBytes+1), want: "over the limit of 4194304 for one article (--max-bytes raises the limit"},
		{name: "10,000 nested curly quotation marks", setup: oneText("nested.txt", "Deep Quotes\n\n"+strings.Repeat("“", 10000)+"Never again"+strings.Repeat("”", 10000)+", Mayor Ines Calder said.\n"), articles: 1},
		{name: "10,000 nested straight quotation marks", setup: oneText("straight.txt", "Deep Quotes\n\nMayor Ines Calder said "+strings.Repeat("\"", 10000)+"no"+strings.Repeat("\"", 10000)+".\n"), articles: 1},
		{name: "unbalanced quotation marks", setup: oneText("unbalanced.txt", "“Half Open Headline\n\n“We will win, Mayor Ines Calder said on Monday.\nShe added: \"and then ’more” » to come.\n‘\n"), articles: 1},
		{name: "10,000 capitalised names in one sentence", setup: oneText("names.txt", manyNames(10000)), articles: 1},
		{name: "right-to-left and mixed scripts", setup: oneText("rtl.txt", "قمة في الرياض\n\nقال وزير الخارجية إن ١٢٣ شخصا حضروا القمة يوم ٦ل.\nאמר ראש הממשלה כי השיחות יימשכו.\n"+
			"Minister Ivan Petrov met Prime Minister Omar Haddad in Москва and 東京; \u202eevil\u202c text and ３月 numbers.\n"), articles: 1},
		{name: "HTML page", setup: oneText("page.txt", hostileHTML), articles: 1},
		{name: "CRLF line ends", setup: oneText("crlf.txt", "Harbour Council Approves Budget\r\n\r\nMayor Ines Calder praised the council on Tuesday.\r\n\"It is fair,\" Calder said.\r\n"), articles: 1, headline: "Harbour Council Approves Budget"},
		{name: "lone CR line ends", setup: oneText("cr.txt", "Harbour Council Approves Budget\r\rMayor Ines Calder praised the council on Tuesday.\r\"It is fair,\" Calder said.\r"), articles: 1, headline: "Harbour Council Approves Budget"},
		{name: "/dev/zero", setup: func(*testing.T, string) []string { return []string{"/dev/zero"} }, want: "not a regular file (a device)"},
		{name: "/dev/null", setup: func(*testing.T, string) []string { return []string{"/dev/null"} }, want: "not a regular file (a device)"},
		{name: "link to /dev/zero in a folder", setup: func(t *testing.T, dir string) []string {
			symlink(t, "/dev/zero", filepath.Join(dir, "zero.txt"))
			return []string{dir}
		}, want: "not a regular file (a device)"},
		{name: "folder holding a link to itself", setup: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "a.txt", []byte("Acme Corp hired Jane Roe as chief executive on Monday.\n"))
			symlink(t, ".", filepath.Join(dir, "self"))
			symlink(t, "..", filepath.Join(dir, "parent.txt"))
			return []string{dir}
		}, want: "not a regular file (a folder)", partial: true, articles: 1},
		{name: "folder reached through a link", setup: func(t *testing.T, dir string) []string {
			real := filepath.Join(dir, "real")
			os.Mkdir(real, 0o755)
			writeFile(t, real, "a.txt", []byte("Acme Corp hired Jane Roe as chief executive on Monday.\n"))
			symlink(t, "real", filepath.Join(dir, "link"))
			return []string{filepath.Join(dir, "link")}
		}, articles: 1},
		{name: "two links pointing at each other", setup: func(t *testing.T, dir string) []string {
			symlink(t, "b.txt", filepath.Join(dir, "a.txt"))
			symlink(t, "a.txt", filepath.Join(dir, "b.txt"))
			return []string{dir, filepath.Join(dir, "a.txt")}
		}, want: "a loop of symbolic links"},
		{name: "named pipe nobody writes to", setup: func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "pipe.txt")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			return []string{p, dir}
		}, want: "not a regular file (a named pipe)"},
		{name: "unreadable file", setup: func(t *testing.T, dir string) []string {
			if os.Geteuid() == 0 {
				t.Skip("root reads files whatever their mode")
			}
			p := writeFile(t, dir, "secret.txt", []byte("Acme Corp hired Jane Roe on Monday.\n"))
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			return []string{p}
		}, want: "permission denied"},
		{name: "folder without articles", setup: func(t *testing.T, dir string) []string {
			writeFile(t, dir, "main.go", []byte("package main\n\nfunc main() {}\n"))
			writeFile(t, dir, "config.yaml", []byte("store: kg.db\nworkers: 4\n"))
			return []string{dir}
		}, want: "no articles found in this folder"},
		{name: "very long file name", setup: oneText(strings.Repeat("long", 61)+"name.txt", "Acme Corp hired Jane Roe as chief executive on Monday.\n"), articles: 1},
		{name: "file name with spaces, quotes and brackets", setup: oneText("my \"best\" <article> {1}.txt", "Acme Corp hired Jane Roe as chief executive on Monday.\n"), articles: 1},
		{name: "emoji only", setup: oneText("emoji.txt", "🙂🙂🙂 🎉🎉\n👍\n"), articles: 1},
		{name: "one word", setup: oneText("word.txt", "Hello"), articles: 1},
		{name: "punctuation only", setup: oneText("punct.txt", "!!! ... ??? ;;; --- “” ‘’ () [] …\n"), articles: 1},
		// shapes past the limits of an article
		{name: "brackets nested 1,000 deep", setup: oneText("brackets.txt", "Deep Brackets\n\n"+strings.Repeat("([{", 334)+"Jane Roe met Tom Hale"+strings.Repeat("}])", 334)+".\n"), want: "brackets nest 1002 deep, past the limit of 100"},
		{name: "one line of 2 MB", setup: bigLine("line.txt", 2<<20), want: "a line of 2.0 MiB, past the limit of 1.0 MiB"},
		{name: "150,000 names", setup: oneText("list.txt", manyNamesInSentences(150000)), want: "past the limit of 100000 for one article"},
		{name: "16,000 names", setup: oneText("guests.txt", manyNamesInSentences(16000)), articles: 1},
		{name: "brackets nested 90 deep", setup: oneText("nest90.txt", "Deep Brackets\n\n"+strings.Repeat("(", 90)+"Jane Roe met Tom Hale"+strings.Repeat(")", 90)+".\n"), articles: 1},
		// inputs that crashed the extractor once (extract/testdata/fuzz)
		{name: "former crasher: organisation noun at the end", setup: oneText("palace.txt", "Protesters storm the palace\n"), articles: 1},
		{name: "former crasher: quotation mark and the", setup: oneText("quote.txt", "“The b"), articles: 1},
		{name: "former crasher: comma after a name at the end", setup: oneText("ruiz.txt", "The 2005 Ruiz,"), articles: 1},
		{name: "former crasher: role description at the end", setup: oneText("berg.txt", "Anna Berg, a"), articles: 1},
		// encodings and bytes
		{name: "UTF-16 with a byte order mark", setup: one("utf16.txt", utf16LE("Harbour Council Approves Budget\n")), want: "binary"},
		{name: "UTF-8 surrogate halves", setup: one("surrogate.txt", []byte("Mayor \xed\xa0\x80 Calder spoke on Monday.\n")), want: "not valid UTF-8"},
		{name: "form feeds and vertical tabs only", setup: oneText("ff.txt", "\f\v\f\n\v"), want: "article is empty"},
		{name: "zero-width and direction marks only", setup: oneText("zw.txt", "\u200b\u200c\u200d\u200e\u200f\u2066\u2069\n"), articles: 1},
		{name: "10,000 lines of one word", setup: oneText("lines.txt", strings.Repeat("Word\n", 10000)), articles: 1},
		{name: "file named .txt", setup: oneText(".txt", "Acme Corp hired Jane Roe as chief executive on Monday.\n"), articles: 1},
		// file names
		{name: "same file name in two folders", setup: func(t *testing.T, dir string) []string {
			for _, sub := range []string{"a", "b"} {
				os.Mkdir(filepath.Join(dir, sub), 0o755)
			}
			writeFile(t, filepath.Join(dir, "a"), "x.txt", []byte("Acme Corp hired Jane Roe as chief executive on Monday.\n"))
			writeFile(t, filepath.Join(dir, "b"), "x.txt", []byte("Globex Ltd fired Tom Hale on Friday.\n"))
			return []string{dir}
		}, articles: 2, note: "is stored as article x_"},
		{name: "one file named twice", setup: func(t *testing.T, dir string) []string {
			p := writeFile(t, dir, "twice.txt", []byte("Acme Corp hired Jane Roe as chief executive on Monday.\n"))
			return []string{p, p}
		}, want: "is named twice in this build", partial: true, articles: 1},
	}
}

// manyNamesInSentences names n different people, two to a sentence, in paragraphs.
func manyNamesInSentences(n int) string {
	var b strings.Builder
	b.WriteString("Guests Of The Council\n\n")
	for i := 0; i < n; i += 2 {
		fmt.Fprintf(&b, "Alba Ard%s met Bruno Brek%s on Monday. ", letters(i), letters(i+1))
		if i%40 == 38 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// letters writes i in the letters a to z, for surnames that read as names.
func letters(i int) string {
	var b []byte
	for {
		b = append(b, byte('a'+i%26))
		if i /= 26; i == 0 {
			return string(b)
		}
	}
}

// utf16LE encodes s as UTF-16, little end first, after a byte order mark.
func utf16LE(s string) []byte {
	out := []byte{0xff, 0xfe}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// within runs f with a context that ends after hostileDeadline, and fails the test if f
// does not return soon after.
func within(t *testing.T, what string, f func(ctx context.Context) error) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileDeadline)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- f(ctx) }()
	select {
	case err := <-done:
		if ctx.Err() != nil {
			t.Fatalf("%s ran past its deadline of %s: %v", what, hostileDeadline, err)
		}
		return err
	case <-time.After(hostileDeadline + 30*time.Second):
		t.Fatalf("%s hangs: no answer 30s after its deadline of %s", what, hostileDeadline)
	}
	return nil
}

// checkFailure checks the error and messages of input that is refused: one sentence per
// line, a non-zero exit code, no panic.
func checkFailure(t *testing.T, what string, c hostileCase, err error, stderr string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want one saying %q\n%s", what, c.want, stderr)
	}
	msg := err.Error() + "\n" + stderr
	if !strings.Contains(msg, c.want) {
		t.Errorf("%s: %q, want it to say %q", what, msg, c.want)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("%s: error of several lines: %q", what, err.Error())
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line != "" && !strings.HasPrefix(line, "kg: ") {
			t.Errorf("%s: stray line on stderr: %q", what, line)
		}
	}
	if exitCode(context.Background(), err) == 0 {
		t.Errorf("%s: exit code 0", what)
	}
}

// extracted is what kg extract printed: the quads of each article, by article IRI.
type extracted map[quad.Value][]quad.Quad

func readNQuads(t *testing.T, out []byte) extracted {
	t.Helper()
	got := extracted{}
	r := nquads.NewReader(bytes.NewReader(out), false)
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Fatalf("kg extract wrote N-Quads that do not parse: %v", err)
		}
		if !q.IsValid() || q.Label == nil {
			t.Fatalf("kg extract wrote an invalid or unlabelled quad: %v", q)
		}
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if iri, ok := v.(quad.IRI); ok && !strings.Contains(string(iri), "://") {
				t.Fatalf("kg extract wrote the IRI %q, which is not absolute", string(iri))
			}
		}
		q = shortQuad(q) // as the store holds it
		q.Label = shortValue(q.Label)
		got[q.Label] = append(got[q.Label], q)
	}
}

// shortQuad is a quad with kg's short IRIs, as the store keeps them.
func shortQuad(q quad.Quad) quad.Quad {
	q.Subject, q.Predicate, q.Object = shortValue(q.Subject), shortValue(q.Predicate), shortValue(q.Object)
	return q
}

func shortValue(v quad.Value) quad.Value {
	switch x := v.(type) {
	case quad.IRI:
		return voc.Short(x)
	case quad.TypedString:
		x.Type = voc.Short(x.Type)
		return x
	}
	return v
}

// checkStore checks that the store opens, that its counts agree with what kg extract
// gave, and that each article in it is whole.
func checkStore(t *testing.T, cfg graph.Config, want extracted) {
	t.Helper()
	ctx := context.Background()
	ro := cfg
	ro.ReadOnly = true
	st, err := graph.Open(ctx, ro)
	if err != nil {
		t.Fatalf("store does not open after the build: %v", err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	var quads, statements, quotes int
	for label, qs := range want {
		id := voc.DocID(label.String())
		got, err := st.ArticleQuads(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(qs) {
			t.Errorf("article %s has %d quads in the store, kg extract gives %d: partly written", id, len(got), len(qs))
		}
		quads += len(qs)
		for _, q := range qs {
			if q.Predicate == quad.IRI(voc.RDFType) {
				switch q.Object {
				case quad.IRI(voc.Statement):
					statements++
				case quad.IRI(voc.Quote):
					quotes++
				}
			}
		}
	}
	if has, err := st.HasSummary(ctx); err != nil {
		t.Fatal(err)
	} else if has {
		quads++ // the summary kg keeps after a build (graph/summary.go)
	}
	if stats.Articles != len(want) || stats.Quads != int64(quads) || stats.Statements != statements || stats.Quotes != quotes {
		t.Errorf("store holds %d articles, %d quads, %d statements, %d quotations; kg extract gives %d, %d, %d, %d",
			stats.Articles, stats.Quads, stats.Statements, stats.Quotes, len(want), quads, statements, quotes)
	}
}

// TestHostileInput feeds kg build and kg extract input meant to break them. Each case
// ends in one clear sentence and a non-zero exit, or in a correct graph holding each
// article whole; never a panic, a hang or a half-written article.
func TestHostileInput(t *testing.T) {
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			paths := append(c.setup(t, dir), goodArticles(t))
			cfg := graph.Config{Path: filepath.Join(t.TempDir(), "kg.db")}

			var before runtime.MemStats
			if c.memory {
				runtime.GC()
				runtime.ReadMemStats(&before)
			}
			var out, errb bytes.Buffer
			err := within(t, "kg build", func(ctx context.Context) error {
				return runBuild(ctx, buildOptions{store: cfg, paths: paths, maxBytes: extract.DefaultMaxBytes}, nil, &out, &errb)
			})
			if c.memory {
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				if grown := int64(after.HeapInuse) - int64(before.HeapInuse); grown > 1<<30 {
					t.Errorf("kg build grew the heap by %d MB", grown>>20)
				}
			}
			if c.want != "" {
				checkFailure(t, "kg build", c, err, errb.String())
			} else if err != nil {
				t.Fatalf("kg build: %v\n%s", err, errb.String())
			} else {
				checkNote(t, "kg build", c, errb.String())
			}

			var nq, xerrb bytes.Buffer
			xerr := within(t, "kg extract", func(ctx context.Context) error {
				return runExtract(ctx, paths, extract.DefaultMaxBytes, nil, &nq, &xerrb)
			})
			if c.want != "" {
				checkFailure(t, "kg extract", c, xerr, xerrb.String())
			} else if xerr != nil {
				t.Fatalf("kg extract: %v\n%s", xerr, xerrb.String())
			} else {
				checkNote(t, "kg extract", c, strings.ReplaceAll(xerrb.String(), "is printed as article", "is stored as article"))
			}
			got := readNQuads(t, nq.Bytes())
			articles := c.articles
			if c.want != "" && !c.partial {
				articles = 0
			}
			for _, id := range goodIDs {
				if _, ok := got[voc.DocIRI(id)]; !ok {
					t.Errorf("kg extract left out %s, a good article of the same run", id)
				}
				delete(got, voc.DocIRI(id))
			}
			if len(got) != articles {
				t.Errorf("kg extract gives %d articles, want %d", len(got), articles)
			}
			if c.headline != "" {
				for label, qs := range got {
					for _, q := range qs {
						if q.Predicate == quad.IRI(voc.Headline) && q.Object != quad.String(c.headline) {
							t.Errorf("article %s has headline %q, want %q", label, q.Object, c.headline)
						}
					}
				}
			}
			all := readNQuads(t, nq.Bytes())
			checkStore(t, cfg, all)
			if len(all) != articles+len(goodIDs) {
				t.Errorf("the store should hold %d articles, the good ones of the build among them", articles+len(goodIDs))
			}
		})
	}
}

// goodIDs are the articles every hostile build holds besides its hostile input: they
// must all land.
var goodIDs = []string{"good-1", "good-2", "good-3"}

// goodArticles writes the good articles into a folder of their own and returns it.
func goodArticles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i, id := range goodIDs {
		writeFile(t, dir, id+".txt", []byte(fmt.Sprintf("Harbour Council Approves Budget %d\n\nMayor Ines Calder%d praised the Harbour Council on Tuesday. \"It is fair,\" Calder%d said.\n", i, i, i)))
	}
	return dir
}

// checkNote checks what a build that succeeds says on stderr: kg's sentences only, and
// the case's note if it has one.
func checkNote(t *testing.T, what string, c hostileCase, stderr string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line != "" && !strings.HasPrefix(line, "kg: ") {
			t.Errorf("%s: stray line on stderr: %q", what, line)
		}
	}
	if c.note != "" && !strings.Contains(stderr, c.note) {
		t.Errorf("%s: stderr %q, want it to say %q", what, stderr, c.note)
	}
}

// TestRemoveOddFileName builds an article whose file name an IRI cannot hold as it is,
// and removes it by that name.
func TestRemoveOddFileName(t *testing.T) {
	dir := t.TempDir()
	stem := "my \"best\" <article> {1}"
	p := writeFile(t, dir, stem+".txt", []byte("Acme Corp hired Jane Roe as chief executive on Monday.\n"))
	cfg := graph.Config{Path: filepath.Join(dir, "kg.db")}
	var out bytes.Buffer
	if err := runBuild(context.Background(), buildOptions{store: cfg, paths: []string{p}}, nil, &out, &out); err != nil {
		t.Fatalf("build: %v\n%s", err, out.String())
	}
	if err := runRemove(context.Background(), cfg, []string{stem}, &out); err != nil {
		t.Fatalf("remove %q: %v\n%s", stem, err, out.String())
	}
	checkStore(t, cfg, extracted{})
}
