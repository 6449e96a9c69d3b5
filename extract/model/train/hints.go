package main

import (
	"strings"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/extract/model"
)

// noSpaceBefore are the words written against the word before them.
var noSpaceBefore = map[string]bool{
	",": true, ".": true, ";": true, ":": true, "!": true, "?": true, ")": true, "]": true, "%": true,
	"'s": true, "’s": true, "n't": true, "n’t": true, "'re": true, "'ve": true, "'ll": true, "'d": true, "'m": true,
	"...": true,
}

// noSpaceAfter are the words written against the word after them.
var noSpaceAfter = map[string]bool{"(": true, "[": true, "$": true, "£": true, "€": true}

// ruleHints writes a document's sentences as an article (a headline line, then one
// sentence a line), runs kg's name rules over it and returns what they say of each word,
// so that the recogniser learns from the rules' proposals as it meets them at run time.
func ruleHints(doc model.NERDoc) [][]model.Hint {
	var b strings.Builder
	b.WriteString("Report\n")
	var spans []extract.Span
	for _, s := range doc.Sents {
		for i, w := range s.Words {
			if i > 0 && !noSpaceBefore[w] && !noSpaceAfter[s.Words[i-1]] {
				b.WriteByte(' ')
			}
			spans = append(spans, extract.Span{Start: b.Len(), End: b.Len() + len(w)})
			b.WriteString(w)
		}
		b.WriteByte('\n')
	}
	d := extract.RuleNames(b.String())
	flat := extract.NameHints(d, spans)
	out := make([][]model.Hint, len(doc.Sents))
	k := 0
	for i, s := range doc.Sents {
		out[i] = flat[k : k+len(s.Words)]
		k += len(s.Words)
	}
	return out
}

func withHints(ds []model.NERDoc) []model.NERDoc {
	for i := range ds {
		ds[i].Hints = ruleHints(ds[i])
	}
	return ds
}
