package iv

import (
	"encoding/csv"
	"math"
	"os"
	"sort"
	"strconv"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"

	"github.com/wiodlab/wiodlab/core/formula"
)

// The golden files come from testdata/gen_golden.R (R: AER::ivreg with the
// fixed effects as dummies, sandwich's vcovHC/vcovCL) and testdata/kp_golden.py
// (numpy, written from Kleibergen and Paap 2006 and ivreg2's scaling), both on
// testdata/ivpanel.csv made by testdata/gen_data.py. The cases are in
// testdata/cases.json.

const goldenTol = 1e-6 // relative agreement required (issue 4)

type goldenCase struct {
	Name    string   `json:"name"`
	Y       string   `json:"y"`
	Endo    []string `json:"endo"`
	Inst    []string `json:"inst"`
	Exog    []string `json:"exog"`
	FE      []string `json:"fe"`
	VCov    string   `json:"vcov"`
	Cluster []string `json:"cluster"`
}

type goldenR struct {
	Name       string             `json:"name"`
	NObs       int                `json:"nobs"`
	K          int                `json:"k"`
	Coef       map[string]float64 `json:"coef"`
	SE         map[string]float64 `json:"se"`
	R2         float64            `json:"r2"`
	R2Adj      float64            `json:"r2_adj"`
	F          float64            `json:"f"`
	Sargan     *float64           `json:"sargan"`
	SarganP    *float64           `json:"sargan_p"`
	FirstStage []struct {
		Name      string             `json:"name"`
		Coef      map[string]float64 `json:"coef"`
		SE        map[string]float64 `json:"se"`
		F         float64            `json:"f"`
		PartialR2 float64            `json:"partial_r2"`
		SWF       *float64           `json:"sw_f"`
	} `json:"first_stage"`
}

type goldenKP struct {
	Name     string   `json:"name"`
	KPLM     float64  `json:"kp_lm"`
	KPLMDF   int      `json:"kp_lm_df"`
	KPLMP    float64  `json:"kp_lm_p"`
	KPWaldF  float64  `json:"kp_wald_f"`
	CDWaldF  float64  `json:"cd_wald_f"`
	Sargan   *float64 `json:"sargan"`
	SarganP  *float64 `json:"sargan_p"`
	HansenJ  *float64 `json:"hansen_j"`
	HansenJP *float64 `json:"hansen_j_p"`
}

// panelData is testdata/ivpanel.csv by column.
type panelData map[string][]float64

func readPanel(t testing.TB) panelData {
	t.Helper()
	f, err := os.Open("testdata/ivpanel.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	p := panelData{}
	for r, row := range rows[1:] {
		for j, name := range rows[0] {
			v, err := strconv.ParseFloat(row[j], 64)
			if err != nil {
				t.Fatalf("ivpanel.csv line %d column %s: %v", r+2, name, err)
			}
			p[name] = append(p[name], v)
		}
	}
	return p
}

// codes factorises a column in sorted order of its values.
func codes(v []float64) ([]int, int) {
	u := append([]float64(nil), v...)
	sort.Float64s(u)
	idx := map[float64]int{}
	for _, x := range u {
		if _, ok := idx[x]; !ok {
			idx[x] = len(idx)
		}
	}
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = idx[x]
	}
	return out, len(idx)
}

func (p panelData) design(c goldenCase) *formula.Design {
	d := &formula.Design{YName: c.Y, Y: p[c.Y], Intercept: true}
	for _, x := range c.Exog {
		d.XNames, d.X = append(d.XNames, x), append(d.X, p[x])
	}
	for _, x := range c.Endo {
		d.EndoNames, d.Endo = append(d.EndoNames, x), append(d.Endo, p[x])
	}
	for _, x := range c.Inst {
		d.InstNames, d.Inst = append(d.InstNames, x), append(d.Inst, p[x])
	}
	for _, f := range c.FE {
		cd, g := codes(p[f])
		d.FENames, d.FE, d.FELevels = append(d.FENames, f), append(d.FE, cd), append(d.FELevels, g)
	}
	for _, f := range c.Cluster {
		cd, _ := codes(p[f])
		d.ClusterNames, d.Clusters = append(d.ClusterNames, f), append(d.Clusters, cd)
	}
	return d
}

func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func TestGolden(t *testing.T) {
	var cases []goldenCase
	var rg []goldenR
	var kg []goldenKP
	shared.ReadJSON(t, "testdata/cases.json", &cases)
	shared.ReadJSON(t, "testdata/golden_r.json", &rg)
	shared.ReadJSON(t, "testdata/golden_kp.json", &kg)
	if len(rg) != len(cases) || len(kg) != len(cases) {
		t.Fatalf("golden files out of date: %d cases, %d R, %d KP results", len(cases), len(rg), len(kg))
	}
	p := readPanel(t)
	worst := 0.0
	defer func() { t.Logf("largest relative error against the goldens: %.2g", worst) }()
	for i, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			r, k := rg[i], kg[i]
			if r.Name != c.Name || k.Name != c.Name {
				t.Fatalf("golden order mismatch: %s / %s / %s", c.Name, r.Name, k.Name)
			}
			res, err := Fit(p.design(c), Options{VCov: c.VCov, Tol: 1e-14})
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, got, want float64) {
				t.Helper()
				e := relErr(got, want)
				worst = math.Max(worst, e)
				if !(e <= goldenTol) {
					t.Errorf("%s = %.12g, golden %.12g (relative error %.2g)", what, got, want, e)
				}
			}
			if res.NObs != r.NObs || res.KVCov != r.K {
				t.Errorf("N, K = %d, %d; golden %d, %d", res.NObs, res.KVCov, r.NObs, r.K)
			}
			for name, want := range r.Coef {
				check("coef["+name+"]", res.Coef[name], want)
				if se, ok := r.SE[name]; ok {
					check("se["+name+"]", res.SE[name], se)
				} else if v, ok := res.SE[name]; ok {
					t.Errorf("se[%s] = %v; golden has a negative variance", name, v)
				}
			}
			check("r2", float64(res.R2), r.R2)
			check("r2_adj", float64(res.R2Adj), r.R2Adj)
			check("f", float64(res.F), r.F)
			if len(res.FirstStage) != len(r.FirstStage) {
				t.Fatalf("%d first stages, golden %d", len(res.FirstStage), len(r.FirstStage))
			}
			for j, g := range r.FirstStage {
				f := res.FirstStage[j]
				for name, want := range g.Coef {
					check("first_stage["+g.Name+"].coef["+name+"]", f.Coef[name], want)
					check("first_stage["+g.Name+"].se["+name+"]", f.SE[name], g.SE[name])
				}
				check("first_stage["+g.Name+"].f", float64(f.F), g.F)
				check("first_stage["+g.Name+"].partial_r2", float64(f.PartialR2), g.PartialR2)
				if g.SWF != nil {
					check("first_stage["+g.Name+"].sw_f", float64(f.SWF), *g.SWF)
				}
			}
			st := res.Stats
			check("kp_lm", float64(st.KPLM), k.KPLM)
			check("kp_lm_p", float64(st.KPLMP), k.KPLMP)
			if st.KPLMDF != k.KPLMDF {
				t.Errorf("kp_lm_df = %d, golden %d", st.KPLMDF, k.KPLMDF)
			}
			check("kp_wald_f", float64(st.KPWaldF), k.KPWaldF)
			check("cd_wald_f", float64(st.CDWaldF), k.CDWaldF)
			if k.Sargan != nil {
				check("sargan", float64(st.Sargan), *k.Sargan)
				check("sargan_p", float64(st.SarganP), *k.SarganP)
				check("sargan (R)", float64(st.Sargan), *r.Sargan)
				check("hansen_j", float64(st.HansenJ), *k.HansenJ)
				check("hansen_j_p", float64(st.HansenJP), *k.HansenJP)
			} else if st.Sargan != 0 || st.HansenJ != 0 || !math.IsNaN(float64(st.HansenJP)) {
				t.Errorf("exactly identified: sargan %v, J %v, p %v; want 0, 0, NaN", st.Sargan, st.HansenJ, st.HansenJP)
			}
			// One endogenous regressor: the KP Wald F is the robust
			// first-stage F (ivreg2 uses the same scaling for both).
			if len(c.Endo) == 1 {
				check("kp_wald_f vs first-stage F", float64(st.KPWaldF), float64(res.FirstStage[0].F))
			}
		})
	}
}

// TestGoldenLIML compares LIML fits with testdata/liml_golden.py (numpy,
// k-class formulas on the full dummy-variable design).
func TestGoldenLIML(t *testing.T) {
	var cases []goldenCase
	var lg []struct {
		Name   string             `json:"name"`
		KClass float64            `json:"kclass"`
		Coef   map[string]float64 `json:"coef"`
		SE     map[string]float64 `json:"se"`
		Sargan float64            `json:"sargan"`
	}
	shared.ReadJSON(t, "testdata/cases_liml.json", &cases)
	shared.ReadJSON(t, "testdata/golden_liml.json", &lg)
	if len(lg) != len(cases) {
		t.Fatalf("golden_liml.json out of date")
	}
	p := readPanel(t)
	for i, c := range cases {
		g := lg[i]
		res, err := Fit(p.design(c), Options{VCov: c.VCov, Estimator: "liml", Tol: 1e-14})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		check := func(what string, got, want float64) {
			t.Helper()
			if e := relErr(got, want); !(e <= goldenTol) {
				t.Errorf("%s: %s = %.12g, golden %.12g (relative error %.2g)", c.Name, what, got, want, e)
			}
		}
		if res.Model != "liml" {
			t.Errorf("%s: model %q", c.Name, res.Model)
		}
		check("kclass", res.KClass, g.KClass)
		for name, want := range g.Coef {
			check("coef["+name+"]", res.Coef[name], want)
			check("se["+name+"]", res.SE[name], g.SE[name])
		}
		check("sargan", float64(res.Stats.Sargan), g.Sargan)
	}
}
