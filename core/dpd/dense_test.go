package dpd

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
)

type denseVariant struct {
	Coef map[string]float64 `json:"coef"`
	SE   map[string]float64 `json:"se"`
	AR1  float64            `json:"ar1"`
	AR1P float64            `json:"ar1_p"`
	AR2  float64            `json:"ar2"`
	AR2P float64            `json:"ar2_p"`
}

// TestDenseGolden compares with testdata/dense.json, written by
// testdata/gen_dense.py: a dense numpy implementation of the xtabond2
// conventions that plm does not share (IV-style sets serving both equations,
// eq(diff)/eq(level) sets, one-step non-robust variance with σ², Sargan,
// non-robust AR tests, lag-limited and collapsed sets together). Every
// variant (one/two-step, robust or not) is compared key by key at 1e-8
// relative: both sides compute the same formulas in double precision.
func TestDenseGolden(t *testing.T) {
	b, err := os.ReadFile("testdata/dense.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Cases []struct {
			Name          string          `json:"name"`
			Wiodlab       json.RawMessage `json:"wiodlab"`
			Names         []string        `json:"names"`
			NInstruments  int             `json:"ninstruments"`
			NObs          int             `json:"nobs"`
			Sigma2        float64         `json:"sigma2"`
			Sargan        float64         `json:"sargan"`
			Hansen        float64         `json:"hansen"`
			DF            int             `json:"df"`
			Onestep       denseVariant    `json:"onestep"`
			OnestepRobust denseVariant    `json:"onestep_robust"`
			Twostep       denseVariant    `json:"twostep"`
			TwostepRobust denseVariant    `json:"twostep_robust"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	data := shared.EmplUK(t)
	const rel = 1e-8
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var gc goldenCase
			if err := json.Unmarshal(c.Wiodlab, &gc.Wiodlab); err != nil {
				t.Fatal(err)
			}
			m, _ := gc.model(t)
			for _, v := range []struct {
				name string
				opt  Options
				want denseVariant
			}{
				{"onestep", Options{}, c.Onestep},
				{"onestep robust", Options{Robust: true}, c.OnestepRobust},
				{"twostep", Options{TwoStep: true}, c.Twostep},
				{"twostep robust", Options{TwoStep: true, Robust: true}, c.TwostepRobust},
			} {
				r, err := m.Fit(data, "firm", "year", v.opt)
				if err != nil {
					t.Fatal(err)
				}
				if r.NInstruments != c.NInstruments || r.NObs != c.NObs {
					t.Errorf("%s: instruments %d nobs %d; numpy %d %d", v.name, r.NInstruments, r.NObs, c.NInstruments, c.NObs)
				}
				if len(r.Names) != len(c.Names) {
					t.Errorf("%s: names %v; numpy %v", v.name, r.Names, c.Names)
				}
				for name, want := range v.want.Coef {
					got, se, ok := r.Coefficient(name)
					if !ok {
						t.Errorf("%s: no %s in %v", v.name, name, r.Names)
						continue
					}
					if !near(got, want, rel) || !near(se, v.want.SE[name], rel) {
						t.Errorf("%s %s: coef %.12g se %.12g; numpy %.12g %.12g", v.name, name, got, se, want, v.want.SE[name])
					}
				}
				for _, s := range []struct {
					key       string
					got, want float64
				}{
					{"ar1", r.AR1.Stat, v.want.AR1}, {"ar1_p", r.AR1.P, v.want.AR1P},
					{"ar2", r.AR2.Stat, v.want.AR2}, {"ar2_p", r.AR2.P, v.want.AR2P},
					{"sigma2", r.Sigma2, c.Sigma2}, {"sargan", r.Sargan.Stat, c.Sargan}, {"hansen", r.Hansen.Stat, c.Hansen},
				} {
					if !near(s.got, s.want, rel) {
						t.Errorf("%s %s: %.12g; numpy %.12g", v.name, s.key, s.got, s.want)
					}
				}
				if r.Sargan.DF != c.DF || r.Hansen.DF != c.DF {
					t.Errorf("%s: df %d/%d; numpy %d", v.name, r.Sargan.DF, r.Hansen.DF, c.DF)
				}
			}
		})
	}
}
