package main

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"sort"
	"strings"
	"time"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/queries"
)

// queryStat is the latency of one canned query over many parameter choices.
type queryStat struct {
	Name   string        `json:"query"`
	Runs   int           `json:"runs"`
	Errors int           `json:"errors"` // runs that failed (a name with no relation is an answer, not a failure)
	Median time.Duration `json:"median_ns"`
	P95    time.Duration `json:"p95_ns"`
	Max    time.Duration `json:"max_ns"`
}

// benchParams draws parameters for the canned queries from what the store holds: the
// ends and verbs of random statements, random speakers and events. Hubs come up as often
// as the graph states them, so the p95 covers the heavy names.
type benchParams struct {
	facts    []graph.FactRow
	speakers []string
	events   []string
	rng      *rand.Rand
}

func newBenchParams(ctx context.Context, st *graph.Store, seed int64) (*benchParams, error) {
	facts, err := st.Facts(ctx)
	if err != nil {
		return nil, err
	}
	p := &benchParams{rng: rand.New(rand.NewSource(seed))}
	for _, f := range facts {
		if f.Object.ID != "" && f.Predicate != "role" {
			p.facts = append(p.facts, f)
		}
	}
	if len(p.facts) == 0 {
		return nil, fmt.Errorf("the store has no relation statements to draw query parameters from")
	}
	quotes, err := st.Quotes(ctx)
	if err != nil {
		return nil, err
	}
	for _, q := range quotes {
		p.speakers = append(p.speakers, q.Speaker.Name)
	}
	ents, err := st.Entities(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if e.Type == "Event" {
			p.events = append(p.events, e.Name)
		}
	}
	return p, nil
}

// fact returns a random statement, weighted by the number of articles that state it.
func (p *benchParams) fact() graph.FactRow {
	return p.facts[p.rng.Intn(len(p.facts))]
}

func (p *benchParams) pick(list []string, fallback string) string {
	if len(list) == 0 {
		return fallback
	}
	return list[p.rng.Intn(len(list))]
}

// args returns parameters for query q.
func (p *benchParams) args(q *queries.Query) map[string]string {
	f, g := p.fact(), p.fact()
	a := map[string]string{}
	for _, prm := range q.Params {
		switch q.Name + "." + prm.Name {
		case "who.verb", "whom.verb":
			a[prm.Name] = strings.ReplaceAll(f.Predicate, "_", " ")
		case "who.object":
			a[prm.Name] = f.Object.Name
		case "whom.subject":
			a[prm.Name] = f.Subject.Name
		case "between.a", "path.from":
			a[prm.Name] = f.Subject.Name
		case "between.b":
			a[prm.Name] = f.Object.Name
		case "path.to":
			a[prm.Name] = g.Object.Name
		case "quotes.speaker":
			a[prm.Name] = p.pick(p.speakers, f.Subject.Name)
		case "attended.event":
			a[prm.Name] = p.pick(p.events, f.Object.Name)
		default:
			switch prm.Kind {
			case queries.Entity:
				if p.rng.Intn(2) == 0 {
					a[prm.Name] = f.Subject.Name
				} else {
					a[prm.Name] = f.Object.Name
				}
			case queries.Verb:
				a[prm.Name] = f.Predicate
			default:
				a[prm.Name] = prm.Example
			}
		}
	}
	return a
}

// benchQueries runs every canned query runs times with parameters drawn from the store
// and returns its latency: the whole of what `kg ask` does after opening the store
// (rendering the script, running it, reading every result).
func benchQueries(ctx context.Context, st *graph.Store, set *queries.Set, runs int, timeout time.Duration, seed int64, progress io.Writer) ([]queryStat, error) {
	p, err := newBenchParams(ctx, st, seed)
	if err != nil {
		return nil, err
	}
	var stats []queryStat
	for _, q := range set.List() {
		s := queryStat{Name: q.Name}
		var times []time.Duration
		for i := 0; i < runs; i++ {
			script, err := set.Render(q.Name, p.args(q))
			if err != nil {
				return nil, err
			}
			qctx, cancel := context.WithTimeout(ctx, timeout)
			start := time.Now()
			_, err = st.Gizmo(qctx, script, 0)
			d := time.Since(start)
			cancel()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if err != nil && !strings.Contains(err.Error(), "no chain of") && !strings.Contains(err.Error(), "no relation") {
				s.Errors++
			}
			times = append(times, d)
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		s.Runs = len(times)
		s.Median = times[len(times)/2]
		s.P95 = times[min(len(times)-1, len(times)*95/100)]
		s.Max = times[len(times)-1]
		stats = append(stats, s)
		if progress != nil {
			fmt.Fprintf(progress, "kg bench: %s: median %.1f ms, p95 %.1f ms\n", s.Name, ms(s.Median), ms(s.P95))
		}
	}
	return stats, nil
}
