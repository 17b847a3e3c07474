package ioa

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/wiod"
)

// system is I−A prepared for the row systems y(I−A) = s, i.e. y = s(I−A)⁻¹,
// solved by block Gauss–Seidel over country blocks (see doc.go).
//
// Sectors are permuted so that each country's sectors are contiguous (in order
// of first appearance); block b is [starts[b], starts[b+1]) in that order.
type system struct {
	n       int
	perm    []int       // perm[p] = original index of permuted position p
	starts  []int       // block boundaries, len = blocks+1
	ft      []float64   // n×n row-major: row j = column j of A (permuted) with the diagonal blocks zeroed
	inv     [][]float64 // per block, the transpose of (I − A_bb)⁻¹, row-major
	offDiag bool        // whether any off-diagonal-block coefficient is non-zero
}

// newSystem prepares I−A, A = Z·diag(inv), for block Gauss–Seidel with
// blocks given by group (sectors with equal labels form one block).
func newSystem(t *wiod.IOTable, inv []float64, group []string, workers int) (*system, error) {
	n := t.N()
	s := &system{n: n}
	order := map[string]int{}
	var members [][]int
	for i, g := range group {
		b, ok := order[g]
		if !ok {
			b = len(members)
			order[g] = b
			members = append(members, nil)
		}
		members[b] = append(members[b], i)
	}
	s.starts = append(s.starts, 0)
	for _, m := range members {
		s.perm = append(s.perm, m...)
		s.starts = append(s.starts, len(s.perm))
	}
	zr := t.Z.RawMatrix()
	z, stride := zr.Data, zr.Stride
	// ft[q][p] = a(perm p, perm q): a transpose, done in strips of 8 rows
	// of Z, so that each q writes one cache line of ft while the 8 rows are
	// read in order; the diagonal blocks are moved out below.
	s.ft = make([]float64, n*n)
	const strip = 8
	parallel(workers, (n+strip-1)/strip, func(t int) {
		p0 := t * strip
		if p0+strip > n {
			for p := p0; p < n; p++ {
				row := z[s.perm[p]*stride : s.perm[p]*stride+n]
				for q, j := range s.perm {
					s.ft[q*n+p] = row[j] * inv[j]
				}
			}
			return
		}
		var r [strip][]float64
		for k := range r {
			o := s.perm[p0+k] * stride
			r[k] = z[o : o+n]
		}
		r0, r1, r2, r3, r4, r5, r6, r7 := r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]
		for q, j := range s.perm {
			w := inv[j]
			d := s.ft[q*n+p0 : q*n+p0+strip]
			d[0], d[1], d[2], d[3] = r0[j]*w, r1[j]*w, r2[j]*w, r3[j]*w
			d[4], d[5], d[6], d[7] = r4[j]*w, r5[j]*w, r6[j]*w, r7[j]*w
		}
	})
	// Without trade between blocks one sweep is exact; otherwise assume
	// some (a table without any simply converges at the second sweep).
	s.offDiag = len(members) > 1
	// Each diagonal block leaves ft as (I − A_bb)ᵀ, whose inverse is the
	// transpose of (I − A_bb)⁻¹: row c of s.inv[b] is column c of the
	// inverse, the layout the sweep's dot-product kernel wants.
	s.inv = make([][]float64, len(members))
	var piv, others []int
	for b := range members {
		j0, j1 := s.starts[b], s.starts[b+1]
		m := j1 - j0
		dt := make([]float64, m*m)
		for c := 0; c < m; c++ {
			row := s.ft[(j0+c)*n+j0 : (j0+c)*n+j1]
			copy(dt[c*m:c*m+m], row)
			clear(row)
		}
		for c := 0; c < m; c++ {
			for r := c * m; r < c*m+m; r++ {
				dt[r] = -dt[r]
			}
			dt[c*m+c]++
		}
		if len(piv) < m {
			piv, others = make([]int, m), make([]int, m)
		}
		if err := invertTransposed(dt, m, piv, others); err != nil {
			return nil, fmt.Errorf("the domestic block of %s: %w", group[s.perm[j0]], err)
		}
		s.inv[b] = dt
	}
	return s, nil
}

// parallel calls f(0), …, f(n−1) on up to workers goroutines.
func parallel(workers, n int, f func(i int)) {
	if workers <= 1 || n <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// errNoConvergence reports a Gauss–Seidel iteration that stopped contracting.
var errNoConvergence = errors.New("block Gauss–Seidel iteration did not converge")

// solveInfo describes how a solve went.
type solveInfo struct {
	Sweeps int // largest number of sweeps over the right-hand sides
}

// gaussSeidel returns y_r = rhs_r (I−A)⁻¹ for each row of rhs (original sector
// order) by accelerated block Gauss–Seidel sweeps (sweepRows, which says when
// a row stops and when it returns errNoConvergence). Rows are spread over
// workers goroutines.
func (s *system) gaussSeidel(ctx context.Context, rhs [][]float64, tol float64, maxSweeps, workers int) ([][]float64, solveInfo, error) {
	n, k := s.n, len(rhs)
	b := make([][]float64, k)
	y := make([][]float64, k)
	for r := range rhs {
		b[r] = make([]float64, n)
		for p, i := range s.perm {
			b[r][p] = rhs[r][i]
		}
		y[r] = make([]float64, n)
	}
	if workers < 1 {
		workers = 1
	}
	if workers > k {
		workers = k
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		info  solveInfo
	)
	// Rows are dealt round-robin: the country vectors converge in fewer
	// sweeps than the all-ones and services vectors at the end.
	for w := 0; w < workers; w++ {
		var yw, bw [][]float64
		for r := w; r < k; r += workers {
			yw, bw = append(yw, y[r]), append(bw, b[r])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sw, err := s.sweepRows(ctx, yw, bw, tol, maxSweeps)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && first == nil {
				first = err
			}
			info.Sweeps = max(info.Sweeps, sw)
		}()
	}
	wg.Wait()
	if first != nil {
		return nil, info, first
	}
	out := make([][]float64, k)
	for r := range y {
		out[r] = make([]float64, n)
		for p, i := range s.perm {
			out[r][i] = y[r][p]
		}
	}
	return out, info, nil
}

// aaDepth is the number of past sweeps Anderson acceleration combines. On
// the WIOD 2013 table of 2011 depth 3 to 8 all cut the sweeps from 15 to 11
// (all-ones vector) and from 12–13 to 9 (country vectors); see doc.go.
const aaDepth = 5

// slowSweeps is the number of further sweeps beyond which the iteration gives
// way to the direct LU: an LU of I−A costs about n/(3k) sweeps for k
// right-hand sides (18 for n = 2464, k = 46).
const slowSweeps = 50

// aaRow is the Anderson-acceleration state of one right-hand side.
type aaRow struct {
	x, f, fPrev, gPrev []float64
	dF, dG             [][]float64 // ring of the last differences, oldest first
	q                  [][]float64 // least-squares workspace
	res                []float64
	best               float64 // smallest change so far
	d1, d2             float64 // the changes of the previous two sweeps
	stall              int     // sweeps in a row without a new best
	started            bool
}

// sweepRows solves the rows y (permuted order) with right-hand sides b by
// Gauss–Seidel sweeps accelerated with Anderson mixing (Walker and Ni 2011):
// with g = Φ(x) the result of a sweep from x and f = g − x, the next iterate
// is g − ΔG·γ where γ minimises ‖f − ΔF·γ‖₂ over the last aaDepth differences
// of f and g. A row stops, keeping g, when d = ‖f‖∞, or the error
// d·q/(1−q) estimated from the contraction q of the last sweeps if larger,
// is at most tol·max(1, ‖g‖∞). It gives up (errNoConvergence) after maxSweeps sweeps,
// when the change has not reached a new low for 8 sweeps, or when the
// contraction predicts more than slowSweeps further sweeps.
func (s *system) sweepRows(ctx context.Context, y, b [][]float64, tol float64, maxSweeps int) (int, error) {
	k, n := len(y), s.n
	maxm := 0
	for bl := 0; bl+1 < len(s.starts); bl++ {
		maxm = max(maxm, s.starts[bl+1]-s.starts[bl])
	}
	acc := make([][]float64, k)
	st := make([]aaRow, k)
	for r := range acc {
		acc[r] = make([]float64, maxm)
		st[r] = aaRow{x: make([]float64, n), f: make([]float64, n), best: math.Inf(1)}
	}
	fs := make([][]float64, maxm)
	outs := make([][]float64, k)
	active := make([]int, k)
	for r := range active {
		active[r] = r
	}
	ys := make([][]float64, 0, k)
	as := make([][]float64, 0, k)
	gamma := make([]float64, aaDepth)
	sweeps := 0
	for len(active) > 0 {
		if err := ctx.Err(); err != nil {
			return sweeps, err
		}
		if sweeps == maxSweeps {
			return sweeps, fmt.Errorf("%w within %d sweeps", errNoConvergence, maxSweeps)
		}
		sweeps++
		ys, as = ys[:0], as[:0]
		for _, r := range active {
			copy(st[r].x, y[r])
			ys = append(ys, y[r])
			as = append(as, acc[r])
		}
		s.sweep(ys, as, b, active, fs, outs, sweeps == 1)
		next := active[:0]
		for _, r := range active {
			a := &st[r]
			g := y[r]
			// Plain comparisons, not math.Max (a call per element in wasm);
			// nan picks up f·0, NaN exactly when some f is not finite.
			d, scale, nan := 0.0, 1.0, 0.0
			x, fr := a.x[:len(g)], a.f[:len(g)]
			for i, v := range g {
				f := v - x[i]
				fr[i] = f
				nan += f * 0
				if af := math.Abs(f); af > d {
					d = af
				}
				if av := math.Abs(v); av > scale {
					scale = av
				}
			}
			if math.IsNaN(nan) {
				return sweeps, fmt.Errorf("%w: non-finite values", errNoConvergence)
			}
			if !s.offDiag {
				continue // one sweep is exact without off-diagonal blocks
			}
			// The error left after a change d is about d·q/(1−q) for a
			// contraction q a sweep, estimated from the last changes
			// (1/2 until three sweeps are known). Mixing makes the changes
			// shrink faster than the error of a plain sweep, so d itself is
			// the least taken: the estimate only tightens the test when
			// the iteration is slow (q > 1/2, ill-conditioned tables).
			q := 0.5
			if a.d2 > 0 {
				q = math.Min(math.Max(d/a.d1, a.d1/a.d2), 0.999)
			}
			est := d * math.Max(1, q/(1-q))
			if est <= tol*scale {
				continue // converged: y[r] holds g
			}
			if a.d2 > 0 && sweeps >= 5 && q > 0 {
				if more := math.Log(tol*scale/est) / math.Log(q); more > slowSweeps {
					return sweeps, fmt.Errorf("%w: it contracts by only %.4g a sweep and would need about %.0f more", errNoConvergence, q, more)
				}
			}
			a.d2, a.d1 = a.d1, d
			if d < a.best {
				a.best, a.stall = d, 0
			} else if a.stall++; a.stall >= 8 {
				return sweeps, fmt.Errorf("%w: the change stalled at %.3g after %d sweeps", errNoConvergence, d, sweeps)
			}
			a.mix(g, gamma)
			next = append(next, r)
		}
		active = next
	}
	return sweeps, nil
}

// mix records the newest differences and overwrites g (= Φ(x), which it
// also remembers) with the Anderson iterate g − ΔG·γ.
func (a *aaRow) mix(g, gamma []float64) {
	n := len(g)
	if a.started {
		var df, dg []float64
		if len(a.dF) == aaDepth { // reuse the oldest pair
			df, dg = a.dF[0], a.dG[0]
			a.dF, a.dG = append(a.dF[:0], a.dF[1:]...), append(a.dG[:0], a.dG[1:]...)
		} else {
			df, dg = make([]float64, n), make([]float64, n)
		}
		f, fp, gp := a.f[:n], a.fPrev[:n], a.gPrev[:n]
		df, dg = df[:n], dg[:n]
		for i, v := range g {
			df[i] = f[i] - fp[i]
			dg[i] = v - gp[i]
		}
		a.dF, a.dG = append(a.dF, df), append(a.dG, dg)
	} else {
		a.fPrev, a.gPrev = make([]float64, n), make([]float64, n)
		a.started = true
	}
	copy(a.fPrev, a.f)
	copy(a.gPrev, g)
	if a.q == nil {
		a.q = make([][]float64, aaDepth)
		for j := range a.q {
			a.q[j] = make([]float64, n)
		}
		a.res = make([]float64, n)
	}
	m := leastSquares(a.dF, a.f, gamma, a.q, a.res)
	for j := 0; j < m; j++ {
		if gj, dg := gamma[j], a.dG[j][:n]; gj != 0 {
			for i, v := range dg {
				g[i] -= gj * v
			}
		}
	}
}

// leastSquares sets gamma[:len(cols)] to the minimiser of ‖f − Σ_j γ_j cols_j‖₂
// by modified Gram–Schmidt, leaving γ_j = 0 for a column that is nearly a
// combination of the earlier ones (relative size below 1e-10), and returns
// len(cols). q (len(cols) vectors) and res are workspace of len(f).
func leastSquares(cols [][]float64, f, gamma []float64, q [][]float64, res []float64) int {
	m := len(cols)
	if m == 0 {
		return 0
	}
	var r [aaDepth * aaDepth]float64
	var rhs [aaDepth]float64
	var ok [aaDepth]bool
	copy(res, f)
	for j := 0; j < m; j++ {
		v := q[j]
		copy(v, cols[j])
		norm0 := math.Sqrt(dot(v, v))
		for i := 0; i < j; i++ {
			if !ok[i] {
				continue
			}
			c := dot(q[i], v)
			r[i*m+j] = c
			qi := q[i][:len(v)]
			for l, x := range qi {
				v[l] -= c * x
			}
		}
		norm := math.Sqrt(dot(v, v))
		if norm <= 1e-10*norm0 || norm == 0 {
			continue
		}
		ok[j] = true
		r[j*m+j] = norm
		for l := range v {
			v[l] /= norm
		}
		c := dot(v, res)
		rhs[j] = c
		rs := res[:len(v)]
		for l, x := range v {
			rs[l] -= c * x
		}
	}
	for j := m - 1; j >= 0; j-- {
		gamma[j] = 0
		if !ok[j] {
			continue
		}
		v := rhs[j]
		for i := j + 1; i < m; i++ {
			v -= r[j*m+i] * gamma[i]
		}
		gamma[j] = v / r[j*m+j]
	}
	return m
}

// dot returns a·b (len(b) ≥ len(a)), summed in pairs as the kernels do.
func dot(a, b []float64) float64 { return dot1x1(b, a) }

// sweep runs one Gauss–Seidel sweep in place on the rows ys (rows active of
// b are their right-hand sides): for each country block d in turn,
// y_d ← (b_d + y·F_{·d}) (I − A_dd)⁻¹ with the newest values of y. The first
// sweep starts from y = 0, so only the blocks already updated contribute and
// the products stop there: it costs half a sweep.
func (s *system) sweep(ys, as [][]float64, b [][]float64, active []int, fs, outs [][]float64, fromZero bool) {
	for bl := 0; bl+1 < len(s.starts); bl++ {
		j0, j1 := s.starts[bl], s.starts[bl+1]
		m := j1 - j0
		for i, r := range active {
			copy(as[i][:m], b[r][j0:j1])
		}
		if end := s.n; s.offDiag && !(fromZero && j0 == 0) {
			if fromZero {
				end = j0
			}
			// Column q of F is zero on block d's own rows [j0, j1): the
			// products run over [0, j0) and [j1, end) only.
			if j0 > 0 {
				for c := 0; c < m; c++ {
					fs[c] = s.ft[(j0+c)*s.n : (j0+c)*s.n+j0]
				}
				mulTile(as, ys, fs[:m])
			}
			if end > j1 {
				for i := range ys {
					outs[i] = ys[i][j1:end]
				}
				for c := 0; c < m; c++ {
					fs[c] = s.ft[(j0+c)*s.n+j1 : (j0+c)*s.n+end]
				}
				mulTile(as, outs[:len(ys)], fs[:m])
			}
		}
		// y_d = a (I − A_dd)⁻¹: dot products of a with the columns of the
		// inverse (the rows of s.inv[bl]), by the same kernel.
		inv := s.inv[bl]
		for i := range ys {
			outs[i] = ys[i][j0:j1]
			clear(outs[i])
		}
		for c := 0; c < m; c++ {
			fs[c] = inv[c*m : c*m+m]
		}
		mulTile(outs[:len(ys)], as, fs[:m])
	}
}

// directSolve returns y_r = rhs_r (I−A)⁻¹ by an LU factorisation of (I−A)ᵀ.
func directSolve(a *mat.Dense, rhs [][]float64) ([][]float64, error) {
	n, _ := a.Dims()
	k := len(rhs)
	m := identityMinus(a)
	var lu mat.LU
	lu.Factorize(m.T())
	bm := mat.NewDense(n, k, nil)
	for r := range rhs {
		for i, v := range rhs[r] {
			bm.Set(i, r, v)
		}
	}
	var x mat.Dense
	if err := lu.SolveTo(&x, false, bm); err != nil {
		return nil, err
	}
	out := make([][]float64, k)
	for r := range out {
		out[r] = make([]float64, n)
		for i := range out[r] {
			out[r][i] = x.At(i, r)
		}
	}
	return out, nil
}

// identityMinus returns I − a.
func identityMinus(a *mat.Dense) *mat.Dense {
	n, _ := a.Dims()
	m := mat.NewDense(n, n, nil)
	m.Scale(-1, a)
	for i := 0; i < n; i++ {
		m.Set(i, i, m.At(i, i)+1)
	}
	return m
}

// LeontiefInverse returns L = (I−A)⁻¹ (Miller and Blair 2009, eq. 2.11) by LU
// factorisation. It is O(n³): the indicators never need it (see doc.go).
func LeontiefInverse(a *mat.Dense) (*mat.Dense, error) {
	var l mat.Dense
	if err := l.Inverse(identityMinus(a)); err != nil {
		return nil, fmt.Errorf("ioa: I−A is singular or ill-conditioned: %w", err)
	}
	return &l, nil
}
