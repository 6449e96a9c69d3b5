package extract

import (
	"github.com/kg-news/kg/extract/model"
)

// Tag is a part of speech, one of the universal tags (model.UPOS).
type Tag = model.Tag

// Name is a name the learned recogniser found.
type Name struct {
	Span            // bytes of the name
	Sentence   int  // index into Document.Sentences
	First, End int  // word range, into Document.Words
	Type       Type // Person, Organization or Place
}

// analyse runs the learned models over the article: its words, their parts of speech,
// the dependency parse of each sentence of running text, and the names in it. Junk is
// left out; headings and headlines are tagged but not parsed.
func analyse(x *Extractor, d *Document) {
	if x.models == nil {
		return
	}
	d.Words = d.Words[:0]
	sents := make([]model.Sentence, 0, len(d.Sentences))
	for si := range d.Sentences {
		s := &d.Sentences[si]
		s.FirstWord = len(d.Words)
		if s.Kind != Junk {
			for k := s.First; k < s.End; k++ {
				d.Tokens[k].Word = len(d.Words)
				d.Words = splitToken(d, k, d.Words)
			}
		}
		s.EndWord = len(d.Words)
	}
	texts := make([]string, len(d.Words))
	for i := range d.Words {
		texts[i] = d.Text[d.Words[i].Start:d.Words[i].End]
	}
	hs := hints(d)
	for si := range d.Sentences {
		s := &d.Sentences[si]
		sents = append(sents, model.Sentence{Words: texts[s.FirstWord:s.EndWord], Hints: hs[s.FirstWord:s.EndWord], Parse: s.Kind == Body})
	}
	anns := x.models.Annotate(sents)
	for si, a := range anns {
		s := &d.Sentences[si]
		for k, t := range a.Tags {
			w := &d.Words[s.FirstWord+k]
			w.Tag = t
			if !a.Skip {
				if h := a.Heads[k]; h >= 0 {
					w.Head = s.FirstWord + h
				}
				w.Rel = a.Labels[k]
			}
		}
		for _, n := range a.Names {
			first, end := s.FirstWord+n.Start, s.FirstWord+n.End
			d.Names = append(d.Names, Name{
				Span:     Span{d.Words[first].Start, d.Words[end-1].End},
				Sentence: si,
				First:    first,
				End:      end,
				Type:     nerType(n.Type),
			})
		}
	}
}

func nerType(t string) Type {
	switch t {
	case "PER":
		return Person
	case "ORG":
		return Organization
	case "LOC":
		return Place
	case "EVENT":
		return Event
	}
	return ""
}

// TokenWord returns the word of token k that heads the token's words: the one whose head
// lies outside the token ("known" of "well-known"), or its first word.
func (d *Document) TokenWord(k int) int {
	first := d.Tokens[k].Word
	if first < 0 || first >= len(d.Words) || d.Words[first].Token != k {
		return -1
	}
	for i := first; i < len(d.Words) && d.Words[i].Token == k; i++ {
		h := d.Words[i].Head
		if h < 0 || d.Words[h].Token != k {
			if d.Words[i].Rel != "punct" {
				return i
			}
		}
	}
	return first
}

// TokenTag returns the part of speech of token k, and false when the models did not read it.
func (d *Document) TokenTag(k int) (Tag, bool) {
	w := d.TokenWord(k)
	if w < 0 {
		return 0, false
	}
	return d.Words[w].Tag, true
}
