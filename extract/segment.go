package extract

import (
	"unicode"
	"unicode/utf8"
)

// sentenceStarters are capitalised words that begin sentences; after "U.S." one of them
// means a new sentence, any other capitalised word continues the name ("U.S. President").
var sentenceStarters = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true,
	"we": true, "i": true, "you": true, "but": true, "and": true, "or": true, "so": true,
	"this": true, "that": true, "these": true, "those": true, "there": true, "his": true,
	"her": true, "its": true, "their": true, "our": true, "my": true, "in": true, "on": true,
	"at": true, "as": true, "after": true, "before": true, "while": true, "when": true,
	"if": true, "however": true, "meanwhile": true, "still": true, "yet": true, "for": true,
	"with": true, "without": true, "despite": true, "although": true, "though": true,
	"both": true, "neither": true, "no": true, "not": true, "what": true, "who": true,
	"why": true, "how": true, "where": true, "instead": true, "then": true, "now": true,
	"later": true, "earlier": true, "since": true, "during": true, "many": true, "some": true,
	"officials": true, "critics": true, "analysts": true,
}

// segment splits the text into paragraphs, tokens and sentences.
func segment(d *Document) {
	text := d.Text
	if d.Tokens == nil {
		d.Tokens = make([]Token, 0, len(text)/5+8) // English news runs about 5.5 bytes a token
	}
	start := 0
	for start <= len(text) {
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		if s, e := trimSpace(text, start, end); s < e {
			p := Paragraph{Span: Span{s, e}, First: len(d.Tokens)}
			d.Tokens = tokenize(text, s, e, d.Tokens)
			p.End = len(d.Tokens)
			if p.End > p.First {
				d.Paragraphs = append(d.Paragraphs, p)
			}
		}
		start = end + 1
	}
	for pi := range d.Paragraphs {
		p := &d.Paragraphs[pi]
		classifyQuotes(d, p)
		splitSentences(d, pi)
	}
	markHeadings(d)
}

func trimSpace(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) && r != '\u00a0' && r != '\ufeff' && r != '\u200b' {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) && r != '\u00a0' && r != '\ufeff' && r != '\u200b' {
			break
		}
		e -= size
	}
	return s, e
}

// classifyQuotes decides which quotation marks of a paragraph open and which close, from
// the spacing around them first and the glyph second: news text often uses the wrong
// curly quote, but rarely the wrong spacing.
func classifyQuotes(d *Document, p *Paragraph) {
	text := d.Text
	openDouble, openSingle := false, false
	for i := p.First; i < p.End; i++ {
		t := &d.Tokens[i]
		if t.Kind != Quote {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[t.Start:])
		before := t.Start == p.Start || spaceOrOpener(lastRune(text[p.Start:t.Start]))
		after := t.End >= p.Span.End || spaceOrCloser(firstRune(text[t.End:p.Span.End]))
		var open bool
		switch {
		case before && !after:
			open = true
		case !before && after:
			open = false
		default:
			switch r {
			case '“', '„', '«', '‘', '‚', '‹':
				open = true
			case '”', '»', '’', '›':
				open = false
			default:
				if t.Has(Single) {
					open = !openSingle
				} else {
					open = !openDouble
				}
			}
		}
		if t.Has(Single) {
			if !open && !openSingle {
				// a closing single mark with none open: an apostrophe ("the players' union")
				if i > p.First && d.Tokens[i-1].Kind == Word && d.Tokens[i-1].End == t.Start {
					t.Kind = Poss
				}
				continue
			}
			openSingle = open
		} else {
			openDouble = open
		}
		if open {
			t.Flags |= Open
		} else {
			t.Flags |= Close
		}
	}
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func spaceOrOpener(r rune) bool {
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '–' || r == '\u00a0' || r == utf8.RuneError
}

func spaceOrCloser(r rune) bool {
	switch r {
	case ',', '.', ';', ':', '!', '?', ')', ']', '…', '—', '–', '-', utf8.RuneError:
		return true
	}
	return unicode.IsSpace(r) || r == '\u00a0' || isQuoteRune(r)
}

func isTerminal(d *Document, t *Token) bool {
	if t.Kind != Punct {
		return false
	}
	switch d.Text[t.Start:t.End] {
	case ".", "!", "?", "…":
		return true
	}
	return false
}

// splitSentences cuts paragraph pi into sentences.
func splitSentences(d *Document, pi int) {
	p := &d.Paragraphs[pi]
	first := p.First
	for i := p.First; i < p.End; i++ {
		t := &d.Tokens[i]
		boundary := false
		j := i + 1
		switch {
		case isTerminal(d, t):
			// absorb closing quotes and brackets, and repeated marks, within the bound
			for j < p.End && j-first < maxSentenceTokens && (d.Tokens[j].Has(Close) || isTerminal(d, &d.Tokens[j]) || d.TokenText(j) == ")") {
				j++
			}
			boundary = j < p.End && startsSentence(d, j)
		case t.Has(Abbrev) && t.Kind == Word:
			if j < p.End {
				w := t.Lower[:len(t.Lower)-1]
				n := &d.Tokens[j]
				switch {
				case countLetters(t.Lower) == 1:
					// an initial: "John F. Kennedy"
				case abbreviations[w]:
					boundary = abbrevCanEnd[w] && n.Kind == Word && n.Has(Cap) && sentenceStarters[n.Lower]
				default:
					// U.S., U.K., a.m.: a new sentence only before a usual sentence opener
					boundary = n.Kind == Word && n.Has(Cap) && sentenceStarters[n.Lower] && n.Lower != "no"
				}
			}
		}
		if !boundary && i+1-first >= maxSentenceTokens {
			boundary, j = true, i+1
		}
		if boundary {
			addSentence(d, pi, first, j)
			first = j
			i = j - 1
		}
	}
	if first < p.End {
		addSentence(d, pi, first, p.End)
	}
}

// startsSentence reports whether token j can begin a sentence.
func startsSentence(d *Document, j int) bool {
	t := &d.Tokens[j]
	switch t.Kind {
	case Word:
		return t.Has(Cap) || !unicode.IsLetter(firstRune(d.Text[t.Start:]))
	case Number:
		return true
	case Quote:
		if t.Has(Open) && j+1 < len(d.Tokens) {
			return startsSentence(d, j+1)
		}
		return t.Has(Open)
	case Punct:
		s := d.TokenText(j)
		return s == "(" || s == "[" || s == "—" || s == "-" || s == "•" || s == "*"
	}
	return false
}

func addSentence(d *Document, pi, first, end int) {
	s := Sentence{Span: Span{d.Tokens[first].Start, d.Tokens[end-1].End}, First: first, End: end, Para: pi}
	// the first word of a sentence, after any opening marks
	for k := first; k < end; k++ {
		if d.Tokens[k].Kind == Word || d.Tokens[k].Kind == Number {
			d.Tokens[k].Flags |= Initial
			break
		}
	}
	d.Sentences = append(d.Sentences, s)
}

// markHeadings marks the headline and other lines that end without sentence punctuation,
// and sentences written in title case.
func markHeadings(d *Document) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		p := &d.Paragraphs[s.Para]
		words, caps := 0, 0
		for k := s.First; k < s.End; k++ {
			t := &d.Tokens[k]
			if t.Kind != Word || len(t.Lower) < 4 && !t.Has(Cap) {
				continue // short function words are lower case in title case too
			}
			words++
			if t.Has(Cap) {
				caps++
			}
		}
		s.TitleCase = words >= 3 && caps*10 >= words*7
		if s.End != p.End {
			continue // not the last sentence of its paragraph
		}
		last := &d.Tokens[s.End-1]
		ended := isTerminal(d, last) || last.Has(Close) && s.End-2 >= s.First && (isTerminal(d, &d.Tokens[s.End-2]) || d.TokenText(s.End-2) == ",")
		if !ended {
			s.Kind = Heading
		}
	}
	if len(d.Sentences) > 0 && d.Sentences[0].Kind == Heading && d.Sentences[0].Para == 0 {
		d.Sentences[0].Kind = Title
		d.Title = d.SentenceText(0)
	}
}
