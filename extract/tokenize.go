package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations keep their dot: they do not end a sentence by themselves.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "sgt": true, "capt": true, "cmdr": true,
	"adm": true, "maj": true, "jr": true, "sr": true, "st": true, "mt": true, "ft": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "bros": true, "no": true, "nos": true,
	"vs": true, "etc": true, "approx": true, "dept": true, "est": true, "fig": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "rev": true, "hon": true,
	"messrs": true, "mme": true, "mlle": true, "pres": true, "supt": true, "insp": true,
}

// abbrevCanEnd lists abbreviations that often end a sentence ("... and Co.").
var abbrevCanEnd = map[string]bool{"etc": true, "inc": true, "ltd": true, "co": true, "corp": true, "jr": true, "sr": true, "bros": true}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‹', '›', '‘', '’', '\'', '‚', '‟':
		return true
	}
	return false
}

func isSingleQuote(r rune) bool {
	return r == '‘' || r == '’' || r == '\'' || r == '‚' || r == '‹' || r == '›'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

// tokenize splits the paragraph text[start:end] into tokens appended to toks.
func tokenize(text string, start, end int, toks []Token) []Token {
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			i += size
			continue
		}
		spaceBefore := i == start || isBreak(text, start, i)
		var t Token
		switch {
		case isLetter(r):
			t = scanWord(text, i, end)
		case unicode.IsDigit(r):
			t = scanNumber(text, i, end)
		case isQuoteRune(r):
			t = Token{Span: Span{i, i + size}, Kind: Quote}
			if isApostrophe(r) && i > start {
				// 's after a word: a possessive
				pr, _ := utf8.DecodeLastRuneInString(text[start:i])
				if isLetter(pr) || unicode.IsDigit(pr) {
					if n := i + size; n < end && (text[n] == 's' || text[n] == 'S') && (n+1 >= end || !isWordRune(text, n+1, end)) {
						t = Token{Span: Span{i, n + 1}, Kind: Poss}
						break
					}
				}
			}
			if isSingleQuote(r) {
				t.Flags |= Single
			}
		default:
			t = Token{Span: Span{i, i + size}, Kind: Punct}
		}
		if t.End <= i {
			// every token takes at least one rune, so that the loop ends whatever the text
			t = Token{Span: Span{i, i + size}, Kind: Punct}
		}
		if spaceBefore {
			t.Flags |= SpaceBefore
		}
		if t.Kind == Word || t.Kind == Number {
			t.Lower = lower(text[t.Start:t.End])
		}
		toks = append(toks, t)
		i = t.End
	}
	return toks
}

// isBreak reports whether the rune before offset i is white space.
func isBreak(text string, start, i int) bool {
	pr, _ := utf8.DecodeLastRuneInString(text[start:i])
	return unicode.IsSpace(pr) || pr == '\u00a0'
}

func isWordRune(text string, i, end int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return isLetter(r) || unicode.IsDigit(r)
}

// scanWord reads a word starting at i: letters and digits, inner hyphens and apostrophes,
// and the dots of abbreviations ("U.S.", "Mr.").
func scanWord(text string, i, end int) Token {
	start := i
	upper, letters, caps := 0, 0, false
	hyphen := false
	first := true
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		switch {
		case isLetter(r) || unicode.IsDigit(r):
			if unicode.IsUpper(r) {
				upper++
				if first {
					caps = true
				}
			}
			if isLetter(r) {
				letters++
			}
			first = false
			i += size
			continue
		case isHyphen(r) && i+size < end && isWordRune(text, i+size, end):
			hyphen = true
			i += size
			continue
		case isApostrophe(r) && i+size < end && isWordRune(text, i+size, end):
			// inner apostrophe (don't, O'Brien) but not a possessive 's
			n := i + size
			if (text[n] == 's' || text[n] == 'S') && (n+1 >= end || !isWordRune(text, n+1, end)) {
				goto done
			}
			i += size
			continue
		}
		break
	}
done:
	t := Token{Span: Span{start, i}, Kind: Word}
	if i < end && text[i] == '.' {
		w := text[start:i]
		switch {
		case utf8.RuneCountInString(w) == 1 && letters == 1:
			// an initial or the start of U.S., a.m.
			j := i + 1
			for j+1 < end && isLetterByte(text[j]) && text[j+1] == '.' {
				j += 2
			}
			t.End = j
			t.Flags |= Abbrev
			if j > i+1 {
				upper = countUpper(text[start:j])
				letters = countLetters(text[start:j])
			}
		case abbreviations[strings.ToLower(w)]:
			t.End = i + 1
			t.Flags |= Abbrev
		}
	}
	if caps {
		t.Flags |= Cap
	}
	if letters >= 2 && upper == letters {
		t.Flags |= AllCaps
	}
	if hyphen {
		t.Flags |= Hyphen
	}
	return t
}

func isDigitAt(text string, i, end int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return unicode.IsDigit(r)
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func countUpper(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if isLetter(r) {
			n++
		}
	}
	return n
}

// scanNumber reads digits of any script with inner separators ("1,400", "2.5", "9/11",
// "١٢٣") and a letter suffix ("15th", "2022s").
func scanNumber(text string, i, end int) Token {
	start := i
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		c := text[i]
		switch {
		case unicode.IsDigit(r):
			i += size
			continue
		case (c == ',' || c == '.' || c == ':' || c == '/') && i+1 < end && isDigitAt(text, i+1, end):
			i++
			continue
		case isLetterByte(c):
			for i < end && isLetterByte(text[i]) {
				i++
			}
		}
		break
	}
	return Token{Span: Span{start, i}, Kind: Number}
}

// lower returns s in lower case, without allocating when it already is.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}
