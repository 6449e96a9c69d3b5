package extract

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The CoNLL-2012 coreference metrics (Pradhan et al. 2014): MUC (Vilain et al. 1995),
// B-cubed (Bagga and Baldwin 1998) and CEAF-e (Luo 2005), over clusters of mention ids.
// A mention of one side that the other lacks counts against it, as in the reference
// scorer.

type prf struct{ p, r, f float64 }

func mkPRF(pn, pd, rn, rd float64) prf {
	var x prf
	if pd > 0 {
		x.p = pn / pd
	}
	if rd > 0 {
		x.r = rn / rd
	}
	if x.p+x.r > 0 {
		x.f = 2 * x.p * x.r / (x.p + x.r)
	}
	return x
}

func clusterOf(cs [][]string) map[string]int {
	m := map[string]int{}
	for i, c := range cs {
		for _, x := range c {
			m[x] = i
		}
	}
	return m
}

// mucScore is MUC: the links a partition needs.
func mucScore(key, resp [][]string) prf {
	side := func(a, b [][]string) (num, den float64) {
		of := clusterOf(b)
		for _, c := range a {
			parts := map[int]bool{}
			alone := 0
			for _, x := range c {
				if i, ok := of[x]; ok {
					parts[i] = true
				} else {
					alone++
				}
			}
			num += float64(len(c) - len(parts) - alone)
			den += float64(len(c) - 1)
		}
		return
	}
	rn, rd := side(key, resp)
	pn, pd := side(resp, key)
	return mkPRF(pn, pd, rn, rd)
}

// b3Score is B-cubed: per mention, the share of its cluster the other side agrees with.
func b3Score(key, resp [][]string) prf {
	side := func(a, b [][]string) (num, den float64) {
		of := clusterOf(b)
		for _, c := range a {
			counts := map[int]int{}
			for _, x := range c {
				if i, ok := of[x]; ok {
					counts[i]++
				}
			}
			for _, n := range counts {
				num += float64(n*n) / float64(len(c))
			}
			den += float64(len(c))
		}
		return
	}
	rn, rd := side(key, resp)
	pn, pd := side(resp, key)
	return mkPRF(pn, pd, rn, rd)
}

// ceafeScore is entity-based CEAF: the best one-to-one alignment of clusters by
// phi4(k, r) = 2|k∩r| / (|k|+|r|).
func ceafeScore(key, resp [][]string) prf {
	sim := make([][]float64, len(key))
	for i, k := range key {
		sim[i] = make([]float64, len(resp))
		ks := map[string]bool{}
		for _, x := range k {
			ks[x] = true
		}
		for j, r := range resp {
			n := 0
			for _, x := range r {
				if ks[x] {
					n++
				}
			}
			sim[i][j] = 2 * float64(n) / float64(len(k)+len(r))
		}
	}
	total := maxAssignment(sim)
	return mkPRF(total, float64(len(resp)), total, float64(len(key)))
}

// maxAssignment returns the largest sum of a one-to-one assignment of rows to columns
// (the Hungarian algorithm on the negated matrix).
func maxAssignment(w [][]float64) float64 {
	n := len(w)
	if n == 0 {
		return 0
	}
	m := len(w[0])
	if m == 0 {
		return 0
	}
	size := max(n, m)
	cost := make([][]float64, size+1)
	for i := range cost {
		cost[i] = make([]float64, size+1)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			cost[i+1][j+1] = -w[i][j]
		}
	}
	u, v := make([]float64, size+1), make([]float64, size+1)
	p, way := make([]int, size+1), make([]int, size+1)
	for i := 1; i <= size; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, size+1)
		used := make([]bool, size+1)
		for j := range minv {
			minv[j] = math.Inf(1)
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= size; j++ {
				if used[j] {
					continue
				}
				cur := cost[i0][j] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= size; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
			if j0 == 0 {
				break
			}
		}
	}
	total := 0.0
	for j := 1; j <= size; j++ {
		if p[j] > 0 && p[j] <= n && j <= m {
			total += w[p[j]-1][j-1]
		}
	}
	return total
}

// TestCorefMetrics checks the metrics on the example of Pradhan et al. (2014), worked by
// hand: key {a b c} {d e f g}, response {a b} {c d} {f g h i}.
func TestCorefMetrics(t *testing.T) {
	key := [][]string{{"a", "b", "c"}, {"d", "e", "f", "g"}}
	resp := [][]string{{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-3 }
	for _, c := range []struct {
		name string
		got  prf
		p, r float64
	}{
		{"MUC", mucScore(key, resp), 0.4, 0.4},
		{"B3", b3Score(key, resp), 0.5, 35.0 / 84},
		{"CEAF-e", ceafeScore(key, resp), 1.3 / 3, 0.65},
	} {
		if !near(c.got.p, c.p) || !near(c.got.r, c.r) {
			t.Errorf("%s: P=%.4f R=%.4f, want P=%.4f R=%.4f", c.name, c.got.p, c.got.r, c.p, c.r)
		}
	}
}

// gumDoc is a GUM document read from its CoNLL-U file: its text rebuilt from the tokens,
// each token's offsets and gold head, and the entity mentions with their chains.
type gumDoc struct {
	id       string
	text     string
	start    []int // token -> byte offset
	end      []int
	head     []int // token -> gold head token, -1 for a root
	upos     []string
	mentions []gumMention
}

type gumMention struct {
	chain      string
	etype      string
	first, end int // token range
	head       int
}

var gumOpen = regexp.MustCompile(`^\((\d+)-([a-z]+)`)

// readGUM reads one GUM CoNLL-U file with its Entity annotations.
func readGUM(path string) (*gumDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc := &gumDoc{id: strings.TrimSuffix(filepath.Base(path), ".conllu")}
	var b strings.Builder
	type open struct {
		id, etype string
		first     int
	}
	var stack []open
	sentStart := 0 // first token of the sentence
	newPar := true
	space := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# newpar") && !strings.HasPrefix(line, "# newpar_block") {
			newPar = true
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			if line == "" {
				sentStart = len(doc.start)
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 10 || strings.ContainsAny(cols[0], "-.") {
			continue
		}
		if cols[0] == "1" {
			sentStart = len(doc.start)
			if b.Len() > 0 {
				if newPar {
					b.WriteString("\n\n")
				} else {
					b.WriteString(" ")
				}
			}
			newPar, space = false, false
		} else if space {
			b.WriteString(" ")
		}
		tok := len(doc.start)
		doc.start = append(doc.start, b.Len())
		b.WriteString(cols[1])
		doc.end = append(doc.end, b.Len())
		h := -1
		if n := atoiSafe(cols[6]); n > 0 {
			h = sentStart + n - 1
		}
		doc.head = append(doc.head, h)
		doc.upos = append(doc.upos, cols[3])
		space = !strings.Contains(cols[9], "SpaceAfter=No")
		for _, field := range strings.Split(cols[9], "|") {
			if !strings.HasPrefix(field, "Entity=") {
				continue
			}
			s := strings.TrimPrefix(field, "Entity=")
			for len(s) > 0 {
				switch {
				case s[0] == '(':
					j := 1
					for j < len(s) && s[j] != '(' && s[j] != ')' {
						j++
					}
					m := gumOpen.FindStringSubmatch(s[:j])
					if m != nil {
						stack = append(stack, open{m[1], m[2], tok})
					}
					if j < len(s) && s[j] == ')' {
						// opened and closed on this token
						if m != nil {
							stack = stack[:len(stack)-1]
							doc.mentions = append(doc.mentions, gumMention{chain: m[1], etype: m[2], first: tok, end: tok + 1})
						}
						j++
					}
					s = s[j:]
				default:
					j := 0
					for j < len(s) && s[j] >= '0' && s[j] <= '9' {
						j++
					}
					id := s[:j]
					if j < len(s) && s[j] == ')' {
						j++
					}
					if j == 0 {
						j = 1
					}
					s = s[j:]
					for k := len(stack) - 1; k >= 0; k-- {
						if stack[k].id == id {
							doc.mentions = append(doc.mentions, gumMention{chain: id, etype: stack[k].etype, first: stack[k].first, end: tok + 1})
							stack = append(stack[:k], stack[k+1:]...)
							break
						}
					}
				}
			}
		}
	}
	doc.text = b.String() + "\n"
	for i := range doc.mentions {
		m := &doc.mentions[i]
		m.head = m.first
		for t := m.first; t < m.end; t++ {
			if h := doc.head[t]; h < m.first || h >= m.end {
				m.head = t
				break
			}
		}
	}
	return doc, sc.Err()
}

func atoiSafe(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// tokenAt returns the GUM token covering byte offset off, or -1.
func (g *gumDoc) tokenAt(off int) int {
	i := sort.Search(len(g.end), func(i int) bool { return g.end[i] > off })
	if i < len(g.start) && g.start[i] <= off {
		return i
	}
	return -1
}

// corefTypes are the GUM entity types kg's entities cover.
var corefTypes = map[string]bool{"person": true, "organization": true, "place": true}

// gumTestDocs are GUM's test documents in the genres whose licence kg may use.
var gumTestDocs = []string{
	"GUM_academic_discrimination", "GUM_academic_eegimaa", "GUM_bio_dvorak", "GUM_bio_jespersen",
	"GUM_court_insanity", "GUM_court_mitigation", "GUM_interview_hill", "GUM_interview_libertarian",
	"GUM_news_nasa", "GUM_news_sensitive", "GUM_voyage_oakland", "GUM_voyage_vavau",
}

// corefClusters returns the key and response clusters of one document: GUM's chains of
// people, organisations and places, each mention named by its head token, and kg's
// entities of those types with their mentions and references. A kg mention is GUM's when
// each contains the other's head; otherwise it is one GUM lacks. Singletons are left out
// of both sides, as in CoNLL-2012.
func corefClusters(g *gumDoc, d *Document, namedOnly bool) (key, resp [][]string) {
	chains := map[string][]string{}
	var order []string
	seen := map[string]bool{}
	named := map[string]bool{}
	for _, m := range g.mentions {
		if corefTypes[m.etype] && g.upos[m.head] == "PROPN" {
			named[m.chain] = true
		}
	}
	outside := map[string]bool{} // gold mentions not scored: kg's mentions of them are neutral
	for _, m := range g.mentions {
		if !corefTypes[m.etype] || namedOnly && !named[m.chain] {
			outside[fmt.Sprint(m.head)] = true
			continue
		}
		id := fmt.Sprint(m.head)
		if seen[id] {
			continue
		}
		seen[id] = true
		if chains[m.chain] == nil {
			order = append(order, m.chain)
		}
		chains[m.chain] = append(chains[m.chain], id)
	}
	for _, c := range order {
		if len(chains[c]) > 1 {
			key = append(key, chains[c])
		}
	}
	// kg: map a span (its words, with a head word) to a mention id
	identify := func(first, last, headWord int) string {
		ht := g.tokenAt(d.Words[headWord].Start)
		ft, lt := g.tokenAt(d.Words[first].Start), g.tokenAt(d.Words[last].End-1)
		best, size := "", 1<<30
		for _, m := range g.mentions {
			if m.head >= ft && m.head <= lt && ht >= m.first && ht < m.end && m.end-m.first < size {
				best, size = fmt.Sprint(m.head), m.end-m.first
			}
		}
		if best == "" {
			best = fmt.Sprintf("kg%d", ht)
		}
		return best
	}
	byEnt := map[int][]string{}
	add := func(e int, id string) {
		if outside[id] && !seen[id] {
			return
		}
		for _, x := range byEnt[e] {
			if x == id {
				return
			}
		}
		byEnt[e] = append(byEnt[e], id)
	}
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if m.Entity < 0 || d.Entities[m.Entity].Type == Event {
			continue
		}
		var first, last = -1, -1
		for w := range d.Words {
			if d.Words[w].Start >= m.Full.Start && d.Words[w].End <= m.Full.End {
				if first < 0 {
					first = w
				}
				last = w
			}
		}
		if first < 0 {
			continue
		}
		// the head: the name's word whose head lies outside the name
		head := -1
		for w := first; w <= last; w++ {
			if d.Words[w].Start < m.Span.Start || d.Words[w].End > m.Span.End {
				continue
			}
			if head < 0 {
				head = w
			}
			if h := d.Words[w].Head; h < 0 || d.Words[h].Start < m.Span.Start || d.Words[h].End > m.Span.End {
				head = w
				break
			}
		}
		if head < 0 {
			head = last
		}
		add(m.Entity, identify(first, last, head))
	}
	for _, r := range d.Refs {
		if d.Entities[r.Entity].Type == Event {
			continue
		}
		add(r.Entity, identify(r.Word, r.Word, r.Word))
	}
	for e := range d.Entities {
		if len(byEnt[e]) > 1 {
			resp = append(resp, byEnt[e])
		}
	}
	return key, resp
}

// TestCorefGUM scores the coreference of kg on GUM's test documents of the genres kg may
// use, with the CoNLL-2012 metrics. It is skipped unless KG_GUM names a folder of GUM's
// dep/*.conllu files (github.com/amir-zeldes/gum); KG_GUM_DOCS=train scores the other
// documents of those genres instead, for tuning.
func TestCorefGUM(t *testing.T) {
	dir := os.Getenv("KG_GUM")
	if dir == "" {
		t.Skip("set KG_GUM to a folder of GUM's dep/*.conllu files")
	}
	names := gumTestDocs
	if os.Getenv("KG_GUM_DOCS") == "train" {
		names = nil
		test := map[string]bool{}
		for _, n := range gumTestDocs {
			test[n] = true
		}
		files, _ := filepath.Glob(filepath.Join(dir, "GUM_*.conllu"))
		for _, f := range files {
			n := strings.TrimSuffix(filepath.Base(f), ".conllu")
			if !test[n] && regexp.MustCompile(`^GUM_(news|interview|bio|voyage|academic|court)_`).MatchString(n) {
				names = append(names, n)
			}
		}
	}
	x := New()
	for _, namedOnly := range []bool{false, true} {
		scoreGUM(t, x, dir, names, namedOnly)
	}
}

// scoreGUM scores documents of GUM; namedOnly keeps the chains with a proper name, the
// entities kg's references resolve to.
func scoreGUM(t *testing.T, x *Extractor, dir string, names []string, namedOnly bool) {
	var key, resp [][]string
	linked, total := map[string]int{}, map[string]int{}
	defer func() {
		for tag, n := range total {
			t.Logf("%-6s linked %d of %d key mentions", tag, linked[tag], n)
		}
	}()
	for _, n := range names {
		g, err := readGUM(filepath.Join(dir, n+".conllu"))
		if err != nil {
			t.Fatal(err)
		}
		d, err := x.Extract(n, n, []byte(g.text))
		if err != nil {
			t.Fatal(err)
		}
		k, r := corefClusters(g, d, namedOnly)
		if os.Getenv("KG_GUM_V") != "" && namedOnly {
			linkStats(g, k, r, linked, total)
		}
		for _, c := range k {
			key = append(key, prefixAll(n, c))
		}
		for _, c := range r {
			resp = append(resp, prefixAll(n, c))
		}
		if os.Getenv("KG_GUM_V") != "" && namedOnly {
			m, b, c := mucScore(k, r), b3Score(k, r), ceafeScore(k, r)
			t.Logf("%-28s MUC %.2f B3 %.2f CEAF-e %.2f", n, m.f, b.f, c.f)
		}
	}
	m, b, c := mucScore(key, resp), b3Score(key, resp), ceafeScore(key, resp)
	what := "all chains of people, organisations and places"
	if namedOnly {
		what = "the chains of named people, organisations and places"
	}
	t.Logf("GUM, %d documents, %s:\n\tMUC P=%.3f R=%.3f F1=%.3f | B3 P=%.3f R=%.3f F1=%.3f | CEAF-e P=%.3f R=%.3f F1=%.3f | mean F1=%.3f",
		len(names), what, m.p, m.r, m.f, b.p, b.r, b.f, c.p, c.r, c.f, (m.f+b.f+c.f)/3)
}

func prefixAll(p string, c []string) []string {
	out := make([]string, len(c))
	for i, x := range c {
		out[i] = p + ":" + x
	}
	return out
}

// TestCorefGUMShow prints the gold chains of one GUM document (KG_GUM_SHOW, a train
// document) of named people, organisations and places, each mention with the kg entity its
// head gets, for reading the sieve's misses.
func TestCorefGUMShow(t *testing.T) {
	dir, n := os.Getenv("KG_GUM"), os.Getenv("KG_GUM_SHOW")
	if dir == "" || n == "" {
		t.Skip("set KG_GUM and KG_GUM_SHOW")
	}
	g, err := readGUM(filepath.Join(dir, n+".conllu"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := New().Extract(n, n, []byte(g.text))
	if err != nil {
		t.Fatal(err)
	}
	// kg's entity at each gold token, through mentions and references
	at := map[int]string{}
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if m.Entity >= 0 {
			for tk := g.tokenAt(m.Span.Start); tk >= 0 && tk < len(g.start) && g.start[tk] < m.Span.End; tk++ {
				at[tk] = d.Entities[m.Entity].Name
			}
		}
	}
	for _, r := range d.Refs {
		at[g.tokenAt(r.Start)] = d.Entities[r.Entity].Name + " (" + r.Sieve + ")"
	}
	_, resp := corefClusters(g, d, true)
	for _, c := range resp {
		var parts []string
		for _, x := range c {
			if n := atoiSafe(x); strings.HasPrefix(x, "kg") {
				n = atoiSafe(x[2:])
				parts = append(parts, "*"+g.text[g.start[n]:g.end[n]])
			} else {
				parts = append(parts, g.text[g.start[n]:g.end[n]])
			}
		}
		fmt.Printf("kg: %s\n", strings.Join(parts, " | "))
	}
	chains := map[string][]gumMention{}
	var order []string
	for _, m := range g.mentions {
		if !corefTypes[m.etype] {
			continue
		}
		if chains[m.chain] == nil {
			order = append(order, m.chain)
		}
		chains[m.chain] = append(chains[m.chain], m)
	}
	for _, c := range order {
		ms := chains[c]
		if len(ms) < 2 {
			continue
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].first < ms[j].first })
		fmt.Printf("chain %s (%s)\n", c, ms[0].etype)
		for _, m := range ms {
			fmt.Printf("   %-40.40q head %-12q -> %s\n", g.text[g.start[m.first]:g.end[m.end-1]], g.text[g.start[m.head]:g.end[m.head]], at[m.head])
		}
	}
}

// linkStats counts, by the part of speech of their heads, the key mentions whose response
// cluster holds another mention of their key chain.
func linkStats(g *gumDoc, key, resp [][]string, linked, total map[string]int) {
	of := clusterOf(resp)
	for _, c := range key {
		for _, x := range c {
			tag := g.upos[atoiSafe(x)]
			if tag == "PRON" {
				w := atoiSafe(x)
				tag = "PRON:" + strings.ToLower(g.text[g.start[w]:g.end[w]])
			}
			total[tag]++
			i, ok := of[x]
			if !ok {
				continue
			}
			for _, y := range c {
				if y != x && of[y] == i {
					if _, ok := of[y]; ok {
						linked[tag]++
						break
					}
				}
			}
		}
	}
}
