package eigen

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// eps is the machine epsilon 2⁻⁵² used in the deflation test (the spacing of
// float64 numbers at 1, twice Golub & Van Loan's unit roundoff u).
const eps = 0x1p-52

// tiny is the absolute deflation threshold of the QR iteration: Sym scales
// the matrix so that ‖A‖₂ ≥ 1, so setting an |e_i| ≤ 2⁻⁹⁶⁰ (about 1e-289)
// to zero is a perturbation far below ε·‖A‖, and it keeps the iteration out
// of the subnormal range, where rotations lose bits and the QR steps on a
// block of tiny entries can fail to converge (LAPACK's dsteqr rescales such
// blocks instead).
const tiny = 0x1p-960

// Sym returns the eigenvalues of the symmetric matrix a in ascending order
// and, when vectors is true, the matrix whose column j is a unit eigenvector
// for values[j]; vecs is nil when vectors is false. ok is false, with nil
// results, when a contains NaN or ±Inf or the QR iteration did not converge.
// a is not modified.
func Sym(a *mat.SymDense, vectors bool) (values []float64, vecs *mat.Dense, ok bool) {
	if a == nil {
		panic("eigen: nil matrix")
	}
	n := a.SymmetricDim()
	if n == 0 {
		if vectors {
			return []float64{}, &mat.Dense{}, true
		}
		return []float64{}, nil, true
	}
	w, amax, finite := lowerCopy(a)
	if !finite {
		return nil, nil, false
	}
	// Step 1: scale by a power of two so that max|a_ij| ∈ [1, 2).
	scale := 1.0
	if amax > 0 {
		var f1, f2 float64
		scale, f1, f2 = pow2Scale(amax)
		for i := range w {
			w[i] = w[i] * f1 * f2
		}
	}
	d, e, beta := tridiag(w, n)
	var z []float64
	if vectors {
		z = accumulate(w, beta, n)
	}
	if !tridiagQR(d, e, z, n) {
		return nil, nil, false
	}
	for _, x := range d {
		if math.IsNaN(x) { // cannot happen for finite scaled input; a guard
			return nil, nil, false
		}
	}
	// Stable insertion sort of the indices by value: O(n²) comparisons at
	// most, negligible beside the O(n³) above.
	perm := make([]int, n)
	for i := range perm {
		p := i
		j := i
		for ; j > 0 && d[perm[j-1]] > d[p]; j-- {
			perm[j] = perm[j-1]
		}
		perm[j] = p
	}
	values = make([]float64, n)
	for i, p := range perm {
		values[i] = d[p] * scale
	}
	if vectors {
		// Column p of z is the eigenvector of d[p]; it becomes column i.
		v := make([]float64, n*n)
		for r := 0; r < n; r++ {
			zr, vr := z[r*n:r*n+n], v[r*n:r*n+n]
			for i, p := range perm {
				vr[i] = zr[p]
			}
		}
		vecs = mat.NewDense(n, n, v)
	}
	return values, vecs, true
}

// lowerCopy returns a's entries as a dense row-major n×n slice with the lower
// triangle filled (the upper is scratch), the largest absolute entry, and
// whether every entry is finite.
func lowerCopy(a *mat.SymDense) (w []float64, amax float64, finite bool) {
	n := a.SymmetricDim()
	w = make([]float64, n*n)
	// A SymDense always stores its upper triangle (gonum panics on any
	// other blas64.Symmetric); entry (i, j), j ≤ i, is at j·stride + i.
	raw := a.RawSymmetric()
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			x := raw.Data[j*raw.Stride+i]
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, 0, false
			}
			amax = math.Max(amax, math.Abs(x))
			w[i*n+j] = x
		}
	}
	return w, amax, true
}

// tridiag reduces the symmetric matrix held in the lower triangle of the
// row-major n×n slice w to tridiagonal form T = QᵀAQ (Golub & Van Loan,
// Algorithm 8.3.1). It returns the diagonal d (length n), the off-diagonal e
// (length n, e[i] = T[i,i+1], e[n-1] = 0) and the reflector coefficients
// beta; the Householder vector of step k, with implicit leading 1, is left in
// row k of w, columns k+1..n-1.
func tridiag(w []float64, n int) (d, e, beta []float64) {
	d = make([]float64, n)
	e = make([]float64, n)
	beta = make([]float64, n)
	p := make([]float64, n)
	for k := 0; k+2 < n; k++ {
		d[k] = w[k*n+k]
		m := n - k - 1
		// x = A[k+1:, k], gathered into row k (the free upper triangle).
		v := w[k*n+k+1 : k*n+n]
		for i := 0; i < m; i++ {
			v[i] = w[(k+1+i)*n+k]
		}
		b, alpha := house(v)
		beta[k] = b
		e[k] = alpha
		if b == 0 {
			continue
		}
		// p = β·B·v with B = A[k+1:, k+1:], from its lower triangle.
		pv := p[:m]
		for i := range pv {
			pv[i] = 0
		}
		for i := 0; i < m; i++ {
			row := w[(k+1+i)*n+k+1 : (k+1+i)*n+k+1+i+1]
			vi := v[i]
			var s float64
			for j, x := range row[:i] {
				s += x * v[j]
				pv[j] += x * vi
			}
			pv[i] += s + row[i]*vi
		}
		var pTv float64
		for i := range pv {
			pv[i] *= b
			pTv += pv[i] * v[i]
		}
		// w = p − (β·pᵀv/2)·v, kept in p.
		c := 0.5 * b * pTv
		for i := range pv {
			pv[i] -= c * v[i]
		}
		// B ← B − v·wᵀ − w·vᵀ, lower triangle.
		for i := 0; i < m; i++ {
			row := w[(k+1+i)*n+k+1 : (k+1+i)*n+k+1+i+1]
			vi, wi := v[i], pv[i]
			for j := range row {
				row[j] -= vi*pv[j] + wi*v[j]
			}
		}
	}
	switch {
	case n >= 2:
		d[n-2] = w[(n-2)*n+n-2]
		d[n-1] = w[(n-1)*n+n-1]
		e[n-2] = w[(n-1)*n+n-2]
	case n == 1:
		d[0] = w[0]
	}
	return d, e, beta
}

// house overwrites x with the Householder vector v (v[0] = 1) and returns β
// and α such that (I − β·v·vᵀ)·x = α·e₁. It uses LAPACK's dlarfg choice
// α = −sign(x₀)·‖x‖₂, so that v₀' = x₀ − α never cancels, every |v_i| ≤ 1
// and β = 1 + |x₀|/‖x‖ ∈ [1, 2] (Golub & Van Loan §5.1.2–5.1.3 with the
// opposite sign). The norm is taken of x scaled by a power of two to
// max|x_i| ∈ [1, 2): otherwise squares of tiny entries lose bits as
// subnormals and β no longer equals 2/(vᵀv), which costs orthogonality.
// When x[1:] is zero it returns β = 0 and α = x[0], leaving x as is: no
// reflection is needed.
func house(x []float64) (beta, alpha float64) {
	var tail float64
	for _, t := range x[1:] {
		tail = math.Max(tail, math.Abs(t))
	}
	if tail == 0 {
		return 0, x[0]
	}
	xmax := math.Max(tail, math.Abs(x[0]))
	back, f1, f2 := pow2Scale(xmax)
	var ss float64
	for _, t := range x {
		t = t * f1 * f2
		ss += t * t
	}
	nrm := math.Sqrt(ss)
	x0 := x[0] * f1 * f2
	a := -math.Copysign(nrm, x0)
	v0 := x0 - a
	beta = 1 + math.Abs(x0)/nrm
	x[0] = 1
	for i := 1; i < len(x); i++ {
		x[i] = x[i] * f1 * f2 / v0
	}
	return beta, a * back
}

// pow2Scale returns powers of two with x·f1·f2 ∈ [1, 2) and back = 1/(f1·f2),
// for finite x > 0. The factor is split in two when it would overflow
// (x subnormal); both halves then scale up, so the products stay exact.
func pow2Scale(x float64) (back, f1, f2 float64) {
	_, e := math.Frexp(x)
	f1, f2 = math.Ldexp(1, 1-e), 1
	if 1-e > 1023 {
		f1, f2 = math.Ldexp(1, (1-e)/2), math.Ldexp(1, (1-e)-(1-e)/2)
	}
	return math.Ldexp(1, e-1), f1, f2
}

// accumulate forms Q = H_0·…·H_{n-3} from the reflectors stored by
// tridiag, row-major, by backward accumulation (Golub & Van Loan §5.1.6):
// multiplying by H_k on the left touches only rows and columns k+1..n-1, and
// H_k·Q = Q − β·v·(vᵀQ) runs along contiguous rows.
func accumulate(w, beta []float64, n int) []float64 {
	z := make([]float64, n*n)
	for i := 0; i < n; i++ {
		z[i*n+i] = 1
	}
	u := make([]float64, n)
	for k := n - 3; k >= 0; k-- {
		b := beta[k]
		if b == 0 {
			continue
		}
		v := w[k*n+k+1 : k*n+n]
		uv := u[:len(v)]
		for j := range uv {
			uv[j] = 0
		}
		for i, vi := range v {
			row := z[(k+1+i)*n+k+1 : (k+1+i)*n+n]
			row = row[:len(uv)]
			for j, x := range row {
				uv[j] += vi * x
			}
		}
		for i, vi := range v {
			f := b * vi
			if f == 0 {
				continue
			}
			row := z[(k+1+i)*n+k+1 : (k+1+i)*n+n]
			row = row[:len(uv)]
			for j := range row {
				row[j] -= f * uv[j]
			}
		}
	}
	return z
}

// tridiagQR diagonalises the symmetric tridiagonal matrix (d, e) by the
// implicit QR iteration with Wilkinson shift (Golub & Van Loan, Algorithms
// 8.3.2 and 8.3.3), leaving the eigenvalues, unsorted, in d. When z is not
// nil, every rotation G applied as T ← G·T·Gᵀ is also applied to the
// columns of z (z ← z·Gᵀ), so a z that held Q ends up holding the
// eigenvectors in its columns. It reports false when 30·n QR steps did not
// suffice.
func tridiagQR(d, e, z []float64, n int) bool {
	if n < 2 {
		return true
	}
	var cs, sn []float64
	if z != nil {
		cs, sn = make([]float64, n), make([]float64, n)
	}
	maxIter := 30 * n
	iter := 0
	for {
		for i := 0; i < n-1; i++ {
			if a := math.Abs(e[i]); a <= eps*(math.Abs(d[i])+math.Abs(d[i+1])) || a <= tiny {
				e[i] = 0
			}
		}
		// The bottom-most unreduced block l..m.
		m := n - 1
		for m > 0 && e[m-1] == 0 {
			m--
		}
		if m == 0 {
			return true
		}
		l := m - 1
		for l > 0 && e[l-1] != 0 {
			l--
		}
		if iter >= maxIter {
			return false
		}
		iter++
		qrStep(d, e, cs, sn, l, m)
		if z != nil {
			rotateColumns(z, n, l, m, cs, sn)
		}
	}
}

// rotateColumns applies the rotations of one QR step, k = l..m−1 in turn,
// to columns k and k+1 of the row-major n×n z: col_k ← c·col_k + s·col_{k+1},
// col_{k+1} ← c·col_{k+1} − s·col_k. The sweep is fused per row, so each
// entry is loaded and stored once per step and the inner loop runs along a
// contiguous row; four rows at a time give the processor independent
// dependency chains.
func rotateColumns(z []float64, n, l, m int, cs, sn []float64) {
	cs, sn = cs[l:m], sn[l:m]
	sn = sn[:len(cs)]
	j := 0
	for ; j+3 < n; j += 4 {
		r0 := z[j*n+l : j*n+m+1]
		r1 := z[(j+1)*n+l : (j+1)*n+m+1]
		r2 := z[(j+2)*n+l : (j+2)*n+m+1]
		r3 := z[(j+3)*n+l : (j+3)*n+m+1]
		r1, r2, r3 = r1[:len(r0)], r2[:len(r0)], r3[:len(r0)]
		a0, a1, a2, a3 := r0[0], r1[0], r2[0], r3[0]
		for k, c := range cs {
			s := sn[k]
			b0, b1, b2, b3 := r0[k+1], r1[k+1], r2[k+1], r3[k+1]
			r0[k] = c*a0 + s*b0
			r1[k] = c*a1 + s*b1
			r2[k] = c*a2 + s*b2
			r3[k] = c*a3 + s*b3
			a0 = c*b0 - s*a0
			a1 = c*b1 - s*a1
			a2 = c*b2 - s*a2
			a3 = c*b3 - s*a3
		}
		r0[len(cs)], r1[len(cs)], r2[len(cs)], r3[len(cs)] = a0, a1, a2, a3
	}
	for ; j+1 < n; j += 2 {
		r0 := z[j*n+l : j*n+m+1]
		r1 := z[(j+1)*n+l : (j+1)*n+m+1]
		r1 = r1[:len(r0)]
		a0, a1 := r0[0], r1[0]
		for k, c := range cs {
			s := sn[k]
			b0, b1 := r0[k+1], r1[k+1]
			r0[k] = c*a0 + s*b0
			r1[k] = c*a1 + s*b1
			a0 = c*b0 - s*a0
			a1 = c*b1 - s*a1
		}
		r0[len(cs)], r1[len(cs)] = a0, a1
	}
	if j < n {
		r0 := z[j*n+l : j*n+m+1]
		a0 := r0[0]
		for k, c := range cs {
			s := sn[k]
			b0 := r0[k+1]
			r0[k] = c*a0 + s*b0
			a0 = c*b0 - s*a0
		}
		r0[len(cs)] = a0
	}
}

// qrStep performs one implicit symmetric QR step with Wilkinson shift on the
// unreduced block l..m of the tridiagonal (d, e). When cs is not nil it
// records the rotation of plane (k, k+1) as cs[k], sn[k].
func qrStep(d, e, cs, sn []float64, l, m int) {
	// Wilkinson shift: the eigenvalue of [[d_{m-1}, b], [b, d_m]] closer to
	// d_m, μ = d_m − b²/(δ + sign(δ)·√(δ² + b²)), δ = (d_{m-1} − d_m)/2.
	b := e[m-1]
	delta := 0.5 * (d[m-1] - d[m])
	h := math.Hypot(delta, b)
	if delta < 0 {
		h = -h
	}
	mu := d[m] - b/(delta+h)*b
	x := d[l] - mu
	y := e[l]
	for k := l; k < m; k++ {
		// G = [[c, s], [−s, c]] on rows/columns k, k+1 with −s·x + c·y = 0.
		c, s, r := givens(x, y)
		if k > l {
			e[k-1] = r
		}
		p, q, bk := d[k], d[k+1], e[k]
		t := c * s
		d[k] = c*c*p + 2*t*bk + s*s*q
		d[k+1] = s*s*p - 2*t*bk + c*c*q
		e[k] = t*(q-p) + (c*c-s*s)*bk
		if k+1 < m {
			// The rotation fills T[k, k+2]: the new bulge.
			y = s * e[k+1]
			e[k+1] *= c
			x = e[k]
		}
		if cs != nil {
			cs[k], sn[k] = c, s
		}
	}
}

// givens returns c, s and r with c² + s² = 1, c·x + s·y = r and
// −s·x + c·y = 0, computed from the ratio of the smaller to the larger of
// |x| and |y| (Golub & Van Loan, Algorithm 5.1.3), so that c and s are
// accurate to ε even when x and y are subnormal and x/r or y/r would lose
// bits.
func givens(x, y float64) (c, s, r float64) {
	switch {
	case y == 0:
		return 1, 0, x
	case x == 0:
		return 0, 1, y
	case math.Abs(y) > math.Abs(x):
		t := x / y
		u := math.Sqrt(1 + t*t)
		s = 1 / u
		return t * s, s, y * u
	default:
		t := y / x
		u := math.Sqrt(1 + t*t)
		c = 1 / u
		return c, t * c, x * u
	}
}
