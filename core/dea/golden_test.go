package dea

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
)

// golden is testdata/golden.json, written by testdata/gen_golden.py: DEA
// scores solved by scipy's linprog(method="highs") on panels drawn there.
type golden struct {
	Generator string `json:"generator"`
	Cases     []struct {
		Name        string `json:"name"`
		Orientation string `json:"orientation"`
		Grouped     bool   `json:"grouped"`
		Rows        []struct {
			Group string    `json:"group"`
			DMU   string    `json:"dmu"`
			Time  float64   `json:"time"`
			X     []float64 `json:"x"`
			Y     []float64 `json:"y"`
		} `json:"rows"`
		Changes []struct {
			Group     string         `json:"group"`
			DMU       string         `json:"dmu"`
			From      float64        `json:"from"`
			To        float64        `json:"to"`
			Malmquist float64        `json:"malmquist"`
			EffCh     float64        `json:"effch"`
			TechCh    float64        `json:"techch"`
			PECh      float64        `json:"pech"`
			SECh      float64        `json:"sech"`
			TFP       float64        `json:"tfp"`
			CRS       [2][2]*float64 `json:"crs"`
			VRS       [2][2]*float64 `json:"vrs"`
		} `json:"changes"`
	} `json:"cases"`
}

// goldenTol is the agreement required with HiGHS (run with feasibility
// tolerances 1e-10), relative to the value.
const goldenTol = 1e-7

func loadGolden(t testing.TB) *golden {
	var g golden
	shared.ReadJSON(t, "testdata/golden.json", &g)
	return &g
}

func TestGoldenScipy(t *testing.T) {
	g := loadGolden(t)
	if len(g.Cases) == 0 {
		t.Fatal("no golden cases")
	}
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var p Panel
			m, s := len(c.Rows[0].X), len(c.Rows[0].Y)
			p.Inputs = make([][]float64, m)
			p.Outputs = make([][]float64, s)
			if c.Grouped {
				p.Group = []string{}
			}
			for _, r := range c.Rows {
				p.DMU = append(p.DMU, r.DMU)
				p.Time = append(p.Time, r.Time)
				if c.Grouped {
					p.Group = append(p.Group, r.Group)
				}
				for i := range r.X {
					p.Inputs[i] = append(p.Inputs[i], r.X[i])
				}
				for i := range r.Y {
					p.Outputs[i] = append(p.Outputs[i], r.Y[i])
				}
			}
			o, err := ParseOrientation(c.Orientation)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Malmquist{Orientation: o, Distances: true}.Fit(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Changes) != len(c.Changes) {
				t.Fatalf("got %d changes, golden has %d", len(res.Changes), len(c.Changes))
			}
			worst := 0.0
			for k, w := range c.Changes {
				got := res.Changes[k]
				if got.DMU != w.DMU || got.Group != w.Group || got.From != w.From || got.To != w.To {
					t.Fatalf("change %d is %s/%s %v→%v, golden %s/%s %v→%v", k, got.Group, got.DMU, got.From, got.To, w.Group, w.DMU, w.From, w.To)
				}
				cmp := func(what string, gv, wv float64) {
					d := math.Abs(gv-wv) / math.Max(1, math.Abs(wv))
					worst = math.Max(worst, d)
					if !(d <= goldenTol) {
						t.Errorf("%s/%s %v→%v %s = %.12g, scipy %.12g", w.Group, w.DMU, w.From, w.To, what, gv, wv)
					}
				}
				cmp("malmquist", got.Malmquist, w.Malmquist)
				cmp("effch", got.EffCh, w.EffCh)
				cmp("techch", got.TechCh, w.TechCh)
				cmp("pech", got.PECh, w.PECh)
				cmp("sech", got.SECh, w.SECh)
				cmp("tfp", got.TFP, w.TFP)
				for a := 0; a < 2; a++ {
					for b := 0; b < 2; b++ {
						cmp(fmt.Sprintf("crs[%d][%d]", a, b), got.Scores.CRS[a][b], *w.CRS[a][b])
						if w.VRS[a][b] == nil {
							if !math.IsNaN(got.Scores.VRS[a][b]) {
								t.Errorf("%s/%s %v→%v vrs[%d][%d] = %g, scipy: infeasible", w.Group, w.DMU, w.From, w.To, a, b, got.Scores.VRS[a][b])
							}
							continue
						}
						cmp(fmt.Sprintf("vrs[%d][%d]", a, b), got.Scores.VRS[a][b], *w.VRS[a][b])
					}
				}
			}
			t.Logf("largest relative difference from scipy/HiGHS: %.2g", worst)
		})
	}
}
