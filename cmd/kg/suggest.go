package main

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/queries"
)

// closest returns up to n of the candidates nearest to word by edit distance, only those
// at the nearest distance found, leaving out those too far to be a slip of the keyboard
// (more than a third of the word's letters, and at least two, changed).
func closest(word string, candidates []string, n int) []string {
	w := strings.ToLower(word)
	limit := max(2, len([]rune(w))/3)
	type cand struct {
		s string
		d int
	}
	var out []cand
	seen := map[string]bool{}
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if seen[lc] || lc == w {
			continue
		}
		seen[lc] = true
		d := levenshtein.ComputeDistance(w, lc)
		// a word typed as part of a longer name ("Putn" for "Vladimir Putin") counts by
		// its nearest word
		for _, part := range strings.Fields(lc) {
			if pd := levenshtein.ComputeDistance(w, part); pd < d && len(part) > 2 {
				d = pd
			}
		}
		if d <= limit {
			out = append(out, cand{c, d})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].d < out[j].d })
	var names []string
	// only the nearest: "Tony Blair" for "Tony Blaire", not "Tony Bland" as well
	for i := 0; i < len(out) && i < n && out[i].d == out[0].d; i++ {
		names = append(names, out[i].s)
	}
	return names
}

// didYouMean is " Did you mean X?" (or "X or Y") for the candidates closest to word, or
// "" when none is close: a sentence to follow another.
func didYouMean(word string, candidates []string) string {
	return suggestion(closest(word, candidates, 3))
}

func suggestion(c []string) string {
	switch len(c) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(" Did you mean %s?", c[0])
	}
	return fmt.Sprintf(" Did you mean %s or %s?", strings.Join(c[:len(c)-1], ", "), c[len(c)-1])
}

// quoteNames puts names with spaces in double quotes, as a shell needs them.
func quoteNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		if strings.ContainsAny(n, " '") {
			n = `"` + n + `"`
		}
		out[i] = n
	}
	return out
}

// unknownName is the message of a name the graph does not know, by the lookup of the
// canned queries or of graph.Find.
var unknownName = regexp.MustCompile(`nothing in the graph is known as "((?:[^"\\]|\\.)*)"`)

// withNameSuggestions adds to an error about a name the graph does not know the names
// in the graph nearest to it.
func withNameSuggestions(ctx context.Context, st *graph.Store, err error) error {
	if err == nil {
		return nil
	}
	m := unknownName.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	byName, lerr := entityNames(ctx, st)
	if lerr != nil {
		return err
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	// the nearest names and aliases, each standing for its entity's name, once
	var ents []string
	seen := map[string]bool{}
	for _, n := range closest(strings.ReplaceAll(m[1], `\"`, `"`), names, 20) {
		if e := byName[n]; !seen[e] && len(ents) < 3 {
			seen[e] = true
			ents = append(ents, e)
		}
	}
	hint := suggestion(quoteNames(ents))
	if hint == "" {
		return err
	}
	return fmt.Errorf("%w.%s", err, hint)
}

// entityNames maps the names and aliases of every entity to its name; a name two
// entities share stands for the one named in more articles.
func entityNames(ctx context.Context, st *graph.Store) (map[string]string, error) {
	rows, err := st.Entities(ctx) // the most-mentioned first
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rows {
		for _, n := range append([]string{r.Name}, r.Aliases...) {
			if _, ok := out[n]; !ok {
				out[n] = r.Name
			}
		}
	}
	return out, nil
}

// getQuery is set.Get with the nearest query names suggested for an unknown one.
func getQuery(set *queries.Set, name string) (*queries.Query, error) {
	q, err := set.Get(name)
	if errors.Is(err, queries.ErrUnknown) {
		var names []string
		for _, q := range set.List() {
			names = append(names, q.Name)
		}
		return nil, fmt.Errorf("%w %q.%s kg ask --list shows every question with an example.", queries.ErrUnknown, name, didYouMean(name, names))
	}
	return q, err
}
