// Package regress estimates linear models by least squares: pooled OLS with
// an intercept and models with any number of absorbed fixed effects, with
// the covariance estimators of core/vcov.
//
// # Use
//
// A Model is the specification (usually regress.FromDesign of a
// formula.Design); Model.Fit returns an immutable Result holding names,
// coefficients, standard errors, t statistics, p-values, 95% confidence
// intervals, N, R², adjusted R², within R², the F test and the number of
// clusters. Result.WithVCov recomputes the covariance of a finished fit with
// another estimator, without refitting.
//
// # Method
//
// With fixed effects, y and every regressor are demeaned by alternating
// projections (core/fe) and the slopes come from the demeaned data
// (Frisch–Waugh–Lovell); without them, the data are centred when the model
// has an intercept. The normal equations of the transformed regressors are
// solved by Cholesky after scaling to unit diagonal.
//
// The constant of a fixed-effect model is reported as Stata's reghdfe and
// xtreg, fe do: _cons = ȳ − x̄'b (weighted means on the estimation sample),
// the intercept of the regression of ỹ + ȳ on x̃ + x̄ and a constant. Its
// covariance follows from that regression; since Σ w x̃ = 0, the bread is
// (Z'WZ)⁻¹ with blocks B_xx = (X̃'WX̃)⁻¹, B_cx = −x̄'B_xx and
// B_cc = 1/Σw + x̄'B_xx x̄, and the scores are w e (x̃ + x̄, 1). Pooled OLS
// names its constant "(Intercept)", as R does.
//
// # Weights
//
// Model.Weights are analytic weights (Stata's aweight): the fit minimises
// Σ w e², means are weighted, scores are w x e and s² = Σ w e² / (N − K), so
// every covariance is invariant to rescaling the weights, as Stata's
// normalisation to Σ w = N makes it. N counts observations.
//
// # Conventions (Stata's)
//
//   - Singletons of the fixed effects are dropped iteratively (reghdfe) and
//     counted in Result.Singletons and a note (Options.KeepSingletons keeps them).
//   - A regressor is dropped, with a note using Stata's "o." prefix, when it is
//     constant, absorbed by the fixed effects (its sum of squares after
//     demeaning is at most DefaultCollinearTol = 1e-9 times its centred sum of
//     squares) or collinear with regressors before it in formula order (the
//     same relative tolerance on the partial sum of squares).
//   - K = kept regressors + 1 (intercept, also in FE models) + degrees of
//     freedom absorbed by the fixed effects (fe.Count: exact for one and two
//     dimensions). With clustering, fixed effects nested within a cluster
//     variable are left out of K (reghdfe); Result.KVCov records the K used.
//   - R² = 1 − RSS/TSS with TSS around the mean of y; adjusted R² =
//     1 − (1 − R²)(N − 1)/(N − K), counting all absorbed fixed effects as
//     reghdfe does; within R² = 1 − RSS/Σ w ỹ², equal to R² for pooled OLS.
//   - F is the Wald test that all slopes are zero with the chosen covariance,
//     F(k, N − K) or F(k, G − 1) clustered, as Stata's regress and reghdfe.
//
// References: Correia, S. (2017), "Linear Models with High-Dimensional Fixed
// Effects: An Efficient and Feasible Estimator", working paper; StataCorp,
// Stata Base Reference Manual, "regress" and "xtreg"; Gormley, T. and
// Matsa, D. (2014), "Common Errors: How to (and Not to) Control for
// Unobserved Heterogeneity", Review of Financial Studies 27(2): 617–661.
package regress
