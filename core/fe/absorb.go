package fe

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
)

// Default convergence settings (reghdfe's tolerance).
const (
	DefaultTol     = 1e-8
	DefaultMaxIter = 10000
)

// Absorber removes the fixed effects of a fixed set of observations from
// variables. It is immutable after New and safe for concurrent use.
type Absorber struct {
	codes  [][]int
	levels []int
	w      []float64   // nil: unweighted
	inv    [][]float64 // per dimension, 1 / (sum of weights) of each level
	n      int
	// Tol and MaxIter control convergence (see the package documentation);
	// values that are not positive stand for DefaultTol and DefaultMaxIter.
	Tol     float64
	MaxIter int
	// Method is the acceleration with two or more dimensions: CG (default)
	// or IronsTuck.
	Method Method
}

// Method selects how alternating projections are accelerated.
type Method int

const (
	// CG: conjugate gradients on the symmetric sweep (reghdfe's default).
	CG Method = iota
	// IronsTuck: Gauss–Seidel sweeps with Irons–Tuck extrapolation (fixest).
	IronsTuck
)

// New returns an Absorber for codes[d][i] in 0..levels[d]−1 and optional
// positive weights w (nil for none). Every level must occur (use Recode).
func New(codes [][]int, levels []int, w []float64) (*Absorber, error) {
	checkCodes(codes, levels)
	a := &Absorber{codes: codes, levels: levels, w: w, Tol: DefaultTol, MaxIter: DefaultMaxIter}
	if len(codes) > 0 {
		a.n = len(codes[0])
	}
	if w != nil && len(w) != a.n {
		panic(fmt.Sprintf("fe: %d weights for %d observations", len(w), a.n))
	}
	a.inv = make([][]float64, len(codes))
	for d, cd := range codes {
		s := make([]float64, levels[d])
		if w == nil {
			for _, c := range cd {
				s[c]++
			}
		} else {
			for i, c := range cd {
				if !(w[i] > 0) || math.IsInf(w[i], 0) {
					return nil, fmt.Errorf("fe: weight of observation %d is %v; weights must be positive and finite", i+1, w[i])
				}
				s[c] += w[i]
			}
		}
		for g, v := range s {
			if v == 0 {
				panic(fmt.Sprintf("fe: level %d of dimension %d has no observation", g, d))
			}
			s[g] = 1 / v
		}
		a.inv[d] = s
	}
	return a, nil
}

// N returns the number of observations.
func (a *Absorber) N() int { return a.n }

// sweep applies one Gauss–Seidel sweep to src, writing the result to dst
// (which may be src), using buf (size ≥ max levels) as scratch.
func (a *Absorber) sweep(dst, src []float64, buf []float64) {
	for d := range a.codes {
		a.project(d, dst, src, buf)
		src = dst
	}
}

// Demean replaces x by its residual from the fixed effects and returns the
// number of sweeps done. It returns an error when ctx is cancelled or the
// iteration has not converged after MaxIter sweeps.
func (a *Absorber) Demean(ctx context.Context, x []float64) (int, error) {
	return a.DemeanTo(ctx, x, x)
}

// DemeanTo writes to dst the residual of src from the fixed effects (dst may
// be src) and returns the number of sweeps done.
func (a *Absorber) DemeanTo(ctx context.Context, dst, src []float64) (int, error) {
	return a.demean(ctx, dst, src, &scratch{})
}

// scratch holds the work buffers of one goroutine.
type scratch struct {
	buf, tx, ttx, cg []float64
}

func (a *Absorber) demean(ctx context.Context, x, src []float64, w *scratch) (int, error) {
	if len(x) != a.n || len(src) != a.n {
		panic(fmt.Sprintf("fe: variable of length %d, want %d", len(src), a.n))
	}
	if len(a.codes) == 0 {
		copy(x, src)
		return 0, nil
	}
	if ctx != nil {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
	}
	mx := 0
	for _, g := range a.levels {
		mx = max(mx, g)
	}
	if len(w.buf) < mx {
		w.buf = make([]float64, mx)
	}
	buf := w.buf
	if len(a.codes) > 1 && a.Method == CG {
		return a.demeanCG(ctx, x, src, w)
	}
	a.sweep(x, src, buf)
	if len(a.codes) == 1 {
		return 1, nil
	}
	ref := norm(x)
	if ref == 0 {
		return 1, nil
	}
	tol, maxIter := a.limits()
	if len(w.tx) < a.n {
		w.tx, w.ttx = make([]float64, a.n), make([]float64, a.n)
	}
	tx, ttx := w.tx[:a.n], w.ttx[:a.n]
	sweeps := 1
	for sweeps < maxIter {
		if sweeps%64 == 1 && ctx != nil {
			if err := ctx.Err(); err != nil {
				return sweeps, err
			}
		}
		a.sweep(tx, x, buf)
		sweeps++
		// δ₁ = T(x) − x
		var d1 float64
		for i, v := range tx {
			e := v - x[i]
			d1 += e * e
		}
		if math.Sqrt(d1) <= tol*ref {
			copy(x, tx)
			return sweeps, nil
		}
		a.sweep(ttx, tx, buf)
		sweeps++
		// Irons–Tuck: x ← T²x − α δ₂, α = δ₂·(δ₂−δ₁)/‖δ₂−δ₁‖².
		var num, den, d2 float64
		for i := range x {
			e2 := ttx[i] - tx[i]
			dd := e2 - (tx[i] - x[i])
			num += e2 * dd
			den += dd * dd
			d2 += e2 * e2
		}
		if math.Sqrt(d2) <= tol*ref {
			copy(x, ttx)
			return sweeps, nil
		}
		if den == 0 {
			copy(x, ttx)
			continue
		}
		alpha := num / den
		for i := range x {
			x[i] = ttx[i] - alpha*(ttx[i]-tx[i])
		}
	}
	return sweeps, fmt.Errorf("fe: alternating projections did not converge in %d sweeps (tolerance %g); the fixed effects may be nearly collinear or MaxIter too small", maxIter, tol)
}

// DemeanAll demeans each column in place, in parallel natively, and returns
// the largest number of sweeps used.
func (a *Absorber) DemeanAll(ctx context.Context, cols [][]float64) (int, error) {
	return a.DemeanAllTo(ctx, cols, cols)
}

// DemeanAllTo writes the residual of src[j] to dst[j] for every column (dst
// may be src), in parallel natively, and returns the largest number of
// sweeps used.
func (a *Absorber) DemeanAllTo(ctx context.Context, dst, src [][]float64) (int, error) {
	if len(dst) != len(src) {
		panic("fe: DemeanAllTo with different numbers of columns")
	}
	workers := min(runtime.GOMAXPROCS(0), len(src))
	if workers <= 1 {
		most := 0
		w := &scratch{}
		for j := range src {
			it, err := a.demean(ctx, dst[j], src[j], w)
			if err != nil {
				return most, err
			}
			most = max(most, it)
		}
		return most, nil
	}
	var (
		mu    sync.Mutex
		most  int
		first error
		wg    sync.WaitGroup
	)
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &scratch{}
			for j := range next {
				it, err := a.demean(ctx, dst[j], src[j], w)
				mu.Lock()
				most = max(most, it)
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	for j := range src {
		next <- j
	}
	close(next)
	wg.Wait()
	return most, first
}

func norm(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s)
}

// limits returns Tol and MaxIter, with DefaultTol and DefaultMaxIter standing
// for values that are not positive.
func (a *Absorber) limits() (tol float64, maxIter int) {
	tol, maxIter = a.Tol, a.MaxIter
	if tol <= 0 {
		tol = DefaultTol
	}
	if maxIter <= 0 {
		maxIter = DefaultMaxIter
	}
	return tol, maxIter
}
