package study

import (
	"math"
	"testing"
)

func TestGenerateDemoDeterministic(t *testing.T) {
	a, err := GenerateDemo(DemoOptions{Size: "small", Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, err := GenerateDemo(DemoOptions{Size: "small", Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	c, err := GenerateDemo(DemoOptions{Size: "small", Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.WIOT) != 15 || a.WIOT[0].IO.N() != 11*56 {
		t.Fatalf("got %d years of %d sectors, want 15 of 616", len(a.WIOT), a.WIOT[0].IO.N())
	}
	for k := range a.WIOT {
		za, zb, zc := a.WIOT[k].IO.Z.RawMatrix().Data, b.WIOT[k].IO.Z.RawMatrix().Data, c.WIOT[k].IO.Z.RawMatrix().Data
		same := true
		for i := range za {
			if za[i] != zb[i] {
				t.Fatalf("year %d: same seed gave different Z at %d", k, i)
			}
			if za[i] != zc[i] {
				same = false
			}
		}
		if same {
			t.Fatalf("year %d: seeds 7 and 8 gave identical Z", k)
		}
	}
	for _, name := range []string{"2000", "2014"} {
		va, _ := a.SEA.Floats(name)
		vb, _ := b.SEA.Floats(name)
		for i := range va {
			if va[i] != vb[i] {
				t.Fatalf("SEA %s row %d differs between runs with one seed", name, i)
			}
		}
	}
}

// TestDemoAccounting checks the identities the DGP promises: Z = A·diag(x)
// with x = Z·1 + f (Leontief balance), VA = x − column sums of Z, the SEA's
// GO equals the table's x times the exchange rate, and Var = VA/GO ∈ (0, 1).
func TestDemoAccounting(t *testing.T) {
	d, err := GenerateDemo(DemoOptions{Size: "small", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range d.WIOT {
		io := w.IO
		n := io.N()
		for i := 0; i < n; i++ {
			var row, col float64
			for j := 0; j < n; j++ {
				row += io.Z.At(i, j)
				col += io.Z.At(j, i)
			}
			if r := math.Abs(row+io.FinalDemand[i]-io.X[i]) / io.X[i]; r > 1e-9 {
				t.Fatalf("%d sector %d: Z·1 + f − x = %g relative", io.Year, i, r)
			}
			if r := math.Abs(io.X[i]-col-io.VA[i]) / io.X[i]; r > 1e-12 {
				t.Fatalf("%d sector %d: x − 1′Z − VA = %g relative", io.Year, i, r)
			}
			if io.VA[i] <= 0 {
				t.Fatalf("%d sector %d: VA %g ≤ 0", io.Year, i, io.VA[i])
			}
		}
	}
	ni := 56
	country, _ := d.SEA.Strings("country")
	variable, _ := d.SEA.Strings("variable")
	code, _ := d.SEA.Strings("code")
	cidx := map[string]int{}
	for k, c := range d.Countries {
		cidx[c] = k
	}
	val := map[string][]float64{}
	for _, y := range []string{"2000", "2007", "2014"} {
		val[y], _ = d.SEA.Floats(y)
	}
	find := func(c, v, ind string) int {
		for r := range country {
			if country[r] == c && variable[r] == v && code[r] == ind {
				return r
			}
		}
		t.Fatalf("SEA has no %s %s %s", c, v, ind)
		return -1
	}
	for _, c := range []string{"USA", "CHN"} {
		for _, ind := range []string{"C10-C12", "C26", "J61"} {
			rGO, rEx, rVA := find(c, "GO", ind), find(c, "NOMEXCH", ind), find(c, "VA", ind)
			for ti, y := range []string{"2000", "2007", "2014"} {
				k := []int{0, 7, 14}[ti]
				j := cidx[c]*ni + indexOf(ind)
				want := d.WIOT[k].IO.X[j] * val[y][rEx]
				if r := math.Abs(val[y][rGO]-want) / want; r > 1e-12 {
					t.Errorf("%s %s %s: SEA GO %g, table x·NOMEXCH %g", c, ind, y, val[y][rGO], want)
				}
				if v := val[y][rVA] / val[y][rGO]; !(v > 0 && v < 1) {
					t.Errorf("%s %s %s: Var = %g outside (0,1)", c, ind, y, v)
				}
			}
		}
	}
	if got := d.Truth.Coef["Dig"]; got != betaDig {
		t.Errorf("truth Dig = %g, want the DGP's %g", got, betaDig)
	}
}

func indexOf(code string) int {
	for i, c := range demoIndustries() {
		if c == code {
			return i
		}
	}
	return -1
}
