package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/export"
	"github.com/kg-news/kg/queries"
)

// exportOptions are the settings of kg export.
type exportOptions struct {
	store     graph.Config
	format    string
	out       string
	filter    export.Filter
	fromQuery string
	queryArgs map[string]string
	maxNodes  int  // pictures (dot, svg, png): the most entities drawn; 0 for all
	progress  bool // show a progress line on stderr
}

func newExportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the graph for Gephi, Cytoscape, yEd, Graphviz or RDF tools",
		Description: "Formats: gexf (Gephi), graphml (Cytoscape, yEd), cytoscape (Cytoscape.js JSON), dot\n" +
			"(Graphviz), csv (edge list), nquads and jsonld (the raw quads), svg and png (drawn with\n" +
			"Graphviz's dot). The first five are a projection: entities as nodes, relations as edges\n" +
			"weighted by the number of articles that state them.",
		Flags: append(storeFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "graphml", Usage: "gexf, graphml, cytoscape, dot, csv, nquads, jsonld, svg or png"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "file to write (default: standard output)"},
			&cli.StringSliceFlag{Name: "around", Usage: "only what is within --depth steps of this entity (repeatable)"},
			&cli.IntFlag{Name: "depth", Value: 1, Usage: "steps from --around"},
			&cli.StringSliceFlag{Name: "predicate", Usage: "only edges of this relation (repeatable)"},
			&cli.StringSliceFlag{Name: "type", Usage: "only entities of this type (repeatable)"},
			&cli.IntFlag{Name: "min-weight", Value: 1, Usage: "only edges stated by at least this many articles"},
			&cli.StringFlag{Name: "from-query", Usage: "only the edges a canned query returns (parameters with --set)"},
			&cli.StringSliceFlag{Name: "set", Usage: "a parameter of --from-query as name=value (repeatable)"},
			&cli.IntFlag{Name: "max-nodes", Value: export.DefaultMaxNodes, Usage: "dot, svg and png: draw at most this many entities, the best-connected of the largest connected part (0: all)"},
		),
		Action: func(c *cli.Context) error {
			opts := exportOptions{
				store: storeConfig(c, true), format: strings.ToLower(c.String("format")), out: c.String("out"),
				filter: export.Filter{Around: c.StringSlice("around"), Depth: c.Int("depth"), Predicates: c.StringSlice("predicate"),
					Types: c.StringSlice("type"), MinWeight: c.Int("min-weight")},
				fromQuery: c.String("from-query"), queryArgs: map[string]string{},
				maxNodes: c.Int("max-nodes"), progress: isTerminal(c.App.ErrWriter),
			}
			for _, kv := range c.StringSlice("set") {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					return usagef("--set wants name=value, not %q", kv)
				}
				opts.queryArgs[k] = v
			}
			return runExport(c.Context, opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// runExport writes the export opts asks for to opts.out or stdout. A picture of more
// entities than opts.maxNodes is cut to its readable part, and stderr says what was left
// out.
func runExport(ctx context.Context, opts exportOptions, stdout, stderr io.Writer) error {
	switch opts.format {
	case "gexf", "graphml", "cytoscape", "dot", "csv", "nquads", "jsonld", "svg", "png":
	default:
		return usagef("unknown export format %q (want gexf, graphml, cytoscape, dot, csv, nquads, jsonld, svg or png)", opts.format)
	}
	if opts.format == "svg" || opts.format == "png" {
		if _, err := exec.LookPath("dot"); err != nil {
			return errors.New("drawing svg or png needs Graphviz's dot: install it with `apt-get install graphviz` (Debian, Ubuntu) or `brew install graphviz` (macOS)")
		}
	}
	if opts.format == "png" && (opts.out == "" || opts.out == "-") && isTerminal(stdout) {
		return usagef("a png is binary and would garble the terminal: give -o FILE.png, or redirect the output (> FILE.png)")
	}
	st, err := openStore(ctx, opts.store)
	if err != nil {
		return err
	}
	defer st.Close()
	prog := newStatus(stderr, opts.progress)
	defer prog.done()
	prog.say("reading the graph")
	var buf bytes.Buffer
	switch opts.format {
	case "nquads":
		err = export.WriteNQuads(ctx, &buf, st)
	case "jsonld":
		err = export.WriteJSONLD(ctx, &buf, st)
	default:
		var g *export.Graph
		g, err = projection(ctx, st, opts)
		if err != nil {
			return err
		}
		if opts.format == "dot" || opts.format == "svg" || opts.format == "png" {
			var cut export.Cut
			g, cut = g.Readable(opts.maxNodes)
			if cut.Trimmed {
				prog.note("kg: " + cut.String())
			}
		}
		if opts.format == "svg" || opts.format == "png" {
			prog.say(fmt.Sprintf("laying out %d entities and %d relations with Graphviz", len(g.Nodes), len(g.Edges)))
		}
		switch opts.format {
		case "gexf":
			err = export.WriteGEXF(&buf, g, time.Now())
		case "graphml":
			err = export.WriteGraphML(&buf, g)
		case "cytoscape":
			err = export.WriteCytoscape(&buf, g)
		case "dot":
			err = export.WriteDOT(&buf, g)
		case "csv":
			err = export.WriteCSV(&buf, g)
		case "svg", "png":
			var dotSrc bytes.Buffer
			if err = export.WriteDOT(&dotSrc, g); err == nil {
				err = render(ctx, &dotSrc, &buf, opts.format)
			}
		}
	}
	if err != nil {
		return err
	}
	if opts.out == "" || opts.out == "-" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	// write to a temporary file first, so that a failure never leaves half a file
	tmp := opts.out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", opts.out, err)
	}
	return os.Rename(tmp, opts.out)
}

// projection reads the entity graph and applies the filters.
func projection(ctx context.Context, st *graph.Store, opts exportOptions) (*export.Graph, error) {
	g, err := export.Project(ctx, st)
	if err != nil {
		return nil, err
	}
	f := opts.filter
	if opts.fromQuery != "" {
		script, err := queries.MustLoad().Render(opts.fromQuery, opts.queryArgs)
		if err != nil {
			return nil, err
		}
		res, err := st.Gizmo(ctx, script, 0)
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			m, ok := r.(map[string]any)
			if !ok {
				continue
			}
			s, t := nodeID(m["subject"]), nodeID(m["object"])
			if s != "" && t != "" {
				f.Pairs = append(f.Pairs, [2]string{s, t})
			}
		}
		if len(f.Pairs) == 0 {
			return nil, fmt.Errorf("query %s returned no relations to export", opts.fromQuery)
		}
	}
	return g.Select(f, func(name string) (string, error) { return st.Find(ctx, name) })
}

// nodeID reads a node reference of a query result: {"id": "ent:X", "name": …},
// {"@id": "ent:X"} or "<ent:X>".
func nodeID(v any) string {
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["id"].(string); ok {
			return s
		}
		s, _ := x["@id"].(string)
		return s
	case string:
		return strings.TrimSuffix(strings.TrimPrefix(x, "<"), ">")
	}
	return ""
}

// render draws DOT with Graphviz.
func render(ctx context.Context, src io.Reader, dst io.Writer, format string) error {
	cmd := exec.CommandContext(ctx, "dot", "-T"+format)
	cmd.Stdin = src
	cmd.Stdout = dst
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("dot: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}
