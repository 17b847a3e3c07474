package dea

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// gonumEfficiency solves the same envelopment program with gonum's dense
// simplex (an independent implementation) on the raw, unscaled data, in
// standard form: variables λ (n), the score, one slack per constraint.
func gonumEfficiency(x, y [][]float64, x0, y0 []float64, o Orientation, r RTS) (float64, error) {
	n, m, s := len(x), len(x0), len(y0)
	k := m + s
	if r == VRS {
		k++
	}
	ncol := n + 1 + m + s
	A := mat.NewDense(k, ncol, nil)
	b := make([]float64, k)
	c := make([]float64, ncol)
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			A.Set(i, j, x[j][i])
		}
		for q := 0; q < s; q++ {
			A.Set(m+q, j, -y[j][q])
		}
		if r == VRS {
			A.Set(m+s, j, 1)
		}
	}
	for i := 0; i < m+s; i++ {
		A.Set(i, n+1+i, 1) // slack of a ≤ row
	}
	if o == Output {
		// Σλx ≤ x0; φ y0 − Σλy ≤ 0.
		for i := 0; i < m; i++ {
			b[i] = x0[i]
		}
		for q := 0; q < s; q++ {
			A.Set(m+q, n, y0[q])
		}
		c[n] = -1
	} else {
		// Σλx − θ x0 ≤ 0; −Σλy ≤ −y0.
		for i := 0; i < m; i++ {
			A.Set(i, n, -x0[i])
		}
		for q := 0; q < s; q++ {
			b[m+q] = -y0[q]
		}
		c[n] = 1
	}
	if r == VRS {
		b[m+s] = 1
	}
	_, xs, err := lp.Simplex(c, A, b, 1e-10, nil)
	if err != nil {
		return math.NaN(), err
	}
	if o == Output {
		return 1 / xs[n], nil
	}
	return xs[n], nil
}

func randFrontier(rng *rand.Rand, n, m, s int) (x, y [][]float64) {
	x = make([][]float64, n)
	y = make([][]float64, n)
	for j := range x {
		x[j] = make([]float64, m)
		y[j] = make([]float64, s)
		for i := range x[j] {
			x[j][i] = math.Exp(rng.NormFloat64())
		}
		for i := range y[j] {
			y[j][i] = math.Exp(rng.NormFloat64())
		}
	}
	return x, y
}

// gonumWithin runs gonumEfficiency, giving up after d: lp.Simplex can cycle
// forever on degenerate programs (the goroutine is then left running).
func gonumWithin(d time.Duration, x, y [][]float64, x0, y0 []float64, o Orientation, r RTS) (float64, error, bool) {
	type answer struct {
		v   float64
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		v, err := gonumEfficiency(x, y, x0, y0, o, r)
		ch <- answer{v, err}
	}()
	select {
	case a := <-ch:
		return a.v, a.err, true
	case <-time.After(d):
		return math.NaN(), nil, false
	}
}

func TestEfficiencyAgainstGonum(t *testing.T) {
	if runtime.GOOS == "js" {
		// Without preemption a cycling lp.Simplex would hang the whole
		// wasm test binary; the comparison runs natively.
		t.Skip("gonum comparison runs natively only")
	}
	rng := rand.New(rand.NewPCG(42, 42))
	var sv Solver
	compared, infeasibleBoth := 0, 0
	for _, tc := range []struct{ n, m, s int }{
		{1, 1, 1}, {2, 1, 1}, {5, 2, 1}, {8, 1, 3}, {20, 2, 2}, {40, 3, 2}, {60, 2, 1},
	} {
		for rep := 0; rep < 5; rep++ {
			x, y := randFrontier(rng, tc.n, tc.m, tc.s)
			f := NewFrontier(x, y)
			// Evaluate each member and as many points drawn afresh.
			px, py := randFrontier(rng, tc.n, tc.m, tc.s)
			points := [][2][]float64{}
			for j := range x {
				points = append(points, [2][]float64{x[j], y[j]}, [2][]float64{px[j], py[j]})
			}
			for _, pt := range points {
				for _, o := range []Orientation{Output, Input} {
					for _, r := range []RTS{CRS, VRS} {
						got, err := sv.Efficiency(f, pt[0], pt[1], o, r)
						want, gerr, done := gonumWithin(5*time.Second, x, y, pt[0], pt[1], o, r)
						if !done {
							t.Logf("n=%d m=%d s=%d %v %v: gonum did not finish (cycling); skipped", tc.n, tc.m, tc.s, o, r)
							continue
						}
						if errors.Is(gerr, lp.ErrInfeasible) {
							if !errors.Is(err, ErrInfeasible) {
								t.Errorf("n=%d m=%d s=%d %v %v: gonum infeasible, got %g, %v", tc.n, tc.m, tc.s, o, r, got, err)
							}
							infeasibleBoth++
							continue
						}
						if gerr != nil {
							continue // gonum's own failure (e.g. singular basis); nothing to compare
						}
						if err != nil {
							t.Errorf("n=%d m=%d s=%d %v %v: %v, gonum %g", tc.n, tc.m, tc.s, o, r, err, want)
							continue
						}
						compared++
						if math.Abs(got-want) > 1e-8*math.Max(1, math.Abs(want)) {
							t.Errorf("n=%d m=%d s=%d %v %v: te = %.12g, gonum %.12g", tc.n, tc.m, tc.s, o, r, got, want)
						}
					}
				}
			}
		}
	}
	t.Logf("%d programs agree with gonum's simplex; %d infeasible in both", compared, infeasibleBoth)
	if compared < 1000 {
		t.Errorf("only %d comparisons", compared)
	}
}
