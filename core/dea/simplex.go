package dea

import "math"

// status is the outcome of a simplex solve.
type status int

const (
	optimal status = iota
	infeasible
	unbounded
	iterLimit
)

// Tolerances of the simplex. The DEA programs are built from data divided by
// the evaluated DMU's own values, so every coefficient is a ratio near 1 and
// absolute tolerances are meaningful.
const (
	costTol = 1e-11 // relative: see the pricing loop in iterate
	// unboundTol: an entering column without pivot row proves unboundedness
	// only if its reduced cost is below -unboundTol; above, it is rounding.
	unboundTol = 1e-7
	pivotTol   = 1e-9  // relative to max|alpha|: smaller entries do not block in the ratio test
	cancelTol  = 1e-9  // relative to the terms summed: smaller alpha entries are rounding
	harrisTol  = 1e-12 // infeasibility a basic variable may take in Harris's ratio test
	feasTol    = 1e-9  // phase-1 objective above this means infeasible
	dipTol     = 1e-11 // x_j·max|a_j| below -dipTol: the basis is primal infeasible
	// blandAfter is the number of consecutive degenerate pivots after which
	// pricing switches from Dantzig's rule to Bland's rule, which cannot cycle.
	blandAfter = 20
)

// simplex is a dense revised simplex method for
//
//	minimize c'x subject to A x = b, x >= 0
//
// with few rows (k, here inputs + outputs [+ 1]) and many columns (the
// reference DMUs). It keeps the k×k basis inverse explicitly and recomputes
// it at every pivot; one iteration costs O(k·n) for pricing and O(k³) for
// the refactorization. Rows whose hint is -1
// start with an artificial variable and go through phase 1 (minimize the sum
// of artificials); the others start from the given unit column.
//
// The zero value is ready to use; the workspace is reused between solves, so a
// simplex must not be used by two goroutines at once.
type simplex struct {
	k, n int
	a    []float64 // column-major k×n: column j is a[j*k : j*k+k]
	c    []float64 // n
	b    []float64 // k, >= 0
	hint []int     // k: unit column starting basic in row i, or -1

	basis []int     // k: basic column per row; n+i is the artificial of row i
	pos   []int     // n+k: row where column is basic, or -1
	binv  []float64 // k×k row-major basis inverse
	xb    []float64 // k: values of basic variables
	cb    []float64 // k: costs of basic variables in the current phase
	y     []float64 // k: simplex multipliers
	alpha []float64 // k: entering column in the current basis
	x     []float64 // n: solution
	// rejected are columns whose entering step found no pivot row although
	// their reduced cost was (barely) negative; pricing skips them.
	rejected []int
	// blandOnly prices by Bland's rule from the first pivot (the retry
	// after a numerical failure).
	blandOnly bool
	iters     int
}

// reset sizes the workspace for a k×n problem and zeroes a, c, b and hint.
func (s *simplex) reset(k, n int) {
	s.k, s.n = k, n
	s.a = grow(s.a, k*n)
	s.c = grow(s.c, n)
	s.b = grow(s.b, k)
	s.x = grow(s.x, n)
	s.basis = growInt(s.basis, k)
	s.pos = growInt(s.pos, n+k)
	s.hint = growInt(s.hint, k)
	s.binv = grow(s.binv, k*k)
	s.xb = grow(s.xb, k)
	s.cb = grow(s.cb, k)
	s.y = grow(s.y, k)
	s.alpha = grow(s.alpha, k)
	clear(s.a)
	clear(s.c)
	clear(s.b)
	for i := range s.hint {
		s.hint[i] = -1
	}
}

func grow(v []float64, n int) []float64 {
	if cap(v) < n {
		return make([]float64, n)
	}
	return v[:n]
}

func growInt(v []int, n int) []int {
	if cap(v) < n {
		return make([]int, n)
	}
	return v[:n]
}

// solve runs phase 1 (when some row lacks a starting unit column) and phase 2.
// On optimal, s.x holds the solution and the objective is returned.
func (s *simplex) solve() (float64, status) {
	k, n := s.k, s.n
	for i := range s.b {
		if s.b[i] < 0 {
			panic("dea: simplex right-hand side must be non-negative")
		}
	}
	for j := range s.pos {
		s.pos[j] = -1
	}
	clear(s.binv)
	needPhase1 := false
	for i := 0; i < k; i++ {
		j := s.hint[i]
		if j < 0 {
			j = n + i
			needPhase1 = true
		}
		s.basis[i] = j
		s.pos[j] = i
		s.binv[i*k+i] = 1
		s.xb[i] = s.b[i]
	}
	s.iters = 0
	if needPhase1 {
		if st := s.iterate(true); st != optimal {
			return math.NaN(), st
		}
		sum := 0.0
		for i := 0; i < k; i++ {
			if s.basis[i] >= n {
				sum += s.xb[i]
			}
		}
		if sum > feasTol {
			return math.NaN(), infeasible
		}
		s.driveOutArtificials()
	}
	// Phase 2. Harris's ratio test lets degenerate basic variables dip
	// slightly below zero; in badly scaled programs that can end at a
	// basis that is dual feasible but primal infeasible by more than
	// rounding, whose objective overshoots. Dual simplex pivots repair it,
	// and primal pricing runs again until both hold.
	for round := 0; ; round++ {
		if st := s.iterate(false); st != optimal {
			return math.NaN(), st
		}
		if s.primalFeasible() {
			break
		}
		if round == 5 || !s.dualCleanup() {
			return math.NaN(), iterLimit
		}
	}
	clear(s.x)
	obj := 0.0
	for i := 0; i < k; i++ {
		if j := s.basis[i]; j < n {
			s.x[j] = s.xb[i]
			obj += s.c[j] * s.xb[i]
		}
	}
	return obj, optimal
}

// cost is the objective coefficient of column j in the given phase.
func (s *simplex) cost(j int, phase1 bool) float64 {
	if phase1 {
		if j >= s.n {
			return 1
		}
		return 0
	}
	if j >= s.n {
		return 0
	}
	return s.c[j]
}

// iterate pivots until the phase's objective is optimal. Artificial columns
// never re-enter the basis once they have left it.
func (s *simplex) iterate(phase1 bool) status {
	k, n := s.k, s.n
	for i := 0; i < k; i++ {
		s.cb[i] = s.cost(s.basis[i], phase1)
	}
	degenerate, bland := 0, s.blandOnly
	maxIter := 50*(k+n) + 1000
	for ; s.iters < maxIter; s.iters++ {
		// Multipliers y' = c_B' B⁻¹.
		for i := 0; i < k; i++ {
			v := 0.0
			for r := 0; r < k; r++ {
				v += s.cb[r] * s.binv[r*k+i]
			}
			s.y[i] = v
		}
		// Pricing: Dantzig's most negative reduced cost, or Bland's first
		// negative one after a run of degenerate pivots.
		// Once on, Bland's rule stays on for the rest of the phase.
		bland = bland || degenerate > blandAfter
		// A reduced cost counts as negative below -costTol times the size
		// of its terms, so that rounding in y'a_j never looks like an
		// improving column (near-duplicate DMUs would otherwise cycle).
		q, best := -1, 0.0
		for j := 0; j < n; j++ {
			if s.pos[j] != -1 {
				continue
			}
			col := s.a[j*k : j*k+k]
			d := s.cost(j, phase1)
			scale := 1 + math.Abs(d)
			for i, v := range col {
				t := s.y[i] * v
				d -= t
				scale += math.Abs(t)
			}
			if d < best && d < -costTol*scale {
				q, best = j, d
				if bland {
					break
				}
			}
		}
		if q < 0 {
			// Optimal, unless a column set aside for numerical reasons
			// still has a clearly negative reduced cost: then the answer
			// cannot be trusted and the program counts as failed.
			st := optimal
			for _, j := range s.rejected {
				d := s.cost(j, phase1)
				for i, v := range s.a[j*k : j*k+k] {
					d -= s.y[i] * v
				}
				if d < -unboundTol {
					st = iterLimit
				}
			}
			s.clearRejected()
			return st
		}
		// alpha = B⁻¹ a_q.
		// Entries that are rounding are set to zero: those below pivotTol
		// times the largest entry, and those below cancelTol times the
		// size of the terms they were summed from (cancellation).
		col := s.a[q*k : q*k+k]
		amax := 0.0
		for i := 0; i < k; i++ {
			v, sz := 0.0, 0.0
			row := s.binv[i*k : i*k+k]
			for r, a := range col {
				v += row[r] * a
				sz += math.Abs(row[r] * a)
			}
			if math.Abs(v) <= cancelTol*sz {
				v = 0
			}
			s.alpha[i] = v
			amax = math.Max(amax, math.Abs(v))
		}
		tol := pivotTol * math.Max(1, amax)
		for i, v := range s.alpha[:k] {
			if math.Abs(v) <= tol {
				s.alpha[i] = 0
			}
		}
		// Harris's two-pass ratio test. Entries of alpha below pivotTol
		// relative to its largest are rounding and do not block (their
		// basic variables may dip by θ·pivotTol·max|alpha|); pivots that
		// are still too small show up as a singular basis in pivot and are
		// undone. Pass 1 finds the largest step that leaves
		// no basic variable below -harrisTol; pass 2 picks, among the rows
		// blocking within that step, the largest pivot element (or, under
		// Bland's rule, the smallest basic column). Negative values down to
		// -harrisTol count as zero.
		thetaMax := math.Inf(1)
		for i := 0; i < k; i++ {
			if ai := s.alpha[i]; ai > 0 {
				thetaMax = math.Min(thetaMax, (math.Max(s.xb[i], 0)+harrisTol)/ai)
			}
		}
		r, ratio := -1, 0.0
		for i := 0; i < k; i++ {
			ai := s.alpha[i]
			if ai <= 0 {
				continue
			}
			t := math.Max(s.xb[i], 0) / ai
			if t > thetaMax {
				continue
			}
			switch {
			case r < 0:
			case bland:
				if s.basis[i] > s.basis[r] {
					continue
				}
			case ai <= s.alpha[r]:
				continue
			}
			r, ratio = i, t
		}
		if r < 0 {
			// No pivot row. Phase 1 is bounded below by 0, and a reduced
			// cost this small is rounding: skip the column until the next
			// pivot. Otherwise the program is unbounded.
			if phase1 || best > -unboundTol {
				s.rejected = append(s.rejected, q)
				s.pos[q] = rejectedPos
				continue
			}
			return unbounded
		}
		if !s.pivot(r, q) {
			// The new basis is numerically singular: the pivot element
			// was rounding. Keep the old basis and skip the column.
			s.rejected = append(s.rejected, q)
			s.pos[q] = rejectedPos
			continue
		}
		// A pivot is degenerate when it barely moves the objective (steps
		// of 1e-16 through rounding cycle just like steps of 0).
		if ratio*(-best) <= 1e-12 {
			degenerate++
		} else {
			degenerate = 0
		}
		s.clearRejected()
		s.cb[r] = s.cost(q, phase1)
	}
	s.clearRejected()
	return iterLimit
}

// primalFeasible reports whether no basic variable is negative beyond
// rounding, measured by its largest effect on a row, x_j·max_i |a_ij|.
func (s *simplex) primalFeasible() bool {
	for i := range s.xb[:s.k] {
		if s.infeasibility(i) < -dipTol {
			return false
		}
	}
	return true
}

// infeasibility is the basic variable of row i times the largest entry of
// its column (artificials: 1).
func (s *simplex) infeasibility(i int) float64 {
	v := s.xb[i]
	if v >= 0 {
		return 0
	}
	j, k := s.basis[i], s.k
	if j >= s.n {
		return v
	}
	m := 1.0
	for _, a := range s.a[j*k : j*k+k] {
		m = math.Max(m, math.Abs(a))
	}
	return v * m
}

// dualCleanup runs dual simplex pivots from a dual feasible basis until no
// basic variable is negative beyond rounding: the most negative one leaves, and the
// entering column minimizes d_j / |α_rj| over the columns whose entry in that
// row is negative (so that reduced costs stay nonnegative). It reports false
// when it fails (no entering column: the program would be infeasible, which
// the phase-1 result rules out, so this is numerical trouble).
func (s *simplex) dualCleanup() bool {
	k, n := s.k, s.n
	for iter := 0; iter < 50*k+50; iter++ {
		// The most infeasible row leaves; after 2k pivots, the infeasible
		// row with the smallest basic column (Bland's rule for the dual,
		// which cannot cycle).
		r, worst := -1, -dipTol
		for i := 0; i < k; i++ {
			v := s.infeasibility(i)
			if v >= -dipTol {
				continue
			}
			if iter < 2*k {
				if v < worst {
					r, worst = i, v
				}
			} else if r < 0 || s.basis[i] < s.basis[r] {
				r = i
			}
		}
		if r < 0 {
			return true
		}
		for i := 0; i < k; i++ {
			s.cb[i] = s.cost(s.basis[i], false)
		}
		for i := 0; i < k; i++ {
			v := 0.0
			for c := 0; c < k; c++ {
				v += s.cb[c] * s.binv[c*k+i]
			}
			s.y[i] = v
		}
		row := s.binv[r*k : r*k+k]
		q, best := -1, math.Inf(1)
		for j := 0; j < n; j++ {
			if s.pos[j] != -1 {
				continue
			}
			col := s.a[j*k : j*k+k]
			arj, scale := 0.0, 0.0
			for i, v := range col {
				arj += row[i] * v
				scale += math.Abs(row[i] * v)
			}
			if arj >= -pivotTol*math.Max(1, scale) {
				continue
			}
			d := s.cost(j, false)
			for i, v := range col {
				d -= s.y[i] * v
			}
			// Ties (within rounding) go to the smallest column index.
			if ratio := math.Max(d, 0) / -arj; ratio < best-1e-12*math.Max(1, best) {
				q, best = j, ratio
			}
		}
		if q < 0 || !s.pivot(r, q) {
			return false
		}
		s.iters++
	}
	return false
}

// rejectedPos marks, in pos, a column skipped by pricing until the next pivot.
const rejectedPos = -2

func (s *simplex) clearRejected() {
	for _, j := range s.rejected {
		s.pos[j] = -1
	}
	s.rejected = s.rejected[:0]
}

// pivot brings column q into the basis in row r and refactors. The basis
// inverse is recomputed from scratch at every pivot rather than updated:
// with k ≤ 8 rows that costs less than one pricing pass over the reference
// DMUs, and it keeps B⁻¹ exact, so a rounding-sized pivot element shows up
// as a singular basis instead of corrupting later iterations. If the new
// basis is singular, the old one is restored and pivot reports false.
func (s *simplex) pivot(r, q int) bool {
	old := s.basis[r]
	s.basis[r] = q
	if !s.refactor() {
		s.basis[r] = old
		if !s.refactor() {
			panic("dea: simplex lost a nonsingular basis")
		}
		return false
	}
	s.pos[old] = -1
	s.pos[q] = r
	return true
}

// driveOutArtificials replaces artificials left basic at zero after phase 1
// by structural columns, so that phase 2 cannot make them positive. A row
// where no structural column has a nonzero entry is redundant; its artificial
// stays basic at zero and is never touched by a pivot.
func (s *simplex) driveOutArtificials() {
	k, n := s.k, s.n
	for r := 0; r < k; r++ {
		if s.basis[r] < n {
			continue
		}
		row := s.binv[r*k : r*k+k]
		q, big := -1, pivotTol
		for j := 0; j < n; j++ {
			if s.pos[j] != -1 {
				continue
			}
			v := 0.0
			for i, a := range s.a[j*k : j*k+k] {
				v += row[i] * a
			}
			if math.Abs(v) > big {
				q, big = j, math.Abs(v)
			}
		}
		if q < 0 {
			continue
		}
		s.pivot(r, q) // on failure the artificial stays, at zero
	}
}

// refactor recomputes the basis inverse from the basis columns by
// Gauss–Jordan elimination with partial pivoting, and the basic solution
// x_B = B⁻¹ b from it, discarding the rounding error that the updates of
// B⁻¹ accumulate. It reports false (and keeps the updated inverse) when the
// basis is numerically singular.
func (s *simplex) refactor() bool {
	k, n := s.k, s.n
	w := 2 * k
	var buf [2 * 8 * 8]float64
	m := buf[:0]
	if k*w > len(buf) {
		m = make([]float64, 0, k*w)
	}
	m = m[:k*w]
	clear(m)
	for i := 0; i < k; i++ {
		for c := 0; c < k; c++ {
			j := s.basis[c]
			if j >= n {
				if j-n == i {
					m[i*w+c] = 1
				}
			} else {
				m[i*w+c] = s.a[j*k+i]
			}
		}
		m[i*w+k+i] = 1
	}
	for c := 0; c < k; c++ {
		p := c
		for i := c + 1; i < k; i++ {
			if math.Abs(m[i*w+c]) > math.Abs(m[p*w+c]) {
				p = i
			}
		}
		if math.Abs(m[p*w+c]) < 1e-14 {
			return false
		}
		if p != c {
			for t := 0; t < w; t++ {
				m[c*w+t], m[p*w+t] = m[p*w+t], m[c*w+t]
			}
		}
		inv := 1 / m[c*w+c]
		for t := 0; t < w; t++ {
			m[c*w+t] *= inv
		}
		for i := 0; i < k; i++ {
			if i == c {
				continue
			}
			f := m[i*w+c]
			if f == 0 {
				continue
			}
			for t := 0; t < w; t++ {
				m[i*w+t] -= f * m[c*w+t]
			}
		}
	}
	for i := 0; i < k; i++ {
		copy(s.binv[i*k:i*k+k], m[i*w+k:i*w+w])
	}
	for i := 0; i < k; i++ {
		v := 0.0
		for c := 0; c < k; c++ {
			v += s.binv[i*k+c] * s.b[c]
		}
		s.xb[i] = v
	}
	// One step of iterative refinement, x_B += B⁻¹ (b − B x_B), recovers the
	// digits lost in ill-conditioned bases (e.g. near-identical DMUs).
	res := m[:k] // the elimination workspace is free now
	for i := 0; i < k; i++ {
		res[i] = s.b[i]
	}
	for c := 0; c < k; c++ {
		j, v := s.basis[c], s.xb[c]
		if j >= n {
			res[j-n] -= v
			continue
		}
		for i, a := range s.a[j*k : j*k+k] {
			res[i] -= a * v
		}
	}
	for i := 0; i < k; i++ {
		v := 0.0
		for c := 0; c < k; c++ {
			v += s.binv[i*k+c] * res[c]
		}
		// Tiny negative values of degenerate basic variables are kept:
		// clipping them would break B x_B = b by up to |a|·feasTol; the
		// ratio test treats them as zero.
		s.xb[i] += v
	}
	return true
}
