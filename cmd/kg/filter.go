package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/voc"
)

// resolveName finds the entity a listing filter names the way kg ask does: by the keys
// of its names and aliases ("Putin", "the Russian president"), the most-mentioned when
// several share one. An unknown name is an error with the nearest names suggested.
func resolveName(ctx context.Context, st *graph.Store, name string) (string, error) {
	id, err := st.Find(ctx, name)
	if err != nil {
		return "", withNameSuggestions(ctx, st, err)
	}
	return id, nil
}

// entityTypeNames maps what people call a type to kg's: "people" is Person.
var entityTypeNames = map[string]string{
	"person": "Person", "people": "Person", "persons": "Person",
	"organization": "Organization", "organisation": "Organization", "organizations": "Organization",
	"organisations": "Organization", "org": "Organization", "orgs": "Organization",
	"place": "Place", "places": "Place", "location": "Place", "locations": "Place",
	"event": "Event", "events": "Event",
}

// entityType is the type a --type flag names, or a usage error listing the types.
func entityType(s string) (string, error) {
	if t, ok := entityTypeNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return t, nil
	}
	keys := make([]string, 0, len(entityTypeNames))
	for k := range entityTypeNames {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	hint := ""
	if c := closest(s, keys, 1); len(c) > 0 {
		hint = fmt.Sprintf(" Did you mean %s?", entityTypeNames[c[0]])
	}
	return "", usagef("unknown entity type %q: kg knows Person, Organization, Place and Event.%s", s, hint)
}

// samePredicate reports whether a relation predicate ("invited", "spoke_with") is one the
// verb a person typed names, the way kg ask matches verbs: by the stem of the first word
// ("invite", "inviting" and "invited" name "invited"; "speak" names "spoke_with").
func samePredicate(pred, verb string) bool {
	return voc.VerbStem(pred) == voc.VerbStem(strings.TrimSpace(verb))
}

// noMatch is the error of a listing whose filters matched nothing.
func noMatch(what string, filters ...string) error {
	var f []string
	for i := 0; i+1 < len(filters); i += 2 {
		if filters[i+1] != "" {
			f = append(f, filters[i]+" "+filters[i+1])
		}
	}
	return fmt.Errorf("no %s match %s", what, strings.Join(f, " and "))
}
