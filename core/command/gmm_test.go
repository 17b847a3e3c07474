package command

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
)

// TestGMMContract runs Arellano & Bond (1991) Table 4 (a2) through the
// command and checks the JSON keys of issue 4 and the values against the plm
// golden file of core/dpd (testdata/gen_golden.R, case ab_twostep).
func TestGMMContract(t *testing.T) {
	env := Env{Ctx: context.Background(), Source: Tables{"ab": shared.EmplUK(t)}}
	res, err := GMM(env, GMMOptions{Data: "ab", Panel: "firm,year", Y: "n", X: "L.n L2.n w L.w L(0/2).(k ys)",
		GMM: []string{"n, lag(2 .)"}, IV: "w L.w L(0/2).(k ys)", NoLevel: true, TwoStep: true, Robust: true, TimeDummies: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"coef", "se", "tstat", "pvalue", "nobs", "ngroups", "ninstruments", "stats"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	stats := got["stats"].(map[string]any)
	for _, k := range []string{"ar1", "ar1_p", "ar2", "ar2_p", "sargan", "sargan_df", "sargan_p", "hansen", "hansen_df", "hansen_p"} {
		if v, ok := stats[k]; !ok || v == nil {
			t.Errorf("stats lacks %q (or it is null)", k)
		}
	}
	if got["nobs"].(float64) != 611 || got["ngroups"].(float64) != 140 || got["ninstruments"].(float64) != 41 {
		t.Errorf("nobs/ngroups/ninstruments = %v/%v/%v, want 611/140/41", got["nobs"], got["ngroups"], got["ninstruments"])
	}
	var golden struct {
		Cases []struct {
			Name      string             `json:"name"`
			Coef      map[string]float64 `json:"coef"`
			SE        map[string]float64 `json:"se"`
			AR2       float64            `json:"ar2"`
			PlmSargan float64            `json:"plm_sargan"`
		} `json:"cases"`
	}
	shared.ReadJSON(t, "../dpd/testdata/golden.json", &golden)
	for _, c := range golden.Cases {
		if c.Name != "ab_twostep" {
			continue
		}
		for name, want := range c.Coef {
			if d := math.Abs(res.Coef[name] - want); d > 1e-6*math.Abs(want) {
				t.Errorf("coef %s: %g, plm %g", name, res.Coef[name], want)
			}
			if d := math.Abs(res.SE[name] - c.SE[name]); d > 1e-6*c.SE[name] {
				t.Errorf("se %s: %g, plm %g", name, res.SE[name], c.SE[name])
			}
		}
		if d := math.Abs(*res.Stats.AR2 - c.AR2); d > 1e-6*math.Abs(c.AR2) {
			t.Errorf("ar2 %g, plm %g", *res.Stats.AR2, c.AR2)
		}
		if d := math.Abs(*res.Stats.Hansen - c.PlmSargan); d > 1e-6*c.PlmSargan {
			t.Errorf("hansen %g, plm sargan (two-step) %g", *res.Stats.Hansen, c.PlmSargan)
		}
	}
	if res.Stats.HansenDF != 25 || res.Stats.SarganDF != 25 {
		t.Errorf("df %d/%d, want 25", res.Stats.SarganDF, res.Stats.HansenDF)
	}
}

func TestGMMOptionErrors(t *testing.T) {
	env := Env{Ctx: context.Background(), Source: Tables{}}
	for _, opt := range []GMMOptions{
		{Data: "ab", Panel: "firm", Y: "n", X: "L.n", GMM: []string{"n"}},
		{Data: "ab", Panel: "firm,year", Y: "n", X: "L.(n", GMM: []string{"n"}},
		{Data: "ab", Panel: "firm,year", Y: "n", X: "L.n", GMM: []string{"n, lag(x .)"}},
		{Data: "ab", Panel: "firm,year", Y: "n", X: "L.n", GMM: []string{"n"}}, // no such table
	} {
		if _, err := GMM(env, opt); err == nil {
			t.Errorf("%+v: no error", opt)
		}
	}
}
