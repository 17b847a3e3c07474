package regress

import (
	"bufio"
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
	"github.com/wiodlab/wiodlab/core/vcov"
)

// golden is testdata/golden.json, written by testdata/gen_golden.R.
type golden struct {
	Panel map[string][]float64 `json:"panel"`
	Cases []goldenCase         `json:"cases"`
}

type goldenCase struct {
	Label     string         `json:"label"`
	Data      string         `json:"data"`
	Y         string         `json:"y"`
	X         []string       `json:"x"`
	FE        []string       `json:"fe"`
	VCov      string         `json:"vcov"`
	Names     []string       `json:"names"`
	Coef      []float64      `json:"coef"`
	SE        []float64      `json:"se"`
	T         []float64      `json:"tstat"`
	P         []float64      `json:"pvalue"`
	Lo        []float64      `json:"lo"`
	Hi        []float64      `json:"hi"`
	N         int            `json:"nobs"`
	Single    int            `json:"singletons"`
	R2        float64        `json:"r2"`
	R2Adj     float64        `json:"r2_adj"`
	R2Within  float64        `json:"r2_within"`
	F         *float64       `json:"f"`
	DF        int            `json:"df"`
	K         int            `json:"k"`
	KVCov     int            `json:"kvcov"`
	NClusters map[string]int `json:"nclusters"`
	Dropped   []string       `json:"dropped"`
	Weights   *string        `json:"weights"`
}

func loadGolden(t *testing.T) golden {
	t.Helper()
	var g golden
	shared.ReadJSON(t, filepath.Join("testdata", "golden.json"), &g)
	return g
}

// readNumericCSV reads a CSV of numbers with a (possibly quoted) header; a
// test helper independent of core/table.
func readNumericCSV(t *testing.T, path string) map[string][]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	head := strings.Split(sc.Text(), ",")
	out := map[string][]float64{}
	for i := range head {
		head[i] = strings.Trim(head[i], `"`)
	}
	for sc.Scan() {
		for i, cell := range strings.Split(sc.Text(), ",") {
			v, err := strconv.ParseFloat(strings.Trim(cell, `"`), 64)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			out[head[i]] = append(out[head[i]], v)
		}
	}
	return out
}

// codesOf codes the distinct values of v densely in order of appearance.
func codesOf(v []float64) ([]int, int) {
	idx := map[float64]int{}
	out := make([]int, len(v))
	for i, x := range v {
		c, ok := idx[x]
		if !ok {
			c = len(idx)
			idx[x] = c
		}
		out[i] = c
	}
	return out, len(idx)
}

func modelOf(data map[string][]float64, y string, x, fes []string, spec vcov.Spec) *Model {
	m := &Model{YName: y, Y: data[y], XNames: x, Intercept: true}
	for _, name := range x {
		m.X = append(m.X, data[name])
	}
	for _, f := range fes {
		c, g := codesOf(data[f])
		m.FENames = append(m.FENames, f)
		m.FE = append(m.FE, c)
		m.FELevels = append(m.FELevels, g)
	}
	for _, cl := range spec.Clusters {
		c, _ := codesOf(data[cl])
		m.ClusterNames = append(m.ClusterNames, cl)
		m.Clusters = append(m.Clusters, c)
	}
	return m
}

func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

// TestGolden compares every case of testdata/golden.json (R: lm with factor
// dummies, matrix sandwich formulas, cross-checked with plm and sandwich).
// Tolerances: 1e-8 relative on coefficients, 1e-6 on standard errors and the
// statistics derived from them.
func TestGolden(t *testing.T) {
	g := loadGolden(t)
	var grunfeld map[string][]float64
	var maxCoef, maxSE float64
	defer func() { t.Logf("largest relative error: coefficients %.2g, standard errors %.2g", maxCoef, maxSE) }()
	for _, c := range g.Cases {
		t.Run(c.Label, func(t *testing.T) {
			data := g.Panel
			if c.Data == "grunfeld" {
				if grunfeld == nil {
					grunfeld = readNumericCSV(t, filepath.Join(shared.Dir(t, "panels"), "grunfeld.csv"))
				}
				data = grunfeld
			}
			spec, err := vcov.Parse(c.VCov)
			if err != nil {
				t.Fatal(err)
			}
			m := modelOf(data, c.Y, c.X, c.FE, spec)
			if c.Weights != nil {
				m.Weights = data[*c.Weights]
			}
			r, err := m.Fit(context.Background(), Options{VCov: spec})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(r.Names, ",") != strings.Join(c.Names, ",") {
				t.Fatalf("names %v, want %v", r.Names, c.Names)
			}
			if strings.Join(r.Dropped, ",") != strings.Join(c.Dropped, ",") {
				t.Errorf("dropped %v, want %v", r.Dropped, c.Dropped)
			}
			if r.N != c.N || r.Singletons != c.Single || r.K != c.K || r.KVCov != c.KVCov || r.DFResid != c.DF {
				t.Errorf("N, singletons, K, K(vcov), df = %d %d %d %d %d, want %d %d %d %d %d",
					r.N, r.Singletons, r.K, r.KVCov, r.DFResid, c.N, c.Single, c.K, c.KVCov, c.DF)
			}
			for i, name := range c.Names {
				check := func(what string, got, want, tol float64) {
					if e := relErr(got, want); !(e <= tol) {
						t.Errorf("%s %s = %.15g, want %.15g (rel. error %.2g > %g)", what, name, got, want, e, tol)
					}
				}
				check("coef", r.Coef[i], c.Coef[i], 1e-8)
				check("se", r.SE[i], c.SE[i], 1e-6)
				maxCoef = max(maxCoef, relErr(r.Coef[i], c.Coef[i]))
				maxSE = max(maxSE, relErr(r.SE[i], c.SE[i]))
				check("t", r.T[i], c.T[i], 1e-6)
				check("p", r.P[i], c.P[i], 1e-6)
				check("lo", r.Lo[i], c.Lo[i], 1e-6)
				check("hi", r.Hi[i], c.Hi[i], 1e-6)
			}
			for _, s := range []struct {
				what      string
				got, want float64
			}{{"r2", r.R2, c.R2}, {"r2_adj", r.R2Adj, c.R2Adj}, {"r2_within", r.R2Within, c.R2Within}} {
				if e := relErr(s.got, s.want); !(e <= 1e-8) {
					t.Errorf("%s = %.15g, want %.15g", s.what, s.got, s.want)
				}
			}
			if c.F == nil {
				if !math.IsNaN(r.F) {
					t.Errorf("F = %g, want not computable", r.F)
				}
			} else if e := relErr(r.F, *c.F); !(e <= 1e-6) {
				t.Errorf("F = %.15g, want %.15g", r.F, *c.F)
			}
			for name, n := range c.NClusters {
				if r.NClusters[name] != n {
					t.Errorf("clusters of %s = %d, want %d", name, r.NClusters[name], n)
				}
			}
		})
	}
}

// TestGrunfeldPublished anchors the within estimator on a published table:
// Baltagi, Econometric Analysis of Panel Data (3rd ed., 2005), Table 2.1,
// Grunfeld data, Within: value 0.1101 (0.0119), capital 0.3101 (0.0174).
func TestGrunfeldPublished(t *testing.T) {
	d := readNumericCSV(t, filepath.Join(shared.Dir(t, "panels"), "grunfeld.csv"))
	m := modelOf(d, "inv", []string{"value", "capital"}, []string{"firm"}, vcov.Spec{})
	r, err := m.Fit(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct{ b, se float64 }{{0.1101, 0.0119}, {0.3101, 0.0174}} {
		if math.Abs(r.Coef[i]-want.b) > 0.00005 || math.Abs(r.SE[i]-want.se) > 0.00005 {
			t.Errorf("%s: %.4f (%.4f), published %.4f (%.4f)", r.Names[i], r.Coef[i], r.SE[i], want.b, want.se)
		}
	}
}
