// Package vcov computes covariance matrices of linear estimators from a bread
// and a score matrix, with Stata's small-sample corrections, and the
// inference built on them (standard errors, t statistics, p-values, 95%
// confidence intervals).
//
// # Estimators
//
// Every estimator is a sandwich V = q · B M B, where B is the bread, K×K
// (for OLS B = (X'WX)⁻¹; for 2SLS B = (X̂'WX̂)⁻¹ with X̂ the first-stage fitted
// regressors), and the meat M is built from the score matrix S, N×K, with rows
// s_i = w_i x_i e_i (x̂_i e_i for 2SLS):
//
//	iid         V = s² B,                 s² = Σ w_i e_i² / (N − K)
//	hc1         V = N/(N−K) · B (Σ_i s_i s_i') B
//	cluster:c   V = G/(G−1) · (N−1)/(N−K) · B (Σ_g S_g S_g') B,  S_g = Σ_{i∈g} s_i
//	cluster:c1+c2 (Cameron, Gelbach and Miller 2011)
//	            V = q · B (M_1 + M_2 − M_12) B,  M_12 clustered on the
//	            intersection c1×c2, q = G/(G−1) · (N−1)/(N−K) with
//	            G = min(G_1, G_2)
//
// These are Stata's defaults: regress (iid), regress, vce(robust) (hc1),
// regress/reghdfe vce(cluster ...) and reghdfe/ivreg2 two-way clustering,
// which use the smallest number of clusters in the factor and in the degrees
// of freedom of the t distribution. When a two-way clustered V is not
// positive semi-definite, its negative eigenvalues are set to zero (V = U
// max(Λ,0) U'), the fix of Cameron, Gelbach and Miller (2011, section 2.3)
// applied by ivreg2 and reghdfe; a note says so.
//
// # Degrees of freedom
//
// N is the number of observations (the sum of frequency weights is not
// supported; analytic weights enter the scores). K is the number of
// parameters the caller declares: the kept regressors, the intercept and the
// degrees of freedom absorbed by fixed effects. With clustering, fixed
// effects nested within a cluster variable are not counted in K (reghdfe's
// rule; core/fe computes this). K is an input here, so the same code serves
// OLS, fixed-effects OLS and 2SLS.
//
// t statistics are compared with Student's t with N − K degrees of freedom
// for iid and hc1, and with G − 1 (G the smallest number of clusters) for
// clustered estimators, as Stata does. Confidence intervals are b ± t_{0.975} ·
// se with the same degrees of freedom.
//
// # API for other estimators
//
// Build an Input (Bread, Scores column-major, RSS, N, K, KCluster, Clusters) and call
// Compute with a Spec from Parse. Result.V is the covariance; call
// Result.Inference(b) for se, t, p and CI. Meat is exported for estimators
// (GMM) that need the cluster-summed outer product alone.
//
// References: Cameron, A. C., Gelbach, J. B., Miller, D. L. (2011), "Robust
// Inference With Multiway Clustering", Journal of Business & Economic
// Statistics 29(2): 238–249. StataCorp, Stata Base Reference Manual,
// "regress" Methods and formulas. Correia, S. (2017), reghdfe help file,
// section "Degrees-of-freedom adjustments".
package vcov
