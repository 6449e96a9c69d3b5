package extract

import (
	"github.com/kg-news/kg/extract/model"
)

// Tag is a part of speech, one of the universal tags (model.UPOS).
type Tag = model.Tag

// Name is a name the learned recogniser found.
type Name struct {
	Span                   // bytes of the name
	Sentence           int // index into Document.Sentences
	FirstWord, EndWord int // word range, into Document.Words
	Type               Type
}

// tagWords splits the article's tokens into the models' words and tags them (the tag
// stage). Junk is left out. The models' reading of the article is kept for the parse
// stage.
func tagWords(x *Extractor, d *Document) {
	if x.models == nil {
		return
	}
	d.Words = d.Words[:0]
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
	sents := make([][]string, len(d.Sentences))
	for si := range d.Sentences {
		s := &d.Sentences[si]
		sents[si] = texts[s.FirstWord:s.EndWord]
	}
	d.read = x.models.Read(sents)
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for k, t := range d.read.Tags[si] {
			d.Words[s.FirstWord+k].Tag = t
		}
	}
}

// findNames finds the names of each sentence of running text with the learned recogniser,
// which reads the names the rules proposed (the names stage's first half). Sentences are
// parsed later, and only those a stage asks for (Document.Parse).
func findNames(x *Extractor, d *Document) {
	if d.read == nil {
		return
	}
	hs := hints(d)
	for si := range d.Sentences {
		s := &d.Sentences[si]
		if s.Kind != Body || s.EndWord == s.FirstWord {
			continue
		}
		for _, n := range d.read.Names(si, hs[s.FirstWord:s.EndWord]) {
			first, end := s.FirstWord+n.Start, s.FirstWord+n.End
			d.Names = append(d.Names, Name{
				Span:      Span{d.Words[first].Start, d.Words[end-1].End},
				Sentence:  si,
				FirstWord: first,
				EndWord:   end,
				Type:      nerType(n.Type),
			})
		}
	}
}

// Parse parses sentence si with the learned parser, if it was not parsed yet, filling the
// Head and Rel of its words, and reports whether it could: only sentences of running text
// are parsed, and only while the document is being extracted. Parsing is the costliest
// thing the models do, so stages parse the sentences they read and no others.
func (d *Document) Parse(si int) bool {
	s := &d.Sentences[si]
	if s.Kind != Body || s.EndWord == s.FirstWord {
		return false
	}
	if d.parsed == nil {
		if d.read == nil {
			return false
		}
		d.parsed = make([]bool, len(d.Sentences))
	}
	if d.parsed[si] {
		return true
	}
	if d.read == nil {
		return false
	}
	heads, labels := d.read.Parse(si)
	for k := range heads {
		w := &d.Words[s.FirstWord+k]
		if h := heads[k]; h >= 0 {
			w.Head = s.FirstWord + h
		}
		w.Rel = labels[k]
	}
	repairParse(d, si)
	d.parsed[si] = true
	return true
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
// lies outside the token ("known" of "well-known"), or its first word; -1 if the models
// did not read the token.
func (d *Document) TokenWord(k int) int {
	first := d.Tokens[k].Word
	if first < 0 || first >= len(d.Words) || d.Words[first].Token != k {
		return -1
	}
	for i := first; i < len(d.Words) && d.Words[i].Token == k; i++ {
		h := d.Words[i].Head
		if (h < 0 || d.Words[h].Token != k) && d.Words[i].Rel != "punct" {
			return i
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
