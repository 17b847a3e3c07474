package dea

import (
	"context"
	"math"
	"testing"
)

// deapEG4 is the Malmquist example of Coelli's DEAP 2.1 guide (Coelli 1996,
// CEPA Working Paper 96/08, section 6, files eg4-dta.txt / eg4-out.txt):
// 5 firms observed in 3 years, one output and one input, listed in the data
// file as "y x" per firm and year. Year 3 repeats year 2.
var deapEG4 = struct {
	y, x [3][5]float64
}{
	y: [3][5]float64{{1, 2, 3, 4, 5}, {1, 3, 4, 3, 5}, {1, 3, 4, 3, 5}},
	x: [3][5]float64{{2, 4, 3, 5, 6}, {2, 4, 3, 5, 5}, {2, 4, 3, 5, 5}},
}

func deapPanel() Panel {
	var p Panel
	var x, y []float64
	for t := 0; t < 3; t++ {
		for f := 0; f < 5; f++ {
			p.DMU = append(p.DMU, string(rune('1'+f)))
			p.Time = append(p.Time, float64(t+1))
			x = append(x, deapEG4.x[t][f])
			y = append(y, deapEG4.y[t][f])
		}
	}
	p.Inputs = [][]float64{x}
	p.Outputs = [][]float64{y}
	return p
}

// TestDEAPExample compares with the published output eg4-out.txt of DEAP 2.1
// (output orientation), printed to 3 decimals: tolerance 5e-4.
func TestDEAPExample(t *testing.T) {
	// MALMQUIST INDEX SUMMARY, year 2 (effch techch pech sech tfpch); year 3
	// is 1.000 throughout.
	want2 := [5][5]float64{
		{0.750, 1.333, 1.000, 0.750, 1.000},
		{1.125, 1.333, 1.222, 0.920, 1.500},
		{1.000, 1.333, 1.000, 1.000, 1.333},
		{0.562, 1.333, 0.650, 0.865, 0.750},
		{0.900, 1.333, 1.000, 0.900, 1.200},
	}
	// DISTANCES SUMMARY: crs te of year-t data rel. to tech in t-1, t, t+1;
	// vrs te. Year 1 (t-1 undefined), year 2.
	wantD1 := [5][3]float64{{0.500, 0.375, 1.000}, {0.500, 0.375, 0.545}, {1.000, 0.750, 1.000}, {0.800, 0.600, 0.923}, {0.833, 0.625, 1.000}}
	wantD2 := [5][4]float64{{0.500, 0.375, 0.375, 1.000}, {0.750, 0.563, 0.563, 0.667}, {1.333, 1.000, 1.000, 1.000}, {0.600, 0.450, 0.450, 0.600}, {1.000, 0.750, 0.750, 1.000}}
	const tol = 5e-4 + 1e-9 // half a unit in the last printed digit (0.5625 prints as 0.562)
	res, err := Malmquist{Orientation: Output}.Fit(context.Background(), deapPanel(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 10 {
		t.Fatalf("got %d changes, want 10", len(res.Changes))
	}
	check := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %.6f, DEAP prints %.3f", what, got, want)
		}
	}
	for _, c := range res.Changes {
		f := int(c.DMU[0] - '1')
		if c.From == 1 {
			w := want2[f]
			check("firm "+c.DMU+" effch", c.EffCh, w[0])
			check("firm "+c.DMU+" techch", c.TechCh, w[1])
			check("firm "+c.DMU+" pech", c.PECh, w[2])
			check("firm "+c.DMU+" sech", c.SECh, w[3])
			check("firm "+c.DMU+" tfpch", c.Malmquist, w[4])
			check("firm "+c.DMU+" tfp", c.TFP, w[4])
			check("year-1 crs t", c.Scores.CRS[0][0], wantD1[f][0])
			check("year-1 crs t+1", c.Scores.CRS[1][0], wantD1[f][1])
			check("year-1 vrs", c.Scores.VRS[0][0], wantD1[f][2])
			check("year-2 crs t-1", c.Scores.CRS[0][1], wantD2[f][0])
			check("year-2 crs t", c.Scores.CRS[1][1], wantD2[f][1])
			check("year-2 vrs", c.Scores.VRS[1][1], wantD2[f][3])
		} else {
			for _, v := range []float64{c.EffCh, c.TechCh, c.PECh, c.SECh, c.Malmquist} {
				check("year-3 index of firm "+c.DMU, v, 1)
			}
			check("firm "+c.DMU+" tfp year 3", c.TFP, w2tfp(want2[f]))
			check("year-2 crs t+1", c.Scores.CRS[1][0], wantD2[f][2])
		}
	}
}

func w2tfp(w [5]float64) float64 { return w[4] }
