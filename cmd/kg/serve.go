package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dlclark/regexp2"
	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/console"
)

// serveOptions are the settings of kg serve.
type serveOptions struct {
	store       graph.Config
	addr        string
	writable    bool
	timeout     time.Duration
	maxBody     int64
	limit       int
	allowHosts  []string
	maxQueries  int
	maxConns    int
	queryMemory int64

	// for tests, and for the server a supervisor starts
	readTimeout time.Duration // whole request, body included; 60 s if 0
	listener    net.Listener  // listen here instead of on addr
	watch       io.Reader     // stop when this reaches its end (the supervisor died)
	worker      func() *exec.Cmd
}

// Defaults of kg serve's bounds.
const (
	defaultMaxConns    = 512
	defaultQueryMemory = 512 << 20
	defaultReadTimeout = 60 * time.Second
	idleTimeout        = 120 * time.Second
	readHeaderTimeout  = 10 * time.Second
)

func newServeCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve Cayley's web query console and HTTP API over the graph",
		Description: "Read-only and on the loopback interface unless told otherwise. The console works\n" +
			"without internet access; /ask lists the canned questions. Queries run in worker\n" +
			"processes that are killed at the timeout or past --query-memory.",
		Flags: append(storeFlags(),
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:64210", Usage: "address to listen on"},
			&cli.BoolFlag{Name: "writable", Usage: "accept writes and deletes through the API (takes the store's write lock)"},
			&cli.DurationFlag{Name: "timeout", Value: console.DefaultTimeout, Usage: "stop a query that runs longer"},
			&cli.Int64Flag{Name: "max-body", Value: console.DefaultMaxBody, Usage: "largest request body in bytes"},
			&cli.IntFlag{Name: "limit", Value: console.DefaultLimit, Usage: "most results a query returns, in every query language"},
			&cli.StringSliceFlag{Name: "allow-host", Usage: "a host name the console answers to besides localhost and the host of --addr (repeat for more)"},
			&cli.IntFlag{Name: "max-queries", Value: 2 * runtime.NumCPU(), Usage: "queries run at once; more wait a moment, then get 503"},
			&cli.IntFlag{Name: "max-conns", Value: defaultMaxConns, Usage: "connections held open at once"},
			&cli.StringFlag{Name: "query-memory", Value: "512MiB", Usage: "memory one query may use before it is stopped"},
		),
		Action: func(c *cli.Context) error {
			mem, err := parseSize(c.String("query-memory"))
			if err != nil {
				return usagef("--query-memory %q: %v (for example 512MiB or 2GiB)", c.String("query-memory"), err)
			}
			opts := serveOptions{store: storeConfig(c, !c.Bool("writable")), addr: c.String("addr"), writable: c.Bool("writable"),
				timeout: c.Duration("timeout"), maxBody: c.Int64("max-body"), limit: c.Int("limit"),
				allowHosts: c.StringSlice("allow-host"), maxQueries: c.Int("max-queries"), maxConns: c.Int("max-conns"), queryMemory: mem}
			switch os.Getenv(serveChildEnv) {
			case roleWorker:
				return runServeWorker(c.Context, opts)
			case roleServer:
				opts.listener, err = inheritedListener()
				if err != nil {
					return err
				}
				opts.watch = os.NewFile(4, "supervisor")
				return runServe(c.Context, opts, c.App.Writer, c.App.ErrWriter, nil)
			}
			return superviseServe(c.Context, opts, c.App.ErrWriter)
		},
	}
}

// serveChildEnv tells a kg serve process which part it plays: the server a supervising kg
// serve started, or one of the server's query workers.
const serveChildEnv = "KG_SERVE_CHILD"

// Roles in serveChildEnv.
const (
	roleServer = "server"
	roleWorker = "worker"
)

// runServe serves until ctx is done. When ready is not nil it receives the address the
// server listens on.
func runServe(ctx context.Context, opts serveOptions, stdout, stderr io.Writer, ready chan<- string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if opts.watch != nil {
		go func() {
			io.Copy(io.Discard, opts.watch)
			cancel() // the supervisor is gone: so is the server
		}()
	}
	regexp2.DefaultMatchTimeout = opts.timeout // Cayley's Gizmo runs JavaScript regular expressions on regexp2
	copts := console.Options{Writable: opts.writable, Timeout: opts.timeout, MaxBody: opts.maxBody, Limit: opts.limit,
		Addr: opts.addr, AllowHosts: opts.allowHosts, MaxQueries: opts.maxQueries}
	var st *graph.Store
	if perRequest(opts) {
		// a read-only bolt store is opened for each request and closed after it, so that
		// kg build can write while the console is open and the console sees what it
		// wrote; a request waits for a build's write for as long as a query may run
		cfg := opts.store
		cfg.LockTimeout = opts.timeout
		copts.Open = func(ctx context.Context) (*graph.Store, error) { return openStore(ctx, cfg) }
		check, err := openStore(ctx, opts.store) // fail now on a missing or broken store
		if err != nil {
			return err
		}
		check.Close()
	} else {
		var err error
		if st, err = openStore(ctx, opts.store); err != nil {
			return err
		}
		defer st.Close()
	}
	logf := func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	switch {
	case opts.store.Backend == graph.Memory:
	case opts.writable && (opts.store.Backend == "" || opts.store.Backend == graph.Bolt):
		logf("kg serve: queries run inside the server: a bolt store open for writing cannot be shared with query workers; a query that exhausts memory stops the server, and kg serve starts it again")
	default:
		cmd := opts.worker
		if cmd == nil {
			cmd = workerCommand
		}
		pool := console.NewPool(console.PoolOptions{Command: cmd, Max: opts.maxQueries, Memory: opts.queryMemory,
			Renice: 250 * time.Millisecond, Log: logf})
		defer pool.Close()
		copts.Runner = pool
	}
	h, err := console.New(st, copts)
	if err != nil {
		return err
	}
	ln := opts.listener
	if ln == nil {
		if ln, err = net.Listen("tcp", opts.addr); err != nil {
			return fmt.Errorf("listen on %s: %w", opts.addr, err)
		}
	}
	if opts.maxConns <= 0 {
		opts.maxConns = defaultMaxConns
	}
	if opts.readTimeout <= 0 {
		opts.readTimeout = defaultReadTimeout
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(readHeaderTimeout, opts.readTimeout),
		ReadTimeout:       opts.readTimeout,              // a slow body is cut here
		WriteTimeout:      opts.timeout + 30*time.Second, // past the longest query
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(io.Discard, "", 0), // cut connections are routine
	}
	url := "http://" + ln.Addr().String() + "/"
	mode := "read-only"
	if opts.writable {
		mode = "writable"
	}
	if perRequest(opts) {
		mode += ", kg build may add articles meanwhile"
	}
	fmt.Fprintf(stdout, "kg: serving %s (%s) at %s — canned questions at %sask\n", opts.store.Path, mode, url, url)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(console.LimitListener(ln, opts.maxConns)) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			srv.Close() // queries still running after a second are cut
		}
		return nil
	}
}

// perRequest reports whether the server opens the store for each request: a read-only
// bolt file (PostgreSQL stores see other processes' writes anyway; a writable server
// keeps its write lock).
func perRequest(opts serveOptions) bool {
	b := opts.store.Backend
	return !opts.writable && (b == "" || b == graph.Bolt)
}

// workerCommand runs this kg binary again as a query worker, with the same flags.
func workerCommand() *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = append(os.Environ(), serveChildEnv+"="+roleWorker)
	return cmd
}

// runServeWorker answers queries from the server on fds 3 and 4 over a read-only store,
// opened for each query.
func runServeWorker(ctx context.Context, opts serveOptions) error {
	regexp2.DefaultMatchTimeout = opts.timeout
	cfg := opts.store
	cfg.ReadOnly = true
	cfg.LockTimeout = opts.timeout // a build's write may hold the file for a moment
	open := func(ctx context.Context) (*graph.Store, error) { return openStore(ctx, cfg) }
	return console.ServeWorker(open, os.NewFile(3, "queries"), os.NewFile(4, "answers"), console.WorkerOptions{Memory: opts.queryMemory})
}

// inheritedListener is the listening socket a supervisor passed as fd 3.
func inheritedListener() (net.Listener, error) {
	f := os.NewFile(3, "listener")
	ln, err := net.FileListener(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("the listening socket from the supervisor: %w", err)
	}
	return ln, nil
}

// superviseServe runs the server as a child process and starts it anew whenever it
// stops, for as long as kg serve runs. A few malformed queries crash a goroutine of
// Cayley's own, where nothing can recover; they run in query workers, but a query that
// runs inside the server (a writable bolt store) or a bug of kg's own takes the server
// down, and the supervisor turns that into a short gap instead of a dead console.
//
// The supervisor listens itself and hands the socket to each child, so that connections
// made while a child restarts wait in the socket's queue instead of being refused, and
// a busy port or a store that does not open is said once, at the start. A restart waits
// 100 ms, doubling up to 30 s while the child keeps failing, and the supervisor says why
// each time. The child dies with the supervisor: Linux sends it SIGTERM when the
// supervisor dies, and everywhere the child stops when the pipe it watches closes.
func superviseServe(ctx context.Context, opts serveOptions, stderr io.Writer) error {
	st, err := openStore(ctx, opts.store) // one clear sentence now rather than a child failing for ever
	if err != nil {
		return err
	}
	st.Close()
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.addr, err)
	}
	lf, err := ln.(*net.TCPListener).File()
	ln.Close()
	if err != nil {
		return err
	}
	defer lf.Close()
	const firstDelay, maxDelay, healthy = 100 * time.Millisecond, 30 * time.Second, 30 * time.Second
	delay := firstDelay
	for {
		watchR, watchW, err := os.Pipe()
		if err != nil {
			return err
		}
		cmd := exec.Command(exe, os.Args[1:]...)
		cmd.Env = append(os.Environ(), serveChildEnv+"="+roleServer)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, os.Stdout, stderr
		cmd.ExtraFiles = []*os.File{lf, watchR}
		dieWithParent(cmd, syscall.SIGTERM)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			watchR.Close()
			watchW.Close()
			return fmt.Errorf("start the server: %w", err)
		}
		watchR.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-ctx.Done():
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-done:
			case <-time.After(time.Second):
				cmd.Process.Kill()
				<-done
			}
			watchW.Close()
			return nil
		case err = <-done:
		}
		watchW.Close()
		ran := time.Since(start)
		if ran > healthy {
			delay = firstDelay
		}
		why := "it exited"
		if err != nil {
			why = err.Error()
		}
		fmt.Fprintf(stderr, "kg serve: the server stopped (%s) after %s; starting it again in %s\n", why, ran.Round(time.Millisecond), delay)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(delay):
		}
		delay = min(2*delay, maxDelay)
	}
}

// exitStatus is an error that only carries a child's exit status: the child said why.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// parseSize reads a size in bytes with an optional binary suffix: 512MiB, 2G, 1048576.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"GB", 1 << 30}, {"G", 1 << 30}, {"MIB", 1 << 20}, {"MB", 1 << 20}, {"M", 1 << 20}, {"KIB", 1 << 10}, {"KB", 1 << 10}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, errors.New("not a size")
	}
	return n * mult, nil
}
