package ioa

import (
	"fmt"
	"math"

	"github.com/wiodlab/wiodlab/core/wiod"
)

// checkMMatrix verifies that I−A is a non-singular M-matrix, i.e. that the
// Leontief inverse exists and is the convergent series I + A + A² + …
// (Miller and Blair 2009, sec. 2.6; Hawkins–Simon). The cheap sufficient test
// is ‖A‖₁ = max_j Σ_i |a_ij| < 1 − 1e-9 (every column's inputs cost less
// than its output). When some column fails it, the spectral radius is bracketed by
// Collatz–Wielandt bounds from a power iteration on |A| + I (ρ(A) ≤ ρ(|A|)):
// an upper bound below 1 − 1e-9 passes with a warning, a lower bound at or
// above it (or no decision) is an error naming the offending columns.
//
// inv holds 1/x_j (0 for zero output), so a_ij = z_ij·inv_j.
func checkMMatrix(t *wiod.IOTable, inv []float64) (warn []string, err error) {
	n := t.N()
	zr := t.Z.RawMatrix()
	sum := make([]float64, n)
	for i := 0; i < n; i++ {
		for j, v := range zr.Data[i*zr.Stride : i*zr.Stride+n] {
			sum[j] += math.Abs(v)
		}
	}
	var bad []int
	for j, s := range sum {
		if s*inv[j] >= 1-mMargin {
			bad = append(bad, j)
		}
	}
	if len(bad) == 0 {
		return nil, nil
	}
	raw := coefficients(t, inv).RawMatrix()
	lo, hi := spectralBounds(raw.Data, raw.Stride, n, 500)
	cols := sectorList(t, bad)
	if hi < 1-mMargin {
		return []string{fmt.Sprintf("%s (%d): input coefficients of %s sum to 1 or more, but the spectral radius of A is below %.6g, so the Leontief inverse exists", t.Source, t.Year, cols, hi)}, nil
	}
	if lo >= 1-mMargin {
		return nil, fmt.Errorf("ioa: %s (%d): I−A is not a non-singular M-matrix: the spectral radius of A is at least %.10g (1 or within 1e-9 of it); the input coefficients of %s sum to 1 or more (intermediate inputs exceed gross output): check the GO row and the units of these columns", t.Source, t.Year, lo, cols)
	}
	return nil, fmt.Errorf("ioa: %s (%d): cannot establish that the spectral radius of A is below 1 (it lies in [%.6g, %.6g]); the input coefficients of %s sum to 1 or more: check the GO row and the units of these columns", t.Source, t.Year, lo, hi, cols)
}

// mMargin keeps the check away from ρ(A) = 1, where (I−A)⁻¹ is meaningless
// in floating point (its condition number grows like 1/(1−ρ)): a table whose
// inputs cost within 1e-9 of its output fails as if they exceeded it.
const mMargin = 1e-9

// spectralBounds brackets ρ(|A|) by Collatz–Wielandt bounds
// min_i (|A|v)_i/v_i ≤ ρ ≤ max_i (|A|v)_i/v_i for positive v, improving v by
// power iteration on |A| + I (which keeps v positive).
func spectralBounds(a []float64, stride, n, iters int) (lo, hi float64) {
	v := make([]float64, n)
	w := make([]float64, n)
	for i := range v {
		v[i] = 1
	}
	lo, hi = 0, math.Inf(1)
	for it := 0; it < iters; it++ {
		for i := 0; i < n; i++ {
			row := a[i*stride : i*stride+n]
			s := 0.0
			for j, x := range row {
				s += math.Abs(x) * v[j]
			}
			w[i] = s
		}
		l, h, norm := math.Inf(1), 0.0, 0.0
		for i := range w {
			r := w[i] / v[i]
			l = math.Min(l, r)
			h = math.Max(h, r)
			w[i] += v[i]
			norm = math.Max(norm, w[i])
		}
		lo, hi = math.Max(lo, l), math.Min(hi, h)
		if hi < 1 || lo >= 1 {
			return lo, hi
		}
		for i := range v {
			v[i] = w[i] / norm
		}
	}
	return lo, hi
}
