package command

import (
	"math"
	"testing"
)

// TestPanelDemo builds the panel from the small demo data and checks its
// shape, that nothing is missing, and that Dig survives the round trip: the
// generator computes Dig from A, writes Z = A·diag(x) in the world-table
// layout, and the panel reads it back, recovers A and recomputes Dig.
func TestPanelDemo(t *testing.T) {
	d := testDemo(t)
	res, err := Panel(Env{Source: d}, PanelOptions{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := 10 * 18 * 15; res.NRows != want {
		t.Fatalf("panel has %d rows, want %d (10 countries × 18 industries × 15 years)", res.NRows, want)
	}
	for _, v := range []string{"Var", "Dig", "scale", "emp", "cl", "Allocation", "fdi", "netinfra", "tariff", "Dig_other", "Ser"} {
		if n := res.Missing[v]; n != 0 {
			t.Errorf("%s has %d missing values, want 0", v, n)
		}
	}
	if n := res.Missing["tfp"]; n != 0 {
		t.Errorf("tfp has %d missing values, want 0 (notes: %v)", n, res.Notes)
	}
	cs, _ := res.Table.Strings("country")
	is, _ := res.Table.Strings("industry")
	ys, _ := res.Table.Floats("year")
	dig, _ := res.Table.Floats("Dig")
	ci := map[string]int{}
	for k, c := range d.Countries {
		ci[c] = k
	}
	ii := map[string]int{}
	for k, c := range d.WIOT[0].IO.Industry[:56] {
		ii[c] = k
	}
	var worst float64
	for r := range dig {
		want := d.Dig[int(ys[r])-2000][ci[cs[r]]][ii[is[r]]]
		worst = math.Max(worst, math.Abs(dig[r]-want))
	}
	// A = Z·diag(x)⁻¹ recovered from the table differs from the generator's
	// A only by rounding.
	if worst > 1e-10 {
		t.Errorf("panel Dig differs from the generator's Dig by %g", worst)
	}
}
