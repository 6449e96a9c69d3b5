// Command kg builds a knowledge graph from news articles and answers relationship
// questions about it. Run "kg help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
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
	err := runGuarded(ctx, os.Args)
	var child exitStatus
	if errors.As(err, &child) {
		os.Exit(int(child)) // a child kg said why already
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kg:", message(err))
	}
	os.Exit(exitCode(ctx, err))
}

// runGuarded runs the command line, turning a panic that reading a damaged store causes (bolt
// asserts what it reads from its pages) into a sentence.
func runGuarded(ctx context.Context, args []string) (err error) {
	debug.SetPanicOnFault(true) // a read past a damaged store's mapped pages panics rather than kills
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("kg crashed (%v): if it was reading a store, the store may be damaged, and kg check tells; otherwise this is a bug in kg", p)
		}
	}()
	return run(ctx, os.Stdin, os.Stdout, os.Stderr, args)
}
