package console

import (
	"os/exec"
	"syscall"
)

// setDeathSignal makes the kernel kill a worker when the server that started it dies.
func setDeathSignal(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
