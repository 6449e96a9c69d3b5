package extract

// Affiliations: the organisation a person works for, as news prose states it around a
// name rather than in a clause: "X, analyst at Y", "X, Y's chief executive", "analyst X
// of Y", "said X from Y", "X has been managing director of Y".

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
	if k < end && (r.word(k) == "the" || r.word(k) == "a" || r.word(k) == "an") {
		k++
	}
	// "T-Mobile's chief executive"
	if mi := r.mentionAt[k]; mi >= 0 && k < end {
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
		if r.isRoleWord(w) && !(w == "partner" || w == "rival" || w == "colleague" || w == "counterpart" || w == "candidate" || w == "seed" || w == "star" ||
			w == "wife" || w == "husband" || w == "son" || w == "daughter" || w == "brother" || w == "sister" || w == "mother" || w == "father" || w == "widow" || w == "mr" || w == "mrs" || w == "ms" || w == "sir" || w == "dr") {
			head = w
			if h, found := r.lx.Title(w); found {
				head = h
			}
			k++
			// "managing director and chief executive", "head of tax"
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
		// modifiers: "senior", "US", "non-executive", "UK"
		if r.mentionAt[k] >= 0 {
			if e := r.entityOf(r.mentionAt[k]); e >= 0 && d.Entities[e].Type == Place && !d.Mentions[r.mentionAt[k]].Possessive {
				k = d.Mentions[r.mentionAt[k]].End
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
		// descriptions before the name: "editor of gadget magazine Stuff"
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
		switch w := r.word(n); {
		case w == ",":
			// "X, analyst at Y", "X, T-Mobile's chief executive", "X, 57, chief executive of Y"
			j := n + 1
			if d.Tokens[j].Kind == Number && r.word(j+1) == "," {
				j += 2
			}
			if org, head, _, former, ok := r.roleDescription(j, s.End); ok && org >= 0 {
				r.add(p, org, affiliationPred(head, former), false, si, nil)
			}
		case (w == "of" || w == "at") && m.Role != "":
			// "retail analyst Nick Bubb of Evolution Securities"
			if org := r.orgAfter(n+1, s.End); org >= 0 {
				r.add(p, org, affiliationPred(m.RoleHead, m.Former), false, si, nil)
			}
		case w == "from" && n > s.First:
			// "said Anthony Pratt from JD Power"
			if org := r.orgAfter(n+1, s.End); org >= 0 && r.isSpeechNear(m.First, n) {
				r.add(p, org, PredWorksFor, false, si, nil)
			}
		case beForms[w] || w == "has" && r.word(n+1) == "been":
			// "Ms Tan has been managing director and chief executive of Metrojaya"
			j := n + 1
			if r.word(j) == "been" {
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
