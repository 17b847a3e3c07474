package dea

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
)

// seaPanel reads the WIOD 2016 socio-economic accounts of the United States
// and Australia as gen_golden_sea.py does: group = country, DMU = industry,
// inputs K and EMP, output VA, industries with a non-positive value dropped.
func seaPanel(t *testing.T) Panel {
	dir := shared.Dir(t, "wiod2016-national")
	var p Panel
	p.Group = []string{}
	p.Inputs = make([][]float64, 2)
	p.Outputs = make([][]float64, 1)
	for _, country := range []string{"USA", "AUS"} {
		f, err := os.Open(filepath.Join(dir, country+"_sea.csv"))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		// recs[0]: country, variable, description, code, 2000 … 2014.
		val := map[string]map[string][]float64{} // code → variable → years
		var codes []string
		for _, r := range recs[1:] {
			v, code := r[1], r[3]
			if v != "K" && v != "EMP" && v != "VA" {
				continue
			}
			if val[code] == nil {
				val[code] = map[string][]float64{}
				codes = append(codes, code)
			}
			for _, s := range r[4:] {
				x, err := strconv.ParseFloat(s, 64)
				if err != nil {
					x = math.NaN()
				}
				val[code][v] = append(val[code][v], x)
			}
		}
	industry:
		for _, code := range codes {
			for _, v := range []string{"K", "EMP", "VA"} {
				if len(val[code][v]) != 15 {
					continue industry
				}
				for _, x := range val[code][v] {
					if !(x > 0) {
						continue industry
					}
				}
			}
			for y := 0; y < 15; y++ {
				p.Group = append(p.Group, country)
				p.DMU = append(p.DMU, code)
				p.Time = append(p.Time, float64(2000+y))
				p.Inputs[0] = append(p.Inputs[0], val[code]["K"][y])
				p.Inputs[1] = append(p.Inputs[1], val[code]["EMP"][y])
				p.Outputs[0] = append(p.Outputs[0], val[code]["VA"][y])
			}
		}
	}
	return p
}

// TestGoldenSEA compares with scipy/HiGHS on real data (testdata/golden_sea.json).
func TestGoldenSEA(t *testing.T) {
	p := seaPanel(t)
	b, err := os.ReadFile("testdata/golden_sea.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Output []struct {
			Group, DMU                           string
			From, To                             float64
			Malmquist, EffCh, TechCh, PECh, SECh float64
			TFP                                  float64
		} `json:"output"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	res, err := Malmquist{}.Fit(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != len(g.Output) || len(g.Output) == 0 {
		t.Fatalf("%d changes, golden %d", len(res.Changes), len(g.Output))
	}
	worst := 0.0
	for i, w := range g.Output {
		c := res.Changes[i]
		if c.Group != w.Group || c.DMU != w.DMU || c.From != w.From {
			t.Fatalf("change %d is %s/%s %v, golden %s/%s %v", i, c.Group, c.DMU, c.From, w.Group, w.DMU, w.From)
		}
		for _, v := range [][3]any{{"malmquist", c.Malmquist, w.Malmquist}, {"effch", c.EffCh, w.EffCh},
			{"techch", c.TechCh, w.TechCh}, {"pech", c.PECh, w.PECh}, {"sech", c.SECh, w.SECh}, {"tfp", c.TFP, w.TFP}} {
			got, want := v[1].(float64), v[2].(float64)
			d := math.Abs(got-want) / math.Max(1, math.Abs(want))
			worst = math.Max(worst, d)
			if !(d <= goldenTol) {
				t.Errorf("%s/%s %v→%v %s = %.12g, scipy %.12g", w.Group, w.DMU, w.From, w.To, v[0], got, want)
			}
		}
	}
	t.Logf("%d indices, %d programs; largest relative difference from scipy/HiGHS %.2g", len(res.Changes), res.Programs, worst)
}
