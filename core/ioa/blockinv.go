package ioa

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// maxBlockCond is the 1-norm condition number up to which invertBlock's
// inverse is used. Above it the caller falls back to gonum's mat.Dense.Inverse
// (LU with LAPACK's condition estimate, which errors above
// mat.ConditionTolerance = 1e16), so near-singular blocks are judged exactly
// as before; the margin of 100 covers the rounding in the κ computed here.
// Domestic blocks I−A_dd of valid tables are column diagonally dominant
// M-matrices with κ₁ of order 1–100, far below it.
const maxBlockCond = 1e14

// invertBlock overwrites the m×m row-major matrix a with its inverse by
// Gauss–Jordan elimination with partial pivoting (Golub and Van Loan 2013,
// Matrix Computations, 4th ed., sec. 3.2; Higham 2002, Accuracy and
// Stability of Numerical Algorithms, 2nd ed., sec. 14.4: for the inverse it is
// as accurate as LU-based inversion). It costs m³ multiply-adds, all on
// contiguous rows, where gonum's Inverse (Dgetrf, Dgecon, Dgetri) spends most
// of its time in BLAS call overhead on blocks as small as 56×56 in wasm.
//
// It returns κ∞(a) = ‖a‖∞·‖a⁻¹‖∞, computed exactly from the inverse; NaN or
// +Inf when a pivot is zero or a value is not finite (a is then garbage).
// piv and others are workspace of length m.
func invertBlock(a []float64, m int, piv, others []int) float64 {
	a = a[:m*m]
	piv, others = piv[:m], others[:m]
	norm := 0.0
	for i := 0; i < m; i++ {
		s := 0.0
		for _, v := range a[i*m : i*m+m] {
			s += math.Abs(v)
		}
		norm = math.Max(norm, s)
	}
	for k := 0; k < m; k++ {
		// Partial pivoting: the largest entry of column k at or below row k.
		p, big := k, math.Abs(a[k*m+k])
		for i := k + 1; i < m; i++ {
			if v := math.Abs(a[i*m+k]); v > big {
				p, big = i, v
			}
		}
		piv[k] = p
		if big == 0 || math.IsNaN(big) {
			return math.Inf(1)
		}
		rk := a[k*m : k*m+m]
		if p != k {
			rp := a[p*m : p*m+m]
			for j := range rk {
				rk[j], rp[j] = rp[j], rk[j]
			}
		}
		d := 1 / rk[k]
		rk[k] = 1
		for j := range rk {
			rk[j] *= d
		}
		// Eliminate column k from the other rows, four rows at a time so
		// that each load of row k serves four multiply-adds (wasm has no
		// SIMD; the loop overhead is what costs).
		rows := others[:0]
		for i := 0; i < m; i++ {
			if i != k && a[i*m+k] != 0 {
				rows = append(rows, i)
			}
		}
		q := 0
		for ; q+4 <= len(rows); q += 4 {
			r0 := a[rows[q]*m : rows[q]*m+m][:len(rk)]
			r1 := a[rows[q+1]*m : rows[q+1]*m+m][:len(rk)]
			r2 := a[rows[q+2]*m : rows[q+2]*m+m][:len(rk)]
			r3 := a[rows[q+3]*m : rows[q+3]*m+m][:len(rk)]
			f0, f1, f2, f3 := r0[k], r1[k], r2[k], r3[k]
			r0[k], r1[k], r2[k], r3[k] = 0, 0, 0, 0
			for j, v := range rk {
				r0[j] -= f0 * v
				r1[j] -= f1 * v
				r2[j] -= f2 * v
				r3[j] -= f3 * v
			}
		}
		for ; q < len(rows); q++ {
			ri := a[rows[q]*m : rows[q]*m+m][:len(rk)]
			f := ri[k]
			ri[k] = 0
			for j, v := range rk {
				ri[j] -= f * v
			}
		}
	}
	// The row interchanges of a are column interchanges of a⁻¹, undone in
	// reverse order.
	for k := m - 1; k >= 0; k-- {
		if p := piv[k]; p != k {
			for i := 0; i < m; i++ {
				a[i*m+k], a[i*m+p] = a[i*m+p], a[i*m+k]
			}
		}
	}
	inorm := 0.0
	for i := 0; i < m; i++ {
		s := 0.0
		for _, v := range a[i*m : i*m+m] {
			s += math.Abs(v)
		}
		inorm = math.Max(inorm, s)
	}
	return norm * inorm
}

// invertTransposed overwrites the m×m row-major matrix dt = dᵀ with the
// transpose of d⁻¹ (= (dᵀ)⁻¹). It uses invertBlock when κ₁(d) ≤ maxBlockCond
// and otherwise gonum's d.Inverse, returning its error (mat.Condition) for a
// singular or ill-conditioned d exactly as a direct call would.
func invertTransposed(dt []float64, m int, piv, others []int) error {
	orig := append([]float64(nil), dt[:m*m]...)
	// κ∞(dᵀ) = κ₁(d), the norm gonum's condition estimate uses.
	if kappa := invertBlock(dt, m, piv, others); kappa <= maxBlockCond {
		return nil
	}
	var li mat.Dense
	if err := li.Inverse(mat.NewDense(m, m, orig).T()); err != nil {
		return err
	}
	for c := 0; c < m; c++ {
		for r := 0; r < m; r++ {
			dt[c*m+r] = li.At(r, c)
		}
	}
	return nil
}
