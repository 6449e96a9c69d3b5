// Package eval scores kg's extraction against gold annotations, by the same rules as the
// reference scorer (shared/eval/score.py): entities matched by name and aliases, relations
// by subject, object and verb lemma, quotations by token overlap and speaker, and page
// junk that must yield nothing. Gold files follow GOLD_FORMAT.md; the gold annotations of
// the sample corpus and of a BBC development set live under gold/.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kg-news/kg/graph"
)

// Gold is the annotation of one article.
type Gold struct {
	Doc       string         `json:"doc"`
	Entities  []GoldEntity   `json:"entities"`
	Relations []GoldRelation `json:"relations"`
	Quotes    []GoldQuote    `json:"quotes"`
	Noise     []string       `json:"noise"`
}

// GoldEntity is an annotated entity.
type GoldEntity struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

// GoldRelation is an annotated relation.
type GoldRelation struct {
	S         string   `json:"s"`
	P         []string `json:"p"`
	O         string   `json:"o"`
	Symmetric bool     `json:"symmetric"`
	Optional  bool     `json:"optional"`
	Evidence  string   `json:"evidence"`
}

// GoldQuote is an annotated quotation.
type GoldQuote struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
}

// LoadGold reads every *.json gold file of dir, keyed by article id.
func LoadGold(dir string) (map[string]*Gold, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no gold files (*.json) in %s", dir)
	}
	out := map[string]*Gold{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var g Gold
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("gold file %s: %w", f, err)
		}
		id := g.Doc
		if id == "" {
			id = strings.TrimSuffix(filepath.Base(f), ".json")
		}
		out[docOf(id)] = &g
	}
	return out, nil
}

// Prediction is what kg extracted, in its listing shapes.
type Prediction struct {
	Entities []graph.EntityRow
	Facts    []graph.FactRow
	Quotes   []graph.QuoteRow
}

// PRF is precision, recall and F1.
type PRF struct {
	P, R, F float64
}

func prf(tp, fp, fn int) PRF {
	var p, r float64
	switch {
	case tp+fp > 0:
		p = float64(tp) / float64(tp+fp)
	case fn == 0:
		p = 1
	}
	r = 1
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{p, r, f}
}

// DocScore is the score of one article.
type DocScore struct {
	Doc                        string
	Ent, Rel, Quo              PRF
	EntTP, EntFP, EntFN        int
	Duplicates, TypeOK         int
	RelTP, RelFP, RelFN        int
	QuoTP, QuoFP, QuoFN        int
	Noise                      int
	MissedEntities             []string
	WrongEntities              []string
	MissedRelations, WrongRels []string
	MissedQuotes, WrongQuotes  []string
	// RuleHits and RuleWrong count, per rule that stated them (kg:rule), the article's
	// facts that match a gold relation and those that match none; a modality counts as a
	// rule "modality:<kind>".
	RuleHits, RuleWrong map[string]int
	// QuoteRuleHits and QuoteRuleWrong count the article's quotations by the sieve that
	// found their speaker.
	QuoteRuleHits, QuoteRuleWrong map[string]int
	// WrongOffGold counts the wrong relations with an end that is no gold entity, and
	// WrongOtherVerb those between two entities the gold relates with another verb.
	WrongOffGold, WrongOtherVerb int
}

// RuleScore is how the facts one rule stated scored: hits match a gold relation, wrong
// ones match none.
type RuleScore struct {
	Rule        string
	Hits, Wrong int
	Precision   float64
}

// Total sums the scores of all articles.
type Total struct {
	Ent, Rel, Quo  PRF
	Duplicates     int
	TypeAccuracy   float64
	Noise          int
	Rules          []RuleScore // per rule, the most facts first
	QuoteRules     []RuleScore // per quotation sieve, the most quotations first
	RelFP          int         // wrong relations
	RelFPOffGold   int         // ... of them with an end that is no gold entity
	RelFPOtherVerb int         // ... between two entities the gold relates with another verb
}

// Report is the score of a set of articles.
type Report struct {
	Docs  []DocScore
	Total Total
}

var scoredTypes = map[string]bool{"Person": true, "Organization": true, "Place": true, "Event": true}

var typeMap = map[string]string{
	"person": "Person", "per": "Person", "people": "Person", "human": "Person",
	"organization": "Organization", "organisation": "Organization", "org": "Organization",
	"company": "Organization", "agency": "Organization", "media": "Organization",
	"place": "Place", "location": "Place", "loc": "Place", "gpe": "Place", "fac": "Place",
	"facility": "Place", "country": "Place", "city": "Place", "region": "Place",
	"event": "Event",
}

func canonType(t string) string {
	t = strings.ToLower(t)
	for _, sep := range []string{"/", "#", ":"} {
		if i := strings.LastIndex(t, sep); i >= 0 {
			t = t[i+1:]
		}
	}
	return typeMap[t]
}

var irregular = map[string]string{
	"met": "meet", "meets": "meet", "told": "tell", "said": "say", "says": "say", "spoke": "speak",
	"took": "take", "gave": "give", "held": "hold", "led": "lead", "brought": "bring", "made": "make",
	"left": "leave", "went": "go", "came": "come", "ran": "run", "sought": "seek", "thought": "think",
	"won": "win", "got": "get", "began": "begin", "stood": "stand", "flew": "fly", "rode": "ride",
	"shook": "shake", "wrote": "write", "chose": "choose", "saw": "see", "knew": "know", "felt": "feel",
	"kept": "keep", "sent": "send", "spent": "spend", "built": "build", "struck": "strike",
	"fought": "fight", "sat": "sit", "lost": "lose", "paid": "pay", "sold": "sell", "bought": "buy",
	"caught": "catch", "taught": "teach", "drove": "drive", "forgot": "forget", "hid": "hide",
	"swore": "swear", "wore": "wear", "broke": "break", "stole": "steal",
	"arose": "arise", "became": "become", "withdrew": "withdraw", "overtook": "overtake",
	"undertook": "undertake", "upheld": "uphold", "beat": "beat", "put": "put", "set": "set",
	"cut": "cut", "hit": "hit", "let": "let", "quit": "quit", "read": "read", "shut": "shut",
	"has": "have", "had": "have", "is": "be", "was": "be", "were": "be", "are": "be",
}

var aux = map[string]bool{"be": true, "been": true, "being": true, "is": true, "was": true, "were": true,
	"are": true, "am": true, "has": true, "have": true, "had": true, "will": true, "would": true,
	"shall": true, "should": true, "can": true, "could": true, "may": true, "might": true, "must": true,
	"do": true, "does": true, "did": true, "not": true, "also": true, "reportedly": true, "then": true,
	"to": true, "has_been": true, "n't": true}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
}

// normalize mirrors score.py's norm(): NFKC, lower case, curly apostrophes straightened,
// possessive 's dropped, punctuation but hyphens blanked, articles removed.
func normalize(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s)
	rs := []rune(s)
	// 's followed by a word boundary
	var b []rune
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\'' && i+1 < len(rs) && rs[i+1] == 's' && (i+2 == len(rs) || !isWordRune(rs[i+2])) && i > 0 && isWordRune(rs[i-1]) {
			i++
			continue
		}
		b = append(b, rs[i])
	}
	for i, r := range b {
		if !isWordRune(r) && !unicode.IsSpace(r) && r != '-' {
			b[i] = ' '
		}
	}
	// remove the words the, a, an
	var out []rune
	for i := 0; i < len(b); {
		if isWordRune(b[i]) {
			j := i
			for j < len(b) && isWordRune(b[j]) {
				j++
			}
			w := string(b[i:j])
			if w == "the" || w == "a" || w == "an" {
				out = append(out, ' ')
			} else {
				out = append(out, b[i:j]...)
			}
			i = j
			continue
		}
		out = append(out, b[i])
		i++
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func lemma(word string) string {
	w := strings.TrimSpace(strings.ToLower(word))
	if l, ok := irregular[w]; ok {
		return l
	}
	for _, s := range []string{"ies", "ied"} {
		if strings.HasSuffix(w, s) && len(w) > 4 {
			return w[:len(w)-3] + "y"
		}
	}
	if strings.HasSuffix(w, "ed") && len(w) > 4 {
		stem := w[:len(w)-2]
		if len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] && !strings.ContainsRune("lsz", rune(stem[len(stem)-1])) {
			return stem[:len(stem)-1]
		}
		return stem
	}
	if strings.HasSuffix(w, "es") && len(w) > 4 && strings.ContainsRune("sxzh", rune(w[len(w)-3])) {
		return w[:len(w)-2]
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 {
		return w[:len(w)-1]
	}
	if strings.HasSuffix(w, "ing") && len(w) > 5 {
		return w[:len(w)-3]
	}
	return w
}

var predSplit = regexp.MustCompile(`[\s_\-/:#]+`)
var goldSplit = regexp.MustCompile(`[\s_\-]+`)

func predicateForms(p string) map[string]bool {
	var toks []string
	for _, t := range predSplit.Split(strings.ToLower(p), -1) {
		if t != "" && !aux[t] {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return nil
	}
	head := toks[0]
	l := lemma(head)
	return map[string]bool{head: true, l: true, l + "e": true, strings.TrimRight(l, "e"): true}
}

func goldPredForms(ps []string) map[string]bool {
	out := map[string]bool{}
	for _, p := range ps {
		for _, t := range goldSplit.Split(strings.ToLower(p), -1) {
			if t != "" && !aux[t] {
				out[t] = true
				out[lemma(t)] = true
				break
			}
		}
	}
	return out
}

func sortedForms(m map[string]bool) string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, "|")
}

func docOf(x string) string {
	x = filepath.Base(x)
	for _, ext := range []string{".txt", ".html", ".htm", ".json", ".md"} {
		if strings.HasSuffix(x, ext) {
			return strings.TrimSuffix(x, ext)
		}
	}
	return x
}

func tokenOverlap(a, b string) float64 {
	ta, tb := wordSet(normalize(a)), wordSet(normalize(b))
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	inter := 0
	for w := range ta {
		if tb[w] {
			inter++
		}
	}
	la, lb := float64(len(ta)), float64(len(tb))
	if min(len(ta), len(tb)) >= 3 {
		return max(float64(inter)/la, float64(inter)/lb)
	}
	return float64(inter) / max(la, lb)
}

func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		out[w] = true
	}
	return out
}

type goldDoc struct {
	g     *Gold
	text  string
	ents  map[string]*GoldEntity
	index map[string]map[string]bool
}

func newGoldDoc(g *Gold, text string) *goldDoc {
	gd := &goldDoc{g: g, text: text, ents: map[string]*GoldEntity{}, index: map[string]map[string]bool{}}
	for i := range g.Entities {
		e := &g.Entities[i]
		gd.ents[e.Name] = e
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			if n := normalize(s); n != "" {
				if gd.index[n] == nil {
					gd.index[n] = map[string]bool{}
				}
				gd.index[n][e.Name] = true
			}
		}
	}
	return gd
}

// formsIn returns an entity's aliases and the references article doc makes to it: the
// surface forms a per-article gold lists.
func formsIn(e *graph.EntityRow, doc string) []string {
	out := e.Aliases
	for _, r := range e.References {
		if docOf(r.Doc) == doc {
			out = append(out[:len(out):len(out)], r.Text)
		}
	}
	return out
}

func (gd *goldDoc) resolve(name string, aliases []string) string {
	for _, s := range append([]string{name}, aliases...) {
		if hit := gd.index[normalize(s)]; len(hit) == 1 {
			for n := range hit {
				return n
			}
		}
	}
	return ""
}

// Score scores pred against the gold annotations of golds; texts holds the text of each
// article by id, for the page-junk check.
func Score(golds map[string]*Gold, texts map[string]string, pred Prediction) Report {
	entByID := map[string]*graph.EntityRow{}
	entsByDoc := map[string][]*graph.EntityRow{}
	for i := range pred.Entities {
		e := &pred.Entities[i]
		id := e.ID
		if id == "" {
			id = e.Name
		}
		entByID[id] = e
		for _, s := range e.Sources {
			entsByDoc[docOf(s)] = append(entsByDoc[docOf(s)], e)
		}
	}
	factsByDoc := map[string][]*graph.FactRow{}
	for i := range pred.Facts {
		f := &pred.Facts[i]
		for _, s := range f.Sources {
			factsByDoc[docOf(s.Doc)] = append(factsByDoc[docOf(s.Doc)], f)
		}
	}
	quotesByDoc := map[string][]*graph.QuoteRow{}
	for i := range pred.Quotes {
		q := &pred.Quotes[i]
		quotesByDoc[docOf(q.Doc)] = append(quotesByDoc[docOf(q.Doc)], q)
	}

	ids := make([]string, 0, len(golds))
	for d := range golds {
		ids = append(ids, d)
	}
	sort.Strings(ids)
	var rep Report
	var eTP, eFP, eFN, eDup, eType, rTP, rFP, rFN, qTP, qFP, qFN, noise int
	for _, d := range ids {
		gd := newGoldDoc(golds[d], texts[d])
		ds := DocScore{Doc: d}

		// entities
		goldScored := map[string]bool{}
		for _, e := range gd.g.Entities {
			if scoredTypes[e.Type] {
				goldScored[e.Name] = true
			}
		}
		matched := map[string]bool{}
		predMap := map[string]string{}
		for _, e := range entsByDoc[d] {
			t := canonType(e.Type)
			gname := gd.resolve(e.Name, formsIn(e, d))
			pid := e.ID
			if pid == "" {
				pid = e.Name
			}
			if gname != "" {
				predMap[pid] = gname
			}
			if !scoredTypes[t] {
				continue
			}
			switch {
			case gname != "" && goldScored[gname]:
				if matched[gname] {
					ds.Duplicates++
					ds.EntFP++
					ds.WrongEntities = append(ds.WrongEntities, e.Name+" (duplicate of "+gname+")")
				} else {
					matched[gname] = true
					ds.EntTP++
					if t == gd.ents[gname].Type {
						ds.TypeOK++
					}
				}
			case gname != "":
				// a gold entity of a type that is not scored: neutral
			default:
				ds.EntFP++
				ds.WrongEntities = append(ds.WrongEntities, e.Name+" ("+t+")")
			}
		}
		for n := range goldScored {
			if !matched[n] {
				ds.EntFN++
				ds.MissedEntities = append(ds.MissedEntities, n)
			}
		}
		sort.Strings(ds.MissedEntities)
		ds.Ent = prf(ds.EntTP, ds.EntFP, ds.EntFN)

		// relations
		rels := gd.g.Relations
		hit := map[int]bool{}
		seen := map[string]bool{}
		outcome := map[string]bool{} // key -> whether it matched a gold relation
		ds.RuleHits, ds.RuleWrong = map[string]int{}, map[string]int{}
		credit := func(f *graph.FactRow, ok bool) {
			done := map[string]bool{}
			for _, src := range f.Sources {
				if docOf(src.Doc) != d {
					continue
				}
				rules := src.Rules
				if src.Modality != "" {
					rules = append(rules[:len(rules):len(rules)], "modality:"+src.Modality)
				}
				if len(rules) == 0 {
					rules = []string{"(none)"}
				}
				for _, r := range rules {
					if done[r] {
						continue
					}
					done[r] = true
					if ok {
						ds.RuleHits[r]++
					} else {
						ds.RuleWrong[r]++
					}
				}
			}
		}
		ref := func(r graph.Ref) (string, bool) {
			pid := r.ID
			if pid == "" {
				pid = r.Name
			}
			if g, ok := predMap[pid]; ok {
				return g, true
			}
			pe := entByID[pid]
			var aliases []string
			typ := ""
			if pe != nil {
				aliases, typ = formsIn(pe, d), pe.Type
			}
			if g := gd.resolve(r.Name, aliases); g != "" {
				return g, true
			}
			return "", scoredTypes[canonType(typ)]
		}
		for _, f := range factsByDoc[d] {
			if f.Object.ID == "" && f.Object.Name == "" {
				continue // literal-valued facts are not relations
			}
			sg, sOK := ref(f.Subject)
			og, oOK := ref(graph.Ref{ID: f.Object.ID, Name: f.Object.Name})
			if !sOK || !oOK {
				continue
			}
			forms := predicateForms(f.Predicate)
			key := sg + "\x00" + og + "\x00" + sortedForms(forms)
			if seen[key] {
				credit(f, outcome[key])
				continue
			}
			seen[key] = true
			found := -1
			if sg != "" && og != "" {
				for i, g := range rels {
					gf := goldPredForms(g.P)
					shared := false
					for k := range forms {
						if gf[k] {
							shared = true
							break
						}
					}
					if !shared {
						continue
					}
					if g.S == sg && g.O == og || g.Symmetric && g.S == og && g.O == sg {
						found = i
						break
					}
				}
			}
			outcome[key] = found >= 0
			credit(f, found >= 0)
			switch {
			case found < 0:
				ds.RelFP++
				if sg == "" || og == "" {
					ds.WrongOffGold++
				} else {
					for _, g := range rels {
						if g.S == sg && g.O == og || g.S == og && g.O == sg {
							ds.WrongOtherVerb++
							break
						}
					}
				}
				ds.WrongRels = append(ds.WrongRels, fmt.Sprintf("%s -%s-> %s%s", f.Subject.Name, f.Predicate, f.Object.Name, rulesOf(f, d)))
			case !hit[found]:
				hit[found] = true
				ds.RelTP++
			}
		}
		for i, g := range rels {
			if !g.Optional && !hit[i] {
				ds.RelFN++
				ds.MissedRelations = append(ds.MissedRelations, fmt.Sprintf("%s -%s-> %s", g.S, g.P[0], g.O))
			}
		}
		ds.Rel = prf(ds.RelTP, ds.RelFP, ds.RelFN)

		// quotations
		gq := gd.g.Quotes
		qhit := map[int]bool{}
		ds.QuoteRuleHits, ds.QuoteRuleWrong = map[string]int{}, map[string]int{}
		for _, q := range quotesByDoc[d] {
			pid := q.Speaker.ID
			if pid == "" {
				pid = q.Speaker.Name
			}
			sg := predMap[pid]
			if sg == "" {
				var aliases []string
				if pe := entByID[pid]; pe != nil {
					aliases = formsIn(pe, d)
				}
				sg = gd.resolve(q.Speaker.Name, aliases)
			}
			best := -1
			for i, g := range gq {
				if qhit[i] {
					continue
				}
				if tokenOverlap(q.Text, g.Text) >= 0.6 {
					best = i
					break
				}
			}
			rule := q.Rule
			if rule == "" {
				rule = "(none)"
			}
			if best >= 0 && sg == gq[best].Speaker {
				qhit[best] = true
				ds.QuoTP++
				ds.QuoteRuleHits[rule]++
			} else {
				ds.QuoteRuleWrong[rule]++
				ds.QuoFP++
				ds.WrongQuotes = append(ds.WrongQuotes, fmt.Sprintf("%s: %q [%s]", q.Speaker.Name, q.Text, rule))
			}
		}
		ds.QuoFN = len(gq) - len(qhit)
		for i, g := range gq {
			if !qhit[i] {
				ds.MissedQuotes = append(ds.MissedQuotes, fmt.Sprintf("%s: %q", g.Speaker, g.Text))
			}
		}
		ds.Quo = prf(ds.QuoTP, ds.QuoFP, ds.QuoFN)

		// page junk: entities whose every surface form occurs only inside junk
		clean := gd.text
		for _, n := range gd.g.Noise {
			clean = strings.ReplaceAll(clean, n, " ")
		}
		lowText, lowClean := strings.ToLower(gd.text), strings.ToLower(clean)
		for _, e := range entsByDoc[d] {
			var present []string
			for _, f := range append([]string{e.Name}, formsIn(e, d)...) {
				f = strings.ToLower(f)
				if len([]rune(f)) > 1 && strings.Contains(lowText, f) {
					present = append(present, f)
				}
			}
			if len(present) == 0 {
				continue
			}
			inClean := false
			for _, f := range present {
				if strings.Contains(lowClean, f) {
					inClean = true
					break
				}
			}
			if !inClean {
				ds.Noise++
			}
		}
		for _, q := range quotesByDoc[d] {
			for _, n := range gd.g.Noise {
				if tokenOverlap(q.Text, n) >= 0.8 {
					ds.Noise++
					break
				}
			}
		}
		eTP += ds.EntTP
		eFP += ds.EntFP
		eFN += ds.EntFN
		eDup += ds.Duplicates
		eType += ds.TypeOK
		rTP += ds.RelTP
		rFP += ds.RelFP
		rFN += ds.RelFN
		qTP += ds.QuoTP
		qFP += ds.QuoFP
		qFN += ds.QuoFN
		noise += ds.Noise
		rep.Docs = append(rep.Docs, ds)
	}
	rep.Total = Total{Ent: prf(eTP, eFP, eFN), Rel: prf(rTP, rFP, rFN), Quo: prf(qTP, qFP, qFN), Duplicates: eDup, Noise: noise}
	for _, ds := range rep.Docs {
		rep.Total.RelFP += ds.RelFP
		rep.Total.RelFPOffGold += ds.WrongOffGold
		rep.Total.RelFPOtherVerb += ds.WrongOtherVerb
	}
	rep.Total.Rules = ruleScores(rep.Docs, func(d DocScore) (map[string]int, map[string]int) { return d.RuleHits, d.RuleWrong })
	rep.Total.QuoteRules = ruleScores(rep.Docs, func(d DocScore) (map[string]int, map[string]int) { return d.QuoteRuleHits, d.QuoteRuleWrong })
	if eTP > 0 {
		rep.Total.TypeAccuracy = float64(eType) / float64(eTP)
	}
	return rep
}

// ruleScores sums the facts of each rule over the articles: hits, wrong ones and
// precision, the rules with the most facts first.
func ruleScores(docs []DocScore, counts func(DocScore) (hits, wrong map[string]int)) []RuleScore {
	by := map[string]*RuleScore{}
	for _, d := range docs {
		hits, wrong := counts(d)
		for r, n := range hits {
			if by[r] == nil {
				by[r] = &RuleScore{Rule: r}
			}
			by[r].Hits += n
		}
		for r, n := range wrong {
			if by[r] == nil {
				by[r] = &RuleScore{Rule: r}
			}
			by[r].Wrong += n
		}
	}
	out := make([]RuleScore, 0, len(by))
	for _, rs := range by {
		rs.Precision = float64(rs.Hits) / float64(rs.Hits+rs.Wrong)
		out = append(out, *rs)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Hits+a.Wrong != b.Hits+b.Wrong {
			return a.Hits+a.Wrong > b.Hits+b.Wrong
		}
		return a.Rule < b.Rule
	})
	return out
}

// rulesOf lists the rules that stated fact f in article d, for the list of wrong facts:
// " [verb-obj, order:verb-general]".
func rulesOf(f *graph.FactRow, d string) string {
	var rules []string
	for _, src := range f.Sources {
		if docOf(src.Doc) != d {
			continue
		}
		for _, r := range src.Rules {
			if !contains(rules, r) {
				rules = append(rules, r)
			}
		}
		if src.Modality != "" && !contains(rules, "~"+src.Modality) {
			rules = append(rules, "~"+src.Modality)
		}
	}
	if len(rules) == 0 {
		return ""
	}
	return " [" + strings.Join(rules, ", ") + "]"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
