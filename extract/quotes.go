package extract

import (
	"github.com/kg-news/kg/extract/lexicon"
	"strconv"
	"strings"
)

// speechNouns name something said: "a greeting", "his remarks", "a history lesson".
var speechNouns = map[string]bool{
	"remarks": true, "remark": true, "comments": true, "comment": true, "statement": true,
	"speech": true, "lesson": true, "message": true, "greeting": true, "claim": true,
	"claims": true, "description": true, "warning": true, "words": true, "interview": true,
	"address": true, "tweet": true, "post": true, "letter": true, "plea": true, "appeal": true,
	"pledge": true, "promise": true, "vow": true, "response": true, "reply": true, "answer": true,
	"view": true, "verdict": true, "assessment": true, "announcement": true, "declaration": true,
	"quip": true, "joke": true,
}

// plainSpeech are the verbs of saying that report words without a judgement on them, and
// so may follow a quotation that ends a sentence.
var plainSpeech = map[string]bool{
	"say": true, "tell": true, "add": true, "explain": true, "continue": true, "insist": true,
	"conclude": true, "write": true, "note": true, "reply": true, "respond": true, "answer": true,
	"ask": true, "state": true, "declare": true, "announce": true, "warn": true, "argue": true,
	"admit": true, "confirm": true, "claim": true, "remark": true, "comment": true,
}

// quoteSpan is one quotation in a paragraph: the marks and the words between them.
type quoteSpan struct {
	open, close int // token indices; close == paragraph end when the quotation runs on
	closed      bool
	para        int
}

// findQuotes finds the direct quotations of the article and attributes each to a speaker.
func (a *analysis) findQuotes() {
	d := a.d
	prevSpeaker, prevPara := -1, -2
	seen := map[string]bool{}
	for pi := range d.Paragraphs {
		p := &d.Paragraphs[pi]
		if p.Junk != "" {
			continue
		}
		spans := a.quoteSpans(pi)
		for qi, q := range spans {
			from, to := q.open+1, q.close
			for to > from && (a.word(to-1) == "," || a.word(to-1) == "—" || a.word(to-1) == "–") {
				to--
			}
			if to <= from {
				continue
			}
			si := a.sentenceOf(q.open)
			if d.Sentences[si].Kind == Junk || d.Sentences[si].Kind == Heading && d.Sentences[si].TitleCase {
				continue
			}
			speaker, cue, strong, rule := a.attribute(q, spans, qi)
			if speaker < 0 && q.closed {
				if sp, ok := a.describedCue(q, p.End); ok {
					if sp < 0 {
						// "…," said a protester: someone the article does not name, who
						// goes on speaking in the quotations after
						prevSpeaker, prevPara = -1, pi
						continue
					}
					speaker, cue, strong, rule = sp, a.sentenceOf(q.close), true, "order:described" // "…," said an aide, Ann Lee
				}
			}
			if speaker < 0 && qi > 0 && prevSpeaker >= 0 && a.continues(spans[qi-1], q) {
				speaker, cue, strong, rule = prevSpeaker, a.sentenceOf(spans[qi-1].close), true, "order:continues" // "…," he said. "…"
			}
			if speaker < 0 && qi == 0 && q.open == p.First && prevPara == pi-1 && prevSpeaker >= 0 {
				speaker, cue, strong, rule = prevSpeaker, si, true, "order:run-on" // a quotation running on from the last paragraph
			}
			if speaker < 0 {
				speaker, cue, rule = a.attributeParse(q, qi)
				strong = speaker >= 0
			}
			if speaker >= 0 && a.namesInThirdPerson(from, to, speaker) {
				continue // "Ann Lee was the heart of it": said of Lee, by someone else
			}
			if speaker < 0 || !a.isAgent(speaker) {
				continue
			}
			words := 0
			for k := from; k < to; k++ {
				if d.Tokens[k].Kind == Word || d.Tokens[k].Kind == Number {
					words++
				}
			}
			if a.isTitle(from, to) {
				continue // a name in quotation marks: a title, a slogan, a nickname
			}
			if words == 0 || words <= 2 && !strong {
				continue // a scare quote: a term, not speech
			}
			text := Span{d.Tokens[from].Start, d.Tokens[to-1].End}
			key := strconv.Itoa(speaker) + "|" + normKey(text.Text(d.Text))
			prevSpeaker, prevPara = speaker, pi
			a.speakers[cue] = speaker
			if seen[key] {
				continue
			}
			seen[key] = true
			d.Quotes = append(d.Quotes, Quotation{Span: text, Speaker: speaker, Sentence: cue, Rule: rule})
		}
	}
}

// namesInThirdPerson reports whether the quoted tokens [from, to) name entity e by its
// full name as the subject of a clause, which a speaker does not do of themselves.
func (a *analysis) namesInThirdPerson(from, to, e int) bool {
	d := a.d
	if !a.isPerson(e) {
		return false
	}
	if from < to {
		d.Parse(a.sentenceOf(from))
	}
	for k := from; k < to; k++ {
		mi := a.mentionAt[k]
		if mi < 0 || d.Mentions[mi].Entity != e || d.Mentions[mi].Kind != NameMention || d.Mentions[mi].First != k {
			continue
		}
		m := &d.Mentions[mi]
		if len(strings.Fields(m.Text(d.Text))) < 2 || m.Possessive {
			continue
		}
		if w := d.TokenWord(k); w >= 0 && strings.HasPrefix(d.Words[w].Rel, "nsubj") {
			return true
		}
	}
	return false
}

// isTitle reports whether the quoted tokens [from, to) read as a name: every word but the
// small ones capitalised ("Office in a Pocket", "Hope"), no mark that ends a sentence.
func (a *analysis) isTitle(from, to int) bool {
	d := a.d
	words := 0
	for k := from; k < to; k++ {
		t := &d.Tokens[k]
		switch t.Kind {
		case Word:
			if !titleSmallWords[t.Lower] {
				words++
			}
			if !t.Has(Cap) && !titleSmallWords[t.Lower] {
				return false
			}
			if t.Lower == "i" {
				return false
			}
		case Punct:
			if w := d.TokenText(k); w == "." || w == "!" || w == "?" || w == "," {
				return false
			}
		}
	}
	return words >= 2 && d.Tokens[from].Has(Cap)
}

// titleSmallWords stay lower case inside a title.
var titleSmallWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "and": true, "or": true,
	"for": true, "to": true, "at": true, "by": true, "with": true, "from": true, "vs": true, "vs.": true,
}

// continues reports whether quotation q carries on the one before it: nothing stands
// between them but the cue of the first ("…," Keller said at the press conference. "…").
func (a *analysis) continues(prev, q quoteSpan) bool {
	d := a.d
	if !prev.closed {
		return prev.close == q.open
	}
	if q.open-prev.close <= 1 {
		return true
	}
	// q opens the sentence after the one the first quotation closes in
	cue := a.sentenceOf(prev.close)
	si := a.sentenceOf(q.open)
	if si == cue+1 && d.Sentences[si].First == q.open {
		return true
	}
	return si == cue && q.open-prev.close <= 6 // "…," he said, "…"
}

// quoteSpans pairs the quotation marks of a paragraph. A new opening mark while one is
// open ends the first quotation there, as in a quotation that runs over several sentences
// of which each opens with a mark.
func (a *analysis) quoteSpans(pi int) []quoteSpan {
	d := a.d
	p := &d.Paragraphs[pi]
	var out []quoteSpan
	open := -1
	single := false
	for k := p.First; k < p.End; k++ {
		t := &d.Tokens[k]
		if t.Kind != Quote {
			continue
		}
		isSingle := t.Has(Single)
		if open >= 0 && isSingle != single {
			continue // a nested quotation of the other kind
		}
		switch {
		case t.Has(Open):
			if open >= 0 {
				out = append(out, quoteSpan{open: open, close: k, para: pi})
			}
			open, single = k, isSingle
		case t.Has(Close):
			if open >= 0 {
				out = append(out, quoteSpan{open: open, close: k, closed: true, para: pi})
				open = -1
			}
		}
	}
	if open >= 0 {
		out = append(out, quoteSpan{open: open, close: p.End, para: pi})
	}
	return out
}

// attribute finds who said quotation q: a cue after it ("…," Keller said / said X), a
// speech verb before it in its sentence (Keller said: "…" / Keller called it "…"), or a
// noun of speech (his remarks, a greeting). strong is false when the speaker comes only
// from the sentence around the quotation, which scare quotes share.
func (a *analysis) attribute(q quoteSpan, spans []quoteSpan, qi int) (speaker, cue int, strong bool, rule string) {
	d := a.d
	p := &d.Paragraphs[q.para]
	if q.closed {
		if sp, c := a.cueAfter(q, p.End); sp >= 0 {
			return sp, c, true, "order:cue-after"
		}
	}
	// a speech verb before the quotation in its sentence, else a noun of speech
	si := a.sentenceOf(q.open)
	s := &d.Sentences[si]
	// "He went on: "…"", "X told the BBC: "…"": after a colon, the subject of the clause
	if q.open-1 > s.First && a.word(q.open-1) == ":" {
		if fv := a.finiteVerbBefore(q.open - 1); fv >= 0 {
			if subj, neg := a.subjectOf(fv); !neg && len(subj) > 0 && a.isAgent(subj[0]) {
				return subj[0], si, true, "order:colon"
			}
		} else if v := a.verbBeforeColon(q.open-1, s.First); v >= 0 {
			if subj, neg := a.subjectOf(v); !neg && len(subj) > 0 && a.isAgent(subj[0]) {
				return subj[0], si, true, "order:colon"
			}
		}
	}
	for pass := 0; pass < 2; pass++ {
		for k := q.open - 1; k >= s.First; k-- {
			if d.Tokens[k].Kind == Quote && d.Tokens[k].Has(Close) {
				// skip the words of an earlier quotation
				for x := qi - 1; x >= 0; x-- {
					if spans[x].close == k {
						k = spans[x].open
						break
					}
				}
				continue
			}
			if a.mentionAt[k] >= 0 || d.Tokens[k].Kind != Word {
				continue
			}
			w := a.word(k)
			if pass == 0 {
				if _, ok := a.lx.Speech(w); ok {
					if sp := a.speechSubject(k, q, spans, qi); sp >= 0 {
						return sp, si, true, "order:speech-before"
					}
				}
				continue
			}
			if speechNouns[w] || w == "word" {
				if w == "words" || w == "word" {
					if sp, _ := a.wordsOf(q); sp >= 0 {
						return sp, si, true, "words-of" // "in the words of the prosecutor, Ann Lee,"
					}
				}
				if sp := a.nounSpeaker(k); sp >= 0 {
					return sp, si, q.open-k <= 4 && !strings.HasSuffix(w, "s") || w == "greeting", "order:speech-noun"
				}
			}
		}
	}
	return -1, -1, false, ""
}

// cueAfter reads "…," Keller said / "…," said Keller / "…," he added after a closed
// quotation.
func (a *analysis) cueAfter(q quoteSpan, end int) (int, int) {
	d := a.d
	j := a.cueStart(q, end)
	if j >= end {
		return -1, -1
	}
	endsSentence := false
	if q.close-1 > q.open {
		lw := a.word(q.close - 1)
		endsSentence = lw == "."
	}
	si := a.sentenceOf(j)
	// said X / according to X
	w := a.word(j)
	if w == "according" && a.word(j+1) == "to" {
		if e := a.entityAt(j + 2); e >= 0 {
			return e, si
		}
	}
	if _, ok := a.lx.Speech(w); ok && d.Tokens[j].Kind == Word && !endsSentence {
		k := j + 1
		for k < end && (a.word(k) == "the" || adverbs[a.word(k)]) && a.mentionAt[k] < 0 {
			k++
		}
		// "said retail analyst Ann Lee": words that describe the speaker before the title
		k = a.pastDescription(k, end)
		if k < end {
			if e := a.entityAt(k); e >= 0 {
				// "said Acme engineer Ann Lee": the body names whom the speaker works for
				if mi := a.mentionAt[k]; mi >= 0 && !a.isPerson(e) {
					n := a.pastDescription(d.Mentions[mi].End, end)
					if n > d.Mentions[mi].End && n < end {
						if pe := a.entityAt(n); pe >= 0 && a.isPerson(pe) && a.mentionAt[n] >= 0 {
							return pe, si
						}
					}
				}
				return e, si
			}
		}
		return -1, -1
	}
	// X said, where X may be a long description: "the president's former adviser X said"
	e, after := -1, -1
	for k := j; k < end && k < j+14; k++ {
		t := &d.Tokens[k]
		if t.Kind == Quote || isTerminal(d, t) || a.word(k) == ";" {
			return -1, -1
		}
		if a.mentionAt[k] >= 0 {
			continue
		}
		if a.word(k) == "," && k > j && a.mentionAt[k-1] >= 0 {
			// "X, senior economist at Harbor Capital, said"
			if c := a.appositionEnd(k, end); c > 0 {
				if _, ok := a.lx.Speech(a.word(c + 1)); ok && !(endsSentence && a.reportsClause(c+1, si)) {
					if sp := d.Mentions[a.mentionAt[k-1]].Entity; sp >= 0 {
						return sp, si
					}
				}
			}
		}
		if _, ok := a.lx.Speech(a.word(k)); !ok || t.Kind != Word {
			// only the words of a noun phrase may stand between the quotation and its verb
			w := a.word(k)
			np := t.Kind == Poss || determiners[w] || adverbs[w] || auxiliaries[w] || a.lx.IsModifier(w) ||
				a.isRoleWord(w) || pronounGender(w) != 0 || strings.HasSuffix(w, "ly")
			if !np {
				return -1, -1
			}
			continue
		}
		b := k - 1
		for b >= j && (adverbs[a.word(b)] || auxiliaries[a.word(b)] || strings.HasSuffix(a.word(b), "ly") && a.mentionAt[b] < 0) {
			b--
		}
		if b < j {
			return -1, -1
		}
		if mi := a.mentionAt[b]; mi >= 0 {
			e = d.Mentions[mi].Entity
		} else if w := a.word(b); w == "he" || w == "she" {
			e = a.cuePronoun(b)
		} else if w == "it" {
			e = a.itSpeaker(b) // "…," it noted: the organisation the text was about
		}
		after = k
		break
	}
	if after < 0 || e < 0 {
		return -1, -1
	}
	if lemma, _ := a.lx.Speech(a.word(after)); lemma == "report" && a.speechVerbBefore(q) {
		// "Roe called it "a breach", Acme News reported": the outlet reports Roe's words
		return -1, -1
	}
	if endsSentence {
		// "…." He said that … is a new sentence about something else
		n := a.word(after + 1)
		if n == "that" || n == "he" || n == "she" || n == "it" || n == "they" || n == "the" {
			return -1, -1
		}
		// "…." X described Y as …: a verb with an object of its own opens a new sentence;
		// a cue after a full sentence is a plain verb of saying ("…." X added.)
		if lemma, _ := a.lx.Speech(a.word(after)); !plainSpeech[lemma] && a.mentionOf(after+1) >= 0 {
			return -1, -1
		}
		if a.reportsClause(after, si) {
			return -1, -1
		}
	}
	return e, si
}

// reportsClause reports whether the verb of saying at token v reports a clause of its
// own ("Acme, meanwhile, says it will …"), and so is no cue for the quotation before.
func (a *analysis) reportsClause(v, si int) bool {
	g := a.d.graph(a.lx, si)
	if g == nil {
		return false
	}
	w := a.d.TokenWord(v)
	return w >= g.first && w < g.end && g.child(w, "ccomp", "xcomp") >= 0
}

// describesSpeaker reports whether token k is a lower-case word that may stand in a
// description of a speaker before the name: a noun or a modifier, no verb or function word.
func (a *analysis) describesSpeaker(k int) bool {
	t := &a.d.Tokens[k]
	w := a.word(k)
	if t.Kind != Word || t.Has(Cap) || functionWords[w] || prepositions[w] || determiners[w] || auxiliaries[w] || pronounWords[w] {
		return false
	}
	if a.lx.IsModifier(w) || a.isRoleWord(w) {
		return true
	}
	return a.lx.IsWord(w) && !isVerbish(a.lx, w) && !strings.HasSuffix(w, "ly")
}

// cuePronoun resolves "he" in "…," he said: the speaker of the last quotation, else the
// subject of a recent sentence.
func (a *analysis) cuePronoun(k int) int {
	si := a.sentenceOf(k)
	g := pronounGender(a.word(k))
	for back := 0; back <= 4 && si-back >= 0; back++ {
		p := si - back
		if sp := a.speakers[p]; sp >= 0 && a.isPerson(sp) && a.genderOK(sp, g) {
			return sp
		}
		if back == 0 {
			continue
		}
		if sp := a.reporter(p); sp >= 0 && a.genderOK(sp, g) {
			return sp
		}
		if s := a.sentenceSubject(p); s >= 0 && a.isPerson(s) && a.genderOK(s, g) {
			return s
		}
	}
	return a.pronoun(k)
}

// speechSubject finds who speaks through the speech verb at token v before a quotation.
func (a *analysis) speechSubject(v int, q quoteSpan, spans []quoteSpan, qi int) int {
	w := a.word(v)
	if strings.HasSuffix(w, "ing") {
		// "adding, "…"": the speaker of the quotation before, or the subject of the main verb
		if qi > 0 && spans[qi-1].close < v && a.sentenceOf(spans[qi-1].open) == a.sentenceOf(v) {
			if sp := a.speakers[a.sentenceOf(v)]; sp >= 0 {
				return sp
			}
		}
		if subj, _ := a.subjectOf(v); len(subj) > 0 {
			return subj[0]
		}
		if fv := a.finiteVerbBefore(v); fv >= 0 {
			if subj, _ := a.subjectOf(fv); len(subj) > 0 {
				return subj[0]
			}
		}
		return a.sentenceSubject(a.sentenceOf(v))
	}
	if subj, _ := a.subjectOf(v); len(subj) > 0 {
		return subj[0]
	}
	// "In a written reply, it said: "…"": the organisation the text is about
	k := v - 1
	for k >= 0 && (adverbs[a.word(k)] || auxiliaries[a.word(k)]) {
		k--
	}
	if k >= 0 && a.word(k) == "it" {
		return a.itSpeaker(k)
	}
	// "X praised Y and said the … should "…"": the subject of the sentence
	if v-1 >= 0 && (a.word(v-1) == "and" || a.word(v-1) == "," || a.word(v-1) == "but") {
		return a.sentenceSubject(a.sentenceOf(v))
	}
	// "what Morozov described as": the entity right before, after a relative word
	return -1
}

// nounSpeaker finds whose words a speech noun names: its possessor, else the nearest
// person before it in the sentence.
func (a *analysis) nounSpeaker(n int) int {
	d := a.d
	s := &d.Sentences[a.sentenceOf(n)]
	for k := n - 1; k >= s.First; k-- {
		if d.Tokens[k].Kind == Quote {
			return -1
		}
		if e := a.entityAt(k); e >= 0 && a.isAgent(e) {
			return e
		}
	}
	return -1
}

// appositionEnd returns the comma that closes an apposition opened by the comma at token
// k (", senior economist at Harbor Capital,"), or -1.
func (a *analysis) appositionEnd(k, end int) int {
	d := a.d
	for c := k + 1; c < end && c < k+12; c++ {
		t := &d.Tokens[c]
		if t.Kind == Quote || isTerminal(d, t) || a.word(c) == ";" {
			return -1
		}
		if a.word(c) == "," {
			if c > k+1 && a.parenthetical(k+1, c) {
				return c
			}
			return -1
		}
		if a.mentionAt[c] < 0 && t.Kind == Word && (auxiliaries[a.word(c)] || a.isFiniteVerb(c)) {
			return -1
		}
	}
	return -1
}

// isFiniteVerb reports whether token k is a past or third-person verb form.
func (a *analysis) isFiniteVerb(k int) bool {
	_, form, _, ok := a.analyzeVerb(a.word(k))
	return ok && (form == lexicon.PastForm || form == lexicon.ThirdPerson)
}

// itSpeaker resolves "it" before a speech verb: the organisation that last spoke or was the
// subject of one of the three sentences before.
func (a *analysis) itSpeaker(k int) int {
	si := a.sentenceOf(k)
	if s := a.sentenceSubject(si); s >= 0 && a.d.Entities[s].Type == Organization && a.subjectBefore(si, k) {
		return s // "Northwind has said it believes"
	}
	for back := 1; back <= 3 && si-back >= 0; back++ {
		p := si - back
		if a.d.Sentences[p].Kind == Junk {
			continue
		}
		if sp := a.speakers[p]; sp >= 0 && a.d.Entities[sp].Type == Organization {
			return sp
		}
		if s := a.sentenceSubject(p); s >= 0 && a.d.Entities[s].Type == Organization {
			return s
		}
	}
	return -1
}

// verbBeforeColon returns the finite verb of the clause that ends at the colon at token c
// ("He went on:"), or -1.
func (a *analysis) verbBeforeColon(c, first int) int {
	for j := c - 1; j >= first && j >= c-6; j-- {
		if a.mentionAt[j] < 0 && a.d.Tokens[j].Kind == Word && a.isFiniteVerb(j) {
			return j
		}
	}
	return -1
}

// speechVerbBefore reports whether a verb of saying, outside any name, comes before
// quotation q in its sentence.
func (a *analysis) speechVerbBefore(q quoteSpan) bool {
	s := &a.d.Sentences[a.sentenceOf(q.open)]
	for k := s.First; k < q.open; k++ {
		if a.mentionAt[k] >= 0 || a.d.Tokens[k].Kind != Word {
			continue
		}
		if _, ok := a.lx.Speech(a.word(k)); ok {
			return true
		}
	}
	return false
}

// describedCue reads a cue right after closed quotation q that describes its speaker
// instead of naming them: "…," said a protester; "…," one resident said. ok says whether
// there is one; speaker is the person the description goes on to name ("said a protester
// who gave her name as Ann Lee"), -1 for someone the article does not name.
func (a *analysis) describedCue(q quoteSpan, end int) (speaker int, ok bool) {
	j := a.cueStart(q, end)
	if j+1 >= end {
		return -1, false
	}
	if _, ok := a.lx.Speech(a.word(j)); ok && a.d.Tokens[j].Kind == Word {
		j++
	}
	switch a.word(j) {
	case "a", "an", "one", "another":
	default:
		return -1, false
	}
	for k := j + 1; k < end && k < j+8; k++ {
		if mi := a.mentionAt[k]; mi >= 0 && a.d.Mentions[mi].Kind == NameMention {
			if e := a.d.Mentions[mi].Entity; e >= 0 && a.isPerson(e) {
				return e, true
			}
			return -1, true
		}
		if w := a.word(k); w == "," || w == ";" || isTerminal(a.d, &a.d.Tokens[k]) {
			break
		}
	}
	return -1, true
}

// cueStart returns the first token after closed quotation q past the commas and dashes
// that join it to a cue ("…," said; "…" — said), end at most.
func (a *analysis) cueStart(q quoteSpan, end int) int {
	j := q.close + 1
	for j < end && (a.word(j) == "," || a.word(j) == "—" || a.word(j) == "–") {
		j++
	}
	return j
}

// pastDescription returns the token after the words, three at most, from token k that
// describe a speaker before their name or title ("retail analyst" of "said retail analyst
// Ann Lee").
func (a *analysis) pastDescription(k, end int) int {
	for n := 0; n < 3 && k+1 < end && a.mentionAt[k] < 0 && a.describesSpeaker(k); n++ {
		k++
	}
	return k
}
