package iv

import (
	"math"

	"github.com/wiodlab/wiodlab/core/internal/eigen"
	"gonum.org/v1/gonum/mat"
)

// limlLambda returns the LIML k, the smallest root λ of
// det(Y'Y − λ·Y'M_Z Y) = 0 with Y = [ỹ, X̃₁] and Z = Z̃₁ already partialled
// out of the exogenous regressors and fixed effects (Anderson and Rubin
// 1949; ivreg2's s_liml: λ = min eig of (Y'M_Z Y)^(−½) Y'M_W Y (Y'M_Z Y)^(−½)).
// It is 1 when the equation is exactly identified.
func limlLambda(yp []float64, x1p, z1p [][]float64) (float64, error) {
	if len(z1p) == len(x1p) {
		return 1, nil
	}
	y := append([][]float64{yp}, x1p...)
	yy := crossSym(y)
	zz := crossSym(z1p)
	zy := cross(z1p, y)
	b, err := cholSolve(zz, zy)
	if err != nil {
		return math.NaN(), err
	}
	var pzy mat.Dense
	pzy.Mul(zy.T(), b) // Y'P_Z Y
	m := len(y)
	w := mat.NewSymDense(m, nil)
	for i := 0; i < m; i++ {
		for j := i; j < m; j++ {
			w.SetSym(i, j, yy.At(i, j)-0.5*(pzy.At(i, j)+pzy.At(j, i)))
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(w) {
		return math.NaN(), errSingular
	}
	var u, uinv mat.TriDense
	ch.UTo(&u)
	if err := uinv.InverseTri(&u); err != nil {
		return math.NaN(), err
	}
	var t1, c mat.Dense
	t1.Mul(uinv.T(), yy)
	c.Mul(&t1, &uinv)
	vals, _, ok := eigen.Sym(symOf(&c), false)
	if !ok {
		return math.NaN(), errSingular
	}
	lam := vals[0]
	for _, v := range vals {
		lam = math.Min(lam, v)
	}
	return lam, nil
}
