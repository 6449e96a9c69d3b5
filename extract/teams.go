package extract

import "strings"

// Teams in sport: a player or coach is named with the team's place or club before the
// role ("Ruritania fly-half X", "Westfield manager Y"); "his side" and "they" after them
// stand for that team, and a contest's result is the team's, not the player's.

// sportsRoles are the roles of people who play for or run a team.
var sportsRoles = map[string]bool{
	"coach": true, "manager": true, "captain": true, "skipper": true, "striker": true,
	"midfielder": true, "defender": true, "goalkeeper": true, "keeper": true, "forward": true,
	"winger": true, "player": true, "batsman": true, "bowler": true, "fly-half": true,
	"full-back": true, "scrum-half": true, "flanker": true, "centre": true, "prop": true,
	"wicketkeeper": true, "substitute": true, "boss": true, "hooker": true, "lock": true,
}

// teamNouns stand for a player's or coach's team after "his" or "her": "his side".
var teamNouns = map[string]bool{"team": true, "side": true, "squad": true, "club": true}

// resultVerbs state the result of a contest between two sides.
var resultVerbs = map[string]bool{
	"beat": true, "defeat": true, "thrash": true, "edge": true, "overcome": true, "draw": true,
	"lose": true, "rout": true, "crush": true, "hammer": true,
}

// teamOf returns the team person e plays for or runs, as the titles of the article name
// it ("Ruritania fly-half X", "Westfield manager Y"), or -1.
func (a *analysis) teamOf(e int) int {
	if !a.isPerson(e) {
		return -1
	}
	d := a.d
	for _, mi := range d.Entities[e].Mentions {
		m := &d.Mentions[mi]
		if m.Kind != NameMention || !sportsRoles[m.RoleHead] {
			continue
		}
		if m.RoleOrg >= 0 {
			if t := d.Mentions[m.RoleOrg].Entity; t >= 0 && t != e && !a.isPerson(t) {
				return t
			}
		}
		if m.Nationality != "" && strings.Contains(m.Full.Text(d.Text), m.Nationality) {
			// "Ruritania fly-half X" plays for Ruritania; "Ruritanian fly-half X" may not
			for t := range d.Entities {
				if d.Entities[t].Type == Place && d.Entities[t].Name == m.Nationality {
					return t
				}
			}
		}
	}
	return -1
}

// ownTeam reads "his side", "her team" at token k, the pronoun: the team of the person it
// stands for, and the token after the noun; -1 if it is no such phrase or no team is known.
func (a *analysis) ownTeam(k int) (int, int) {
	w := a.word(k)
	if w != "his" && w != "her" {
		return -1, k
	}
	n := k + 1
	if !teamNouns[a.word(n)] {
		return -1, k
	}
	return a.teamOf(a.pronoun(k)), n + 1
}

// teamBefore returns the team a "they" or "their" at token k stands for: the one named as
// "his side" earlier in the sentence ("X praised his side after they beat Y"), or -1.
func (a *analysis) teamBefore(k int) int {
	s := &a.d.Sentences[a.sentenceOf(k)]
	for j := k - 1; j >= s.First; j-- {
		if t, _ := a.ownTeam(j); t >= 0 {
			return t
		}
	}
	return -1
}
