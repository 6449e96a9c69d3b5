// Package lexicon holds the word lists kg's extractors read: gazetteers of countries,
// regions and cities, first names, common English words, role titles, relation verbs and
// word valence. The generated lists come from public data named in gen/SOURCES.md; the
// hand-written ones are general English and name no article's people or places.
//
// A Lexicon is built once from the embedded files and is read-only afterwards, so one value
// can serve any number of extractors at once.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed *.txt *.tsv
var files embed.FS

// PlaceKind tells what kind of place a gazetteer entry is.
type PlaceKind int

// Kinds of place, from the largest.
const (
	Area    PlaceKind = iota // a continent or world region
	Country                  // a sovereign country
	Region                   // a first-level subdivision: state, province, nation of the UK
	City                     // a city or capital
)

// Place is one gazetteer entry.
type Place struct {
	Name       string    // canonical name, e.g. "United States"
	Kind       PlaceKind // country, region, city or area
	Country    string    // ISO 3166-1 alpha-2 code of the country it is in, "" for areas
	Population int       // cities only; capitals of unknown size have 1
}

// TypeMask is a set of entity types a verb accepts as its object.
type TypeMask uint8

// Entity type bits of a TypeMask.
const (
	MaskPerson TypeMask = 1 << iota
	MaskOrg
	MaskPlace
	MaskEvent
	MaskAny = MaskPerson | MaskOrg | MaskPlace | MaskEvent
)

// Via is one way a verb's object follows it: directly (Prep == "") or after a preposition.
type Via struct {
	Prep string // "" for a direct object
	Keep bool   // the preposition becomes part of the predicate ("travelled_to")
}

// Verb is a relation verb.
type Verb struct {
	Lemma      string
	Past       string // simple past
	Participle string
	Via        []Via
	Objects    TypeMask
	Symmetric  bool // "A met B" says as much as "B met A"
	Critical   bool // the subject criticises the object
	Passive    bool // "B was <participle> by A" is read as "A <verb> B"
}

// Predicate returns the predicate name a fact gets from this verb when its object came
// through v: the past tense as a reader says it, with a kept preposition joined by "_".
func (vb *Verb) Predicate(v Via) string {
	if v.Keep && v.Prep != "" {
		return vb.Past + "_" + v.Prep
	}
	return vb.Past
}

// VerbForm is one inflected form of a verb.
type VerbForm struct {
	Verb *Verb
	Form Form
}

// Form is the inflection of a verb form.
type Form uint8

// Inflections.
const (
	Base Form = iota
	ThirdPerson
	PastForm
	ParticipleForm
	Gerund
)

// Phrase is a multiword verb phrase that states a relation ("pay tribute to").
type Phrase struct {
	Words     []string // lemma first, then the rest; the last word introduces the object
	Predicate string
	Objects   TypeMask
	Symmetric bool
	Critical  bool
}

// Lexicon is the read-only set of word lists.
type Lexicon struct {
	words      map[string]bool
	firstNames map[string]bool
	genders    map[string]byte // first name -> 'm' or 'f', for names of one gender only
	surnames   map[string]bool
	places     map[string]*Place // by exact surface form
	ambiguous  map[string]*Place // cities whose names are also common words or first names
	languages  map[string]bool
	terms      map[string]bool
	demonyms   map[string]string // "Russian" -> "Russia"
	countries  map[string]string // ISO code -> canonical name
	titles     map[string]string // lower-case role word or phrase -> head word
	titleStart map[string]bool   // first words of the multiword titles
	maxTitle   int               // words in the longest multiword title
	modifiers  map[string]bool
	orgWords   map[string]bool
	placeWords map[string]bool
	events     map[string]EventNoun
	speech     map[string]string // any inflected form -> lemma
	verbs      map[string][]VerbForm
	phrases    map[string][]*Phrase // by lemma of the first word
	phraseVerb map[string]string    // any inflected form of a phrase's first word -> lemma
	valence    map[string]int
	nouns      map[string][]NounRelation // relational nouns: "takeover" -> of: took_over
	wnverbs    map[string]WNVerb         // WordNet verb lemmas
	lemmas     map[string]string         // WordNet verb lemma -> itself (interned)
	pasts      map[string]string         // verb lemma -> simple past
	verbExc    map[string]string         // irregular verb form -> lemma
	irregPast  map[string]string         // lemma -> irregular simple past
}

// WNVerb is what WordNet says of a verb lemma.
type WNVerb struct {
	Person, Thing, Dative, Clause bool // its frequent senses take somebody, something, "to somebody", a clause
	Freq                          int  // SemCor tag count
}

// NounRelation is the relation a noun states with the entity after its preposition:
// "takeover of Y" -> took_over Y.
type NounRelation struct {
	Prep, Predicate string
	Symmetric       bool
}

// EventNoun describes a noun that names an occurrence.
type EventNoun struct {
	Kind string // "meeting", "election", ...
	Rank int    // 0 for the most specific noun of its kind
}

var (
	once     sync.Once
	shared   *Lexicon
	errShare error
)

// Default returns the lexicon built from the embedded files. It is built on first use and
// shared afterwards; it panics only if the embedded files are malformed, which a test catches.
func Default() *Lexicon {
	once.Do(func() { shared, errShare = Load() })
	if errShare != nil {
		panic(errShare)
	}
	return shared
}

// Load parses the embedded files into a new Lexicon.
func Load() (*Lexicon, error) {
	lx := &Lexicon{
		words: map[string]bool{}, firstNames: map[string]bool{}, genders: map[string]byte{}, surnames: map[string]bool{}, places: map[string]*Place{},
		ambiguous: map[string]*Place{}, languages: map[string]bool{}, terms: map[string]bool{},
		demonyms: map[string]string{}, countries: map[string]string{}, titles: map[string]string{}, titleStart: map[string]bool{}, modifiers: map[string]bool{},
		orgWords: map[string]bool{}, placeWords: map[string]bool{}, events: map[string]EventNoun{},
		speech: map[string]string{}, verbs: map[string][]VerbForm{}, phrases: map[string][]*Phrase{},
		phraseVerb: map[string]string{}, nouns: map[string][]NounRelation{},
		valence: map[string]int{}, wnverbs: map[string]WNVerb{}, lemmas: map[string]string{}, pasts: map[string]string{}, verbExc: map[string]string{}, irregPast: map[string]string{},
	}
	steps := []struct {
		file string
		fn   func([]string) error
	}{
		{"words.txt", func(f []string) error { lx.words[f[0]] = true; return nil }},
		{"firstnames.txt", func(f []string) error { lx.firstNames[f[0]] = true; return nil }},
		{"firstgender.tsv", func(f []string) error {
			if len(f) < 2 || f[1] != "m" && f[1] != "f" {
				return fmt.Errorf("want a name and m or f, got %q", f)
			}
			lx.genders[f[0]] = f[1][0]
			return nil
		}},
		{"surnames.txt", func(f []string) error { lx.surnames[f[0]] = true; return nil }},
		{"countries.tsv", lx.addCountry},
		{"regions.tsv", lx.addRegion},
		{"cities.tsv", lx.addCity},
		{"places.tsv", lx.addArea},
		{"languages.txt", func(f []string) error { lx.languages[f[0]] = true; return nil }},
		{"terms.txt", func(f []string) error { lx.terms[f[0]] = true; return nil }},
		{"demonyms.txt", func(f []string) error {
			if _, ok := lx.demonyms[f[0]]; !ok {
				lx.demonyms[f[0]] = ""
			}
			return nil
		}},
		{"titles.txt", lx.addTitle},
		{"modifiers.txt", func(f []string) error { lx.modifiers[f[0]] = true; return nil }},
		{"orgwords.txt", func(f []string) error { lx.orgWords[f[0]] = true; return nil }},
		{"placewords.txt", func(f []string) error { lx.placeWords[f[0]] = true; return nil }},
		{"events.txt", lx.addEvents},
		{"speech.txt", lx.addSpeech},
		{"verbs.tsv", lx.addVerb},
		{"phrases.tsv", lx.addPhrase},
		{"valence.tsv", lx.addValence},
		{"nouns.tsv", lx.addNoun},
		{"wnverbs.tsv", lx.addWNVerb},
		{"verbexc.tsv", func(f []string) error {
			if len(f) == 2 {
				lx.verbExc[f[0]] = f[1]
			}
			return nil
		}},
	}
	for _, s := range steps {
		if err := readLines(s.file, s.fn); err != nil {
			return nil, err
		}
	}
	// the simple past of irregular verbs: of WordNet's irregular forms of a lemma, the one
	// that does not end like a participle ("went", not "gone")
	for form, lemma := range lx.verbExc {
		if strings.HasSuffix(form, "ing") || strings.HasSuffix(form, "s") && !strings.HasSuffix(form, "ss") {
			continue
		}
		prev, ok := lx.irregPast[lemma]
		participle := strings.HasSuffix(form, "en") || strings.HasSuffix(form, "wn") || strings.HasSuffix(form, "ne")
		if !ok || strings.HasSuffix(prev, "en") || strings.HasSuffix(prev, "wn") || strings.HasSuffix(prev, "ne") && !participle || !participle && form < prev {
			lx.irregPast[lemma] = form
		}
	}
	for l := range lx.wnverbs {
		lx.lemmas[l] = l
		lx.pasts[l] = lx.computePast(l)
	}
	return lx, nil
}

func readLines(name string, fn func([]string) error) error {
	f, err := files.Open(name)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, "\t")
		if err := fn(fields); err != nil {
			return fmt.Errorf("lexicon %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func field(f []string, i int) string {
	if i < len(f) {
		return strings.TrimSpace(f[i])
	}
	return ""
}

func (lx *Lexicon) addPlace(surface string, p *Place) {
	if surface == "" {
		return
	}
	if old, ok := lx.places[surface]; ok && old.Kind <= p.Kind {
		return // a country wins over a city of the same name, a region over a city
	}
	lx.places[surface] = p
}

func (lx *Lexicon) addCountry(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("want code, name, aliases, demonyms")
	}
	p := &Place{Name: f[1], Kind: Country, Country: f[0]}
	lx.addPlace(p.Name, p)
	lx.countries[f[0]] = f[1]
	for _, a := range strings.Split(field(f, 2), "|") {
		lx.addPlace(a, p)
	}
	for _, d := range strings.Split(field(f, 3), "|") {
		if d != "" {
			if _, ok := lx.demonyms[d]; !ok {
				lx.demonyms[d] = p.Name
			}
		}
	}
	return nil
}

func (lx *Lexicon) addRegion(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("want name, country")
	}
	lx.addPlace(f[0], &Place{Name: f[0], Kind: Region, Country: f[1]})
	return nil
}

func (lx *Lexicon) addCity(f []string) error {
	if len(f) < 3 {
		return fmt.Errorf("want name, country, population")
	}
	pop, err := strconv.Atoi(f[2])
	if err != nil {
		return err
	}
	name := f[0]
	// A city that is also a common word ("Reading", "Split") or a first name is only taken
	// when it is very large; otherwise context has to say it is a place.
	if pop < 1000000 && (lx.words[strings.ToLower(name)] || lx.firstNames[name]) {
		if _, ok := lx.ambiguous[name]; !ok {
			lx.ambiguous[name] = &Place{Name: name, Kind: City, Country: f[1], Population: pop}
		}
		return nil
	}
	lx.addPlace(name, &Place{Name: name, Kind: City, Country: f[1], Population: pop})
	return nil
}

func (lx *Lexicon) addArea(f []string) error {
	name := f[0]
	p := lx.places[name]
	if p == nil || p.Kind != Country {
		p = &Place{Name: name, Kind: Area}
		lx.places[name] = p
	}
	for _, a := range strings.Split(field(f, 1), "|") {
		if a != "" {
			lx.places[a] = p
		}
	}
	return nil
}

func (lx *Lexicon) addTitle(f []string) error {
	line := f[0]
	head := line
	if i := strings.Index(line, " = "); i >= 0 {
		line, head = line[:i], line[i+3:]
	}
	lx.titles[line] = head
	words := strings.Fields(line)
	if len(words) > 1 {
		lx.titleStart[words[0]] = true
	}
	if n := len(words); n > lx.maxTitle {
		lx.maxTitle = n
	}
	return nil
}

func (lx *Lexicon) addEvents(f []string) error {
	kind, nouns, ok := strings.Cut(f[0], ":")
	if !ok {
		return fmt.Errorf("want kind: nouns")
	}
	for i, n := range strings.Fields(nouns) {
		if _, dup := lx.events[n]; !dup {
			lx.events[n] = EventNoun{Kind: kind, Rank: i}
		}
	}
	return nil
}

func (lx *Lexicon) addSpeech(f []string) error {
	lemma := f[0]
	ir := irregular[lemma]
	for _, form := range inflect(lemma, ir[0], ir[1]) {
		lx.speech[form] = lemma
	}
	return nil
}

func (lx *Lexicon) addVerb(f []string) error {
	if len(f) < 4 {
		return fmt.Errorf("want lemma, past, via, objects, flags")
	}
	v := &Verb{Lemma: f[0]}
	past, part := "", ""
	if f[1] != "-" {
		p, pp, ok := strings.Cut(f[1], "/")
		if !ok {
			return fmt.Errorf("past %q: want past/participle", f[1])
		}
		past, part = p, pp
	}
	forms := inflect(v.Lemma, past, part)
	v.Past, v.Participle = forms[PastForm], forms[ParticipleForm]
	for _, via := range strings.Split(f[2], ",") {
		switch {
		case via == "_":
			v.Via = append(v.Via, Via{})
		case strings.HasPrefix(via, "!"):
			v.Via = append(v.Via, Via{Prep: via[1:]})
		default:
			v.Via = append(v.Via, Via{Prep: via, Keep: true})
		}
	}
	v.Objects = parseMask(f[3])
	for _, fl := range strings.Split(field(f, 4), ",") {
		switch fl {
		case "sym":
			v.Symmetric = true
		case "crit":
			v.Critical = true
		case "pass":
			v.Passive = true
		case "":
		default:
			return fmt.Errorf("unknown flag %q", fl)
		}
	}
	for form, s := range forms {
		lx.verbs[s] = appendForm(lx.verbs[s], VerbForm{Verb: v, Form: Form(form)})
	}
	return nil
}

func appendForm(list []VerbForm, vf VerbForm) []VerbForm {
	for _, x := range list {
		if x.Verb.Lemma == vf.Verb.Lemma && x.Form == vf.Form && viaEqual(x.Verb.Via, vf.Verb.Via) {
			return list
		}
	}
	return append(list, vf)
}

func viaEqual(a, b []Via) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (lx *Lexicon) addPhrase(f []string) error {
	if len(f) < 3 {
		return fmt.Errorf("want words, predicate, objects, flags")
	}
	p := &Phrase{Words: strings.Fields(f[0]), Predicate: f[1], Objects: parseMask(f[2])}
	for _, fl := range strings.Split(field(f, 3), ",") {
		switch fl {
		case "sym":
			p.Symmetric = true
		case "crit":
			p.Critical = true
		}
	}
	lemma := p.Words[0]
	lx.phrases[lemma] = append(lx.phrases[lemma], p)
	ir := irregular[lemma]
	for _, form := range inflect(lemma, ir[0], ir[1]) {
		lx.phraseVerb[form] = lemma
	}
	return nil
}

func (lx *Lexicon) addNoun(f []string) error {
	if len(f) < 3 {
		return fmt.Errorf("want noun, preposition, predicate, flags")
	}
	nr := NounRelation{Prep: f[1], Predicate: f[2], Symmetric: field(f, 3) == "sym"}
	lx.nouns[f[0]] = append(lx.nouns[f[0]], nr)
	return nil
}

// NounRelations returns the relations a noun states, one per preposition.
func (lx *Lexicon) NounRelations(noun string) []NounRelation { return lx.nouns[noun] }

func (lx *Lexicon) addValence(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("want word, valence")
	}
	v, err := strconv.Atoi(f[1])
	if err != nil {
		return err
	}
	lx.valence[f[0]] = v
	return nil
}

func (lx *Lexicon) addWNVerb(f []string) error {
	if len(f) < 3 {
		return fmt.Errorf("want lemma, frames, frequency")
	}
	n, err := strconv.Atoi(f[2])
	if err != nil {
		return err
	}
	lx.wnverbs[f[0]] = WNVerb{
		Person: strings.Contains(f[1], "P"), Thing: strings.Contains(f[1], "T"),
		Dative: strings.Contains(f[1], "D"), Clause: strings.Contains(f[1], "C"), Freq: n,
	}
	return nil
}

// AnalyzeVerb reads a lower-case word as a form of a WordNet verb: its lemma, which form
// it is, and what WordNet says of the verb. Forms shared with nouns ("plans", "talks")
// are returned too; the caller decides from the context.
func (lx *Lexicon) AnalyzeVerb(w string) (lemma string, form Form, info WNVerb, ok bool) {
	if l, ok := lx.verbExc[w]; ok {
		if v, ok := lx.wnverbs[l]; ok {
			f := PastForm
			if strings.HasSuffix(w, "ing") {
				f = Gerund
			}
			return l, f, v, true
		}
	}
	try := func(stem, suffix string, f Form) bool {
		if l, v, ok := lx.lookupVerb(stem, suffix); ok {
			lemma, form, info = l, f, v
			return true
		}
		return false
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ing"):
		s := w[:n-3]
		if try(s, "", Gerund) || try(s, "e", Gerund) || len(s) > 2 && s[len(s)-1] == s[len(s)-2] && try(s[:len(s)-1], "", Gerund) {
			return lemma, form, info, true
		}
	case n > 4 && strings.HasSuffix(w, "ied"):
		if try(w[:n-3], "y", PastForm) {
			return lemma, form, info, true
		}
	case n > 3 && strings.HasSuffix(w, "ed"):
		s := w[:n-2]
		if try(s, "", PastForm) || try(s, "e", PastForm) || len(s) > 2 && s[len(s)-1] == s[len(s)-2] && try(s[:len(s)-1], "", PastForm) {
			return lemma, form, info, true
		}
	case n > 4 && strings.HasSuffix(w, "ies"):
		if try(w[:n-3], "y", ThirdPerson) {
			return lemma, form, info, true
		}
	case n > 3 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w[:n-2], "s") || strings.HasSuffix(w[:n-2], "x") ||
		strings.HasSuffix(w[:n-2], "z") || strings.HasSuffix(w[:n-2], "ch") || strings.HasSuffix(w[:n-2], "sh") ||
		strings.HasSuffix(w[:n-2], "o")) && try(w[:n-2], "", ThirdPerson):
		return lemma, form, info, true
	case n > 2 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		if try(w[:n-1], "", ThirdPerson) {
			return lemma, form, info, true
		}
	}
	if v, ok := lx.wnverbs[w]; ok {
		return w, Base, v, true
	}
	return "", 0, WNVerb{}, false
}

// lookupVerb looks up the lemma stem+suffix without building the string: a map index by
// string(buf) of a stack buffer does not allocate, and the lemma returned is the lexicon's
// own copy.
func (lx *Lexicon) lookupVerb(stem, suffix string) (string, WNVerb, bool) {
	var buf [48]byte
	if len(stem)+len(suffix) > len(buf) {
		return "", WNVerb{}, false
	}
	n := copy(buf[:], stem)
	n += copy(buf[n:], suffix)
	v, ok := lx.wnverbs[string(buf[:n])]
	if !ok {
		return "", WNVerb{}, false
	}
	return lx.lemmas[string(buf[:n])], v, true
}

// Past returns the simple past of a verb lemma: the lexicon's own forms, WordNet's
// irregular ones, else the regular -ed.
func (lx *Lexicon) Past(lemma string) string {
	if p, ok := lx.pasts[lemma]; ok {
		return p
	}
	return lx.computePast(lemma)
}

func (lx *Lexicon) computePast(lemma string) string {
	if ir, ok := irregular[lemma]; ok {
		return ir[0]
	}
	// a doubled final consonant WordNet lists ("expelled", "travelled")
	if n := len(lemma); n > 2 {
		if d := lemma + lemma[n-1:] + "ed"; lx.verbExc[d] == lemma {
			return d
		}
	}
	return inflect(lemma, "", "")[PastForm]
}

func parseMask(s string) TypeMask {
	var m TypeMask
	for _, c := range s {
		switch c {
		case 'P':
			m |= MaskPerson
		case 'O':
			m |= MaskOrg
		case 'L':
			m |= MaskPlace
		case 'E':
			m |= MaskEvent
		case '*':
			m |= MaskAny
		}
	}
	return m
}

// inflect returns the five forms of a verb, indexed by Form. past and part override the
// regular -ed forms when they are not empty.
func inflect(lemma, past, part string) [5]string {
	var f [5]string
	f[Base] = lemma
	n := len(lemma)
	last := lemma[n-1]
	consY := n > 1 && last == 'y' && !strings.ContainsRune("aeiou", rune(lemma[n-2]))
	switch {
	case strings.HasSuffix(lemma, "s"), strings.HasSuffix(lemma, "x"), strings.HasSuffix(lemma, "z"),
		strings.HasSuffix(lemma, "ch"), strings.HasSuffix(lemma, "sh"), lemma == "go", lemma == "echo", lemma == "veto":
		f[ThirdPerson] = lemma + "es"
	case consY:
		f[ThirdPerson] = lemma[:n-1] + "ies"
	default:
		f[ThirdPerson] = lemma + "s"
	}
	regular := ""
	switch {
	case last == 'e':
		regular = lemma + "d"
	case consY:
		regular = lemma[:n-1] + "ied"
	default:
		regular = lemma + "ed"
	}
	f[PastForm], f[ParticipleForm] = regular, regular
	if past != "" {
		f[PastForm] = past
	}
	if part != "" {
		f[ParticipleForm] = part
	}
	stem := lemma
	switch {
	case strings.HasSuffix(lemma, "ie"):
		stem = lemma[:n-2] + "y"
	case last == 'e' && n > 2 && !strings.HasSuffix(lemma, "ee") && !strings.HasSuffix(lemma, "ye") && !strings.HasSuffix(lemma, "oe"):
		stem = lemma[:n-1]
	}
	// a doubled consonant in the given past ("slammed") doubles in the gerund too
	if past != "" && len(past) == n+3 && past[n] == last && strings.HasSuffix(past, "ed") {
		stem = lemma + string(last)
	}
	f[Gerund] = stem + "ing"
	return f
}

// IsWord reports whether w (lower case) is a common English word.
func (lx *Lexicon) IsWord(w string) bool { return lx.words[w] }

// Gender returns 'm' or 'f' for a first name given to one gender only ("Nancy" f), and 0
// for any other word ("Robin", given to both).
func (lx *Lexicon) Gender(first string) byte { return lx.genders[first] }

// IsFirstName reports whether s (capitalised, e.g. "Maria") is a known first name.
func (lx *Lexicon) IsFirstName(s string) bool { return lx.firstNames[s] }

// IsSurname reports whether s (capitalised) is a known surname.
func (lx *Lexicon) IsSurname(s string) bool { return lx.surnames[s] }

// Place returns the gazetteer entry for an exact surface form, or nil.
func (lx *Lexicon) Place(s string) *Place { return lx.places[s] }

// AmbiguousPlace returns a city whose name is also a common word or a first name
// ("Reading", "Florence"), for use where the context says a place is meant.
func (lx *Lexicon) AmbiguousPlace(s string) *Place { return lx.ambiguous[s] }

// IsTerm reports whether a capitalised word is a common term that is not an entity
// ("GDP", "MP3", "Euro").
func (lx *Lexicon) IsTerm(s string) bool { return lx.terms[s] }

// IsLanguage reports whether a capitalised word names a language ("English").
func (lx *Lexicon) IsLanguage(s string) bool { return lx.languages[s] }

// Demonym returns the country a nationality adjective belongs to ("Russian" -> "Russia");
// regional adjectives ("European") are demonyms of no country ("").
func (lx *Lexicon) Demonym(s string) (string, bool) {
	c, ok := lx.demonyms[s]
	return c, ok
}

// CountryName returns the canonical name of the country with an ISO 3166-1 alpha-2 code
// ("GB" -> "United Kingdom"), or "".
func (lx *Lexicon) CountryName(code string) string { return lx.countries[code] }

// Title returns the head of a role word or multiword title given in lower case
// ("prime minister" -> "minister").
func (lx *Lexicon) Title(s string) (string, bool) {
	h, ok := lx.titles[s]
	return h, ok
}

// StartsTitle reports whether a lower-case word is the first word of a multiword title
// ("prime" of "prime minister").
func (lx *Lexicon) StartsTitle(w string) bool { return lx.titleStart[w] }

// MaxTitleWords is the number of words in the longest multiword title.
func (lx *Lexicon) MaxTitleWords() int { return lx.maxTitle }

// IsModifier reports whether a lower-case word can modify a role ("former", "foreign").
func (lx *Lexicon) IsModifier(s string) bool { return lx.modifiers[s] }

// IsOrgWord reports whether a lower-case word marks an organisation name ("bank", "ltd").
func (lx *Lexicon) IsOrgWord(s string) bool { return lx.orgWords[s] }

// IsPlaceWord reports whether a lower-case word marks a place or facility name ("airport").
func (lx *Lexicon) IsPlaceWord(s string) bool { return lx.placeWords[s] }

// Event returns what a lower-case noun says about an occurrence, if it names one.
func (lx *Lexicon) Event(s string) (EventNoun, bool) {
	e, ok := lx.events[s]
	return e, ok
}

// Speech returns the lemma of a speech verb form ("said" -> "say").
func (lx *Lexicon) Speech(s string) (string, bool) {
	l, ok := lx.speech[s]
	return l, ok
}

// Verbs returns the relation verbs a lower-case word form can be.
func (lx *Lexicon) Verbs(s string) []VerbForm { return lx.verbs[s] }

// Phrases returns the multiword phrases whose first word has the given lemma.
func (lx *Lexicon) Phrases(lemma string) []*Phrase { return lx.phrases[lemma] }

// Valence returns the AFINN valence of a lower-case word, 0 when it has none.
func (lx *Lexicon) Valence(s string) int { return lx.valence[s] }

// irregular holds the past and participle of the common irregular verbs of English, and
// of verbs that double their last consonant.
var irregular = map[string][2]string{
	"admit": {"admitted", "admitted"}, "arise": {"arose", "arisen"}, "awake": {"awoke", "awoken"},
	"be": {"was", "been"}, "bear": {"bore", "borne"}, "beat": {"beat", "beaten"},
	"become": {"became", "become"}, "begin": {"began", "begun"}, "bend": {"bent", "bent"},
	"bet": {"bet", "bet"}, "bid": {"bid", "bid"}, "bind": {"bound", "bound"},
	"bite": {"bit", "bitten"}, "bleed": {"bled", "bled"}, "blow": {"blew", "blown"},
	"blurt": {"blurted", "blurted"}, "break": {"broke", "broken"}, "breed": {"bred", "bred"},
	"bring": {"brought", "brought"}, "build": {"built", "built"}, "burst": {"burst", "burst"},
	"buy": {"bought", "bought"}, "cast": {"cast", "cast"}, "catch": {"caught", "caught"},
	"choose": {"chose", "chosen"}, "cling": {"clung", "clung"}, "come": {"came", "come"},
	"cost": {"cost", "cost"}, "creep": {"crept", "crept"}, "cut": {"cut", "cut"},
	"deal": {"dealt", "dealt"}, "dig": {"dug", "dug"}, "do": {"did", "done"},
	"draw": {"drew", "drawn"}, "drink": {"drank", "drunk"}, "drive": {"drove", "driven"},
	"dub": {"dubbed", "dubbed"}, "eat": {"ate", "eaten"}, "fall": {"fell", "fallen"},
	"feed": {"fed", "fed"}, "feel": {"felt", "felt"}, "fight": {"fought", "fought"},
	"find": {"found", "found"}, "flee": {"fled", "fled"}, "fling": {"flung", "flung"},
	"fly": {"flew", "flown"}, "forbid": {"forbade", "forbidden"}, "forecast": {"forecast", "forecast"},
	"forget": {"forgot", "forgotten"}, "forgive": {"forgave", "forgiven"}, "freeze": {"froze", "frozen"},
	"get": {"got", "got"}, "give": {"gave", "given"}, "go": {"went", "gone"},
	"grind": {"ground", "ground"}, "grow": {"grew", "grown"}, "hang": {"hung", "hung"},
	"have": {"had", "had"}, "hear": {"heard", "heard"}, "hide": {"hid", "hidden"},
	"hit": {"hit", "hit"}, "hold": {"held", "held"}, "hurt": {"hurt", "hurt"},
	"keep": {"kept", "kept"}, "kneel": {"knelt", "knelt"}, "know": {"knew", "known"},
	"label": {"labelled", "labelled"}, "lay": {"laid", "laid"}, "lead": {"led", "led"},
	"leap": {"leapt", "leapt"}, "leave": {"left", "left"}, "lend": {"lent", "lent"},
	"let": {"let", "let"}, "lie": {"lay", "lain"}, "light": {"lit", "lit"},
	"lose": {"lost", "lost"}, "make": {"made", "made"}, "mean": {"meant", "meant"},
	"meet": {"met", "met"}, "mislead": {"misled", "misled"}, "overcome": {"overcame", "overcome"},
	"overtake": {"overtook", "overtaken"}, "overthrow": {"overthrew", "overthrown"}, "pay": {"paid", "paid"},
	"plead": {"pleaded", "pleaded"}, "pour": {"poured", "poured"}, "put": {"put", "put"},
	"quip": {"quipped", "quipped"}, "quit": {"quit", "quit"}, "rebut": {"rebutted", "rebutted"},
	"retort": {"retorted", "retorted"}, "ride": {"rode", "ridden"}, "ring": {"rang", "rung"},
	"rise": {"rose", "risen"}, "run": {"ran", "run"}, "say": {"said", "said"},
	"see": {"saw", "seen"}, "seek": {"sought", "sought"}, "sell": {"sold", "sold"},
	"send": {"sent", "sent"}, "set": {"set", "set"}, "shake": {"shook", "shaken"},
	"shed": {"shed", "shed"}, "shine": {"shone", "shone"}, "shoot": {"shot", "shot"},
	"show": {"showed", "shown"}, "shrink": {"shrank", "shrunk"}, "shut": {"shut", "shut"},
	"sing": {"sang", "sung"}, "sink": {"sank", "sunk"}, "sit": {"sat", "sat"},
	"slam": {"slammed", "slammed"}, "sleep": {"slept", "slept"}, "slide": {"slid", "slid"},
	"speak": {"spoke", "spoken"}, "spend": {"spent", "spent"}, "spin": {"spun", "spun"},
	"split": {"split", "split"}, "spread": {"spread", "spread"}, "spring": {"sprang", "sprung"},
	"stand": {"stood", "stood"}, "steal": {"stole", "stolen"}, "stick": {"stuck", "stuck"},
	"sting": {"stung", "stung"}, "strike": {"struck", "struck"}, "strive": {"strove", "striven"},
	"swear": {"swore", "sworn"}, "sweep": {"swept", "swept"}, "swim": {"swam", "swum"},
	"swing": {"swung", "swung"}, "take": {"took", "taken"}, "teach": {"taught", "taught"},
	"tear": {"tore", "torn"}, "tell": {"told", "told"}, "think": {"thought", "thought"},
	"throw": {"threw", "thrown"}, "tout": {"touted", "touted"}, "undergo": {"underwent", "undergone"},
	"understand": {"understood", "understood"}, "undertake": {"undertook", "undertaken"}, "uphold": {"upheld", "upheld"},
	"upset": {"upset", "upset"}, "vow": {"vowed", "vowed"}, "wake": {"woke", "woken"},
	"wear": {"wore", "worn"}, "weep": {"wept", "wept"}, "win": {"won", "won"},
	"wind": {"wound", "wound"}, "withdraw": {"withdrew", "withdrawn"}, "withhold": {"withheld", "withheld"},
	"withstand": {"withstood", "withstood"}, "write": {"wrote", "written"},
}

// PhraseLemma returns the lemma of a word form that opens a multiword phrase, or "".
func (lx *Lexicon) PhraseLemma(s string) string { return lx.phraseVerb[s] }

// USSpelling returns a predicate with its verb in the American spelling when the verb is
// one of the English pairs spelt -ise/-ize or -yse/-yze ("criticised_for" ->
// "criticized_for"), so that one relation has one predicate whichever spelling the article
// uses; any other predicate comes back unchanged.
func (lx *Lexicon) USSpelling(pred string) string {
	head, rest := pred, ""
	if i := strings.IndexByte(pred, '_'); i >= 0 {
		head, rest = pred[:i], pred[i:]
	}
	for _, suf := range []string{"ised", "ises", "ising", "ise", "ysed", "yses", "ysing", "yse"} {
		if !strings.HasSuffix(head, suf) {
			continue
		}
		stem := head[:len(head)-len(suf)]
		z := strings.Replace(suf, "s", "z", 1)
		lemma := stem + suf[:1] + "se"
		if _, ok := lx.wnverbs[lemma]; !ok {
			return pred
		}
		if _, ok := lx.wnverbs[stem+suf[:1]+"ze"]; !ok {
			return pred
		}
		return stem + z + rest
	}
	return pred
}

// Inflect returns the five forms of a regular verb (base, -s, past, participle, -ing).
func Inflect(lemma string) [5]string { return inflect(lemma, "", "") }
