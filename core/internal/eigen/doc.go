// Package eigen computes the eigenvalues and eigenvectors of a real
// symmetric matrix. It replaces gonum's mat.EigenSym, whose LAPACK routines
// (Dsyev, Dsytrd, Dlatrd, Dsteqr, Dsterf, Dorgtr, Dorgql, Dorgqr, Dlarfb,
// Dlarft, Dlasr, ...) cost the browser module about 40 KB compressed, while
// wiodlab needs only a dense solver for matrices up to a few hundred rows (the
// GMM weight matrix of an uncollapsed system GMM has about 300).
//
// # Result
//
// Sym returns the eigenvalues in ascending order, as gonum's EigenSym and
// LAPACK's dsyev do, and, when asked, the orthonormal eigenvectors as the
// columns of an n×n matrix V, column j belonging to value j, so that
// A·V = V·diag(λ) and VᵀV = I up to rounding. The sign of each eigenvector is
// not normalised (neither LAPACK nor numpy does); an eigenvector of a
// repeated eigenvalue is any orthonormal basis of its eigenspace. The result
// is backward stable: each computed λ is within a small multiple of
// n·ε·‖A‖₂ of an exact one (ε = 2⁻⁵²).
//
// A 0×0 matrix gives no values and ok = true. An input containing NaN or
// ±Inf gives ok = false at once; so does a failure of the QR iteration to
// converge within 30·n QR steps (the cap LAPACK's dsteqr uses; FuzzSym hit it
// on blocks of subnormal entries before the absolute deflation of step 4 was
// added, and has not since), so Sym never hangs. Eigenvalues beyond the float64 range (possible only
// when entries are near math.MaxFloat64) come back as ±Inf.
//
// # Method
//
// Golub & Van Loan, Matrix Computations (4th ed., 2013), §8.3:
//
//  1. The matrix is scaled by a power of two so that its largest entry lies
//     in [1, 2) — exact, and it keeps every square and norm below away from
//     overflow and harmful underflow; the eigenvalues are scaled back at the
//     end (LAPACK's dsyev scales for the same reason, only at the extremes).
//  2. Householder tridiagonalisation T = QᵀAQ (Algorithm 8.3.1), applied as
//     the symmetric rank-two update A ← A − v·wᵀ − w·vᵀ on the lower
//     triangle. The reflectors follow §5.1.2–5.1.3 with LAPACK dlarfg's sign
//     (α = −sign(x₁)·‖x‖, so |v_i| ≤ 1 and β ∈ [1, 2]), and each column is
//     scaled by a power of two before its norm is taken: with squares that
//     underflow, β = 2/(vᵀv) fails and Q stops being orthogonal (a case
//     FuzzSym found).
//  3. Q is accumulated backwards from the stored reflectors (§5.1.6),
//     row-major, so that H_k·Q = Q − β·v·(vᵀQ) runs along contiguous rows.
//  4. The implicit symmetric QR step with Wilkinson shift (Algorithm 8.3.2):
//     the shift is the eigenvalue of the trailing 2×2 block closer to its
//     last diagonal entry, the bulge is chased down the unreduced block by
//     Givens rotations, computed from the ratio of the smaller to the larger
//     entry (Algorithm 5.1.3) so that c² + s² = 1 to ε. Off-diagonal entries
//     with |e_i| ≤ ε·(|d_i| + |d_{i+1}|) are set to zero and the problem
//     splits (Algorithm 8.3.3); so are those below 2⁻⁹⁶⁰ (the scaled ‖A‖
//     is at least 1, so this perturbs A by far less than ε·‖A‖, and it keeps
//     the iteration out of the subnormal range, where it may stall). The
//     iteration works on the bottom-most unreduced block until all e_i are
//     zero.
//     The rotations of one QR step are recorded and applied to Q's columns
//     in one fused pass per row, each entry loaded and stored once per step.
//  5. The values are sorted ascending and the columns of the accumulated
//     rotations permuted with them.
//
// Cost: about 4/3·n³ flops for step 2, 4/3·n³ for step 3 and, with vectors,
// about 6·n³ for step 4 (about two QR steps per eigenvalue, each rotation
// touching two columns of length n). Without vectors step 3 is skipped and
// step 4 costs O(n²).
//
// # Validation
//
// testdata/golden.json holds numpy.linalg.eigh (LAPACK dsyevd) results made
// by testdata/gen_golden.py: random, rank-deficient PSD, graded (spectra
// 1e-12..1e12), repeated and clustered spectra, diagonal, zero, identity,
// tridiagonal, Wilkinson's W21+, entries near 1e±200, orders 1..60 and 200.
// The tests also compare with gonum's EigenSym on 200 random matrices and on
// a 316×316 rank-deficient pseudo-inverse, and FuzzSym checks A·V = V·Λ and
// VᵀV = I on fuzzed matrices whose entries span 2^±60.
package eigen
