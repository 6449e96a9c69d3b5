//go:build unix

package graph

import (
	"errors"
	"syscall"
)

// processRuns reports whether a process with that id exists.
func processRuns(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
