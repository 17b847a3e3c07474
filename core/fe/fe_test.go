package fe

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestSingletons(t *testing.T) {
	for _, tc := range []struct {
		name    string
		codes   [][]int
		levels  []int
		keep    []bool
		dropped int
	}{
		{"none", [][]int{{0, 0, 1, 1}}, []int{2}, []bool{true, true, true, true}, 0},
		{"one level alone", [][]int{{0, 0, 1}}, []int{2}, []bool{true, true, false}, 1},
		// Dropping row 4 (alone in fe1 level 2) leaves row 3 alone in fe2
		// level 1: reghdfe's iterative rule drops it too.
		{"cascade", [][]int{{0, 0, 1, 2}, {0, 0, 1, 1}}, []int{3, 2}, []bool{true, true, false, false}, 2},
		{"all", [][]int{{0, 1}}, []int{2}, []bool{false, false}, 2},
	} {
		keep, dropped := Singletons(tc.codes, tc.levels)
		if dropped != tc.dropped {
			t.Errorf("%s: dropped %d, want %d", tc.name, dropped, tc.dropped)
		}
		for i := range keep {
			if keep[i] != tc.keep[i] {
				t.Errorf("%s: keep %v, want %v", tc.name, keep, tc.keep)
				break
			}
		}
	}
}

func TestRecode(t *testing.T) {
	got, g := Recode([]int{5, 3, 5, 0, 3}, []bool{true, true, true, false, true})
	if g != 2 || len(got) != 4 || got[0] != 0 || got[1] != 1 || got[2] != 0 || got[3] != 1 {
		t.Errorf("Recode = %v, %d", got, g)
	}
	dense := []int{1, 0, 1}
	got, g = Recode(dense, nil)
	if g != 2 || &got[0] != &dense[0] {
		t.Errorf("Recode of dense codes should return them unchanged: %v %d", got, g)
	}
}

func TestCount(t *testing.T) {
	// Two mobility groups: {a0,a1,b0,b1} and {a2,b2,b3}.
	a := []int{0, 0, 1, 1, 2, 2}
	b := []int{0, 1, 0, 1, 2, 3}
	// cl nests a (each level of a in one cluster) but not b.
	cl := []int{0, 0, 1, 1, 2, 2}
	d := Count([][]int{a, b}, []int{3, 4}, nil)
	// Exact: 3 + 4 levels − 2 components, minus the constant = 4.
	if d.Absorbed != 4 || d.Redundant[0] != 1 || d.Redundant[1] != 2 {
		t.Errorf("Count = %+v", d)
	}
	d = Count([][]int{a, b}, []int{3, 4}, [][]int{cl})
	// a nested in cl: only b counted, one level for the constant: 4 − 1.
	if !d.Nested[0] || d.Nested[1] || d.AbsorbedCluster != 3 || d.Absorbed != 4 {
		t.Errorf("Count with cluster = %+v", d)
	}
}

// dummyResid returns the least-squares residual of x on the dummies of codes
// (with weights w when not nil), via gonum's QR.
func dummyResid(x []float64, codes [][]int, levels []int, w []float64) []float64 {
	n := len(x)
	p := 0
	for _, g := range levels {
		p += g
	}
	a := mat.NewDense(n, p, nil)
	bv := mat.NewVecDense(n, nil)
	for i := 0; i < n; i++ {
		s := 1.0
		if w != nil {
			s = math.Sqrt(w[i])
		}
		off := 0
		for d, cd := range codes {
			a.Set(i, off+cd[i], s)
			off += levels[d]
		}
		bv.SetVec(i, s*x[i])
	}
	// The dummies are collinear (each dimension spans the constant): solve
	// by least squares with a tiny ridge-free approach, SVD.
	var svd mat.SVD
	svd.Factorize(a, mat.SVDThin)
	var u mat.Dense
	svd.UTo(&u)
	vals := svd.Values(nil)
	r := make([]float64, n)
	copy(r, bv.RawVector().Data)
	for j, v := range vals {
		if v < 1e-10*vals[0] {
			continue
		}
		var dot float64
		for i := 0; i < n; i++ {
			dot += u.At(i, j) * bv.AtVec(i)
		}
		for i := 0; i < n; i++ {
			r[i] -= dot * u.At(i, j)
		}
	}
	if w != nil {
		for i := range r {
			r[i] /= math.Sqrt(w[i])
		}
	}
	return r
}

func randomPanel(rng *rand.Rand, n int, levels []int) [][]int {
	codes := make([][]int, len(levels))
	for d, g := range levels {
		codes[d] = make([]int, n)
		for i := range codes[d] {
			if i < g {
				codes[d][i] = i // every level occurs
			} else {
				codes[d][i] = rng.IntN(g)
			}
		}
	}
	return codes
}

// TestDemeanEqualsDummies checks alternating projections against the exact
// least-squares residual on explicit dummies, for 1–3 dimensions, with and
// without weights, on random unbalanced designs (fixed seed).
func TestDemeanEqualsDummies(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		n        int
		levels   []int
		weighted bool
	}{
		{40, []int{7}, false},
		{60, []int{9, 4}, false},
		{60, []int{9, 4}, true},
		{90, []int{12, 6, 3}, false},
		{90, []int{12, 6, 3}, true},
	} {
		codes := randomPanel(rng, tc.n, tc.levels)
		var w []float64
		if tc.weighted {
			w = make([]float64, tc.n)
			for i := range w {
				w[i] = 0.5 + rng.Float64()
			}
		}
		x := make([]float64, tc.n)
		for i := range x {
			x[i] = 10 + rng.NormFloat64()*3
		}
		want := dummyResid(x, codes, tc.levels, w)
		a, err := New(codes, tc.levels, w)
		if err != nil {
			t.Fatal(err)
		}
		for _, method := range []Method{CG, IronsTuck} {
			a.Tol, a.Method = 1e-14, method
			got := append([]float64(nil), x...)
			sweeps, err := a.Demean(context.Background(), got)
			if err != nil {
				t.Fatal(err)
			}
			if len(tc.levels) == 1 && sweeps != 1 {
				t.Errorf("one dimension took %d sweeps, want 1", sweeps)
			}
			for i := range got {
				if math.Abs(got[i]-want[i]) > 1e-9 {
					t.Errorf("method %d levels %v weighted %v: obs %d: %g, want %g", method, tc.levels, tc.weighted, i, got[i], want[i])
					break
				}
			}
		}
	}
}

func TestDemeanNotConverged(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	codes := randomPanel(rng, 200, []int{40, 30})
	a, err := New(codes, []int{40, 30}, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, 200)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	for _, method := range []Method{CG, IronsTuck} {
		a.MaxIter, a.Tol, a.Method = 2, 1e-15, method
		if _, err := a.Demean(context.Background(), append([]float64(nil), x...)); err == nil || !strings.Contains(err.Error(), "did not converge") {
			t.Errorf("method %d: err = %v, want non-convergence", method, err)
		}
	}
}

func TestNewBadWeight(t *testing.T) {
	if _, err := New([][]int{{0, 1}}, []int{2}, []float64{1, -1}); err == nil || !strings.Contains(err.Error(), "observation 2") {
		t.Errorf("err = %v", err)
	}
}

func TestDemeanAllCancelled(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	codes := randomPanel(rng, 5000, []int{500, 400})
	a, _ := New(codes, []int{500, 400}, nil)
	a.Tol = 1e-300
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cols := [][]float64{make([]float64, 5000), make([]float64, 5000)}
	for _, c := range cols {
		for i := range c {
			c[i] = rng.NormFloat64()
		}
	}
	if _, err := a.DemeanAll(ctx, cols); err == nil {
		t.Error("cancelled context: want an error")
	}
}

func BenchmarkDemeanTwoWay(b *testing.B) {
	rng := rand.New(rand.NewPCG(9, 10))
	n := 1_000_000
	codes := randomPanel(rng, n, []int{100_000, 20})
	a, _ := New(codes, []int{100_000, 20}, nil)
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	y := make([]float64, n)
	b.ResetTimer()
	for b.Loop() {
		copy(y, x)
		if _, err := a.Demean(context.Background(), y); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHardChain: two dimensions linked like a chain (each unit meets only
// neighbouring periods), where plain alternating projections need thousands
// of sweeps. CG must converge quickly to a residual orthogonal to every
// dummy: all group means ≈ 0.
func TestHardChain(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	n, g1, g2 := 20000, 2000, 100
	a, b := make([]int, n), make([]int, n)
	for i := range a {
		a[i] = i % g1
		b[i] = min(max(a[i]*g2/g1+rng.IntN(3)-1, 0), g2-1)
	}
	ab, err := New([][]int{a, b}, []int{g1, g2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64() + 0.05*float64(b[i])
	}
	ab.Tol = 1e-10
	it, err := ab.Demean(context.Background(), x)
	if err != nil {
		t.Fatal(err)
	}
	if it > 1000 {
		t.Errorf("CG took %d iterations", it)
	}
	for d, codes := range [][]int{a, b} {
		g := []int{g1, g2}[d]
		sum := make([]float64, g)
		for i, c := range codes {
			sum[c] += x[i]
		}
		for c, s := range sum {
			if math.Abs(s) > 1e-6 {
				t.Fatalf("dimension %d level %d: residual sum %g, want 0", d, c, s)
			}
		}
	}
}
