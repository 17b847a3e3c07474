package eigen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestHardMatrices runs matrices that are hard for a symmetric QR
// iteration — graded D·R·D with entries spanning 10^±150, arrowheads,
// glued Wilkinson matrices, Clement's matrix, rank-one plus tiny diagonal —
// and checks convergence, order, the residual and orthogonality (relative to
// max|λ|, as the backward error bound of Golub & Van Loan §8.3.6 states).
func TestHardMatrices(t *testing.T) {
	rnd := rand.New(rand.NewPCG(20261201, 11))
	type gen struct {
		name string
		f    func(n int) *mat.SymDense
	}
	gens := []gen{
		{"graded D·R·D", func(n int) *mat.SymDense {
			d := make([]float64, n)
			for i := range d {
				d[i] = math.Pow(10, 300*rnd.Float64()-150)
			}
			a := randomSym(rnd, n)
			for i := 0; i < n; i++ {
				for j := i; j < n; j++ {
					a.SetSym(i, j, d[i]*a.At(i, j)*d[j])
				}
			}
			return a
		}},
		{"arrowhead", func(n int) *mat.SymDense {
			a := mat.NewSymDense(n, nil)
			for i := 0; i < n; i++ {
				a.SetSym(0, i, math.Ldexp(rnd.NormFloat64(), rnd.IntN(200)-100))
				a.SetSym(i, i, math.Ldexp(rnd.NormFloat64(), rnd.IntN(200)-100))
			}
			return a
		}},
		{"glued Wilkinson", func(n int) *mat.SymDense {
			// Blocks W21+ joined by off-diagonal 1e-14 (Dhillon's test set).
			a := mat.NewSymDense(n, nil)
			for i := 0; i < n; i++ {
				a.SetSym(i, i, math.Abs(float64(i%21-10)))
				if i+1 < n {
					g := 1.0
					if (i+1)%21 == 0 {
						g = 1e-14
					}
					a.SetSym(i, i+1, g)
				}
			}
			return a
		}},
		{"Clement", func(n int) *mat.SymDense {
			// Symmetric Clement (Kac–Sylvester) matrix: eigenvalues
			// ±(n−1), ±(n−3), …
			a := mat.NewSymDense(n, nil)
			for i := 0; i+1 < n; i++ {
				a.SetSym(i, i+1, math.Sqrt(float64((i+1)*(n-1-i))))
			}
			return a
		}},
		{"rank one plus tiny", func(n int) *mat.SymDense {
			a := mat.NewSymDense(n, nil)
			u := make([]float64, n)
			for i := range u {
				u[i] = rnd.NormFloat64()
			}
			for i := 0; i < n; i++ {
				for j := i; j < n; j++ {
					a.SetSym(i, j, u[i]*u[j])
				}
				a.SetSym(i, i, a.At(i, i)+1e-200*rnd.Float64())
			}
			return a
		}},
	}
	sizes := []int{2, 3, 5, 8, 21, 42, 63, 100}
	if testing.Short() {
		sizes = sizes[:6]
	}
	for _, g := range gens {
		for _, n := range sizes {
			for rep := 0; rep < 3; rep++ {
				name := fmt.Sprintf("%s n=%d #%d", g.name, n, rep)
				a := g.f(n)
				vals, v, ok := Sym(a, true)
				if !ok {
					t.Errorf("%s: ok = false", name)
					continue
				}
				// Check on A/max|λ| so that the check itself cannot
				// overflow or underflow.
				norm := maxAbs(vals)
				s := mat.NewSymDense(n, nil)
				s.ScaleSym(1/norm, a)
				sv := make([]float64, n)
				for i := range vals {
					sv[i] = vals[i] / norm
				}
				checkDecomposition(t, name, s, sv, v, 1e-13)
				if g.name == "Clement" {
					for i, l := range vals {
						want := float64(2*i - (n - 1))
						if math.Abs(l-want) > 1e-13*float64(n) {
							t.Errorf("%s: λ[%d] = %v, want %v", name, i, l, want)
						}
					}
				}
			}
		}
	}
}
