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

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
)

func newCheckCommand() *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "read the whole store and say whether it is damaged",
		Description: "Runs bolt's consistency check over every page and compares the file with the sum\n" +
			"kg wrote when it last closed it. Opening a store checks only its header and length;\n" +
			"kg build also compares the sum.",
		Flags: storeFlags(),
		Action: func(c *cli.Context) error {
			if os.Getenv(checkChildEnv) == "" {
				return superviseCheck(c.Context, c.App.Writer, c.App.ErrWriter)
			}
			return runCheck(c.Context, storeConfig(c, true), c.App.Writer, c.App.ErrWriter)
		},
	}
}

// checkChildEnv marks the kg check process that a kg check started.
const checkChildEnv = "KG_CHECK_CHILD"

// superviseCheck runs kg check again as a child process and reports a crash of it as
// damage: bolt's consistency check reads pages on a goroutine of its own, where a page
// number that a flipped bit made absurd panics beyond any recovery.
func superviseCheck(ctx context.Context, stdout, stderr io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, exe, os.Args[1:]...)
	cmd.Env = append(os.Environ(), checkChildEnv+"=1")
	var crash bytes.Buffer
	cmd.Stdout = stdout
	cmd.Stderr = io.MultiWriter(&crash, filterWriter{stderr})
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ee) && (ee.ExitCode() == 2 || ee.ExitCode() < 0) && !strings.HasPrefix(crash.String(), "kg: "):
		return fmt.Errorf("reading the store crashed kg check (%s): the store is damaged; build the articles again into a new store (kg build --store NEW.db ...)", firstLine(crash.String()))
	case errors.As(err, &ee):
		return exitStatus(ee.ExitCode()) // the child said why
	}
	return err
}

// filterWriter passes on the lines of a child's stderr that are kg's own sentences, and
// leaves out a crash's stack.
type filterWriter struct{ w io.Writer }

func (f filterWriter) Write(p []byte) (int, error) {
	for _, line := range strings.SplitAfter(string(p), "\n") {
		if strings.HasPrefix(line, "kg: ") {
			io.WriteString(f.w, line)
		}
	}
	return len(p), nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// runCheck checks the store and prints what it found: one line when it is sound, one per
// problem when not, with a non-zero exit.
func runCheck(ctx context.Context, cfg graph.Config, stdout, stderr io.Writer) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.Check(ctx)
	if err != nil {
		return err
	}
	for _, f := range rep.Faults {
		fmt.Fprintf(stderr, "kg: bolt's consistency check: %s\n", f)
	}
	if rep.Sum == graph.SumDiffers {
		fmt.Fprintf(stderr, "kg: the file's bytes changed since kg last closed it, with no write in between\n")
	}
	if !rep.Sound() {
		return fmt.Errorf("store %q is damaged: build the articles again into a new store (kg build --store NEW.db ...)", cfg.Path)
	}
	note := ""
	switch rep.Sum {
	case graph.SumWriting:
		note = "; the last writer did not close it, so its bytes could not be compared with their sum"
	case graph.SumAbsent:
		note = "; it has no sum (an older kg wrote it), so its bytes were not compared"
	case graph.SumStale:
		note = "; another program wrote it since kg did, so its bytes were not compared with their sum"
	case graph.SumMatches:
		note = "; its bytes are as kg last left them"
	}
	if cfg.Backend != "" && cfg.Backend != graph.Bolt {
		note = "; on " + cfg.Backend + " kg checks that the articles can be read"
	} else {
		note = "; bolt's consistency check found no fault" + note
	}
	fmt.Fprintf(stdout, "%s is sound: %d articles%s\n", cfg.Path, rep.Articles, note)
	return nil
}
