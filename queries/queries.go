// Package queries holds kg's canned Gizmo queries: JavaScript files embedded in the binary,
// each declaring its name, parameters and a one-line description in its header:
//
//	// name: who
//	// description: Who <verb> <object>? ...
//	// param: verb verb criticized
//	// param: object entity Donald Trump
//
// A parameter line gives the name, the kind (entity, verb, number or text) and an example.
// Render turns a query and its arguments into a self-contained Gizmo script: the
// arguments JSON-encoded into `var params = {...}` (never spliced into code), then lib.js
// between //#region markers (the console's editor folds it), then the query. The same text runs in kg and in Cayley's web console.
package queries

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kg-news/kg/extract"
)

//go:embed *.js
var files embed.FS

// Kinds of parameter.
const (
	Entity = "entity" // a name as people type it; resolved through the graph's keys
	Verb   = "verb"   // a relation verb in any form
	Number = "number"
	Text   = "text"
)

// Param is one parameter of a query.
type Param struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Example string `json:"example"`
}

// Query is one canned query.
type Query struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Params      []Param `json:"params"`
	Source      string  `json:"-"`
}

// Since and Until are parameters every query takes: they keep the statements and
// quotations of articles published within those days ("2025-08-15", "2025-08" or "2025").
const (
	Since = "since"
	Until = "until"
	// Modal, when "true", keeps the statements that are no plain facts too: plans and
	// possibilities (kg:modality), which the queries leave out unless asked.
	Modal = "modal"
)

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

// ErrUnknown is returned for a query name that does not exist.
var ErrUnknown = errors.New("unknown query")

// ErrParam is returned for a missing or malformed argument.
var ErrParam = errors.New("bad query parameter")

// Set is the set of canned queries.
type Set struct {
	lib     string
	queries map[string]*Query
}

// Load parses the embedded queries.
func Load() (*Set, error) {
	lib, err := fs.ReadFile(files, "lib.js")
	if err != nil {
		return nil, err
	}
	s := &Set{lib: string(lib), queries: map[string]*Query{}}
	entries, err := fs.Glob(files, "*.js")
	if err != nil {
		return nil, err
	}
	for _, name := range entries {
		if name == "lib.js" {
			continue
		}
		src, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		q, err := parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", name, err)
		}
		if q.Name+".js" != name {
			return nil, fmt.Errorf("query %s declares the name %q", name, q.Name)
		}
		s.queries[q.Name] = q
	}
	return s, nil
}

// MustLoad is Load for the embedded files, which a test checks.
func MustLoad() *Set {
	s, err := Load()
	if err != nil {
		panic(err)
	}
	return s
}

func parse(src string) (*Query, error) {
	q := &Query{Source: src}
	for _, line := range strings.Split(src, "\n") {
		if !strings.HasPrefix(line, "//") {
			break
		}
		key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "//")), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch key {
		case "name":
			q.Name = val
		case "description":
			q.Description = val
		case "param":
			f := strings.SplitN(val, " ", 3)
			if len(f) < 2 {
				return nil, fmt.Errorf("param line %q: want name, kind and an example", val)
			}
			p := Param{Name: f[0], Kind: f[1]}
			if len(f) == 3 {
				p.Example = f[2]
			}
			switch p.Kind {
			case Entity, Verb, Number, Text:
			default:
				return nil, fmt.Errorf("param %s: unknown kind %q", p.Name, p.Kind)
			}
			q.Params = append(q.Params, p)
		}
	}
	if q.Name == "" || q.Description == "" {
		return nil, errors.New("header lacks a name or a description")
	}
	return q, nil
}

// List returns the queries sorted by name.
func (s *Set) List() []*Query {
	out := make([]*Query, 0, len(s.queries))
	for _, q := range s.queries {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Get returns the query with the given name.
func (s *Set) Get(name string) (*Query, error) {
	q, ok := s.queries[name]
	if !ok {
		names := make([]string, 0, len(s.queries))
		for n := range s.queries {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknown, name, strings.Join(names, ", "))
	}
	return q, nil
}

// Usage is a one-line synopsis of a query: "who <verb> <object>".
func (q *Query) Usage() string {
	var b strings.Builder
	b.WriteString(q.Name)
	for _, p := range q.Params {
		fmt.Fprintf(&b, " <%s>", p.Name)
	}
	return b.String()
}

// Render returns the Gizmo script that runs query name with the given arguments. Every
// parameter must have a non-empty value, except a number, which may be left out.
func (s *Set) Render(name string, args map[string]string) (string, error) {
	q, err := s.Get(name)
	if err != nil {
		return "", err
	}
	params := map[string]any{}
	for _, p := range q.Params {
		v, ok := args[p.Name]
		v = strings.TrimSpace(v)
		if !ok || v == "" {
			if p.Kind == Number {
				continue
			}
			return "", fmt.Errorf("%w: query %s needs %s (%s), for example %q", ErrParam, q.Name, p.Name, p.Kind, p.Example)
		}
		switch p.Kind {
		case Number:
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return "", fmt.Errorf("%w: %s must be a whole number, not %q", ErrParam, p.Name, v)
			}
			params[p.Name] = n
		case Entity:
			params[p.Name] = v
			params[p.Name+"Key"] = extract.Key(v)
		default:
			params[p.Name] = v
		}
	}
	for _, k := range []string{Since, Until} {
		v := strings.TrimSpace(args[k])
		if v == "" {
			continue
		}
		if !isDay(v) {
			return "", fmt.Errorf("%w: %s wants a day as 2025-08-15, a month as 2025-08 or a year as 2025, not %q", ErrParam, k, v)
		}
		params[k] = v
	}
	if args[Modal] == "true" {
		params[Modal] = true
	}
	for k := range args {
		if k == Since || k == Until || k == Modal {
			continue
		}
		if !q.hasParam(k) {
			return "", fmt.Errorf("%w: query %s has no parameter %q (it takes: %s)", ErrParam, q.Name, k, q.Usage())
		}
	}
	js, err := json.Marshal(params) // escapes <, >, &, U+2028 and U+2029: safe inside a script
	if err != nil {
		return "", err
	}
	// the library goes between region markers, which the console's editor folds, so
	// that a question opened there shows its own lines
	return "var params = " + string(js) + ";\n" +
		"// kg ask " + q.Name + ": " + q.Description + "\n" +
		"//#region kg library: the helpers every canned question uses (queries/lib.js)\n" +
		s.lib + "\n//#endregion\n" + q.Source, nil
}

func (q *Query) hasParam(name string) bool {
	for _, p := range q.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}
