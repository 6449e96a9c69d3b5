//go:build !linux

package main

import (
	"os/exec"
	"syscall"
)

// dieWithParent does nothing where the kernel has no parent-death signal: the child
// still stops when the pipe it watches closes.
func dieWithParent(*exec.Cmd, syscall.Signal) {}
