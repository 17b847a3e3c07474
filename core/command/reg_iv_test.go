package command

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"

	"github.com/wiodlab/wiodlab/core/iv"
)

// TestRegIV runs `wiodlab reg` on an IV formula (core/iv's golden panel) and
// checks the JSON contract of issue 4 and one golden coefficient.
func TestRegIV(t *testing.T) {
	res, err := Reg(Env{Source: Files{}}, RegOptions{Data: "../iv/testdata/ivpanel.csv",
		Formula: "y ~ x1 + x2 | unit + year | d1 ~ z1 + z2", VCov: "cluster:unit", Tol: 1e-14})
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
	st, ok := m["stats"].(map[string]any)
	if !ok {
		t.Fatalf("no stats object in %s", b)
	}
	for _, k := range []string{"kp_lm", "kp_lm_p", "kp_wald_f", "cd_wald_f", "hansen_j", "hansen_j_p", "sargan", "sargan_p"} {
		if _, ok := st[k]; !ok {
			t.Errorf("stats lacks %q", k)
		}
	}
	fs, ok := m["first_stage"].([]any)
	if !ok || len(fs) != 1 {
		t.Fatalf("first_stage = %v", m["first_stage"])
	}
	for _, k := range []string{"name", "coef", "se", "f", "partial_r2", "sw_f"} {
		if _, ok := fs[0].(map[string]any)[k]; !ok {
			t.Errorf("first_stage lacks %q", k)
		}
	}
	// Golden: core/iv/testdata/golden_r.json, case fe2_one_cl_unit (R AER::ivreg).
	var golden []struct {
		Name string             `json:"name"`
		Coef map[string]float64 `json:"coef"`
		SE   map[string]float64 `json:"se"`
	}
	shared.ReadJSON(t, "../iv/testdata/golden_r.json", &golden)
	for _, g := range golden {
		if g.Name != "fe2_one_cl_unit" {
			continue
		}
		for _, k := range []string{"d1", "x1", "x2"} {
			if math.Abs(res.Coef[k]-g.Coef[k]) > 1e-6*math.Abs(g.Coef[k]) || math.Abs(res.SE[k]-g.SE[k]) > 1e-6*g.SE[k] {
				t.Errorf("%s: coef %v se %v; golden %v %v", k, res.Coef[k], res.SE[k], g.Coef[k], g.SE[k])
			}
		}
	}
}

// TestRegIVText renders IV fits as the paper-style table and checks the
// identification statistics in it against core/iv's independent goldens
// (testdata/golden_kp.json from kp_golden.py, numpy; golden_r.json from R).
func TestRegIVText(t *testing.T) {
	type kpGolden struct {
		Name     string   `json:"name"`
		KPLM     float64  `json:"kp_lm"`
		KPLMP    float64  `json:"kp_lm_p"`
		KPWaldF  float64  `json:"kp_wald_f"`
		CDWaldF  float64  `json:"cd_wald_f"`
		HansenJ  *float64 `json:"hansen_j"`
		HansenJP *float64 `json:"hansen_j_p"`
	}
	type rGolden struct {
		Name       string             `json:"name"`
		Coef       map[string]float64 `json:"coef"`
		FirstStage []struct {
			Name string  `json:"name"`
			F    float64 `json:"f"`
		} `json:"first_stage"`
	}
	var kp []kpGolden
	var rg []rGolden
	for path, v := range map[string]any{"../iv/testdata/golden_kp.json": &kp, "../iv/testdata/golden_r.json": &rg} {
		shared.ReadJSON(t, path, v)
	}
	f4 := func(v float64) string { return fmt.Sprintf("%.4f", v) }
	for _, tc := range []struct {
		golden, formula, vcov string
		endo                  []string
	}{
		{"fe2_one_cl_unit", "y ~ x1 + x2 | unit + year | d1 ~ z1 + z2", "cluster:unit", []string{"d1"}},
		{"fe1_two_hc1", "y ~ x1 | unit | d1 + d2 ~ z1 + z2 + z3", "hc1", []string{"d1", "d2"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			res, err := Reg(Env{Source: Files{}}, RegOptions{Data: "../iv/testdata/ivpanel.csv", Formula: tc.formula, VCov: tc.vcov, Tol: 1e-14})
			if err != nil {
				t.Fatal(err)
			}
			text := checkText(t, "iv_"+tc.golden, res)
			i := slices.IndexFunc(kp, func(g kpGolden) bool { return g.Name == tc.golden })
			j := slices.IndexFunc(rg, func(g rGolden) bool { return g.Name == tc.golden })
			if i < 0 || j < 0 {
				t.Fatalf("no golden case %s", tc.golden)
			}
			g, r := kp[i], rg[j]
			want := map[string]string{
				fmt.Sprintf("KP rk LM χ²(%d)", int(res.Stats["kp_lm_df"])): f4(g.KPLM),
				"KP rk LM p-value": f4(g.KPLMP),
				"KP rk Wald F":     f4(g.KPWaldF),
				"CD Wald F":        f4(g.CDWaldF),
				fmt.Sprintf("Hansen J χ²(%d)", int(res.Stats["overid_df"])): f4(*g.HansenJ),
				"Hansen J p-value": f4(*g.HansenJP),
				"N":                "600",
			}
			fsr, _ := res.FirstStage.([]iv.FirstStage)
			for _, fs := range r.FirstStage {
				k := slices.IndexFunc(fsr, func(f iv.FirstStage) bool { return f.Name == fs.Name })
				if k < 0 {
					t.Fatalf("no first stage for %s", fs.Name)
				}
				want[fmt.Sprintf("First-stage F(%d, %d): %s", fsr[k].FDF1, fsr[k].FDF2, fs.Name)] = f4(fs.F)
			}
			for _, e := range tc.endo {
				want[e] = f4(r.Coef[e]) + "***"
			}
			for label, w := range want {
				if row := textRow(text, label); len(row) != 1 || row[0] != w {
					t.Errorf("row %q = %q, golden %s", label, row, w)
				}
			}
			for _, s := range []string{" 2SLS\n", "Instrumented: " + strings.Join(tc.endo, ", ") + "."} {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
		})
	}
}

// TestRegLIML runs `wiodlab reg --estimator liml` on the cases of
// core/iv/testdata/cases_liml.json and compares with golden_liml.json
// (testdata/liml_golden.py: numpy, k-class formulas on the full dummy
// design) to 1e-6 relative, core/iv's tolerance.
func TestRegLIML(t *testing.T) {
	var cases []struct {
		Name string   `json:"name"`
		Y    string   `json:"y"`
		Endo []string `json:"endo"`
		Inst []string `json:"inst"`
		Exog []string `json:"exog"`
		FE   []string `json:"fe"`
		VCov string   `json:"vcov"`
	}
	var golden []struct {
		Name   string             `json:"name"`
		KClass float64            `json:"kclass"`
		Coef   map[string]float64 `json:"coef"`
		SE     map[string]float64 `json:"se"`
	}
	for path, v := range map[string]any{"../iv/testdata/cases_liml.json": &cases, "../iv/testdata/golden_liml.json": &golden} {
		shared.ReadJSON(t, path, v)
	}
	if len(cases) != len(golden) || len(cases) == 0 {
		t.Fatalf("%d LIML cases, %d goldens", len(cases), len(golden))
	}
	rel := func(got, want float64) float64 { return math.Abs(got-want) / math.Max(math.Abs(want), 1e-300) }
	for i, c := range cases {
		g := golden[i]
		t.Run(c.Name, func(t *testing.T) {
			if g.Name != c.Name {
				t.Fatalf("golden order: %s vs %s", g.Name, c.Name)
			}
			f := c.Y + " ~ " + strings.Join(c.Exog, " + ")
			if len(c.FE) > 0 {
				f += " | " + strings.Join(c.FE, " + ")
			}
			f += " | " + strings.Join(c.Endo, " + ") + " ~ " + strings.Join(c.Inst, " + ")
			for _, est := range []string{"liml", "LIML"} {
				res, err := Reg(Env{Source: Files{}}, RegOptions{Data: "../iv/testdata/ivpanel.csv", Formula: f, VCov: c.VCov, Tol: 1e-14, Estimator: est})
				if err != nil {
					t.Fatal(err)
				}
				if e := rel(res.Stats["kclass"], g.KClass); !(e <= 1e-6) {
					t.Errorf("%s: kclass %.12g, golden %.12g", est, res.Stats["kclass"], g.KClass)
				}
				for k, want := range g.Coef {
					if e := rel(res.Coef[k], want); !(e <= 1e-6) {
						t.Errorf("%s: coef[%s] = %.12g, golden %.12g (relative error %.2g)", est, k, res.Coef[k], want, e)
					}
					if e := rel(res.SE[k], g.SE[k]); !(e <= 1e-6) {
						t.Errorf("%s: se[%s] = %.12g, golden %.12g (relative error %.2g)", est, k, res.SE[k], g.SE[k], e)
					}
				}
				text := res.Text()
				if !strings.Contains(text, " LIML\n") {
					t.Errorf("text table lacks the LIML heading:\n%s", text)
				}
				if row := textRow(text, "LIML k (λ)"); len(row) != 1 || row[0] != fmt.Sprintf("%.4f", g.KClass) {
					t.Errorf("LIML k row %q, golden %.4f", row, g.KClass)
				}
			}
		})
	}
	// 2SLS is the default and LIML needs an IV part.
	res, err := Reg(Env{Source: Files{}}, RegOptions{Data: "../iv/testdata/ivpanel.csv", Formula: "y ~ x1 | d1 ~ z1 + z2"})
	if err != nil || res.Stats["kclass"] != 1 || !strings.Contains(res.Text(), " 2SLS\n") {
		t.Errorf("default estimator: err %v, kclass %v", err, res.Stats["kclass"])
	}
	for est, want := range map[string]string{"gmm": "unknown estimator", "liml ": ""} {
		_, err := Reg(Env{Source: Files{}}, RegOptions{Data: "../iv/testdata/ivpanel.csv", Formula: "y ~ x1 | d1 ~ z1 + z2", Estimator: est})
		if (want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("estimator %q: error %v, want %q", est, err, want)
		}
	}
	if _, err := Reg(Env{Source: Files{}}, RegOptions{Data: "../iv/testdata/ivpanel.csv", Formula: "y ~ x1", Estimator: "liml"}); err == nil || !strings.Contains(err.Error(), "IV part") {
		t.Errorf("LIML without an IV part: %v", err)
	}
}
