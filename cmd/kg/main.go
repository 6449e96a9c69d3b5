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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	note := &progressNote{}
	ctx = withProgressNote(ctx, note)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go stopOnSignal(sigs, cancel, note, os.Stderr, os.Exit)
	err := newApp(os.Stdin, os.Stdout, os.Stderr).RunContext(ctx, os.Args)
	var child exitStatus
	if errors.As(err, &child) {
		os.Exit(int(child)) // a child kg said why already
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kg:", message(err))
	}
	os.Exit(exitCode(ctx, err))
}
