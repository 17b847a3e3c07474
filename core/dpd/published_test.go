package dpd

import (
	"math"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
)

// TestArellanoBondTable4 checks the published anchor: Arellano & Bond (1991,
// Review of Economic Studies 58: 277–297), Table 4, columns (a1) one-step with
// robust standard errors and (a2) two-step, the employment equation
//
//	xtabond2 n L.n L2.n w L.w L(0/2).(k ys) yr*, gmm(L.n) iv(w L.w L(0/2).(k ys) yr*) nolevel
//
// Values as printed (three significant digits); a value agrees when it rounds
// to the printed one, i.e. within half a unit of the last printed digit.
func TestArellanoBondTable4(t *testing.T) {
	data := shared.EmplUK(t)
	x, _ := ParseTerms("L.n L2.n w L.w L(0/2).(k ys)")
	iv, _ := ParseIV("w L.w L(0/2).(k ys)")
	g, _ := ParseGMM("L.n")
	m := Model{Y: "n", X: x, GMM: []GMMStyle{g}, IV: []IVStyle{iv}, TimeDummies: true}
	type val struct {
		name      string
		coef, se  float64
		cdig, sdg float64 // unit of the last printed digit
	}
	a1 := []val{
		{"L.n", 0.686, 0.145, 1e-3, 1e-3}, {"L2.n", -0.0854, 0.0560, 1e-4, 1e-4},
		{"w", -0.608, 0.178, 1e-3, 1e-3}, {"L.w", 0.393, 0.168, 1e-3, 1e-3},
		{"k", 0.357, 0.0590, 1e-3, 1e-4}, {"L2.k", -0.0199, 0.0327, 1e-4, 1e-4},
		{"ys", 0.609, 0.173, 1e-3, 1e-3}, {"L.ys", -0.711, 0.232, 1e-3, 1e-3},
		{"L2.ys", 0.106, 0.141, 1e-3, 1e-3},
	}
	a2 := []val{
		{"L.n", 0.629, math.NaN(), 1e-3, 0}, {"w", -0.526, math.NaN(), 1e-3, 0},
		{"L.w", 0.311, math.NaN(), 1e-3, 0}, {"k", 0.278, math.NaN(), 1e-3, 0},
		{"ys", 0.592, math.NaN(), 1e-3, 0}, {"L.ys", -0.566, math.NaN(), 1e-3, 0},
		{"L2.ys", 0.101, math.NaN(), 1e-3, 0},
	}
	for _, col := range []struct {
		name   string
		opt    Options
		vals   []val
		sargan float64 // printed Sargan, 25 df: (a1) one-step, (a2) two-step (= Hansen J)
	}{
		{"a1", Options{Robust: true}, a1, 65.8},
		{"a2", Options{TwoStep: true}, a2, 31.4},
	} {
		r, err := m.Fit(data, "firm", "year", col.opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range col.vals {
			c, se, ok := r.Coefficient(v.name)
			if !ok {
				t.Fatalf("%s: no %s", col.name, v.name)
			}
			if math.Abs(c-v.coef) > v.cdig/2 {
				t.Errorf("(%s) %s: coef %.5f, published %g", col.name, v.name, c, v.coef)
			}
			if !math.IsNaN(v.se) && math.Abs(se-v.se) > v.sdg/2 {
				t.Errorf("(%s) %s: se %.5f, published %g", col.name, v.name, se, v.se)
			}
		}
		stat := r.Sargan
		if col.opt.TwoStep {
			stat = r.Hansen
		}
		if math.Abs(stat.Stat-col.sargan) > 0.05 || stat.DF != 25 {
			t.Errorf("(%s) Sargan %.3f (%d df), published %g (25 df)", col.name, stat.Stat, stat.DF, col.sargan)
		}
		if r.NObs != 611 || r.NGroups != 140 || r.NInstruments != 41 {
			t.Errorf("(%s) nobs %d groups %d instruments %d; want 611, 140, 41", col.name, r.NObs, r.NGroups, r.NInstruments)
		}
	}
}
