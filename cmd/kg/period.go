package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
)

// periodFlags bound answers by the dates of their articles.
func periodFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "since", Usage: "only articles published on or after this day (2025-08-01, 2025-08 or 2025)"},
		&cli.StringFlag{Name: "until", Usage: "only articles published on or before this day (2025-08-31, 2025-08 or 2025)"},
	}
}

// periodOf reads --since and --until.
func periodOf(c *cli.Context) (graph.Period, error) {
	p := graph.Period{Since: c.String("since"), Until: c.String("until")}
	for _, v := range []struct{ flag, val string }{{"since", p.Since}, {"until", p.Until}} {
		if v.val != "" && !isDay(v.val) {
			return p, usagef("--%s wants a day as 2025-08-15, a month as 2025-08 or a year as 2025, not %q", v.flag, v.val)
		}
	}
	if p.Since != "" && p.Until != "" && p.Until < p.Since[:min(len(p.Since), len(p.Until))] {
		return p, usagef("--until %s is before --since %s", p.Until, p.Since)
	}
	return p, nil
}

// isDay reports whether s is a day, a month or a year in ISO 8601.
func isDay(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

// articleLabels are the articles of a listing's row as a table shows them: headline,
// date and source, at most n.
func articleLabels(arts []*graph.Article, ids []string, n int) string {
	labels := make([]string, 0, len(ids))
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		l := id
		if i < len(arts) && arts[i] != nil {
			a := *arts[i]
			if a.Headline == "" {
				a.Headline = id
			}
			a.Headline = truncate(a.Headline, 50) // the date and source stay whole
			l = a.Label()
		}
		labels = append(labels, l)
	}
	return joinLimit(labels, n)
}
