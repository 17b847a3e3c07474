package dea

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Orientation says whether efficiency is measured by expanding outputs
// (Output, DEAP 2.1's default) or contracting inputs (Input).
type Orientation int

const (
	// Output orientation: te = 1/φ where φ is the largest radial expansion
	// of the outputs that the frontier allows at the given inputs; te is the
	// Shephard output distance function D_o(x, y).
	Output Orientation = iota
	// Input orientation: te = θ, the smallest radial contraction of the
	// inputs that still produces the outputs; te = 1/D_i(x, y), the
	// reciprocal of the Shephard input distance function.
	Input
)

func (o Orientation) String() string {
	switch o {
	case Output:
		return "output"
	case Input:
		return "input"
	}
	return fmt.Sprintf("Orientation(%d)", int(o))
}

// ParseOrientation reads "output" (or "out", "o", "") and "input" ("in", "i").
func ParseOrientation(s string) (Orientation, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "output", "out", "o", "oo":
		return Output, nil
	case "input", "in", "i", "io":
		return Input, nil
	}
	return 0, fmt.Errorf("dea: unknown orientation %q (use output or input)", s)
}

// RTS is the returns-to-scale assumption of the frontier.
type RTS int

const (
	// CRS is constant returns to scale: the cone spanned by the reference DMUs.
	CRS RTS = iota
	// VRS is variable returns to scale: their convex hull (Σλ = 1), free
	// disposal added.
	VRS
)

func (r RTS) String() string {
	switch r {
	case CRS:
		return "crs"
	case VRS:
		return "vrs"
	}
	return fmt.Sprintf("RTS(%d)", int(r))
}

// ErrInfeasible is returned by Efficiency when the DMU cannot be compared
// with the frontier at all: under VRS, a DMU of another period may use less
// of some input (output orientation) or produce more of some output (input
// orientation) than every convex combination of the reference DMUs.
var ErrInfeasible = errors.New("dea: no point of the frontier is comparable with the DMU (infeasible program)")

// ErrNumerical is returned when the simplex stops without an optimum
// (iteration limit or an unbounded program, which positive data exclude).
var ErrNumerical = errors.New("dea: linear program did not reach an optimum")

// Frontier is a reference technology: the input and output vectors of the
// DMUs that span it (the DMUs of one period, or of one group in one period).
// All values must be positive and finite.
type Frontier struct {
	m, s, n int
	x       []float64 // n×m, DMU j's inputs at x[j*m:]
	y       []float64 // n×s
}

// NewFrontier returns the frontier spanned by DMUs with inputs x[j] and
// outputs y[j]. It panics if the lengths disagree; values are copied.
func NewFrontier(x, y [][]float64) *Frontier {
	if len(x) != len(y) {
		panic("dea: NewFrontier: x and y have different numbers of DMUs")
	}
	f := &Frontier{n: len(x)}
	if f.n == 0 {
		return f
	}
	f.m, f.s = len(x[0]), len(y[0])
	f.x = make([]float64, 0, f.n*f.m)
	f.y = make([]float64, 0, f.n*f.s)
	for j := range x {
		if len(x[j]) != f.m || len(y[j]) != f.s {
			panic("dea: NewFrontier: ragged input or output vectors")
		}
		f.x = append(f.x, x[j]...)
		f.y = append(f.y, y[j]...)
	}
	return f
}

// Len returns the number of reference DMUs.
func (f *Frontier) Len() int { return f.n }

// Solver computes efficiency scores; it holds the simplex workspace that is
// reused from one program to the next, and per frontier the reference DMUs
// found on it so far. The zero value is ready to use. A Solver must not be
// used by several goroutines at once.
type Solver struct {
	lp simplex
	// Iterations is the total number of simplex pivots so far.
	Iterations int

	// exhaustive disables candidate restriction (tests compare both).
	exhaustive bool
	cand       map[candKey]*candSet
	cols       []int     // DMUs in the current program
	inLP       []bool    // by DMU: in cols
	tmp        []float64 // one normalized column
	score      int       // column of the score in the last program
}

type candKey struct {
	f *Frontier
	r RTS
}

// candSet is the set of reference DMUs that carried weight in some optimal
// solution against a frontier: they lie on it.
type candSet struct {
	list []int
	in   []bool
}

// Efficiency returns the radial (Farrell) technical efficiency of the DMU
// with inputs x and outputs y relative to frontier f, under orientation o and
// returns to scale r, by solving the envelopment program
//
//	output: max φ  s.t. Σ_j λ_j x_ij ≤ x_i,  Σ_j λ_j y_rj ≥ φ y_r,  λ ≥ 0 [, Σλ = 1]
//	        te = 1/φ
//	input:  min θ  s.t. Σ_j λ_j x_ij ≤ θ x_i, Σ_j λ_j y_rj ≥ y_r,    λ ≥ 0 [, Σλ = 1]
//	        te = θ
//
// A DMU that belongs to f gets te ≤ 1; a DMU of another period can get te > 1
// (it lies beyond that frontier). When the program is infeasible (only
// possible under VRS for a DMU outside f) it returns NaN and ErrInfeasible;
// when the simplex fails numerically, NaN and ErrNumerical. x and y must be
// positive; Efficiency panics on a length mismatch or an empty frontier.
//
// The first program against a frontier uses all its DMUs; later ones start
// from the DMUs that carried weight in earlier optimal solutions and add any
// DMU whose reduced cost under the final multipliers is negative, until none
// is (column generation). The result is the optimum over all DMUs.
func (sv *Solver) Efficiency(f *Frontier, x, y []float64, o Orientation, r RTS) (float64, error) {
	if f.n == 0 {
		panic("dea: Efficiency: empty frontier")
	}
	if len(x) != f.m || len(y) != f.s {
		panic("dea: Efficiency: DMU dimensions differ from the frontier's")
	}
	if o != Output && o != Input {
		panic("dea: Efficiency: unknown orientation")
	}
	if r != CRS && r != VRS {
		panic("dea: Efficiency: unknown returns to scale")
	}
	if sv.cand == nil {
		sv.cand = map[candKey]*candSet{}
	}
	key := candKey{f, r}
	cs := sv.cand[key]
	var st status
	if cs == nil || sv.exhaustive {
		st = sv.solveOn(f, nil, x, y, o, r)
		if cs == nil {
			cs = &candSet{in: make([]bool, f.n)}
			sv.cand[key] = cs
		}
		if st == optimal {
			cs.record(sv.lp.x[:f.n], nil)
		}
	} else {
		st = sv.generate(f, cs, x, y, o, r)
	}
	switch st {
	case optimal:
	case infeasible:
		return math.NaN(), ErrInfeasible
	default:
		return math.NaN(), ErrNumerical
	}
	v := sv.lp.x[sv.score]
	if o == Output {
		return 1 / v, nil
	}
	return v, nil
}

// record adds the DMUs with positive weight (lambda[j] for DMU cols[j], or
// DMU j when cols is nil) to the set.
func (cs *candSet) record(lambda []float64, cols []int) {
	for j, l := range lambda {
		if l <= 1e-12 {
			continue
		}
		d := j
		if cols != nil {
			d = cols[j]
		}
		if !cs.in[d] {
			cs.in[d] = true
			cs.list = append(cs.list, d)
		}
	}
}

// generate solves the program over the candidate DMUs, adding violators.
func (sv *Solver) generate(f *Frontier, cs *candSet, x, y []float64, o Orientation, r RTS) status {
	if cap(sv.inLP) < f.n {
		sv.inLP = make([]bool, f.n)
	}
	inLP := sv.inLP[:f.n]
	cols := append(sv.cols[:0], cs.list...)
	for _, j := range cols {
		inLP[j] = true
	}
	defer func() {
		for _, j := range sv.cols {
			inLP[j] = false
		}
	}()
	k := f.m + f.s
	if r == VRS {
		k++
	}
	sv.tmp = grow(sv.tmp, k)
	for {
		sv.cols = cols
		st := sv.solveOn(f, cols, x, y, o, r)
		if st != optimal && st != infeasible {
			// Numerical trouble on the restricted program: solve the
			// full one (it has its own retry).
			for _, j := range sv.cols {
				inLP[j] = false
			}
			sv.cols = sv.cols[:0]
			return sv.solveOn(f, nil, x, y, o, r)
		}
		// Price the other DMUs with the final multipliers (phase 2, or
		// phase 1 when infeasible: λ costs 0 in both phases).
		// Multipliers folded with the normalization: w·(raw column)
		// equals y·(normalized column).
		yv, w := sv.lp.y[:k], sv.tmp
		m, ns := f.m, f.s
		for i := 0; i < m; i++ {
			w[i] = yv[i] / x[i]
		}
		for q := 0; q < ns; q++ {
			w[m+q] = yv[m+q] / y[q]
			if o == Output {
				w[m+q] = -w[m+q]
			}
		}
		added := 0
		for j := 0; j < f.n; j++ {
			if inLP[j] {
				continue
			}
			d, scale := 0.0, 1.0
			for i, v := range f.x[j*m : j*m+m] {
				t := w[i] * v
				d -= t
				scale += math.Abs(t)
			}
			for q, v := range f.y[j*ns : j*ns+ns] {
				t := w[m+q] * v
				d -= t
				scale += math.Abs(t)
			}
			if r == VRS {
				d -= yv[m+ns]
				scale += math.Abs(yv[m+ns])
			}
			if d < -costTol*scale {
				cols = append(cols, j)
				inLP[j] = true
				added++
			}
		}
		if added == 0 {
			if st == optimal {
				cs.record(sv.lp.x[:len(cols)], cols)
			}
			sv.cols = cols
			return st
		}
	}
}

// column writes the normalized LP column of reference DMU j.
func (sv *Solver) column(dst []float64, f *Frontier, j int, x, y []float64, o Orientation, r RTS) {
	m, s := f.m, f.s
	for i := 0; i < m; i++ {
		dst[i] = f.x[j*m+i] / x[i]
	}
	for q := 0; q < s; q++ {
		v := f.y[j*s+q] / y[q]
		if o == Output {
			v = -v
		}
		dst[m+q] = v
	}
	if r == VRS {
		dst[m+s] = 1
	}
}

// solveOn builds and solves the program over reference DMUs cols (nil: all
// of f). Columns: the λ's, then the score (φ or θ), then one slack per input
// row and one per output row. Rows are divided by the evaluated DMU's own
// values so that coefficients are ratios.
func (sv *Solver) solveOn(f *Frontier, cols []int, x, y []float64, o Orientation, r RTS) status {
	m, s := f.m, f.s
	n := len(cols)
	if cols == nil {
		n = f.n
		sv.cols = sv.cols[:0]
	}
	k := m + s
	if r == VRS {
		k++
	}
	lp := &sv.lp
	lp.reset(k, n+1+m+s)
	for j := 0; j < n; j++ {
		d := j
		if cols != nil {
			d = cols[j]
		}
		sv.column(lp.a[j*k:j*k+k], f, d, x, y, o, r)
	}
	score := n
	sv.score = n
	sc := lp.a[score*k : score*k+k]
	if o == Output {
		// Σλ x̃_i + s_i = 1;  φ − Σλ ỹ_r + t_r = 0.
		for q := 0; q < s; q++ {
			sc[m+q] = 1
		}
		for i := 0; i < m; i++ {
			lp.b[i] = 1
		}
		lp.c[score] = -1
		for i := 0; i < m+s; i++ {
			lp.a[(n+1+i)*k+i] = 1
			lp.hint[i] = n + 1 + i
		}
	} else {
		// Σλ x̃_i − θ + s_i = 0;  Σλ ỹ_r − t_r = 1.
		for i := 0; i < m; i++ {
			sc[i] = -1
			lp.a[(n+1+i)*k+i] = 1
			lp.hint[i] = n + 1 + i
		}
		for q := 0; q < s; q++ {
			lp.a[(n+1+m+q)*k+m+q] = -1
			lp.b[m+q] = 1
		}
		lp.c[score] = 1
	}
	if r == VRS {
		lp.b[m+s] = 1
	}
	_, st := lp.solve()
	sv.Iterations += lp.iters
	if st == unbounded || st == iterLimit {
		// Numerical trouble in a degenerate, badly scaled program: retry
		// once with Bland's rule throughout, which takes other pivots.
		lp.blandOnly = true
		_, st = lp.solve()
		lp.blandOnly = false
		sv.Iterations += lp.iters
	}
	return st
}
