package iv

import (
	"fmt"
	"math"

	"github.com/wiodlab/wiodlab/core/vcov"
	"gonum.org/v1/gonum/mat"
)

// diagInput is what the diagnostics need from the fit: the endogenous
// regressors X̃₁ and excluded instruments Z̃₁ with the exogenous regressors
// and fixed effects partialled out, the 2SLS residual u, and the degrees of
// freedom.
type diagInput struct {
	x1, z1         [][]float64
	u              []float64
	beta1          []float64
	zNames, xNames []string
	rob            robustness
	fs             fScale
	spec           vcov.Spec
	clusters       [][]int
	kFS, kFSCl     int // K of the first-stage regressions (all instruments + absorbed levels)
}

func diagnostics(res *Result, in diagInput) error {
	n := len(in.u)
	k1, l1 := len(in.x1), len(in.z1)
	zz := crossSym(in.z1)
	zzInv, err := cholInv(zz)
	if err != nil {
		return fmt.Errorf("iv: the excluded instruments %v are numerically collinear after partialling out the exogenous regressors and fixed effects", in.zNames)
	}
	nan := Num(math.NaN())

	// Robust Wald statistic b' (Q⁻¹ M Q⁻¹)⁻¹ b of the coefficients b of a
	// regression on z with residual e; classical when iid (σ² = e'e/N).
	wald := func(b, e []float64) (robust, classical float64) {
		var q float64
		for a := 0; a < l1; a++ {
			for c := 0; c < l1; c++ {
				q += b[a] * zz.At(a, c) * b[c]
			}
		}
		classical = q / (dot(e, e) / float64(n))
		if in.rob.iid() {
			return classical, classical
		}
		m := in.rob.meat(scoreCols(in.z1, [][]float64{e}))
		var a, v mat.Dense
		a.Mul(zzInv, m)
		v.Mul(&a, zzInv)
		return quadInv(symOf(&v), b), classical
	}
	regress := func(y []float64) (b, e []float64) {
		zy := make([]float64, l1)
		for a, z := range in.z1 {
			zy[a] = dot(z, y)
		}
		b = make([]float64, l1)
		for a := 0; a < l1; a++ {
			for c := 0; c < l1; c++ {
				b[a] += zzInv.At(a, c) * zy[c]
			}
		}
		e = append([]float64(nil), y...)
		for a, z := range in.z1 {
			for i, v := range z {
				e[i] -= b[a] * v
			}
		}
		return b, e
	}

	// Shea's partial R²: [(X̃'X̃)⁻¹]_jj / [(X̃'P_Z X̃)⁻¹]_jj.
	xxInv, err1 := cholInv(crossSym(in.x1))
	xh := make([][]float64, k1)
	for j, x := range in.x1 {
		b, _ := regress(x)
		xh[j] = mulCols(in.z1, mat.NewDense(l1, 1, b))[0]
	}
	xhInv, err2 := cholInv(crossSym(xh))

	res.FirstStage = make([]FirstStage, k1)
	for j, x := range in.x1 {
		f := FirstStage{Name: in.xNames[j], Coef: map[string]float64{}, SE: map[string]float64{}, FDF1: l1}
		b, e := regress(x)
		w, wc := wald(b, e)
		f.PartialR2 = Num((wc / float64(n)) / (1 + wc/float64(n)))
		fv, df2 := in.fs.f(w, l1)
		f.F, f.FDF2, f.FP = Num(fv), df2, fPValue(fv, l1, df2)
		if err1 == nil && err2 == nil {
			f.SheaR2 = Num(xxInv.At(j, j) / xhInv.At(j, j))
		} else {
			f.SheaR2 = nan
		}
		// Standard errors with the main equation's estimator and factors.
		sc := scoreCols(in.z1, [][]float64{e})
		vr, err := covariance(in.spec, vcov.Input{Bread: zzInv, Scores: sc, RSS: dot(e, e), N: n, K: in.kFS, KCluster: in.kFSCl, Clusters: in.clusters}, in.rob)
		for a, name := range in.zNames {
			setFinite(f.Coef, name, b[a])
			if err == nil && vr.V.At(a, a) >= 0 {
				setFinite(f.SE, name, math.Sqrt(vr.V.At(a, a)))
			}
		}
		// Sanderson–Windmeijer: 2SLS of x_j on the other endogenous
		// regressors, then the Wald test of Z in the regression of its
		// residual (with the actual regressors) on Z; L−K+1 restrictions.
		if k1 == 1 {
			f.SWF, f.SWDF1, f.SWDF2, f.SWP = f.F, f.FDF1, f.FDF2, f.FP
		} else {
			var oth, othHat [][]float64
			for o := range in.x1 {
				if o != j {
					oth = append(oth, in.x1[o])
					othHat = append(othHat, xh[o])
				}
			}
			d1, err := cholSolve(crossSym(othHat), cross(othHat, [][]float64{x}))
			if err != nil {
				f.SWF, f.SWP = nan, nan
			} else {
				e1 := append([]float64(nil), x...)
				for o, v := range oth {
					c := d1.At(o, 0)
					for i, xv := range v {
						e1[i] -= c * xv
					}
				}
				b2, e2 := regress(e1)
				sw, _ := wald(b2, e2)
				q := l1 - k1 + 1
				fv, df2 := in.fs.f(sw, q)
				f.SWF, f.SWDF1, f.SWDF2, f.SWP = Num(fv), q, df2, fPValue(fv, q, df2)
			}
		}
		res.FirstStage[j] = f
	}

	// Kleibergen–Paap rk statistics and the Cragg–Donald F.
	st := &res.Stats
	rk, err := kpRank(in.x1, in.z1, in.rob)
	if err != nil {
		st.KPLM, st.KPLMP, st.KPWaldF, st.CDWaldF = nan, nan, nan, nan
		res.Notes = append(res.Notes, fmt.Sprintf("identification statistics not computed: %v", err))
	} else {
		st.KPLMDF = rk.df
		st.KPLM = Num(rk.lm)
		st.KPLMP = chi2PValue(rk.lm, rk.df)
		nl := float64(in.fs.n - in.fs.ltot)
		st.CDWaldF = Num(rk.cd * nl / float64(l1))
		if in.rob.iid() {
			st.KPWaldF = st.CDWaldF
		} else {
			fv, _ := in.fs.f(rk.wald, l1)
			st.KPWaldF = Num(fv)
		}
		if math.IsNaN(rk.lm) || math.IsNaN(rk.wald) {
			res.Notes = append(res.Notes, "the robust covariance of the first-stage coefficients is singular (too few clusters?); Kleibergen–Paap statistics are undefined")
		}
	}
	if k1 == 1 {
		st.StockYogo = stockYogo(l1)
	}

	// Over-identification: Sargan N·u'P_Z u/u'u and Hansen's J.
	df := l1 - k1
	st.OverIDDF = df
	if df == 0 {
		st.Sargan, st.SarganP, st.HansenJ, st.HansenJP = 0, nan, 0, nan
		return nil
	}
	zu := make([]float64, l1)
	for a, z := range in.z1 {
		zu[a] = dot(z, in.u)
	}
	sargan := float64(n) * quadInv(zz, zu) / dot(in.u, in.u)
	st.Sargan, st.SarganP = Num(sargan), chi2PValue(sargan, df)
	if in.rob.iid() {
		st.HansenJ, st.HansenJP = st.Sargan, st.SarganP
		return nil
	}
	// Two-step efficient GMM with S = M(z·u) from the 2SLS residuals:
	// b = (A'S⁻¹A)⁻¹A'S⁻¹c, A = Z'X, c = Z'y = Z'u + Aβ₁; J = g'S⁻¹g, g = c − Ab.
	s := in.rob.meat(scoreCols(in.z1, [][]float64{in.u}))
	a := cross(in.z1, in.x1)
	c := mat.NewVecDense(l1, nil)
	for r := 0; r < l1; r++ {
		v := zu[r]
		for j := 0; j < k1; j++ {
			v += a.At(r, j) * in.beta1[j]
		}
		c.SetVec(r, v)
	}
	sa, err1 := luSolve(s, a)
	sc, err2 := luSolve(s, c)
	if err1 != nil || err2 != nil {
		st.HansenJ, st.HansenJP = nan, nan
		res.Notes = append(res.Notes, "the robust covariance of the moment conditions is singular (too few clusters?); Hansen's J is undefined")
		return nil
	}
	var asa mat.Dense
	asa.Mul(a.T(), sa)
	var asc mat.Dense
	asc.Mul(a.T(), sc)
	b2, err := luSolve(symOf(&asa), &asc)
	if err != nil {
		st.HansenJ, st.HansenJP = nan, nan
		return nil
	}
	g := make([]float64, l1)
	for r := 0; r < l1; r++ {
		v := c.AtVec(r)
		for j := 0; j < k1; j++ {
			v -= a.At(r, j) * b2.At(j, 0)
		}
		g[r] = v
	}
	j := quadInv(s, g)
	st.HansenJ, st.HansenJP = Num(j), chi2PValue(j, df)
	return nil
}
