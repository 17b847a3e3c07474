package dpd

import (
	"math"
	"strconv"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
)

// TestXtabond2SystemAnchor compares with a printed xtabond2 (Roodman) run on
// the same data, two-step system GMM with Windmeijer-corrected errors, as
// posted at https://m.pinggu.org/bbs/thread-877779-1-1.html:
//
//	xtabond2 n l(1/2).n l(0/1).w l(0/2).(k ys) yr1980-yr1984, gmm(l.n w k) iv(yr1980-yr1984) robust twostep small
//
// which reports 751 observations, 140 groups, 120 instruments and the
// coefficients below (7 significant digits as printed). It pins xtabond2's
// system-GMM conventions that plm does not share: an IV-style set serves both
// equations with one column per variable, the level equation carries _cons as
// an instrument, and the one-step weight is h(3).
func TestXtabond2SystemAnchor(t *testing.T) {
	data := shared.EmplUK(t)
	year, _ := data.Floats("year")
	for y := 1980; y <= 1984; y++ {
		v := make([]float64, len(year))
		for i, x := range year {
			if int(x) == y {
				v[i] = 1
			}
		}
		if err := data.AddFloat("yr"+strconv.Itoa(y), v); err != nil {
			t.Fatal(err)
		}
	}
	x, _ := ParseTerms("L(1/2).n L(0/1).w L(0/2).(k ys) yr1980 yr1981 yr1982 yr1983 yr1984")
	g, _ := ParseGMM("L.n w k")
	iv, _ := ParseIV("yr1980 yr1981 yr1982 yr1983 yr1984")
	m := Model{Y: "n", X: x, GMM: []GMMStyle{g}, IV: []IVStyle{iv}, System: true}
	r, err := m.Fit(data, "firm", "year", Options{TwoStep: true, Robust: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.NObs != 751 || r.NGroups != 140 || r.NInstruments != 120 {
		t.Errorf("nobs %d groups %d instruments %d; xtabond2: 751, 140, 120", r.NObs, r.NGroups, r.NInstruments)
	}
	want := map[string]float64{
		"L.n": .9847708, "L2.n": -.0444599, "w": -.5015799, "L.w": .4045313,
		"k": .3234514, "L.k": -.1550519, "L2.k": -.1195921,
		"ys": .6120864, "L.ys": -.4190762, "L2.ys": -.2492855,
		"yr1980": .0256293, "yr1981": .0157888, "yr1982": .0136977, "yr1983": .0078038, "yr1984": -.0194111,
		"_cons": .6392791,
	}
	// Printed "Corrected Std. Err." under small: Windmeijer-corrected SE
	// times sqrt((N-1)/(N-K) · G/(G-1)), Stata's small-sample cluster factor,
	// N = 751, K = 16, G = 140 (wiodlab reports the large-sample SE, like
	// xtabond2 without small).
	wantSE := map[string]float64{
		"L.n": .0591053, "L2.n": .0532234, "w": .2033974, "L.w": .1670457,
		"k": .0525199, "L.k": .0667629, "L2.k": .041634,
		"ys": .2343692, "L.ys": .3208354, "L2.ys": .2154591,
		"yr1980": .0170605, "yr1981": .0339909, "yr1982": .0330476, "yr1983": .0345048, "yr1984": .0331093,
		"_cons": 1.000564,
	}
	small := math.Sqrt(750.0 / 735.0 * 140.0 / 139.0)
	for name, w := range want {
		c, se, ok := r.Coefficient(name)
		if !ok {
			t.Fatalf("no %s in %v", name, r.Names)
		}
		// Stata keeps abdata in single precision (float), so agreement is to
		// about 1e-6 rather than the 1e-7 printed: allow 5e-6 absolute.
		if math.Abs(c-w) > 5e-6 {
			t.Errorf("%s: got %.8f, xtabond2 %.7f", name, c, w)
		}
		if s := se * small; math.Abs(s-wantSE[name]) > 2e-4*wantSE[name] {
			t.Errorf("%s: se×small %.7f, xtabond2 %.7f", name, s, wantSE[name])
		}
	}
}
