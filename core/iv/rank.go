package iv

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// rankTest is the Kleibergen–Paap (2006) rk test of H₀: rank(Π) = K−1 in the
// reduced form Y = ZΠ + E, with Y (N×K, the endogenous regressors) and Z
// (N×L, the excluded instruments) both already partialled out of the
// exogenous regressors and fixed effects.
type rankTest struct {
	lm, wald float64   // rk statistics, LM and Wald versions
	df       int       // (L−K+1)
	ccorr    []float64 // canonical correlations, descending
	cd       float64   // Cragg–Donald eigenvalue ρ²/(1−ρ²) of the smallest ρ
}

// kpRank computes both versions of the rk statistic.
//
// Θ̂ = G Π̂ F⁻¹ with G'G = Z'Z and F'F = Y'Y (upper Cholesky factors) is
// decomposed Θ̂ = U S V'. For the test of rank q = K−1, with U and V
// partitioned after their first K−1 columns,
//
//	A_q⊥ = [U₁₂; U₂₂] U₂₂⁻¹ (U₂₂U₂₂')^½,  B_q⊥ = (V₂₂V₂₂')^½ V₂₂'⁻¹ [V₁₂; V₂₂]'
//	λ_q = (B_q⊥ ⊗ A_q⊥') vec(Θ̂),  Ω_q = (B_q⊥ ⊗ A_q⊥') Ŵ (B_q⊥ ⊗ A_q⊥')'
//	rk = λ_q' Ω_q⁻¹ λ_q
//
// (Kleibergen and Paap 2006, eqs. 12–21), where Ŵ = (F'⁻¹ ⊗ G'⁻¹)ᵀ-weighted
// covariance of vec(Z'E): Ŵ = T M T' with T = (F⁻¹)' ⊗ (G⁻¹)' and M the raw
// (robust or cluster) outer product of the scores z_i ⊗ e_i. The LM version
// takes e = y (the residual under H₀ of no relation), the Wald version the
// first-stage residual y − zΠ̂, as ranktest does. Under iid errors the
// statistics reduce to Anderson's LM N·ρ²_K and the Cragg–Donald Wald
// N·ρ²_K/(1−ρ²_K), ρ_K the smallest canonical correlation.
func kpRank(y, z [][]float64, rob robustness) (rankTest, error) {
	k, l := len(y), len(z)
	n := len(y[0])
	res := rankTest{df: l - k + 1}
	zz := crossSym(z)
	yy := crossSym(y)
	zy := cross(z, y)
	pi, err := cholSolve(zz, zy) // L×K
	if err != nil {
		return res, err
	}
	var cz, cy mat.Cholesky
	if !cz.Factorize(zz) || !cy.Factorize(yy) {
		return res, errSingular
	}
	var gz, fy mat.TriDense
	cz.UTo(&gz)
	cy.UTo(&fy)
	var fyInv, gzInv mat.TriDense
	if err := fyInv.InverseTri(&fy); err != nil {
		return res, err
	}
	if err := gzInv.InverseTri(&gz); err != nil {
		return res, err
	}
	var tmp, theta mat.Dense
	tmp.Mul(&gz, pi)
	theta.Mul(&tmp, &fyInv) // L×K

	var svd mat.SVD
	if !svd.Factorize(&theta, mat.SVDFull) {
		return res, errSingular
	}
	sv := svd.Values(nil)
	res.ccorr = sv
	rho := sv[k-1]
	ev := rho * rho
	res.cd = ev / (1 - ev)
	if rob.iid() {
		res.lm = float64(n) * ev
		res.wald = float64(n) * res.cd
		return res, nil
	}
	var u, v mat.Dense
	svd.UTo(&u)
	svd.VTo(&v)

	// A_q⊥ (L × (L−K+1)) and B_q⊥ (1 × K).
	m := l - k + 1
	u22 := mat.DenseCopyOf(u.Slice(k-1, l, k-1, l))
	uCol := mat.DenseCopyOf(u.Slice(0, l, k-1, l)) // [U₁₂; U₂₂]
	var u22u22 mat.Dense
	u22u22.Mul(u22, u22.T())
	u22h, err := symSqrt(symOf(&u22u22))
	if err != nil {
		return res, err
	}
	var u22inv mat.Dense
	if err := u22inv.Inverse(u22); err != nil {
		return res, err
	}
	var aq mat.Dense
	aq.Mul(uCol, &u22inv)
	aq.Mul(&aq, u22h)
	v22 := v.At(k-1, k-1)
	bq := make([]float64, k)
	for j := 0; j < k; j++ {
		bq[j] = math.Abs(v22) / v22 * v.At(j, k-1)
	}

	// P = B_q⊥ ⊗ A_q⊥' is m × (K·L): P[r, j·L+ℓ] = bq[j]·aq[ℓ, r].
	p := mat.NewDense(m, k*l, nil)
	for r := 0; r < m; r++ {
		for j := 0; j < k; j++ {
			for li := 0; li < l; li++ {
				p.Set(r, j*l+li, bq[j]*aq.At(li, r))
			}
		}
	}
	vecTheta := make([]float64, k*l)
	for j := 0; j < k; j++ {
		for li := 0; li < l; li++ {
			vecTheta[j*l+li] = theta.At(li, j)
		}
	}
	lambda := make([]float64, m)
	for r := 0; r < m; r++ {
		for c, t := range vecTheta {
			lambda[r] += p.At(r, c) * t
		}
	}
	// T = (F⁻¹)' ⊗ (G⁻¹)'; PT = P·T computed once.
	tk := mat.NewDense(k*l, k*l, nil)
	for a := 0; a < k; a++ {
		for b := 0; b < k; b++ {
			fab := fyInv.At(b, a)
			if fab == 0 {
				continue
			}
			for c := 0; c < l; c++ {
				for d := 0; d < l; d++ {
					tk.Set(a*l+c, b*l+d, fab*gzInv.At(d, c))
				}
			}
		}
	}
	var pt mat.Dense
	pt.Mul(p, tk)
	stat := func(e [][]float64) float64 {
		meat := rob.meat(scoreCols(z, e))
		var a, om mat.Dense
		a.Mul(&pt, meat)
		om.Mul(&a, pt.T())
		return quadInv(symOf(&om), lambda)
	}
	res.lm = stat(y)
	resid := make([][]float64, k)
	for j := 0; j < k; j++ {
		r := append([]float64(nil), y[j]...)
		for li, zc := range z {
			f := pi.At(li, j)
			for i, v := range zc {
				r[i] -= f * v
			}
		}
		resid[j] = r
	}
	res.wald = stat(resid)
	return res, nil
}
