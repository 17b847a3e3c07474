package regress

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/wiodlab/wiodlab/core/vcov"
)

// benchModel returns a panel of n rows with k regressors and two fixed
// effects with g1 and g2 levels, clustered by the first (fixed seed). Unit i
// is i mod g1; with n = g1·g2 the panel is balanced (time i / g1), otherwise
// times are drawn at random.
func benchModel(n, k, g1, g2 int) *Model {
	rng := rand.New(rand.NewPCG(1, 2))
	m := &Model{YName: "y", Y: make([]float64, n), Intercept: true,
		FENames: []string{"id", "t"}, FE: [][]int{make([]int, n), make([]int, n)}, FELevels: []int{g1, g2},
		ClusterNames: []string{"id"}}
	a := make([]float64, g1)
	for i := range a {
		a[i] = rng.NormFloat64()
	}
	for j := 0; j < k; j++ {
		m.XNames = append(m.XNames, "x"+string(rune('1'+j)))
		m.X = append(m.X, make([]float64, n))
	}
	for i := 0; i < n; i++ {
		id := i % g1 // every id appears n/g1 times
		t := i / g1
		if n != g1*g2 {
			t = rng.IntN(g2)
		}
		m.FE[0][i], m.FE[1][i] = id, t
		y := a[id] + 0.1*float64(t)
		for j := 0; j < k; j++ {
			x := rng.NormFloat64() + 0.5*a[id] + 0.05*float64(t)
			m.X[j][i] = x
			y += float64(j+1) * 0.1 * x
		}
		m.Y[i] = y + rng.NormFloat64()
	}
	m.Clusters = [][]int{m.FE[0]}
	return m
}

func benchFit(b *testing.B, n, k, g1, g2 int) {
	m := benchModel(n, k, g1, g2)
	spec := vcov.Spec{Kind: vcov.Cluster, Clusters: []string{"id"}}
	c0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		if _, err := m.Fit(context.Background(), Options{VCov: spec}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if c := cpuTime() - c0; c > 0 {
		b.ReportMetric(float64(c.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkFitLarge is issue 3's case (a): 1,000,000 rows, 5 regressors,
// FE with 100,000 and 20 levels, clustered by the first. Target ≤ 1 s native.
func BenchmarkFitLarge(b *testing.B) { benchFit(b, 1_000_000, 5, 100_000, 20) }

// BenchmarkFitPaper is case (b): the paper-sized panel, 11,340 rows, FE with
// 756 and 15 levels. Target ≤ 20 ms native.
func BenchmarkFitPaper(b *testing.B) { benchFit(b, 11_340, 5, 756, 15) }
