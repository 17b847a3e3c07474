package iv

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"

	"github.com/wiodlab/wiodlab/core/vcov"
	"gonum.org/v1/gonum/mat"
)

// svdTol is the agreement required of singular values and of U·Σ·V' with
// A, relative to σ_max: a backward-stable SVD is exact for a matrix within
// a small multiple of ε·σ_max ≈ 2.2e-16·σ_max of A.
const svdTol = 1e-13

type svdGolden struct {
	Name string      `json:"name"`
	A    [][]float64 `json:"a"`
	S    []float64   `json:"s"`
	U    [][]float64 `json:"u"`
	V    [][]float64 `json:"v"`
}

// TestSVDGolden compares svdFull with numpy.linalg.svd
// (testdata/svd_golden.py → testdata/svd_golden.json).
func TestSVDGolden(t *testing.T) {
	var g struct {
		Cases []svdGolden `json:"cases"`
	}
	shared.ReadJSON(t, "testdata/svd_golden.json", &g)
	if len(g.Cases) < 20 {
		t.Fatalf("svd_golden.json has %d cases, want ≥ 20", len(g.Cases))
	}
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			a := rowsDense(c.A)
			m, n := a.Dims()
			sigma, u, v, err := svdFull(a)
			if err != nil {
				t.Fatal(err)
			}
			smax := c.S[0]
			for i := range sigma {
				if d := math.Abs(sigma[i] - c.S[i]); d > svdTol*smax {
					t.Errorf("σ[%d] = %.17g, numpy %.17g (|diff|/σ_max = %.2g)", i, sigma[i], c.S[i], d/smax)
				}
			}
			checkSVD(t, a, sigma, u, v, svdTol)
			if smax == 0 {
				return
			}
			nu, nv := rowsDense(c.U), rowsDense(c.V)
			// σ extended by the m−n zero singular values of the completion.
			ext := make([]float64, m)
			copy(ext, c.S)
			for i := 0; i < n; i++ {
				if c.S[i] == 0 {
					continue
				}
				// Perturbation theory (Wedin 1972): a singular vector moves by
				// about ε·σ_max/gap; compare where that is small.
				if tol := svdTol * smax / gap(ext, i); tol < 1e-4 {
					compareUpToSign(t, "u", i, u, nu, tol)
				}
				if tol := svdTol * smax / gap(c.S, i); tol < 1e-4 {
					compareUpToSign(t, "v", i, v, nv, tol)
				}
			}
			// The completion U[:, n:] is not unique; its span is, when σ_n > 0.
			if m > n && c.S[n-1] > 0 {
				if tol := svdTol * smax / c.S[n-1]; tol < 1e-4 {
					p, q := projector(u, n, m), projector(nu, n, m)
					if d := maxAbsDiff(p, q); d > tol {
						t.Errorf("projector on U[:, %d:] differs from numpy's by %.2g > %.2g", n, d, tol)
					}
				}
			}
		})
	}
}

// TestSVDProperties checks svdFull on random matrices of random shapes and
// conditioning (fixed seed) against gonum's LAPACK SVD (used only here, in
// the test, not in the wasm build).
func TestSVDProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := 0; trial < 300; trial++ {
		n := 1 + rng.IntN(6)
		m := n + rng.IntN(8)
		a := mat.NewDense(m, n, nil)
		for j := 0; j < n; j++ {
			scale := math.Pow(10, float64(rng.IntN(13)-6)) // columns 1e-6 … 1e6
			for i := 0; i < m; i++ {
				a.Set(i, j, scale*rng.NormFloat64())
			}
		}
		if trial%5 == 0 && n > 1 { // rank deficient: a column repeated
			for i := 0; i < m; i++ {
				a.Set(i, n-1, 2*a.At(i, 0))
			}
		}
		sigma, u, v, err := svdFull(a)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		var ref mat.SVD
		if !ref.Factorize(a, mat.SVDNone) {
			t.Fatalf("trial %d: gonum SVD failed", trial)
		}
		want := ref.Values(nil)
		for i := range want {
			if d := math.Abs(sigma[i] - want[i]); d > svdTol*want[0] {
				t.Errorf("trial %d (%d×%d): σ[%d] = %.17g, gonum %.17g", trial, m, n, i, sigma[i], want[i])
			}
		}
		checkSVD(t, a, sigma, u, v, svdTol)
	}
}

// TestSVDEdge covers inputs the rank test should never produce but svdFull
// must handle: non-finite entries (an error) and subnormal scales.
func TestSVDEdge(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		a := mat.NewDense(3, 2, []float64{1, 2, 3, bad, 5, 6})
		if _, _, _, err := svdFull(a); err != errSingular {
			t.Errorf("entry %v: err = %v, want errSingular", bad, err)
		}
	}
	// Subnormal entries: the power-of-two scaling keeps them exact.
	tiny := math.SmallestNonzeroFloat64
	a := mat.NewDense(3, 2, []float64{3 * tiny, 0, 0, 4 * tiny, 0, 0})
	sigma, u, v, err := svdFull(a)
	if err != nil {
		t.Fatal(err)
	}
	if sigma[0] != 4*tiny || sigma[1] != 3*tiny {
		t.Errorf("σ = %v, want [4, 3]·2⁻¹⁰⁷⁴", sigma)
	}
	checkOrtho(t, "U", u, 1e-15)
	checkOrtho(t, "V", v, 1e-15)
	// Programmer mistakes: fewer rows than columns, no columns.
	for _, a := range []*mat.Dense{mat.NewDense(2, 3, nil), {}} {
		func() {
			defer func() {
				if recover() == nil {
					r, c := a.Dims()
					t.Errorf("%d×%d: svdFull did not panic", r, c)
				}
			}()
			svdFull(a)
		}()
	}
}

// TestKPRotationInvariance checks the property the rank test relies on to
// accept any completion of U: the robust rk statistics do not change when
// U's last L−K+1 columns are rotated by an orthogonal Q, nor when V's last
// column changes sign.
func TestKPRotationInvariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for _, tc := range []struct{ n, k, l int }{{300, 1, 3}, {300, 2, 5}, {200, 3, 3}, {400, 2, 7}} {
		z := make([][]float64, tc.l)
		for j := range z {
			z[j] = make([]float64, tc.n)
			for i := range z[j] {
				z[j][i] = rng.NormFloat64()
			}
		}
		y := make([][]float64, tc.k)
		for j := range y {
			y[j] = make([]float64, tc.n)
			for i := range y[j] {
				// Weak first stage with heteroskedastic errors.
				y[j][i] = 0.2*z[j%tc.l][i] + (1+math.Abs(z[0][i]))*rng.NormFloat64()
			}
		}
		rob := newRobustness(vcov.HC1, nil)
		th, err := kpTheta(y, z)
		if err != nil {
			t.Fatal(err)
		}
		_, u, v, err := svdFull(th.theta)
		if err != nil {
			t.Fatal(err)
		}
		stat, err := th.statistic(u, v, z, rob)
		if err != nil {
			t.Fatal(err)
		}
		lm := stat(y)

		m := tc.l - tc.k + 1
		q := randomOrthogonal(rng, m)
		var rot mat.Dense
		rot.Mul(u.Slice(0, tc.l, tc.k-1, tc.l), q)
		u2 := mat.DenseCopyOf(u)
		for c := 0; c < m; c++ {
			for r := 0; r < tc.l; r++ {
				u2.Set(r, tc.k-1+c, rot.At(r, c))
			}
		}
		v2 := mat.DenseCopyOf(v)
		for r := 0; r < tc.k; r++ {
			v2.Set(r, tc.k-1, -v.At(r, tc.k-1))
		}
		stat2, err := th.statistic(u2, v2, z, rob)
		if err != nil {
			t.Fatal(err)
		}
		lm2 := stat2(y)
		if math.Abs(lm2-lm) > 1e-10*math.Abs(lm) || lm <= 0 {
			t.Errorf("n=%d k=%d l=%d: rk LM %.17g after rotating U's last %d columns, %.17g before", tc.n, tc.k, tc.l, lm2, m, lm)
		}
	}
}

// checkSVD checks U and V orthogonal, σ descending and non-negative, V's
// sign convention, and U·diag(σ)·V' = A, all to tol relative to σ_max.
func checkSVD(t *testing.T, a *mat.Dense, sigma []float64, u, v *mat.Dense, tol float64) {
	t.Helper()
	m, n := a.Dims()
	if ur, uc := u.Dims(); ur != m || uc != m {
		t.Fatalf("U is %d×%d, want %d×%d", ur, uc, m, m)
	}
	if vr, vc := v.Dims(); vr != n || vc != n {
		t.Fatalf("V is %d×%d, want %d×%d", vr, vc, n, n)
	}
	for i := range sigma {
		if sigma[i] < 0 || (i > 0 && sigma[i] > sigma[i-1]) {
			t.Fatalf("σ = %v not descending and non-negative", sigma)
		}
	}
	checkOrtho(t, "U", u, tol)
	checkOrtho(t, "V", v, tol)
	for j := 0; j < n; j++ {
		big := 0
		for i := 0; i < n; i++ {
			if math.Abs(v.At(i, j)) > math.Abs(v.At(big, j)) {
				big = i
			}
		}
		if v.At(big, j) < 0 {
			t.Errorf("V[:, %d] has its largest entry negative", j)
		}
	}
	us := mat.NewDense(m, n, nil)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			us.Set(i, j, u.At(i, j)*sigma[j])
		}
	}
	var rec mat.Dense
	rec.Mul(us, v.T())
	if d := maxAbsDiff(&rec, a); d > tol*sigma[0] {
		t.Errorf("max |UΣV' − A| = %.3g > %.0e·σ_max (σ_max = %.3g)", d, tol, sigma[0])
	}
}

func checkOrtho(t *testing.T, name string, q *mat.Dense, tol float64) {
	t.Helper()
	r, _ := q.Dims()
	var qq mat.Dense
	qq.Mul(q.T(), q)
	if d := maxAbsDiff(&qq, eye(r)); d > tol {
		t.Errorf("max |%s'%s − I| = %.3g > %.0e", name, name, d, tol)
	}
}

func compareUpToSign(t *testing.T, name string, j int, got, want *mat.Dense, tol float64) {
	t.Helper()
	r, _ := got.Dims()
	var same, flip float64
	for i := 0; i < r; i++ {
		same = math.Max(same, math.Abs(got.At(i, j)-want.At(i, j)))
		flip = math.Max(flip, math.Abs(got.At(i, j)+want.At(i, j)))
	}
	if d := math.Min(same, flip); d > tol {
		t.Errorf("%s[:, %d] differs from numpy's (up to sign) by %.3g > %.3g", name, j, d, tol)
	}
}

// gap is the distance from s[i] to the nearest other entry of s (+Inf when
// s has one entry).
func gap(s []float64, i int) float64 {
	g := math.Inf(1)
	for j, v := range s {
		if j != i {
			g = math.Min(g, math.Abs(v-s[i]))
		}
	}
	return g
}

// projector returns Q·Q' for the columns from..to−1 of q.
func projector(q *mat.Dense, from, to int) *mat.Dense {
	r, _ := q.Dims()
	s := q.Slice(0, r, from, to)
	var p mat.Dense
	p.Mul(s, s.T())
	return &p
}

func maxAbsDiff(a, b mat.Matrix) float64 {
	r, c := a.Dims()
	var d float64
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			d = math.Max(d, math.Abs(a.At(i, j)-b.At(i, j)))
		}
	}
	return d
}

func eye(n int) *mat.Dense {
	e := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		e.Set(i, i, 1)
	}
	return e
}

func rowsDense(rows [][]float64) *mat.Dense {
	d := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		d.SetRow(i, r)
	}
	return d
}

// randomOrthogonal returns the Q factor of a Gaussian m×m matrix (gonum's
// Householder QR).
func randomOrthogonal(rng *rand.Rand, m int) *mat.Dense {
	g := mat.NewDense(m, m, nil)
	for i := 0; i < m; i++ {
		for j := 0; j < m; j++ {
			g.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var q mat.Dense
	qr.QTo(&q)
	return &q
}

// FuzzSVD decomposes random matrices with columns scaled over a wide range
// of powers of two, some zero or repeated, and checks the decomposition.
func FuzzSVD(f *testing.F) {
	f.Add(uint64(1), uint8(3), uint8(2), int8(0), uint8(0))
	f.Add(uint64(2), uint8(7), uint8(4), int8(60), uint8(1))
	f.Add(uint64(3), uint8(1), uint8(1), int8(-100), uint8(2))
	f.Add(uint64(4), uint8(12), uint8(6), int8(127), uint8(3))
	f.Fuzz(func(t *testing.T, seed uint64, rows, cols uint8, spread int8, degenerate uint8) {
		n := int(cols)%8 + 1
		m := n + int(rows)%10
		rng := rand.New(rand.NewPCG(seed, 13))
		a := mat.NewDense(m, n, nil)
		for j := 0; j < n; j++ {
			// Column scales 2^e, e uniform in ±|spread|·4 (at most ±508).
			e := 0
			if s := int(spread); s != 0 {
				w := 4 * max(s, -s)
				e = rng.IntN(2*w+1) - w
			}
			for i := 0; i < m; i++ {
				a.Set(i, j, math.Ldexp(rng.NormFloat64(), e))
			}
			switch {
			case degenerate&1 != 0 && j == n-1 && n > 1: // repeated column
				for i := 0; i < m; i++ {
					a.Set(i, j, -a.At(i, 0))
				}
			case degenerate&2 != 0 && j%2 == 1: // zero columns
				for i := 0; i < m; i++ {
					a.Set(i, j, 0)
				}
			}
		}
		sigma, u, v, err := svdFull(a)
		if err != nil {
			t.Fatal(err)
		}
		if sigma[0] == 0 {
			checkOrtho(t, "U", u, 1e-13)
			checkOrtho(t, "V", v, 1e-13)
			return
		}
		checkSVD(t, a, sigma, u, v, 1e-12)
	})
}

// BenchmarkSVD times svdFull against gonum's LAPACK SVD (mat.SVDFull) on
// Θ-sized matrices (L instruments × K endogenous regressors).
func BenchmarkSVD(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, sz := range [][2]int{{3, 1}, {5, 2}, {10, 3}, {30, 6}} {
		a := mat.NewDense(sz[0], sz[1], nil)
		for i := 0; i < sz[0]; i++ {
			for j := 0; j < sz[1]; j++ {
				a.Set(i, j, rng.NormFloat64())
			}
		}
		b.Run(fmt.Sprintf("jacobi/%dx%d", sz[0], sz[1]), func(b *testing.B) {
			for b.Loop() {
				if _, _, _, err := svdFull(a); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("gonum/%dx%d", sz[0], sz[1]), func(b *testing.B) {
			for b.Loop() {
				var s mat.SVD
				if !s.Factorize(a, mat.SVDFull) {
					b.Fatal("gonum SVD failed")
				}
				var u, v mat.Dense
				s.UTo(&u)
				s.VTo(&v)
			}
		})
	}
}
