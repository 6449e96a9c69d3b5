//go:build !linux

package console

import "os/exec"

// setDeathSignal does nothing where the kernel has no parent-death signal: a worker still
// ends when its request pipe does.
func setDeathSignal(*exec.Cmd) {}
