package extract

// Relations stated by nouns: "X's takeover of Y", "a bid for Y by X", "X launched a bid
// for Y", "a merger between A, B and C", "X - a joint venture between A and B".

// lightVerbs carry little meaning of their own: with a relational noun as their object, the
// noun says what happened ("X launched a bid for Y" is a bid for Y).
var lightVerbs = map[string]bool{
	"make": true, "launch": true, "table": true, "submit": true, "lodge": true, "announce": true,
	"agree": true, "sign": true, "strike": true, "seal": true, "complete": true, "finalise": true,
	"finalize": true, "hold": true, "have": true, "conduct": true, "begin": true, "start": true,
	"open": true, "lead": true, "mount": true, "unveil": true, "win": true, "secure": true,
	"clinch": true, "reach": true, "enter": true, "resume": true, "continue": true, "pursue": true,
	"confirm": true, "close": true, "do": true, "give": true, "put": true, "file": true,
	"bring": true, "take": true, "set": true, "launched": true, "carry": true, "undertake": true,
	"face": true, "fight": true, "voice": true, "express": true, "raise": true,
	"pay": true, "end": true, "cut": true, "wrap": true, "embark": true,
}

// nounRelations reads the relation a relational noun at token k states.
func (r *relationFinder) nounRelations(si, k int) {
	defer r.as("order:noun")()
	d := r.d
	w := r.word(k)
	rels := r.lx.NounRelations(w)
	if len(rels) == 0 {
		return
	}
	if mi := r.mentionAt[k]; mi >= 0 && d.Mentions[mi].Kind == NameMention {
		return
	}
	for _, nr := range rels {
		var objs []int
		after := k + 1
		switch {
		case r.word(k+1) == "by" && nr.Prep != "by":
			// "a statement by X to the regional parliament"
			by, end := r.objects(k+2, "", si, false)
			by = r.agentsOnly(by)
			if len(by) == 0 || r.word(end) != nr.Prep {
				continue
			}
			objs, _ = r.objects(end, nr.Prep, si, true)
			for _, a := range by {
				for _, o := range r.agentsOrPlaces(objs) {
					r.add(a, o, nr.Predicate, nr.Symmetric, si, nil)
				}
			}
			continue
		case r.word(k+1) == nr.Prep:
			// "investment in Peru's mining industry": the possessor is what it is in
			objs, after = r.objects(k+1, nr.Prep, si, true)
		case nr.Symmetric && r.word(k+1) == "between":
			// "a merger between A, B and C": every pair
			parts, _ := r.objects(k+2, "", si, false)
			parts = r.agentsOnly(parts)
			for i := 0; i < len(parts); i++ {
				for j := i + 1; j < len(parts); j++ {
					r.add(parts[i], parts[j], nr.Predicate, true, si, nil)
				}
			}
			continue
		default:
			continue
		}
		objs = r.agentsOrPlaces(objs)
		if len(objs) == 0 {
			continue
		}
		agents := r.nounAgents(si, k, after)
		for _, a := range agents {
			for _, o := range objs {
				r.add(a, o, nr.Predicate, nr.Symmetric, si, nil)
			}
		}
	}
}

// nounAgents finds who performs the action a relational noun at token k names: the
// possessor ("X's bid"), a "by" phrase after the noun's object ("a bid for Y by X"), or the
// subject of the light verb the noun phrase is the object of ("X launched a bid").
func (r *relationFinder) nounAgents(si, k, after int) []int {
	d := r.d
	if p := r.possessorBefore(k); p >= 0 {
		if r.isAgent(p) || r.isCountry(p) {
			return []int{p}
		}
		return nil
	}
	if r.word(after) == "by" {
		if by, _ := r.objects(after+1, "", si, false); len(by) > 0 {
			return r.agentsOnly(by)
		}
	}
	// walk back over the noun phrase: determiners, adjectives, compound nouns
	s := &d.Sentences[si]
	j := k - 1
	pronoun, pj := "", -1
	for j >= s.First && j > k-6 {
		t := &d.Tokens[j]
		w := r.word(j)
		if t.Kind != Word && !(t.Kind == Number && r.mentionAt[j] >= 0) || r.mentionAt[j] >= 0 && r.mentionAt[j] != r.mentionAt[k] {
			break // the noun's own event phrase ("a three-day visit") is read on
		}
		if w == "no" || w == "without" {
			return nil // "will take no action against X"
		}
		if w == "its" || w == "their" || w == "his" || w == "her" {
			pronoun, pj = w, j
			j--
			break
		}
		if determiners[w] {
			j--
			break
		}
		if isVerbish(r.lx, w) || prepositions[w] || functionWords[w] {
			break
		}
		j--
	}
	if j < s.First {
		return nil
	}
	lemma, _, _, ok := r.analyzeVerb(r.word(j))
	if !ok || !lightVerbs[lemma] || r.mentionAt[j] >= 0 {
		if pronoun == "his" || pronoun == "her" {
			// "a result of his friendship with Y": whom the pronoun stands for
			if e := r.pronoun(pj); r.isAgent(e) {
				return []int{e}
			}
		}
		if pronoun != "" {
			// "its takeover offer for Y" after another verb: the clause's subject owns it
			if fv := r.finiteVerbBefore(k); fv >= 0 {
				subj, neg := r.subjectOf(fv)
				if !neg {
					return r.agentsOnly(subj)
				}
			}
		}
		return nil
	}
	subj, neg := r.subjectOf(j)
	if neg {
		return nil
	}
	return r.agentsOnly(subj)
}

// agentsOnly keeps the people, organisations and countries of es.
func (r *relationFinder) agentsOnly(es []int) []int {
	var out []int
	for _, e := range es {
		if r.isAgent(e) || r.isCountry(e) {
			out = append(out, e)
		}
	}
	return out
}

// agentsOrPlaces keeps the entities a relational noun may take as its object.
func (r *relationFinder) agentsOrPlaces(es []int) []int {
	var out []int
	for _, e := range es {
		if e >= 0 && r.d.Entities[e].Type != Event {
			out = append(out, e)
		}
	}
	return out
}
