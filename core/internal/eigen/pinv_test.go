package eigen

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// pinv forms the Moore–Penrose inverse of the symmetric a from an
// eigendecomposition, dropping eigenvalues ≤ n·ε·max|λ| as core/dpd's
// pinvSym does.
func pinv(vals []float64, v *mat.Dense) *mat.Dense {
	n := len(vals)
	tol := float64(n) * 0x1p-52 * maxAbs(vals)
	s := mat.NewDense(n, n, nil)
	for j, l := range vals {
		if l <= tol {
			continue
		}
		for i := 0; i < n; i++ {
			s.Set(i, j, v.At(i, j)/l)
		}
	}
	var out mat.Dense
	out.Mul(s, v.T())
	return &out
}

// TestPseudoInverse mirrors the use in core/dpd: the pseudo-inverse of a
// rank-deficient PSD matrix of the size of an uncollapsed system-GMM weight
// matrix (316 instruments, rank 250, retained spectrum 1e-6..1e3). It must
// agree with the one from gonum's EigenSym to the cond·ε ≈ 1e-7 level both
// can attain (1e-5 allowed) and satisfy A·A⁺·A = A as well as gonum's does.
func TestPseudoInverse(t *testing.T) {
	n, r := 316, 250
	if testing.Short() {
		n, r = 120, 90
	}
	rnd := rand.New(rand.NewPCG(20261201, 316))
	x := mat.NewDense(n, r, nil)
	for j := 0; j < r; j++ {
		s := math.Pow(10, -3+4.5*float64(j)/float64(r-1)) // singular values 1e-3..10^1.5
		for i := 0; i < n; i++ {
			x.Set(i, j, s*rnd.NormFloat64()/math.Sqrt(float64(n)))
		}
	}
	var xx mat.Dense
	xx.Mul(x, x.T())
	a := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			a.SetSym(i, j, 0.5*(xx.At(i, j)+xx.At(j, i)))
		}
	}
	vals, v, ok := Sym(a, true)
	if !ok {
		t.Fatal("ok = false")
	}
	var g mat.EigenSym
	if !g.Factorize(a, true) {
		t.Fatal("gonum failed")
	}
	var gv mat.Dense
	g.VectorsTo(&gv)
	p, pg := pinv(vals, v), pinv(g.Values(nil), &gv)
	var d mat.Dense
	d.Sub(p, pg)
	rel := mat.Norm(&d, 1) / mat.Norm(pg, 1)
	t.Logf("n=%d rank %d: ‖A⁺ − A⁺_gonum‖₁/‖A⁺_gonum‖₁ = %.3g", n, r, rel)
	if rel > 1e-5 {
		t.Errorf("pseudo-inverse differs from gonum's by %g (relative, 1-norm)", rel)
	}
	// A·A⁺·A − A is of order ε·cond(A restricted to its range) ≈ 1e-7 for
	// any backward-stable decomposition; require no worse than 10× gonum's.
	mp := func(p *mat.Dense) float64 {
		var apa, t1 mat.Dense
		t1.Mul(a, p)
		apa.Mul(&t1, a)
		apa.Sub(&apa, a)
		return mat.Norm(&apa, 1) / mat.Norm(a, 1)
	}
	res, resg := mp(p), mp(pg)
	t.Logf("‖A·A⁺·A − A‖₁/‖A‖₁ = %.3g (gonum %.3g)", res, resg)
	if res > 10*resg {
		t.Errorf("‖A·A⁺·A − A‖₁/‖A‖₁ = %g, gonum %g", res, resg)
	}
}
