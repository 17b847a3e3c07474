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
// reused from one program to the next. The zero value is ready to use. A
// Solver must not be used by several goroutines at once.
type Solver struct {
	lp simplex
	// Iterations is the total number of simplex pivots so far.
	Iterations int
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
// possible under VRS for a DMU outside f) it returns NaN and ErrInfeasible.
// x and y must be positive; Efficiency panics on a length mismatch or an
// empty frontier.
func (sv *Solver) Efficiency(f *Frontier, x, y []float64, o Orientation, r RTS) (float64, error) {
	if f.n == 0 {
		panic("dea: Efficiency: empty frontier")
	}
	if len(x) != f.m || len(y) != f.s {
		panic("dea: Efficiency: DMU dimensions differ from the frontier's")
	}
	m, s, n := f.m, f.s, f.n
	k := m + s
	if r == VRS {
		k++
	}
	// Columns: λ_1..λ_n, then the score (φ or θ), then one slack per
	// input row and one per output row. Rows are divided by the evaluated
	// DMU's own value so that coefficients are ratios.
	ncol := n + 1 + m + s
	lp := &sv.lp
	lp.reset(k, ncol)
	score := n
	for j := 0; j < n; j++ {
		col := lp.a[j*k : j*k+k]
		for i := 0; i < m; i++ {
			col[i] = f.x[j*m+i] / x[i]
		}
		for q := 0; q < s; q++ {
			col[m+q] = f.y[j*s+q] / y[q]
		}
		if r == VRS {
			col[m+s] = 1
		}
	}
	sc := lp.a[score*k : score*k+k]
	switch o {
	case Output:
		// Σλ x̃_i + s_i = 1;  φ − Σλ ỹ_r + t_r = 0.
		for j := 0; j < n; j++ {
			for q := 0; q < s; q++ {
				lp.a[j*k+m+q] = -lp.a[j*k+m+q]
			}
		}
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
	case Input:
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
	default:
		panic("dea: Efficiency: unknown orientation")
	}
	if r == VRS {
		lp.b[m+s] = 1
	} else if r != CRS {
		panic("dea: Efficiency: unknown returns to scale")
	}
	_, st := lp.solve()
	sv.Iterations += lp.iters
	switch st {
	case optimal:
	case infeasible:
		return math.NaN(), ErrInfeasible
	default:
		return math.NaN(), ErrNumerical
	}
	v := lp.x[score]
	if o == Output {
		return 1 / v, nil
	}
	return v, nil
}
