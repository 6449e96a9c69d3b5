package model

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Gold is a sentence as a treebank or an annotated corpus gives it, for training and
// scoring.
type Gold struct {
	Doc    string   // the document it belongs to ("" if the corpus has none)
	Words  []string // the words, in the treebank's tokenisation
	Tags   []string // UPOS tags, nil if the corpus has none
	Heads  []int    // head of each word, -1 for the root; nil if the corpus has none
	Labels []string // dependency labels, nil if none
	Ents   []string // BIO entity tags ("B-PER", "I-PER", "O"), nil if none
}

// ReadCoNLLU reads sentences in CoNLL-U: multiword-token lines and empty nodes are
// skipped, so the words are the syntactic words; "# newdoc id" lines name documents.
func ReadCoNLLU(r io.Reader) ([]Gold, error) {
	var out []Gold
	var cur Gold
	doc := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Doc = doc
			out = append(out, cur)
		}
		cur = Gold{}
	}
	for sc.Scan() {
		line++
		t := sc.Text()
		switch {
		case t == "":
			flush()
			continue
		case strings.HasPrefix(t, "# newdoc id"):
			if i := strings.IndexByte(t, '='); i >= 0 {
				doc = strings.TrimSpace(t[i+1:])
			}
			continue
		case strings.HasPrefix(t, "#"):
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) < 8 {
			return nil, fmt.Errorf("conllu line %d: %d fields", line, len(f))
		}
		if strings.ContainsAny(f[0], "-.") {
			continue
		}
		head, err := strconv.Atoi(f[6])
		if err != nil {
			return nil, fmt.Errorf("conllu line %d: head %q", line, f[6])
		}
		cur.Words = append(cur.Words, f[1])
		cur.Tags = append(cur.Tags, f[3])
		cur.Heads = append(cur.Heads, head-1)
		cur.Labels = append(cur.Labels, f[7])
	}
	flush()
	return out, sc.Err()
}

// ReadBIO reads entity-tagged sentences: one "word<TAB>tag" line per word, a blank line
// between sentences, and "# doc ID" lines where documents begin.
func ReadBIO(r io.Reader) ([]Gold, error) {
	var out []Gold
	var cur Gold
	doc := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Doc = doc
			out = append(out, cur)
		}
		cur = Gold{}
	}
	for sc.Scan() {
		line++
		t := sc.Text()
		switch {
		case strings.TrimSpace(t) == "":
			flush()
			continue
		case strings.HasPrefix(t, "# doc") && !strings.Contains(t, "\t"):
			flush()
			doc = strings.TrimSpace(strings.TrimPrefix(t, "# doc"))
			continue
		case strings.HasPrefix(t, "#") && !strings.Contains(t, "\t"):
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("bio line %d: want word<TAB>tag", line)
		}
		tag := f[len(f)-1]
		if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
			return nil, fmt.Errorf("bio line %d: tag %q", line, tag)
		}
		cur.Words = append(cur.Words, f[0])
		cur.Ents = append(cur.Ents, tag)
	}
	flush()
	return out, sc.Err()
}
