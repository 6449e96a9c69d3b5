package main

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel send sig to the child when this process dies.
func dieWithParent(cmd *exec.Cmd, sig syscall.Signal) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = sig
}
