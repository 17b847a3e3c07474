//go:build !js

package ioa

import "syscall"

// cpuSeconds returns the process's user + system CPU time: on a machine
// shared with other jobs it measures the work done, where wall time also
// counts the waiting.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
