package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/console"
)

// serveOptions are the settings of kg serve.
type serveOptions struct {
	store    graph.Config
	addr     string
	writable bool
	timeout  time.Duration
	maxBody  int64
}

func newServeCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve Cayley's web query console and HTTP API over the graph",
		Description: "Read-only and on the loopback interface unless told otherwise. The console works\n" +
			"without internet access; /ask lists the canned questions.",
		Flags: append(storeFlags(),
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:64210", Usage: "address to listen on"},
			&cli.BoolFlag{Name: "writable", Usage: "accept writes and deletes through the API (takes the store's write lock)"},
			&cli.DurationFlag{Name: "timeout", Value: console.DefaultTimeout, Usage: "stop a query that runs longer"},
			&cli.Int64Flag{Name: "max-body", Value: console.DefaultMaxBody, Usage: "largest request body in bytes"},
		),
		Action: func(c *cli.Context) error {
			opts := serveOptions{store: storeConfig(c, !c.Bool("writable")), addr: c.String("addr"), writable: c.Bool("writable"),
				timeout: c.Duration("timeout"), maxBody: c.Int64("max-body")}
			if os.Getenv(serveChildEnv) == "" {
				return superviseServe(c.Context, c.App.ErrWriter)
			}
			return runServe(c.Context, opts, c.App.Writer, nil)
		},
	}
}

// runServe serves until ctx is done. When ready is not nil it receives the address the
// server listens on.
func runServe(ctx context.Context, opts serveOptions, stdout io.Writer, ready chan<- string) error {
	copts := console.Options{Writable: opts.writable, Timeout: opts.timeout, MaxBody: opts.maxBody}
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
	h, err := console.New(st, copts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
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
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
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

// serveChildEnv marks the kg serve process that a supervising kg serve started.
const serveChildEnv = "KG_SERVE_CHILD"

// superviseServe runs kg serve again as a child process and starts it anew when it dies
// of a crash. A few malformed Gizmo scripts panic on a goroutine of Cayley's own, where
// nothing can recover, and take the process down with them (for example
// g.V().Union({}).All(), or an object that contains itself handed to g.Emit); the
// supervisor turns that into one failed request instead of a dead server. A child that
// fails before it has served for a second (a busy store, an address in use) ends the
// supervisor with its exit status.
func superviseServe(ctx context.Context, stderr io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	for {
		cmd := exec.Command(exe, os.Args[1:]...)
		cmd.Env = append(os.Environ(), serveChildEnv+"=1")
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return err
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-ctx.Done():
			cmd.Process.Signal(os.Interrupt)
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-done
			}
			return nil
		case err = <-done:
		}
		if err == nil {
			return nil
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return err
		}
		if time.Since(start) < time.Second {
			return exitStatus(ee.ExitCode())
		}
		fmt.Fprintf(stderr, "kg serve: the server stopped (%v), most likely on a query that crashes Cayley's query engine; starting it again\n", err)
	}
}

// exitStatus is an error that only carries a child's exit status: the child said why.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }
