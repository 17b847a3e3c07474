package dpd

import (
	"gonum.org/v1/gonum/mat"
)

// windmeijer returns the Windmeijer (2005, eq. 2.11) finite-sample corrected
// variance of the two-step estimate, V2 + D V2 + V2 D' + D V1r D'. Column k of
// D is the derivative of the two-step estimate with respect to the one-step
// estimate b1 through the weight W2 = S(b1)⁻, S(b) = Σ_i Z_i'u_i u_i'Z_i:
//
//	D_k = -B2 X'Z W2 [∂S/∂b_k] W2 Z'e2,  ∂S/∂b_k = -Σ_i (a_ik g_i' + g_i a_ik'),
//
// with a_ik = Z_i'x_ik and g_i = Z_i'e1_i. The m×m derivative is never formed:
// only its product with v = W2 Z'e2 is accumulated, row by row.
func (e *estimator) windmeijer(B2 *mat.SymDense, ZX *mat.Dense, A2 *mat.SymDense, ze2, u1 []float64, V1r *mat.SymDense) *mat.SymDense {
	d := e.d
	K, mm := d.K, d.m
	var v mat.VecDense
	v.MulVec(A2, mat.NewVecDense(mm, ze2))
	zv := make([]float64, len(d.y))
	for r := range zv {
		var s float64
		for k := d.zStart[r]; k < d.zStart[r+1]; k++ {
			s += d.zVal[k] * v.AtVec(int(d.zCol[k]))
		}
		zv[r] = s
	}
	C := mat.NewDense(mm, K, nil)
	c := C.RawMatrix().Data
	tk := make([]float64, K)
	ng := len(d.gStart) - 1
	for g := 0; g < ng; g++ {
		lo, hi := d.gStart[g], d.gStart[g+1]
		var si float64
		for j := range tk {
			tk[j] = 0
		}
		for r := lo; r < hi; r++ {
			si += u1[r] * zv[r]
			for j := 0; j < K; j++ {
				tk[j] += d.x[r*K+j] * zv[r]
			}
		}
		for r := lo; r < hi; r++ {
			for k := d.zStart[r]; k < d.zStart[r+1]; k++ {
				col := int(d.zCol[k])
				zval := d.zVal[k]
				for j := 0; j < K; j++ {
					c[col*K+j] += zval * (d.x[r*K+j]*si + u1[r]*tk[j])
				}
			}
		}
	}
	// D = B2 ZX' A2 C (K×K).
	var t1, t2, D mat.Dense
	t1.Mul(ZX.T(), A2)
	t2.Mul(&t1, C)
	D.Mul(B2, &t2)
	var out, tmp, tmp2 mat.Dense
	out.Mul(&D, B2)
	tmp.Mul(B2, D.T())
	out.Add(&out, &tmp)
	tmp2.Mul(&D, V1r)
	tmp.Mul(&tmp2, D.T())
	out.Add(&out, &tmp)
	out.Add(&out, B2)
	return symOf(&out)
}
