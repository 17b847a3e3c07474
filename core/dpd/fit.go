package dpd

import (
	"context"
	"fmt"
	"math"

	"github.com/wiodlab/wiodlab/core/table"
	"gonum.org/v1/gonum/mat"
)

// Fit estimates the model on table t, a panel with unit column id and integer
// time column tm, following xtabond2 (Roodman 2009): one-step GMM with weight
// (Σ Z_i'H Z_i)⁻, then, always, the two-step GMM with weight
// (Σ Z_i'e1_i e1_i'Z_i)⁻ from the one-step residuals e1; Options select which
// estimate and which variance are reported. Singular weight matrices are
// inverted with the Moore–Penrose generalised inverse and a warning.
func (m *Model) Fit(t *table.Table, id, tm string, opt Options) (*Result, error) {
	ctx := opt.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	report := func(f float64, msg string) {
		if opt.Progress != nil {
			opt.Progress(f, msg)
		}
	}
	h := opt.H
	if h == 0 {
		h = 2
		if m.System {
			h = 3
		}
	}
	if h < 1 || h > 3 {
		panic(fmt.Sprintf("dpd: Options.H = %d; use 1, 2 or 3", opt.H))
	}
	report(0, "building instruments")
	d, err := m.build(t, id, tm)
	if err != nil {
		return nil, err
	}
	K, mm := d.K, d.m
	nobs := d.nDiff
	if m.System {
		nobs = d.nLevel
	}
	nrows := len(d.y)
	if mm < K {
		return nil, fmt.Errorf("dpd: underidentified: %d instruments for %d regressors; add instruments (gmm() or iv() sets) or drop regressors", mm, K)
	}
	if mm > nrows {
		return nil, fmt.Errorf("dpd: %d instruments for %d observations (%d equations stacked): more instruments than observations; use collapse or tighter lag limits such as lag(2 4)", mm, nobs, nrows)
	}
	res := &Result{Names: d.names, NObs: nobs, NGroups: d.groups, ObsMin: d.obsMin, ObsMax: d.obsMax,
		NInstruments: mm, System: m.System, TwoStep: opt.TwoStep, Robust: opt.Robust, H: h}
	res.Warnings = append(res.Warnings, d.warnings...)
	if mm > d.groups {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d instruments outnumber the %d groups: the Hansen test is weakened and the two-step weight matrix is singular (Roodman 2009); consider collapse or lag limits", mm, d.groups))
	}

	e := &estimator{d: d, h: h, plmAR: opt.plmAR}
	ng := len(d.gStart) - 1

	// Cross products Z'X, Z'y and the one-step weight Σ Z_i'H Z_i.
	zx := make([]float64, mm*K)
	zy := make([]float64, mm)
	s1 := make([]float64, mm*mm)
	for r := 0; r < nrows; r++ {
		for k := d.zStart[r]; k < d.zStart[r+1]; k++ {
			c, v := int(d.zCol[k]), d.zVal[k]
			zy[c] += v * d.y[r]
			xr := d.x[r*K : (r+1)*K]
			for j, xv := range xr {
				zx[c*K+j] += v * xv
			}
		}
	}
	for g := 0; g < ng; g++ {
		if g%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			report(0.1+0.3*float64(g)/float64(ng), "one-step weight matrix")
		}
		lo, hi := d.gStart[g], d.gStart[g+1]
		for r := lo; r < hi; r++ {
			for s := lo; s < hi; s++ {
				hv := e.hval(r, s)
				if hv == 0 {
					continue
				}
				for a := d.zStart[r]; a < d.zStart[r+1]; a++ {
					row := s1[int(d.zCol[a])*mm:]
					va := hv * d.zVal[a]
					for b := d.zStart[s]; b < d.zStart[s+1]; b++ {
						row[d.zCol[b]] += va * d.zVal[b]
					}
				}
			}
		}
	}
	ZX := mat.NewDense(mm, K, zx)
	Zy := mat.NewVecDense(mm, zy)
	A1, sing := pinvSym(mat.NewSymDense(mm, symmetrize(s1, mm)))
	if sing {
		res.Warnings = append(res.Warnings, "one-step weight matrix Σ Z'HZ is singular; a generalised (Moore–Penrose) inverse was used")
	}
	report(0.45, "one-step estimate")
	b1, B1, err := gmmSolve(ZX, Zy, A1, d.names)
	if err != nil {
		return nil, err
	}
	u1 := e.residuals(b1)
	S2, e1 := e.meat(u1)
	A2, sing2 := pinvSym(S2)
	if sing2 {
		res.Warnings = append(res.Warnings, "two-step weight matrix Σ Z_i'e_i e_i'Z_i is singular; a generalised (Moore–Penrose) inverse was used (as xtabond2 does); the Hansen test may be unreliable")
	}
	report(0.6, "two-step estimate")
	b2, B2, err := gmmSolve(ZX, Zy, A2, d.names)
	if err != nil {
		return nil, err
	}
	u2 := e.residuals(b2)
	e2v := e.zu(u2)

	// σ² from the one-step differenced residuals.
	var ss float64
	for r := 0; r < nrows; r++ {
		if !d.rowLevel[r] {
			ss += u1[r] * u1[r]
		}
	}
	// σ² = e'e / (2(N_diff − K)): with this divisor the Sargan statistic of
	// Arellano & Bond (1991, Table 4 (a1)) is reproduced (65.8 with 25 df).
	if d.nDiff <= K {
		return nil, fmt.Errorf("dpd: %d differenced observations for %d regressors; need more observations than regressors", d.nDiff, K)
	}
	res.Sigma2 = ss / (2 * float64(d.nDiff-K))

	// Variance of the one-step estimate, robust: B1 X'Z A1 S2 A1 Z'X B1.
	V1r := sandwich(B1, ZX, A1, S2)
	var V *mat.SymDense
	var beta *mat.VecDense
	var u []float64
	var A *mat.SymDense
	var B *mat.SymDense
	switch {
	case !opt.TwoStep && !opt.Robust:
		V = mat.NewSymDense(K, nil)
		V.ScaleSym(res.Sigma2, B1)
		beta, u, A, B = b1, u1, A1, B1
	case !opt.TwoStep:
		V = V1r
		beta, u, A, B = b1, u1, A1, B1
	case !opt.Robust:
		V = B2
		beta, u, A, B = b2, u2, A2, B2
	default:
		report(0.75, "Windmeijer correction")
		V = e.windmeijer(B2, ZX, A2, e2v, u1, V1r)
		beta, u, A, B = b2, u2, A2, B2
	}
	res.Coef = make([]float64, K)
	res.SE = make([]float64, K)
	res.Tstat = make([]float64, K)
	res.Pvalue = make([]float64, K)
	res.Vcov = make([][]float64, K)
	for i := 0; i < K; i++ {
		res.Coef[i] = beta.AtVec(i)
		res.SE[i] = math.Sqrt(V.At(i, i))
		res.Tstat[i] = res.Coef[i] / res.SE[i]
		res.Pvalue[i] = normP(res.Tstat[i])
		res.Vcov[i] = make([]float64, K)
		for j := 0; j < K; j++ {
			res.Vcov[i][j] = V.At(i, j)
		}
	}

	df := mm - K
	sargan := quad(e1, A1) / res.Sigma2
	hansen := quad(e2v, A2)
	res.Sargan = Test{Stat: sargan, DF: df, P: chi2P(sargan, df)}
	res.Hansen = Test{Stat: hansen, DF: df, P: chi2P(hansen, df)}

	report(0.9, "Arellano–Bond tests")
	robustAR := opt.Robust || opt.TwoStep
	res.AR1 = e.arTest(1, u, ZX, A, B, V, robustAR, res.Sigma2)
	res.AR2 = e.arTest(2, u, ZX, A, B, V, robustAR, res.Sigma2)
	report(1, "done")
	return res, nil
}

type estimator struct {
	d *design
	h int
	// plmAR drops the level-equation residuals from the covariance between
	// the AR statistic and the moments, as plm's mtest does; used by the tests
	// to show that this is the only difference from plm.
	plmAR bool
}

// hval is the (r, s) element of the one-step weighting matrix H for two rows
// of the same group (xtabond2's h(1), h(2), h(3)).
func (e *estimator) hval(r, s int) float64 {
	d := e.d
	lr, ls := d.rowLevel[r], d.rowLevel[s]
	pr, ps := int(d.rowP[r]), int(d.rowP[s])
	switch {
	case e.h == 1 || (lr && ls):
		if r == s {
			return 1
		}
		return 0
	case !lr && !ls:
		switch pr - ps {
		case 0:
			return 2
		case 1, -1:
			return -1
		}
		return 0
	case e.h == 2:
		return 0
	}
	// h(3): Cov(Δε_t, ε_s) = σ²(1[s=t] - 1[s=t-1]).
	t, q := pr, ps
	if lr {
		t, q = ps, pr
	}
	switch q {
	case t:
		return 1
	case t - 1:
		return -1
	}
	return 0
}

func (e *estimator) residuals(b *mat.VecDense) []float64 {
	d := e.d
	K := d.K
	u := make([]float64, len(d.y))
	for r := range u {
		s := d.y[r]
		for j := 0; j < K; j++ {
			s -= d.x[r*K+j] * b.AtVec(j)
		}
		u[r] = s
	}
	return u
}

// zu returns Σ_r z_r u_r (= Z'u).
func (e *estimator) zu(u []float64) []float64 {
	d := e.d
	out := make([]float64, d.m)
	for r := range u {
		for k := d.zStart[r]; k < d.zStart[r+1]; k++ {
			out[d.zCol[k]] += d.zVal[k] * u[r]
		}
	}
	return out
}

// meat returns Σ_i (Z_i'u_i)(Z_i'u_i)' and Z'u.
func (e *estimator) meat(u []float64) (*mat.SymDense, []float64) {
	d := e.d
	mm := d.m
	S := mat.NewSymDense(mm, nil)
	raw := S.RawSymmetric()
	tot := make([]float64, mm)
	gi := make([]float64, mm)
	seen := make([]bool, mm)
	ng := len(d.gStart) - 1
	var nz []int
	for g := 0; g < ng; g++ {
		nz = nz[:0]
		for r := d.gStart[g]; r < d.gStart[g+1]; r++ {
			for k := d.zStart[r]; k < d.zStart[r+1]; k++ {
				c := int(d.zCol[k])
				if !seen[c] {
					seen[c] = true
					nz = append(nz, c)
				}
				gi[c] += d.zVal[k] * u[r]
			}
		}
		// Rank-one update of the upper triangle, restricted to the group's moments.
		for _, a := range nz {
			va := gi[a]
			row := raw.Data[a*raw.Stride:]
			for _, b := range nz {
				if b >= a {
					row[b] += va * gi[b]
				}
			}
		}
		for _, c := range nz {
			tot[c] += gi[c]
			gi[c] = 0
			seen[c] = false
		}
	}
	return S, tot
}

// gmmSolve returns b = (X'Z A Z'X)⁻¹ X'Z A Z'y and (X'Z A Z'X)⁻¹.
func gmmSolve(ZX *mat.Dense, Zy *mat.VecDense, A *mat.SymDense, names []string) (*mat.VecDense, *mat.SymDense, error) {
	_, K := ZX.Dims()
	var AZX mat.Dense
	AZX.Mul(A, ZX)
	var M mat.Dense
	M.Mul(ZX.T(), &AZX)
	Ms := symOf(&M)
	var ch mat.Cholesky
	if !ch.Factorize(Ms) {
		return nil, nil, fmt.Errorf("dpd: the regressors (%v) are not identified by the instruments: X'Z W Z'X is singular; check for regressors without instruments", names)
	}
	var rhs mat.VecDense
	rhs.MulVec(AZX.T(), Zy)
	b := mat.NewVecDense(K, nil)
	if err := ch.SolveVecTo(b, &rhs); err != nil {
		return nil, nil, fmt.Errorf("dpd: X'Z W Z'X is numerically singular: %v", err)
	}
	inv := mat.NewSymDense(K, nil)
	if err := ch.InverseTo(inv); err != nil {
		return nil, nil, fmt.Errorf("dpd: X'Z W Z'X is numerically singular: %v", err)
	}
	return b, inv, nil
}

// sandwich returns B X'Z A S A Z'X B.
func sandwich(B *mat.SymDense, ZX *mat.Dense, A, S *mat.SymDense) *mat.SymDense {
	var AZX, SAZX, mid, t, out mat.Dense
	AZX.Mul(A, ZX)
	SAZX.Mul(S, &AZX)
	mid.Mul(AZX.T(), &SAZX)
	t.Mul(B, &mid)
	out.Mul(&t, B)
	return symOf(&out)
}
