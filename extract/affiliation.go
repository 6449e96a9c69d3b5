package extract

// Affiliations: the organisation a person works for, as news prose states it around a
// name rather than in a clause: "X, analyst at Y", "X, Y's chief executive", "analyst X
// of Y", "said X from Y", "X has been finance director of Y".

// roleOfPreps introduce the organisation after a role word: "analyst at Y", "editor of Y",
// "consultant for Y".
var roleOfPreps = map[string]bool{"at": true, "of": true, "for": true, "with": true}

// affiliationPred is the predicate for a person whose role has head word head.
func affiliationPred(head string, former bool) string {
	switch {
	case leaderHeadsOrg[head] && former:
		return PredLed
	case leaderHeadsOrg[head]:
		return PredLeads
	case head == "captain" || head == "skipper":
		return PredCaptains // a team's captain leads it, and may not play ("Davis Cup captain")
	case sportHeads[head]:
		return PredPlaysFor
	case partyRoles[head]:
		return PredMemberOf // "Labour MP X", "Green MEP X"
	}
	return PredWorksFor
}

// roleDescription reads a description of a person's position starting at token k: an
// optional determiner or organisation possessor, modifiers, one or more role words (joined
// by "and"), and an optional preposition naming the organisation ("the firm's senior US
// economist at Y"). It returns the organisation entity (-1 if none), the head role word and
// the token after the description; ok is false when no role word was read.
func (r *relationFinder) roleDescription(k, end int) (org int, head string, next int, former, ok bool) {
	d := r.d
	org = -1
	// "its", "the", "a", "presently a"
	for k < end && (adverbs[r.word(k)] || r.word(k) == "presently" || r.word(k) == "currently") {
		k++
	}
	indefinite := false
	if k < end && (r.word(k) == "the" || r.word(k) == "a" || r.word(k) == "an" || r.word(k) == "his" || r.word(k) == "her" || r.word(k) == "its" || r.word(k) == "their") {
		indefinite = r.word(k) == "a" || r.word(k) == "an"
		k++
	}
	// "Northwind's chief executive"
	if k >= end {
		return org, head, k, former, false
	}
	if mi := r.mentionAt[k]; mi >= 0 {
		m := &d.Mentions[mi]
		if m.First == k && m.Possessive && m.Entity >= 0 && d.Entities[m.Entity].Type == Organization {
			org = m.Entity
			k = m.End + 1
		}
	}
	start := k
	for k < end && k < start+7 {
		t := &d.Tokens[k]
		w := r.word(k)
		if t.Kind != Word {
			break
		}
		if t.Has(Cap) && k > start && r.mentionAt[k-1] >= 0 && r.isRoleWord(w) {
			break // "Jo King": a surname, not a role
		}
		if r.isRoleWord(w) && !(w == "partner" || w == "rival" || w == "colleague" || w == "counterpart" || w == "seed" || w == "star" ||
			w == "champion" || w == "winner" || w == "finalist" || w == "medallist" || w == "nominee" || w == "challenger" || w == "incumbent" ||
			w == "wife" || w == "husband" || w == "son" || w == "daughter" || w == "brother" || w == "sister" || w == "mother" || w == "father" || w == "widow" || w == "mr" || w == "mrs" || w == "ms" || w == "sir" || w == "dr") {
			head = w
			if h, found := r.lx.Title(w); found {
				head = h
			}
			k++
			// "finance director and company secretary", "head of sales"
			if r.word(k) == "and" && k+1 < end && !d.Tokens[k+1].Has(Cap) {
				k++
			}
			continue
		}
		if head != "" {
			break
		}
		if w == "former" || w == "ex" || w == "ex-" {
			former = true
		}
		if w == "deputy" || w == "assistant" || w == "vice" || w == "associate" {
			indefinite = true // "deputy director": not the one who leads
		}
		// modifiers: "senior", "US", "non-executive", "UK"; an organisation: "the Labour
		// candidate", "Riverside substitute"
		if mi := r.mentionAt[k]; mi >= 0 && d.Mentions[mi].Kind != NominalMention {
			m := &d.Mentions[mi]
			if e := m.Entity; e >= 0 && !m.Possessive && m.First == k && (d.Entities[e].Type == Place || d.Entities[e].Type == Organization && org < 0) {
				if d.Entities[e].Type == Organization {
					org = e
				}
				k = m.End
				continue
			}
			break
		}
		if t.Has(Cap) {
			if _, dem := r.lx.Demonym(d.TokenText(k)); !dem {
				break
			}
		}
		if functionWords[w] || pronounWords[w] || isVerbish(r.lx, w) && !r.lx.IsModifier(w) {
			break
		}
		k++
	}
	if head == "" {
		return -1, "", start, false, false
	}
	if indefinite && leaderHeadsOrg[head] {
		head = "staff" // "a security manager at X" is one of its staff
	}
	if org < 0 && roleOfPreps[r.word(k)] {
		org, k = r.orgOfRole(k, end)
	}
	// "head of tax": a lower-case field after "of" belongs to the role
	if org < 0 && r.word(k) == "of" && k+1 < end && r.mentionAt[k+1] < 0 && d.Tokens[k+1].Kind == Word && !d.Tokens[k+1].Has(Cap) && r.word(k+1) != "the" {
		k += 2
		if roleOfPreps[r.word(k)] {
			org, k = r.orgOfRole(k, end)
		}
	}
	return org, head, k, former, true
}

// orgOfRole reads the organisation after the preposition at token k that follows a role
// ("at Y", "of gadget magazine Y"); it returns it, or -1, and the token after it.
func (r *relationFinder) orgOfRole(k, end int) (int, int) {
	d := r.d
	org := -1
	{
		n := k + 1
		if r.word(n) == "the" {
			n++
		}
		// descriptions before the name: "editor of trade magazine Widget"
		j := n
		for j < end && j < n+3 && r.mentionAt[j] < 0 && d.Tokens[j].Kind == Word && !d.Tokens[j].Has(Cap) && !functionWords[r.word(j)] && !isVerbish(r.lx, r.word(j)) {
			j++
		}
		if mi := r.mentionAt[j]; mi >= 0 && d.Mentions[mi].First == j && d.Mentions[mi].Kind == NameMention {
			if e := d.Mentions[mi].Entity; e >= 0 && d.Entities[e].Type == Organization {
				org = e
				k = d.Mentions[mi].End
			}
		}
	}
	return org, k
}

// affiliations reads the affiliations of the people named in sentence si.
func (r *relationFinder) affiliations(si int) {
	d := r.d
	s := &d.Sentences[si]
	for k := s.First; k < s.End; k++ {
		mi := r.mentionAt[k]
		if mi < 0 || d.Mentions[mi].First != k {
			continue
		}
		m := &d.Mentions[mi]
		k = m.End - 1
		if m.Kind != NameMention || !r.isPerson(m.Entity) || m.Possessive {
			continue
		}
		p := m.Entity
		n := m.End
		r.descriptionBefore(si, m)
		switch w := r.word(n); {
		case w == ",":
			// "X, analyst at Y", "X, Northwind's chief executive", "X, 57, chief executive of Y"
			j := n + 1
			if j < s.End && d.Tokens[j].Kind == Number && r.word(j+1) == "," {
				j += 2
			}
			if org, head, _, former, ok := r.roleDescription(j, s.End); ok && org >= 0 {
				r.add(p, org, affiliationPred(head, former), false, si, nil)
			}
		case (w == "of" || w == "at") && m.Role != "":
			// "retail analyst Jane Roe of Harbor Capital"
			if org := r.orgAfter(n+1, s.End); org >= 0 {
				r.add(p, org, affiliationPred(m.RoleHead, m.Former), false, si, nil)
			}
		case w == "from" && n > s.First:
			// "said John Doe from Acme Research"
			if org := r.orgAfter(n+1, s.End); org >= 0 && r.isSpeechNear(m.First, n) {
				r.add(p, org, PredWorksFor, false, si, nil)
			}
		case beForms[w] || w == "has" && r.word(n+1) == "been":
			// "Ms Lin has been finance director of Northwind", "was
			// elected president of X"
			j := n + 1
			if r.word(j) == "been" {
				j++
			}
			if appointed[r.word(j)] {
				j++
			}
			if org, head, next, former, ok := r.roleDescription(j, s.End); ok && org >= 0 && (next >= s.End || !isVerbish(r.lx, r.word(next))) {
				r.add(p, org, affiliationPred(head, former), false, si, nil)
			}
		}
	}
}

// orgAfter returns the organisation named at token k, after an optional "the", when the
// noun phrase ends there; -1 otherwise.
func (r *relationFinder) orgAfter(k, end int) int {
	if r.word(k) == "the" {
		k++
	}
	mi := r.mentionAt[k]
	if k >= end || mi < 0 || r.d.Mentions[mi].First != k || r.d.Mentions[mi].Kind != NameMention {
		return -1
	}
	e := r.d.Mentions[mi].Entity
	if e < 0 || r.d.Entities[e].Type != Organization {
		return -1
	}
	return e
}

// isSpeechNear reports whether a speech verb stands right before token a or after token b
// ("said X from Y", "X from Y said").
func (r *relationFinder) isSpeechNear(a, b int) bool {
	if _, ok := r.lx.Speech(r.word(a - 1)); ok {
		return true
	}
	for j := b; j < b+6 && j < len(r.d.Tokens); j++ {
		if _, ok := r.lx.Speech(r.word(j)); ok {
			return true
		}
	}
	return false
}

// appointed are the participles that give a person a position: "was elected president of X".
var appointed = map[string]bool{
	"appointed": true, "named": true, "elected": true, "made": true, "installed": true,
	"chosen": true, "hired": true, "promoted": true, "confirmed": true, "re-elected": true,
	"reappointed": true, "unveiled": true, "announced": true,
}

// personalRoles serve a person, who is named by the possessive before them ("his lawyer"):
// the predicate of the relation from the holder of the role to that person.
var personalRoles = map[string]string{
	"lawyer": "represents", "solicitor": "represents", "barrister": "represents", "attorney": "represents",
	"counsel": "represents", "manager": "manages", "agent": "represents", "spokesman": "speaks_for",
	"spokeswoman": "speaks_for", "spokesperson": "speaks_for", "aide": "advises", "adviser": "advises",
	"advisor": "advises", "coach": "coaches", "trainer": "trains", "wife": "married_to",
	"husband": "married_to", "biographer": "wrote_about", "doctor": "treats", "deputy": "works_for",
}

// descriptionBefore reads a description written before a person's name: "His lawyer, Helen
// Ward, said", "The Labour candidate, Mary Jones, won", "His manager Tom Reid said",
// "Its founder, David Moreau".
func (r *relationFinder) descriptionBefore(si int, m *Mention) {
	d := r.d
	s := &d.Sentences[si]
	end := m.First // the description ends before the name, or before a comma
	if m.Role != "" && m.Full.Start < m.Span.Start {
		// a title read with the name: "His manager Tom Reid"
		end = -1
		for k := m.First; k < m.End; k++ {
			if d.Tokens[k].Start >= m.Span.Start {
				end = k
				break
			}
		}
		if end < 0 {
			return
		}
		r.possessedRole(si, m, m.First, end)
		return
	}
	if end-1 <= s.First || r.word(end-1) != "," {
		return
	}
	end--
	// walk back to a determiner, a possessive, or the start of the sentence
	a := end - 1
	for a > s.First && a > end-6 {
		w := r.word(a - 1)
		if d.Tokens[a-1].Kind == Punct && w != "&" || isVerbish(r.lx, w) && r.mentionAt[a-1] < 0 || prepositions[w] {
			break
		}
		a--
		if determiners[w] || w == "his" || w == "her" || w == "its" || w == "their" {
			break
		}
	}
	if org, head, next, former, ok := r.roleDescription(a, end); ok && next == end {
		if org >= 0 {
			r.add(m.Entity, org, affiliationPred(head, former), false, si, nil)
			return
		}
		r.possessedRole(si, m, a, end)
	}
}

// possessedRole reads "his lawyer" in the description tokens [a, end) of the person of
// mention m: a relation to the person "his" stands for, or to the organisation "its" does.
func (r *relationFinder) possessedRole(si int, m *Mention, a, end int) {
	w := r.word(a)
	if w != "his" && w != "her" && w != "its" && w != "their" {
		return
	}
	head := ""
	for k := end - 1; k > a; k-- {
		if r.isRoleWord(r.word(k)) {
			head = r.word(k)
			break
		}
	}
	if head == "" {
		return
	}
	if w == "its" || w == "their" {
		// "its founder, X": the organisation the sentence before was about
		if org := r.recentOrg(si); org >= 0 {
			pred := affiliationPred(head, false)
			if head == "founder" || head == "co-founder" {
				pred = "founded"
			} else if p, ok := personalRoles[head]; ok && head != "manager" && head != "coach" {
				pred = p // "its lawyer", "its spokesman"
			}
			r.add(m.Entity, org, pred, false, si, nil)
		}
		return
	}
	pred, ok := personalRoles[head]
	if !ok {
		return
	}
	other := r.possessorPronoun(si, a, m.Entity)
	if other < 0 || !r.isPerson(other) {
		return
	}
	r.add(m.Entity, other, pred, pred == "married_to", si, nil)
}

// recentOrg returns the organisation that is the subject of sentence si or of one of the
// two before it, or -1.
func (r *relationFinder) recentOrg(si int) int {
	for p := si; p >= 0 && p >= si-2; p-- {
		if e := r.sentenceSubject(p); e >= 0 && r.d.Entities[e].Type == Organization {
			return e
		}
	}
	return -1
}

// possessorPronoun resolves "his" or "her" at token k, which names someone other than the
// person the description is of: the last person of that gender named before it, in its
// sentence or the ones before.
func (r *relationFinder) possessorPronoun(si, k, not int) int {
	d := r.d
	g := pronounGender(r.word(k))
	for p := si; p >= 0 && p >= si-3; p-- {
		s := &d.Sentences[p]
		end := s.End
		if p == si {
			end = k
		}
		if p < si {
			if sp := r.speakers[p]; sp >= 0 && sp != not && r.isPerson(sp) && r.genderOK(sp, g) {
				return sp
			}
		}
		for j := end - 1; j >= s.First; j-- {
			if e := r.entityOf(r.mentionAt[j]); e >= 0 && e != not && r.isPerson(e) && r.genderOK(e, g) {
				return e
			}
		}
	}
	return -1
}
