// Package testenv lets a test say which program it needs that kg does not ship
// (Chromium, Graphviz's dot, rapper, networkx, a PostgreSQL server), in the habit of Go's
// own internal/testenv.NeedsTool: on a developer's machine without the program the test
// is skipped with the command that installs it; with KG_REQUIRE_TOOLS=1 in the
// environment, which .ci/run sets, it fails instead, so that CI proves every test.
//
// It does not import package testing, so that packages may offer test helpers built on
// it without linking testing into kg.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// RequireEnv names the variable that turns a missing tool from a skip into a failure.
const RequireEnv = "KG_REQUIRE_TOOLS"

// TB is the part of testing.TB the helpers use.
type TB interface {
	Helper()
	Skip(...any)
	Fatal(...any)
}

// Tool is a program tests run.
type Tool struct {
	What   string   // what it is, for the message: "Graphviz's dot"
	Names  []string // program names to look for on PATH, in order
	Env    string   // a variable that may give the program's path instead
	Debian string   // the Debian package that installs it
	Brew   string   // the Homebrew formula, if there is one
	Python string   // a Python module the program must import (with Names a python3)
}

// The tools kg's tests use.
var (
	Chromium = Tool{What: "Chromium", Names: []string{"chromium", "chromium-browser", "google-chrome"}, Env: "KG_CHROMIUM", Debian: "chromium", Brew: "--cask chromium"}
	Dot      = Tool{What: "Graphviz's dot", Names: []string{"dot"}, Debian: "graphviz", Brew: "graphviz"}
	Rapper   = Tool{What: "rapper (Raptor RDF utilities)", Names: []string{"rapper"}, Debian: "raptor2-utils", Brew: "raptor"}
	Networkx = Tool{What: "Python's networkx", Names: []string{"python3"}, Debian: "python3-networkx", Python: "networkx"}
)

// Required reports whether missing tools fail tests rather than skip them.
func Required() bool {
	v := os.Getenv(RequireEnv)
	return v != "" && v != "0" && !strings.EqualFold(v, "false")
}

// NeedsTool returns the path of the program t names, or skips the test (fails it under
// KG_REQUIRE_TOOLS=1) saying how to install it.
func NeedsTool(tb TB, t Tool) string {
	tb.Helper()
	p, err := t.Find()
	if err != nil {
		Missing(tb, err.Error()+"; "+t.Install())
	}
	return p
}

// Find looks the program up.
func (t Tool) Find() (string, error) {
	var names []string
	if t.Env != "" && os.Getenv(t.Env) != "" {
		names = append(names, os.Getenv(t.Env))
	}
	names = append(names, t.Names...)
	for _, n := range names {
		p, err := exec.LookPath(n)
		if err != nil {
			continue
		}
		if t.Python != "" {
			if out, err := exec.Command(p, "-c", "import "+t.Python).CombinedOutput(); err != nil {
				return "", fmt.Errorf("this test needs %s, which %s cannot import (%s)", t.What, p, strings.TrimSpace(lastLine(string(out))))
			}
		}
		return p, nil
	}
	return "", fmt.Errorf("this test needs %s, which is not on PATH", t.What)
}

// Install is the sentence that says how to install the tool.
func (t Tool) Install() string {
	s := fmt.Sprintf("install it with `sudo apt-get install %s` (Debian, Ubuntu)", t.Debian)
	if t.Brew != "" {
		s += fmt.Sprintf(" or `brew install %s` (macOS)", t.Brew)
	}
	if t.Env != "" {
		s += ", or set " + t.Env + " to its path"
	}
	return s
}

// Missing skips the test, or fails it under KG_REQUIRE_TOOLS=1, with msg.
func Missing(tb TB, msg string) {
	tb.Helper()
	if Required() {
		tb.Fatal(msg + " (" + RequireEnv + " is set, so a missing tool fails the test)")
		return
	}
	tb.Skip(msg + "; .ci/run installs every tool the tests use")
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
