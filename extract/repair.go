package extract

// Repairs of the parser's tree, made once a sentence is parsed and before anything reads it.
// Each mends one mistake the greedy parser makes often on news and that the rules cannot
// read around.

// repairParse mends the parse of sentence si.
func repairParse(d *Document, si int) {
	commaSubject(d, si)
}

// commaSubject mends a subject parsed as a conjunct of the phrase that opens its sentence:
// in "Speaking to the Harbour Times, Ann Lee said …" and "In an interview with Acme, Ann
// Lee said …" the parser often makes "Lee" a conjunct of "Times" or "Acme", leaving "said"
// without a subject. A conjunct with no "and" or "or" of its own, after a comma, whose head
// lies in an opening phrase (a preposition's, or a verb's) that a later verb governs, when
// that verb has no subject, is its subject.
func commaSubject(d *Document, si int) {
	s := &d.Sentences[si]
	first, end := s.FirstWord, s.EndWord
	hasChild := func(h int, rels ...string) bool {
		for k := first; k < end; k++ {
			if d.Words[k].Head != h {
				continue
			}
			for _, r := range rels {
				if d.Words[k].Rel == r {
					return true
				}
			}
		}
		return false
	}
	for w := first; w < end; w++ {
		pw := &d.Words[w]
		if pw.Rel != "conj" || pw.Head < first || pw.Head >= w {
			continue
		}
		if pw.Tag != PROPN && pw.Tag != PRON && pw.Tag != NOUN || hasChild(w, "cc") {
			continue
		}
		// a comma right before the conjunct, and none of "and", "or" between
		if w-1 <= pw.Head || d.Words[w-1].Text(d.Text) != "," {
			continue
		}
		// the first verb above the head that comes after the conjunct; the head opens a
		// phrase, with a preposition or under a verb of its own ("Northwind Bank's chief,
		// Ann Lee, resigned" is an apposition, left alone)
		v, opener := -1, hasChild(pw.Head, "case")
		for a, n := d.Words[pw.Head].Head, 0; a >= first && a < end && n < end-first; a, n = d.Words[a].Head, n+1 {
			if a > w {
				if d.Words[a].Tag == VERB || d.Words[a].Tag == AUX {
					v = a
				}
				break
			}
			opener = opener || d.Words[a].Tag == VERB
		}
		if v < 0 || !opener || hasChild(v, "nsubj", "nsubj:pass", "expl", "csubj") {
			continue
		}
		pw.Head, pw.Rel = v, "nsubj"
	}
}
