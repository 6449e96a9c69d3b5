package extract

import (
	"sort"
	"strings"

	"github.com/kg-news/kg/extract/lexicon"
)

// navigation is page furniture that appears as a line of its own.
var navigation = map[string]bool{
	"back": true, "top": true, "back to top": true, "menu": true, "share": true, "share this": true,
	"share this article": true, "related": true, "related stories": true, "related articles": true,
	"related content": true, "read more": true, "more": true, "see also": true, "advertisement": true,
	"comments": true, "comment": true, "reply": true, "sign up": true, "subscribe": true,
	"log in": true, "login": true, "home": true, "skip to content": true, "updated on": true,
	"updated": true, "no stories found.": true, "more stories": true, "you may also like": true,
	"recommended": true, "trending": true, "most read": true, "newsletter": true, "print": true,
	"email": true, "facebook": true, "twitter": true, "whatsapp": true, "linkedin": true,
	"follow us": true, "close": true, "next": true, "previous": true, "loading": true,
	"loading...": true, "click here": true, "watch": true, "listen": true, "play": true,
}

// relatedHeaders start a block of links to other stories.
var relatedHeaders = map[string]bool{
	"related stories": true, "related articles": true, "related": true, "read more": true,
	"more stories": true, "you may also like": true, "see also": true, "more on this story": true,
	"recommended": true, "most read": true, "trending": true, "related content": true,
}

// creditWords name photo agencies and credit lines.
var creditMarkers = []string{"ap photo", "getty images", "afp via getty", "reuters/", "photo:", "photo credit",
	"image:", "image credit", "picture:", "(ap)", "(reuters)", "/ap", "/reuters", "/afp", "/getty", "©", "copyright"}

// functionWords are the commonest English words; with the dictionary they tell English
// text from other languages.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "in": true, "on": true, "at": true,
	"for": true, "with": true, "by": true, "from": true, "and": true, "or": true, "but": true,
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "has": true,
	"have": true, "had": true, "it": true, "he": true, "she": true, "they": true, "we": true,
	"i": true, "you": true, "that": true, "this": true, "not": true, "as": true, "his": true,
	"her": true, "their": true, "its": true, "will": true, "would": true, "said": true,
}

// markJunk finds paragraphs and sentences that are page furniture rather than the story,
// and marks their sentences Junk so that no stage extracts from them.
func markJunk(d *Document, lx *lexicon.Lexicon) {
	n := len(d.Paragraphs)
	for pi := range d.Paragraphs {
		p := &d.Paragraphs[pi]
		if p.Junk == "" {
			p.Junk = junkReason(d, lx, pi)
		}
		if relatedHeaders[strings.ToLower(strings.TrimRight(p.Text(d.Text), ":"))] {
			// every following line that is only a headline belongs to the related block
			for k := pi + 1; k < n && paragraphIsHeading(d, k); k++ {
				d.Paragraphs[k].Junk = "related stories"
			}
		}
	}
	markComments(d)
	markCommentRun(d)
	// a run of headline-like lines among the page furniture at its end are links to other
	// stories
	var run []int
	for pi := n - 1; pi > 0; pi-- {
		if d.Paragraphs[pi].Junk != "" {
			continue
		}
		if !paragraphIsHeading(d, pi) {
			break
		}
		run = append(run, pi)
	}
	if len(run) >= 2 {
		for _, pi := range run {
			d.Paragraphs[pi].Junk = "links"
		}
	}
	for pi := range d.Paragraphs {
		if d.Paragraphs[pi].Junk == "feed footer" {
			recoverFeedTitle(d, pi)
		}
	}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		if d.Paragraphs[s.Para].Junk != "" && s.Kind != Title {
			s.Kind = Junk
			continue
		}
		if s.Kind == Heading && s.End > s.First && (d.TokenText(s.End-1) == ":" || d.TokenText(s.End-1) == ",") && !s.TitleCase {
			s.Kind = Body // a lead-in to what follows ("Lee wrote on her blog:"), parsed as prose
			continue
		}
		if s.Kind == Heading && isCredit(d, s) {
			s.Kind = Junk
		}
	}
}

func paragraphIsHeading(d *Document, pi int) bool {
	for si := range d.Sentences {
		if d.Sentences[si].Para == pi {
			last := si
			for last+1 < len(d.Sentences) && d.Sentences[last+1].Para == pi {
				last++
			}
			return d.Sentences[last].Kind == Heading && d.Sentences[last].TitleCase
		}
	}
	return false
}

func junkReason(d *Document, lx *lexicon.Lexicon, pi int) string {
	p := &d.Paragraphs[pi]
	raw := p.Text(d.Text)
	short := p.End-p.First <= 12
	if short {
		low := strings.ToLower(raw)
		switch {
		case navigation[low], navigation[strings.TrimRight(low, ".:")]:
			return "navigation"
		case isReadTime(low), isDomain(low):
			return "navigation"
		case strings.HasPrefix(low, "read more "):
			return "navigation"
		}
	}
	if strings.HasPrefix(raw, "The post ") && strings.Contains(raw, " appeared first on ") {
		return "feed footer"
	}
	if strings.ContainsAny(raw, "/©(,") || strings.Contains(raw, "Photo") || strings.Contains(raw, "photo") {
		low := strings.ToLower(raw)
		caption := isCaption(low)
		if p.End-p.First < 60 || caption {
			for _, m := range creditMarkers {
				if strings.Contains(low, m) {
					return "credit"
				}
			}
		}
		if caption {
			return "caption"
		}
	}
	if isNameList(d, p) {
		return "list of names"
	}
	if foreign(d, lx, p) {
		return "other language"
	}
	return ""
}

// isNameList recognises a paragraph that only lists names, as team sheets do: capitalised
// words separated by commas, with no verb.
func isNameList(d *Document, p *Paragraph) bool {
	words, caps, commas := 0, 0, 0
	for i := p.First; i < p.End; i++ {
		t := &d.Tokens[i]
		switch {
		case t.Kind == Word:
			words++
			if t.Has(Cap) {
				caps++
			}
		case d.TokenText(i) == "," || d.TokenText(i) == ";":
			commas++
		}
	}
	return commas >= 4 && caps*10 >= words*8 && commas*3 >= words
}

// recoverFeedTitle finds the article's headline in a feed footer ("The post <headline>
// appeared first on <site>.") and makes it a title sentence of its own, the rest of the
// footer staying junk.
func recoverFeedTitle(d *Document, pi int) {
	p := &d.Paragraphs[pi]
	from, to := p.First+2, -1
	for k := from; k+2 < p.End; k++ {
		if d.Tokens[k].Lower == "appeared" && d.Tokens[k+1].Lower == "first" && d.Tokens[k+2].Lower == "on" {
			to = k
			break
		}
	}
	if to <= from {
		return
	}
	// replace the paragraph's sentences by junk, title, junk
	var out []Sentence
	for _, s := range d.Sentences {
		if s.Para != pi {
			out = append(out, s)
			continue
		}
		if s.First != p.First {
			continue
		}
		mk := func(a, b int, kind SentenceKind) Sentence {
			return Sentence{Span: Span{d.Tokens[a].Start, d.Tokens[b-1].End}, First: a, End: b, Para: pi, Kind: kind, TitleCase: kind == Title}
		}
		out = append(out, mk(p.First, from, Junk), mk(from, to, Title), mk(to, p.End, Junk))
		d.Tokens[from].Flags |= Initial
	}
	d.Sentences = out
	if d.Title == "" {
		d.Title = d.Text[d.Tokens[from].Start:d.Tokens[to-1].End]
	}
}

// isDomain matches a line that is only a web address ("example.com").
func isDomain(low string) bool {
	if strings.ContainsAny(low, " \t") || !strings.Contains(low, ".") {
		return false
	}
	for _, tld := range []string{".com", ".org", ".net", ".co.uk", ".io", ".news", ".info", ".gov", ".edu"} {
		if strings.HasSuffix(strings.TrimSuffix(low, "/"), tld) {
			return true
		}
	}
	return strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "www.")
}

// isReadTime matches "2 min read", "5 minute read".
func isReadTime(low string) bool {
	if !strings.HasSuffix(low, "read") {
		return false
	}
	f := strings.Fields(low)
	return len(f) == 3 && f[2] == "read" && (f[1] == "min" || f[1] == "mins" || f[1] == "minute" || f[1] == "minutes")
}

// isCaption recognises photo captions by the position words photographers use.
func isCaption(low string) bool {
	for _, m := range []string{", right,", ", left,", ", center,", ", centre,", "(l)", "(r)", "(c)", " pictured ", "(pictured)", ", second left,", ", second right,", "from left,", "from left:"} {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

// foreign reports whether a paragraph is mostly not English: fewer than six in ten of its
// first 40 lower-case words are function words or dictionary words. Function words are
// counted first; the dictionary, a far larger map, is asked only until the count is
// settled either way.
func foreign(d *Document, lx *lexicon.Lexicon, p *Paragraph) bool {
	var others [40]string
	words, english, n := 0, 0, 0
	for i := p.First; i < p.End && words < 40; i++ {
		t := &d.Tokens[i]
		if t.Kind != Word || t.Has(Cap) || len(t.Lower) < 2 {
			continue
		}
		words++
		if functionWords[t.Lower] {
			english++
		} else {
			others[n] = t.Lower
			n++
		}
	}
	if words < 4 {
		return false
	}
	need := (words*6 + 9) / 10 // english*10 >= words*6
	for k := 0; k < n && english < need && english+n-k >= need; k++ {
		if w := others[k]; lx.IsWord(w) || lx.IsWord(strings.TrimSuffix(w, "s")) {
			english++
		}
	}
	return english < need
}

// isCredit reports whether a heading sentence is a credit line ("Associated Press",
// "AP Photo/Jane Doe"): a few capitalised words after a sentence, with no verb.
func isCredit(d *Document, s *Sentence) bool {
	if s.First > d.Paragraphs[s.Para].First && s.End-s.First <= 6 {
		return true // a fragment after the sentences of a caption
	}
	return false
}

// markComments finds reader comments at the end of a page: short paragraphs after the
// story that speak to "you" outside any quotation, usually set off by navigation lines.
func markComments(d *Document) {
	n := len(d.Paragraphs)
	end := n
	for end > 0 && d.Paragraphs[end-1].Junk != "" {
		end--
	}
	if end == n {
		return // comments are followed by page furniture ("Reply", "Back", "Top")
	}
	k := end
	for k > 0 {
		p := &d.Paragraphs[k-1]
		if p.Junk != "" || !secondPerson(d, p) || p.End-p.First > 80 {
			break
		}
		k--
	}
	for i := k; i < end; i++ {
		d.Paragraphs[i].Junk = "reader comment"
	}
}

// secondPerson reports whether a paragraph addresses "you" outside quotation marks.
func secondPerson(d *Document, p *Paragraph) bool {
	return anyOutsideQuotes(d, p, func(i int) bool {
		t := &d.Tokens[i]
		return t.Kind == Word && (t.Lower == "you" || t.Lower == "your" || t.Lower == "you're" || t.Lower == "you’re")
	})
}

// anyOutsideQuotes reports whether f holds for a token of p outside quotation marks.
func anyOutsideQuotes(d *Document, p *Paragraph, f func(i int) bool) bool {
	inQuote := false
	for i := p.First; i < p.End; i++ {
		t := &d.Tokens[i]
		switch {
		case t.Kind == Quote && t.Has(Open):
			inQuote = true
		case t.Kind == Quote && t.Has(Close):
			inQuote = false
		case !inQuote && f(i):
			return true
		}
	}
	return false
}

// markCommentRun finds the reader comments some pages append to a story without any
// navigation around them: a run of at least five short paragraphs at the end, most of them
// written in the first or second person or as questions and exclamations, none reporting
// what someone said.
func markCommentRun(d *Document) {
	n := len(d.Paragraphs)
	end := n
	for end > 0 && d.Paragraphs[end-1].Junk != "" {
		end--
	}
	if end == 0 || !commentVoice(d, &d.Paragraphs[end-1]) {
		return // the last word is the story's
	}
	k, personal, words := end, 0, 0
	var lengths []int
	for k > 0 {
		p := &d.Paragraphs[k-1]
		size := p.End - p.First
		if p.Junk != "" || size > 120 || reportsSpeech(d, p) {
			// one long or reporting comment inside a run of them: more comments before it
			if end-k < 5 || p.Junk != "" || !commentVoice(d, p) || k < 2 || !commentVoice(d, &d.Paragraphs[k-2]) || d.Paragraphs[k-2].End-d.Paragraphs[k-2].First > 90 {
				break
			}
		}
		if commentVoice(d, p) {
			personal++
		}
		lengths = append(lengths, size)
		words += size
		k--
	}
	run := end - k
	if run < 5 || k < 3 || personal*10 < run*6 {
		return
	}
	sort.Ints(lengths)
	if lengths[len(lengths)/2] > 45 {
		return // long paragraphs in the first person: a column, not comments
	}
	// the run starts at its first paragraph in a reader's voice
	for k < end && !commentVoice(d, &d.Paragraphs[k]) {
		k++
	}
	for i := k; i < end; i++ {
		d.Paragraphs[i].Junk = "reader comment"
	}
}

// commentVoice reports whether a paragraph speaks as a reader: "I", "my", "we", "you"
// outside quotation marks, or a question or an exclamation.
func commentVoice(d *Document, p *Paragraph) bool {
	return anyOutsideQuotes(d, p, func(i int) bool {
		t := &d.Tokens[i]
		switch t.Kind {
		case Word:
			switch t.Lower {
			case "i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "my", "me", "we", "our", "you", "your", "you're", "you’re":
				return true
			}
		case Punct:
			w := d.TokenText(i)
			return w == "?" || w == "!"
		}
		return false
	})
}

// reportsSpeech reports whether a paragraph attributes words to someone: "said", "told",
// "according to" next to a name or a quotation mark.
func reportsSpeech(d *Document, p *Paragraph) bool {
	for i := p.First; i < p.End; i++ {
		switch d.Tokens[i].Lower {
		case "said", "says", "told", "added", "according":
			for j := i - 2; j <= i+3; j++ {
				if j < p.First || j >= p.End || j == i {
					continue
				}
				t := &d.Tokens[j]
				if t.Kind == Quote || t.Kind == Word && t.Has(Cap) && !t.Has(Initial) {
					return true
				}
			}
		}
	}
	return false
}
