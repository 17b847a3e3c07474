package ioa

// Dot-product kernels for the Gauss–Seidel sweeps: out[r][c] = y_r · f_c for
// a tile of right-hand sides (rows y) and columns of the off-diagonal part of
// A (rows f of its transpose). Go emits no SIMD for wasm, so speed comes from
// register blocking: a 4×2 tile keeps 8 accumulators and the loaded values in
// registers, one load per 1.33 multiply-adds, and the loop is unrolled by two
// with the two products of a pair added before the accumulator (more
// independent work per iteration, half the loop overhead). 4×3, 4×4 and 3×3
// tiles spill and were slower both natively and as wasm.
//
// The pure-Go kernels all sum in the same order (pairs l, l+1 from the
// start, then the odd tail), so a row's result does not depend on which tile
// it sits in; with the amd64 assembly kernel (kernel_amd64.go) results agree
// to rounding.

// dot4x2Go returns the 8 dot products of y0..y3 with f0, f1 (all of length
// len(f0)); dot4x2 dispatches to it or to an assembly version.
func dot4x2Go(y0, y1, y2, y3, f0, f1 []float64) (s00, s01, s10, s11, s20, s21, s30, s31 float64) {
	n := len(f0)
	y0, y1, y2, y3, f1 = y0[:n], y1[:n], y2[:n], y3[:n], f1[:n]
	// l runs over the second element of each pair (a form the compiler's
	// bounds-check elimination proves in range).
	l := 1
	for ; l < n; l += 2 {
		a, b, a2, b2 := f0[l-1], f1[l-1], f0[l], f1[l]
		v, v2 := y0[l-1], y0[l]
		s00 += v*a + v2*a2
		s01 += v*b + v2*b2
		v, v2 = y1[l-1], y1[l]
		s10 += v*a + v2*a2
		s11 += v*b + v2*b2
		v, v2 = y2[l-1], y2[l]
		s20 += v*a + v2*a2
		s21 += v*b + v2*b2
		v, v2 = y3[l-1], y3[l]
		s30 += v*a + v2*a2
		s31 += v*b + v2*b2
	}
	if l--; l < n {
		a, b := f0[l], f1[l]
		s00 += y0[l] * a
		s01 += y0[l] * b
		s10 += y1[l] * a
		s11 += y1[l] * b
		s20 += y2[l] * a
		s21 += y2[l] * b
		s30 += y3[l] * a
		s31 += y3[l] * b
	}
	return
}

// dot4x1 returns the dot products of y0..y3 with f0.
func dot4x1(y0, y1, y2, y3, f0 []float64) (s0, s1, s2, s3 float64) {
	n := len(f0)
	y0, y1, y2, y3 = y0[:n], y1[:n], y2[:n], y3[:n]
	l := 1
	for ; l < n; l += 2 {
		a, a2 := f0[l-1], f0[l]
		s0 += y0[l-1]*a + y0[l]*a2
		s1 += y1[l-1]*a + y1[l]*a2
		s2 += y2[l-1]*a + y2[l]*a2
		s3 += y3[l-1]*a + y3[l]*a2
	}
	if l--; l < n {
		a := f0[l]
		s0 += y0[l] * a
		s1 += y1[l] * a
		s2 += y2[l] * a
		s3 += y3[l] * a
	}
	return
}

// dot1x4 returns the dot products of y0 with f0..f3: the kernel of the rows
// left over after the 4-row tiles (1.25 loads per multiply-add, where
// dot1x2 needs 1.5).
func dot1x4(y0, f0, f1, f2, f3 []float64) (s0, s1, s2, s3 float64) {
	n := len(f0)
	y0, f1, f2, f3 = y0[:n], f1[:n], f2[:n], f3[:n]
	l := 1
	for ; l < n; l += 2 {
		v, v2 := y0[l-1], y0[l]
		s0 += v*f0[l-1] + v2*f0[l]
		s1 += v*f1[l-1] + v2*f1[l]
		s2 += v*f2[l-1] + v2*f2[l]
		s3 += v*f3[l-1] + v2*f3[l]
	}
	if l--; l < n {
		v := y0[l]
		s0 += v * f0[l]
		s1 += v * f1[l]
		s2 += v * f2[l]
		s3 += v * f3[l]
	}
	return
}

// dot1x2 returns the dot products of y0 with f0 and f1.
func dot1x2(y0, f0, f1 []float64) (s0, s1 float64) {
	n := len(f0)
	y0, f1 = y0[:n], f1[:n]
	l := 1
	for ; l < n; l += 2 {
		v, v2 := y0[l-1], y0[l]
		s0 += v*f0[l-1] + v2*f0[l]
		s1 += v*f1[l-1] + v2*f1[l]
	}
	if l--; l < n {
		s0 += y0[l] * f0[l]
		s1 += y0[l] * f1[l]
	}
	return
}

// dot1x1 returns the dot product of y0 and f0.
func dot1x1(y0, f0 []float64) (s float64) {
	n := len(f0)
	y0 = y0[:n]
	l := 1
	for ; l < n; l += 2 {
		s += y0[l-1]*f0[l-1] + y0[l]*f0[l]
	}
	if l--; l < n {
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
	if r := len(ys) - i; hasFMA && r > 0 {
		// With the vector kernel a 4-row tile with repeated rows is faster
		// than r single rows; the extra sums are discarded.
		y := [4][]float64{ys[i], ys[i+min(1, r-1)], ys[i+min(2, r-1)], ys[i+r-1]}
		o := out[i : i+r]
		c := 0
		for ; c+2 <= len(fs); c += 2 {
			var s [8]float64
			s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7] = dot4x2(y[0], y[1], y[2], y[3], fs[c], fs[c+1])
			for q := range o {
				o[q][c] += s[2*q]
				o[q][c+1] += s[2*q+1]
			}
		}
		if c < len(fs) {
			for q := range o {
				o[q][c] += dot1x1(y[q], fs[c])
			}
		}
		return
	}
	for ; i < len(ys); i++ {
		y0, o0 := ys[i], out[i]
		c := 0
		for ; c+4 <= len(fs); c += 4 {
			s0, s1, s2, s3 := dot1x4(y0, fs[c], fs[c+1], fs[c+2], fs[c+3])
			o0[c] += s0
			o0[c+1] += s1
			o0[c+2] += s2
			o0[c+3] += s3
		}
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
