package shared

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// EmplUK reads the Arellano–Bond panel panels/emplUK.csv (skipping the test
// when the shared data are absent) and adds n = log(emp), w = log(wage),
// k = log(capital) and ys = log(output), the variables of Arellano & Bond
// (1991) and Roodman's abdata.
func EmplUK(tb testing.TB) *table.Table {
	tb.Helper()
	f, err := os.Open(filepath.Join(Dir(tb, "panels"), "emplUK.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	t, err := table.Read(f, table.ReadOptions{Name: "emplUK.csv"})
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range [][2]string{{"emp", "n"}, {"wage", "w"}, {"capital", "k"}, {"output", "ys"}} {
		v, err := t.Floats(p[0])
		if err != nil {
			tb.Fatal(err)
		}
		l := make([]float64, len(v))
		for i, x := range v {
			l[i] = math.Log(x)
		}
		if err := t.AddFloat(p[1], l); err != nil {
			tb.Fatal(err)
		}
	}
	return t
}
