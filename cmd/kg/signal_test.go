package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
)

// slowArticle is one sentence after another naming n different people: an article that
// takes seconds to extract, for stopping a build while it is at it.
func slowArticle(n int) string {
	var b strings.Builder
	b.WriteString("Guests Of The Council\n\n")
	for i := 0; i < n; i += 2 {
		fmt.Fprintf(&b, "Alba Ard%s met Bruno Brek%s on Monday. ", letters(i), letters(i+1))
		if i%40 == 38 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// TestSignalStopsBuild sends SIGINT and SIGTERM to kg build at several points (listing,
// extracting a slow article, writing) and checks that it exits with status 130 soon
// after, saying how many articles of the build landed, and that the store then holds
// exactly those, each whole. The bound checked is loose (the machine is shared); the
// test logs how long each stop took.
func TestSignalStopsBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs POSIX signals")
	}
	kg := buildKG(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	os.MkdirAll(corpus, 0o755)
	for i := 0; i < 300; i++ {
		writeFile(t, corpus, fmt.Sprintf("a%03d.txt", i), []byte(fmt.Sprintf(
			"Talks in Geneva, day %d\n\nForeign minister Anna Berg%d met trade secretary Tom Lund%d in Geneva on Monday.\n", i, i, i)))
		if i%100 == 50 {
			writeFile(t, corpus, fmt.Sprintf("a%03d-slow.txt", i), []byte(slowArticle(60000)))
		}
	}
	landed := regexp.MustCompile(`interrupted; (\d+) articles of this build are in the store`)
	for _, c := range []struct {
		name  string
		sig   syscall.Signal
		after time.Duration
	}{
		{"SIGINT early", syscall.SIGINT, 150 * time.Millisecond}, // before main installs its handler, SIGINT kills at once
		{"SIGINT while extracting", syscall.SIGINT, 700 * time.Millisecond},
		{"SIGTERM while extracting", syscall.SIGTERM, 1500 * time.Millisecond},
		{"SIGINT later", syscall.SIGINT, 3 * time.Second},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := filepath.Join(t.TempDir(), "kg.db")
			cmd := exec.Command(kg, "build", "-q", "--workers", "1", "--batch", "16", "--store", store, corpus)
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var stopped time.Duration
			select {
			case err := <-done:
				t.Skipf("the build ended before the signal (%v): the machine is faster than this test assumes", err)
			case <-time.After(c.after):
			}
			sent := time.Now()
			cmd.Process.Signal(c.sig)
			select {
			case <-done:
				stopped = time.Since(sent)
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("kg build still ran 20 s after %s:\n%s", c.sig, errb.String())
			}
			t.Logf("stopped %s after %s: %s", stopped.Round(time.Millisecond), c.sig, strings.TrimSpace(errb.String()))
			if stopped > 5*time.Second {
				t.Errorf("kg build took %s to stop after %s; it should stop within about %s", stopped, c.sig, interruptGrace)
			}
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				// the signal came before main installed its handler (Go initialises the
				// packages first): the default action ends kg before it opened the store
				if _, err := os.Stat(store); !os.IsNotExist(err) {
					t.Errorf("kg build died of %s after it opened the store", ws.Signal())
				}
				return
			}
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit status %d, want 130\n%s", code, errb.String())
			}
			m := landed.FindStringSubmatch(errb.String())
			if m == nil {
				t.Fatalf("kg build did not say what landed:\n%s", errb.String())
			}
			n, _ := strconv.Atoi(m[1])
			if _, err := os.Stat(store); os.IsNotExist(err) {
				if n != 0 {
					t.Fatalf("no store, but kg said %d articles landed", n)
				}
				return
			}
			st, err := graph.Open(context.Background(), graph.Config{Path: store, ReadOnly: true})
			if err != nil {
				t.Fatalf("the store does not open after the signal: %v", err)
			}
			defer st.Close()
			stats, err := st.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if stats.Articles != n {
				t.Errorf("kg said %d articles landed; the store holds %d", n, stats.Articles)
			}
		})
	}
}

// TestBuildOnFullDisk builds into a store whose file may not grow past a few megabytes
// (RLIMIT_FSIZE, as a full disk would stop it) and checks that kg build says the disk is
// full and how many articles landed, and that the store holds exactly those.
func TestBuildOnFullDisk(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil || runtime.GOOS != "linux" {
		t.Skip("needs prlimit (util-linux) on Linux")
	}
	kg := buildKG(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	os.MkdirAll(corpus, 0o755)
	for i := 0; i < 3000; i++ {
		writeFile(t, corpus, fmt.Sprintf("a%04d.txt", i), []byte(fmt.Sprintf(
			"Talks in Geneva, day %d\n\nForeign minister Anna Berg%d met trade secretary Tom Lund%d in Geneva on Monday. "+
				"\"We made progress,\" Ms Berg%d said after the meeting in the Palais des Nations.\n", i, i, i, i)))
	}
	store := filepath.Join(dir, "kg.db")
	cmd := exec.Command(prlimit, "--fsize=40000000", kg, "build", "-q", "--store", store, corpus)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err = cmd.Run()
	if err == nil {
		t.Skipf("the build fitted in the limit:\n%s", errb.String())
	}
	m := regexp.MustCompile(`the disk is full .*; (\d+) articles of this build are in the store`).FindStringSubmatch(errb.String())
	if m == nil {
		t.Fatalf("kg build on a full disk said:\n%s", errb.String())
	}
	n, _ := strconv.Atoi(m[1])
	st, err := graph.Open(context.Background(), graph.Config{Path: store, ReadOnly: true})
	if err != nil {
		t.Fatalf("the store does not open after the disk filled: %v", err)
	}
	defer st.Close()
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", strings.TrimSpace(errb.String()))
	if stats.Articles != n || n == 0 {
		t.Errorf("kg said %d articles landed; the store holds %d", n, stats.Articles)
	}
}
