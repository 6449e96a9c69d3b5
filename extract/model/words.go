package model

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/extract/lexicon"
)

// wordInfo is what the models read of one word, computed once per sentence.
type wordInfo struct {
	word   uint64 // the word as written
	lower  uint64 // lower case, with typographic marks made plain
	shape  uint64 // Xxxx -> "Xx", "2,400" -> "d,d"
	pre    [3]uint64
	suf    [4]uint64
	flags  wordFlag
	lex    lexFlag
	gaz    uint8 // gazetteer place match: kind*3 + 1 (begin), +2 (inside), 0 none
	lowerS string
}

type wordFlag uint16

const (
	fCap wordFlag = 1 << iota
	fAllCaps
	fDigit
	fAllDigit
	fHyphen
	fPunct
	fInitial // first word of the sentence
	fLong    // more than 12 letters
	fApos
	fDot
)

type lexFlag uint32

const (
	lxWord      lexFlag = 1 << iota // a common English word, in lower case
	lxFirst                         // a first name
	lxSurname                       // a surname
	lxTitle                         // a role word ("minister", "coach")
	lxOrgWord                       // an organisation head word ("bank", "party")
	lxPlaceWord                     // a place head word ("airport", "park")
	lxDemonym                       // a nationality adjective
	lxTerm                          // a capitalised term that is no entity ("GDP")
	lxCountry                       // a country name
	lxRegion
	lxCity
	lxArea
	lxEvent    // an event noun
	lxLanguage // a language name
)

// Context is what the models' features read besides the words: kg's lexicon (gazetteers,
// first names and surnames, role words, the dictionary), whose lists become features.
type Context struct {
	Lexicon *lexicon.Lexicon
	mu      sync.RWMutex
	flags   map[string]lexFlag // a cache of lexOf: a dozen lookups a word otherwise
}

// maxCachedWords bounds the cache of lexicon flags.
const maxCachedWords = 1 << 18

func (cx *Context) lexFlags(w, lw string) lexFlag {
	cx.mu.RLock()
	f, ok := cx.flags[w]
	cx.mu.RUnlock()
	if ok {
		return f
	}
	f = lexOf(cx.Lexicon, w, lw)
	cx.mu.Lock()
	if cx.flags == nil {
		cx.flags = map[string]lexFlag{}
	}
	if len(cx.flags) < maxCachedWords {
		cx.flags[strings.Clone(w)] = f
	}
	cx.mu.Unlock()
	return f
}

// plain makes typographic marks plain, so that “ ” ’ – read as " " ' -.
func plain(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return plainer.Replace(s)
}

var plainer = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "„", "\"", "–", "-", "—", "--", "‐", "-", "‑", "-", "…", "...", "\u00a0", " ")

func shapeOf(s string) string {
	var b strings.Builder
	last := rune(0)
	n := 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			n++
			if n >= 2 {
				continue
			}
		} else {
			n = 0
		}
		last = c
		b.WriteRune(c)
	}
	return b.String()
}

// prepare computes the word information of a sentence.
func prepare(words []string, cx *Context, out []wordInfo) []wordInfo {
	var lx *lexicon.Lexicon
	if cx != nil {
		lx = cx.Lexicon
	}
	out = out[:0]
	for i, w := range words {
		p := plain(w)
		lw := strings.ToLower(p)
		wi := wordInfo{word: hashString(p), lower: hashString(lw), shape: hashString(shapeOf(p)), lowerS: lw}
		affixes(lw, &wi)
		wi.flags = flagsOf(p)
		if i == 0 {
			wi.flags |= fInitial
		}
		if lx != nil {
			wi.lex = cx.lexFlags(p, lw)
		}
		out = append(out, wi)
	}
	if lx != nil {
		markPlaces(words, lx, out)
	}
	return out
}

// affixes hashes the first one to three and the last one to four letters of lw, without
// allocating.
func affixes(lw string, wi *wordInfo) {
	var offs [64]int
	nr := 0
	for idx := range lw {
		if nr < len(offs) {
			offs[nr] = idx
		}
		nr++
	}
	if nr > len(offs) {
		r := []rune(lw)
		for k := 1; k <= 3; k++ {
			wi.pre[k-1] = hashString(string(r[:k]))
		}
		for k := 1; k <= 4; k++ {
			wi.suf[k-1] = hashString(string(r[len(r)-k:]))
		}
		return
	}
	for k := 1; k <= 3 && k <= nr; k++ {
		end := len(lw)
		if k < nr {
			end = offs[k]
		}
		wi.pre[k-1] = hashString(lw[:end])
	}
	for k := 1; k <= 4 && k <= nr; k++ {
		wi.suf[k-1] = hashString(lw[offs[nr-k]:])
	}
}

func flagsOf(w string) wordFlag {
	var f wordFlag
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		f |= fCap
	}
	letters, upper, digits, n := 0, 0, 0, 0
	for _, r := range w {
		n++
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.IsDigit(r):
			digits++
		case r == '-':
			f |= fHyphen
		case r == '\'':
			f |= fApos
		case r == '.':
			f |= fDot
		}
	}
	if letters >= 2 && upper == letters {
		f |= fAllCaps
	}
	if digits > 0 {
		f |= fDigit
		if digits == n {
			f |= fAllDigit
		}
	}
	if letters == 0 && digits == 0 {
		f |= fPunct
	}
	if letters > 12 {
		f |= fLong
	}
	return f
}

func lexOf(lx *lexicon.Lexicon, w, lw string) lexFlag {
	var f lexFlag
	if lx.IsWord(lw) {
		f |= lxWord
	}
	if lx.IsFirstName(w) {
		f |= lxFirst
	}
	if lx.IsSurname(w) {
		f |= lxSurname
	}
	if _, ok := lx.Title(lw); ok {
		f |= lxTitle
	}
	if lx.IsOrgWord(lw) {
		f |= lxOrgWord
	}
	if lx.IsPlaceWord(lw) {
		f |= lxPlaceWord
	}
	if _, ok := lx.Demonym(w); ok {
		f |= lxDemonym
	}
	if lx.IsTerm(w) {
		f |= lxTerm
	}
	if _, ok := lx.Event(lw); ok {
		f |= lxEvent
	}
	if lx.IsLanguage(w) {
		f |= lxLanguage
	}
	if p := lx.Place(w); p != nil {
		f |= placeFlag(p.Kind)
	}
	return f
}

func placeFlag(k lexicon.PlaceKind) lexFlag {
	switch k {
	case lexicon.Country:
		return lxCountry
	case lexicon.Region:
		return lxRegion
	case lexicon.City:
		return lxCity
	}
	return lxArea
}

// maxPlaceWords is the longest gazetteer name the models look for.
const maxPlaceWords = 4

// markPlaces marks the longest gazetteer places of two or more words ("New York",
// "United Arab Emirates") and single capitalised ones.
func markPlaces(words []string, lx *lexicon.Lexicon, out []wordInfo) {
	for i := 0; i < len(words); {
		found := 0
		var kind lexicon.PlaceKind
		r, _ := utf8.DecodeRuneInString(words[i])
		if unicode.IsUpper(r) {
			for n := min(maxPlaceWords, len(words)-i); n >= 1; n-- {
				if p := lx.Place(plain(strings.Join(words[i:i+n], " "))); p != nil {
					found, kind = n, p.Kind
					break
				}
			}
		}
		if found == 0 {
			i++
			continue
		}
		out[i].gaz = uint8(kind)*3 + 1
		for k := i + 1; k < i+found; k++ {
			out[k].gaz = uint8(kind)*3 + 2
		}
		i += found
	}
}

// TokenizeWords splits a plain sentence into words roughly as the treebanks do, keeping
// case: punctuation apart, clitics ("n't", "'s") apart. It serves tests and tools; kg's
// extractor has its own tokeniser.
func TokenizeWords(line string) []string {
	var out []string
	for _, f := range strings.Fields(line) {
		var tail []string
		for f != "" {
			r, size := utf8.DecodeRuneInString(f)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			out = append(out, f[:size])
			f = f[size:]
		}
		for f != "" {
			r, size := utf8.DecodeLastRuneInString(f)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			tail = append(tail, f[len(f)-size:])
			f = f[:len(f)-size]
		}
		if f != "" {
			low := strings.ToLower(plain(f))
			cut := len(f)
			for _, c := range []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"} {
				if strings.HasSuffix(low, c) && len(low) > len(c) {
					cut = len(f) - len(c)
					break
				}
			}
			out = append(out, f[:cut])
			if cut < len(f) {
				out = append(out, f[cut:])
			}
		}
		for i := len(tail) - 1; i >= 0; i-- {
			out = append(out, tail[i])
		}
	}
	return out
}
