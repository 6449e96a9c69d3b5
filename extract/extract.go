package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/extract/lexicon"
	"github.com/kg-news/kg/extract/model"
)

// Errors for input that is not an article. Callers test them with errors.Is.
var (
	ErrEmpty    = errors.New("article is empty")
	ErrBinary   = errors.New("article is a binary file, not text")
	ErrNotUTF8  = errors.New("article is not valid UTF-8 text")
	ErrTooLarge = errors.New("article is too large")
	// ErrShape is text shaped like no article: a line or a nesting of brackets far
	// beyond any prose, or more names than a list of them would hold.
	ErrShape = errors.New("text is not shaped like an article")
)

// DefaultMaxBytes is the largest article Extract accepts: far above any news article, far
// below what would strain memory.
const DefaultMaxBytes = 4 << 20

// Limits on the shape of an article, far above what news holds, well below what makes
// extraction slow or large. Extractor fields of the same names override them.
const (
	DefaultMaxLine  = 1 << 20 // bytes in one line (one paragraph)
	DefaultMaxDepth = 100     // brackets ( [ { open inside one another
	DefaultMaxNames = 100000  // name, title and description mentions in one article (4 MB of news holds about 60,000)
)

// maxSentenceTokens bounds a sentence, so that pathological text (one sentence listing
// ten thousand names) costs time linear in its length.
const maxSentenceTokens = 250

// Stage is one step of extraction. Stages run in order; each reads what the earlier ones
// added to the Document and adds its own.
type Stage struct {
	Name string // short name, for errors and benchmarks
	Doc  string // what the stage adds
	Run  func(x *Extractor, d *Document)
}

// Stages is the ordered list of extraction stages.
var Stages = []Stage{
	{"segment", "paragraphs, tokens, sentences, the headline", func(x *Extractor, d *Document) { segment(d) }},
	{"junk", "marks navigation, credits, captions, comments and other languages as junk", func(x *Extractor, d *Document) { markJunk(d, x.lx) }},
	{"tag", "the models' words and their parts of speech, from the learned tagger", tagWords},
	{"mentions", "name, title, nominal and event mentions with types, by rule", func(x *Extractor, d *Document) { findMentions(d, x.lx) }},
	{"names", "the learned recogniser's names, and the rules' names settled against them", func(x *Extractor, d *Document) { findNames(x, d); weighNames(x, d) }},
	{"resolve", "entities: mentions grouped within the article, with names and aliases", func(x *Extractor, d *Document) { resolve(d, x.lx) }},
	{"events", "the event the article is about, and other named events", func(x *Extractor, d *Document) { findEvents(d, x.lx) }},
	{"coref", "pronouns and descriptions resolved to the article's entities", findRefs},
	{"quotes", "direct quotations with their speakers", func(x *Extractor, d *Document) { x.analysis(d).findQuotes(); speakerRefs(d) }},
	{"relations", "relations between entities, with qualifiers", func(x *Extractor, d *Document) { x.analysis(d).findRelations() }},
	{"dates", "the dates sentences state, resolved against the article's date", func(x *Extractor, d *Document) { findDates(d) }},
}

// Extractor runs the stages over articles. One Extractor may be used from many goroutines.
type Extractor struct {
	lx     *lexicon.Lexicon
	models *model.Models
	// Names say how far the name rules defer to the learned recogniser.
	Names    NameOptions
	MaxBytes int // articles larger than this are refused; DefaultMaxBytes if 0
	MaxLine  int // longest line in bytes; DefaultMaxLine if 0
	MaxDepth int // deepest nesting of brackets; DefaultMaxDepth if 0
	MaxNames int // most mentions an article may have; DefaultMaxNames if 0
}

// New returns an Extractor with the embedded lexicon.
func New() *Extractor { return &Extractor{lx: lexicon.Default(), models: model.Default()} }

// analyses keeps the clause index between the quotes and relations stages of a document.
// It is built once per document, lazily.
func (x *Extractor) analysis(d *Document) *analysis {
	if d.analysis == nil || d.analysis.d != d {
		d.analysis = newAnalysis(d, x.lx)
	}
	return d.analysis
}

// Check reports why text cannot be an article, or nil.
func (x *Extractor) Check(text []byte) error {
	max := x.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	switch {
	case len(text) > max:
		return fmt.Errorf("%w: %s, over the limit of %s for one article", ErrTooLarge, byteSize(len(text)), byteSize(max))
	case len(bytes.TrimSpace(text)) == 0:
		return ErrEmpty
	case bytes.IndexByte(text, 0) >= 0 || controlRatio(text) > 0.05:
		return ErrBinary
	case !utf8.Valid(text):
		return fmt.Errorf("%w (convert it first, for example with iconv -f latin1 -t utf-8)", ErrNotUTF8)
	}
	return x.checkShape(text)
}

// checkShape refuses a line longer than MaxLine and brackets nested deeper than
// MaxDepth, in one pass over the bytes.
func (x *Extractor) checkShape(text []byte) error {
	maxLine, maxDepth := orDefault(x.MaxLine, DefaultMaxLine), orDefault(x.MaxDepth, DefaultMaxDepth)
	start, longest, depth, deepest := 0, 0, 0, 0
	for i, c := range text {
		switch c {
		case '\n', '\r':
			longest = max(longest, i-start)
			start = i + 1
		case '(', '[', '{':
			depth++
			deepest = max(deepest, depth)
		case ')', ']', '}':
			depth = max(depth-1, 0)
		}
	}
	longest = max(longest, len(text)-start)
	switch {
	case deepest > maxDepth:
		return fmt.Errorf("%w: brackets nest %d deep, past the limit of %d", ErrShape, deepest, maxDepth)
	case longest > maxLine:
		return fmt.Errorf("%w: a line of %s, past the limit of %s for one paragraph", ErrShape, byteSize(longest), byteSize(maxLine))
	}
	return nil
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

func controlRatio(b []byte) float64 {
	if len(b) > 8192 {
		b = b[:8192]
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Extract checks text and runs every stage over it. id names the article (its file stem)
// and path says where it was read from. The document's ID is id made fit for an IRI (see
// ArticleID), and its Path is path with any bytes that are not UTF-8 replaced.
func (x *Extractor) Extract(id, path string, text []byte) (*Document, error) {
	return x.ExtractMeta(id, path, text, Meta{})
}

// ExtractMeta is Extract for an article whose source says more about it than its text:
// its date, address, publisher, authors and language (see Meta).
func (x *Extractor) ExtractMeta(id, path string, text []byte, meta Meta) (*Document, error) {
	if err := x.Check(text); err != nil {
		return nil, err
	}
	id, path = ArticleID(id), strings.ToValidUTF8(path, "\ufffd")
	h := sha256.New()
	h.Write(text)
	if !meta.IsZero() {
		// what the source says is part of the article: a new date or address is a change
		fmt.Fprintf(h, "\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s", meta.Published.UTC().Format(time.RFC3339), meta.URL,
			meta.Publisher, strings.Join(meta.Authors, "\x01"), meta.Language, meta.GUID)
	}
	sum := h.Sum(nil)
	s := string(text)
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	s = strings.TrimPrefix(s, "\ufeff")
	d := &Document{ID: id, Path: path, SHA256: hex.EncodeToString(sum[:]), Text: s, Meta: meta}
	for _, st := range Stages {
		st.Run(x, d)
		if st.Name == "mentions" {
			if max := orDefault(x.MaxNames, DefaultMaxNames); len(d.Mentions) > max {
				return nil, fmt.Errorf("%w: it names people, organisations and places %d times, past the limit of %d for one article; is it a list?", ErrShape, len(d.Mentions), max)
			}
		}
	}
	d.analysis, d.graphs, d.read, d.parsed = nil, nil, nil, nil
	return d, nil
}

// ArticleID makes a file stem fit to name an article in an IRI (<doc:ID>) that needs no
// escaping: white space, invisible and control characters, bytes that are not UTF-8, the
// characters N-Quads forbids in an IRI and those that would change its meaning (%, #, ?)
// each become "_". An empty stem becomes "_". Ordinary stems are returned as they are.
func ArticleID(stem string) string {
	if stem == "" {
		return "_"
	}
	var b strings.Builder
	for _, r := range stem {
		if r == utf8.RuneError || !unicode.IsPrint(r) || strings.ContainsRune(" <>\"{}|^`\\%#?", r) {
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String()
}
