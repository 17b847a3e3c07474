// Package ioa computes input-output coefficients, Leontief solves and the
// paper's digital-dependence indicators from one WIOD table a year.
//
// # Definitions
//
// For a table with intermediate use Z (n×n) and gross output x:
//
//	A = Z·diag(x)⁻¹                    direct coefficients (paper eq. 2)
//	B = (I−A)⁻¹ − I                    complete consumption (paper eq. 3)
//	a_S,j = Σ_{q∈S} a_qj               direct dependence on the set S
//	b_S,j = Σ_{q∈S} b_qj               complete consumption of S
//	Dig_j = b_S,j / Σ_n b_nj           complete dependence (paper eq. 4)
//	Dig_j = DigDom_j + DigFor_j        suppliers q∈S in j's country / elsewhere
//	Serv_j = Σ_{p∈services} b_pj       servitization (paper eq. 7)
//
// following Miller and Blair (2009), Input–Output Analysis: Foundations and
// Extensions, 2nd ed., Cambridge UP, ch. 2 (TestMillerBlair works their
// two-sector example of sec. 2.3.1). The sets S (digital), services and
// manufacturing and the technology groups come from a wiod.Classification.
//
// # Conventions
//
//   - A sector with zero gross output has a zero column of A and all its
//     indicators are 0 (its Σ_n b_nj is 0); a warning names it. Nothing is
//     ever NaN or Inf. Negative gross output is an error.
//   - Dig, DigDom and DigFor are 0 for a column without intermediate inputs
//     (Σ_n b_nj = 0).
//   - A national table has one country: DigFor = 0 and DigDom = Dig.
//   - I−A must be a non-singular M-matrix (Hawkins–Simon; Miller and Blair
//     sec. 2.6): ‖A‖₁ = max_j Σ_i |a_ij| < 1 is checked first; columns that fail
//     it pass with a warning only if a Collatz–Wielandt upper bound of the
//     spectral radius of |A| is below 1, otherwise Compute returns an error
//     naming them as country-industry.
//
// # Method
//
// The indicators need only row aggregates s′(I−A)⁻¹, never the inverse: one
// digital indicator vector s_c per country c (b_S,j and its domestic part
// are read off entry j of s_c′(I−A)⁻¹ − s_c′), the all-ones vector (Σ_n b_nj)
// and the services vector, about 46 right-hand sides for a 44-country world
// table. Forming (I−A)⁻¹ with an LU costs n³/3 multiply-adds (5·10⁹ for
// n = 2464); the row systems y(I−A) = s′ are instead solved iteratively:
//
//   - Block Gauss–Seidel over the country blocks of an MRIO table: with D the
//     domestic diagonal blocks (each factorised once as (I−A_dd)⁻¹) and F the
//     rest, a sweep updates y_d ← (s_d + y·F_{·d})(I−A_dd)⁻¹ country by
//     country, using the newest values. For A ≥ 0 this is a regular splitting
//     of the M-matrix I−A, so the sweeps converge for every valid table
//     (Varga 2000, Matrix Iterative Analysis, 2nd ed., ch. 3, regular
//     splittings). Trade is dominated by
//     domestic blocks: on the WIOD 2013 table of 2011, ρ(A) = 0.61 while the
//     block Jacobi iteration matrix has ρ = 0.26 and block Gauss–Seidel
//     contracts by ≈ 0.09 a sweep.
//   - Anderson acceleration (Walker and Ni 2011, SIAM J. Numer. Anal. 49:
//     1715–1735) of depth 5 mixes the last sweeps; on the 2011 table (at Tol
//     1e-13) it cuts
//     the sweeps from 15 to 11 for the all-ones vector and from 12–13 to 9 for
//     the country vectors (a sweep costs n² multiply-adds per right-hand side;
//     the first, from y = 0, half of it).
//   - A right-hand side stops when a sweep changes it by at most
//     Tol·max(1, ‖y‖∞) (DefaultTol 1e-12), the test tightened by q/(1−q) when
//     the observed contraction q is slow. If any right-hand side stalls,
//     exceeds MaxSweeps or contracts so slowly that more than 50 further
//     sweeps would be needed (an LU costs about n/(3k) sweeps), Compute falls
//     back to a dense LU (gonum) and says so in Result.Warnings.
//   - Right-hand sides are independent and spread over goroutines natively;
//     ComputeYears runs years concurrently (at most GOMAXPROCS at a time).
//   - Go emits no SIMD for wasm, so the inner products use register-blocked
//     4×2 kernels (kernel.go), also for the products with (I−A_dd)⁻¹, whose
//     columns are stored as rows; rows left over after the 4-row tiles use a
//     1×4 kernel. Every kernel sums in the same order, so a right-hand side's
//     result does not depend on the tile it sits in.
//   - The domestic blocks are inverted by Gauss–Jordan elimination with
//     partial pivoting (blockinv.go), which also gives the exact condition
//     number κ₁ = ‖D‖₁‖D⁻¹‖₁. A block with κ₁ above 1e14 (never seen for a
//     valid table: the blocks are column diagonally dominant) goes to gonum's
//     LU-based inverse instead, whose condition estimate decides, as it
//     always did, whether the block is singular (Compute then falls back to
//     the LU of I−A with a warning). In wasm this is 6× faster than gonum's
//     Dgetrf + Dgecon + Dgetri on 56×56 blocks (BenchmarkBlockInverse).
//
// Method Direct always uses the dense LU (the reference in the tests), and
// Options.FullInverse additionally returns B itself (O(n³)).
//
// # Accuracy
//
// Tests compare every indicator of every sector with an independent numpy
// computation (testdata/gen_golden.py: dense LAPACK solves) on the WIOD 2013
// world table of 2011 and the WIOD 2016 national tables of the USA and
// Australia, to 1e-10 absolute (the largest difference seen is 3.3e-13), and
// random MRIO tables against the full inverse: B ≥ 0, ‖(I−A)(B+I) − I‖ <
// 1e-10, Dig ∈ [0,1], DigDom + DigFor = Dig.
package ioa
