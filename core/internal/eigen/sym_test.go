package eigen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"

	"gonum.org/v1/gonum/mat"
)

type goldenCase struct {
	Name    string    `json:"name"`
	N       int       `json:"n"`
	A       []float64 `json:"a"`
	Values  []float64 `json:"values"`
	Vectors []float64 `json:"vectors"`
	Formula bool      `json:"formula"`
}

// formulaMatrix returns the n×n matrix ((i+1)(j+1)·7919 mod 1009)/1009 − 1/2,
// row-major, exactly as testdata/gen_golden.py computes it.
func formulaMatrix(n int) []float64 {
	a := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			a[i*n+j] = float64((i+1)*(j+1)*7919%1009)/1009 - 0.5
		}
	}
	return a
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	var g struct {
		Cases []goldenCase `json:"cases"`
	}
	shared.ReadJSON(t, filepath.Join("testdata", "golden.json"), &g)
	if len(g.Cases) == 0 {
		t.Fatal("testdata/golden.json: no cases")
	}
	return g.Cases
}

// symFromFull returns the symmetric matrix whose upper triangle is that of
// the row-major n×n slice a.
func symFromFull(n int, a []float64) *mat.SymDense {
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, a[i*n+j])
		}
	}
	return s
}

func maxAbs(x []float64) float64 {
	var m float64
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return m
}

// checkDecomposition checks ascending order, the residual A·V − V·Λ and the
// orthogonality VᵀV − I, both to tol·n·max(|λ|) and tol·n respectively.
func checkDecomposition(t *testing.T, name string, a *mat.SymDense, vals []float64, v *mat.Dense, tol float64) {
	t.Helper()
	n := a.SymmetricDim()
	if !sort.Float64sAreSorted(vals) {
		t.Errorf("%s: values not ascending: %v", name, vals)
	}
	if v == nil {
		return
	}
	if r, c := v.Dims(); r != n || c != n {
		t.Fatalf("%s: vectors are %d×%d, want %d×%d", name, r, c, n, n)
	}
	norm := maxAbs(vals)
	var av mat.Dense
	av.Mul(a, v)
	var res float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			res = math.Max(res, math.Abs(av.At(i, j)-v.At(i, j)*vals[j]))
		}
	}
	if res > tol*float64(n)*norm {
		t.Errorf("%s: max|A·V − V·Λ| = %g > %g·n·max|λ| = %g", name, res, tol, tol*float64(n)*norm)
	}
	var vtv mat.Dense
	vtv.Mul(v.T(), v)
	var orth float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			want := 0.0
			if i == j {
				want = 1
			}
			orth = math.Max(orth, math.Abs(vtv.At(i, j)-want))
		}
	}
	if orth > tol*float64(n) {
		t.Errorf("%s: max|VᵀV − I| = %g > %g·n", name, orth, tol)
	}
}

// clusters splits the ascending values into runs whose neighbours are closer
// than sep; it returns the start of each run and a sentinel len(vals).
func clusters(vals []float64, sep float64) []int {
	starts := []int{0}
	for i := 1; i < len(vals); i++ {
		if vals[i]-vals[i-1] > sep {
			starts = append(starts, i)
		}
	}
	return append(starts, len(vals))
}

// projector returns V[:, lo:hi]·V[:, lo:hi]ᵀ.
func projector(v mat.Matrix, lo, hi int) *mat.Dense {
	n, _ := v.Dims()
	p := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for k := lo; k < hi; k++ {
				s += v.At(i, k) * v.At(j, k)
			}
			p.Set(i, j, s)
		}
	}
	return p
}

func TestGolden(t *testing.T) {
	// Eigenvalues agree with numpy to valTol·max|λ|; A·V = V·Λ and VᵀV = I
	// hold to resTol·n (relative to max|λ| for the residual). Eigenvectors
	// are compared through the spectral projector of each cluster of values
	// closer than 1e-6·max|λ| (a single vector up to sign is a cluster of
	// one), to within 1e-13·n·max|λ|/gap, gap being the distance from the
	// cluster to the rest of the spectrum: the perturbation bound of
	// Golub & Van Loan, Theorem 8.1.10, with a backward error of order
	// n·ε·‖A‖.
	const (
		valTol = 1e-13
		resTol = 1e-13
	)
	for _, c := range loadGolden(t) {
		n := c.N
		if c.Formula {
			c.A = formulaMatrix(n)
		}
		if len(c.A) != n*n {
			t.Fatalf("%s: %d entries for n = %d", c.Name, len(c.A), n)
		}
		a := symFromFull(n, c.A)
		vals, v, ok := Sym(a, true)
		if !ok {
			t.Errorf("%s: ok = false", c.Name)
			continue
		}
		norm := maxAbs(c.Values)
		var worst float64
		for i := range vals {
			worst = math.Max(worst, math.Abs(vals[i]-c.Values[i]))
		}
		if worst > valTol*norm {
			t.Errorf("%s: max|λ − λ_numpy| = %g > %g·max|λ| = %g", c.Name, worst, valTol, valTol*norm)
		}
		t.Logf("%s: max|λ − λ_numpy|/max|λ| = %.2g", c.Name, worst/norm)
		checkDecomposition(t, c.Name, a, vals, v, resTol)
		if c.Vectors == nil {
			continue
		}
		g := mat.NewDense(n, n, c.Vectors)
		st := clusters(c.Values, 1e-6*norm)
		for q := 0; q+1 < len(st); q++ {
			lo, hi := st[q], st[q+1]
			gap := math.Inf(1)
			if lo > 0 {
				gap = c.Values[lo] - c.Values[lo-1]
			}
			if hi < n {
				gap = math.Min(gap, c.Values[hi]-c.Values[hi-1])
			}
			if hi-lo == n {
				continue // one eigenspace: every orthonormal basis is right
			}
			tol := 1e-13 * float64(n) * norm / gap
			p, pg := projector(v, lo, hi), projector(g, lo, hi)
			var d float64
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					d = math.Max(d, math.Abs(p.At(i, j)-pg.At(i, j)))
				}
			}
			if d > tol {
				t.Errorf("%s: values %d..%d: projector differs from numpy's by %g > %g", c.Name, lo, hi-1, d, tol)
			}
		}
	}
}

// randomSym returns a random symmetric n×n matrix with N(0,1) entries.
func randomSym(rnd *rand.Rand, n int) *mat.SymDense {
	a := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			a.SetSym(i, j, rnd.NormFloat64())
		}
	}
	return a
}

func TestAgainstGonum(t *testing.T) {
	// 200 random matrices of order 1..40, some with repeated entries on a
	// coarse grid (hence many repeated or clustered eigenvalues), compared
	// with gonum's LAPACK-based EigenSym.
	rnd := rand.New(rand.NewPCG(20261201, 7))
	for trial := 0; trial < 200; trial++ {
		n := 1 + rnd.IntN(40)
		a := randomSym(rnd, n)
		if trial%4 == 3 {
			for i := 0; i < n; i++ {
				for j := i; j < n; j++ {
					a.SetSym(i, j, math.Round(a.At(i, j)))
				}
			}
		}
		name := fmt.Sprintf("trial %d (n=%d)", trial, n)
		vals, v, ok := Sym(a, true)
		if !ok {
			t.Fatalf("%s: ok = false", name)
		}
		var g mat.EigenSym
		if !g.Factorize(a, false) {
			t.Fatalf("%s: gonum failed", name)
		}
		gv := g.Values(nil)
		norm := math.Max(maxAbs(gv), 1e-300)
		for i := range vals {
			if d := math.Abs(vals[i] - gv[i]); d > 1e-13*norm {
				t.Errorf("%s: λ[%d] = %v, gonum %v (diff %g)", name, i, vals[i], gv[i], d)
			}
		}
		checkDecomposition(t, name, a, vals, v, 1e-13)
	}
}

func TestSpecial(t *testing.T) {
	// Eigenvalues known exactly.
	for _, tc := range []struct {
		name string
		n    int
		a    []float64 // upper triangle, row-major full
		want []float64
	}{
		{"1×1", 1, []float64{-3.5}, []float64{-3.5}},
		{"diagonal", 3, []float64{3, 0, 0, 0, -1, 0, 0, 0, 2}, []float64{-1, 2, 3}},
		// [[2,1],[1,2]] has eigenvalues 1 and 3.
		{"2×2", 2, []float64{2, 1, 1, 2}, []float64{1, 3}},
		// The all-ones 4×4 matrix: 0 (three times) and 4.
		{"ones", 4, []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, []float64{0, 0, 0, 4}},
		{"zero", 3, make([]float64, 9), []float64{0, 0, 0}},
		// Tridiagonal (-1, 2, -1) of order 5: 2 − 2cos(kπ/6).
		{"tridiagonal", 5, []float64{
			2, -1, 0, 0, 0,
			-1, 2, -1, 0, 0,
			0, -1, 2, -1, 0,
			0, 0, -1, 2, -1,
			0, 0, 0, -1, 2,
		}, []float64{2 - 2*math.Cos(math.Pi/6), 2 - 2*math.Cos(2*math.Pi/6), 2 - 2*math.Cos(3*math.Pi/6), 2 - 2*math.Cos(4*math.Pi/6), 2 - 2*math.Cos(5*math.Pi/6)}},
		// Subnormal and huge entries survive the power-of-two scaling.
		{"subnormal", 2, []float64{5e-324, 0, 0, 1e-320}, []float64{5e-324, 1e-320}},
		{"huge", 2, []float64{1e308, 0, 0, -1e308}, []float64{-1e308, 1e308}},
		// A tiny column below a unit entry, x = (−1e-157, 1e-162): its
		// squares are subnormal, and a reflector formed from them without
		// scaling is not orthogonal to 1e-10 (found by FuzzSym, seed
		// 2bba44afe1cfd772). Eigenvalues 1 + ‖x‖², 0 and −‖x‖², i.e. 1, 0
		// and 0 in float64 to the tolerance here.
		{"tiny column", 3, []float64{1, -1e-157, 1e-162, -1e-157, 0, 0, 1e-162, 0, 0}, []float64{0, 0, 1}},
	} {
		a := symFromFull(tc.n, tc.a)
		before := mat.DenseCopyOf(a)
		vals, v, ok := Sym(a, true)
		if !ok {
			t.Fatalf("%s: ok = false", tc.name)
		}
		if !mat.Equal(a, before) {
			t.Errorf("%s: input modified", tc.name)
		}
		for i := range tc.want {
			if d := math.Abs(vals[i] - tc.want[i]); d > 2e-15*maxAbs(tc.want) {
				t.Errorf("%s: λ[%d] = %v, want %v", tc.name, i, vals[i], tc.want[i])
			}
		}
		if tc.name != "huge" { // A·V would overflow in the check itself
			checkDecomposition(t, tc.name, a, vals, v, 1e-15)
		}
		vals2, v2, ok := Sym(a, false)
		if !ok || v2 != nil {
			t.Errorf("%s: values only: ok = %v, vecs = %v", tc.name, ok, v2)
		}
		for i := range vals2 {
			if vals2[i] != vals[i] {
				t.Errorf("%s: values only λ[%d] = %v, with vectors %v", tc.name, i, vals2[i], vals[i])
			}
		}
	}
}

func TestEmptyAndNonFinite(t *testing.T) {
	vals, v, ok := Sym(&mat.SymDense{}, true)
	if !ok || len(vals) != 0 || v == nil || !v.IsEmpty() {
		t.Errorf("0×0: got %v, %v, %v", vals, v, ok)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for _, pos := range [][2]int{{0, 0}, {1, 3}, {3, 3}} {
			a := randomSym(rand.New(rand.NewPCG(1, 2)), 4)
			a.SetSym(pos[0], pos[1], bad)
			if vals, v, ok := Sym(a, true); ok || vals != nil || v != nil {
				t.Errorf("%v at %v: ok = %v", bad, pos, ok)
			}
		}
	}
}

func TestNilPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "eigen: nil matrix" {
			t.Errorf("recovered %v", r)
		}
	}()
	Sym(nil, false)
}

// FuzzSym decodes a symmetric matrix of order 1..12 from the input (three
// bytes per entry: a 16-bit integer mantissa and a power of two in
// [−60, 60]) and checks order, residual and orthogonality.
func FuzzSym(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{1, 0, 1, 60})
	f.Add([]byte{3, 0, 1, 60, 0, 1, 60, 0, 0, 0, 0, 1, 60, 0, 0, 0, 0, 1, 60})
	f.Add([]byte{2, 255, 255, 120, 0, 1, 0, 0, 0, 0})
	f.Add([]byte{5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		n := 1 + int(data[0])%12
		data = data[1:]
		a := mat.NewSymDense(n, nil)
		k := 0
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				var x float64
				if 3*k+2 < len(data) {
					m := int16(uint16(data[3*k])<<8 | uint16(data[3*k+1]))
					x = math.Ldexp(float64(m), int(data[3*k+2])%121-60)
				}
				a.SetSym(i, j, x)
				k++
			}
		}
		vals, v, ok := Sym(a, true)
		if !ok {
			t.Fatalf("ok = false for finite %v", mat.Formatted(a))
		}
		// Rescale the checks so that huge and tiny inputs compare alike.
		norm := maxAbs(vals)
		if norm == 0 {
			for _, x := range a.RawSymmetric().Data {
				if x != 0 {
					t.Fatalf("all eigenvalues zero for a non-zero matrix")
				}
			}
			return
		}
		s := mat.NewSymDense(n, nil)
		s.ScaleSym(1/norm, a)
		sv := make([]float64, n)
		for i := range vals {
			sv[i] = vals[i] / norm
		}
		checkDecomposition(t, "fuzz", s, sv, v, 1e-13)
	})
}

func benchmarkMatrix(n int) *mat.SymDense {
	return randomSym(rand.New(rand.NewPCG(uint64(n), 1)), n)
}

func BenchmarkSym(b *testing.B) {
	for _, n := range []int{10, 100, 316} {
		a := benchmarkMatrix(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, _, ok := Sym(a, true); !ok {
					b.Fatal("failed")
				}
			}
		})
	}
}

func BenchmarkGonumEigenSym(b *testing.B) {
	for _, n := range []int{10, 100, 316} {
		a := benchmarkMatrix(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				var e mat.EigenSym
				if !e.Factorize(a, true) {
					b.Fatal("failed")
				}
				var v mat.Dense
				e.VectorsTo(&v)
			}
		})
	}
}

func TestStridedView(t *testing.T) {
	// A SliceSym view has stride > n; the result must equal that of a copy.
	big := randomSym(rand.New(rand.NewPCG(3, 4)), 9)
	view := big.SliceSym(2, 7).(*mat.SymDense)
	cp := mat.NewSymDense(5, nil)
	cp.CopySym(view)
	v1, e1, ok1 := Sym(view, true)
	v2, e2, ok2 := Sym(cp, true)
	if !ok1 || !ok2 {
		t.Fatal("ok = false")
	}
	for i := range v1 {
		if v1[i] != v2[i] {
			t.Errorf("λ[%d]: view %v, copy %v", i, v1[i], v2[i])
		}
	}
	if !mat.Equal(e1, e2) {
		t.Error("eigenvectors of view and copy differ")
	}
}
