package model

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/kg-news/kg/extract/lexicon"
)

// The weight files, as the train command writes them.
const (
	taggerFile = "tagger.kgm"
	movesFile  = "parser-moves.kgm"
	labelsFile = "parser-labels.kgm"
	nerFile    = "ner.kgm"
)

//go:embed weights/*.kgm
var weights embed.FS

// Models are the tagger, the parser and the recogniser, with the lexicon their features
// read. One Models may be used from many goroutines at once.
type Models struct {
	Tagger     *Tagger
	Parser     *Parser
	Recognizer *Recognizer
	Notice     string // licences and attributions of the training data
	cx         *Context
}

var (
	once     sync.Once
	shared   *Models
	errShare error
)

// Default returns the embedded models, decoded on first use.
func Default() *Models {
	once.Do(func() {
		shared, errShare = Load(weights, "weights", lexicon.Default())
		if errShare == nil {
			// the sorted weights are kept only to write the models again
			for _, l := range []*Linear{shared.Tagger.m, shared.Parser.moves, shared.Parser.labels, shared.Recognizer.m} {
				l.src = nil
			}
		}
	})
	if errShare != nil {
		panic(fmt.Sprintf("embedded models: %v", errShare))
	}
	return shared
}

// Load reads the models from dir of fsys.
func Load(fsys fs.FS, dir string, lx *lexicon.Lexicon) (*Models, error) {
	cx := &Context{Lexicon: lx}
	read := func(name string) (*Linear, string, error) {
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, "", err
		}
		m, notice, err := ReadLinear(bytes.NewReader(b))
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", name, err)
		}
		return m, notice, nil
	}
	tm, notice, err := read(taggerFile)
	if err != nil {
		return nil, err
	}
	mm, _, err := read(movesFile)
	if err != nil {
		return nil, err
	}
	lm, _, err := read(labelsFile)
	if err != nil {
		return nil, err
	}
	nm, _, err := read(nerFile)
	if err != nil {
		return nil, err
	}
	var types []string
	for i := 1; i < len(nm.Classes); i += 4 {
		types = append(types, nm.Classes[i][2:])
	}
	m := &Models{
		Tagger:     &Tagger{m: tm, cx: cx},
		Parser:     newParser(mm, lm),
		Recognizer: &Recognizer{m: nm, types: types},
		Notice:     notice,
		cx:         cx,
	}
	return m, nil
}

// Save writes the models into dir, each file carrying notice.
func (m *Models) Save(dir, notice string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name string
		lin  *Linear
	}{{taggerFile, m.Tagger.m}, {movesFile, m.Parser.moves}, {labelsFile, m.Parser.labels}, {nerFile, m.Recognizer.m}}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), func(w io.Writer) error { return f.lin.Write(w, notice) }); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, fn func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// NewModels puts trained models together.
func NewModels(t *Tagger, p *Parser, r *Recognizer, cx *Context) *Models {
	return &Models{Tagger: t, Parser: p, Recognizer: r, cx: cx}
}

func newParser(moves, labels *Linear) *Parser {
	p := &Parser{moves: moves, labels: labels}
	p.labelHash = make([]uint64, len(labels.Classes))
	for i, l := range labels.Classes {
		p.labelHash[i] = hashString(l)
	}
	return p
}

// Prune drops from each model the share q of its features that weigh least (the share
// qTagger from the tagger).
func (m *Models) Prune(q, qTagger float64) {
	m.Tagger.m = m.Tagger.m.PrunedQuantile(qTagger)
	m.Parser = newParser(m.Parser.moves.PrunedQuantile(q), m.Parser.labels.PrunedQuantile(q))
	m.Recognizer.m = m.Recognizer.m.PrunedQuantile(q)
}

// Context is what the models' features read besides the words.
func (m *Models) Context() *Context { return m.cx }

// Labels are the dependency labels, in the parser's class order.
func (p *Parser) Labels() []string { return p.labels.Classes }
