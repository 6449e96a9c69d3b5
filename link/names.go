package link

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// words folds a name into the words its identity is made of: diacritics removed, lower
// case, curly apostrophes straightened, a possessive dropped, punctuation other than
// inner hyphens and apostrophes dropped ("Elmendorf-Richardson" stays one word, "O'Neill"
// becomes "oneill").
func words(name string) []string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining mark: é is e
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '-':
			b.WriteByte('-')
		case r == '\'' || r == '’' || r == '‘':
			b.WriteByte('\'')
		case r == '.':
			// U.S., St. Louis
		default:
			b.WriteByte(' ')
		}
	}
	var out []string
	for _, w := range strings.Fields(b.String()) {
		w = strings.TrimSuffix(w, "'s")
		w = strings.ReplaceAll(w, "'", "")
		w = strings.Trim(w, "-")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// skeleton folds transliteration variants of one word of a name, the -yy/-iy/-yi endings
// ("Zelenskyy", "Zelenskiy", "Zelensky"). Doubled letters are kept: they are part of the
// node's IRI, which is made from its identity key.
func skeleton(w string) string {
	switch {
	case len(w) > 3 && (strings.HasSuffix(w, "yy") || strings.HasSuffix(w, "iy") || strings.HasSuffix(w, "yi")):
		return w[:len(w)-2] + "y"
	case strings.HasSuffix(w, "ei") && len(w) > 4:
		return w[:len(w)-2] + "ey"
	}
	return w
}

// surnameParticles open a surname ("de Vosk", "van Karsk", "al-Karim" written apart): a
// name that starts with one has no given name.
var surnameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "du": true, "del": true, "della": true, "dos": true, "das": true,
	"van": true, "von": true, "der": true, "den": true, "ter": true, "le": true, "la": true, "al": true,
	"el": true, "bin": true, "ibn": true, "abu": true,
}

// nameSuffixes end a person's name without telling it apart.
var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true, "snr": true, "jnr": true}

// honorificWords may start a name that extraction left them on.
var honorificWords = map[string]byte{
	"mr": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "sir": 'm', "lord": 'm', "lady": 'f', "dame": 'f',
	"dr": 0, "prof": 0, "professor": 0, "baroness": 'f', "baron": 'm', "rev": 0, "mister": 'm', "madam": 'f',
}

// personName is a person's name taken apart.
type personName struct {
	given   string   // the given name, in its full form ("andrew" for "Andy")
	written string   // the given name as written, folded
	middle  []string // middle names, initials left out
	surname string
}

// splitPerson takes a person's name apart; a name of one word is a surname (given "").
func splitPerson(name string, nick map[string]string) personName {
	ws := words(name)
	for len(ws) > 1 {
		if _, ok := honorificWords[ws[0]]; !ok {
			break
		}
		ws = ws[1:]
	}
	for len(ws) > 1 && nameSuffixes[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	// leading initials are one given name: "J K Rowling" is "JK Rowling"
	for len(ws) > 2 && len(ws[0]) <= 2 && len(ws[1]) == 1 {
		ws = append([]string{ws[0] + ws[1]}, ws[2:]...)
	}
	var p personName
	if len(ws) == 0 {
		return p
	}
	p.surname = skeleton(ws[len(ws)-1])
	if len(ws) == 1 || surnameParticles[ws[0]] {
		return p // "De Vosk", "van Karsk": a surname with its particle, no given name
	}
	p.written = ws[0]
	p.given = ws[0]
	if full, ok := nick[ws[0]]; ok {
		p.given = full
	}
	for _, w := range ws[1 : len(ws)-1] {
		if len(w) > 1 {
			p.middle = append(p.middle, skeleton(w))
		}
	}
	return p
}

// key is the identity of a person named in full: given name, middle names, surname.
func (p personName) key() string {
	parts := append([]string{skeleton(p.given)}, p.middle...)
	return strings.Join(append(parts, p.surname), " ")
}

// corporateSuffixes end a company's name without telling it apart ("Acme plc" is Acme).
var corporateSuffixes = map[string]bool{
	"plc": true, "ltd": true, "limited": true, "inc": true, "incorporated": true, "llc": true,
	"co": true, "corp": true, "ag": true, "sa": true, "nv": true, "bv": true, "gmbh": true, "spa": true,
}

// orgKey is the identity of an organisation's, a place's or an event's name: its words
// without a leading "the" and, for an organisation, without a corporate suffix.
func orgKey(name string, org bool) string {
	ws := words(name)
	if len(ws) > 1 && ws[0] == "the" {
		ws = ws[1:]
	}
	for org && len(ws) > 1 && corporateSuffixes[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// isAcronym reports whether a name is an acronym: two to six capital letters, with dots
// or "&" between them ("WTO", "U.N.", "AT&T").
func isAcronym(name string) bool {
	n := 0
	for _, r := range name {
		switch {
		case unicode.IsUpper(r):
			n++
		case r == '.' || r == '&':
		default:
			return false
		}
	}
	return n >= 2 && n <= 6
}

// acronymOf returns the letters of an acronym ("U.N." -> "UN").
func acronymOf(name string) string {
	var b strings.Builder
	for _, r := range name {
		if unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// initialsSkip are the small words of a name written in lower case ("Bank of England").
var initialsSkip = map[string]bool{"of": true, "for": true, "and": true, "the": true, "&": true, "de": true, "du": true, "des": true, "la": true, "le": true, "in": true, "on": true}

// slugOf makes the local part of a node's IRI from the words of its identity key: each
// word capitalised, words joined by "_" ("tony blair" -> "Tony_Blair"). upper says which
// words to write in capitals (acronyms).
func slugOf(key string, upper func(string) bool) string {
	var b strings.Builder
	for i, w := range strings.Fields(key) {
		if i > 0 {
			b.WriteByte('_')
		}
		if upper != nil && upper(w) {
			b.WriteString(strings.ToUpper(w))
			continue
		}
		if i > 0 && initialsSkip[w] {
			b.WriteString(w) // "Government_of_France"
			continue
		}
		// capitalise each part of a hyphenated word
		start := true
		for _, r := range w {
			if start && unicode.IsLetter(r) {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(r)
			}
			start = r == '-'
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}
