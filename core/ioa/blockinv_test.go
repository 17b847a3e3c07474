package ioa

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestInvertTransposed compares the transposed inverse with gonum's
// mat.Dense.Inverse (LAPACK Dgetrf + Dgetri): for domestic blocks I − A_dd
// (the case of every valid table), for general matrices that need row
// interchanges, and for singular, near-singular and non-finite ones, where
// the error must be gonum's and an accepted inverse gonum's own.
func TestInvertTransposed(t *testing.T) {
	rng := rand.New(rand.NewPCG(56, 1))
	block := func(m int) *mat.Dense { // I − A, columns of A summing to 0.3–0.9
		d := mat.NewDense(m, m, nil)
		for j := 0; j < m; j++ {
			w := make([]float64, m)
			sum := 0.0
			for i := range w {
				w[i] = rng.Float64() * rng.Float64()
				sum += w[i]
			}
			u := 0.3 + 0.6*rng.Float64()
			for i := range w {
				d.Set(i, j, -w[i]/sum*u)
			}
			d.Set(j, j, d.At(j, j)+1)
		}
		return d
	}
	general := func(m int) *mat.Dense { // normal entries: pivoting needed
		d := mat.NewDense(m, m, nil)
		for i := 0; i < m; i++ {
			for j := 0; j < m; j++ {
				d.Set(i, j, rng.NormFloat64())
			}
		}
		return d
	}
	nearSingular := func(m int) *mat.Dense { // row m−1 = row 0 + 1e-15·noise
		d := general(m)
		for j := 0; j < m; j++ {
			d.Set(m-1, j, d.At(0, j)*(1+1e-15*rng.NormFloat64()))
		}
		return d
	}
	singular := func(m int) *mat.Dense { // two equal columns
		d := general(m)
		for i := 0; i < m; i++ {
			d.Set(i, m-1, d.At(i, 0))
		}
		return d
	}
	withNaN := func(m int) *mat.Dense {
		d := block(m)
		d.Set(m/2, m/3, math.NaN())
		return d
	}
	for _, tc := range []struct {
		name string
		make func(m int) *mat.Dense
		tol  float64 // relative to max |d⁻¹|
	}{
		{"domestic block", block, 1e-14},
		{"general", general, 1e-11},
		{"near-singular", nearSingular, 0}, // gonum's answer: exact
		{"singular", singular, 0},
		{"NaN", withNaN, 0},
	} {
		for _, m := range []int{1, 2, 3, 5, 8, 56} {
			if m < 2 && tc.name != "domestic block" && tc.name != "general" {
				continue
			}
			d := tc.make(m)
			var want mat.Dense
			wantErr := want.Inverse(d)
			dt := make([]float64, m*m)
			for i := 0; i < m; i++ {
				for j := 0; j < m; j++ {
					dt[j*m+i] = d.At(i, j)
				}
			}
			err := invertTransposed(dt, m, make([]int, m), make([]int, m))
			if wantErr != nil {
				var c, cw mat.Condition
				if !errors.As(err, &c) || !errors.As(wantErr, &cw) || (c != cw && !(math.IsNaN(float64(c)) && math.IsNaN(float64(cw)))) {
					t.Errorf("%s m=%d: error %v, gonum says %v", tc.name, m, err, wantErr)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s m=%d: %v (gonum accepts it)", tc.name, m, err)
				continue
			}
			scale := mat.Norm(&want, math.Inf(1))
			for i := 0; i < m; i++ {
				for j := 0; j < m; j++ {
					got, w := dt[j*m+i], want.At(i, j)
					if math.IsNaN(got) && math.IsNaN(w) {
						continue // gonum accepts a NaN block (Dgecon passes NaN through)
					}
					if tc.tol == 0 && got != w || math.Abs(got-w) > tc.tol*scale {
						t.Fatalf("%s m=%d: inverse[%d][%d] = %v, gonum %v", tc.name, m, i, j, got, w)
					}
				}
			}
		}
	}
}

// TestInvertBlockCond checks the κ∞ invertBlock returns against the exact
// ‖a‖∞‖a⁻¹‖∞ of a matrix with a known inverse: diag(1, 10, 100) permuted
// (κ = 100, row interchanges needed) and a singular matrix (+Inf).
func TestInvertBlockCond(t *testing.T) {
	a := []float64{0, 10, 0, 0, 0, 100, 1, 0, 0}
	if k := invertBlock(a, 3, make([]int, 3), make([]int, 3)); math.Abs(k-100) > 1e-12 {
		t.Errorf("κ = %v, want 100", k)
	}
	want := []float64{0, 0, 1, 0.1, 0, 0, 0, 0.01, 0}
	for i := range a {
		if math.Abs(a[i]-want[i]) > 1e-16 {
			t.Fatalf("inverse %v, want %v", a, want)
		}
	}
	s := []float64{1, 2, 2, 4}
	if k := invertBlock(s, 2, make([]int, 2), make([]int, 2)); !math.IsInf(k, 1) {
		t.Errorf("singular: κ = %v, want +Inf", k)
	}
}
