// Command kg builds a knowledge graph from news articles and answers relationship
// questions about it. Run "kg help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Stdin, os.Stdout, os.Stderr, os.Args)
	var child exitStatus
	if errors.As(err, &child) {
		os.Exit(int(child)) // a child kg said why already
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kg:", message(err))
	}
	os.Exit(exitCode(ctx, err))
}
