package command

import (
	"encoding/json"
	"math"
	"os"
	"testing"
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
	gb, err := os.ReadFile("../iv/testdata/golden_r.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(gb, &golden); err != nil {
		t.Fatal(err)
	}
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
