package extract

import (
	"sort"
	"strings"

	"github.com/kg-news/kg/extract/lexicon"
)

// findEvents makes an entity of the occurrence an article is about: the kind of event its
// event mentions name most often ("the summit", "the meeting", "the talks" are one), and
// of any other named event mentioned more than once.
func findEvents(d *Document, lx *lexicon.Lexicon) {
	count := map[string]int{}
	kindOf := make([]string, len(d.Mentions))
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Kind != EventMention && !(m.Kind == NameMention && m.Type == Event) {
			continue
		}
		ev, ok := lx.Event(headNoun(m.Text(d.Text)))
		if !ok || otherOccurrence(m.Text(d.Text)) {
			continue
		}
		kindOf[i] = ev.Kind
		if ev.Kind == "generic" || d.Sentences[m.Sentence].Kind == Junk {
			continue
		}
		count[ev.Kind]++
		if m.Kind == NameMention {
			count[ev.Kind]++
		}
	}
	main := ""
	for k, n := range count {
		if n >= 2 && (main == "" || n > count[main] || n == count[main] && k < main) {
			main = k
		}
	}
	if main != "" {
		var ms []int
		for i, k := range kindOf {
			if k == main || k == "generic" {
				ms = append(ms, i)
			}
		}
		// events of one kind with different names are different events: "the Six Nations
		// Championship" and "the World Cup"; the descriptions go with the most named one
		named := map[string][]int{}
		var order []string
		var rest []int
		for _, i := range ms {
			m := &d.Mentions[i]
			if m.Kind == NameMention {
				k := normKey(m.Text(d.Text))
				if _, ok := named[k]; !ok {
					order = append(order, k)
				}
				named[k] = append(named[k], i)
			} else {
				rest = append(rest, i)
			}
		}
		if len(order) < 2 {
			addEvent(d, lx, ms)
		} else {
			best := order[0]
			for _, k := range order {
				if len(named[k]) > len(named[best]) {
					best = k
				}
			}
			addEvent(d, lx, append(named[best], rest...))
			for _, k := range order {
				if k != best {
					addEvent(d, lx, named[k])
				}
			}
		}
	}
	// other named events mentioned at least twice
	named := map[string][]int{}
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Kind == NameMention && m.Type == Event && m.Entity < 0 {
			k := normKey(m.Text(d.Text))
			named[k] = append(named[k], i)
		}
	}
	keys := make([]string, 0, len(named))
	for k := range named {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		// a named event of several words counts once named ("the Lakeside World Tennis
		// Tournament"), unless it only describes someone ("the 1999 Lakeside Open champion")
		if len(named[k]) >= 2 || strings.Contains(k, " ") && !insideTitle(d, lx, named[k][0]) {
			addEvent(d, lx, named[k])
		}
	}
}

// otherOccurrence reports whether an event phrase points at another occurrence than the
// one the article is about: "their next encounter", "another summit".
func otherOccurrence(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch w {
		case "next", "another", "future", "previous", "earlier", "upcoming", "second", "follow-up", "three-way", "first":
			return true
		}
	}
	return false
}

func headNoun(s string) string {
	s = strings.ToLower(s)
	if i := strings.LastIndexAny(s, " -"); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// addEvent makes one Event entity of the given mentions and names it.
func addEvent(d *Document, lx *lexicon.Lexicon, ms []int) {
	e := len(d.Entities)
	ent := Entity{Type: Event}
	seen := map[string]bool{}
	named, explicit := "", map[string]int{}
	bestNoun, bestRank := "", 1<<30
	for _, i := range ms {
		m := &d.Mentions[i]
		if m.Entity >= 0 {
			continue
		}
		m.Entity = e
		m.Type = Event
		ent.Mentions = append(ent.Mentions, i)
		a := strings.Join(strings.Fields(m.Text(d.Text)), " ")
		if !seen[a] {
			seen[a] = true
			ent.Aliases = append(ent.Aliases, a)
		}
		noun := headNoun(a)
		if ev, ok := lx.Event(noun); ok && ev.Kind != "generic" && ev.Rank < bestRank {
			bestNoun, bestRank = noun, ev.Rank
		}
		if m.Canonical != "" && d.Sentences[m.Sentence].Kind == Body {
			explicit[m.Canonical]++
		}
		if m.Kind == NameMention && named == "" {
			named = a
		}
	}
	if len(ent.Mentions) == 0 {
		return
	}
	switch {
	case len(explicit) > 0:
		ent.Name = mostCommon(explicit)
		// name the event by its most specific noun: "Ontario meeting" -> "Ontario summit"
		if i := strings.LastIndexByte(ent.Name, ' '); i > 0 && bestNoun != "" {
			ent.Name = ent.Name[:i+1] + bestNoun
		}
	case named != "" && !strings.ContainsAny(named, "-") && len(ent.Mentions) == countNamed(d, ent.Mentions):
		ent.Name = named
	default:
		place := eventPlace(d, lx, ent.Mentions)
		if place == "" {
			place = mainPlace(d)
		}
		if place != "" {
			ent.Name = place + " " + bestNoun
		} else {
			ent.Name = bestNoun + " (" + d.ID + ")"
		}
	}
	d.Entities = append(d.Entities, ent)
}

func countNamed(d *Document, ms []int) int {
	n := 0
	for _, i := range ms {
		if d.Mentions[i].Kind == NameMention {
			n++
		}
	}
	return n
}

func mostCommon(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

// eventPlace finds where the event happened: places introduced by "in" or "at" shortly
// after its mentions. A region wins over a city, a city over a facility, any of them over
// a country.
func eventPlace(d *Document, lx *lexicon.Lexicon, ms []int) string {
	best, bestRank := "", -1
	for _, i := range ms {
		m := &d.Mentions[i]
		window := 3 // "the summit in Geneva"
		if opensSentence(d, i) {
			window = d.Sentences[m.Sentence].End - m.End // the event is what the sentence is about
		}
		for _, pm := range placesAfter(d, m.End, m.Sentence, window) {
			p := &d.Mentions[pm]
			name := placeName(lx, p, d.Text)
			rank := 1
			if gp := lx.Place(name); gp != nil {
				switch gp.Kind {
				case lexicon.Region:
					rank = 3
				case lexicon.City:
					rank = 2
				case lexicon.Country, lexicon.Area:
					rank = 0
				}
			}
			if rank > bestRank {
				best, bestRank = name, rank
			}
		}
	}
	return best
}

// opensSentence reports whether mention mi is the first noun phrase of its sentence.
func opensSentence(d *Document, mi int) bool {
	m := &d.Mentions[mi]
	s := &d.Sentences[m.Sentence]
	for k := s.First; k < m.First; k++ {
		if t := &d.Tokens[k]; t.Kind == Word || t.Kind == Number {
			return false
		}
	}
	return true
}

// placesAfter returns the place mentions introduced by "in" or "at" within n tokens after
// token k in sentence si, including the region of "in City, Region".
func placesAfter(d *Document, k, si, n int) []int {
	s := &d.Sentences[si]
	var out []int
	end := k + n
	if end > s.End {
		end = s.End
	}
	for j := k; j < end; j++ {
		w := d.Tokens[j].Lower
		if w != "in" && w != "at" {
			continue
		}
		mi := mentionStartingAt(d, j+1)
		for mi >= 0 && d.Mentions[mi].Type == Place {
			out = append(out, mi)
			next := d.Mentions[mi].End
			if next+1 < s.End && d.TokenText(next) == "," {
				mi = mentionStartingAt(d, next+1)
				continue
			}
			if next+1 < s.End && (d.Tokens[next].Lower == "in" || d.Tokens[next].Lower == "at") {
				mi = mentionStartingAt(d, next+1)
				continue
			}
			break
		}
	}
	return out
}

// mentionStartingAt returns the mention whose full span starts at token k, or -1.
func mentionStartingAt(d *Document, k int) int {
	i := sort.Search(len(d.Mentions), func(i int) bool { return d.Mentions[i].First >= k })
	for ; i < len(d.Mentions) && d.Mentions[i].First == k; i++ {
		if d.Mentions[i].Kind == NameMention {
			return i
		}
	}
	return -1
}

// mainPlace is the place the article names most often.
func mainPlace(d *Document) string {
	n := map[string]int{}
	for e := range d.Entities {
		if d.Entities[e].Type == Place {
			n[d.Entities[e].Name] = len(d.Entities[e].Mentions)
		}
	}
	return mostCommon(n)
}

// insideTitle reports whether mention mi lies inside the title of a person's mention.
func insideTitle(d *Document, lx *lexicon.Lexicon, mi int) bool {
	m := &d.Mentions[mi]
	if m.End < len(d.Tokens) && d.Tokens[m.End].Kind == Word {
		if _, ok := lx.Title(d.Tokens[m.End].Lower); ok {
			return true // "the 1999 Lakeside Open champion"
		}
	}
	for oi := range d.Mentions {
		o := &d.Mentions[oi]
		if oi != mi && o.Type == Person && o.First <= m.First && m.End <= o.End {
			return true
		}
	}
	return false
}
