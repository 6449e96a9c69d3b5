package console

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kg-news/kg/graph"
)

// The worker protocol: the server writes a frame holding a Query to the worker's fd 3 and
// reads a frame holding the Answer's header, then one holding its body, from fd 4. A frame
// is a 4-byte big-endian length and that many bytes. The worker answers one query at a
// time, and exits when fd 3 reaches its end: when the server closes it, or dies.

// maxFrame bounds a frame, so that a broken peer cannot make the other allocate without end.
const maxFrame = 1 << 30

func writeFrame(w io.Writer, data []byte) error {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err := w.Write(data)
	return err
}

func readFrame(r io.Reader) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size > maxFrame {
		return nil, fmt.Errorf("frame of %d bytes", size)
	}
	data := make([]byte, size)
	_, err := io.ReadFull(r, data)
	return data, err
}

// Exit statuses of a worker that stopped itself.
const (
	exitMemory = 3 // past its memory bound
)

// WorkerOptions bound a worker process.
type WorkerOptions struct {
	Memory int64 // bytes of heap and stacks past which the worker exits; 0 for no bound
}

// ServeWorker answers the queries read from in, one at a time, writing the answers to
// out, until in ends. It is the main loop of a worker process: it bounds its own memory
// (the Go collector works to stay under three quarters of the bound, and the process
// exits with status 3 when live memory passes it) and its stack, so that a query that
// blows up takes only this process down.
//
// The worker opens the store for the query it runs, through open, and closes it after:
// a read-only bolt store is locked only while a query reads it, so that kg build can
// write while the console is open (kg serve opens such stores per request).
func ServeWorker(open func(context.Context) (*graph.Store, error), in io.Reader, out io.Writer, opts WorkerOptions) error {
	debug.SetMaxStack(64 << 20) // a runaway recursion dies at 64 MB of stack, not 1 GB
	if opts.Memory > 0 {
		debug.SetMemoryLimit(opts.Memory * 3 / 4)
		go watchMemory(opts.Memory)
	}
	br := bufio.NewReader(in)
	bw := bufio.NewWriter(out)
	for {
		data, err := readFrame(br)
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil
			}
			return err
		}
		var q Query
		if err := json.Unmarshal(data, &q); err != nil {
			return fmt.Errorf("worker: bad query frame: %w", err)
		}
		base := runtime.NumGoroutine()
		ctx, cancel := context.WithTimeout(context.Background(), q.Timeout)
		var ans Answer
		if st, err := open(ctx); err != nil {
			ans = errorAnswer(q.Lang, http.StatusServiceUnavailable, err.Error())
		} else {
			ans = Execute(ctx, st.QS, q)
			st.Close()
		}
		cancel()
		// a query that left a goroutine behind (Cayley's Union({}) panics on one after
		// the answer) ends its worker; others leave it for the next query
		ans.Reusable = settled(base, 50*time.Millisecond)
		head, _ := json.Marshal(ans)
		if err := writeFrame(bw, head); err != nil {
			return err
		}
		if err := writeFrame(bw, ans.Body); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		ans = Answer{}
	}
}

// settled reports whether the goroutines are back to base within wait.
func settled(base int, wait time.Duration) bool {
	deadline := time.Now().Add(wait)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// watchMemory exits the process when its heap objects and stacks pass limit bytes. It
// polls every few milliseconds: runtime/metrics reads cost no stop of the world.
func watchMemory(limit int64) {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"}}
	for {
		time.Sleep(5 * time.Millisecond)
		metrics.Read(samples)
		var used uint64
		for _, s := range samples {
			if s.Value.Kind() == metrics.KindUint64 {
				used += s.Value.Uint64()
			}
		}
		if int64(used) > limit {
			os.Exit(exitMemory)
		}
	}
}

// PoolOptions configure a Pool.
type PoolOptions struct {
	Command func() *exec.Cmd // a command that runs ServeWorker on fds 3 and 4; the Pool sets its files
	Max     int              // most workers, and so queries, at once
	Idle    int              // workers kept started and waiting; 2 if 0
	Memory  int64            // bound on a worker's anonymous memory, checked from outside too; 0 for none
	// Renice is how long a query runs before its worker drops to the lowest CPU priority,
	// so that long queries cannot starve short ones; 0 for never.
	Renice time.Duration
	Grace  time.Duration // how long past its deadline a worker has to answer before it is killed
	Log    func(format string, args ...any)
}

// Pool runs queries in worker processes, started ahead of time so that a query does not
// wait for one, one query at a time in each. A worker that
// runs past the query's deadline, or past the memory bound, is killed with SIGKILL, which
// frees its CPU and memory at once, whatever the query was doing (a catastrophic regular
// expression, an endless loop in native code); one that crashes fails its query alone.
// A new worker takes its place.
type Pool struct {
	opts PoolOptions
	sem  chan struct{} // one token per query running
	mu   sync.Mutex
	idle []*worker
	all  map[*worker]bool
	done bool
}

// NewPool returns a pool; it starts its first worker in the background.
func NewPool(opts PoolOptions) *Pool {
	if opts.Max <= 0 {
		opts.Max = 1
	}
	if opts.Idle <= 0 {
		opts.Idle = 2
	}
	if opts.Grace <= 0 {
		opts.Grace = 250 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = func(string, ...any) {}
	}
	p := &Pool{opts: opts, sem: make(chan struct{}, opts.Max), all: map[*worker]bool{}}
	go p.warm()
	return p
}

// Slots is how many queries the pool runs at once.
func (p *Pool) Slots() chan struct{} { return p.sem }

// worker is one worker process.
type worker struct {
	cmd    *exec.Cmd
	in     *os.File      // requests
	out    *bufio.Reader // answers
	outF   *os.File
	exited chan struct{} // closed when the process has been waited for
	err    error         // its exit, once exited is closed
	stderr *tailBuffer
}

// start starts one worker process.
func (p *Pool) start() (*worker, error) {
	cmd := p.opts.Command()
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	ansR, ansW, err := os.Pipe()
	if err != nil {
		reqR.Close()
		reqW.Close()
		return nil, err
	}
	tail := &tailBuffer{max: 4096}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, tail
	cmd.ExtraFiles = []*os.File{reqR, ansW}
	setDeathSignal(cmd)
	if err := cmd.Start(); err != nil {
		reqR.Close()
		reqW.Close()
		ansR.Close()
		ansW.Close()
		return nil, fmt.Errorf("start a query worker: %w", err)
	}
	reqR.Close()
	ansW.Close()
	w := &worker{cmd: cmd, in: reqW, outF: ansR, out: bufio.NewReader(ansR), exited: make(chan struct{}), stderr: tail}
	go func() {
		w.err = cmd.Wait()
		close(w.exited)
	}()
	p.mu.Lock()
	p.all[w] = true
	p.mu.Unlock()
	return w, nil
}

// warm keeps opts.Idle workers started, so that a query does not wait for one to start.
func (p *Pool) warm() {
	for {
		p.mu.Lock()
		need := !p.done && len(p.idle) < p.opts.Idle && len(p.all) < p.opts.Max+p.opts.Idle
		p.mu.Unlock()
		if !need {
			return
		}
		w, err := p.start()
		if err != nil {
			p.opts.Log("kg serve: %v", err)
			return
		}
		p.put(w)
	}
}

// take returns an idle worker, or a new one.
func (p *Pool) take() (*worker, error) {
	p.mu.Lock()
	for len(p.idle) > 0 {
		w := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		select {
		case <-w.exited:
			delete(p.all, w)
			continue
		default:
		}
		p.mu.Unlock()
		go p.warm()
		return w, nil
	}
	p.mu.Unlock()
	w, err := p.start()
	go p.warm()
	return w, err
}

// put gives a worker back to wait for the next query, or ends it if enough wait already.
func (p *Pool) put(w *worker) {
	p.mu.Lock()
	if !p.done && len(p.idle) < p.opts.Idle {
		p.idle = append(p.idle, w)
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	p.retire(w)
}

// retire ends a worker: closing its requests ends it; it is killed if it does not.
func (p *Pool) retire(w *worker) {
	w.in.Close()
	go func() {
		select {
		case <-w.exited:
		case <-time.After(time.Second):
			w.cmd.Process.Kill()
			<-w.exited
		}
		w.outF.Close()
		p.mu.Lock()
		delete(p.all, w)
		p.mu.Unlock()
	}()
}

// kill ends a worker at once.
func (p *Pool) kill(w *worker) {
	w.cmd.Process.Kill()
	<-w.exited
	w.in.Close()
	w.outF.Close()
	p.mu.Lock()
	delete(p.all, w)
	p.mu.Unlock()
}

// Run runs q in a worker. The caller holds one of Slots.
func (p *Pool) Run(ctx context.Context, q Query) Answer {
	w, err := p.take()
	if err != nil {
		return errorAnswer(q.Lang, http.StatusServiceUnavailable, err.Error())
	}
	req, _ := json.Marshal(q)
	type result struct {
		ans Answer
		err error
	}
	got := make(chan result, 1)
	go func() {
		if err := writeFrame(w.in, req); err != nil {
			got <- result{err: err}
			return
		}
		head, err := readFrame(w.out)
		if err != nil {
			got <- result{err: err}
			return
		}
		var a Answer
		if err := json.Unmarshal(head, &a); err != nil {
			got <- result{err: err}
			return
		}
		a.Body, err = readFrame(w.out)
		got <- result{ans: a, err: err}
	}()
	deadline := time.NewTimer(q.Timeout + p.opts.Grace)
	defer deadline.Stop()
	var renice <-chan time.Time
	if p.opts.Renice > 0 {
		t := time.NewTimer(p.opts.Renice)
		defer t.Stop()
		renice = t.C
	}
	var memTick <-chan time.Time
	if p.opts.Memory > 0 && runtime.GOOS == "linux" {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		memTick = t.C
	}
	reniced := false
	for {
		select {
		case r := <-got:
			if r.err != nil {
				return p.failed(w, q)
			}
			if r.ans.Panic != "" {
				p.opts.Log("kg serve: a query panicked inside Cayley's query engine: %s", firstLine(r.ans.Panic))
			}
			// a worker runs another query only when its query left nothing running (a
			// goroutine it started may still panic: g.V().Union({}) does), and when its
			// priority was not lowered, which cannot be undone
			if r.ans.Reusable && !reniced {
				p.put(w)
			} else {
				p.retire(w)
			}
			return r.ans
		case <-deadline.C:
			p.kill(w)
			return timeoutAnswer(q)
		case <-ctx.Done():
			p.kill(w) // at the deadline, or the client went away: the CPU is free at once
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return timeoutAnswer(q)
			}
			return errorAnswer(q.Lang, http.StatusBadRequest, "the request was cancelled")
		case <-renice:
			reniced = true
			lowerPriority(w.cmd.Process.Pid)
		case <-memTick:
			if rss := anonMemory(w.cmd.Process.Pid); rss > p.opts.Memory {
				p.kill(w)
				p.opts.Log("kg serve: a query went over its memory bound (%s) and was stopped", sizeOf(int(rss)))
				return memoryAnswer(q, p.opts.Memory)
			}
		}
	}
}

// failed is the answer for a query whose worker died before answering: over its memory
// bound, or crashed.
func (p *Pool) failed(w *worker, q Query) Answer {
	select {
	case <-w.exited:
	case <-time.After(2 * time.Second):
	}
	p.kill(w)
	var ee *exec.ExitError
	if errors.As(w.err, &ee) && ee.ExitCode() == exitMemory {
		p.opts.Log("kg serve: a query went over its memory bound and was stopped")
		return memoryAnswer(q, p.opts.Memory)
	}
	why := w.stderr.firstLine()
	if why == "" && w.err != nil {
		why = w.err.Error()
	}
	p.opts.Log("kg serve: a query crashed its worker process (%s); the others go on", why)
	return errorAnswer(q.Lang, http.StatusInternalServerError, fmt.Sprintf("the query crashed Cayley's query engine (%s); it failed alone", why))
}

func memoryAnswer(q Query, limit int64) Answer {
	return errorAnswer(q.Lang, http.StatusBadRequest, fmt.Sprintf("the query went over its memory bound of %s and was stopped (kg serve --query-memory sets it)", sizeOf(int(limit))))
}

// Close ends every worker.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.done = true
	ws := make([]*worker, 0, len(p.all))
	for w := range p.all {
		ws = append(ws, w)
	}
	p.idle = nil
	p.mu.Unlock()
	for _, w := range ws {
		p.kill(w)
	}
	return nil
}

// lowerPriority gives every thread of process pid the lowest CPU priority (nice 19):
// Linux keeps a priority per thread.
func lowerPriority(pid int) {
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil {
		syscall.Setpriority(syscall.PRIO_PROCESS, pid, 19)
		return
	}
	for _, t := range tasks {
		if tid, err := strconv.Atoi(t.Name()); err == nil {
			syscall.Setpriority(syscall.PRIO_PROCESS, tid, 19)
		}
	}
}

// anonMemory is the anonymous resident memory of process pid in bytes (heap and stacks,
// not the store's file pages it maps), or 0 when it cannot be read.
func anonMemory(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	i := bytes.Index(data, []byte("RssAnon:"))
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(data[i+len("RssAnon:"):]))
	if len(f) == 0 {
		return 0
	}
	kb, _ := strconv.ParseInt(f[0], 10, 64)
	return kb << 10
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// tailBuffer keeps the start of what a worker writes to stderr (a crash's first lines).
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - len(t.buf); room > 0 {
		t.buf = append(t.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (t *tailBuffer) firstLine() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, l := range strings.Split(string(t.buf), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "goroutine ") {
			return l
		}
	}
	return ""
}
