package formula

import (
	"math/rand/v2"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// benchTable returns a panel of units × periods rows with 5 regressors, a
// unit id (float) and a 20-level group, rows in random order.
func benchTable(units, periods int) *table.Table {
	r := rand.New(rand.NewPCG(1, 2))
	n := units * periods
	id, yr, grp := make([]float64, n), make([]float64, n), make([]float64, n)
	cols := make([][]float64, 6)
	for k := range cols {
		cols[k] = make([]float64, n)
	}
	perm := r.Perm(n)
	for i := 0; i < n; i++ {
		p := perm[i]
		id[p], yr[p], grp[p] = float64(i/periods), float64(2000+i%periods), float64(r.IntN(20))
		for k := range cols {
			cols[k][p] = r.NormFloat64()
		}
	}
	t := table.New("bench")
	t.AddFloat("id", id)
	t.AddFloat("year", yr)
	t.AddFloat("g", grp)
	for k, name := range []string{"y", "x1", "x2", "x3", "x4", "x5"} {
		t.AddFloat(name, cols[k])
	}
	return t
}

func benchBuild(b *testing.B, units, periods int, formula string, opt BuildOptions) {
	t := benchTable(units, periods)
	f, err := Parse(formula)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Build(t, f, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild1M: issue 3's benchmark (a) design, 1,000,000 rows, two FE
// (100,000 and 20 levels), clustered by the first.
func BenchmarkBuild1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M rows")
	}
	benchBuild(b, 100000, 10, "y ~ x1 + x2 + x3 + x4 + x5 | id + g", BuildOptions{Cluster: []string{"id"}})
}

// BenchmarkBuildPaper: the paper-sized panel (756 units × 15 years) with a
// lag, a filter and two FE.
func BenchmarkBuildPaper(b *testing.B) {
	benchBuild(b, 756, 15, "y ~ x1 + L.x1 + x2 + x3 + x4 | id + year", BuildOptions{Panel: []string{"id", "year"}, If: "year != 2008", Cluster: []string{"id"}})
}

func BenchmarkParse(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Parse("Var ~ Dig + L.Dig + scale + emp + cl + fdi + tradeopen | cn^ind + year | Dig ~ L.Dig + DigOther"); err == nil {
			b.Fatal("expected the duplicate L.Dig error")
		}
		if _, err := Parse("Var ~ scale + emp + cl + fdi + tradeopen | cn^ind + year | Dig ~ L.Dig + DigOther"); err != nil {
			b.Fatal(err)
		}
	}
}
