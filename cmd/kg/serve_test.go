package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
)

// served is a kg serve process under test: the supervisor, its server and workers.
type served struct {
	cmd     *exec.Cmd
	addr    string
	logs    *syncBuffer
	done    chan error
	stopped bool // the test ended the process itself
}

// syncBuffer is a bytes.Buffer safe for a process's output and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// sampleStoreFile builds the sample corpus into a bolt store with the kg binary.
func sampleStoreFile(t *testing.T, kg string) string {
	t.Helper()
	dir := t.TempDir()
	store := filepath.Join(dir, "kg.db")
	data, _ := filepath.Abs("../../data")
	runKG(t, kg, dir, "build", "-q", "--store", store, data)
	return store
}

// startServe runs kg serve on a free loopback port and waits until it answers.
func startServe(t *testing.T, kg, store string, args ...string) *served {
	t.Helper()
	s := &served{addr: freeAddr(t), logs: &syncBuffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(kg, append([]string{"serve", "--store", store, "--addr", s.addr}, args...)...)
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	t.Cleanup(func() {
		if s.stopped {
			return // the test ended it
		}
		s.cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.done:
		case <-time.After(15 * time.Second):
			s.cmd.Process.Kill()
			t.Errorf("kg serve did not stop on an interrupt")
		}
	})
	if !s.up(20 * time.Second) {
		t.Fatalf("kg serve did not answer:\n%s", s.logs.String())
	}
	return s
}

// query posts a Gizmo script and returns the status and body.
func (s *served) query(script string, hdr ...string) (int, string, error) {
	req, _ := http.NewRequest("POST", "http://"+s.addr+"/api/v2/query?lang=gizmo", strings.NewReader(script))
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i] == "Host" {
			req.Host = hdr[i+1]
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	c := &http.Client{Timeout: 60 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

const rubioName = `g.V("<ent:Marco_Rubio>").Out("<schema:name>").All()`

// up waits until the console answers a query correctly.
func (s *served) up(within time.Duration) bool {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if code, body, err := s.query(rubioName); err == nil && code == 200 && strings.Contains(body, "Marco Rubio") {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// processTree returns the pids of pid and all its descendants, read from /proc.
func processTree(pid int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st := procStat(p); len(st) > 2 {
			ppid, _ := strconv.Atoi(st[1])
			children[ppid] = append(children[ppid], p)
		}
	}
	out := []int{pid}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out
}

// procStat returns the fields of /proc/pid/stat after the command name: state, ppid, ...
func procStat(pid int) []string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(data[i+1:]))
}

// cpuTicks is the CPU time (user and system, in clock ticks) that the processes of the
// tree under pid have used, those that exist now.
func cpuTicks(pid int) int64 {
	var n int64
	for _, p := range processTree(pid) {
		if st := procStat(p); len(st) > 13 {
			u, _ := strconv.ParseInt(st[11], 10, 64)
			s, _ := strconv.ParseInt(st[12], 10, 64)
			n += u + s
		}
	}
	return n
}

// anonRSS is the largest anonymous resident memory of one process of the tree under pid.
func anonRSS(pid int) int64 {
	var most int64
	for _, p := range processTree(pid) {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "RssAnon:" {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				most = max(most, kb<<10)
			}
		}
	}
	return most
}

func needProc(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("measures processes through /proc")
	}
}

// TestServeRefusesRebinding plays a DNS-rebinding page against a real server: its Host
// and Origin agree on evil.example, and it is refused everywhere, reads included; the
// same request under a loopback name is answered.
func TestServeRefusesRebinding(t *testing.T) {
	kg := buildKG(t)
	s := startServe(t, kg, sampleStoreFile(t, kg))
	_, port, _ := net.SplitHostPort(s.addr)
	evil := "evil.example:" + port
	code, body, err := s.query(rubioName, "Host", evil, "Origin", "http://"+evil)
	if err != nil || code != http.StatusMisdirectedRequest || !strings.Contains(body, "--allow-host") {
		t.Errorf("rebinding query: %d %.200s %v, want 421 saying how to allow a name", code, body, err)
	}
	req, _ := http.NewRequest("GET", "http://"+s.addr+"/api/v2/read?format=nquads", nil)
	req.Host = evil
	req.Header.Set("Origin", "http://"+evil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest || strings.Contains(string(b), "Marco Rubio") {
		t.Errorf("rebinding read: %d %.200s, want 421 and no graph", resp.StatusCode, b)
	}
	if code, body, _ := s.query(rubioName, "Host", "localhost:"+port, "Origin", "http://localhost:"+port); code != 200 || !strings.Contains(body, "Marco Rubio") {
		t.Errorf("the console's own page: %d %.200s", code, body)
	}
	for _, h := range []string{"X-Frame-Options", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		resp, err := http.Get("http://" + s.addr + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get(h) == "" {
			t.Errorf("the console page has no %s header", h)
		}
	}
}

// TestServeStopsReDoS sends a catastrophic regular expression and checks that it is
// answered at the timeout and that kg serve's processes use no CPU to speak of from 2 s
// after it: the worker that ran it was killed.
func TestServeStopsReDoS(t *testing.T) {
	needProc(t)
	kg := buildKG(t)
	s := startServe(t, kg, sampleStoreFile(t, kg), "--timeout", "2s")
	start := time.Now()
	code, body, err := s.query(`var r = /^(a+)+\1$/; g.Emit(r.test("` + strings.Repeat("a", 40) + `!"))`)
	took := time.Since(start)
	if err != nil || code != http.StatusBadRequest || !strings.Contains(body, "time limit") {
		t.Fatalf("ReDoS: %d %.200s %v after %s, want 400 at the time limit", code, body, err, took)
	}
	time.Sleep(2 * time.Second)
	before := cpuTicks(s.cmd.Process.Pid)
	time.Sleep(time.Second)
	used := cpuTicks(s.cmd.Process.Pid) - before
	t.Logf("answered after %s; CPU used in the second from 2 s after: %d ticks (100 a second)", took.Round(time.Millisecond), used)
	if used > 20 {
		t.Errorf("kg serve used %d ticks of CPU (of 100 a second per core) 2 s after the query was stopped", used)
	}
	if !s.up(5 * time.Second) {
		t.Errorf("the console does not answer after the ReDoS:\n%s", s.logs.String())
	}
}

// TestServeStopsMemoryBomb sends queries that allocate without end and checks that each
// is stopped with a sentence while no process of kg serve goes far past the bound.
func TestServeStopsMemoryBomb(t *testing.T) {
	needProc(t)
	kg := buildKG(t)
	const bound = 256 << 20
	s := startServe(t, kg, sampleStoreFile(t, kg), "--timeout", "60s", "--query-memory", "256MiB")
	for _, bomb := range []string{
		`var a = {}; for (var i = 0; i < 3e6; i++) a = {x: a}; g.Emit(a)`,
		`var a = []; for (var i = 0; i < 1e9; i++) a.push("xxxxxxxxxxxxxxxx" + i); g.Emit(a.length)`,
	} {
		var peak int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				case <-time.After(5 * time.Millisecond):
					peak = max(peak, anonRSS(s.cmd.Process.Pid))
				}
			}
		}()
		start := time.Now()
		code, body, err := s.query(bomb)
		close(stop)
		wg.Wait()
		t.Logf("%.40s…: %d after %s, peak anonymous memory of one process %d MiB (bound %d MiB)", bomb, code, time.Since(start).Round(time.Millisecond), peak>>20, bound>>20)
		if err != nil || code != http.StatusBadRequest || !strings.Contains(body, "memory bound") {
			t.Errorf("memory bomb: %d %.200s %v, want 400 saying it went over the memory bound", code, body, err)
		}
		if peak > bound+bound/4 {
			t.Errorf("a process of kg serve reached %d MiB, past the bound of %d MiB", peak>>20, bound>>20)
		}
	}
	if !s.up(5 * time.Second) {
		t.Errorf("the console does not answer after the memory bombs:\n%s", s.logs.String())
	}
}

// TestServeSurvivesCrashers sends queries that crash Cayley's query engine on a goroutine
// nothing can recover, ten in two seconds, and a good query after each: every crasher
// fails alone and the console answers throughout.
func TestServeSurvivesCrashers(t *testing.T) {
	kg := buildKG(t)
	s := startServe(t, kg, sampleStoreFile(t, kg))
	// ten crashers, one every 200 ms, each answered whenever it is, and good queries all
	// the while, one after another
	stop := make(chan struct{})
	goodDone := make(chan int)
	go func() {
		good := 0
		for {
			select {
			case <-stop:
				goodDone <- good
				return
			default:
			}
			if code, body, err := s.query(rubioName); err != nil || code != 200 || !strings.Contains(body, "Marco Rubio") {
				t.Errorf("a good query among the crashers: %d %.200s %v", code, body, err)
			}
			good++
		}
	}()
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// the panic races with the end of the query: the answer is an error or empty.
			// On a loaded machine the crashers can fill every slot (--max-queries); the
			// console then answers 503 "try again in a moment", and a client does.
			code, body, err := s.query(`g.V().Union({}).All()`)
			for deadline := time.Now().Add(30 * time.Second); err == nil && code == http.StatusServiceUnavailable && time.Now().Before(deadline); {
				time.Sleep(100 * time.Millisecond)
				code, body, err = s.query(`g.V().Union({}).All()`)
			}
			if err != nil || code != 200 && !strings.Contains(body, "crashed") {
				t.Errorf("crasher %d: %d %.200s %v, want an answer", i, code, body, err)
			}
		}(i)
		time.Sleep(200 * time.Millisecond)
	}
	sent := time.Since(start)
	wg.Wait()
	close(stop)
	good := <-goodDone
	t.Logf("10 crashers sent in %s, all answered after %s; %d good queries answered meanwhile", sent.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), good)
	if good == 0 {
		t.Errorf("no good query was answered while the crashers ran")
	}
	// a recursion without end overflows the worker's stack, a fatal error in Go
	code, body, err := s.query(`var o = {}; o.toString = function () { return "" + o }; g.Emit("" + o)`)
	if err != nil || code == 200 {
		t.Errorf("endless recursion: %d %.200s %v, want an error answer", code, body, err)
	}
	if !s.up(5 * time.Second) {
		t.Errorf("the console does not answer after the crashers:\n%s", s.logs.String())
	}
}

// TestServeSupervisor kills the server with SIGKILL and checks that the supervisor starts
// it again and says so; then kills the supervisor and checks that the server and its
// workers die with it and the port is free.
func TestServeSupervisor(t *testing.T) {
	needProc(t)
	kg := buildKG(t)
	s := startServe(t, kg, sampleStoreFile(t, kg))
	for round := 0; round < 3; round++ {
		tree := processTree(s.cmd.Process.Pid)
		if len(tree) < 2 {
			t.Fatalf("kg serve has no child process: %v", tree)
		}
		syscall.Kill(tree[1], syscall.SIGKILL)
		if !s.up(10 * time.Second) {
			t.Fatalf("the console did not come back after its server was killed:\n%s", s.logs.String())
		}
	}
	if n := strings.Count(s.logs.String(), "starting it again"); n < 3 {
		t.Errorf("the supervisor said it restarted the server %d times, want 3:\n%s", n, s.logs.String())
	}
	tree := processTree(s.cmd.Process.Pid)
	s.cmd.Process.Kill()
	<-s.done
	s.stopped = true
	deadline := time.Now().Add(5 * time.Second)
	for _, p := range tree[1:] {
		for syscall.Kill(p, 0) == nil && procStat(p) != nil && procStat(p)[0] != "Z" && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if st := procStat(p); st != nil && st[0] != "Z" {
			t.Errorf("process %d of kg serve outlived its supervisor", p)
		}
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		t.Errorf("the port is still held after the supervisor died: %v", err)
	} else {
		ln.Close()
	}
}

// TestServeCutsSlowClients runs the server in this process with a short read timeout and
// a cap of connections: a body sent a byte at a time is cut at the timeout, and a
// connection past the cap gets 503 at once.
func TestServeCutsSlowClients(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- runServe(ctx, serveOptions{store: graph.Config{Backend: graph.Memory}, addr: "127.0.0.1:0", timeout: 5 * time.Second,
			readTimeout: time.Second, maxConns: 4}, io.Discard, io.Discard, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-errc:
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "POST /api/v2/query?lang=gizmo HTTP/1.1\r\nHost: %s\r\nContent-Length: 1000\r\n\r\n", addr)
	start := time.Now()
	cut := false
	for i := 0; i < 40; i++ {
		if _, err := c.Write([]byte("g")); err != nil {
			cut = true
			break
		}
		c.SetReadDeadline(time.Now().Add(250 * time.Millisecond))
		var b [512]byte
		if n, err := c.Read(b[:]); n > 0 || err == io.EOF {
			cut = true
			break
		}
	}
	took := time.Since(start)
	t.Logf("a body sent a byte every 250 ms was cut after %s", took.Round(time.Millisecond))
	if !cut || took > 5*time.Second {
		t.Errorf("a slow body was not cut at the read timeout (after %s)", took)
	}
	c.Close()
	time.Sleep(200 * time.Millisecond) // the server lets go of the slow connection
	var held []net.Conn
	for i := 0; i < 4; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	time.Sleep(300 * time.Millisecond)
	extra, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	extra.SetReadDeadline(time.Now().Add(3 * time.Second))
	b, _ := io.ReadAll(extra)
	if !strings.Contains(string(b), "503") || !strings.Contains(string(b), "--max-conns") {
		t.Errorf("a connection past the cap read %q, want 503", b)
	}
	extra.Close()
	for _, c := range held {
		c.Close()
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("runServe: %v", err)
	}
}
