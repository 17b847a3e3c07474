package dpd

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// paperPanel simulates the paper-sized panel of issue 4: 756 groups × 15
// years, y with two own lags and eight covariates x1..x8 (10 regressors),
// fixed seed.
func paperPanel(groups, years int) *table.Table {
	rng := rand.New(rand.NewPCG(2026, 4))
	n := groups * years
	cols := map[string][]float64{}
	names := []string{"id", "year", "y", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"}
	for _, c := range names {
		cols[c] = make([]float64, n)
	}
	for g := 0; g < groups; g++ {
		eta := rng.NormFloat64()
		y1, y2 := eta, eta
		const burn = 50 // start from the stationary distribution (Blundell–Bond's level moments)
		for t := -burn; t < years; t++ {
			y := 0.5*y1 - 0.1*y2 + eta + rng.NormFloat64()
			xs := make([]float64, 9)
			for k := 1; k <= 8; k++ {
				xs[k] = rng.NormFloat64()
				if k <= 2 { // x1, x2 correlated with the effect: GMM-style instruments
					xs[k] += 0.3 * eta
				}
				y += 0.1 * float64(k%3) * xs[k]
			}
			y2, y1 = y1, y
			if t < 0 {
				continue
			}
			i := g*years + t
			cols["id"][i], cols["year"][i] = float64(g+1), float64(2000+t)
			for k := 1; k <= 8; k++ {
				cols[fmt.Sprintf("x%d", k)][i] = xs[k]
			}
			cols["y"][i] = y
		}
	}
	tab := table.New("paper")
	for _, c := range names {
		tab.AddFloat(c, cols[c])
	}
	return tab
}

func paperModel(tb testing.TB, collapse bool) Model {
	m := mustModel(tb, "y", "L.y L2.y x1 x2 x3 x4 x5 x6 x7 x8", []string{"y x1 x2, lag(2 .)"}, []string{"x3 x4 x5 x6 x7 x8"}, true)
	m.Collapse = collapse
	return m
}

// BenchmarkSystemGMM: two-step system GMM with Windmeijer-corrected errors,
// AR and Sargan/Hansen tests, on 756 × 15 (target ≤ 1 s native, ≤ 5 s wasm,
// uncollapsed: 316 instruments).
func BenchmarkSystemGMM(b *testing.B) {
	data := paperPanel(756, 15)
	for _, c := range []struct {
		name     string
		collapse bool
	}{{"uncollapsed", false}, {"collapsed", true}} {
		b.Run(c.name, func(b *testing.B) {
			m := paperModel(b, c.collapse)
			var r *Result
			for b.Loop() {
				var err error
				if r, err = m.Fit(data, "id", "year", Options{TwoStep: true, Robust: true}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(r.NInstruments), "instruments")
		})
	}
}

// TestPaperPanel runs the benchmark model once as a test (skipped with -short)
// and checks that two-step system GMM recovers the simulation's coefficients.
func TestPaperPanel(t *testing.T) {
	if testing.Short() {
		t.Skip("paper-sized panel skipped in -short mode")
	}
	data := paperPanel(756, 15)
	pm := paperModel(t, false)
	r, err := pm.Fit(data, "id", "year", Options{TwoStep: true, Robust: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.NInstruments != 316 || r.NObs != 756*13 {
		t.Errorf("instruments %d nobs %d; want 316 and %d", r.NInstruments, r.NObs, 756*13)
	}
	// True values 0.5 and -0.1; four standard errors of slack.
	for name, want := range map[string]float64{"L.y": 0.5, "L2.y": -0.1, "x1": 0.1, "x3": 0} {
		c, se, _ := r.Coefficient(name)
		if d := c - want; d > 4*se || d < -4*se {
			t.Errorf("%s: %.4f (se %.4f), simulated %g", name, c, se, want)
		}
	}
}
