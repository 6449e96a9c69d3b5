package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/queries"
)

// run runs the kg command line on args (args[0] is the program's name), after
// putting its flags where urfave/cli looks for them.
func run(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, args []string) error {
	app := newApp(stdin, stdout, stderr)
	args, err := reorderArgs(app, args)
	if err != nil {
		return err
	}
	return app.RunContext(ctx, args)
}

// appFlags are the flags of kg itself rather than of a command.
var appFlags = map[string]bool{"help": true, "h": true, "version": true, "v": true, "generate-bash-completion": true}

// reorderArgs lets people write flags where they think of them. urfave/cli reads a
// command's flags only before its first argument, and kg's own flags only before the
// command, so `kg ask who criticized Trump --json` would look for "Trump --json" and
// `kg --store s.db ask …` would not know --store. It returns args with the flags of the
// command moved between the command's name and its arguments, in the order given:
//
//	kg --store s.db ask who criticized Trump --json  →  kg ask --store s.db --json who criticized Trump
//
// Everything after "--" stays an argument. A name that is no command is a usage error
// with the closest commands suggested.
func reorderArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	out := []string{args[0]}
	var early []string // command flags given before the command
	i := 1
	for ; i < len(args) && isFlagToken(args[i]); i++ {
		name, hasValue := flagName(args[i])
		if appFlags[name] {
			out = append(out, args[i])
			continue
		}
		early = append(early, args[i])
		if !hasValue && anyTakesValue(app, name) && i+1 < len(args) {
			i++
			early = append(early, args[i])
		}
	}
	if i == len(args) {
		return append(out, early...), nil
	}
	name := args[i]
	cmd := findCommand(app, name)
	if cmd == nil {
		if name == "help" || name == "h" {
			return args, nil
		}
		hint := didYouMean(name, commandNames(app))
		if hint == "" { // a question asked without "ask": kg neighbours Putin
			var qs []string
			for _, q := range queries.MustLoad().List() {
				qs = append(qs, "kg ask "+q.Name)
				if q.Name == name {
					hint = " Did you mean kg ask " + name + "?"
				}
			}
			if hint == "" {
				hint = suggestion(closest("kg ask "+name, qs, 1))
			}
		}
		return nil, usagef("%q is not a kg command.%s kg help lists them.", name, hint)
	}
	out = append(out, name)
	out = append(out, early...)
	var pos []string
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		t := rest[j]
		if t == "--" {
			pos = append(pos, rest[j+1:]...)
			break
		}
		if !isFlagToken(t) {
			pos = append(pos, t)
			continue
		}
		out = append(out, t)
		fname, hasValue := flagName(t)
		if !hasValue && takesValue(cmd, fname) && j+1 < len(rest) {
			j++
			out = append(out, rest[j])
		}
	}
	for _, p := range pos {
		if strings.HasPrefix(p, "-") && p != "-" {
			out = append(out, "--") // an argument that looks like a flag, such as -5
			break
		}
	}
	return append(out, pos...), nil
}

// isFlagToken reports whether t is a flag: "-x", "--name", "--name=value"; not "-" (standard
// input) and not a negative number.
func isFlagToken(t string) bool {
	if len(t) < 2 || t[0] != '-' {
		return false
	}
	if _, err := strconv.ParseFloat(t, 64); err == nil {
		return false
	}
	return t != "--"
}

// flagName is the name of a flag token, and whether it carries its value ("--limit=5").
func flagName(t string) (string, bool) {
	name := strings.TrimLeft(t, "-")
	if k, _, ok := strings.Cut(name, "="); ok {
		return k, true
	}
	return name, false
}

func findCommand(app *cli.App, name string) *cli.Command {
	for _, c := range app.Commands {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

func commandNames(app *cli.App) []string {
	var names []string
	for _, c := range app.Commands {
		names = append(names, c.Name)
	}
	return append(names, "help")
}

// takesValue reports whether the command's flag name reads the next word as its value.
func takesValue(cmd *cli.Command, name string) bool {
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return !isBool
			}
		}
	}
	return false // an unknown flag: urfave/cli says so
}

// anyTakesValue reports whether some command's flag name takes a value, for flags given
// before the command is known (--store, --db).
func anyTakesValue(app *cli.App, name string) bool {
	for _, c := range app.Commands {
		if takesValue(c, name) {
			return true
		}
	}
	return false
}

// versionString is what kg --version prints: the module version and, for a build from a
// checkout, the commit, its time and whether the tree had changes.
func versionString() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, when, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", with uncommitted changes"
			}
		}
	}
	if rev != "" {
		v += fmt.Sprintf(" (commit %s, %s%s)", rev, when, dirty)
	}
	return v + ", " + bi.GoVersion
}
