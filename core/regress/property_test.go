package regress

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/vcov"
)

// randomModel returns an unbalanced panel with fixed effects of the given
// levels, k regressors and a cluster variable equal to the first FE.
func randomModel(rng *rand.Rand, n, k int, levels []int) *Model {
	m := &Model{YName: "y", Y: make([]float64, n), Intercept: true, FELevels: levels}
	for d, g := range levels {
		c := make([]int, n)
		for i := range c {
			if i < g {
				c[i] = i
			} else {
				c[i] = rng.IntN(g)
			}
		}
		m.FE = append(m.FE, c)
		m.FENames = append(m.FENames, "fe"+string(rune('1'+d)))
	}
	for j := 0; j < k; j++ {
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64() + 0.3*float64(m.FE[0][i]%5)
		}
		m.X = append(m.X, x)
		m.XNames = append(m.XNames, "x"+string(rune('1'+j)))
	}
	for i := range m.Y {
		m.Y[i] = 2 + float64(m.FE[0][i]%7) - 0.5*float64(m.FE[len(levels)-1][i]%3) + rng.NormFloat64()
		for j := range m.X {
			m.Y[i] += float64(j+1) * m.X[j][i]
		}
	}
	m.ClusterNames = []string{"fe1"}
	m.Clusters = [][]int{m.FE[0]}
	return m
}

// withDummies returns the pooled model with one dummy per FE level added as
// regressors (the redundant ones are dropped by Fit's collinearity check).
func withDummies(m *Model) *Model {
	p := &Model{YName: m.YName, Y: m.Y, XNames: append([]string(nil), m.XNames...), X: append([][]float64(nil), m.X...),
		Intercept: true, ClusterNames: m.ClusterNames, Clusters: m.Clusters}
	for d, c := range m.FE {
		for g := 0; g < m.FELevels[d]; g++ {
			x := make([]float64, len(c))
			for i, v := range c {
				if v == g {
					x[i] = 1
				}
			}
			p.X = append(p.X, x)
			p.XNames = append(p.XNames, m.FENames[d]+"_"+string(rune('a'+g%26))+string(rune('a'+g/26)))
		}
	}
	return p
}

// TestFEEqualsDummies: absorbing one or two fixed effects gives the
// coefficients, standard errors (iid, hc1; K equal by the exact DoF count)
// and R² of the regression with explicit dummies.
func TestFEEqualsDummies(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, levels := range [][]int{{8}, {10, 5}, {15, 6}} {
		m := randomModel(rng, 120, 2, levels)
		d := withDummies(m)
		for _, vc := range []string{"iid", "hc1"} {
			spec, _ := vcov.Parse(vc)
			rf, err := m.Fit(context.Background(), Options{VCov: spec, KeepSingletons: true, Tol: 1e-13})
			if err != nil {
				t.Fatal(err)
			}
			rd, err := d.Fit(context.Background(), Options{VCov: spec})
			if err != nil {
				t.Fatal(err)
			}
			if rf.K != rd.K {
				t.Errorf("levels %v: K = %d, dummies %d", levels, rf.K, rd.K)
			}
			for j := range m.X {
				if e := relErr(rf.Coef[j], rd.Coef[j]); e > 1e-9 {
					t.Errorf("levels %v %s: coef %s %g vs %g", levels, vc, rf.Names[j], rf.Coef[j], rd.Coef[j])
				}
				if e := relErr(rf.SE[j], rd.SE[j]); e > 1e-8 {
					t.Errorf("levels %v %s: se %s %g vs %g", levels, vc, rf.Names[j], rf.SE[j], rd.SE[j])
				}
			}
			if e := relErr(rf.R2, rd.R2); e > 1e-10 {
				t.Errorf("levels %v: R² %g vs %g", levels, rf.R2, rd.R2)
			}
			if e := relErr(rf.R2Adj, rd.R2Adj); e > 1e-10 {
				t.Errorf("levels %v: adj. R² %g vs %g", levels, rf.R2Adj, rd.R2Adj)
			}
		}
	}
}

// TestPermutationInvariance: shuffling the rows changes no estimate.
func TestPermutationInvariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	m := randomModel(rng, 150, 3, []int{20, 6})
	perm := rng.Perm(150)
	p := &Model{YName: m.YName, XNames: m.XNames, Intercept: true, FENames: m.FENames, FELevels: m.FELevels, ClusterNames: []string{"fe1", "fe2"}}
	pf := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, j := range perm {
			out[i] = v[j]
		}
		return out
	}
	pi := func(v []int) []int {
		out := make([]int, len(v))
		for i, j := range perm {
			out[i] = v[j]
		}
		return out
	}
	p.Y = pf(m.Y)
	for _, x := range m.X {
		p.X = append(p.X, pf(x))
	}
	for _, c := range m.FE {
		p.FE = append(p.FE, pi(c))
	}
	m.ClusterNames = []string{"fe1", "fe2"}
	m.Clusters = [][]int{m.FE[0], m.FE[1]}
	p.Clusters = [][]int{p.FE[0], p.FE[1]}
	for _, vc := range []string{"iid", "hc1", "cluster:fe1", "cluster:fe1+fe2"} {
		spec, _ := vcov.Parse(vc)
		a, err := m.Fit(context.Background(), Options{VCov: spec, Tol: 1e-13})
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.Fit(context.Background(), Options{VCov: spec, Tol: 1e-13})
		if err != nil {
			t.Fatal(err)
		}
		for j := range a.Coef {
			if relErr(b.Coef[j], a.Coef[j]) > 1e-10 || relErr(b.SE[j], a.SE[j]) > 1e-9 {
				t.Errorf("%s %s: permuted %g (%g), original %g (%g)", vc, a.Names[j], b.Coef[j], b.SE[j], a.Coef[j], a.SE[j])
			}
		}
		if a.N != b.N || relErr(a.R2Within, b.R2Within) > 1e-10 {
			t.Errorf("%s: N/R² within differ", vc)
		}
	}
}

// TestWithVCov: recomputing the covariance of a finished fit equals fitting
// with that covariance.
func TestWithVCov(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	m := randomModel(rng, 100, 2, []int{12, 4})
	r, err := m.Fit(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	spec := vcov.Spec{Kind: vcov.Cluster, Clusters: []string{"fe1"}}
	a, err := r.WithVCov(spec)
	if err != nil {
		t.Fatal(err)
	}
	b, err := m.Fit(context.Background(), Options{VCov: spec})
	if err != nil {
		t.Fatal(err)
	}
	for j := range a.SE {
		if a.SE[j] != b.SE[j] {
			t.Errorf("se %s: %g vs %g", a.Names[j], a.SE[j], b.SE[j])
		}
	}
	if r.VCov.Kind != vcov.IID || math.IsNaN(r.SE[0]) {
		t.Error("WithVCov modified the original result")
	}
	if _, err := r.WithVCov(vcov.Spec{Kind: vcov.Cluster, Clusters: []string{"nope"}}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("unknown cluster: %v", err)
	}
}

// TestBadInput: data problems give clear errors or notes, never a panic or a
// silent NaN.
func TestBadInput(t *testing.T) {
	base := func() *Model {
		return &Model{YName: "y", Y: []float64{1, 2, 3, 4, 5, 7}, XNames: []string{"x"}, X: [][]float64{{1, 3, 2, 5, 4, 6}}, Intercept: true}
	}
	ctx := context.Background()

	m := base()
	m.X[0][2] = math.NaN()
	if _, err := m.Fit(ctx, Options{}); err == nil || !strings.Contains(err.Error(), "variable x has a non-finite value") || !strings.Contains(err.Error(), "observation 3") {
		t.Errorf("NaN regressor: %v", err)
	}

	m = &Model{YName: "y", Intercept: true}
	if _, err := m.Fit(ctx, Options{}); err == nil || !strings.Contains(err.Error(), "empty estimation sample") {
		t.Errorf("empty: %v", err)
	}

	m = base()
	m.XNames = append(m.XNames, "x2", "c")
	m.X = append(m.X, []float64{2, 6, 4, 10, 8, 12}, []float64{3, 3, 3, 3, 3, 3})
	r, err := m.Fit(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.Dropped, ",") != "x2,c" || !strings.Contains(strings.Join(r.Notes, "|"), "o.x2 omitted because of collinearity") ||
		!strings.Contains(strings.Join(r.Notes, "|"), "o.c omitted: c is constant") {
		t.Errorf("collinear/constant: dropped %v notes %v", r.Dropped, r.Notes)
	}
	for _, v := range append(r.Coef, r.SE...) {
		if math.IsNaN(v) {
			t.Errorf("NaN in %v %v", r.Coef, r.SE)
		}
	}

	// A regressor constant within the fixed effect is absorbed.
	m = base()
	m.FENames, m.FE, m.FELevels = []string{"g"}, [][]int{{0, 0, 0, 1, 1, 1}}, []int{2}
	m.XNames = append(m.XNames, "xg")
	m.X = append(m.X, []float64{5, 5, 5, -1, -1, -1})
	r, err = m.Fit(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.Dropped, ",") != "xg" || !strings.Contains(strings.Join(r.Notes, "|"), "o.xg omitted: xg is absorbed by the fixed effects") {
		t.Errorf("absorbed: %v %v", r.Dropped, r.Notes)
	}

	// One cluster only.
	m = base()
	m.ClusterNames, m.Clusters = []string{"c"}, [][]int{{0, 0, 0, 0, 0, 0}}
	if _, err := m.Fit(ctx, Options{VCov: vcov.Spec{Kind: vcov.Cluster, Clusters: []string{"c"}}}); err == nil || !strings.Contains(err.Error(), "at least 2") {
		t.Errorf("one cluster: %v", err)
	}

	// All singletons.
	m = base()
	m.FENames, m.FE, m.FELevels = []string{"g"}, [][]int{{0, 1, 2, 3, 4, 5}}, []int{6}
	if _, err := m.Fit(ctx, Options{}); err == nil || !strings.Contains(err.Error(), "singleton") {
		t.Errorf("all singletons: %v", err)
	}
}

// TestWeightsReplicate: integer weights give the coefficients and R² of the
// data with each row repeated that many times.
func TestWeightsReplicate(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	m := randomModel(rng, 80, 2, []int{9, 4})
	m.Weights = make([]float64, 80)
	r := &Model{YName: "y", XNames: m.XNames, Intercept: true, FENames: m.FENames, FELevels: m.FELevels,
		X: make([][]float64, 2), FE: make([][]int, 2)}
	for i := range m.Weights {
		k := 1 + rng.IntN(3)
		m.Weights[i] = float64(k)
		for range k {
			r.Y = append(r.Y, m.Y[i])
			for j := range r.X {
				r.X[j] = append(r.X[j], m.X[j][i])
			}
			for d := range r.FE {
				r.FE[d] = append(r.FE[d], m.FE[d][i])
			}
		}
	}
	a, err := m.Fit(context.Background(), Options{KeepSingletons: true, Tol: 1e-13})
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Fit(context.Background(), Options{KeepSingletons: true, Tol: 1e-13})
	if err != nil {
		t.Fatal(err)
	}
	for j := range a.Coef {
		if relErr(a.Coef[j], b.Coef[j]) > 1e-9 {
			t.Errorf("%s: weighted %g, replicated %g", a.Names[j], a.Coef[j], b.Coef[j])
		}
	}
	if relErr(a.R2, b.R2) > 1e-10 || relErr(a.R2Within, b.R2Within) > 1e-10 {
		t.Errorf("R²: weighted %g %g, replicated %g %g", a.R2, a.R2Within, b.R2, b.R2Within)
	}
}
