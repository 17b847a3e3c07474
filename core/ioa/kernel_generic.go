//go:build !amd64 || purego

package ioa

// hasFMA is false: the pure-Go kernels are used (always on wasm).
const hasFMA = false

// dot4x2 returns the 8 dot products of y0..y3 with f0, f1.
func dot4x2(y0, y1, y2, y3, f0, f1 []float64) (s00, s01, s10, s11, s20, s21, s30, s31 float64) {
	return dot4x2Go(y0, y1, y2, y3, f0, f1)
}
