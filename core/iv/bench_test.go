package iv

import (
	"math/rand/v2"
	"testing"

	"github.com/wiodlab/wiodlab/core/formula"
)

// paperDesign is a paper-sized panel: 756 country-industries × 15 years
// (11,340 rows), unit and year fixed effects, one endogenous regressor, two
// instruments, three controls, clustered by unit.
func paperDesign() *formula.Design {
	const units, years = 756, 15
	n := units * years
	rng := rand.New(rand.NewPCG(756, 15))
	d := &formula.Design{YName: "va", Intercept: true,
		XNames: []string{"x1", "x2", "x3"}, EndoNames: []string{"dig"}, InstNames: []string{"L.dig", "dig_other"},
		FENames: []string{"unit", "year"}, FELevels: []int{units, years}, ClusterNames: []string{"unit"}}
	unit, year := make([]int, n), make([]int, n)
	y, dig := make([]float64, n), make([]float64, n)
	x := [][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
	z := [][]float64{make([]float64, n), make([]float64, n)}
	ai := make([]float64, units)
	for i := range ai {
		ai[i] = rng.NormFloat64()
	}
	for i := 0; i < n; i++ {
		unit[i], year[i] = i/years, i%years
		for j := range x {
			x[j][i] = rng.NormFloat64()
		}
		z[0][i], z[1][i] = rng.NormFloat64()+0.3*ai[unit[i]], rng.NormFloat64()
		v := rng.NormFloat64()
		dig[i] = 0.6*z[0][i] + 0.3*z[1][i] + ai[unit[i]] + 0.1*float64(year[i]) + v
		y[i] = 0.4*dig[i] + 0.2*x[0][i] - 0.1*x[1][i] + 2*ai[unit[i]] + 0.5*v + rng.NormFloat64()
	}
	d.Y, d.X, d.Endo, d.Inst = y, x, [][]float64{dig}, z
	d.FE, d.Clusters = [][]int{unit, year}, [][]int{unit}
	return d
}

// BenchmarkPaper2SLS: 2SLS with two-way fixed effects (756 + 15 levels),
// clustered by unit, with all first-stage and identification statistics.
func BenchmarkPaper2SLS(b *testing.B) {
	d := paperDesign()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Fit(d, Options{VCov: "cluster:unit"}); err != nil {
			b.Fatal(err)
		}
	}
}
