package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
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
			return runServe(c.Context, opts, c.App.Writer, nil)
		},
	}
}

// runServe serves until ctx is done. When ready is not nil it receives the address the
// server listens on.
func runServe(ctx context.Context, opts serveOptions, stdout io.Writer, ready chan<- string) error {
	st, err := openStore(ctx, opts.store)
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := console.New(st, console.Options{Writable: opts.writable, Timeout: opts.timeout, MaxBody: opts.maxBody})
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
