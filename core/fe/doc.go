// Package fe absorbs fixed effects: it removes from a variable its projection
// on any number of categorical variables (fixed-effect dimensions), so that a
// regression on the transformed data gives the coefficients of the regression
// with one dummy per level (the Frisch–Waugh–Lovell theorem).
//
// # Method
//
// Demean applies the method of alternating projections (von Neumann 1950;
// Halperin 1962): one sweep subtracts, dimension after dimension, the
// (weighted) group means of the current values (a Gauss–Seidel sweep). With
// one dimension one sweep is exact and nothing else is done. With several,
// sweeps are repeated and accelerated with the Irons–Tuck (1969) extrapolation
// used by fixest (Bergé 2018): from x, T(x) and T(T(x)) the next iterate is
// T²(x) − α·δ₂ with δ₂ = T²(x) − T(x), δ₁ = T(x) − x, α = δ₂·(δ₂−δ₁)/‖δ₂−δ₁‖².
// Each step moves within x₀ + span(dummies), so the fixed point reached is
// the exact residual of the projection whatever the step sizes.
//
// Convergence: iteration stops when ‖T(x) − x‖₂ ≤ Tol · ‖T(x₀)‖₂ (relative
// to the variable after the first sweep, so it does not depend on the scale
// or mean of the variable). The default Tol is 1e-8, reghdfe's default;
// MaxIter (default 10,000 sweeps) bounds the work, and an error reports
// non-convergence.
//
// # Singletons
//
// Singletons returns the observations to keep after dropping, repeatedly
// until none remain, observations that are alone in a level of some
// dimension (they are fitted perfectly and only inflate N; Correia 2015).
// reghdfe drops them by default and reports how many; so does core/regress.
//
// # Degrees of freedom
//
// DoF counts the parameters the fixed effects absorb, as reghdfe's default
// "pairwise" rule (Correia 2017, help reghdfe, dofadjustments): the first
// dimension has G₁ levels, one of them redundant with the intercept (which
// the caller counts separately); every later dimension k loses as many levels
// as there are connected components of the bipartite graph linking the
// levels of the first dimension to those of k (mobility groups; Abowd,
// Creecy and Kramarz 2002). This is exact for one and two dimensions and a
// lower bound of the redundancy (so a conservative K) for more.
// With cluster-robust covariances, a dimension nested within a cluster
// variable (every level inside one cluster; DoF.Nested) is not counted at
// all, as reghdfe and fixest's fixef.K = "nested" do, and the redundancy of
// the others is recomputed among themselves (DoF.AbsorbedCluster); the
// intercept is still counted by the caller. Count computes both. So, with k
// regressors kept,
//
//	K = k + 1 + DoF.Absorbed          (iid, hc1)
//	K = k + 1 + DoF.AbsorbedCluster   (cluster)
//
// References: Bergé, L. (2018), "Efficient estimation of maximum likelihood
// models with multiple fixed-effects: the R package FENmlm", CREA DP 18-13.
// Correia, S. (2015), "Singletons, Cluster-Robust Standard Errors and Fixed
// Effects: A Bad Mix". Correia, S. (2017), "Linear Models with
// High-Dimensional Fixed Effects: An Efficient and Feasible Estimator".
// Irons, B. M., Tuck, R. C. (1969), "A version of the Aitken accelerator for
// computer iteration", IJNME 1: 275–277.
package fe
