package link

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// Candidate is a node a dependent may be: a node that articles name in full under the
// dependent's link key, with what those articles say of it.
type Candidate struct {
	Node     quad.IRI
	Name     string           // its name in those articles
	Docs     int              // how many articles name it in full under the key
	Explicit bool             // an article spells the acronym out with this name
	Gender   byte             // of its given name, 0 if unknown or a person of no gender-bound name
	Roles    map[string]int   // role heads, by number of articles
	With     map[quad.IRI]int // nodes its articles mention, by number of articles
	Sampled  int              // articles read for Roles and With
}

// Dependent is an entity named only in part, as its link record keeps it.
type Dependent struct {
	Key     string
	Doc     string
	Name    string
	Gender  string     // "m", "f" or ""
	Initial string     // the initial of its given name, "" if none
	Roles   []string   // role heads
	With    []quad.IRI // the other nodes its article mentions
	Own     quad.IRI   // its node when it links to no candidate
}

// The thresholds of a decision: the evidence a candidate needs (a shared role counts 1,
// shared context the share of the candidate's articles that mention each node the
// dependent's article mentions too), and how far it must stand above the next.
const (
	smoothing = 2
	prior     = 0.1
	minScore  = 0.3
	minMargin = 2.0
	maxShown  = 3 // nodes of shared context named in a reason
)

// choose decides which candidate a dependent is, or none: a function of the dependent and
// the candidates alone.
func choose(dep Dependent, cands []Candidate, names func(quad.IRI) string) (quad.IRI, string, float64) {
	with := map[quad.IRI]bool{}
	for _, n := range dep.With {
		with[n] = true
	}
	type scored struct {
		c      *Candidate
		score  float64
		role   string
		shared []quad.IRI
	}
	var ss []scored
	gendered := 0
	for i := range cands {
		c := &cands[i]
		if with[c.Node] {
			continue // another entity of the same article: not this one
		}
		if dep.Gender != "" && c.Gender != 0 && dep.Gender[0] != c.Gender {
			gendered++
			continue // "Mrs Roe" is not John Roe
		}
		if !sameInitial(dep.Initial, c.Name) {
			continue // "J Roe" is not Mary Roe
		}
		s := scored{c: c}
		if dep.Initial != "" {
			s.score += 0.5 // the initial of its given name
		}
		for _, r := range dep.Roles {
			if c.Roles[r] > 0 {
				s.role = r
				s.score += 1
				break
			}
		}
		if c.Sampled > 0 {
			// the share of the candidate's articles that mention each node the dependent's
			// article mentions too, smoothed so that two articles weigh less than twenty
			for n := range with {
				if k := c.With[n]; k > 0 {
					s.score += float64(k) / float64(c.Sampled+smoothing)
					s.shared = append(s.shared, n)
				}
			}
		}
		if len(s.shared) > 0 || s.role != "" {
			s.score += prior * math.Log10(float64(1+c.Docs)) // among candidates with evidence, the better known
		}
		if c.Explicit {
			s.score += 0.5 // the acronym spelled out as this name elsewhere
		}
		sort.Slice(s.shared, func(i, j int) bool {
			a, b := c.With[s.shared[i]], c.With[s.shared[j]]
			if a != b {
				return a > b
			}
			return s.shared[i] < s.shared[j]
		})
		ss = append(ss, s)
	}
	sort.Slice(ss, func(i, j int) bool {
		if ss[i].score != ss[j].score {
			return ss[i].score > ss[j].score
		}
		return ss[i].c.Node < ss[j].c.Node
	})
	kind := "full name with the surname " + surnameOf(dep)
	if strings.HasPrefix(dep.Key, "a:") {
		kind = "name the acronym " + dep.Name + " stands for"
	}
	if len(ss) == 0 {
		return dep.Own, ownReason(dep.Name, dep.Key, len(cands)), 0
	}
	best := ss[0]
	second := 0.0
	if len(ss) > 1 {
		second = ss[1].score
	}
	if best.score < minScore || best.score < minMargin*second {
		why := fmt.Sprintf("%s: no %s stands out by role or shared context (best %s %.2f", dep.Name, kind, names(best.c.Node), best.score)
		if len(ss) > 1 {
			why += fmt.Sprintf(", next %s %.2f", names(ss[1].c.Node), second)
		}
		return dep.Own, why + ")", 0
	}
	var ev []string
	if best.role != "" {
		ev = append(ev, "the role "+best.role)
	}
	if len(best.shared) > 0 {
		var ns []string
		for i, n := range best.shared {
			if i == maxShown {
				ns = append(ns, "...")
				break
			}
			ns = append(ns, names(n))
		}
		ev = append(ev, "context ("+strings.Join(ns, ", ")+")")
	}
	if best.c.Explicit {
		ev = append(ev, "the acronym spelled out so in another article")
	}
	score := best.score / (best.score + second + 0.5)
	why := fmt.Sprintf("%s: the %s that shares %s; score %.2f, next %.2f of %d candidates", dep.Name, kind, strings.Join(ev, " and "), best.score, second, len(cands))
	return best.c.Node, why, score
}

func surnameOf(dep Dependent) string {
	fs := strings.Fields(dep.Name)
	if len(fs) == 0 {
		return strings.TrimPrefix(dep.Key, "p:")
	}
	return fs[len(fs)-1]
}

// ownReason is the reason of a dependent on its own node with no candidate to weigh.
func ownReason(name, key string, cands int) string {
	if strings.HasPrefix(key, "a:") {
		if cands == 0 {
			return fmt.Sprintf("no article spells out %s", name)
		}
		return fmt.Sprintf("%s is none of the %d names articles spell it out as", name, cands)
	}
	if cands == 0 {
		return fmt.Sprintf("no person of the graph is named in full with the surname of %s", name)
	}
	return fmt.Sprintf("%s is none of the %d people named in full with that surname", name, cands)
}
