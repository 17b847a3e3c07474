// Package iv estimates linear models with endogenous regressors by two-stage
// least squares (2SLS), with absorbed fixed effects, and reports the
// diagnostics Stata's ivreg2/ivreghdfe print: first-stage regressions,
// Kleibergen–Paap under- and weak-identification statistics, the
// Cragg–Donald F, Stock–Yogo critical values, and Sargan/Hansen
// over-identification tests.
//
// The model is y = X₁β₁ + X₂β₂ + D·α + u, with X₁ (K₁ columns) endogenous,
// X₂ exogenous (and a constant), D the fixed-effect dummies, and Z₁ (L₁
// columns) excluded instruments. It is written `y ~ x2 | fe1 + fe2 | x1 ~ z1
// + z2` (core/formula) and fitted by Fit(design, Options).
//
// # Estimation
//
// Fixed effects are absorbed by alternating projections (core/fe), then each
// variable's grand mean is added back so that a constant (_cons, as reghdfe
// reports it) is estimated alongside the slopes (Frisch–Waugh–Lovell). The
// exogenous block W = [X₂, 1] is partialled out of y, X₁ and Z₁ by
// Gram–Schmidt; 2SLS is β₁ = (X̃₁'P_Z̃X̃₁)⁻¹X̃₁'P_Z̃ỹ on the partialled data and
// β₂ follows from regressing y − X₁β₁ on W. The covariance is the sandwich
// of core/vcov with bread (X̂'X̂)⁻¹ and scores x̂_i u_i, X̂ = [P_Z X₁, W] and u
// the structural residual y − Xβ (not y − X̂β).
//
// LIML (Options.Estimator = "liml") is the k-class estimator
// β₁ = [(1−k)X̃₁'X̃₁ + kX̃₁'P_Z̃X̃₁]⁻¹[(1−k)X̃₁'ỹ + kX̃₁'P_Z̃ỹ] with k = λ, the
// smallest root of det(Y'Y − λY'M_Z̃Y) = 0, Y = [ỹ, X̃₁] (Anderson and Rubin
// 1949), λ = 1 when exactly identified (then LIML is 2SLS); its covariance
// has bread [(1−k)X'X + kX̂'X̂]⁻¹ and the same scores (ivreg2's liml).
//
// Variables are dropped, with a note and in Result.Dropped, when their sum
// of squares around the mean keeps less than CollinearTol (1e-9) of itself
// after projection on the variables before them: exogenous regressors
// (constant, absorbed by the fixed effects or collinear) and excluded
// instruments (collinear with W or earlier instruments; ivreg2 drops them
// the same way). An endogenous regressor without such variation is an error,
// as is having fewer usable instruments than endogenous regressors
// (under-identification) or a variable both exogenous and endogenous.
//
// # Small-sample conventions
//
// The defaults are those of ivreghdfe, which always runs ivreg2 with the
// `small` option and its absorbed degrees of freedom as sdofminus. With N
// observations, K = K₁ + K₂ + 1 + A parameters (A the fixed-effect levels
// absorbed beyond the constant, reghdfe's pairwise rule as core/fe counts
// them; with clustered errors, levels of a fixed effect nested within a
// cluster variable are not counted) and G clusters (the smaller number for
// two-way clustering):
//
//	iid       V = s²(X̂'X̂)⁻¹,  s² = u'u/(N−K); t with N−K df
//	hc1       N/(N−K) · sandwich; t with N−K df
//	cluster   G/(G−1)·(N−1)/(N−K) · sandwich; t with G−1 df
//	two-way   same factor with G = min(G₁, G₂) on M₁ + M₂ − M₁₂
//	          (Cameron, Gelbach and Miller 2011), NOT made positive
//	          semi-definite (ivreg2's default; a note warns when it is not)
//
// These match R's sandwich::vcovHC(type = "HC1") and vcovCL(type = "HC1")
// on the dummy-variable regression when no fixed effect is nested in a
// cluster (the golden tests reproduce the nested case explicitly).
//
// R² is 1 − RSS/TSS around the mean of y; the adjusted R² uses N−K with the
// absorbed levels counted (reghdfe); the within R² uses the sum of squares
// of y after absorbing the fixed effects.
//
// # Diagnostics
//
// All are computed on X̃₁ and Z̃₁ (exogenous regressors and fixed effects
// partialled out), with L = L₁ + K₂ + 1 + A counting every instrument and
// absorbed level (ivreg2's iv1_ct + sdofminus), with the same covariance
// type as the main equation, and raw robust meats (no small-sample factor)
// scaled as ivreg2 does:
//
//	F from Wald W:  F = W/N·(N−L)/q,  clustered F = W/(N−1)·(N−L)·(G−1)/G/q
//	                with F(q, N−L) or F(q, G−1) p-values
//
// First stage (per endogenous regressor): coefficients and standard errors
// of the excluded instruments (main-equation estimator and factors with
// K = L), the F of the excluded instruments (q = L₁, robust Wald when the
// covariance is robust), the partial R² W_c/N/(1 + W_c/N) with W_c the
// classical Wald (σ² = e'e/N), Shea's (1997) partial R²
// [(X̃₁'X̃₁)⁻¹]_jj / [(X̃₁'P_Z̃X̃₁)⁻¹]_jj, and the Sanderson–Windmeijer (2016)
// conditional F: the residual of the 2SLS regression of x_j on the other
// endogenous regressors (actual, not fitted, regressors in the residual) is
// regressed on Z̃₁ and its coefficients Wald-tested with q = L₁ − K₁ + 1.
//
// The overall F tests all slopes (not the constant) with the chosen
// covariance, F = Wald/q with q and the t degrees of freedom.
//
// Kleibergen and Paap (2006) rk statistic for H₀: rank(Π) = K₁ − 1 in X̃₁ =
// Z̃₁Π + V: with Θ = GΠ̂F⁻¹ (G'G = Z̃₁'Z̃₁, F'F = X̃₁'X̃₁, Cholesky) = USV', the
// statistic λ'Ω⁻¹λ of eqs. 12–21 of the paper, Ω built from the robust or
// cluster outer product of vec(z_i e_i'), with e = X̃₁ for the LM version
// (ivreg2's ranktest) and the first-stage residual for the Wald version.
// kp_lm is the LM statistic itself, χ²(L₁ − K₁ + 1); kp_wald_f is the Wald
// statistic scaled as an F above (q = L₁), which with one endogenous
// regressor equals the first-stage F. Under iid errors the LM statistic is
// Anderson's N·ρ²_min and the Wald F is the Cragg–Donald F,
// cd_wald_f = ρ²_min/(1−ρ²_min)·(N−L)/L₁, ρ_min the smallest canonical
// correlation of X̃₁ and Z̃₁. The statistic does not depend on the square
// roots chosen for G and F (Cholesky here, as ranktest; the golden script
// uses symmetric roots and agrees to 1e-13). The SVD of Θ is the package's
// own one-sided Jacobi (Hestenes) decomposition (svd.go), U completed to a
// full orthonormal basis by Householder reflections; only the span of U's
// last L₁−K₁+1 columns enters the statistic, so any completion gives the
// same value (tested). It replaces gonum's LAPACK SVD, which cost the
// browser's wasm 57 KB gzip.
//
// Over-identification (L₁ − K₁ degrees of freedom): Sargan's N·u'P_Z̃u/u'u
// (always reported), and Hansen's J, the two-step efficient GMM criterion
// g'S⁻¹g with S the robust/cluster outer product of z̃_i u_i from the 2SLS
// residuals (ivreg2's J after 2SLS with robust errors); with iid errors J is
// Sargan's statistic. Exactly identified models report 0 with null
// p-values.
//
// Stock and Yogo (2005, Tables 5.1 and 5.2) critical values are attached
// for one endogenous regressor and the instrument counts tabulated in
// stockyogo.go.
//
// # Correctness
//
// testdata/gen_golden.R (R AER::ivreg with dummies, sandwich) and
// testdata/kp_golden.py (numpy from the papers' formulas) produce the golden
// values the tests compare to 1e-6 relative (observed agreement ≈ 1e-13),
// including _cons with fixed effects (R: ivreg on the demeaned data with the
// means added back); testdata/liml_golden.py does the same for LIML on the
// full dummy-variable design. testdata/svd_golden.py (numpy.linalg.svd)
// gives the singular value decompositions svd_test.go compares with
// (singular values and U·Σ·V' to 1e-13 of σ_max; observed ≤ 1e-15).
//
// References: Anderson, T. W., Rubin, H. (1949), Annals of Mathematical
// Statistics 20: 46–63. Baum, C. F., Schaffer, M. E., Stillman, S. (2007), "Enhanced
// routines for instrumental variables/GMM estimation and testing", Stata
// Journal 7(4): 465–506 (ivreg2 4.1.10 and ranktest source for the
// scalings). Cameron, A. C., Gelbach, J. B., Miller, D. L. (2011), "Robust
// Inference With Multiway Clustering", JBES 29(2): 238–249. Correia, S.
// (2018), ivreghdfe. Cragg, J. G., Donald, S. G. (1993), Econometric Theory
// 9: 222–240. Demmel, J., Veselić, K. (1992), "Jacobi's method is more
// accurate than QR", SIAM Journal on Matrix Analysis and Applications 13(4):
// 1204–1245. Golub, G. H., Van Loan, C. F. (2013), Matrix Computations, 4th
// ed., §5.1–5.2 and §8.5–8.6. Hestenes, M. R. (1958), "Inversion of matrices by
// biorthogonalization and related results", Journal of the SIAM 6(1):
// 51–90. Kleibergen, F., Paap, R. (2006), "Generalized reduced rank
// tests using the singular value decomposition", Journal of Econometrics
// 133: 97–126. Sanderson, E., Windmeijer, F. (2016), "A weak instrument
// F-test in linear IV models with multiple endogenous variables", Journal of
// Econometrics 190: 212–221. Shea, J. (1997), Review of Economics and
// Statistics 79: 348–352. Stock, J. H., Yogo, M. (2005), "Testing for Weak
// Instruments in Linear IV Regression", ch. 5 in Andrews and Stock (eds.),
// Identification and Inference for Econometric Models.
package iv
