package iv

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/formula"
)

// baseCase is the two-way fixed-effects model of the golden file, one
// endogenous regressor and two instruments.
var baseCase = goldenCase{Name: "base", Y: "y", Endo: []string{"d1"}, Inst: []string{"z1", "z2"},
	Exog: []string{"x1", "x2"}, FE: []string{"unit", "year"}, VCov: "cluster:unit", Cluster: []string{"unit"}}

func TestBadInput(t *testing.T) {
	p := readPanel(t)
	n := len(p["y"])
	constant := make([]float64, n)
	for i := range constant {
		constant[i] = 3
	}
	sum := make([]float64, n)
	withinUnit := make([]float64, n) // constant within unit: absorbed by the unit FE
	for i := range sum {
		sum[i] = p["z1"][i] - 2*p["z2"][i]
		withinUnit[i] = p["unit"][i] * 0.1
	}
	tests := []struct {
		name    string
		edit    func(d *formula.Design)
		vcov    string
		wantErr string // substring; "" means success
		note    string // substring of a note on success
		dropped string
	}{
		{name: "under-identified", edit: func(d *formula.Design) {
			d.EndoNames, d.Endo = append(d.EndoNames, "d2"), append(d.Endo, p["d2"])
			d.EndoNames, d.Endo = append(d.EndoNames, "x3"), append(d.Endo, p["z3"])
		}, wantErr: "under-identified"},
		{name: "endogenous also exogenous", edit: func(d *formula.Design) {
			d.XNames, d.X = append(d.XNames, "d1"), append(d.X, p["d1"])
		}, wantErr: "both as an exogenous regressor and as an endogenous"},
		{name: "endogenous as instrument", edit: func(d *formula.Design) {
			d.InstNames, d.Inst = append(d.InstNames, "d1"), append(d.Inst, p["d1"])
		}, wantErr: "cannot instrument itself"},
		{name: "no IV part", edit: func(d *formula.Design) {
			d.EndoNames, d.Endo, d.InstNames, d.Inst = nil, nil, nil, nil
		}, wantErr: "no endogenous regressor"},
		{name: "collinear instrument dropped", edit: func(d *formula.Design) {
			d.InstNames, d.Inst = append(d.InstNames, "zsum"), append(d.Inst, sum)
		}, note: "excluded instrument zsum dropped", dropped: "zsum"},
		{name: "constant instrument dropped", edit: func(d *formula.Design) {
			d.InstNames, d.Inst = append(d.InstNames, "zc"), append(d.Inst, constant)
		}, note: "excluded instrument zc dropped: constant", dropped: "zc"},
		{name: "instrument absorbed by FE", edit: func(d *formula.Design) {
			d.InstNames, d.Inst = append(d.InstNames, "zu"), append(d.Inst, withinUnit)
		}, note: "absorbed by the fixed effects", dropped: "zu"},
		{name: "drops leave it under-identified", edit: func(d *formula.Design) {
			d.InstNames, d.Inst = []string{"zc", "zu"}, [][]float64{constant, withinUnit}
		}, wantErr: "under-identified"},
		{name: "endogenous absorbed by FE", edit: func(d *formula.Design) {
			d.Endo[0] = withinUnit
		}, wantErr: "absorbed by the fixed effects"},
		{name: "exogenous constant dropped", edit: func(d *formula.Design) {
			d.XNames, d.X = append(d.XNames, "xc"), append(d.X, constant)
		}, note: "exogenous regressor xc omitted", dropped: "xc"},
		{name: "one cluster", edit: func(d *formula.Design) {
			d.Clusters[0] = make([]int, n)
		}, wantErr: "at least 2"},
		{name: "one cluster two-way", edit: func(d *formula.Design) {
			d.ClusterNames, d.Clusters = []string{"unit", "one"}, [][]int{d.Clusters[0], make([]int, n)}
		}, vcov: "cluster:unit+one", wantErr: "fewer than 2 clusters"},
		{name: "two clusters", edit: func(d *formula.Design) {
			for i := range d.Clusters[0] {
				d.Clusters[0][i] = int(p["unit"][i]) % 2
			}
		}, note: "only 2 clusters for 2×1 first-stage coefficients"},
		{name: "cluster not in design", vcov: "cluster:region", wantErr: "not in the design"},
		{name: "bad vcov", vcov: "bootstrap", wantErr: "unknown estimator"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := p.design(baseCase)
			if tc.edit != nil {
				tc.edit(d)
			}
			v := tc.vcov
			if v == "" {
				v = baseCase.VCov
			}
			res, err := Fit(d, Options{VCov: v})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(res.Notes, "\n"), tc.note) {
				t.Errorf("notes %q lack %q", res.Notes, tc.note)
			}
			if tc.dropped != "" && !contains(res.Dropped, tc.dropped) {
				t.Errorf("dropped %v lacks %s", res.Dropped, tc.dropped)
			}
			// Dropping a redundant variable changes nothing else.
			ref, err := Fit(p.design(baseCase), Options{VCov: v})
			if err != nil {
				t.Fatal(err)
			}
			if e := relErr(res.Coef["d1"], ref.Coef["d1"]); e > 1e-8 {
				t.Errorf("coef[d1] %v vs %v without the redundant variable", res.Coef["d1"], ref.Coef["d1"])
			}
		})
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// TestJSONContract checks the keys issue 4 fixes for `wiodlab reg --json`.
func TestJSONContract(t *testing.T) {
	p := readPanel(t)
	for _, c := range []goldenCase{baseCase, {Name: "exact", Y: "y", Endo: []string{"d1"}, Inst: []string{"z1"},
		Exog: []string{"x1"}, FE: []string{"unit"}, VCov: "hc1"}} {
		res, err := Fit(p.design(c), Options{VCov: c.VCov})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"coef", "se", "tstat", "pvalue", "nobs", "r2", "r2_adj", "r2_within", "nclusters", "vcov", "dropped", "notes", "stats", "first_stage"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: key %q missing from %s", c.Name, k, b)
			}
		}
		st := m["stats"].(map[string]any)
		for _, k := range []string{"kp_lm", "kp_lm_p", "kp_wald_f", "cd_wald_f", "hansen_j", "hansen_j_p", "sargan", "sargan_p"} {
			if _, ok := st[k]; !ok {
				t.Errorf("%s: stats key %q missing", c.Name, k)
			}
		}
		if c.Name == "exact" && st["hansen_j_p"] != nil {
			t.Errorf("exactly identified: hansen_j_p = %v, want null", st["hansen_j_p"])
		}
		fs := m["first_stage"].([]any)[0].(map[string]any)
		for _, k := range []string{"name", "coef", "se", "f", "partial_r2", "sw_f"} {
			if _, ok := fs[k]; !ok {
				t.Errorf("%s: first_stage key %q missing", c.Name, k)
			}
		}
		if _, ok := m["coef"].(map[string]any)["_cons"]; !ok {
			t.Errorf("%s: no _cons in %v", c.Name, m["coef"])
		}
	}
}

// TestPermutation: reordering the observations changes nothing.
func TestPermutation(t *testing.T) {
	p := readPanel(t)
	c := goldenCase{Name: "perm", Y: "y", Endo: []string{"d1", "d2"}, Inst: []string{"z1", "z2", "z3"},
		Exog: []string{"x1"}, FE: []string{"unit", "year"}, VCov: "cluster:cl+unit", Cluster: []string{"cl", "unit"}}
	ref, err := Fit(p.design(c), Options{VCov: c.VCov, Tol: 1e-13})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(4, 2026))
	perm := rng.Perm(len(p["y"]))
	q := panelData{}
	for k, v := range p {
		w := make([]float64, len(v))
		for i, j := range perm {
			w[i] = v[j]
		}
		q[k] = w
	}
	got, err := Fit(q.design(c), Options{VCov: c.VCov, Tol: 1e-13})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range ref.Names {
		if e := relErr(got.Coef[name], ref.Coef[name]); e > 1e-9 {
			t.Errorf("coef[%s] %v after permutation, %v before", name, got.Coef[name], ref.Coef[name])
		}
		if e := relErr(got.SE[name], ref.SE[name]); e > 1e-9 {
			t.Errorf("se[%s] %v after permutation, %v before", name, got.SE[name], ref.SE[name])
		}
	}
	for _, pair := range [][2]Num{{got.Stats.KPLM, ref.Stats.KPLM}, {got.Stats.KPWaldF, ref.Stats.KPWaldF}, {got.Stats.HansenJ, ref.Stats.HansenJ}, {got.FirstStage[1].SWF, ref.FirstStage[1].SWF}} {
		if e := relErr(float64(pair[0]), float64(pair[1])); e > 1e-9 {
			t.Errorf("statistic %v after permutation, %v before", pair[0], pair[1])
		}
	}
}

// TestDefaultTolerance: with core/fe's default convergence tolerance the
// two-way fixed-effects results still agree with the goldens to 1e-6.
func TestDefaultTolerance(t *testing.T) {
	p := readPanel(t)
	loose, err := Fit(p.design(baseCase), Options{VCov: baseCase.VCov})
	if err != nil {
		t.Fatal(err)
	}
	tight, err := Fit(p.design(baseCase), Options{VCov: baseCase.VCov, Tol: 1e-14})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range tight.Names {
		if e := relErr(loose.SE[name], tight.SE[name]); e > goldenTol {
			t.Errorf("se[%s]: %v at the default tolerance, %v converged (relative %.2g)", name, loose.SE[name], tight.SE[name], e)
		}
	}
}

func TestStockYogo(t *testing.T) {
	// Stock and Yogo (2005), Table 5.2, n = 1, K₂ = 2: 19.93 11.59 8.75 7.25.
	sy := stockYogo(2)
	if sy == nil || sy.Size10 != 19.93 || sy.Size25 != 7.25 || sy.Bias5 != 0 {
		t.Errorf("stockYogo(2) = %+v", sy)
	}
	if stockYogo(40) != nil {
		t.Error("stockYogo(40) should not be tabulated")
	}
	if math.IsNaN(stockYogo(3).Bias10) || stockYogo(3).Bias10 != 9.08 {
		t.Errorf("stockYogo(3) = %+v", stockYogo(3))
	}
}

func TestWriteText(t *testing.T) {
	p := readPanel(t)
	res, err := Fit(p.design(baseCase), Options{VCov: baseCase.VCov})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := res.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"IV (2SLS) estimation", "d1", "_cons", "Kleibergen-Paap rk LM", "Stock-Yogo maximal IV size", "Hansen J chi2(1)"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if testing.Verbose() {
		t.Log("\n" + out)
	}
}

// TestLIMLExact: with as many instruments as endogenous regressors LIML is
// 2SLS (k = 1); an unknown estimator is an error.
func TestLIMLExact(t *testing.T) {
	p := readPanel(t)
	c := goldenCase{Name: "exact", Y: "y", Endo: []string{"d1"}, Inst: []string{"z1"}, Exog: []string{"x1"}, FE: []string{"unit"}, VCov: "hc1"}
	a, err := Fit(p.design(c), Options{VCov: c.VCov})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Fit(p.design(c), Options{VCov: c.VCov, Estimator: "LIML"})
	if err != nil {
		t.Fatal(err)
	}
	if b.KClass != 1 || relErr(a.Coef["d1"], b.Coef["d1"]) > 1e-12 || relErr(a.SE["d1"], b.SE["d1"]) > 1e-12 {
		t.Errorf("exactly identified LIML: k = %v, b = %v (2SLS %v), se = %v (2SLS %v)", b.KClass, b.Coef["d1"], a.Coef["d1"], b.SE["d1"], a.SE["d1"])
	}
	if _, err := Fit(p.design(c), Options{Estimator: "gmm"}); err == nil || !strings.Contains(err.Error(), "unknown estimator") {
		t.Errorf("estimator gmm: error %v", err)
	}
}

// TestTooFewObservations: more instruments than observations is an error,
// not a panic or a NaN.
func TestTooFewObservations(t *testing.T) {
	p := readPanel(t)
	q := panelData{}
	for k, v := range p {
		q[k] = v[:5]
	}
	c := goldenCase{Name: "tiny", Y: "y", Endo: []string{"d1"}, Inst: []string{"z1", "z2", "z3"}, Exog: []string{"x1", "x2"}, VCov: "hc1"}
	_, err := Fit(q.design(c), Options{VCov: c.VCov})
	if err == nil || !(strings.Contains(err.Error(), "observations") || strings.Contains(err.Error(), "under-identified")) {
		t.Errorf("5 observations, 6 instruments: error %v", err)
	}
}
