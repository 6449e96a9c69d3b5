package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// status is a progress line on a terminal for work whose length is not known ahead (an
// export laid out by Graphviz): a spinner, what is being done, and the time so far. Off a
// terminal it shows nothing; notes are printed either way.
type status struct {
	w    io.Writer
	bar  *progressbar.ProgressBar
	stop chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
}

func newStatus(w io.Writer, show bool) *status {
	s := &status{w: w}
	if !show {
		return s
	}
	s.bar = progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
	s.stop = make(chan struct{})
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(150 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
				s.mu.Lock()
				s.bar.Add(1)
				s.mu.Unlock()
			}
		}
	}()
	return s
}

// say shows what is being done now.
func (s *status) say(what string) {
	if s.bar == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bar.Describe(what)
}

// note prints a line that stays, above the progress line.
func (s *status) note(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bar != nil {
		s.bar.Clear()
	}
	fmt.Fprintln(s.w, line)
}

// done removes the progress line.
func (s *status) done() {
	if s.bar == nil {
		return
	}
	close(s.stop)
	s.wg.Wait()
	s.bar.Finish()
	s.bar = nil
}
