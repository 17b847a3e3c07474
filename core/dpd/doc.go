// Package dpd estimates dynamic panel models by GMM: the difference GMM
// estimator of Arellano and Bond (1991) and the system GMM estimator of
// Arellano and Bover (1995) and Blundell and Bond (1998), with the
// conventions of Roodman's xtabond2 for Stata (Roodman 2009, "How to do
// xtabond2", Stata Journal 9: 86–136) as the default.
//
// A Model (dependent variable, regressors with Stata time-series operators,
// GMM-style and IV-style instrument sets) is fitted with Fit, which returns
// an immutable Result: coefficients, standard errors, z statistics, the
// Arellano–Bond AR(1) and AR(2) tests, the Sargan and Hansen tests and the
// instrument count.
//
// # Equations and instruments (xtabond2's)
//
// The differenced equation has a row for each observation whose level and
// previous level are complete (y, regressors and IV-style instruments
// present); system GMM adds a level row for each complete observation and
// reports that count as the number of observations. A GMM-style set
// gmm(v, lag(a b)) instruments the differenced row at t with v_{t-a}..v_{t-b},
// one column per period and lag (per lag when collapsed), and the level row at t
// with Δv_{t-a+1}, one column per period (one when collapsed); missing values
// are zeros and all-zero columns are dropped. The default range is lag(1 .).
// An IV-style set iv(x) gives one column per variable: Δx in differenced rows,
// x in level rows (eq(diff), eq(level) restrict it to one equation; passthru
// keeps levels in differenced rows; mz turns missing values into zeros instead
// of dropping the observation). System GMM adds _cons as a regressor and as a
// level-equation instrument. Time dummies yr<year> are regressors and IV-style
// instruments: differenced, in the differenced equation, for difference GMM;
// in levels, in the level equation only, for system GMM (Roodman's
// iv(yr*, eq(level))). Dummies collinear with the others and _cons are dropped,
// the earliest first.
//
// # Weighting, variance and tests
//
// One step uses W1 = (Σ_i Z_i'H Z_i)⁻, with H = xtabond2's h(2) for difference
// GMM (2 on the diagonal, -1 next to it, for consecutive periods) and h(3)
// for system GMM (identity for levels, and Cov(Δε_t, ε_s) = 1 if s = t, -1 if
// s = t-1 between the two). Two steps use W2 = (Σ_i Z_i'e1_i e1_i'Z_i)⁻ with the
// one-step residuals e1. A singular weight matrix is inverted with the
// Moore–Penrose generalised inverse, with a warning (as xtabond2 does).
//
// Variances: one-step non-robust σ²(X'Z W1 Z'X)⁻¹ with σ² = e1'e1/(2(N_d−K))
// over the N_d differenced residuals (this divisor reproduces the Sargan
// statistic of Arellano and Bond 1991, Table 4); one-step robust, the
// sandwich with Σ_i Z_i'e1_i e1_i'Z_i; two-step non-robust (X'Z W2 Z'X)⁻¹;
// two-step robust, the Windmeijer (2005, Journal of Econometrics 126: 25–51)
// finite-sample correction. No small-sample factor is applied (xtabond2
// without small); z statistics use the normal distribution.
//
// The Arellano–Bond test of order j (Arellano and Bond 1991, eq. 8) uses the
// differenced residuals only (also in system GMM), with the reported
// variance, the reported step's weight matrix, and u_i u_i' as the error
// covariance (σ²H for one-step non-robust fits). In the covariance with the
// moments, the residuals of both equations enter (xtabond2; plm uses the
// differenced part only). Sargan is e1'Z W1 Z'e1/σ² (one-step, not robust);
// Hansen is e2'Z W2 Z'e2 (two-step residuals and weight); both are always
// computed, with m−K degrees of freedom.
//
// # Validation
//
// testdata/golden.json holds R plm::pgmm results (script testdata/gen_golden.R)
// for difference and system GMM, one- and two-step, collapsed and not; the
// tests agree to 1e-6 relative on coefficients, standard errors, AR tests and
// Hansen J. testdata/dense.json comes from a dense numpy implementation
// (testdata/gen_dense.py) of the conventions plm lacks (IV-style sets serving
// both equations, one-step non-robust variance, Sargan, non-robust AR tests);
// agreement 1e-8. Arellano & Bond (1991) Table 4 (a1), (a2) and a printed
// xtabond2 system-GMM run on the same data are published anchors.
//
// Z is never formed as an N×m matrix: each row keeps its instruments sparse,
// and the cross products are accumulated group by group.
package dpd
