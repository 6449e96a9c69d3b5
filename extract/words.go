package extract

import (
	"strings"
	"unicode/utf8"
)

// ParseWord is one word as the learned models see it: a token, or a part of one, in the
// tokenisation of Universal Dependencies ("don't" is "do" and "n't", "well-known" is
// "well", "-" and "known").
type ParseWord struct {
	Span
	Token int    // the token it is, or is part of
	Tag   Tag    // part of speech
	Head  int    // index into Document.Words of its head, -1 for the root or when unparsed
	Rel   string // dependency label, "" when unparsed
}

// clitics are the endings that Universal Dependencies writes as words of their own.
var clitics = []string{"n't", "'m", "'re", "'ve", "'ll", "'d"}

// fusedWords are written as one word and parsed as two.
var fusedWords = map[string][2]int{ // the length of the first part, in bytes
	"cannot": {3, 0}, "gonna": {3, 0}, "wanna": {3, 0}, "gotta": {3, 0},
}

// hyphenPrefixes stay joined to the word after their hyphen ("non-stop", "co-founder"),
// as the treebanks write them.
var hyphenPrefixes = map[string]bool{
	"non": true, "e": true, "re": true, "anti": true, "pro": true, "pre": true, "co": true,
	"mid": true, "cross": true, "post": true, "pan": true, "over": true, "sub": true, "semi": true,
	"multi": true, "ex": true, "counter": true, "mini": true, "neo": true, "inter": true,
	"micro": true, "macro": true, "ultra": true, "self": true, "vice": true, "de": true, "un": true,
}

// splitToken appends the words of token k to ws.
func splitToken(d *Document, k int, ws []ParseWord) []ParseWord {
	t := &d.Tokens[k]
	add := func(a, b int) { ws = append(ws, ParseWord{Span: Span{a, b}, Token: k, Head: -1}) }
	if t.Kind != Word {
		add(t.Start, t.End)
		return ws
	}
	s := d.Text[t.Start:t.End]
	low := t.Lower
	if p, ok := fusedWords[low]; ok {
		add(t.Start, t.Start+p[0])
		add(t.Start+p[0], t.End)
		return ws
	}
	if strings.ContainsAny(s, "'’") {
		plainLow := strings.ReplaceAll(low, "’", "'")
		for _, c := range clitics {
			if strings.HasSuffix(plainLow, c) && len(plainLow) > len(c) {
				// the clitic is the last len(c) runes of the token
				cut := len(s)
				for n := 0; n < len(c); n++ {
					_, size := utf8.DecodeLastRuneInString(s[:cut])
					cut -= size
				}
				add(t.Start, t.Start+cut)
				add(t.Start+cut, t.End)
				return ws
			}
		}
	}
	if t.Has(Hyphen) {
		a := t.Start
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c != '-' {
				continue
			}
			part := strings.ToLower(d.Text[a : t.Start+i])
			if a == t.Start && hyphenPrefixes[part] {
				continue
			}
			add(a, t.Start+i)
			add(t.Start+i, t.Start+i+1)
			a = t.Start + i + 1
		}
		add(a, t.End)
		return ws
	}
	add(t.Start, t.End)
	return ws
}
