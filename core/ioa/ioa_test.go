package ioa

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/wiod"
)

// TestMillerBlair checks the two-sector example of Miller and Blair (2009),
// Input–Output Analysis, 2nd ed., Cambridge UP, sec. 2.3.1 (pp. 21–22):
// Z = [150 500; 200 100], x = (1000, 2000), so A = [.15 .25; .20 .05] and
// (I−A)⁻¹ = [1.254 .330; .264 1.122] as printed. By hand, det(I−A) = .85·.95 −
// .25·.20 = .7575 and (I−A)⁻¹ = [.95 .25; .20 .85]/.7575. Sector 1 is the
// "digital" set S, sector 2 the services.
func TestMillerBlair(t *testing.T) {
	tab := newTable([]string{"X", "X"}, []string{"s1", "s2"}, [][]float64{{150, 500}, {200, 100}}, []float64{1000, 2000})
	c := &wiod.Classification{Name: "mb", Digital: []string{"s1"}, Services: []string{"s2"}, Manufacturing: []string{"s1", "s2"}}

	a, _, err := Coefficients(tab)
	if err != nil {
		t.Fatal(err)
	}
	wantA := []float64{0.15, 0.25, 0.20, 0.05}
	if !mat.EqualApprox(a, mat.NewDense(2, 2, wantA), 1e-15) {
		t.Errorf("A = %v, want %v", mat.Formatted(a), wantA)
	}
	l, err := LeontiefInverse(a)
	if err != nil {
		t.Fatal(err)
	}
	printed := mat.NewDense(2, 2, []float64{1.254, 0.330, 0.264, 1.122})
	if !mat.EqualApprox(l, printed, 5e-4) {
		t.Errorf("L = %v, want the printed %v", mat.Formatted(l), mat.Formatted(printed))
	}
	const det = 0.7575
	L := [2][2]float64{{0.95 / det, 0.25 / det}, {0.20 / det, 0.85 / det}}
	for _, m := range []Method{Auto, Direct} {
		res, err := Compute(tab, c, Options{Method: m, FullInverse: true})
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 2; j++ {
			bS := L[0][j] - b2f(j == 0) // b_S,j = L_1j − δ_1j
			tot := L[0][j] + L[1][j] - 1
			want := Row{ADig: wantA[j], BDig: bS, Dig: bS / tot, DigDom: bS / tot, Serv: L[1][j] - b2f(j == 1)}
			got := res.Rows[j]
			for _, f := range []struct {
				name      string
				got, want float64
			}{{"a_dig", got.ADig, want.ADig}, {"b_dig", got.BDig, want.BDig}, {"dig", got.Dig, want.Dig},
				{"dig_dom", got.DigDom, want.DigDom}, {"dig_for", got.DigFor, 0}, {"serv", got.Serv, want.Serv}} {
				if math.Abs(f.got-f.want) > 1e-14 {
					t.Errorf("%v: sector %d %s = %.17g, want %.17g", m, j+1, f.name, f.got, f.want)
				}
			}
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// TestProperties checks on random MRIO tables (fixed seeds) that the fast
// solve matches a direct dense one and the defining identities hold:
// B ≥ 0, (I−A)(B+I) = I, Dig ∈ [0,1], dig_dom + dig_for = dig, and every
// indicator equals its definition evaluated on the full B.
func TestProperties(t *testing.T) {
	cases := []struct {
		nc, ni int
		lo, hi float64
	}{
		{1, 7, 0.4, 0.7},
		{2, 3, 0.1, 0.9},
		{5, 8, 0.5, 0.6},
		{9, 11, 0.3, 0.95},
		{12, 20, 0.5, 0.6},
	}
	for k, tc := range cases {
		rng := rand.New(rand.NewPCG(uint64(k+1), 42))
		tab := randomMRIO(rng, tc.nc, tc.ni, tc.lo, tc.hi)
		c := randomClassification(tc.ni)
		fast, err := Compute(tab, c, Options{FullInverse: true})
		if err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		slow, err := Compute(tab, c, Options{Method: Direct})
		if err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		if fast.Method != "block-gauss-seidel" || slow.Method != "lu" {
			t.Errorf("case %d: methods %q, %q", k, fast.Method, slow.Method)
		}
		a, _, _ := Coefficients(tab)
		n := tab.N()
		// (I−A)(B+I) = I.
		var lb, res mat.Dense
		lb.Add(fast.B, eye(n))
		res.Mul(identityMinus(a), &lb)
		res.Sub(&res, eye(n))
		if r := mat.Norm(&res, math.Inf(1)); r > 1e-10 {
			t.Errorf("case %d: ‖(I−A)(B+I) − I‖∞ = %g", k, r)
		}
		if m := mat.Min(fast.B); m < 0 {
			t.Errorf("case %d: min B = %g < 0", k, m)
		}
		dig, srv := set(c.Digital), set(c.Services)
		for j, row := range fast.Rows {
			var aS, bS, bDom, tot, sv float64
			for q := 0; q < n; q++ {
				b := fast.B.At(q, j)
				tot += b
				if srv[tab.Industry[q]] {
					sv += b
				}
				if !dig[tab.Industry[q]] {
					continue
				}
				aS += a.At(q, j)
				bS += b
				if tab.Country[q] == tab.Country[j] {
					bDom += b
				}
			}
			want := Row{ADig: aS, BDig: bS, Dig: bS / tot, DigDom: bDom / tot, DigFor: (bS - bDom) / tot, Serv: sv}
			for _, f := range []struct {
				name            string
				got, want, slow float64
			}{{"a_dig", row.ADig, want.ADig, slow.Rows[j].ADig}, {"b_dig", row.BDig, want.BDig, slow.Rows[j].BDig},
				{"dig", row.Dig, want.Dig, slow.Rows[j].Dig}, {"dig_dom", row.DigDom, want.DigDom, slow.Rows[j].DigDom},
				{"dig_for", row.DigFor, want.DigFor, slow.Rows[j].DigFor}, {"serv", row.Serv, want.Serv, slow.Rows[j].Serv}} {
				if math.Abs(f.got-f.want) > 1e-12 || math.Abs(f.got-f.slow) > 1e-12 {
					t.Errorf("case %d sector %d %s = %.17g; from B %.17g; direct %.17g", k, j, f.name, f.got, f.want, f.slow)
				}
			}
			if row.Dig < 0 || row.Dig > 1 || math.Abs(row.DigDom+row.DigFor-row.Dig) > 1e-15 {
				t.Errorf("case %d sector %d: dig %g, dom %g + for %g", k, j, row.Dig, row.DigDom, row.DigFor)
			}
			if tc.nc == 1 && row.DigFor != 0 {
				t.Errorf("case %d: a national table has dig_for = %g", k, row.DigFor)
			}
		}
	}
}

func eye(n int) *mat.Dense {
	m := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		m.Set(i, i, 1)
	}
	return m
}

// TestWorkersAndPermutation checks that the answer does not depend on the
// number of workers or on the order of the sectors (countries interleaved).
func TestWorkersAndPermutation(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	tab := randomMRIO(rng, 6, 9, 0.5, 0.6)
	c := randomClassification(9)
	one, err := Compute(tab, c, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	two, err := Compute(tab, c, Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Reverse the sector order: countries stay blocks but in reverse.
	n := tab.N()
	p := make([]int, n)
	for i := range p {
		p[i] = (i*7 + 3) % n // 7 is coprime to 54: interleaves countries
	}
	z := mat.NewDense(n, n, nil)
	rev := &wiod.IOTable{Source: "perm", Year: tab.Year, Z: z}
	for i := 0; i < n; i++ {
		rev.Country = append(rev.Country, tab.Country[p[i]])
		rev.Industry = append(rev.Industry, tab.Industry[p[i]])
		rev.X = append(rev.X, tab.X[p[i]])
		for j := 0; j < n; j++ {
			z.Set(i, j, tab.Z.At(p[i], p[j]))
		}
	}
	perm, err := Compute(rev, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for j := range one.Rows {
		a, b, q := one.Rows[j], two.Rows[j], perm.Rows[indexOfInt(p, j)]
		for _, d := range [][2]float64{{a.Dig, b.Dig}, {a.DigDom, b.DigDom}, {a.Serv, b.Serv}, {a.Dig, q.Dig}, {a.DigDom, q.DigDom}, {a.Serv, q.Serv}, {a.ADig, q.ADig}} {
			if math.Abs(d[0]-d[1]) > 1e-13 {
				t.Fatalf("sector %d: %v vs %v", j, d[0], d[1])
			}
		}
	}
}

func indexOfInt(p []int, v int) int {
	for i, x := range p {
		if x == v {
			return i
		}
	}
	return -1
}

// TestFallback forces the iteration to stop early: the direct LU takes over,
// a warning says so, and the numbers are unchanged.
func TestFallback(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	tab := randomMRIO(rng, 4, 6, 0.5, 0.6)
	c := randomClassification(6)
	ref, err := Compute(tab, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compute(tab, c, Options{MaxSweeps: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Method != "lu" || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "direct LU") {
		t.Fatalf("method %q, warnings %q", res.Method, res.Warnings)
	}
	for j := range ref.Rows {
		if d := math.Abs(ref.Rows[j].Dig - res.Rows[j].Dig); d > 1e-12 {
			t.Fatalf("sector %d: dig differs by %g", j, d)
		}
	}
}

// TestDifficultCoupling: two countries with one industry each, trading
// almost everything, so plain block Gauss–Seidel contracts only by 0.98² a
// sweep; Anderson mixing solves this two-dimensional problem in a few sweeps.
func TestDifficultCoupling(t *testing.T) {
	tab := newTable([]string{"A", "B"}, []string{"d", "d"}, [][]float64{{0, 98}, {98, 0}}, []float64{100, 100})
	c := &wiod.Classification{Name: "x", Digital: []string{"d"}}
	res, err := Compute(tab, c, Options{MaxSweeps: 50})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Compute(tab, c, Options{Method: Direct})
	if err != nil {
		t.Fatal(err)
	}
	if res.Method != "block-gauss-seidel" || res.Sweeps > 6 {
		t.Errorf("method %q, %d sweeps", res.Method, res.Sweeps)
	}
	for j := range ref.Rows {
		if d := math.Abs(ref.Rows[j].DigDom - res.Rows[j].DigDom); d > 1e-12 {
			t.Errorf("sector %d: dig_dom %g vs %g", j, res.Rows[j].DigDom, ref.Rows[j].DigDom)
		}
	}
}

func TestBadInput(t *testing.T) {
	c := &wiod.Classification{Name: "x", Digital: []string{"a"}}
	cases := []struct {
		name string
		tab  *wiod.IOTable
		want string
	}{
		{"negative output", newTable([]string{"USA", "USA"}, []string{"a", "b"}, [][]float64{{1, 2}, {3, 4}}, []float64{10, -5}), "gross output of USA-b is negative"},
		{"NaN output", newTable([]string{"USA", "USA"}, []string{"a", "b"}, [][]float64{{1, 2}, {3, 4}}, []float64{math.NaN(), 5}), "gross output of USA-a is NaN"},
		{"Inf in Z", newTable([]string{"USA", "USA"}, []string{"a", "b"}, [][]float64{{1, math.Inf(1)}, {3, 4}}, []float64{10, 10}), "Z[USA-a, USA-b] is +Inf"},
		{"duplicate", newTable([]string{"USA", "USA"}, []string{"a", "a"}, [][]float64{{1, 2}, {3, 4}}, []float64{10, 10}), "USA-a appears twice"},
		{"not M-matrix", newTable([]string{"USA", "USA"}, []string{"a", "b"}, [][]float64{{9, 2}, {8, 9}}, []float64{10, 10}), "USA-a, USA-b sum to 1 or more"},
		{"missing code", newTable([]string{"USA", "USA"}, []string{"b", "c"}, [][]float64{{1, 2}, {3, 4}}, []float64{10, 10}), "not in the table: a"},
		{"sizes", &wiod.IOTable{Source: "s", Country: []string{"A"}, Industry: []string{"a"}, Z: mat.NewDense(2, 2, nil), X: []float64{1}}, "Z is 2×2 but there are 1 sectors"},
	}
	for _, tc := range cases {
		_, err := Compute(tc.tab, c, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

// TestMMatrixWarning: a column whose coefficients sum past 1 passes with a
// warning when the spectral radius is still below 1 (here ρ(A) = 0.6).
func TestMMatrixWarning(t *testing.T) {
	// A = [0 1.2; 0.3 0]: column 2 sums to 1.2, ρ(A) = √0.36 = 0.6.
	tab := newTable([]string{"A", "A"}, []string{"a", "b"}, [][]float64{{0, 12}, {3, 0}}, []float64{10, 10})
	c := &wiod.Classification{Name: "x", Digital: []string{"a"}}
	res, err := Compute(tab, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "A-b sum to 1 or more") {
		t.Errorf("warnings %q", res.Warnings)
	}
	lo, hi := spectralBounds([]float64{0, 1.2, 0.3, 0}, 2, 2, 500)
	if lo > 0.6+1e-9 || hi < 0.6-1e-9 || hi >= 1 {
		t.Errorf("bounds [%g, %g] around ρ = 0.6", lo, hi)
	}
}

// TestZeroOutput: a sector with zero gross output has a zero column in A and
// zero indicators, with a warning, and never NaN.
func TestZeroOutput(t *testing.T) {
	tab := newTable([]string{"A", "A", "B"}, []string{"a", "b", "a"}, [][]float64{{1, 0, 2}, {3, 0, 1}, {1, 0, 4}}, []float64{10, 0, 20})
	c := &wiod.Classification{Name: "x", Digital: []string{"a"}, Services: []string{"b"}}
	res, err := Compute(tab, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "A-b") {
		t.Errorf("warnings %q", res.Warnings)
	}
	r := res.Rows[1]
	if r.ADig != 0 || r.BDig != 0 || r.Dig != 0 || r.DigDom != 0 || r.DigFor != 0 || r.Serv != 0 {
		t.Errorf("zero-output row %+v", r)
	}
	for _, r := range res.Rows {
		for _, v := range []float64{r.ADig, r.BDig, r.Dig, r.DigDom, r.DigFor, r.Serv} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("row %+v", r)
			}
		}
	}
}

func TestComputeYears(t *testing.T) {
	c := randomClassification(5)
	var tabs []*wiod.IOTable
	for y := 2005; y >= 2000; y-- {
		tab := randomMRIO(rand.New(rand.NewPCG(uint64(y), 1)), 3, 5, 0.5, 0.6)
		tab.Year = y
		tabs = append(tabs, tab)
	}
	rs, err := ComputeYears(tabs, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, tab := range tabs {
		one, err := Compute(tab, c, Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if rs[i].Year != tab.Year || math.Abs(rs[i].Rows[4].Dig-one.Rows[4].Dig) > 1e-14 {
			t.Errorf("table %d: year %d, dig %g vs %g", i, rs[i].Year, rs[i].Rows[4].Dig, one.Rows[4].Dig)
		}
	}
	long := Long(rs, true)
	if len(long) != 6*3*2 || long[0].Year != 2000 || long[len(long)-1].Year != 2005 || long[0].Industry != "i1" || long[1].Industry != "i2" || long[2].Industry != "i1" {
		t.Errorf("long table: %d rows, first %+v, second %+v", len(long), long[0], long[1])
	}
	// An error in one year is reported.
	bad := *tabs[2]
	bad.X = append([]float64(nil), bad.X...)
	bad.X[0] = -1
	tabs[2] = &bad
	if _, err := ComputeYears(tabs, c, Options{}); err == nil || !strings.Contains(err.Error(), "negative") {
		t.Errorf("error %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ComputeYears(tabs[:1], c, Options{Ctx: ctx}); err == nil {
		t.Error("no error from a cancelled context")
	}
}

// TestTinyInputs: a column whose only input is 1e-17 of its output, from the
// digital sector. B = A here (A² = 0), so b_S,2 = Σ_n b_n2 = 1e-17 and Dig = 1;
// computed as (1′L)_2 − 1 the total would round to 0.
func TestTinyInputs(t *testing.T) {
	tab := newTable([]string{"A", "A"}, []string{"d", "e"}, [][]float64{{0, 1e-14}, {0, 0}}, []float64{10, 1000})
	c := &wiod.Classification{Name: "x", Digital: []string{"d"}, Services: []string{"d"}}
	for _, m := range []Method{Auto, Direct} {
		res, err := Compute(tab, c, Options{Method: m})
		if err != nil {
			t.Fatal(err)
		}
		r := res.Rows[1]
		if r.Dig != 1 || r.DigDom != 1 || r.BDig != 1e-17 || r.Serv != 1e-17 || res.Rows[0].Dig != 0 {
			t.Errorf("%v: %+v", m, r)
		}
	}
}

// TestNoSplit checks that skipping the domestic/foreign split leaves every
// other indicator unchanged (to the solver's tolerance) and marks the split NaN.
func TestNoSplit(t *testing.T) {
	tab := randomMRIO(rand.New(rand.NewPCG(11, 12)), 4, 6, 0.5, 0.6)
	c := randomClassification(6)
	full, err := Compute(tab, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lite, err := Compute(tab, c, Options{NoSplit: true})
	if err != nil {
		t.Fatal(err)
	}
	for j, r := range full.Rows {
		l := lite.Rows[j]
		for _, p := range [][2]float64{{r.ADig, l.ADig}, {r.BDig, l.BDig}, {r.Dig, l.Dig}, {r.Serv, l.Serv}} {
			if math.Abs(p[0]-p[1]) > 1e-12 {
				t.Fatalf("sector %d: with split %g, without %g", j, p[0], p[1])
			}
		}
		if !math.IsNaN(l.DigDom) || !math.IsNaN(l.DigFor) {
			t.Fatalf("sector %d: NoSplit left dig_dom %g, dig_for %g", j, l.DigDom, l.DigFor)
		}
	}
}
