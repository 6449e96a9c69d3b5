package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBuildWhileServing builds four of the sample articles, serves the store read-only,
// builds the fifth into it while the server runs, and expects the server's API to answer
// with five articles and the new article's facts.
func TestBuildWhileServing(t *testing.T) {
	kg := buildKG(t)
	dir := t.TempDir()
	store := filepath.Join(dir, "kg.db")
	files, err := filepath.Glob("../../data/*.txt")
	if err != nil || len(files) < 2 {
		t.Fatalf("sample corpus: %v %v", files, err)
	}
	first, last := filepath.Join(dir, "first"), filepath.Join(dir, "last")
	for i, f := range files {
		to := first
		if i == len(files)-1 {
			to = last
		}
		os.MkdirAll(to, 0o755)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runKG(t, kg, dir, "build", "-q", "--store", store, first)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var logs bytes.Buffer
	cmd := exec.Command(kg, "serve", "--store", store, "--addr", addr)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Errorf("kg serve did not stop on an interrupt")
		}
	}()
	articles := func() string {
		c := &http.Client{Timeout: 10 * time.Second}
		resp, err := c.Post("http://"+addr+"/api/v2/query?lang=gizmo", "text/plain",
			strings.NewReader(`g.Emit(g.V("<schema:NewsArticle>").In("<rdf:type>").Count())`))
		if err != nil {
			return err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(articles(), `[4]`) {
		if time.Now().After(deadline) {
			t.Fatalf("kg serve does not answer with 4 articles: %s\n%s", articles(), logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// the build goes ahead beside the open console
	out := runKG(t, kg, dir, "build", "--store", store, last)
	if !strings.Contains(out, "1 added") {
		t.Errorf("the build beside kg serve said: %s", out)
	}
	if got := articles(); !strings.Contains(got, `[5]`) {
		t.Errorf("after the build the console counts %s, want 5 articles", got)
	}
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get("http://" + addr + "/api/ask/top?limit=3")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "ent:") {
		t.Errorf("top after the build: %d %s", resp.StatusCode, b)
	}
}
