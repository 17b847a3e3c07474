package regress

import (
	"context"
	"fmt"
	"math"

	"github.com/wiodlab/wiodlab/core/fe"
	"github.com/wiodlab/wiodlab/core/vcov"
	"gonum.org/v1/gonum/mat"
)

// Names of the constant: R's for pooled OLS, Stata's for fixed-effect models.
const (
	InterceptName = "(Intercept)"
	ConsName      = "_cons"
)

// DefaultCollinearTol is the relative tolerance below which a regressor is
// dropped: its sum of squares after partialling out the fixed effects (or the
// intercept) and the regressors kept before it is at most this fraction of
// its sum of squares before.
const DefaultCollinearTol = 1e-9

// Options control Fit.
type Options struct {
	VCov           vcov.Spec
	Tol            float64 // fixed-effect convergence tolerance; 0 means fe.DefaultTol
	MaxIter        int     // 0 means fe.DefaultMaxIter
	KeepSingletons bool    // keep singleton observations (reghdfe drops them)
	CollinearTol   float64 // 0 means DefaultCollinearTol
	// Progress, if not nil, receives the fraction done and a message.
	Progress func(fraction float64, message string)
}

// fitData is what a finished fit keeps to recompute its covariance.
type fitData struct {
	xt       [][]float64 // kept regressors, demeaned (FE) or centered (intercept)
	xbar     []float64   // weighted means of the kept regressors
	resid    []float64
	w        []float64
	sumW     float64
	hasCons  bool
	gram     *mat.SymDense // X̃'WX̃ of kept regressors
	fe       [][]int       // FE codes on the estimation sample
	felevels []int
	clusters map[string][]int // cluster codes on the estimation sample
	rss      float64
	kBase    int // kept regressors + intercept (+1 for FE models without reported constant)
}

// Fit estimates m. Data problems (empty sample, non-finite values, too few
// clusters, no degrees of freedom) are returned as errors.
func (m *Model) Fit(ctx context.Context, opt Options) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	progress := func(f float64, msg string) {
		if opt.Progress != nil {
			opt.Progress(f, msg)
		}
	}
	colTol := opt.CollinearTol
	if colTol <= 0 {
		colTol = DefaultCollinearTol
	}
	hasFE := len(m.FE) > 0
	res := &Result{YName: m.YName, FENames: append([]string(nil), m.FENames...), Notes: append([]string(nil), m.Notes...)}

	// Sample: drop singletons.
	n := m.N()
	var keep []bool
	if hasFE && !opt.KeepSingletons {
		var dropped int
		keep, dropped = fe.Singletons(m.FE, m.FELevels)
		if dropped > 0 {
			res.Singletons = dropped
			res.Notes = append(res.Notes, fmt.Sprintf("dropped %d singleton observation(s)", dropped))
			n -= dropped
			if n == 0 {
				return nil, fmt.Errorf("regress: every observation is a singleton of the fixed effects %v; nothing is left to estimate", m.FENames)
			}
		} else {
			keep = nil
		}
	}
	sub := func(v []float64) []float64 {
		if keep == nil {
			return v // read-only below
		}
		out := make([]float64, 0, n)
		for i, x := range v {
			if keep == nil || keep[i] {
				out = append(out, x)
			}
		}
		return out
	}
	y := sub(m.Y)
	xs := make([][]float64, len(m.X))
	for j, x := range m.X {
		xs[j] = sub(x)
	}
	var w []float64
	if m.Weights != nil {
		w = sub(m.Weights)
	}
	fd := &fitData{w: w, hasCons: m.Intercept || hasFE, clusters: map[string][]int{}}
	for j, c := range m.Clusters {
		codes, _ := fe.Recode(c, keep)
		fd.clusters[m.ClusterNames[j]] = codes
	}
	if hasFE {
		fd.fe = make([][]int, len(m.FE))
		fd.felevels = make([]int, len(m.FE))
		for d, c := range m.FE {
			fd.fe[d], fd.felevels[d] = fe.Recode(c, keep)
		}
	}
	res.N = n
	wsum := func(v []float64) float64 {
		var s float64
		if w == nil {
			for _, x := range v {
				s += x
			}
			return s
		}
		for i, x := range v {
			s += w[i] * x
		}
		return s
	}
	fd.sumW = float64(n)
	if w != nil {
		fd.sumW = wsum(ones(n))
	}
	mean := func(v []float64) float64 { return wsum(v) / fd.sumW }
	ss := func(v []float64, c float64) float64 {
		var s float64
		for i, x := range v {
			d := x - c
			if w == nil {
				s += d * d
			} else {
				s += w[i] * d * d
			}
		}
		return s
	}

	// Transform: demean (FE) or center (intercept).
	ybar := 0.0
	if fd.hasCons {
		ybar = mean(y)
	}
	xbar := make([]float64, len(xs))
	before := make([]float64, len(xs)) // SS of each regressor before the transform
	for j, x := range xs {
		if fd.hasCons {
			xbar[j] = mean(x)
			before[j] = ss(x, xbar[j])
		} else {
			before[j] = ss(x, 0)
		}
	}
	yt := make([]float64, n)
	xt := make([][]float64, len(xs))
	for j := range xt {
		xt[j] = make([]float64, n)
	}
	progress(0.05, "absorbing fixed effects")
	switch {
	case hasFE:
		ab, err := fe.New(fd.fe, fd.felevels, w)
		if err != nil {
			return nil, err
		}
		ab.Tol, ab.MaxIter = opt.Tol, opt.MaxIter // not positive: the defaults
		it, err := ab.DemeanAllTo(ctx, append([][]float64{yt}, xt...), append([][]float64{y}, xs...))
		res.Iterations = it
		if err != nil {
			return nil, fmt.Errorf("regress: absorbing fixed effects %v: %w", m.FENames, err)
		}
	case m.Intercept:
		for i, v := range y {
			yt[i] = v - ybar
		}
		for j, x := range xs {
			c := xbar[j]
			for i, v := range x {
				xt[j][i] = v - c
			}
		}
	default:
		copy(yt, y)
		for j, x := range xs {
			copy(xt[j], x)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	progress(0.7, "solving")

	// Collinearity: keep regressors in formula order.
	k := len(xt)
	gram := make([]float64, k*k)
	for a := 0; a < k; a++ {
		for b := a; b < k; b++ {
			gram[a*k+b] = dotW(xt[a], xt[b], w)
			gram[b*k+a] = gram[a*k+b]
		}
	}
	var kept []int
	for j := 0; j < k; j++ {
		own := gram[j*k+j]
		name := m.XNames[j]
		if before[j] == 0 || own <= colTol*before[j] {
			res.Dropped = append(res.Dropped, name)
			switch {
			case before[j] == 0 && fd.hasCons:
				res.Notes = append(res.Notes, fmt.Sprintf("o.%s omitted: %s is constant in the estimation sample", name, name))
			case before[j] == 0:
				res.Notes = append(res.Notes, fmt.Sprintf("o.%s omitted: %s is zero in the estimation sample", name, name))
			default:
				res.Notes = append(res.Notes, fmt.Sprintf("o.%s omitted: %s is absorbed by the fixed effects %v", name, name, m.FENames))
			}
			continue
		}
		if len(kept) > 0 && partialSS(gram, k, kept, j) <= colTol*own {
			res.Dropped = append(res.Dropped, name)
			res.Notes = append(res.Notes, fmt.Sprintf("o.%s omitted because of collinearity with the other regressors", name))
			continue
		}
		kept = append(kept, j)
	}
	kx := len(kept)
	if kx == 0 && !m.Intercept {
		return nil, fmt.Errorf("regress: nothing to estimate: no regressor is left (dropped: %v) and the model has no constant", res.Dropped)
	}
	var beta []float64
	var gi *mat.SymDense // nil when kx == 0 (gonum has no empty matrices)
	if kx > 0 {
		g := mat.NewSymDense(kx, nil)
		for a, ja := range kept {
			for b := a; b < kx; b++ {
				g.SetSym(a, b, gram[ja*k+kept[b]])
			}
		}
		xy := make([]float64, kx)
		for a, ja := range kept {
			xy[a] = dotW(xt[ja], yt, w)
		}
		var err error
		beta, gi, err = solveSym(g, xy)
		if err != nil {
			return nil, fmt.Errorf("regress: %w", err)
		}
	}
	fd.gram = gi
	fd.xt = make([][]float64, kx)
	fd.xbar = make([]float64, kx)
	for a, ja := range kept {
		fd.xt[a] = xt[ja]
		fd.xbar[a] = xbar[ja]
		res.Names = append(res.Names, m.XNames[ja])
	}
	e := append([]float64(nil), yt...)
	for a, col := range fd.xt {
		b := beta[a]
		for i, v := range col {
			e[i] -= b * v
		}
	}
	fd.resid = e
	fd.rss = ss(e, 0)
	res.RSS = fd.rss
	coef := append([]float64(nil), beta...)
	if m.Intercept {
		c := ybar
		for a, b := range beta {
			c -= b * fd.xbar[a]
		}
		coef = append(coef, c)
		if hasFE {
			res.Names = append(res.Names, ConsName)
		} else {
			res.Names = append(res.Names, InterceptName)
		}
		res.HasConstant = true
	}
	res.Coef = coef
	fd.kBase = kx
	if fd.hasCons {
		fd.kBase++
	}

	// Fit statistics.
	if fd.hasCons {
		res.TSS = ss(y, ybar)
	} else {
		res.TSS = ss(y, 0)
	}
	res.TSSWithin = ss(yt, 0)
	res.R2 = 1 - res.RSS/res.TSS
	res.R2Within = 1 - res.RSS/res.TSSWithin
	if hasFE {
		res.DoF = fe.Count(fd.fe, fd.felevels, nil)
		if len(fd.fe) >= 3 {
			res.Notes = append(res.Notes, "degrees of freedom of the third and later fixed effects are counted pairwise with the first (reghdfe's default); K may be slightly too large")
		}
	}
	res.K = fd.kBase + res.DoF.Absorbed
	if fd.hasCons {
		res.R2Adj = 1 - (1-res.R2)*float64(n-1)/float64(n-res.K)
	} else {
		res.R2Adj = 1 - (1-res.R2)*float64(n)/float64(n-res.K)
	}
	res.fd = fd
	progress(0.85, "covariance")
	if err := res.setVCov(opt.VCov); err != nil {
		return nil, err
	}
	progress(1, "done")
	return res, nil
}

func ones(n int) []float64 {
	o := make([]float64, n)
	for i := range o {
		o[i] = 1
	}
	return o
}

func dotW(a, b, w []float64) float64 {
	var s float64
	if w == nil {
		for i, v := range a {
			s += v * b[i]
		}
		return s
	}
	for i, v := range a {
		s += w[i] * v * b[i]
	}
	return s
}

// partialSS returns the sum of squares of column j after projection on the
// kept columns, from the Gram matrix (row-major k×k).
func partialSS(gram []float64, k int, kept []int, j int) float64 {
	p := len(kept)
	a := mat.NewSymDense(p, nil)
	b := make([]float64, p)
	for r, jr := range kept {
		for c := r; c < p; c++ {
			a.SetSym(r, c, gram[jr*k+kept[c]])
		}
		b[r] = gram[jr*k+j]
	}
	var ch mat.Cholesky
	if !ch.Factorize(a) {
		return 0
	}
	var x mat.VecDense
	if err := ch.SolveVecTo(&x, mat.NewVecDense(p, b)); err != nil {
		return 0
	}
	return gram[j*k+j] - mat.Dot(&x, mat.NewVecDense(p, b))
}

// solveSym solves g b = r after Jacobi scaling and returns b and g⁻¹.
func solveSym(g *mat.SymDense, r []float64) ([]float64, *mat.SymDense, error) {
	k := g.SymmetricDim()
	d := make([]float64, k)
	for i := range d {
		d[i] = 1 / math.Sqrt(g.At(i, i))
	}
	s := mat.NewSymDense(k, nil)
	for a := 0; a < k; a++ {
		for b := a; b < k; b++ {
			s.SetSym(a, b, g.At(a, b)*d[a]*d[b])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(s) {
		return nil, nil, fmt.Errorf("the regressors' cross-product matrix is not positive definite after dropping collinear regressors")
	}
	rs := make([]float64, k)
	for i := range rs {
		rs[i] = r[i] * d[i]
	}
	var x mat.VecDense
	if err := ch.SolveVecTo(&x, mat.NewVecDense(k, rs)); err != nil {
		return nil, nil, err
	}
	b := make([]float64, k)
	for i := range b {
		b[i] = x.AtVec(i) * d[i]
	}
	var inv mat.SymDense
	if err := ch.InverseTo(&inv); err != nil {
		return nil, nil, err
	}
	gi := mat.NewSymDense(k, nil)
	for a := 0; a < k; a++ {
		for c := a; c < k; c++ {
			gi.SetSym(a, c, inv.At(a, c)*d[a]*d[c])
		}
	}
	return b, gi, nil
}
