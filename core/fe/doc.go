// Package fe absorbs fixed effects: it removes from a variable its projection
// on any number of categorical variables (fixed-effect dimensions), so that a
// regression on the transformed data gives the coefficients of the regression
// with one dummy per level (the Frisch–Waugh–Lovell theorem).
//
// # Method
//
// Demean applies the method of alternating projections (von Neumann 1950;
// Halperin 1962): a projection P_d subtracts the (weighted) group means of
// dimension d. With one dimension one projection is exact and nothing else
// is done. With several, the default Method CG follows reghdfe (Correia
// 2017): with the symmetric sweep T_s = P_1 P_2 … P_k … P_2 P_1, self-adjoint
// and with eigenvalues in [0, 1], A = I − T_s is positive definite on the span
// of the dummies, and conjugate gradients solve A u = A x for the projection
// u of x on the dummies; the residual is x − u. Method IronsTuck instead
// repeats Gauss–Seidel sweeps T = P_k … P_1 with the Irons–Tuck (1969)
// extrapolation used by fixest (Bergé 2018): from x, T(x) and T²(x) the next
// iterate is T²(x) − α·δ₂, δ₂ = T²(x) − T(x), δ₁ = T(x) − x,
// α = δ₂·(δ₂−δ₁)/‖δ₂−δ₁‖². CG is far faster on badly connected designs (a
// chain of 20,000 units × 200 periods: 130 CG iterations against 8,806
// sweeps).
//
// Convergence (both relative, so independent of the scale and mean of the
// variable): CG stops when the residual of its system is small,
// ‖A x − A u‖_W ≤ Tol · ‖A x‖_W; IronsTuck when a sweep changes the variable
// by ‖T(x) − x‖₂ ≤ Tol · ‖T(x₀)‖₂. The default Tol is 1e-8, reghdfe's
// default; MaxIter (default 10,000 iterations) bounds the work, and an error
// reports non-convergence.
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
