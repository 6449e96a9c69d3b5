package link

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/extract/lexicon"
	"github.com/kg-news/kg/graph/voc"
)

// A bare "the government" is the government of the country the article is about, or,
// where the article names none, a node of that article alone: never one node for every
// country's government.

func isGovernment(name string) bool {
	return name == "Government" || strings.HasPrefix(name, "Government of ")
}

// government decides "the government": "Government of X" when the article or its
// extraction says which country, else no node.
func (l *Linker) government(d *extract.Document, ent *extract.Entity, country string, dec *Decision) {
	c := strings.TrimPrefix(strings.TrimPrefix(ent.Name, "Government of "), "the ")
	reason := ""
	if ent.Name == "Government" {
		if country == "" {
			// the article names no country: a government of this article only, which
			// links to no other
			dec.Name = "Government"
			dec.Node = voc.EntityIRI(extract.Slug("Government_(" + d.ID + ")"))
			dec.Reason = "the government of a country this article does not name: a node of this article only"
			dec.Score = 0
			return
		}
		c = country
		reason = fmt.Sprintf("the government of %s, the country this article names most", country)
	}
	if p := l.lx.Place(c); p != nil && p.Kind == lexicon.Country {
		c = p.Name
	}
	dec.Name = GovernmentName(c)
	dec.Node = l.iri("Organization", orgKey(dec.Name, true))
	dec.Reason, dec.Score = reason, 0.8
	if reason == "" {
		dec.Score = 1
	}
}

// GovernmentName names the government of a country: "Government of the United Kingdom",
// "Government of France".
func GovernmentName(country string) string {
	the := strings.HasPrefix(country, "United ") || strings.Contains(country, "Republic") ||
		strings.HasSuffix(country, " Islands") || strings.HasPrefix(country, "Democratic ")
	switch country {
	case "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Seychelles", "Comoros", "Vatican", "Holy See":
		the = true
	}
	if the {
		return "Government of the " + country
	}
	return "Government of " + country
}

// articleCountry returns the country an article is about: the one its places, the
// nationalities of its titles ("the French president") and its national bodies (from the
// table of variants) name most, when one stands out; "" otherwise.
func (l *Linker) articleCountry(d *extract.Document) string {
	votes := map[string]float64{}
	for e := range d.Entities {
		ent := &d.Entities[e]
		n := float64(len(ent.Mentions))
		switch ent.Type {
		case extract.Place:
			p := l.lx.Place(ent.Name)
			switch {
			case p == nil:
			case p.Kind == lexicon.Country:
				votes[p.Name] += n
			case p.Kind == lexicon.Region || p.Kind == lexicon.City:
				if c := l.lx.CountryName(p.Country); c != "" {
					votes[c] += n / 2
				}
			}
		case extract.Organization:
			if v := l.t.Variant(ent.Name); v != nil && v.Country != "" {
				if c := l.lx.CountryName(v.Country); c != "" {
					votes[c] += n
				}
			}
		}
	}
	for i := range d.Mentions {
		if c := d.Mentions[i].Nationality; c != "" && d.Mentions[i].Entity >= 0 {
			votes[c]++
		}
	}
	type vote struct {
		c string
		n float64
	}
	var vs []vote
	for c, n := range votes {
		vs = append(vs, vote{c, n})
	}
	sort.Slice(vs, func(i, j int) bool {
		if vs[i].n != vs[j].n {
			return vs[i].n > vs[j].n
		}
		return vs[i].c < vs[j].c
	})
	if len(vs) == 0 || vs[0].n < 1 || len(vs) > 1 && vs[1].n*1.5 > vs[0].n {
		return ""
	}
	return vs[0].c
}
