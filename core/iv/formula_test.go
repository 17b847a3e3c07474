package iv

import (
	"os"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"

	"github.com/wiodlab/wiodlab/core/formula"
	"github.com/wiodlab/wiodlab/core/table"
)

// TestFromFormula runs the reg CLI's path: read the CSV, parse the formula
// with its IV part, build the design, fit; it must reproduce the golden case
// fe2_one_cl_unit_year.
func TestFromFormula(t *testing.T) {
	f, err := os.Open("testdata/ivpanel.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := table.Read(f, table.ReadOptions{Name: "ivpanel.csv"})
	if err != nil {
		t.Fatal(err)
	}
	fm, err := formula.Parse("y ~ x1 + x2 | unit + year | d1 ~ z1 + z2")
	if err != nil {
		t.Fatal(err)
	}
	d, err := formula.Build(tb, fm, formula.BuildOptions{Cluster: []string{"unit", "year"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Fit(d, Options{VCov: "cluster:unit+year", Tol: 1e-14})
	if err != nil {
		t.Fatal(err)
	}
	var rg []goldenR
	shared.ReadJSON(t, "testdata/golden_r.json", &rg)
	for _, g := range rg {
		if g.Name != "fe2_one_cl_unit_year" {
			continue
		}
		for name, want := range g.Coef {
			if e := relErr(res.Coef[name], want); e > goldenTol {
				t.Errorf("coef[%s] = %v, golden %v", name, res.Coef[name], want)
			}
			if e := relErr(res.SE[name], g.SE[name]); e > goldenTol {
				t.Errorf("se[%s] = %v, golden %v", name, res.SE[name], g.SE[name])
			}
		}
		return
	}
	t.Fatal("golden case fe2_one_cl_unit_year not found")
}
