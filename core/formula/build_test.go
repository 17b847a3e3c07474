package formula

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/panel"
	"github.com/wiodlab/wiodlab/core/table"
)

var N = math.NaN()

// smallTable: two firms over 2000-2003, firm b lacks 2002; y missing once.
func smallTable() *table.Table {
	t := table.New("small.csv")
	t.AddString("firm", []string{"a", "a", "a", "a", "b", "b", "b"}, nil)
	t.AddFloat("year", []float64{2000, 2001, 2002, 2003, 2000, 2001, 2003})
	t.AddFloat("y", []float64{1, 2, N, 4, 5, 6, 7})
	t.AddFloat("x", []float64{10, 20, 30, 40, 50, 60, 70})
	t.AddString("tech", []string{"high", "high", "low", "low", "high", "low", ""}, []bool{false, false, false, false, false, false, true})
	t.AddFloat("sector", []float64{3, 3, 1, 1, 2, 2, 2})
	return t
}

func mustBuild(t *testing.T, tb *table.Table, formula string, opt BuildOptions) *Design {
	t.Helper()
	f, err := Parse(formula)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Build(tb, f, opt)
	if err != nil {
		t.Fatalf("Build(%q): %v", formula, err)
	}
	return d
}

func TestBuild(t *testing.T) {
	tb := smallTable()
	d := mustBuild(t, tb, "y ~ x + L.x | firm + firm^tech", BuildOptions{Panel: []string{"firm", "year"}, Cluster: []string{"sector"}})
	// Rows: L.x needs the previous year: a2001, a2002 (y missing), a2003, b2001 (b2003 has no 2002);
	// tech missing at b2003 anyway.
	want := &Design{
		Rows: []int{1, 3, 5}, YName: "y", Y: []float64{2, 4, 6},
		XNames: []string{"x", "L.x"}, X: [][]float64{{20, 40, 60}, {10, 30, 50}}, Intercept: true,
		FENames: []string{"firm", "firm^tech"}, FE: [][]int{{0, 0, 1}, {0, 1, 2}}, FELevels: []int{2, 3},
		ClusterNames: []string{"sector"}, Clusters: [][]int{{2, 0, 1}},
	}
	wantNotes := []string{
		"panel firm × year: 2 units, 2000 to 2003 (4 periods), 7 observations, 3 to 4 per unit; unbalanced, with gaps (1 units miss 1 periods inside their span)",
		"4 rows dropped for missing values (missing per variable: y 1, L.x 3, tech 1)",
	}
	if !reflect.DeepEqual(d.Notes, wantNotes) {
		t.Errorf("notes %q", d.Notes)
	}
	d.Notes = nil
	if !reflect.DeepEqual(d, want) {
		t.Errorf("Build =\n%+v\nwant\n%+v", d, want)
	}

	d = mustBuild(t, tb, "y ~ x - 1", BuildOptions{If: `tech == "high" | year >= 2003`})
	if !reflect.DeepEqual(d.Rows, []int{0, 1, 3, 4, 6}) || d.Intercept {
		t.Errorf("filtered rows %v intercept %v", d.Rows, d.Intercept)
	}
	if len(d.Notes) != 1 || d.Notes[0] != "2 of 7 rows excluded by --if tech == \"high\" | year >= 2003" {
		t.Errorf("notes %q", d.Notes)
	}
	d = mustBuild(t, tb, "y ~ x", BuildOptions{})
	if len(d.Rows) != 6 || len(d.Notes) != 1 || d.Notes[0] != "1 rows dropped for missing values (missing per variable: y 1)" {
		t.Errorf("rows %v notes %q", d.Rows, d.Notes)
	}
	// A lag reaches into a row the filter excludes, as in Stata.
	d = mustBuild(t, tb, "y ~ L.x", BuildOptions{Panel: []string{"firm", "year"}, If: "year != 2000"})
	if !reflect.DeepEqual(d.Rows, []int{1, 3, 5}) || !reflect.DeepEqual(d.X[0], []float64{10, 30, 50}) {
		t.Errorf("lag across filter: rows %v L.x %v", d.Rows, d.X)
	}
	// Winsorising before the model.
	d = mustBuild(t, tb, "y ~ x", BuildOptions{Winsor: []panel.Winsor{{Vars: []string{"x"}, Low: 20, High: 80}}})
	// x sorted 10..70, n = 7: p20 → P = 1.4 → x_(2) = 20; p80 → P = 5.6 → x_(6) = 60.
	if !reflect.DeepEqual(d.X[0], []float64{20, 20, 40, 50, 60, 60}) {
		t.Errorf("winsorised x %v", d.X[0])
	}
	if tb.Col("x").F[0] != 10 {
		t.Error("Build modified the table")
	}
}

func TestBuildErrors(t *testing.T) {
	tb := smallTable()
	tb.AddFloat("empty", []float64{N, N, N, N, N, N, N})
	tb.AddFloat("w", []float64{N, N, 1, N, N, N, N})
	for _, tc := range []struct {
		formula string
		opt     BuildOptions
		want    string
	}{
		{"y ~ z", BuildOptions{}, `regressor "z" is not a column of small.csv (columns: empty, firm, sector, tech, w, x, y, year)`},
		{"y ~ x | nofe", BuildOptions{}, `fixed effect "nofe" is not a column`},
		{"y ~ x", BuildOptions{Cluster: []string{"cl"}}, `cluster variable "cl" is not a column`},
		{"y ~ tech", BuildOptions{}, `regressor "tech" holds text (row 1: "high")`},
		{"tech ~ x", BuildOptions{}, `dependent variable "tech" holds text`},
		{"y ~ x + empty", BuildOptions{}, "empty is missing in every row (7 rows)"},
		{"y ~ x + L.x", BuildOptions{}, "L.x uses a time-series operator but no panel is declared"},
		{"y ~ F5.x", BuildOptions{Panel: []string{"firm", "year"}}, "F5.x is missing in every row"},
		{"y ~ x", BuildOptions{Panel: []string{"firm"}}, "two columns"},
		{"y ~ x", BuildOptions{Panel: []string{"firm", "yr"}}, `panel variable "yr" is not a column`},
		{"y ~ x", BuildOptions{If: "year > 2100"}, `excludes all 7 rows`},
		{"y ~ x", BuildOptions{If: "year = 2000"}, `filter: unexpected "=" (write == to compare) at column 6`},
		{"y ~ x", BuildOptions{If: `year == "2000"`}, "type mismatch"},
		{"y ~ x", BuildOptions{If: "yr == 2000"}, `unknown variable "yr" (columns: empty, firm, sector, tech, w, x`},
		{"y ~ x", BuildOptions{If: "year == 2002"}, "y is missing in every row kept by the filter (1 rows)"},
		{"y ~ w", BuildOptions{If: "year != 2001"}, "no row has all of the variables (7 rows, 2 excluded by --if year != 2001; missing per variable: y 1, w 4)"},
		{"y ~ x", BuildOptions{Winsor: []panel.Winsor{{Vars: []string{"tech"}, Low: 1, High: 99}}}, "holds text"},
	} {
		f, err := Parse(tc.formula)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Build(tb, f, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Build(%q, %+v): %v\nwant %q", tc.formula, tc.opt, err, tc.want)
		}
	}
	// An empty table.
	if _, err := Build(table.New("empty.csv"), f0ForEmpty(), BuildOptions{}); err == nil || !strings.Contains(err.Error(), "empty.csv has no rows") {
		t.Errorf("empty table: %v", err)
	}
	// Infinite values.
	tb3 := smallTable()
	tb3.Col("x").F[4] = math.Inf(-1)
	f0, _ := Parse("y ~ x")
	if _, err := Build(tb3, f0, BuildOptions{}); err == nil || !strings.Contains(err.Error(), "x is infinite at row 5") {
		t.Errorf("infinite value: %v", err)
	}
	// Duplicate panel rows.
	tb2 := smallTable()
	tb2.Col("year").F[1] = 2000
	f, _ := Parse("y ~ L.x")
	if _, err := Build(tb2, f, BuildOptions{Panel: []string{"firm", "year"}}); err == nil || !strings.Contains(err.Error(), "appears twice, at rows 1 and 2") {
		t.Errorf("duplicate panel rows: %v", err)
	}
	// Without operators the panel is not needed, and duplicates do not matter.
	f, _ = Parse("y ~ x")
	if _, err := Build(tb2, f, BuildOptions{Panel: []string{"firm", "year"}}); err != nil {
		t.Errorf("panel without operators: %v", err)
	}
}

// TestBuildPermutation: permuting the rows of the table permutes the design's
// rows and changes nothing else (values, FE and cluster codes).
func TestBuildPermutation(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 1))
	n := 400
	tb := table.New("rand")
	id := make([]string, n)
	yr := make([]float64, n)
	y, x, z := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range id {
		id[i] = string(rune('a' + i/20))
		yr[i] = float64(1990 + i%20)
		y[i], x[i], z[i] = r.NormFloat64(), r.NormFloat64(), math.Round(r.Float64()*5)
		if r.Float64() < 0.05 {
			x[i] = N
		}
	}
	tb.AddString("id", id, nil)
	tb.AddFloat("year", yr)
	tb.AddFloat("y", y)
	tb.AddFloat("x", x)
	tb.AddFloat("z", z)
	opt := BuildOptions{Panel: []string{"id", "year"}, If: "z != 3", Cluster: []string{"id", "z"}}
	const fm = "y ~ x + L.x + D.y | id + year^z"
	d1 := mustBuild(t, tb, fm, opt)
	perm := r.Perm(n)
	d2 := mustBuild(t, tb.Subset(perm), fm, opt)
	if len(d1.Rows) != len(d2.Rows) || len(d1.Rows) == 0 {
		t.Fatalf("rows %d vs %d", len(d1.Rows), len(d2.Rows))
	}
	// Map each design row of d2 back to the original row, then to d1's position.
	pos := map[int]int{}
	for k, i := range d1.Rows {
		pos[i] = k
	}
	for k2, i2 := range d2.Rows {
		k1, ok := pos[perm[i2]]
		if !ok {
			t.Fatalf("row %d of the permuted table is used but its original is not", i2)
		}
		if d1.Y[k1] != d2.Y[k2] {
			t.Fatalf("y differs")
		}
		for j := range d1.X {
			if d1.X[j][k1] != d2.X[j][k2] {
				t.Fatalf("%s differs at original row %d", d1.XNames[j], perm[i2])
			}
		}
		for j := range d1.FE {
			if d1.FE[j][k1] != d2.FE[j][k2] {
				t.Fatalf("FE %s code differs", d1.FENames[j])
			}
		}
		for j := range d1.Clusters {
			if d1.Clusters[j][k1] != d2.Clusters[j][k2] {
				t.Fatalf("cluster %s code differs", d1.ClusterNames[j])
			}
		}
	}
	if !reflect.DeepEqual(d1.FELevels, d2.FELevels) || !reflect.DeepEqual(d1.Notes, d2.Notes) {
		t.Errorf("levels %v vs %v, notes %q vs %q", d1.FELevels, d2.FELevels, d1.Notes, d2.Notes)
	}
}

func TestFactorize(t *testing.T) {
	c := &table.Column{Name: "v", Kind: table.Float, F: []float64{2.5, -1, 2.5, N, 7, -1}}
	codes, labels := FactorizeLabels(c, []int{0, 1, 2, 3, 4, 5})
	if !reflect.DeepEqual(codes, []int{1, 0, 1, -1, 2, 0}) || !reflect.DeepEqual(labels, []string{"-1", "2.5", "7"}) {
		t.Errorf("float: %v %v", codes, labels)
	}
	// Integer ids take the direct-addressing path; the result is the same rule.
	c = &table.Column{Name: "v", Kind: table.Float, F: []float64{2001, 1999, 2001, 2000}}
	if codes, nl := Factorize(c, []int{3, 0, 1}); !reflect.DeepEqual(codes, []int{1, 2, 0}) || nl != 3 {
		t.Errorf("int: %v %d", codes, nl)
	}
	s := &table.Column{Name: "s", Kind: table.String, S: []string{"b", "a", "", "b"}, Missing: []bool{false, false, true, false}}
	if codes, nl := Factorize(s, []int{0, 1, 2, 3}); !reflect.DeepEqual(codes, []int{1, 0, -1, 1}) || nl != 2 {
		t.Errorf("string: %v %d", codes, nl)
	}
	a := &table.Column{Name: "a", Kind: table.String, S: []string{"x", "x", "y", "y", "x"}}
	b := &table.Column{Name: "b", Kind: table.Float, F: []float64{1, 2, 1, 1, 1}}
	if codes, nl := FactorizeMany([]*table.Column{a, b}, []int{0, 1, 2, 3, 4}); !reflect.DeepEqual(codes, []int{0, 1, 2, 2, 0}) || nl != 3 {
		t.Errorf("interaction: %v %d", codes, nl)
	}
}

func f0ForEmpty() *Formula {
	f, err := Parse("y ~ x")
	if err != nil {
		panic(err)
	}
	return f
}
