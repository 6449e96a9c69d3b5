package voc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// KeyOf normalises a name for lookups: lower case, no possessive, punctuation removed, no
// leading article. "the Russian President" and "Russian president" share a key. The
// canned queries' JavaScript does the same (queries/lib.js).
func KeyOf(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		// a word: up to the next white space
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		w := s[i:j]
		i = j
		// no possessive: 's, ’s or ‘s at the end, in either case
		for _, pos := range []string{"'s", "’s", "‘s", "'S", "’S", "‘S"} {
			if strings.HasSuffix(w, pos) {
				w = w[:len(w)-len(pos)]
				break
			}
		}
		start := len(b)
		if start > 0 {
			b = append(b, ' ')
		}
		kept := false
		for _, r := range w {
			if r < utf8.RuneSelf {
				switch {
				case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
					b = append(b, byte(r))
					kept = true
				case 'A' <= r && r <= 'Z':
					b = append(b, byte(r+'a'-'A'))
					kept = true
				}
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b = utf8.AppendRune(b, unicode.ToLower(r))
				kept = true
			}
		}
		if !kept {
			b = b[:start]
		}
	}
	out := string(b)
	for _, art := range []string{"the ", "a ", "an "} {
		out = strings.TrimPrefix(out, art)
	}
	return out
}
