package panel

import (
	"math/rand/v2"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

func benchPanel(units, periods int) (*table.Table, []float64) {
	r := rand.New(rand.NewPCG(7, 8))
	n := units * periods
	id, yr, x := make([]float64, n), make([]float64, n), make([]float64, n)
	perm := r.Perm(n)
	for i := 0; i < n; i++ {
		id[perm[i]], yr[perm[i]], x[perm[i]] = float64(i/periods), float64(2000+i%periods), r.NormFloat64()
	}
	t := table.New("bench")
	t.AddFloat("id", id)
	t.AddFloat("year", yr)
	t.AddFloat("x", x)
	return t, x
}

// BenchmarkIndexLag1M: declare a 1,000,000-row panel (100,000 × 10, rows
// shuffled) and take L.x.
func BenchmarkIndexLag1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M rows")
	}
	t, x := benchPanel(100000, 10)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		idx, err := New(t, "id", "year")
		if err != nil {
			b.Fatal(err)
		}
		idx.Lag(x, 1)
	}
}

// BenchmarkWinsor1M: winsorise 1,000,000 values at 1/99.
func BenchmarkWinsor1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M rows")
	}
	_, x := benchPanel(100000, 10)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Winsorize(x, 1, 99)
	}
}

// BenchmarkIndexLagPaper: the paper-sized panel, 756 × 15.
func BenchmarkIndexLagPaper(b *testing.B) {
	t, x := benchPanel(756, 15)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		idx, err := New(t, "id", "year")
		if err != nil {
			b.Fatal(err)
		}
		idx.Lag(x, 1)
	}
}
