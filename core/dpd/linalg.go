package dpd

import (
	"math"

	"github.com/wiodlab/wiodlab/core/internal/dist"
	"github.com/wiodlab/wiodlab/core/internal/eigen"
	"gonum.org/v1/gonum/mat"
)

// pinvSym returns the inverse of the symmetric positive semi-definite S, and
// whether S was singular. A well-conditioned S (Cholesky succeeds with
// condition number below 1e10) is inverted through its Cholesky factor;
// otherwise the Moore–Penrose inverse is formed from the eigendecomposition,
// dropping eigenvalues at or below n·ε·λmax.
func pinvSym(S *mat.SymDense) (*mat.SymDense, bool) {
	n := S.SymmetricDim()
	var ch mat.Cholesky
	if ch.Factorize(S) && ch.Cond() < 1e10 {
		inv := mat.NewSymDense(n, nil)
		if err := ch.InverseTo(inv); err == nil {
			return inv, false
		}
	}
	vals, vecs, ok := eigen.Sym(S, true)
	if !ok {
		panic("dpd: eigendecomposition failed")
	}
	lmax := 0.0
	for _, v := range vals {
		lmax = math.Max(lmax, math.Abs(v))
	}
	tol := float64(n) * 2.220446049250313e-16 * lmax
	singular := false
	scaled := mat.NewDense(n, n, nil)
	for j, v := range vals {
		if v <= tol {
			singular = true
			continue
		}
		for i := 0; i < n; i++ {
			scaled.Set(i, j, vecs.At(i, j)/v)
		}
	}
	var out mat.Dense
	out.Mul(scaled, vecs.T())
	return symOf(&out), singular
}

// symOf returns the symmetric part of the square matrix a.
func symOf(a *mat.Dense) *mat.SymDense {
	n, _ := a.Dims()
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, 0.5*(a.At(i, j)+a.At(j, i)))
		}
	}
	return s
}

func symmetrize(a []float64, n int) []float64 {
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			v := 0.5 * (a[i*n+j] + a[j*n+i])
			a[i*n+j], a[j*n+i] = v, v
		}
	}
	return a
}

func quad(x []float64, A *mat.SymDense) float64 {
	v := mat.NewVecDense(len(x), x)
	var av mat.VecDense
	av.MulVec(A, v)
	return mat.Dot(v, &av)
}

func normP(z float64) float64 {
	if math.IsNaN(z) {
		return math.NaN()
	}
	return math.Erfc(math.Abs(z) / math.Sqrt2)
}

func chi2P(x float64, df int) float64 {
	if df <= 0 || math.IsNaN(x) {
		return math.NaN()
	}
	return dist.ChiSquaredSurvival(x, float64(df))
}
