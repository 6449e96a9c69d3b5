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

// TestServeSurvivesCrashingQuery runs the kg binary's server and sends it a Gizmo script
// that panics inside Cayley's query engine, on a goroutine nothing can recover: the
// request fails, and the server answers again.
func TestServeSurvivesCrashingQuery(t *testing.T) {
	kg := buildKG(t)
	dir := t.TempDir()
	store := filepath.Join(dir, "kg.db")
	data, _ := filepath.Abs("../../data")
	runKG(t, kg, dir, "build", "-q", "--store", store, data)

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

	query := func(script string) (int, string, error) {
		c := &http.Client{Timeout: 10 * time.Second}
		resp, err := c.Post("http://"+addr+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(script))
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), nil
	}
	// wait until the server answers, then for two seconds so that the supervisor knows it
	// came up
	up := func() bool {
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if code, body, err := query(`g.V("<ent:Marco_Rubio>").Out("<schema:name>").All()`); err == nil && code == 200 && strings.Contains(body, "Marco Rubio") {
				return true
			}
			time.Sleep(100 * time.Millisecond)
		}
		return false
	}
	if !up() {
		t.Fatalf("kg serve did not answer:\n%s", logs.String())
	}
	time.Sleep(1500 * time.Millisecond)
	code, body, err := query(`g.V().Union({}).All()`)
	t.Logf("the crashing query got: %d %.100q %v", code, body, err)
	if !up() {
		t.Fatalf("kg serve did not come back after a query crashed it:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "starting it again") {
		t.Errorf("the supervisor did not say it restarted the server:\n%s", logs.String())
	}
}
