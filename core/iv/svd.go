package iv

import (
	"errors"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// The rank test needs the full singular value decomposition of one small
// L×K matrix Θ (L instruments, K endogenous regressors, L ≥ K). gonum's
// general SVD (LAPACK's Dgesvd: bidiagonalisation and implicit QR) adds
// 57 KB gzip (275 KB raw) to the browser's wasm, so Θ is decomposed here by
// one-sided Jacobi rotations instead (Hestenes 1958; Demmel and Veselić
// 1992, whose analysis shows the singular values come out with small
// relative error, better than a bidiagonal SVD's error of ε·σ_max).

var errSVD = errors.New("iv: singular value decomposition did not converge")

// svdMaxSweeps bounds the Jacobi sweeps. Convergence is quadratic once the
// columns are nearly orthogonal; 6–10 sweeps are typical for small
// matrices (LAPACK's dgesvj allows 30).
const svdMaxSweeps = 60

// svdZero is the 2-norm, relative to the largest entry of the matrix, at or
// below which a column counts as zero: it takes no part in further
// rotations (its cosines with other columns are not computable without
// underflow), and its left singular vector comes from the completion of U,
// not from normalising the column. 2⁻⁵⁰⁰ ≈ 3e-151 is far below any
// singular value that is not zero to working precision (ε·σ_max ≈
// 1e-16·σ_max); the error this makes in U·Σ·V' is at most that norm.
var svdZero = math.Ldexp(1, -500)

// svdFull returns the full singular value decomposition A = U·diag(σ)·V' of
// an m×n matrix A with m ≥ n ≥ 1: σ (n values, descending, ≥ 0), U (m×m)
// and V (n×n) orthogonal.
//
// One-sided Jacobi (Hestenes): plane rotations applied to the columns of
// W = A (and accumulated in V, W = A·V throughout) make every pair of
// columns orthogonal, |w_p·w_q| ≤ √m·ε·‖w_p‖‖w_q‖ (dgesvj's tolerance,
// checked on the cosine); then σ_j = ‖w_j‖ and u_j = w_j/σ_j. The relative
// tolerance keeps the normalised columns orthogonal to working precision
// however small σ_j is. Each rotation zeroes w_p·w_q: with α = ‖w_p‖²,
// β = ‖w_q‖², γ = w_p·w_q, ζ = (β−α)/(2γ), t = sign(ζ)/(|ζ| + √(1+ζ²)),
// c = 1/√(1+t²), s = c·t, (w_p, w_q) ← (c·w_p − s·w_q, s·w_p + c·w_q), the
// 2×2 symmetric Schur rotation of the Gram matrix W'W (Golub and Van Loan
// 2013, §8.5 and §8.6). A is first scaled by a power of two (exact) so its
// largest entry lies in [½, 1), which keeps squares from overflowing.
//
// Conventions: σ is sorted descending (stable, so equal values keep their
// column order); each column of V has its largest-magnitude entry (the
// first, on ties) positive, which fixes the signs of the first n columns
// of U; columns of U whose σ is zero (at most svdZero relative to the
// largest entry of A) and the last m−n columns complete U to an
// orthonormal basis of ℝᵐ by Householder reflections of the other columns
// (the completion of a QR factorisation, as LAPACK's dorgqr forms it). Only the span of those
// columns is determined by A, which is all the rank test uses.
//
// It returns errSingular when A has a non-finite entry and errSVD when the
// rotations have not converged after svdMaxSweeps sweeps.
func svdFull(a mat.Matrix) (sigma []float64, u, v *mat.Dense, err error) {
	m, n := a.Dims()
	if n < 1 || m < n {
		panic("iv: svdFull needs a matrix with rows ≥ columns ≥ 1")
	}
	var amax float64
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			x := a.At(i, j)
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, nil, nil, errSingular
			}
			amax = math.Max(amax, math.Abs(x))
		}
	}
	_, e := math.Frexp(amax) // amax = f·2^e, f in [½, 1)
	if amax == 0 {
		e = 0
	}
	w := make([][]float64, n)  // columns of A·V, scaled by 2^−e
	vc := make([][]float64, n) // columns of V
	for j := range w {
		w[j] = make([]float64, m)
		for i := range w[j] {
			w[j][i] = math.Ldexp(a.At(i, j), -e)
		}
		vc[j] = make([]float64, n)
		vc[j][j] = 1
	}

	tol := math.Sqrt(float64(m)) * 0x1p-53
	for sweep := 0; ; sweep++ {
		if sweep == svdMaxSweeps {
			return nil, nil, nil, errSVD
		}
		rotated := false
		for p := 0; p < n-1; p++ {
			for q := p + 1; q < n; q++ {
				// Columns above svdZero have squared norms and products
				// of norms ≥ 2⁻¹⁰⁰⁰, normal numbers: what underflows in the
				// sums is below 2⁻⁷⁰ of them.
				np, nq := math.Sqrt(dot(w[p], w[p])), math.Sqrt(dot(w[q], w[q]))
				if np <= svdZero || nq <= svdZero {
					continue
				}
				cos := dot(w[p], w[q]) / np / nq
				if math.Abs(cos) <= tol {
					continue
				}
				zeta := (nq/np - np/nq) / (2 * cos) // (β−α)/(2γ)
				t := math.Copysign(1, zeta) / (math.Abs(zeta) + math.Hypot(1, zeta))
				c := 1 / math.Sqrt(1+t*t)
				s := c * t
				rotate(w[p], w[q], c, s)
				rotate(vc[p], vc[q], c, s)
				rotated = true
			}
		}
		if !rotated {
			break
		}
	}

	sc := make([]float64, n) // singular values, scaled
	for j := range w {
		sc[j] = norm2(w[j])
	}
	order := make([]int, n)
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool { return sc[order[a]] > sc[order[b]] })

	sigma = make([]float64, n)
	v = mat.NewDense(n, n, nil)
	u = mat.NewDense(m, m, nil)
	var basis [][]float64 // orthonormal left singular vectors of the nonzero σ
	for k, j := range order {
		sigma[k] = math.Ldexp(sc[j], e)
		big := 0
		for i, x := range vc[j] {
			if math.Abs(x) > math.Abs(vc[j][big]) {
				big = i
			}
		}
		sign := 1.0
		if vc[j][big] < 0 {
			sign = -1
		}
		for i, x := range vc[j] {
			v.Set(i, k, sign*x)
		}
		if sc[j] > svdZero {
			f := sign / sc[j]
			col := make([]float64, m)
			for i, x := range w[j] {
				col[i] = f * x
			}
			basis = append(basis, col)
		}
	}
	for k, col := range basis {
		u.SetCol(k, col)
	}
	for k, col := range completeBasis(basis, m) {
		u.SetCol(len(basis)+k, col)
	}
	return sigma, u, v, nil
}

// rotate applies the plane rotation (x, y) ← (c·x − s·y, s·x + c·y).
func rotate(x, y []float64, c, s float64) {
	y = y[:len(x)]
	for i, xi := range x {
		yi := y[i]
		x[i] = c*xi - s*yi
		y[i] = s*xi + c*yi
	}
}

// norm2 returns the Euclidean norm of x without overflow or underflow of
// the squares (scaled by the largest magnitude, as BLAS dnrm2 does).
func norm2(x []float64) float64 {
	var big float64
	for _, v := range x {
		big = math.Max(big, math.Abs(v))
	}
	if big == 0 {
		return 0
	}
	var s float64
	for _, v := range x {
		r := v / big
		s += r * r
	}
	return big * math.Sqrt(s)
}

// completeBasis returns m − len(q) unit vectors of length m orthogonal to
// each other and to the orthonormal vectors q. With Householder
// reflections H₀…H_{r−1} that reduce Q = [q₀ … q_{r−1}] to upper triangular
// form, Q' = H₀⋯H_{r−1} is orthogonal with first r columns ±q_j, and its
// last m − r columns, H₀⋯H_{r−1}e_k for k ≥ r, are the completion
// (Golub and Van Loan 2013, §5.1–5.2).
func completeBasis(q [][]float64, m int) [][]float64 {
	r := len(q)
	work := make([][]float64, r)
	for j := range q {
		work[j] = append([]float64(nil), q[j]...)
	}
	refl := make([][]float64, r) // unit Householder vectors, entries j..m−1
	for j := 0; j < r; j++ {
		x := work[j][j:]
		nx := norm2(x)
		h := append([]float64(nil), x...)
		if nx == 0 {
			continue // cannot happen for orthonormal q; H_j = I
		}
		h[0] += math.Copysign(nx, x[0])
		nh := norm2(h)
		for i := range h {
			h[i] /= nh
		}
		refl[j] = h
		for c := j; c < r; c++ {
			reflect(work[c][j:], h)
		}
	}
	out := make([][]float64, 0, m-r)
	for k := r; k < m; k++ {
		col := make([]float64, m)
		col[k] = 1
		for j := r - 1; j >= 0; j-- {
			if refl[j] != nil {
				reflect(col[j:], refl[j])
			}
		}
		out = append(out, col)
	}
	return out
}

// reflect applies H = I − 2hh' (h a unit vector) to x in place.
func reflect(x, h []float64) {
	f := 2 * dot(h, x)
	for i := range x {
		x[i] -= f * h[i]
	}
}
