package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/kg-news/kg/ingest"
)

// panicReports collects the stacks of articles whose extraction crashed into one file per
// run, so that stderr keeps one sentence per article and the report can go with a bug.
type panicReports struct {
	mu   sync.Mutex
	dir  string // os.TempDir() unless set
	path string // the report file, once one panic was written
}

// reports is the panic report of this process.
var reports = &panicReports{}

// write appends the report of one crashed article and returns the file's path.
func (r *panicReports) write(article string, pe *ingest.PanicError) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.path == "" {
		dir := r.dir
		if dir == "" {
			dir = os.TempDir()
		}
		f, err := os.CreateTemp(dir, "kg-panic-"+time.Now().Format("20060102-150405")+"-*.txt")
		if err != nil {
			return "", err
		}
		f.Close()
		r.path = f.Name()
	}
	f, err := os.OpenFile(r.path, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return "", err
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "kg %s: extraction of %s panicked: %v\n\n%s\n", reportVersion(), article, pe.Value, pe.Stack)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(r.path)
	if err != nil {
		abs = r.path
	}
	return abs, nil
}

// panicHint is what follows the sentence of an article whose extraction crashed: where
// the report is.
func panicHint(path string, err error) string {
	var pe *ingest.PanicError
	if !errors.As(err, &pe) {
		return ""
	}
	file, werr := reports.write(path, pe)
	if werr != nil {
		return fmt.Sprintf(" (the panic report could not be written: %v)", werr)
	}
	return fmt.Sprintf("; the other articles go on, and the panic report is in %s", file)
}

// reportVersion names the build of kg in a report: its module version and commit.
func reportVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown build)"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			v += " " + s.Value
		}
	}
	return v
}
