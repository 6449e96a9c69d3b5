package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// interruptGrace is how long kg gives a command to stop on its own after SIGINT or
// SIGTERM before it exits anyway. Stopping at any point is safe: a store's transaction
// either committed or is dropped (bolt and PostgreSQL alike), and every article is whole
// or absent. A second signal exits at once.
const interruptGrace = 1500 * time.Millisecond

// progressNote holds what a command has done so far, in words, for the sentence kg
// prints when it must exit before the command returns. Commands find it in their context.
type progressNote struct{ s atomic.Pointer[string] }

func (n *progressNote) set(s string) {
	if n != nil {
		n.s.Store(&s)
	}
}

func (n *progressNote) get() string {
	if n == nil {
		return ""
	}
	if p := n.s.Load(); p != nil {
		return *p
	}
	return ""
}

type progressNoteKey struct{}

// withProgressNote returns ctx carrying n.
func withProgressNote(ctx context.Context, n *progressNote) context.Context {
	return context.WithValue(ctx, progressNoteKey{}, n)
}

// noteOf returns the note ctx carries, or nil (whose methods do nothing).
func noteOf(ctx context.Context) *progressNote {
	n, _ := ctx.Value(progressNoteKey{}).(*progressNote)
	return n
}

// stopOnSignal cancels the command's context at the first signal; if the command has not
// returned interruptGrace later, or at a second signal, it says what had landed and exits
// with status 130.
func stopOnSignal(sigs <-chan os.Signal, cancel func(), note *progressNote, stderr io.Writer, exit func(int)) {
	<-sigs
	cancel()
	select {
	case <-sigs:
	case <-time.After(interruptGrace):
	}
	msg := "interrupted"
	if s := note.get(); s != "" {
		msg += "; " + s
	}
	fmt.Fprintln(stderr, "kg: "+msg)
	exit(130)
}

// interruptedError is a command stopped by a signal, with what it had done.
type interruptedError struct{ note string }

func (e interruptedError) Error() string {
	if e.note == "" {
		return "interrupted"
	}
	return "interrupted; " + e.note
}

// Unwrap makes it context.Canceled for errors.Is.
func (e interruptedError) Unwrap() error { return context.Canceled }
