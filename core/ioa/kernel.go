package ioa

// Dot-product kernels for the Gauss–Seidel sweeps: out[r][c] = y_r · f_c for
// a tile of right-hand sides (rows y) and columns of the off-diagonal part of
// A (rows f of its transpose). Go emits no SIMD for wasm, so speed comes from
// register blocking: a 4×2 tile keeps 8 accumulators and 6 loaded values in
// registers (14 of the 16 float registers on amd64 and in V8), one load per
// 1.33 multiply-adds. 4×4 and 3×3 tiles spill and were slower both natively
// and as wasm (BenchmarkKernel).
//
// Every accumulator sums its products in the order l = 0, 1, …, n−1 in every
// kernel, so a row's result does not depend on which tile it sits in (up to a
// compiler's fusing of multiply-adds, which Go does on some architectures).

// dot4x2 returns the 8 dot products of y0..y3 with f0, f1 (all of length len(f0)).
func dot4x2(y0, y1, y2, y3, f0, f1 []float64) (s00, s01, s10, s11, s20, s21, s30, s31 float64) {
	n := len(f0)
	y0, y1, y2, y3, f1 = y0[:n], y1[:n], y2[:n], y3[:n], f1[:n]
	for l := 0; l < n; l++ {
		a, b := f0[l], f1[l]
		v := y0[l]
		s00 += v * a
		s01 += v * b
		v = y1[l]
		s10 += v * a
		s11 += v * b
		v = y2[l]
		s20 += v * a
		s21 += v * b
		v = y3[l]
		s30 += v * a
		s31 += v * b
	}
	return
}

// dot4x1 returns the dot products of y0..y3 with f0.
func dot4x1(y0, y1, y2, y3, f0 []float64) (s0, s1, s2, s3 float64) {
	n := len(f0)
	y0, y1, y2, y3 = y0[:n], y1[:n], y2[:n], y3[:n]
	for l := 0; l < n; l++ {
		a := f0[l]
		s0 += y0[l] * a
		s1 += y1[l] * a
		s2 += y2[l] * a
		s3 += y3[l] * a
	}
	return
}

// dot1x2 returns the dot products of y0 with f0 and f1.
func dot1x2(y0, f0, f1 []float64) (s0, s1 float64) {
	n := len(f0)
	y0, f1 = y0[:n], f1[:n]
	for l := 0; l < n; l++ {
		v := y0[l]
		s0 += v * f0[l]
		s1 += v * f1[l]
	}
	return
}

// dot1x1 returns the dot product of y0 and f0.
func dot1x1(y0, f0 []float64) (s float64) {
	n := len(f0)
	y0 = y0[:n]
	for l := 0; l < n; l++ {
		s += y0[l] * f0[l]
	}
	return
}

// mulTile adds to out[i][c] (i indexes ys, c = 0..len(fs)−1) the dot products
// ys[i] · fs[c].
func mulTile(out [][]float64, ys, fs [][]float64) {
	i := 0
	for ; i+4 <= len(ys); i += 4 {
		y0, y1, y2, y3 := ys[i], ys[i+1], ys[i+2], ys[i+3]
		o0, o1, o2, o3 := out[i], out[i+1], out[i+2], out[i+3]
		c := 0
		for ; c+2 <= len(fs); c += 2 {
			s00, s01, s10, s11, s20, s21, s30, s31 := dot4x2(y0, y1, y2, y3, fs[c], fs[c+1])
			o0[c] += s00
			o0[c+1] += s01
			o1[c] += s10
			o1[c+1] += s11
			o2[c] += s20
			o2[c+1] += s21
			o3[c] += s30
			o3[c+1] += s31
		}
		if c < len(fs) {
			s0, s1, s2, s3 := dot4x1(y0, y1, y2, y3, fs[c])
			o0[c] += s0
			o1[c] += s1
			o2[c] += s2
			o3[c] += s3
		}
	}
	for ; i < len(ys); i++ {
		y0, o0 := ys[i], out[i]
		c := 0
		for ; c+2 <= len(fs); c += 2 {
			s0, s1 := dot1x2(y0, fs[c], fs[c+1])
			o0[c] += s0
			o0[c+1] += s1
		}
		if c < len(fs) {
			o0[c] += dot1x1(y0, fs[c])
		}
	}
}
