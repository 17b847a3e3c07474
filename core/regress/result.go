package regress

import (
	"fmt"
	"math"

	"github.com/wiodlab/wiodlab/core/fe"
	"github.com/wiodlab/wiodlab/core/internal/dist"
	"github.com/wiodlab/wiodlab/core/internal/eigen"
	"github.com/wiodlab/wiodlab/core/vcov"
	"gonum.org/v1/gonum/mat"
)

// Result is a finished fit. Treat it as immutable: WithVCov returns a new
// Result with another covariance estimator and shares the fitted data.
type Result struct {
	YName   string
	FENames []string

	// Names are the estimated coefficients in order: kept regressors, then
	// the constant ("(Intercept)" for pooled OLS, "_cons" for FE models).
	Names  []string
	Coef   []float64
	SE     []float64
	T      []float64
	P      []float64
	Lo, Hi []float64 // 95% confidence interval
	V      *mat.SymDense

	// Dropped lists regressors omitted (constant, absorbed by the fixed
	// effects or collinear); Notes says why, with Stata's "o." prefix.
	Dropped     []string
	HasConstant bool

	N          int // observations used (after singletons)
	Singletons int // singleton observations dropped
	Iterations int // alternating-projection sweeps (largest over variables)

	RSS, TSS  float64 // TSS around the mean (uncentered without intercept)
	TSSWithin float64 // sum of squares of y after absorbing the fixed effects
	R2        float64
	R2Adj     float64 // 1 − (1−R²)(N−1)/(N−K), K counting all absorbed FE
	R2Within  float64 // 1 − RSS/TSSWithin; equals R² for pooled OLS

	// F tests that all slope coefficients are zero with the chosen
	// covariance: F(FDF1, FDF2), p-value FP. NaN when not computable.
	F          float64
	FDF1, FDF2 int
	FP         float64

	K       int    // parameters for iid/hc1: kept regressors + intercept + DoF.Absorbed
	KVCov   int    // K used by the covariance's small-sample factor
	DFResid int    // degrees of freedom of the t tests (N−K, or G−1 clustered)
	DoF     fe.DoF // absorbed degrees of freedom
	Factor  float64

	VCov      vcov.Spec
	NClusters map[string]int
	Notes     []string

	fd *fitData
}

// WithVCov returns the fit with its covariance recomputed by s, without
// refitting. Cluster variables must be among the model's ClusterNames.
func (r *Result) WithVCov(s vcov.Spec) (*Result, error) {
	c := *r
	c.Notes = append([]string(nil), r.Notes...)
	if err := c.setVCov(s); err != nil {
		return nil, err
	}
	return &c, nil
}

// Coefficient returns the estimate named name and whether it exists.
func (r *Result) Coefficient(name string) (float64, bool) {
	for i, n := range r.Names {
		if n == name {
			return r.Coef[i], true
		}
	}
	return 0, false
}

// Residuals returns a copy of the residuals (of the model with all fixed
// effects) on the estimation sample.
func (r *Result) Residuals() []float64 { return append([]float64(nil), r.fd.resid...) }

func (r *Result) setVCov(s vcov.Spec) error {
	fd := r.fd
	kx := len(fd.xt)
	p := len(r.Coef)
	n := r.N
	// Bread and scores of the regression on [x̃ + x̄, 1] (or x̃ alone): the
	// constant's row and column follow from x̃'W1 = 0 (see doc.go).
	bread := mat.NewSymDense(p, nil)
	for a := 0; a < kx; a++ {
		for b := a; b < kx; b++ {
			bread.SetSym(a, b, fd.gram.At(a, b))
		}
	}
	if r.HasConstant {
		var cc float64
		for a := 0; a < kx; a++ {
			var bc float64
			for b := 0; b < kx; b++ {
				bc -= fd.gram.At(a, b) * fd.xbar[b]
			}
			bread.SetSym(a, kx, bc)
			cc -= bc * fd.xbar[a]
		}
		bread.SetSym(kx, kx, 1/fd.sumW+cc)
	}
	in := vcov.Input{Bread: bread, RSS: fd.rss, N: n, K: r.K}
	r.NClusters = nil
	if s.Kind != vcov.IID {
		we := fd.resid
		if fd.w != nil {
			we = make([]float64, n)
			for i, e := range fd.resid {
				we[i] = e * fd.w[i]
			}
		}
		block := make([]float64, p*n)
		in.Scores = make([][]float64, p)
		for a := 0; a < p; a++ {
			col := block[a*n : (a+1)*n : (a+1)*n]
			if a < kx {
				xa, c := fd.xt[a], fd.xbar[a]
				for i, v := range we {
					col[i] = v * (xa[i] + c)
				}
			} else {
				copy(col, we)
			}
			in.Scores[a] = col
		}
	}
	if s.Kind == vcov.Cluster {
		for _, name := range s.Clusters {
			codes, ok := fd.clusters[name]
			if !ok {
				return fmt.Errorf("regress: cluster variable %q is not available to this model; name it in --vcov cluster:%s so that it is read with the data", name, name)
			}
			in.Clusters = append(in.Clusters, codes)
		}
		in.KCluster = r.K
		if len(fd.fe) > 0 {
			dof := fe.Count(fd.fe, fd.felevels, in.Clusters)
			r.DoF = dof
			in.KCluster = fd.kBase + dof.AbsorbedCluster
		}
	}
	vr, err := vcov.Compute(s, in)
	if err != nil {
		return fmt.Errorf("regress: %w", err)
	}
	inf := vr.Inference(r.Coef)
	r.V, r.SE, r.T, r.P, r.Lo, r.Hi = vr.V, inf.SE, inf.T, inf.P, inf.Lo, inf.Hi
	r.VCov, r.KVCov, r.DFResid, r.Factor = s, vr.K, vr.DF, vr.Factor
	r.Notes = append(r.Notes, vr.Notes...)
	if s.Kind == vcov.Cluster {
		r.NClusters = map[string]int{}
		for j, name := range s.Clusters {
			r.NClusters[name] = vr.NClusters[j]
		}
	}
	r.F, r.FDF1, r.FDF2, r.FP = math.NaN(), kx, vr.DF, math.NaN()
	if kx > 0 {
		vx := mat.NewSymDense(kx, nil)
		for a := 0; a < kx; a++ {
			for b := a; b < kx; b++ {
				vx.SetSym(a, b, vr.V.At(a, b))
			}
		}
		var ch mat.Cholesky
		if fullRank(vx) && ch.Factorize(vx) {
			var x mat.VecDense
			bv := mat.NewVecDense(kx, append([]float64(nil), r.Coef[:kx]...))
			if err := ch.SolveVecTo(&x, bv); err == nil {
				r.F = mat.Dot(bv, &x) / float64(kx)
				r.FP = dist.FSurvival(r.F, float64(kx), float64(vr.DF))
			}
		}
		if math.IsNaN(r.F) {
			r.Notes = append(r.Notes, "F statistic not computed: the covariance of the slopes is not of full rank (e.g. fewer clusters than regressors)")
		}
	}
	return nil
}

// rankTol is the eigenvalue of the correlation form D^-1/2·V·D^-1/2 (D the
// diagonal of V; so the units of the regressors do not matter) below which a
// covariance matrix counts as rank-deficient for the overall F test. A
// covariance made positive semi-definite by zeroing negative eigenvalues
// (two-way clustering, see vcov) has exact zeros there, which rounding leaves
// at about n·ε; a Cholesky factorisation alone may or may not succeed on such
// a matrix. Stata reports the F statistic as missing when V is not of full
// rank.
const rankTol = 1e-12

// fullRank reports whether the symmetric positive semi-definite matrix v is
// of full rank: positive variances and every eigenvalue of its correlation
// form above rankTol.
func fullRank(v *mat.SymDense) bool {
	n := v.SymmetricDim()
	sd := make([]float64, n)
	for i := range sd {
		d := v.At(i, i)
		if !(d > 0) || math.IsInf(d, 0) {
			return false
		}
		sd[i] = math.Sqrt(d)
	}
	c := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			c.SetSym(i, j, v.At(i, j)/(sd[i]*sd[j]))
		}
	}
	vals, _, ok := eigen.Sym(c, false)
	return ok && len(vals) > 0 && vals[0] > rankTol
}
