package dea

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// synthPanel draws groups×n DMUs over T periods with m inputs and s outputs
// from a Cobb–Douglas technology with inefficiency and technical progress.
func synthPanel(seed uint64, groups, n, T, m, s int) Panel {
	rng := rand.New(rand.NewPCG(seed, 1))
	p := Panel{Inputs: make([][]float64, m), Outputs: make([][]float64, s)}
	if groups > 1 {
		p.Group = []string{}
	}
	for g := 0; g < groups; g++ {
		for d := 0; d < n; d++ {
			size := make([]float64, m)
			for i := range size {
				size[i] = 10 * math.Exp(0.5*rng.NormFloat64())
			}
			for t := 0; t < T; t++ {
				p.DMU = append(p.DMU, fmt.Sprintf("d%03d", d))
				p.Time = append(p.Time, float64(2000+t))
				if groups > 1 {
					p.Group = append(p.Group, fmt.Sprintf("g%02d", g))
				}
				lx := 0.0
				for i := 0; i < m; i++ {
					x := size[i] * math.Exp(0.03*float64(t)+0.2*rng.NormFloat64())
					p.Inputs[i] = append(p.Inputs[i], x)
					lx += 0.45 * math.Log(x)
				}
				for r := 0; r < s; r++ {
					y := math.Exp(lx + 0.02*float64(t) - math.Abs(0.3*rng.NormFloat64()) + 0.1*rng.NormFloat64())
					p.Outputs[r] = append(p.Outputs[r], y)
				}
			}
		}
	}
	return p
}

// BenchmarkMalmquist runs the benchmark size: 756 DMUs × 15 periods,
// 2 inputs, 1 output, as 18 groups × 42 DMUs and as one frontier.
func BenchmarkMalmquist(b *testing.B) {
	for _, bc := range []struct {
		name      string
		groups, n int
	}{{"grouped18x42", 18, 42}, {"ungrouped756", 1, 756}} {
		p := synthPanel(7, bc.groups, bc.n, 15, 2, 1)
		b.Run(bc.name, func(b *testing.B) {
			var res *Result
			for b.Loop() {
				var err error
				res, err = Malmquist{}.Fit(context.Background(), p, nil)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Programs), "LPs/op")
			b.ReportMetric(float64(res.Iterations)/float64(res.Programs), "pivots/LP")
		})
	}
}

// BenchmarkEfficiency compares one output-oriented CRS program solved by
// Solver.Efficiency (over all DMUs, and with column generation) with the same
// program solved by gonum's lp.Simplex, for the frontier sizes of the grouped
// (42) and ungrouped (756) benchmark.
func BenchmarkEfficiency(b *testing.B) {
	for _, n := range []int{42, 756} {
		rng := rand.New(rand.NewPCG(9, uint64(n)))
		x, y := randFrontier(rng, n, 2, 1)
		f := NewFrontier(x, y)
		b.Run(fmt.Sprintf("dea/n=%d", n), func(b *testing.B) {
			sv := Solver{exhaustive: true} // all columns, like lp.Simplex
			j := 0
			for b.Loop() {
				if _, err := sv.Efficiency(f, x[j], y[j], Output, CRS); err != nil {
					b.Fatal(err)
				}
				j = (j + 1) % n
			}
		})
		b.Run(fmt.Sprintf("dea-colgen/n=%d", n), func(b *testing.B) {
			var sv Solver // column generation, as Malmquist.Fit runs it
			j := 0
			for b.Loop() {
				if _, err := sv.Efficiency(f, x[j], y[j], Output, CRS); err != nil {
					b.Fatal(err)
				}
				j = (j + 1) % n
			}
		})
		b.Run(fmt.Sprintf("gonum/n=%d", n), func(b *testing.B) {
			j := 0
			for b.Loop() {
				if _, err := gonumEfficiency(x, y, x[j], y[j], Output, CRS); err != nil {
					b.Fatal(err)
				}
				j = (j + 1) % n
			}
		})
	}
}
