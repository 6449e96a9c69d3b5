package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/queries"
)

// askOptions are the settings of kg ask.
type askOptions struct {
	store   graph.Config
	name    string
	args    map[string]string
	json    bool
	timeout time.Duration
	limit   int
}

func newAskCommand() *cli.Command {
	return &cli.Command{
		Name:      "ask",
		Usage:     "run a canned question: kg ask who criticized Trump",
		ArgsUsage: "QUERY [ARG...]",
		Description: "Arguments follow the query's parameters in order (see kg ask --list), or come as\n" +
			"--set name=value; flags may come before or after them (kg ask who criticized Trump --json).\n" +
			"--set name=value. Names are matched as people type them: \"Putin\", \"Vladimir Putin\" and\n" +
			"\"the Russian president\" reach the same node.",
		Flags: append(append(storeFlags(),
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "list the canned queries with their parameters"},
			&cli.StringSliceFlag{Name: "set", Usage: "a parameter as name=value (repeatable)"},
			&cli.BoolFlag{Name: "print", Usage: "print the Gizmo script instead of running it"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop a query that runs longer"},
			&cli.BoolFlag{Name: "modal", Usage: "also the statements that are no plain facts: plans and possibilities (\"plans to buy\", \"could meet\")"},
			jsonFlag,
		), periodFlags()...),
		Action: func(c *cli.Context) error {
			set := queries.MustLoad()
			if c.Bool("list") {
				return printQueryList(c.App.Writer, set, c.Bool("json"))
			}
			if c.NArg() == 0 {
				return usagef("ask needs a query name; kg ask --list shows them")
			}
			q, err := getQuery(set, c.Args().First())
			if err != nil {
				return err
			}
			args, err := queryArgs(q, c.Args().Tail(), c.StringSlice("set"))
			if err != nil {
				return err
			}
			period, err := periodOf(c)
			if err != nil {
				return err
			}
			if period.Since != "" {
				args[queries.Since] = period.Since
			}
			if period.Until != "" {
				args[queries.Until] = period.Until
			}
			if c.Bool("modal") {
				args[queries.Modal] = "true"
			}
			opts := askOptions{store: storeConfig(c, true), name: q.Name, args: args, json: c.Bool("json"), timeout: c.Duration("timeout")}
			if c.Bool("print") {
				script, err := set.Render(q.Name, args)
				if err != nil {
					return err
				}
				_, err = fmt.Fprintln(c.App.Writer, script)
				return err
			}
			return runAsk(c.Context, opts, set, c.App.Writer)
		},
	}
}

// queryArgs maps positional arguments onto the query's parameters in order, and adds the
// --set ones. A last parameter takes the rest of the words ("who criticized Donald Trump").
func queryArgs(q *queries.Query, pos []string, set []string) (map[string]string, error) {
	args := map[string]string{}
	for _, kv := range set {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, usagef("--set wants name=value, not %q", kv)
		}
		args[k] = v
	}
	var free []queries.Param
	for _, p := range q.Params {
		if _, ok := args[p.Name]; !ok {
			free = append(free, p)
		}
	}
	for i, a := range pos {
		if i >= len(free) {
			if len(free) == 0 {
				return nil, usagef("query %s takes no more arguments (usage: kg ask %s)", q.Name, q.Usage())
			}
			last := free[len(free)-1].Name
			args[last] += " " + a
			continue
		}
		args[free[i].Name] = a
	}
	return args, nil
}

// runAsk runs a canned query against the store and prints its results.
func runAsk(ctx context.Context, opts askOptions, set *queries.Set, stdout io.Writer) error {
	script, err := set.Render(opts.name, opts.args)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, opts.store)
	if err != nil {
		return err
	}
	defer st.Close()
	if opts.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.timeout)
		defer cancel()
	}
	res, err := st.Gizmo(ctx, script, opts.limit)
	if err != nil {
		return withNameSuggestions(ctx, st, cannedError(err))
	}
	return printResults(stdout, res, opts.json)
}

func printQueryList(w io.Writer, set *queries.Set, asJSON bool) error {
	if asJSON {
		return writeJSONLines(w, set.List())
	}
	t := newTable(w, "question", "description", "example")
	for _, q := range set.List() {
		var ex []string
		for _, p := range q.Params {
			if p.Example != "" {
				if strings.Contains(p.Example, " ") {
					ex = append(ex, `"`+p.Example+`"`)
				} else {
					ex = append(ex, p.Example)
				}
			}
		}
		t.row(q.Usage(), q.Description, "kg ask "+q.Name+" "+strings.Join(ex, " "))
	}
	return t.flush()
}

// jsLocation is where in a canned query's script an error was thrown: of use to whoever
// writes queries, noise to whoever asks one.
var jsLocation = regexp.MustCompile(`^(?:Error: )?(.*?) at \w+ \(<eval>:\d+:\d+\(\d+\)\)$`)

// cannedError is err, with a message a person asking a canned question can act on:
// `no relation "slapped" in the graph` rather than the script's stack position.
func cannedError(err error) error {
	msg := err.Error()
	prefix := graph.ErrQuery.Error() + ": "
	if !strings.HasPrefix(msg, prefix) {
		return err
	}
	if m := jsLocation.FindStringSubmatch(strings.TrimPrefix(msg, prefix)); m != nil {
		return fmt.Errorf("%w: %s", graph.ErrQuery, m[1])
	}
	return err
}
