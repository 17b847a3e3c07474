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
	inv     [][]float64 // per block, (I − A_bb)⁻¹ row-major
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
	blockOf := make([]int, n)
	for b := 0; b+1 < len(s.starts); b++ {
		for p := s.starts[b]; p < s.starts[b+1]; p++ {
			blockOf[p] = b
		}
	}
	zr := t.Z.RawMatrix()
	z, stride := zr.Data, zr.Stride
	// ft[q][p] = a(perm p, perm q) off the diagonal blocks: a transpose,
	// done in 64×64 tiles to stay in cache, then the diagonal blocks zeroed.
	s.ft = make([]float64, n*n)
	rows := make([][]float64, n) // row perm[p] of Z
	for p, i := range s.perm {
		rows[p] = z[i*stride : i*stride+n]
	}
	const tile = 64
	tiles := (n + tile - 1) / tile
	parallel(workers, tiles, func(t int) {
		p0 := t * tile
		rt := rows[p0:min(p0+tile, n)]
		for q0 := 0; q0 < n; q0 += tile {
			for q := q0; q < min(q0+tile, n); q++ {
				j := s.perm[q]
				w := inv[j]
				dst := s.ft[q*n+p0 : q*n+p0+len(rt)]
				for k, row := range rt {
					dst[k] = row[j] * w
				}
			}
		}
	})
	for b := 0; b+1 < len(s.starts); b++ {
		j0, j1 := s.starts[b], s.starts[b+1]
		for q := j0; q < j1; q++ {
			clear(s.ft[q*n+j0 : q*n+j1])
		}
	}
	// Without trade between blocks one sweep is exact; otherwise assume
	// some (a table without any simply converges at the second sweep).
	s.offDiag = len(members) > 1
	s.inv = make([][]float64, len(members))
	for b := range members {
		j0, j1 := s.starts[b], s.starts[b+1]
		m := j1 - j0
		d := mat.NewDense(m, m, nil)
		for r := 0; r < m; r++ {
			i := s.perm[j0+r]
			for c := 0; c < m; c++ {
				j := s.perm[j0+c]
				v := -z[i*stride+j] * inv[j]
				if r == c {
					v++
				}
				d.Set(r, c, v)
			}
		}
		var li mat.Dense
		if err := li.Inverse(d); err != nil {
			return nil, fmt.Errorf("the domestic block of %s: %w", group[s.perm[j0]], err)
		}
		s.inv[b] = append([]float64(nil), li.RawMatrix().Data...)
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
		s.sweep(ys, as, b, active, fs, sweeps == 1)
		next := active[:0]
		for _, r := range active {
			a := &st[r]
			g := y[r]
			d, scale := 0.0, 1.0
			for i, v := range g {
				f := v - a.x[i]
				a.f[i] = f
				d = math.Max(d, math.Abs(f))
				scale = math.Max(scale, math.Abs(v))
			}
			if math.IsNaN(d) || math.IsInf(d, 0) {
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
		for i := range df {
			df[i] = a.f[i] - a.fPrev[i]
			dg[i] = g[i] - a.gPrev[i]
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
		if gj, dg := gamma[j], a.dG[j]; gj != 0 {
			for i := range g {
				g[i] -= gj * dg[i]
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
	n := len(f)
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
			for l := range v {
				v[l] -= c * q[i][l]
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
		for l := 0; l < n; l++ {
			res[l] -= c * v[l]
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

func dot(a, b []float64) float64 {
	s := 0.0
	b = b[:len(a)]
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// sweep runs one Gauss–Seidel sweep in place on the rows ys (rows active of
// b are their right-hand sides): for each country block d in turn,
// y_d ← (b_d + y·F_{·d}) (I − A_dd)⁻¹ with the newest values of y. The first
// sweep starts from y = 0, so only the blocks already updated contribute and
// the products stop there: it costs half a sweep.
func (s *system) sweep(ys, as [][]float64, b [][]float64, active []int, fs [][]float64, fromZero bool) {
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
			for c := 0; c < m; c++ {
				fs[c] = s.ft[(j0+c)*s.n : (j0+c)*s.n+end]
			}
			mulTile(as, ys, fs[:m])
		}
		inv := s.inv[bl]
		for i := range ys {
			a := as[i][:m]
			out := ys[i][j0:j1]
			for c := 0; c < m; c++ {
				v := 0.0
				for q, aq := range a {
					v += aq * inv[q*m+c]
				}
				out[c] = v
			}
		}
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
