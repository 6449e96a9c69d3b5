package extract

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-news/kg/graph/voc"
)

// The fuzz targets below check what the stages promise for any text, not only that they
// do not panic. Their seed corpora are under testdata/fuzz/<FuzzName>/; run one with
//
//	go test ./extract -run XXX -fuzz FuzzExtract -fuzztime 5m -parallel 2

// fuzzSeeds are small synthetic snippets shared by the targets, besides the corpus files.
var fuzzSeeds = []string{
	"Acme Corp hired Jane Roe as chief executive on Monday.",
	"“We will not back down,” Mayor Ana Ortiz said on Tuesday.",
	`"It is over," said Sen. Tom Hale, R-Ohio. "Done."`,
	"Mr. Lee met Dr. Park in the U.S. capital. They talked for an hour.",
	"He was born in Boston, Mass., and served as John F. Kennedy Jr.'s aide.",
	"“Unbalanced, she said.\n\"Also unbalanced",
	"‘Single,’ he said. ‘Nested “double” inside.’",
	"رئيس الوزراء قال إن المحادثات ستستمر. ראש הממשלה אמר.",
	"Headline Without A Stop\r\nBody text after CRLF.\rAnd a lone CR.",
	"\ufeffBOM first. Then text.",
	"🙂🙂🙂 🎉",
	"!!! ... ??? ;;; “”",
	"A\u200bB\u00a0C\u2028D. E\tF.",
}

// checkSegments reports any broken promise of segment about d: tokens, paragraphs and
// sentences lie in the text, in order, without overlap, and the sentences of a paragraph
// cover its tokens.
func checkSegments(t *testing.T, d *Document) {
	t.Helper()
	text := d.Text
	boundary := func(i int) bool { return i == len(text) || utf8.RuneStart(text[i]) }
	for i := range d.Tokens {
		tk := &d.Tokens[i]
		if tk.Start < 0 || tk.Start >= tk.End || tk.End > len(text) || !boundary(tk.Start) || !boundary(tk.End) {
			t.Fatalf("token %d span %v is not a non-empty run of whole runes of the text (%d bytes)", i, tk.Span, len(text))
		}
		if i > 0 && d.Tokens[i-1].End > tk.Start {
			t.Fatalf("token %d %v overlaps or precedes token %d %v", i, tk.Span, i-1, d.Tokens[i-1].Span)
		}
		s := tk.Text(text)
		if strings.IndexFunc(s, isBlank) >= 0 {
			t.Fatalf("token %d %q holds white space", i, s)
		}
		if (tk.Kind == Word || tk.Kind == Number) && tk.Lower != lower(s) {
			t.Fatalf("token %d %q has lower form %q", i, s, tk.Lower)
		}
		if tk.Has(Open) && tk.Has(Close) {
			t.Fatalf("quotation mark %d %q both opens and closes", i, s)
		}
		if (tk.Has(Open) || tk.Has(Close)) && (tk.Kind != Quote || !isQuoteRune(firstRune(s))) {
			t.Fatalf("token %d %q is marked as a quotation mark", i, s)
		}
	}
	next := 0
	for pi := range d.Paragraphs {
		p := &d.Paragraphs[pi]
		if p.Start < 0 || p.Start >= p.Span.End || p.Span.End > len(text) || strings.Contains(p.Text(text), "\n") {
			t.Fatalf("paragraph %d span %v is not a non-empty line of the text", pi, p.Span)
		}
		if pi > 0 && d.Paragraphs[pi-1].Span.End >= p.Start {
			t.Fatalf("paragraph %d %v overlaps paragraph %d", pi, p.Span, pi-1)
		}
		if p.First != next || p.First >= p.End || p.End > len(d.Tokens) {
			t.Fatalf("paragraph %d has tokens [%d,%d), want them to start at %d", pi, p.First, p.End, next)
		}
		next = p.End
		if d.Tokens[p.First].Start < p.Start || d.Tokens[p.End-1].End > p.Span.End {
			t.Fatalf("paragraph %d %v does not hold its tokens", pi, p.Span)
		}
	}
	if next != len(d.Tokens) {
		t.Fatalf("paragraphs cover %d of %d tokens", next, len(d.Tokens))
	}
	// the sentences of each paragraph cover its tokens, in order
	for si := range d.Sentences {
		s := &d.Sentences[si]
		newPara := si == 0 || d.Sentences[si-1].Para != s.Para
		if newPara && (s.Para != 0 && si == 0 || si > 0 && s.Para != d.Sentences[si-1].Para+1) {
			t.Fatalf("sentence %d is in paragraph %d, after paragraph %d", si, s.Para, s.Para-1)
		}
		if s.Para < 0 || s.Para >= len(d.Paragraphs) {
			t.Fatalf("sentence %d is in paragraph %d of %d", si, s.Para, len(d.Paragraphs))
		}
		p := &d.Paragraphs[s.Para]
		want := p.First
		if !newPara {
			want = d.Sentences[si-1].End
		}
		if s.First != want || s.First >= s.End || s.End > p.End {
			t.Fatalf("sentence %d has tokens [%d,%d), want them to start at %d and stay in paragraph %d [%d,%d)",
				si, s.First, s.End, want, s.Para, p.First, p.End)
		}
		if last := si+1 == len(d.Sentences) || d.Sentences[si+1].Para != s.Para; last && s.End != p.End {
			t.Fatalf("paragraph %d [%d,%d) ends with sentence %d [%d,%d)", s.Para, p.First, p.End, si, s.First, s.End)
		}
		if s.End-s.First > maxSentenceTokens {
			t.Fatalf("sentence %d has %d tokens, over the bound of %d", si, s.End-s.First, maxSentenceTokens)
		}
		if s.Start != d.Tokens[s.First].Start || s.Span.End != d.Tokens[s.End-1].End {
			t.Fatalf("sentence %d span %v is not that of its tokens", si, s.Span)
		}
	}
	if n := len(d.Sentences); n > 0 && d.Sentences[n-1].Para != len(d.Paragraphs)-1 || n == 0 && len(d.Paragraphs) > 0 {
		t.Fatalf("%d sentences do not cover %d paragraphs", n, len(d.Paragraphs))
	}
	if len(d.Tokens) > 0 && len(d.Sentences) == 0 {
		t.Fatalf("%d tokens and no sentence", len(d.Tokens))
	}
	if d.Title != "" && (len(d.Sentences) == 0 || d.Title != d.SentenceText(0)) {
		t.Fatalf("title %q is not the first sentence", d.Title)
	}
}

// FuzzSegment checks paragraphs, tokens and sentences, and that segmenting is
// deterministic.
func FuzzSegment(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("Extract refuses text that is not UTF-8 before segmenting")
		}
		d := &Document{Text: text}
		segment(d)
		checkSegments(t, d)
		again := &Document{Text: text}
		segment(again)
		if len(again.Tokens) != len(d.Tokens) || len(again.Sentences) != len(d.Sentences) {
			t.Fatalf("segmenting twice gives %d/%d tokens and %d/%d sentences",
				len(d.Tokens), len(again.Tokens), len(d.Sentences), len(again.Sentences))
		}
		for i := range d.Sentences {
			if d.Sentences[i] != again.Sentences[i] {
				t.Fatalf("segmenting twice gives sentence %d as %+v and %+v", i, d.Sentences[i], again.Sentences[i])
			}
		}
	})
}

// FuzzQuotes runs the stages up to quotations and checks the quotation marks a paragraph
// pairs up and the quotations attributed: each lies inside one paragraph, between the
// marks, with a speaker that is an entity of the article.
func FuzzQuotes(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	x := New()
	f.Fuzz(func(t *testing.T, text string) {
		if x.Check([]byte(text)) != nil {
			t.Skip("not an article")
		}
		// line ends and a byte order mark as Extract leaves them
		text = strings.TrimPrefix(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\ufeff")
		d := &Document{ID: "fuzz", Text: text}
		for _, st := range Stages {
			st.Run(x, d)
			if st.Name == "quotes" {
				break
			}
		}
		checkSegments(t, d)
		a := x.analysis(d)
		for pi := range d.Paragraphs {
			p := &d.Paragraphs[pi]
			prev := -1
			for _, q := range a.quoteSpans(pi) {
				if q.para != pi || q.open < p.First || q.open >= q.close || q.close > p.End || q.open < prev {
					t.Fatalf("paragraph %d [%d,%d): bad quotation span %+v after %d", pi, p.First, p.End, q, prev)
				}
				if o := &d.Tokens[q.open]; o.Kind != Quote || !o.Has(Open) {
					t.Fatalf("quotation %+v opens at %q, not an opening mark", q, d.TokenText(q.open))
				}
				if q.closed && !d.Tokens[q.close].Has(Close) {
					t.Fatalf("quotation %+v closes at %q, not a closing mark", q, d.TokenText(q.close))
				}
				if !q.closed && q.close < p.End && !d.Tokens[q.close].Has(Open) {
					t.Fatalf("quotation %+v runs on to %q, not the next opening mark", q, d.TokenText(q.close))
				}
				prev = q.close
			}
		}
		seen := map[string]bool{}
		for i, q := range d.Quotes {
			if q.Start < 0 || q.Start >= q.Span.End || q.Span.End > len(text) {
				t.Fatalf("quotation %d span %v is outside the text (%d bytes)", i, q.Span, len(text))
			}
			s := q.Text(text)
			if !utf8.ValidString(s) || strings.Contains(s, "\n") {
				t.Fatalf("quotation %d %q is not a run of whole runes of one paragraph", i, s)
			}
			if q.Speaker < 0 || q.Speaker >= len(d.Entities) {
				t.Fatalf("quotation %d %q has speaker %d of %d entities", i, s, q.Speaker, len(d.Entities))
			}
			if q.Sentence < -1 || q.Sentence >= len(d.Sentences) {
				t.Fatalf("quotation %d %q cites sentence %d of %d", i, s, q.Sentence, len(d.Sentences))
			}
			// the words start right after an opening mark, perhaps after white space
			if before := strings.TrimRightFunc(text[:q.Start], isBlank); !isQuoteRune(lastRune(before)) {
				t.Fatalf("quotation %d %q does not follow a quotation mark", i, s)
			}
			k := strconv.Itoa(q.Speaker) + "|" + normKey(s)
			if seen[k] {
				t.Fatalf("quotation %d %q given twice by the same speaker", i, s)
			}
			seen[k] = true
		}
	})
}

// isBlank reports the runes tokenize skips between tokens.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// badIRIRune reports a rune that N-Quads does not allow in an IRI.
func badIRIRune(r rune) bool {
	return r <= ' ' || r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("<>\"{}|^`\\", r)
}

// checkQuads reports a quad that is not valid, or one that is not labelled with the
// article, or a literal that does not come from the article.
func checkQuads(t *testing.T, d *Document, qs []quad.Quad) {
	t.Helper()
	flat := strings.Join(strings.Fields(d.Text), " ")
	label := voc.DocIRI(d.ID)
	seen := map[quad.Quad]bool{}
	for _, q := range qs {
		if !q.IsValid() {
			t.Fatalf("invalid quad %v", q)
		}
		if q.Label != label {
			t.Fatalf("quad %v is not labelled %v", q, label)
		}
		if seen[q] {
			t.Fatalf("quad %v twice", q)
		}
		seen[q] = true
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			switch v := v.(type) {
			case quad.IRI:
				if v == "" || !utf8.ValidString(string(v)) || strings.IndexFunc(string(v), badIRIRune) >= 0 {
					t.Fatalf("quad %v: IRI %q cannot be written in N-Quads", q, string(v))
				}
			case quad.String:
				if !utf8.ValidString(string(v)) {
					t.Fatalf("quad %v: literal %q is not UTF-8", q, string(v))
				}
			case quad.Int, quad.Bool:
			default:
				t.Fatalf("quad %v: unexpected value %T", q, v)
			}
		}
		lit, _ := q.Object.(quad.String)
		switch q.Predicate {
		case quad.IRI(voc.Evidence), quad.IRI(voc.Headline), quad.IRI(voc.Text):
			if lit == "" || !strings.Contains(flat, string(lit)) {
				t.Fatalf("quad %v: %q is not in the article", q, string(lit))
			}
		}
	}
	// what N-Quads writes, N-Quads reads back the same
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := w.WriteQuads(qs); err != nil {
		t.Fatal(err)
	}
	w.Close()
	r := nquads.NewReader(bytes.NewReader(buf.Bytes()), false)
	for i := 0; ; i++ {
		got, err := r.ReadQuad()
		if err == io.EOF {
			if i != len(qs) {
				t.Fatalf("N-Quads read back %d of %d quads", i, len(qs))
			}
			break
		}
		if err != nil {
			t.Fatalf("N-Quads cannot read back what it wrote: %v\n%s", err, buf.String())
		}
		if i >= len(qs) || got.NQuad() != qs[i].NQuad() {
			t.Fatalf("N-Quads read back quad %d as %v", i, got)
		}
	}
}

// checkDocument reports indices that point nowhere and spans outside the text.
func checkDocument(t *testing.T, d *Document) {
	t.Helper()
	if !utf8.ValidString(d.Text) || strings.Contains(d.Text, "\r") {
		t.Fatalf("text is not UTF-8 with \\n line ends")
	}
	ents := len(d.Entities)
	for i, m := range d.Mentions {
		if m.Start < 0 || m.Start >= m.Span.End || m.Span.End > len(d.Text) || m.First < 0 || m.First >= m.End || m.End > len(d.Tokens) {
			t.Fatalf("mention %d has span %v and tokens [%d,%d)", i, m.Span, m.First, m.End)
		}
		if m.Entity < -1 || m.Entity >= ents || m.Sentence < 0 || m.Sentence >= len(d.Sentences) {
			t.Fatalf("mention %d %q: entity %d of %d, sentence %d of %d", i, m.Text(d.Text), m.Entity, ents, m.Sentence, len(d.Sentences))
		}
	}
	for i, e := range d.Entities {
		if strings.TrimSpace(e.Name) == "" || !utf8.ValidString(e.Name) {
			t.Fatalf("entity %d has name %q", i, e.Name)
		}
		for _, mi := range e.Mentions {
			if mi < 0 || mi >= len(d.Mentions) {
				t.Fatalf("entity %d %q has mention %d of %d", i, e.Name, mi, len(d.Mentions))
			}
		}
		for _, r := range e.Roles {
			if r.Org < -1 || r.Org >= ents {
				t.Fatalf("entity %d %q has role %q at organisation %d of %d", i, e.Name, r.Title, r.Org, ents)
			}
		}
	}
	for i, r := range d.Relations {
		if r.Subject < 0 || r.Subject >= ents || r.Object < 0 || r.Object >= ents || r.Sentence < 0 || r.Sentence >= len(d.Sentences) {
			t.Fatalf("relation %d %+v points outside %d entities and %d sentences", i, r, ents, len(d.Sentences))
		}
		for _, q := range r.Qualifiers {
			if q.Entity < 0 || q.Entity >= ents {
				t.Fatalf("relation %d %+v has qualifier entity %d of %d", i, r, q.Entity, ents)
			}
		}
	}
	for i, q := range d.Quotes {
		if q.Start < 0 || q.Start >= q.Span.End || q.Span.End > len(d.Text) || q.Speaker < 0 || q.Speaker >= ents {
			t.Fatalf("quotation %d %+v points outside the text or the entities", i, q)
		}
	}
}

// FuzzExtract runs the whole extraction of one article and the making of its quads. Text
// Check refuses must fail with one of the package's errors; any other text must give a
// document whose facts point inside it and whose quads are valid N-Quads, the same each
// time.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add("000_article", []byte(s))
	}
	f.Add("my article (1)", []byte("Acme Corp hired Jane Roe."))
	f.Add("a<b>\"c\"", []byte("Acme Corp hired Jane Roe."))
	f.Add("bad\xffname", []byte("Acme Corp hired Jane Roe."))
	x := New()
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		path := "articles/" + name + ".txt"
		d, err := x.Extract(name, path, data)
		// Check refuses what Extract refuses, but for too many names, which only the
		// mention stage can count
		if cerr := x.Check(data); (err == nil) != (cerr == nil) && !(cerr == nil && errors.Is(err, ErrShape)) {
			t.Fatalf("Extract says %v, Check says %v", err, cerr)
		}
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrNotUTF8) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrShape) {
				t.Fatalf("Extract fails with an error of no known kind: %v", err)
			}
			return
		}
		checkSegments(t, d)
		checkDocument(t, d)
		qs := d.Quads(d.Nodes())
		if len(qs) == 0 {
			t.Fatal("no quads, not even the article's own")
		}
		checkQuads(t, d, qs)
		d2, err := x.Extract(name, path, data)
		if err != nil {
			t.Fatalf("second Extract: %v", err)
		}
		qs2 := d2.Quads(d2.Nodes())
		if len(qs2) != len(qs) {
			t.Fatalf("extracting twice gives %d and %d quads", len(qs), len(qs2))
		}
		for i := range qs {
			if qs[i] != qs2[i] {
				t.Fatalf("extracting twice gives quad %d as %v and %v", i, qs[i], qs2[i])
			}
		}
	})
}
