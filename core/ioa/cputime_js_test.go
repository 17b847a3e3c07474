//go:build js

package ioa

// cpuSeconds is not available under js/wasm; benchmarks then report wall time only.
func cpuSeconds() float64 { return 0 }
