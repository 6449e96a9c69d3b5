package extract

import (
	"strings"

	"github.com/kg-news/kg/extract/lexicon"
)

// Locations: where a place or an organisation is, as news prose states it in passing:
// "Marlow, Kent", "Harbor Capital in Lisbon", "Westbury's new airport",
// "a London-based firm".

// Predicates of location facts.
const (
	PredLocatedIn = "located_in"
	PredBasedIn   = "based_in"
)

// placeEntry returns the gazetteer entry of a place entity, or nil.
func (r *relationFinder) placeEntry(e int) *lexicon.Place {
	if e < 0 || r.d.Entities[e].Type != Place {
		return nil
	}
	return r.lx.Place(r.d.Entities[e].Name)
}

// contains reports whether the gazetteer says that place inner lies in place outer; known
// is false when it cannot tell.
func (r *relationFinder) placeContains(outer, inner int) (in, known bool) {
	po, pi := r.placeEntry(outer), r.placeEntry(inner)
	if po == nil || pi == nil {
		return false, false
	}
	if po.Kind >= pi.Kind {
		return false, true // a city does not contain a country
	}
	if po.Kind == lexicon.Country {
		return pi.Country == po.Country, true
	}
	if po.Kind == lexicon.Area {
		return false, false
	}
	// a region: the gazetteer keeps only the country of cities
	return pi.Country == po.Country, false
}

// locations reads the location facts of sentence si.
func (r *relationFinder) locations(si int) {
	d := r.d
	s := &d.Sentences[si]
	for k := s.First; k < s.End; k++ {
		mi := r.mentionAt[k]
		if mi < 0 || d.Mentions[mi].First != k {
			continue
		}
		m := &d.Mentions[mi]
		k = m.End - 1
		x := m.Entity
		if x < 0 || m.Kind != NameMention {
			continue
		}
		xt := d.Entities[x].Type
		n := m.End
		if m.Possessive {
			// "Westbury's new Sheikh Ali International Airport"
			if xt != Place || r.isCountry(x) {
				continue
			}
			j := n + 1
			for j < s.End && j < n+4 && d.Tokens[j].Kind == Word && !d.Tokens[j].Has(Cap) && r.mentionAt[j] < 0 && !functionWords[r.word(j)] {
				j++
			}
			if y := r.nameAt(j); y >= 0 && y != x && d.Entities[y].Type == Place && r.placeEntry(y) == nil && r.isFacility(y) {
				r.add(y, x, PredLocatedIn, false, si, nil)
			}
			continue
		}
		if xt != Place && xt != Organization || r.isCountry(x) {
			continue
		}
		// "Nordbank, which is based in Leeds", "the firm is headquartered in Paris"
		j := n
		if r.word(j) == "," && (r.word(j+1) == "which" || r.word(j+1) == "who") {
			j += 2
		}
		if beForms[r.word(j)] {
			j++
		}
		if w := r.word(j); j > n && (w == "based" || w == "headquartered" || w == "located") && (r.word(j+1) == "in" || r.word(j+1) == "at") {
			if y := r.nameAt(j + 2); y >= 0 && y != x && d.Entities[y].Type == Place {
				pred := PredBasedIn
				if xt == Place {
					pred = PredLocatedIn
				}
				r.add(x, y, pred, false, si, nil)
			}
			continue
		}
		switch r.word(n) {
		case ",":
			// "Marlow, Kent", "Mill Lane, east Westbury,"
			if xt != Place {
				continue
			}
			j := n + 1
			for j < s.End && j < n+3 && d.Tokens[j].Kind == Word && !d.Tokens[j].Has(Cap) && r.mentionAt[j] < 0 && (r.word(j) == "east" || r.word(j) == "west" || r.word(j) == "north" || r.word(j) == "south" || r.word(j) == "central" || r.word(j) == "northern" || r.word(j) == "southern" || r.word(j) == "eastern" || r.word(j) == "western") {
				j++
			}
			if j >= s.End {
				continue // "Lisbon," at the end of the text
			}
			ym := r.mentionAt[j]
			y := r.nameAt(j)
			if y < 0 || y == x || d.Entities[y].Type != Place || d.Mentions[ym].Possessive {
				continue
			}
			after := d.Mentions[ym].End
			if w := r.word(after); w == "and" || w == "or" || w == "," && r.nameAt(after+1) >= 0 && d.Entities[r.nameAt(after+1)].Type == Place {
				continue // a list: "Peru, Chile and Bolivia"
			}
			if in, known := r.placeContains(y, x); known && !in || r.isCountry(x) {
				continue
			}
			r.add(x, y, PredLocatedIn, false, si, nil)
		case "in":
			// "Harbor Capital in Lisbon", "Fort X in Marlow"
			if k > s.First {
				p := r.word(m.First - 1)
				if isVerbish(r.lx, p) || m.First-1 >= s.First && r.mentionAt[m.First-1] >= 0 {
					continue // "beat X in London": where the verb happened
				}
			}
			y := r.nameAt(n + 1)
			if y < 0 || y == x || d.Entities[y].Type != Place || d.Mentions[r.mentionAt[n+1]].Possessive {
				continue
			}
			if xt == Place {
				if in, known := r.placeContains(y, x); known && !in || r.placeEntry(x) != nil && !known {
					continue
				}
				r.add(x, y, PredLocatedIn, false, si, nil)
			} else {
				r.add(x, y, PredBasedIn, false, si, nil)
			}
		}
	}
	// "a London-based firm", "the Singapore-listed X"
	for k := s.First; k < s.End; k++ {
		t := &d.Tokens[k]
		if t.Kind != Word || !t.Has(Hyphen) || !strings.HasSuffix(t.Lower, "-based") {
			continue
		}
		name := d.TokenText(k)
		name = name[:len(name)-len("-based")]
		p := r.lx.Place(name)
		if p == nil {
			continue
		}
		j := k + 1
		for j < s.End && j < k+4 && d.Tokens[j].Kind == Word && !d.Tokens[j].Has(Cap) && r.mentionAt[j] < 0 {
			j++
		}
		org := r.nameAt(j)
		if org < 0 || d.Entities[org].Type != Organization {
			continue
		}
		for e := range d.Entities {
			if d.Entities[e].Type == Place && d.Entities[e].Name == p.Name {
				r.add(org, e, PredBasedIn, false, si, nil)
			}
		}
	}
}

// nameAt returns the entity of the name mention starting at token k, or -1.
func (r *relationFinder) nameAt(k int) int {
	if k < 0 || k >= len(r.mentionAt) {
		return -1
	}
	mi := r.mentionAt[k]
	if mi < 0 || r.d.Mentions[mi].First != k || r.d.Mentions[mi].Kind != NameMention {
		return -1
	}
	return r.d.Mentions[mi].Entity
}

// facilityWords head the names of buildings and sites.
var facilityWords = map[string]bool{
	"airport": true, "stadium": true, "base": true, "station": true, "port": true, "bridge": true,
	"park": true, "arena": true, "hall": true, "centre": true, "center": true, "palace": true,
	"prison": true, "hospital": true, "museum": true, "theatre": true, "square": true, "street": true,
	"road": true, "lane": true, "tower": true, "castle": true, "cathedral": true, "plant": true,
	"factory": true, "mine": true, "field": true, "ground": true, "island": true, "district": true,
}

// isFacility reports whether a place's name ends in a facility word.
func (r *relationFinder) isFacility(e int) bool {
	name := strings.ToLower(r.d.Entities[e].Name)
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		name = name[i+1:]
	}
	return facilityWords[name]
}
