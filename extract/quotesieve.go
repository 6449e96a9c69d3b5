package extract

import (
	"strings"

	"github.com/kg-news/kg/extract/lexicon"
)

// Quotation sieves that read the dependency parse, tried after the word-order attribution
// of quotes.go (see attributeParse):
//
//	speech-verb   the quotation is what a verb of saying governs, or governs a verb of
//	              saying outside it ("…," team member Ann Lee told the press); its
//	              speaker is the verb's subject, a person, an organisation, or whom a
//	              spokesman, a statement or a report speaks for
//	according-to  "…, according to Acme" / "according to Acme, …"
//	words-of      "in the words of the prosecutor, Ann Lee, …"
//	colon-para    a paragraph that opens with a quotation after one that ends with a
//	              colon ("Lee wrote on her blog:")
//	dash          "…" — Ann Lee, a speaker after a dash at the end of the paragraph
//	transcript    a paragraph that opens with a name and a colon ("LEE: …")

// attributeParse finds the speaker of quotation q through the parse, and the sieve that
// found it.
func (a *analysis) attributeParse(q quoteSpan, qi int) (speaker, cue int, sieve string) {
	if q.close-1 < q.open+1 || q.open+1 >= len(a.d.Tokens) {
		return -1, -1, ""
	}
	sieves := []struct {
		name string
		fn   func(quoteSpan) (int, int)
	}{
		{"speech-verb", a.speechVerbSpeaker},
		{"according-to", a.accordingTo},
		{"words-of", a.wordsOf},
		{"colon-para", func(q quoteSpan) (int, int) { return a.colonParagraph(q, qi) }},
		{"reported-before", a.reportedBefore2},
		{"dash", a.dashSpeaker},
		{"transcript", a.transcriptSpeaker},
	}
	for _, s := range sieves {
		if sp, c := s.fn(q); sp >= 0 {
			return sp, c, s.name
		}
	}
	return -1, -1, ""
}

// quoteWords returns the first and last word inside quotation q.
func (a *analysis) quoteWords(q quoteSpan) (int, int) {
	d := a.d
	end := q.close
	if end > len(d.Tokens) {
		end = len(d.Tokens)
	}
	fw, lw := -1, -1
	for k := q.open + 1; k < end; k++ {
		w := d.Tokens[k].Word
		if w < 0 || w >= len(d.Words) || d.Words[w].Token != k {
			continue
		}
		if fw < 0 {
			fw = w
		}
		for lw = w; lw+1 < len(d.Words) && d.Words[lw+1].Token == k; lw++ {
		}
	}
	return fw, lw
}

// speakerOf returns who speaks through word w, the subject of a verb of saying: the entity
// it names or refers to, or for a mouthpiece ("a spokesman for Acme", "Acme's statement",
// "the report by Acme") the one it speaks for.
func (a *analysis) speakerOf(g *depGraph, w int) int {
	if e := a.wordEntity(w); e >= 0 {
		if a.isAgent(e) || a.isCountryEnt(e) {
			return e
		}
		return -1
	}
	if e := a.d.refOf(w); e >= 0 {
		// he and she, not "it" or "they", which stand for too much that is no speaker
		if a.isAgent(e) && a.isPerson(e) {
			return e
		}
		return -1
	}
	if g.tag(w) != NOUN {
		return -1
	}
	// a description in apposition to a name
	for _, e := range g.out[w-g.first] {
		if e.rel == "appos" && e.via == "" {
			if x := a.wordEntity(e.dep); x >= 0 && a.isAgent(x) {
				return x
			}
		}
	}
	if !mouthpieceNouns[g.lemma[w-g.first]] && !reportNouns[g.lemma[w-g.first]] {
		return -1
	}
	for _, e := range g.out[w-g.first] {
		if e.via != "" {
			continue
		}
		switch {
		case e.rel == "nmod:poss", e.rel == "compound", e.rel == "nmod" && (e.prep == "for" || e.prep == "of" || e.prep == "from" || e.prep == "by" || e.prep == "at"):
			x := a.wordEntity(e.dep)
			if x < 0 {
				x = a.d.refOf(e.dep)
			}
			if x >= 0 && a.isAgent(x) {
				return x
			}
		}
	}
	return -1
}

// reportNouns speak for whoever made them, as mouthpieceNouns do: "Acme's analysis
// concluded", "a study by the institute found".
var reportNouns = map[string]bool{
	"analysis": true, "study": true, "survey": true, "research": true, "review": true, "ruling": true,
	"verdict": true, "judgment": true, "judgement": true, "document": true, "memo": true, "note": true,
	"notice": true, "website": true, "site": true, "account": true, "blog": true, "post": true,
	"tweet": true, "message": true, "email": true, "spokesperson": true, "representative": true,
	"source": false,
}

func (a *analysis) isCountryEnt(e int) bool {
	if e < 0 || a.d.Entities[e].Type != Place {
		return false
	}
	p := a.lx.Place(a.d.Entities[e].Name)
	return p != nil && p.Kind == lexicon.Country
}

// speechVerbSpeaker reads the speaker off the verb of saying the quotation hangs on.
func (a *analysis) speechVerbSpeaker(q quoteSpan) (int, int) {
	d := a.d
	fw, lw := a.quoteWords(q)
	if fw < 0 {
		return -1, -1
	}
	inQ := func(w int) bool { return w >= fw && w <= lw }
	tried := map[int]bool{}
	try := func(g *depGraph, v int) int {
		if tried[v] || inQ(v) {
			return -1
		}
		tried[v] = true
		if _, ok := a.lx.Speech(g.word(v)); !ok || g.tag(v) != VERB && g.tag(v) != AUX {
			return -1
		}
		if g.negated[v-g.first] {
			return -1
		}
		for _, e := range g.out[v-g.first] {
			if e.rel == "nsubj" && !inQ(e.dep) {
				if sp := a.speakerOf(g, e.dep); sp >= 0 {
					return sp
				}
			}
			if e.rel == "obl:agent" && !inQ(e.dep) {
				if sp := a.speakerOf(g, e.dep); sp >= 0 {
					return sp
				}
			}
		}
		return -1
	}
	// the sentences the quotation touches
	for _, si := range []int{a.sentenceOf(q.open + 1), a.sentenceOf(max(q.open+1, q.close-1))} {
		g := d.graph(a.lx, si)
		if g == nil {
			continue
		}
		for w := max(fw, g.first); w <= lw && w < g.end; w++ {
			h := d.Words[w].Head
			if h < g.first || h >= g.end {
				// a word of the quotation heads its sentence: a verb of saying outside
				// the quotation may hang on it ("…," X said parsed as parataxis)
				for _, e := range g.out[w-g.first] {
					if !inQ(e.dep) && (e.rel == "parataxis" || e.rel == "ccomp" || e.rel == "advcl" || e.rel == "conj") {
						if sp := try(g, e.dep); sp >= 0 {
							return sp, si
						}
					}
				}
				continue
			}
			if inQ(h) {
				continue
			}
			// the quotation depends on h: a verb of saying, or the noun of a "said" clause
			if sp := try(g, h); sp >= 0 {
				return sp, si
			}
			// "told the press: "…"" with the quotation hanging on the object
			if hh := d.Words[h].Head; hh >= g.first && hh < g.end {
				if sp := try(g, hh); sp >= 0 {
					return sp, si
				}
			}
			for _, e := range g.out[h-g.first] {
				if !inQ(e.dep) && (e.rel == "parataxis" || e.rel == "ccomp") {
					if sp := try(g, e.dep); sp >= 0 {
						return sp, si
					}
				}
			}
		}
	}
	return -1, -1
}

// accordingTo reads "according to X" in the sentence of the quotation.
func (a *analysis) accordingTo(q quoteSpan) (int, int) {
	d := a.d
	fw, lw := a.quoteWords(q)
	for _, si := range []int{a.sentenceOf(max(q.open+1, q.close-1)), a.sentenceOf(q.open + 1)} {
		g := d.graph(a.lx, si)
		if g == nil {
			continue
		}
		for w := g.first; w < g.end; w++ {
			if w >= fw && w <= lw {
				continue
			}
			for _, e := range g.in[w-g.first] {
				if e.prep == "according_to" && e.via == "" {
					if sp := a.speakerOf(g, w); sp >= 0 {
						return sp, si
					}
				}
			}
		}
	}
	return -1, -1
}

// wordsOf reads "in the words of X, "…"": X, or the name in apposition to X.
func (a *analysis) wordsOf(q quoteSpan) (int, int) {
	d := a.d
	si := a.sentenceOf(q.open + 1)
	g := d.graph(a.lx, si)
	if g == nil {
		return -1, -1
	}
	fw, _ := a.quoteWords(q)
	for w := g.first; w < g.end && w < fw; w++ {
		if g.lemma[w-g.first] != "word" {
			continue
		}
		for _, e := range g.out[w-g.first] {
			if e.rel == "nmod" && e.prep == "of" {
				if sp := a.speakerOf(g, e.dep); sp >= 0 {
					return sp, si
				}
				// "the prosecutor, Ann Lee,": a name after a comma, however it was parsed
				_, end := g.subtree(e.dep)
				if end+2 < g.end && g.word(end+1) == "," {
					if x := a.wordEntity(end + 2); x >= 0 && a.isPerson(x) && a.nameWord(end+2) {
						return x, si
					}
				}
			}
		}
	}
	return -1, -1
}

// colonParagraph attributes a quotation that opens a paragraph after a paragraph that
// ends with a colon or a comma ("Lee wrote:", "Lee stated,") to the one who speaks there.
func (a *analysis) colonParagraph(q quoteSpan, qi int) (int, int) {
	d := a.d
	if qi != 0 || q.para == 0 || d.Paragraphs[q.para].First != q.open {
		return -1, -1
	}
	prev := &d.Paragraphs[q.para-1]
	if prev.Junk != "" || prev.End <= prev.First || a.word(prev.End-1) != ":" && a.word(prev.End-1) != "," {
		return -1, -1
	}
	si := a.sentenceOf(prev.End - 1)
	g := d.graph(a.lx, si)
	if g == nil {
		// a line without a full stop is not parsed: its first speaker named before a
		// verb of saying, or before the colon
		for k := d.Sentences[si].First; k < prev.End; k++ {
			mi := a.mentionOf(k)
			if mi < 0 || d.Mentions[mi].Kind != NameMention || !a.isAgent(d.Mentions[mi].Entity) || d.Mentions[mi].Possessive {
				continue
			}
			for j := d.Mentions[mi].End; j < prev.End && j < d.Mentions[mi].End+3; j++ {
				if _, ok := a.lx.Speech(a.word(j)); ok {
					return d.Mentions[mi].Entity, si
				}
			}
			if a.word(prev.End-1) == ":" {
				return d.Mentions[mi].Entity, si
			}
			break
		}
		return -1, -1
	}
	for v := g.first; v < g.end; v++ {
		if _, ok := a.lx.Speech(g.word(v)); !ok && a.word(prev.End-1) == "," || g.tag(v) != VERB {
			continue // after a colon any verb introduces it ("tweeted from his account:")
		}
		for _, e := range g.out[v-g.first] {
			if e.rel == "nsubj" {
				if sp := a.speakerOf(g, e.dep); sp >= 0 {
					return sp, si
				}
			}
		}
	}
	return -1, -1
}

// dashSpeaker reads "…" — Ann Lee: a name after a dash that ends the paragraph.
func (a *analysis) dashSpeaker(q quoteSpan) (int, int) {
	d := a.d
	p := &d.Paragraphs[q.para]
	k := q.close + 1
	for k < p.End && a.word(k) == "," {
		k++
	}
	if k >= p.End || a.word(k) != "—" && a.word(k) != "–" && a.word(k) != "-" {
		return -1, -1
	}
	k++
	mi := a.mentionOf(k)
	if mi < 0 {
		// a line of its own is no sentence the mentions stage read: match its words
		// against the article's names
		last := p.End
		for last > k && (a.word(last-1) == "." || a.word(last-1) == ",") {
			last--
		}
		if last <= k || last-k > 5 {
			return -1, -1
		}
		text := d.Text[d.Tokens[k].Start:d.Tokens[last-1].End]
		for e := range d.Entities {
			if a.isAgent(e) && containsStr(d.Entities[e].Names, text) {
				return e, a.sentenceOf(k)
			}
		}
		return -1, -1
	}
	if d.Mentions[mi].Kind != NameMention || !a.isAgent(d.Mentions[mi].Entity) {
		return -1, -1
	}
	end := d.Mentions[mi].End
	// the name ends the paragraph, perhaps with a description after a comma
	for j := end; j < p.End; j++ {
		if w := a.word(j); w == "." || w == "," && j > end {
			break
		} else if j == end && w != "," && w != "." {
			return -1, -1
		}
	}
	return d.Mentions[mi].Entity, a.sentenceOf(k)
}

// transcriptSpeaker reads an interview transcript: a quotation in a paragraph that opens
// with a name and a colon ("LEE: "…"", "Ann Lee: "…"").
func (a *analysis) transcriptSpeaker(q quoteSpan) (int, int) {
	d := a.d
	p := &d.Paragraphs[q.para]
	mi := a.mentionOf(p.First)
	if mi < 0 || d.Mentions[mi].Kind != NameMention || d.Mentions[mi].First != p.First {
		return -1, -1
	}
	colon := d.Mentions[mi].End
	if colon >= p.End || a.word(colon) != ":" || colon >= q.open {
		return -1, -1
	}
	if e := d.Mentions[mi].Entity; a.isAgent(e) {
		return e, a.sentenceOf(p.First)
	}
	return -1, -1
}

// reportedBefore2 attributes a quotation that opens a sentence and has no cue of its own to
// whoever reported speech, outside quotation marks, in the sentence before it in its
// paragraph ("Lee also said the firm would grow. "We are ready."").
func (a *analysis) reportedBefore2(q quoteSpan) (int, int) {
	d := a.d
	si := a.sentenceOf(q.open)
	s := &d.Sentences[si]
	if s.First != q.open && !(s.First+1 == q.open && d.Tokens[s.First].Kind == Punct) {
		return -1, -1
	}
	p := &d.Paragraphs[q.para]
	for back := 1; back <= 2 && si-back >= 0; back++ {
		ps := &d.Sentences[si-back]
		if ps.First < p.First {
			break
		}
		g := d.graph(a.lx, si-back)
		if g == nil {
			continue
		}
		for v := g.first; v < g.end; v++ {
			if g.quoted[v-g.first] || g.tag(v) != VERB {
				continue
			}
			if _, ok := a.lx.Speech(g.word(v)); !ok || g.negated[v-g.first] {
				continue
			}
			for _, e := range g.out[v-g.first] {
				if e.rel == "nsubj" {
					if sp := a.speakerOf(g, e.dep); sp >= 0 && a.isPerson(sp) {
						return sp, si - back
					}
				}
			}
		}
		if !strings.HasSuffix(d.SentenceText(si-back), "?") {
			break // only a question may stand between the report and the quotation
		}
	}
	return -1, -1
}
