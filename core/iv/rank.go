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
// decomposed Θ̂ = U S V' (svdFull). For the test of rank q = K−1, with U and V
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
	th, err := kpTheta(y, z)
	if err != nil {
		return res, err
	}
	sv, u, v, err := svdFull(th.theta)
	if err != nil {
		return res, err
	}
	res.ccorr = sv
	rho := sv[k-1]
	ev := rho * rho
	res.cd = ev / (1 - ev)
	if rob.iid() {
		res.lm = float64(n) * ev
		res.wald = float64(n) * res.cd
		return res, nil
	}
	stat, err := th.statistic(u, v, z, rob)
	if err != nil {
		return res, err
	}
	res.lm = stat(y)
	resid := make([][]float64, k)
	for j := 0; j < k; j++ {
		r := append([]float64(nil), y[j]...)
		for li, zc := range z {
			f := th.pi.At(li, j)
			for i, v := range zc {
				r[i] -= f * v
			}
		}
		resid[j] = r
	}
	res.wald = stat(resid)
	return res, nil
}

// kpThetaParts holds Θ̂ = G Π̂ F⁻¹ (L×K) and the pieces the robust
// statistic needs: Π̂ (L×K) and the inverse Cholesky factors F⁻¹, G⁻¹.
type kpThetaParts struct {
	theta, pi    *mat.Dense
	fyInv, gzInv *mat.TriDense
}

// kpTheta computes Θ̂ from the partialled-out regressors y and instruments z.
func kpTheta(y, z [][]float64) (*kpThetaParts, error) {
	zz := crossSym(z)
	yy := crossSym(y)
	zy := cross(z, y)
	pi, err := cholSolve(zz, zy) // L×K
	if err != nil {
		return nil, err
	}
	var cz, cy mat.Cholesky
	if !cz.Factorize(zz) || !cy.Factorize(yy) {
		return nil, errSingular
	}
	var gz, fy mat.TriDense
	cz.UTo(&gz)
	cy.UTo(&fy)
	var fyInv, gzInv mat.TriDense
	if err := fyInv.InverseTri(&fy); err != nil {
		return nil, err
	}
	if err := gzInv.InverseTri(&gz); err != nil {
		return nil, err
	}
	var tmp, theta mat.Dense
	tmp.Mul(&gz, pi)
	theta.Mul(&tmp, &fyInv) // L×K
	return &kpThetaParts{theta: &theta, pi: pi, fyInv: &fyInv, gzInv: &gzInv}, nil
}

// statistic returns rk = λ_q'Ω_q⁻¹λ_q as a function of the residuals e
// (N×K) whose scores z_i ⊗ e_i make the meat, for Θ̂ = U S V'. Only the
// span of U's last L−K+1 columns enters: A_q⊥ is unchanged when they are
// rotated, U₂ → U₂Q (U₂₂⁻¹ → Q'U₂₂⁻¹, U₂₂U₂₂' unchanged), so any
// completion of U's first K columns to an orthonormal basis gives the
// same statistic.
func (th *kpThetaParts) statistic(u, v *mat.Dense, z [][]float64, rob robustness) (func(e [][]float64) float64, error) {
	l, k := th.theta.Dims()
	theta, fyInv, gzInv := th.theta, th.fyInv, th.gzInv

	// A_q⊥ (L × (L−K+1)) and B_q⊥ (1 × K).
	m := l - k + 1
	u22 := mat.DenseCopyOf(u.Slice(k-1, l, k-1, l))
	uCol := mat.DenseCopyOf(u.Slice(0, l, k-1, l)) // [U₁₂; U₂₂]
	var u22u22 mat.Dense
	u22u22.Mul(u22, u22.T())
	u22h, err := symSqrt(symOf(&u22u22))
	if err != nil {
		return nil, err
	}
	var u22inv mat.Dense
	if err := u22inv.Inverse(u22); err != nil {
		return nil, err
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
	return func(e [][]float64) float64 {
		meat := rob.meat(scoreCols(z, e))
		var a, om mat.Dense
		a.Mul(&pt, meat)
		om.Mul(&a, pt.T())
		return quadInv(symOf(&om), lambda)
	}, nil
}
