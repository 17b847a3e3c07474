package dpd

import (
	"context"
	"math"
)

// Model is a dynamic panel specification in xtabond2's terms:
//
//	xtabond2 Y X, gmm(...) iv(...) [noleveleq]
//
// Set System for system GMM (xtabond2's default) and leave it false for
// difference GMM (noleveleq). A Model is a value; Fit does not change it.
type Model struct {
	Y           string     // dependent variable, in levels
	X           []Term     // regressors (L.n, L2.n, w, ...)
	GMM         []GMMStyle // GMM-style instrument sets
	IV          []IVStyle  // IV-style instrument sets
	System      bool       // system GMM; false is difference GMM (noleveleq)
	TimeDummies bool       // year dummies as regressors and IV-style instruments
	NoConstant  bool       // system GMM without _cons
	Collapse    bool       // collapse every GMM-style set
}

// Options are the estimation choices given to Fit.
type Options struct {
	TwoStep bool // two-step efficient GMM
	Robust  bool // one-step: sandwich variance; two-step: Windmeijer (2005) correction
	// H picks the one-step weighting matrix as xtabond2's h(): 1 identity,
	// 2 the first-difference MA(1) matrix (2 on the diagonal, -1 beside it)
	// with identity for levels, 3 as 2 plus the covariances between the
	// differenced and level errors. 0 is xtabond2's default: 2 for difference
	// GMM, 3 for system GMM.
	H        int
	Ctx      context.Context                    // checked between groups; nil is context.Background()
	Progress func(fraction float64, msg string) // may be nil

	plmAR bool // tests only: plm's AR-test convention in system GMM
}

// Result is an estimated dynamic panel model. It is not modified after Fit returns.
type Result struct {
	Names  []string  // regressor names in Stata spelling (L.n, w, _cons, yr1980)
	Coef   []float64 // estimates
	SE     []float64 // standard errors (see Robust, TwoStep)
	Tstat  []float64 // Coef/SE, compared with the standard normal (xtabond2 without small)
	Pvalue []float64 // two-sided normal p-values
	Vcov   [][]float64

	NObs         int // observations: level rows for system GMM, differenced rows for difference GMM
	NGroups      int
	ObsMin       int
	ObsMax       int
	NInstruments int
	System       bool
	TwoStep      bool
	Robust       bool
	H            int

	// Sigma2 is the error variance estimated from the one-step differenced
	// residuals as e'e/(2(N_diff−K)); it scales the non-robust one-step variance,
	// the Sargan statistic and the non-robust AR tests.
	Sigma2 float64

	AR1, AR2 Test // Arellano–Bond tests for AR(1), AR(2) in first-differenced residuals
	// Sargan is the one-step, non-robust overidentification test
	// e1'Z(Z'HZ)⁻Z'e1/σ²; Hansen is the minimised two-step criterion
	// e2'Z(Σ Z_i'e1_i e1_i'Z_i)⁻Z'e2. Both are always computed.
	Sargan, Hansen Test

	Warnings []string
}

// Test is a test statistic with its degrees of freedom (0 for a z test) and p-value.
// Stat and P are NaN when the test cannot be computed (for instance AR(2) when
// no group has three consecutive differenced residuals).
type Test struct {
	Stat float64
	DF   int
	P    float64
}

// Coefficient returns the estimate and standard error named name, and false
// if there is none.
func (r *Result) Coefficient(name string) (coef, se float64, ok bool) {
	for i, n := range r.Names {
		if n == name {
			return r.Coef[i], r.SE[i], true
		}
	}
	return math.NaN(), math.NaN(), false
}
