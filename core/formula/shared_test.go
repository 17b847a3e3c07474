package formula

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
	"github.com/wiodlab/wiodlab/core/table"
)

// TestBuildEmplUK compares Build on the Arellano–Bond panel with an
// independent pandas computation (testdata/gen_golden.py → emplUK.json): the
// rows used, and the sum and sum of squares of every design column.
func TestBuildEmplUK(t *testing.T) {
	dir := shared.Dir(t, "panels")
	f, err := os.Open(filepath.Join(dir, "emplUK.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := table.Read(f, table.ReadOptions{Name: "emplUK.csv"})
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Formula  string             `json:"formula"`
		If       string             `json:"if"`
		NObs     int                `json:"nobs"`
		Rows     []int              `json:"rows"`
		Sums     map[string]float64 `json:"sums"`
		SumSq    map[string]float64 `json:"sumsq"`
		FELevels map[string]int     `json:"fe_levels"`
	}
	shared.ReadJSON(t, "testdata/emplUK.json", &cases)
	for _, c := range cases {
		d := mustBuild(t, tb, c.Formula, BuildOptions{Panel: []string{"firm", "year"}, If: c.If})
		if len(d.Rows) != c.NObs || !reflect.DeepEqual(d.Rows, c.Rows) {
			t.Errorf("%s: %d rows, want %d (same rows: %v)", c.Formula, len(d.Rows), c.NObs, reflect.DeepEqual(d.Rows, c.Rows))
			continue
		}
		cols := map[string][]float64{d.YName: d.Y}
		for j, n := range d.XNames {
			cols[n] = d.X[j]
		}
		for name, want := range c.Sums {
			v, ok := cols[name]
			if !ok {
				t.Errorf("%s: no column %s in the design", c.Formula, name)
				continue
			}
			s, s2 := 0.0, 0.0
			for _, x := range v {
				s += x
				s2 += x * x
			}
			// Summation order differs from pandas: 1e-12 relative.
			if math.Abs(s-want) > 1e-12*math.Max(1, math.Abs(want)) || math.Abs(s2-c.SumSq[name]) > 1e-12*c.SumSq[name] {
				t.Errorf("%s: %s sums %v, %v; want %v, %v", c.Formula, name, s, s2, want, c.SumSq[name])
			}
		}
		for j, name := range d.FENames {
			if d.FELevels[j] != c.FELevels[name] {
				t.Errorf("%s: FE %s has %d levels, want %d", c.Formula, name, d.FELevels[j], c.FELevels[name])
			}
		}
	}
}
