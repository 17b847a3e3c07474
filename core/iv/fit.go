package iv

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/wiodlab/wiodlab/core/fe"
	"github.com/wiodlab/wiodlab/core/formula"
	"github.com/wiodlab/wiodlab/core/internal/dist"
	"github.com/wiodlab/wiodlab/core/vcov"
	"gonum.org/v1/gonum/mat"
)

// DefaultCollinearTol is the share of a variable's sum of squares (around
// its mean) that must survive projection on the variables before it for the
// variable to be kept.
const DefaultCollinearTol = 1e-9

// Options configure Fit. The zero value is 2SLS with iid errors, singletons
// dropped and core/fe's default convergence tolerance.
type Options struct {
	// VCov is the covariance estimator as core/vcov parses it: "iid" (or
	// ""), "hc1", "cluster:c" or "cluster:c1+c2". Cluster variables must be
	// among the Design's ClusterNames.
	VCov string
	// KeepSingletons keeps observations alone in a fixed-effect level
	// (reghdfe and ivreghdfe drop them by default).
	KeepSingletons bool
	// Tol and MaxIter override core/fe's convergence settings.
	Tol     float64
	MaxIter int
	// CollinearTol overrides DefaultCollinearTol.
	CollinearTol float64
	// Estimator is "2sls" (or "") or "liml" (limited-information maximum
	// likelihood, the k-class estimator with k = λ, ivreg2's liml).
	Estimator string
}

// Fit estimates the IV part of a design by 2SLS. See FitContext.
func Fit(d *formula.Design, opt Options) (*Result, error) {
	return FitContext(context.Background(), d, opt)
}

// FitContext estimates y = X₁β₁ + X₂β₂ + fixed effects + u by two-stage least
// squares, instrumenting the endogenous regressors X₁ (d.Endo) with the
// excluded instruments Z₁ (d.Inst) and the exogenous regressors X₂ (d.X),
// and computes the first-stage, identification and over-identification
// statistics. It panics when d is nil or its slices disagree in length (a
// programmer mistake) and returns an error for data problems: no IV part, a
// variable both endogenous and exogenous, fewer instruments than endogenous
// regressors (after dropping collinear instruments), an endogenous regressor
// absorbed by the fixed effects, too few clusters. ctx cancels the
// fixed-effect absorption.
func FitContext(ctx context.Context, d *formula.Design, opt Options) (*Result, error) {
	if d == nil {
		panic("iv: Fit with a nil Design")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	checkShapes(d)
	spec, err := vcov.Parse(opt.VCov)
	if err != nil {
		return nil, err
	}
	liml := false
	switch strings.ToLower(opt.Estimator) {
	case "", "2sls", "iv":
	case "liml":
		liml = true
	default:
		return nil, fmt.Errorf("iv: unknown estimator %q; use 2sls or liml", opt.Estimator)
	}
	tol := opt.CollinearTol
	if tol <= 0 {
		tol = DefaultCollinearTol
	}
	res := &Result{Model: "2sls", KClass: 1, Y: d.YName, FE: append([]string{}, d.FENames...), VCov: spec.String(), Notes: append([]string(nil), d.Notes...), Dropped: []string{}}

	// Specification checks on names.
	if len(d.Endo) == 0 {
		return nil, fmt.Errorf("iv: the model has no endogenous regressor; write the IV part as `y ~ x | fe | endo ~ z1 + z2` or estimate it by OLS")
	}
	exog := map[string]bool{}
	for _, x := range d.XNames {
		exog[x] = true
	}
	endo := map[string]bool{}
	for _, e := range d.EndoNames {
		if exog[e] {
			return nil, fmt.Errorf("iv: %q is listed both as an exogenous regressor and as an endogenous regressor; remove it from one side of the formula", e)
		}
		if endo[e] {
			return nil, fmt.Errorf("iv: endogenous regressor %q is listed twice", e)
		}
		endo[e] = true
	}
	type col struct {
		name string
		v    []float64
	}
	var insts []col
	seenInst := map[string]bool{}
	for j, z := range d.InstNames {
		switch {
		case endo[z]:
			return nil, fmt.Errorf("iv: %q is both an endogenous regressor and an excluded instrument; an endogenous variable cannot instrument itself", z)
		case exog[z]:
			res.Notes = append(res.Notes, fmt.Sprintf("instrument %s is also an exogenous regressor (so already an instrument); dropped from the excluded instruments", z))
			res.Dropped = append(res.Dropped, z)
		case seenInst[z]:
			res.Notes = append(res.Notes, fmt.Sprintf("instrument %s listed twice; the duplicate is ignored", z))
		default:
			seenInst[z] = true
			insts = append(insts, col{z, d.Inst[j]})
		}
	}
	if len(insts) < len(d.Endo) {
		return nil, underID(len(d.Endo), len(insts), d)
	}
	var clusters [][]int
	for _, c := range spec.Clusters {
		j := indexOf(d.ClusterNames, c)
		if j < 0 {
			return nil, fmt.Errorf("iv: cluster variable %q is not in the design (design clusters: %v); build the design with BuildOptions.Cluster = %v", c, d.ClusterNames, spec.Clusters)
		}
		clusters = append(clusters, d.Clusters[j])
	}

	// Sample: singletons of the fixed effects.
	hasFE := len(d.FE) > 0
	hasCons := d.Intercept || hasFE
	var keep []bool
	if hasFE && !opt.KeepSingletons {
		var dropped int
		keep, dropped = fe.Singletons(d.FE, d.FELevels)
		if dropped > 0 {
			res.Singletons = dropped
			res.Notes = append(res.Notes, fmt.Sprintf("dropped %d singleton observation(s) of the fixed effects", dropped))
		} else {
			keep = nil
		}
	}
	sub := func(v []float64) []float64 {
		if keep == nil {
			return append([]float64(nil), v...)
		}
		out := make([]float64, 0, len(v))
		for i, x := range v {
			if keep[i] {
				out = append(out, x)
			}
		}
		return out
	}
	var feCodes [][]int
	var feLevels []int
	for j, c := range d.FE {
		if keep == nil {
			feCodes = append(feCodes, c)
			feLevels = append(feLevels, d.FELevels[j])
			continue
		}
		cc, g := fe.Recode(c, keep)
		feCodes, feLevels = append(feCodes, cc), append(feLevels, g)
	}
	for j, c := range clusters {
		if keep != nil {
			clusters[j], _ = fe.Recode(c, keep)
		}
	}
	y := sub(d.Y)
	n := len(y)
	if n == 0 {
		return nil, fmt.Errorf("iv: no observation left (every observation is a singleton of the fixed effects %v)", d.FENames)
	}
	x1 := make([][]float64, len(d.Endo))
	for j, v := range d.Endo {
		x1[j] = sub(v)
	}
	x2 := make([][]float64, len(d.X))
	for j, v := range d.X {
		x2[j] = sub(v)
	}
	z1 := make([][]float64, len(insts))
	for j, c := range insts {
		z1[j] = sub(c.v)
	}

	// Scale of each variable: sum of squares around its mean (raw without a
	// constant), measured before absorbing the fixed effects.
	ref := func(v []float64) float64 {
		if !hasCons {
			return dot(v, v)
		}
		m := mean(v)
		var s float64
		for _, x := range v {
			s += (x - m) * (x - m)
		}
		return s
	}
	tss := ref(y)
	refX1 := mapRef(x1, ref)
	refX2 := mapRef(x2, ref)
	refZ1 := mapRef(z1, ref)

	// Absorb the fixed effects and add back each variable's grand mean, so
	// that a constant can be estimated next to them (reghdfe's _cons).
	var dof fe.DoF
	tssWithin := tss
	if hasFE {
		ab, err := fe.New(feCodes, feLevels, nil)
		if err != nil {
			return nil, err
		}
		ab.Tol, ab.MaxIter = opt.Tol, opt.MaxIter // not positive: the defaults
		all := append(append(append([][]float64{y}, x1...), x2...), z1...)
		means := mapRef(all, mean)
		if _, err := ab.DemeanAll(ctx, all); err != nil {
			return nil, fmt.Errorf("iv: absorbing fixed effects %v: %w", d.FENames, err)
		}
		tssWithin = dot(y, y)
		for j, v := range all {
			for i := range v {
				v[i] += means[j]
			}
		}
		dof = fe.Count(feCodes, feLevels, clusters)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Exogenous block W = [kept X₂, constant]; the constant enters the basis
	// first so that a regressor absorbed by the fixed effects is the one
	// dropped.
	var basis orthoBasis
	var ones []float64
	if hasCons {
		ones = make([]float64, n)
		for i := range ones {
			ones[i] = 1
		}
		basis.tryAdd(ones, float64(n), tol)
	}
	var w [][]float64
	var wNames []string
	for j, v := range x2 {
		if basis.tryAdd(v, refX2[j], tol) {
			w = append(w, v)
			wNames = append(wNames, d.XNames[j])
			continue
		}
		why := "collinear with the other exogenous regressors"
		if refX2[j] == 0 {
			why = "constant"
		} else if hasFE {
			why = "collinear with the other exogenous regressors or absorbed by the fixed effects"
		}
		res.Dropped = append(res.Dropped, d.XNames[j])
		res.Notes = append(res.Notes, fmt.Sprintf("exogenous regressor %s omitted: %s", d.XNames[j], why))
	}
	consName := ""
	if hasCons {
		consName = "(Intercept)"
		if hasFE {
			consName = "_cons"
		}
		w = append(w, ones)
		wNames = append(wNames, consName)
	}
	// Endogenous regressors must keep variation beyond W and each other.
	eb := orthoBasis{q: append([][]float64(nil), basis.q...)}
	for j, v := range x1 {
		if !eb.tryAdd(v, refX1[j], tol) {
			why := "collinear with the exogenous regressors or the other endogenous regressors"
			if refX1[j] == 0 {
				why = "constant"
			} else if hasFE {
				why = "absorbed by the fixed effects or collinear with the exogenous or other endogenous regressors"
			}
			return nil, fmt.Errorf("iv: endogenous regressor %s is %s; nothing is left to instrument (remove it from the formula)", d.EndoNames[j], why)
		}
	}
	// Excluded instruments: drop collinear ones with a note.
	zb := orthoBasis{q: append([][]float64(nil), basis.q...)}
	var z1k [][]float64
	var zNames []string
	for j, v := range z1 {
		if zb.tryAdd(v, refZ1[j], tol) {
			z1k = append(z1k, v)
			zNames = append(zNames, insts[j].name)
			continue
		}
		why := "collinear with the exogenous regressors or earlier instruments"
		if refZ1[j] == 0 {
			why = "constant"
		} else if hasFE {
			why = "absorbed by the fixed effects or collinear with the exogenous regressors or earlier instruments"
		}
		res.Dropped = append(res.Dropped, insts[j].name)
		res.Notes = append(res.Notes, fmt.Sprintf("excluded instrument %s dropped: %s", insts[j].name, why))
	}
	k1, l1 := len(x1), len(z1k)
	if l1 < k1 {
		return nil, underID(k1, l1, d)
	}

	// Partial W out of everything.
	yp := basis.residual(y)
	x1p := make([][]float64, k1)
	for j, v := range x1 {
		x1p[j] = basis.residual(v)
	}
	z1p := make([][]float64, l1)
	for j, v := range z1k {
		z1p[j] = basis.residual(v)
	}
	kw := len(w)
	absorbed, absorbedCl := 0, 0
	if hasFE {
		absorbed, absorbedCl = dof.Absorbed, dof.AbsorbedCluster
	}
	kAll := k1 + kw + absorbed
	kCl := k1 + kw + absorbedCl
	if n-kAll <= 0 || n <= l1+kw+absorbed {
		return nil, fmt.Errorf("iv: %d observations for %d parameters and %d instruments (counting %d absorbed fixed-effect levels); more observations than instruments are needed", n, kAll, l1+kw+absorbed, absorbed)
	}

	// 2SLS: first stage on the partialled data, then OLS of y on X̂.
	zz := crossSym(z1p)
	pi, err := cholSolve(zz, cross(z1p, x1p))
	if err != nil {
		return nil, fmt.Errorf("iv: the excluded instruments are collinear: %w", err)
	}
	x1hp := mulCols(z1p, pi) // P_Z X₁ (partialled)
	hh := crossSym(x1hp)
	// k-class: [(1−k)X̃₁'X̃₁ + kX̃₁'P_Z X̃₁] β₁ = (1−k)X̃₁'ỹ + kX̃₁'P_Z ỹ, k = 1 for 2SLS.
	kc := 1.0
	if liml {
		lam, err := limlLambda(yp, x1p, z1p)
		if err != nil {
			return nil, fmt.Errorf("iv: LIML eigenvalue problem failed: %w", err)
		}
		kc = lam
		res.Model, res.KClass = "liml", lam
	}
	xx := crossSym(x1p)
	lhs := mat.NewSymDense(k1, nil)
	for a := 0; a < k1; a++ {
		for b := a; b < k1; b++ {
			lhs.SetSym(a, b, (1-kc)*xx.At(a, b)+kc*hh.At(a, b))
		}
	}
	rhs := mat.NewVecDense(k1, nil)
	for a := 0; a < k1; a++ {
		rhs.SetVec(a, (1-kc)*dot(x1p[a], yp)+kc*dot(x1hp[a], yp))
	}
	beta1m, err := cholSolve(lhs, rhs)
	if err != nil {
		return nil, fmt.Errorf("iv: the instruments do not identify the endogenous regressors %v (X'P_Z X is singular)", d.EndoNames)
	}
	beta1 := make([]float64, k1)
	for j := range beta1 {
		beta1[j] = beta1m.At(j, 0)
	}
	u := append([]float64(nil), yp...)
	for j, v := range x1p {
		for i, x := range v {
			u[i] -= beta1[j] * x
		}
	}
	// Coefficients on W: regress y − X₁β₁ on W.
	betaW := make([]float64, kw)
	if kw > 0 {
		r := append([]float64(nil), y...)
		for j, v := range x1 {
			for i, x := range v {
				r[i] -= beta1[j] * x
			}
		}
		bw, err := cholSolve(crossSym(w), cross(w, [][]float64{r}))
		if err != nil {
			return nil, fmt.Errorf("iv: exogenous regressors are collinear: %w", err)
		}
		for j := range betaW {
			betaW[j] = bw.At(j, 0)
		}
	}
	// Full X̂ = [P_Z X₁, W] with P_Z X₁ = P_{Z̃}X̃₁ + P_W X₁.
	xhat := make([][]float64, 0, k1+kw)
	for j := range x1 {
		c := make([]float64, n)
		for i := range c {
			c[i] = x1hp[j][i] + x1[j][i] - x1p[j][i]
		}
		xhat = append(xhat, c)
	}
	xhat = append(xhat, w...)
	// Bread: [(1−k)X'X + kX̂'X̂]⁻¹ = [X̂'X̂ + (1−k)X₁'M_Z X₁ on the X₁ block]⁻¹;
	// the scores are x̂_i u_i for any k (ivreg2's robust LIML).
	xhx := crossSym(xhat)
	if kc != 1 {
		for a := 0; a < k1; a++ {
			for b := a; b < k1; b++ {
				xhx.SetSym(a, b, xhx.At(a, b)+(1-kc)*(xx.At(a, b)-hh.At(a, b)))
			}
		}
	}
	bread, err := cholInv(xhx)
	if err != nil {
		return nil, fmt.Errorf("iv: X̂'X̂ is singular; the regressors are collinear after instrumenting")
	}
	scores := make([][]float64, len(xhat))
	for j, c := range xhat {
		s := make([]float64, n)
		for i, v := range c {
			s[i] = v * u[i]
		}
		scores[j] = s
	}
	rss := dot(u, u)
	rob := newRobustness(spec.Kind, clusters)
	vr, err := covariance(spec, vcov.Input{Bread: bread, Scores: scores, RSS: rss, N: n, K: kAll, KCluster: kCl, Clusters: clusters}, rob)
	if err != nil {
		return nil, fmt.Errorf("iv: %w", err)
	}
	res.Notes = append(res.Notes, vr.Notes...)
	beta := append(append([]float64(nil), beta1...), betaW...)
	res.Names = append(append([]string(nil), d.EndoNames...), wNames...)
	inf := vr.Inference(beta)
	res.Coef, res.SE, res.TStat, res.PValue = map[string]float64{}, map[string]float64{}, map[string]float64{}, map[string]float64{}
	res.CILo, res.CIHi = map[string]float64{}, map[string]float64{}
	for j, name := range res.Names {
		setFinite(res.Coef, name, beta[j])
		setFinite(res.SE, name, inf.SE[j])
		setFinite(res.TStat, name, inf.T[j])
		setFinite(res.PValue, name, inf.P[j])
		setFinite(res.CILo, name, inf.Lo[j])
		setFinite(res.CIHi, name, inf.Hi[j])
	}
	res.V = vr.V
	res.K, res.KVCov, res.DF = kAll, vr.K, vr.DF
	res.RSS, res.DFAbsorbed = rss, absorbed
	if spec.Kind == vcov.Cluster {
		res.DFAbsorbed = absorbedCl
	}
	// Overall F: Wald test that every slope is zero (all but the constant).
	q := len(beta)
	if hasCons {
		q--
	}
	res.FDF1, res.FDF2 = q, vr.DF
	res.F, res.FP = Num(math.NaN()), Num(math.NaN())
	if q > 0 {
		vs := mat.NewSymDense(q, nil)
		for a := 0; a < q; a++ {
			for b := a; b < q; b++ {
				vs.SetSym(a, b, vr.V.At(a, b))
			}
		}
		if w := quadInv(vs, beta[:q]); !math.IsNaN(w) {
			res.F = Num(w / float64(q))
			res.FP = fPValue(w/float64(q), q, vr.DF)
		}
	}
	res.NObs = n
	res.NClusters = map[string]int{}
	for j, c := range spec.Clusters {
		res.NClusters[c] = vr.NClusters[j]
	}

	// Fit statistics (reghdfe's definitions: R² around the mean of y, the
	// adjusted R² counting absorbed levels, within R² after absorption).
	res.R2 = Num(1 - rss/tss)
	if hasCons {
		res.R2Adj = Num(1 - (1-float64(res.R2))*float64(n-1)/float64(n-kAll))
	} else {
		res.R2Adj = Num(1 - (1-float64(res.R2))*float64(n)/float64(n-kAll))
	}
	res.R2Within = res.R2
	if hasFE {
		res.R2Within = Num(1 - rss/tssWithin)
	}
	res.RMSE = Num(math.Sqrt(rss / float64(n-kAll)))

	// Diagnostics share ivreg2's degrees of freedom: N − L − sdofminus with
	// L all instruments (excluded, exogenous, constant) and sdofminus the
	// absorbed levels (those not nested in a cluster when clustering).
	ltot := l1 + kw + absorbed
	if spec.Kind == vcov.Cluster {
		ltot = l1 + kw + absorbedCl
	}
	fs := fScale{n: n, ltot: ltot, g: rob.minGroups(), cluster: spec.Kind == vcov.Cluster}
	if spec.Kind == vcov.Cluster && fs.g <= l1*k1 {
		res.Notes = append(res.Notes, fmt.Sprintf("only %d clusters for %d×%d first-stage coefficients: the robust identification statistics are unreliable or undefined", fs.g, l1, k1))
	}
	err = diagnostics(res, diagInput{
		x1: x1p, z1: z1p, u: u, beta1: beta1, zNames: zNames, xNames: d.EndoNames,
		rob: rob, fs: fs, spec: spec, clusters: clusters,
		kFS: l1 + kw + absorbed, kFSCl: l1 + kw + absorbedCl,
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// fScale turns a Wald χ² into ivreg2's F: W/N·(N−L)/q, or with clustering
// W/(N−1)·(N−L)·(G−1)/G/q, with L counting every instrument and absorbed
// level; the denominator degrees of freedom are N − L, or G − 1.
type fScale struct {
	n, ltot, g int
	cluster    bool
}

func (s fScale) f(wald float64, q int) (f float64, df2 int) {
	n, l := float64(s.n), float64(s.ltot)
	if s.cluster {
		g := float64(s.g)
		return wald / (n - 1) * (n - l) * (g - 1) / g / float64(q), s.g - 1
	}
	return wald / n * (n - l) / float64(q), s.n - s.ltot
}

// fPValue is P(F(d1, d2) > f); NaN for an undefined or negative statistic
// (an indefinite two-way clustered covariance can give one).
func fPValue(f float64, d1, d2 int) Num {
	if math.IsNaN(f) || f < 0 || math.IsInf(f, 0) || d1 <= 0 || d2 <= 0 {
		return Num(math.NaN())
	}
	return Num(dist.FSurvival(f, float64(d1), float64(d2)))
}

func chi2PValue(x float64, df int) Num {
	if math.IsNaN(x) || x < 0 || math.IsInf(x, 0) || df <= 0 {
		return Num(math.NaN())
	}
	return Num(dist.ChiSquaredSurvival(x, float64(df)))
}

func underID(k, l int, d *formula.Design) error {
	return fmt.Errorf("iv: the equation is under-identified: %d endogenous regressor(s) %v but only %d usable excluded instrument(s) %v; add instruments (at least one per endogenous regressor)", k, d.EndoNames, l, d.InstNames)
}

func checkShapes(d *formula.Design) {
	n := len(d.Y)
	chk := func(what string, names []string, cols [][]float64) {
		if len(names) != len(cols) {
			panic(fmt.Sprintf("iv: %d %s names for %d columns", len(names), what, len(cols)))
		}
		for j, c := range cols {
			if len(c) != n {
				panic(fmt.Sprintf("iv: %s %q has %d values for %d observations", what, names[j], len(c), n))
			}
		}
	}
	chk("exogenous", d.XNames, d.X)
	chk("endogenous", d.EndoNames, d.Endo)
	chk("instrument", d.InstNames, d.Inst)
	if len(d.FE) != len(d.FELevels) || len(d.Clusters) != len(d.ClusterNames) {
		panic("iv: fixed-effect or cluster slices disagree with their names/levels")
	}
	for _, c := range append(append([][]int(nil), d.FE...), d.Clusters...) {
		if len(c) != n {
			panic(fmt.Sprintf("iv: code slice of length %d for %d observations", len(c), n))
		}
	}
}

func indexOf(s []string, x string) int {
	for i, v := range s {
		if v == x {
			return i
		}
	}
	return -1
}

func mean(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func mapRef(cols [][]float64, f func([]float64) float64) []float64 {
	out := make([]float64, len(cols))
	for j, c := range cols {
		out[j] = f(c)
	}
	return out
}

// setFinite stores v under k unless it is NaN or infinite (JSON has no NaN).
func setFinite(m map[string]float64, k string, v float64) {
	if !math.IsNaN(v) && !math.IsInf(v, 0) {
		m[k] = v
	}
}
