package extract

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// StatedDate is a date a sentence states ("on Friday", "last March", "5 May 2024"),
// resolved to a calendar date at the precision the text gives.
type StatedDate struct {
	Span         // the words that state it
	Sentence int // index into Document.Sentences
	// Value is the date in ISO 8601 at its precision: "2025-08-15", "2025-03" or "2025".
	Value string
}

// The dates pass reads each sentence on its own with a small scanner of its own (words
// and numbers, case kept), so that it depends on nothing but the sentence boundaries.
// Words that name a date only relative to another ("on Friday", "last year") are resolved
// against the article's date (Meta.Published) and dropped when the article has none;
// dates that name their year ("5 May 2024", "in 2019") need nothing.

// weekdays and months name their words; "sept" and "sep" are the usual short forms.
var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// ambiguousMonths are month names that are also common words ("may", "march"): they name
// a month only beside a day, a year, or a word that introduces a date.
var ambiguousMonths = map[string]bool{"may": true, "march": true, "mar": true, "jan": true, "jun": true, "dec": true, "aug": true}

// datePreps introduce a month or a year ("in March", "since 2019").
var datePreps = map[string]bool{
	"in": true, "on": true, "since": true, "until": true, "till": true, "by": true, "during": true, "from": true,
	"before": true, "after": true, "of": true, "early": true, "late": true, "mid": true, "last": true,
	"next": true, "this": true, "throughout": true, "through": true,
}

// futureWords make a weekday or month without "last" or "next" point forward: "will meet
// on Friday" is the coming Friday, "met on Friday" the last one.
var futureWords = map[string]bool{
	"will": true, "shall": true, "due": true, "upcoming": true, "scheduled": true, "expected": true,
	"plans": true, "planned": true, "set": true, "going": true, "coming": true, "'ll": true, "’ll": true,
}

// dword is a word or number of a sentence, with its byte offsets in the document.
type dword struct {
	Span
	text, lower string
	num         int // the value of a number, -1 for a word
}

// sentenceWords splits text[sp] into runs of letters (with inner apostrophes) and runs of
// digits, ordinal endings dropped ("5th" -> 5).
func sentenceWords(text string, sp Span) []dword {
	var out []dword
	i := sp.Start
	for i < sp.End {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r):
			j := i + n
			for j < sp.End {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) {
					j += n2
					continue
				}
				if (r2 == '\'' || r2 == '’') && j+n2 < sp.End {
					if r3, _ := utf8.DecodeRuneInString(text[j+n2:]); unicode.IsLetter(r3) {
						j += n2
						continue
					}
				}
				break
			}
			w := text[i:j]
			out = append(out, dword{Span: Span{i, j}, text: w, lower: strings.ToLower(w), num: -1})
			i = j
		case r >= '0' && r <= '9':
			j := i
			for j < sp.End && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			v, _ := strconv.Atoi(text[i:j])
			end := j
			if j+2 <= sp.End {
				switch strings.ToLower(text[j : j+2]) {
				case "st", "nd", "rd", "th":
					if j+2 == sp.End || !unicode.IsLetter(rune(text[j+2])) {
						end = j + 2
					}
				}
			}
			if j > i+4 {
				v = -2 // too long to be a day or a year
			}
			out = append(out, dword{Span: Span{i, end}, text: text[i:j], lower: text[i:j], num: v})
			i = end
		default:
			i += n
		}
	}
	return out
}

// findDates records the first date each body sentence states.
func findDates(d *Document) {
	pub := d.Meta.Published
	for si := range d.Sentences {
		s := &d.Sentences[si]
		if s.Kind != Body {
			continue
		}
		if sd, ok := sentenceDate(d.Text, s.Span, pub); ok {
			sd.Sentence = si
			d.Dates = append(d.Dates, sd)
		}
	}
}

// DateOf returns the date sentence si states, or "".
func (d *Document) DateOf(si int) string {
	for _, sd := range d.Dates {
		if sd.Sentence == si {
			return sd.Value
		}
	}
	return ""
}

// sentenceDate finds the first date the sentence text[sp] states and resolves it against
// pub (zero when unknown).
func sentenceDate(text string, sp Span, pub time.Time) (StatedDate, bool) {
	ws := sentenceWords(text, sp)
	future := false
	for _, w := range ws {
		if futureWords[w.lower] || strings.HasSuffix(w.lower, "'ll") || strings.HasSuffix(w.lower, "’ll") {
			future = true
			break
		}
	}
	for i := range ws {
		if sd, ok := dateAt(ws, i, pub, future); ok {
			return sd, true
		}
	}
	return StatedDate{}, false
}

// year returns the value of a number that can be a year of the news.
func year(w dword) (int, bool) {
	if len(w.text) == 4 && w.num >= 1800 && w.num <= 2200 {
		return w.num, true
	}
	return 0, false
}

// day returns the value of a number that can be a day of a month.
func day(w dword) (int, bool) {
	if w.num >= 1 && w.num <= 31 && len(w.text) <= 2 {
		return w.num, true
	}
	return 0, false
}

func isoDay(y int, m time.Month, d int) string {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != m { // 31 April
		return ""
	}
	return t.Format("2006-01-02")
}

func isoMonth(y int, m time.Month) string {
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
}

// dateAt resolves a date that starts at word i, if one does.
func dateAt(ws []dword, i int, pub time.Time, future bool) (StatedDate, bool) {
	w := ws[i]
	at := func(j int) *dword {
		if j >= 0 && j < len(ws) {
			return &ws[j]
		}
		return nil
	}
	mk := func(last int, v string) (StatedDate, bool) {
		if v == "" {
			return StatedDate{}, false
		}
		return StatedDate{Span: Span{w.Start, ws[last].End}, Value: v}, true
	}
	known := !pub.IsZero()
	pub = pub.UTC()
	switch w.lower {
	case "yesterday", "today", "tonight", "tomorrow":
		if !known {
			return StatedDate{}, false
		}
		off := map[string]int{"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w.lower]
		return mk(i, pub.AddDate(0, 0, off).Format("2006-01-02"))
	case "last", "next", "this":
		n := at(i + 1)
		if n == nil {
			return StatedDate{}, false
		}
		dir := map[string]int{"last": -1, "next": 1, "this": 0}[w.lower]
		if wd, ok := weekdays[n.lower]; ok && known && dir != 0 {
			return mk(i+1, weekdayFrom(pub, wd, dir < 0, true))
		}
		if m, ok := months[n.lower]; ok && known && len(n.lower) > 3 {
			y := pub.Year()
			switch {
			case dir < 0 && m >= pub.Month():
				y--
			case dir > 0 && m <= pub.Month():
				y++
			}
			return mk(i+1, isoMonth(y, m))
		}
		if !known {
			return StatedDate{}, false
		}
		switch n.lower {
		case "year":
			return mk(i+1, strconv.Itoa(pub.Year()+dir))
		case "month":
			return mk(i+1, isoMonth(pub.Year(), pub.Month()+time.Month(dir)))
		}
		return StatedDate{}, false
	}
	if wd, ok := weekdays[w.lower]; ok && w.text[0] >= 'A' && w.text[0] <= 'Z' {
		// "Friday 5 May 2024" is the date that follows it
		if n := at(i + 1); n != nil {
			if _, isDay := day(*n); isDay {
				if sd, ok := dateAt(ws, i+1, pub, future); ok {
					sd.Start = w.Start
					return sd, true
				}
			}
			if _, isMonth := months[n.lower]; isMonth {
				if sd, ok := dateAt(ws, i+1, pub, future); ok {
					sd.Start = w.Start
					return sd, true
				}
			}
		}
		if !known {
			return StatedDate{}, false
		}
		return mk(i, weekdayFrom(pub, wd, !future, false))
	}
	if m, ok := months[w.lower]; ok && w.text[0] >= 'A' && w.text[0] <= 'Z' {
		// Month [day][,] [year]
		j := i + 1
		dd, hasDay := 0, false
		if n := at(j); n != nil {
			if dd, hasDay = day(*n); hasDay {
				j++
			}
		}
		yy, hasYear := 0, false
		if n := at(j); n != nil {
			if yy, hasYear = year(*n); hasYear {
				j++
			}
		}
		if ambiguousMonths[w.lower] && !hasDay && !hasYear {
			if p := at(i - 1); p == nil || !datePreps[p.lower] {
				return StatedDate{}, false
			}
		}
		if len(w.lower) <= 3 && !hasDay && !hasYear {
			return StatedDate{}, false // "Jan" alone is a name as often as a month
		}
		if p := at(i - 1); p != nil && (p.lower == "last" || p.lower == "next") {
			return StatedDate{}, false // read from "last"
		}
		return monthDate(ws, i, j-1, m, dd, hasDay, yy, hasYear, pub, future)
	}
	// day Month [year]: "5 May 2024", "the 5th of May"
	if dd, ok := day(w); ok {
		j := i + 1
		if n := at(j); n != nil && n.lower == "of" {
			j++
		}
		n := at(j)
		if n == nil {
			return StatedDate{}, false
		}
		m, isMonth := months[n.lower]
		if !isMonth || n.text[0] < 'A' || n.text[0] > 'Z' {
			return StatedDate{}, false
		}
		j++
		yy, hasYear := 0, false
		if y := at(j); y != nil {
			if yy, hasYear = year(*y); hasYear {
				j++
			}
		}
		return monthDate(ws, i, j-1, m, dd, true, yy, hasYear, pub, future)
	}
	// a year after a word that introduces one: "in 2019", "since 2008"
	if y, ok := year(w); ok {
		if p := at(i - 1); p != nil && datePreps[p.lower] {
			// "in 2019-20" and "2019 people" are not years; a following ISO date is read whole
			if n := at(i + 1); n != nil && n.num >= 0 && n.Start == w.End+1 {
				return StatedDate{}, false
			}
			return mk(i, strconv.Itoa(y))
		}
		// 2024-03-05
		if n, m := at(i+1), at(i+2); n != nil && m != nil && n.Start == w.End+1 && m.Start == n.End+1 && len(n.text) == 2 && len(m.text) == 2 {
			if mo, dd := n.num, m.num; mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 {
				return mk(i+2, isoDay(y, time.Month(mo), dd))
			}
		}
	}
	return StatedDate{}, false
}

// monthDate resolves a month, perhaps with a day and a year, that spans words first..last.
func monthDate(ws []dword, first, last int, m time.Month, dd int, hasDay bool, yy int, hasYear bool, pub time.Time, future bool) (StatedDate, bool) {
	sp := Span{ws[first].Start, ws[last].End}
	if !hasYear {
		if pub.IsZero() {
			return StatedDate{}, false
		}
		// the nearest such date on the side of the article's date the sentence's tense says
		yy = pub.Year()
		pm, pd := pub.Month(), pub.Day()
		if !hasDay {
			pd = 0
		}
		after := m > pm || m == pm && dd > pd
		before := m < pm || m == pm && dd < pd
		switch {
		case future && before:
			yy++
		case !future && after:
			yy--
		}
	}
	if hasDay {
		v := isoDay(yy, m, dd)
		if v == "" {
			return StatedDate{}, false
		}
		return StatedDate{Span: sp, Value: v}, true
	}
	return StatedDate{Span: sp, Value: isoMonth(yy, m)}, true
}

// weekdayFrom is the date of weekday wd nearest pub on one side: the latest on or before
// pub when back (the same day counts unless strict), else the earliest after it.
func weekdayFrom(pub time.Time, wd time.Weekday, back, strict bool) string {
	diff := int(pub.Weekday() - wd)
	if back {
		if diff < 0 || diff == 0 && strict {
			diff += 7
		}
		return pub.AddDate(0, 0, -diff).Format("2006-01-02")
	}
	ahead := -diff
	if ahead <= 0 {
		ahead += 7
	}
	return pub.AddDate(0, 0, ahead).Format("2006-01-02")
}
