package dist

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
)

type goldenCase struct {
	Fn    string    `json:"fn"`
	Args  []float64 `json:"args"`
	Want  jsonFloat `json:"want"`
	Scipy jsonFloat `json:"scipy"`
}

// jsonFloat is a JSON number, or one of the strings "+Inf", "-Inf", "NaN".
type jsonFloat float64

func (f *jsonFloat) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' {
		s = s[1 : len(s)-1]
	}
	v, err := strconv.ParseFloat(s, 64)
	*f = jsonFloat(v)
	return err
}

var funcs = map[string]func(a []float64) float64{
	"NormalCDF":          func(a []float64) float64 { return NormalCDF(a[0]) },
	"NormalSurvival":     func(a []float64) float64 { return NormalSurvival(a[0]) },
	"NormalQuantile":     func(a []float64) float64 { return NormalQuantile(a[0]) },
	"StudentTCDF":        func(a []float64) float64 { return StudentTCDF(a[0], a[1]) },
	"StudentTSurvival":   func(a []float64) float64 { return StudentTSurvival(a[0], a[1]) },
	"StudentTTwoSided":   func(a []float64) float64 { return StudentTTwoSided(a[0], a[1]) },
	"StudentTQuantile":   func(a []float64) float64 { return StudentTQuantile(a[0], a[1]) },
	"ChiSquaredSurvival": func(a []float64) float64 { return ChiSquaredSurvival(a[0], a[1]) },
	"FSurvival":          func(a []float64) float64 { return FSurvival(a[0], a[1], a[2]) },
}

// relTol is the relative error allowed against the mpmath reference where
// the reference exceeds tinyRef in magnitude; the measured maxima are in
// doc.go.
const (
	relTol  = 1e-12
	tinyRef = 1e-280
)

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	var g struct {
		Cases []goldenCase `json:"cases"`
	}
	shared.ReadJSON(t, "testdata/golden.json", &g)
	if len(g.Cases) < 1000 {
		t.Fatalf("testdata/golden.json: only %d cases", len(g.Cases))
	}
	return g.Cases
}

// TestGolden compares every function with mpmath values (testdata/
// gen_golden.py) on a grid covering the call sites' ranges: degrees of
// freedom 0.5 to 1e6, statistics 0 to 1e4 (and 1e100), probabilities 1e-300
// to 1−1e-16.
func TestGolden(t *testing.T) {
	worst := map[string]float64{}
	where := map[string]string{}
	for _, c := range loadGolden(t) {
		f, ok := funcs[c.Fn]
		if !ok {
			t.Fatalf("golden case for unknown function %q", c.Fn)
		}
		got, want := f(c.Args), float64(c.Want)
		name := fmt.Sprintf("%s%v", c.Fn, c.Args)
		if math.IsInf(want, 0) {
			if got != want {
				t.Errorf("%s = %g, want %g", name, got, want)
			}
			continue
		}
		if math.Abs(want) < tinyRef {
			// Zero or far below the smallest normal float: only the
			// sign and the order of magnitude are meaningful.
			if math.Abs(got-want) > 1e-290 || (want >= 0) != (got >= 0) {
				t.Errorf("%s = %g, want %g", name, got, want)
			}
			continue
		}
		rel := math.Abs(got-want) / math.Abs(want)
		if !(rel <= relTol) {
			t.Errorf("%s = %.17g, want %.17g (relative error %.2g)", name, got, want, rel)
		}
		if rel > worst[c.Fn] {
			worst[c.Fn], where[c.Fn] = rel, name
		}
	}
	for fn, r := range worst {
		t.Logf("%-18s max relative error %.2g at %s", fn, r, where[fn])
	}
}

// TestProbabilityRange checks on a dense grid that every probability is in
// [0, 1] and that CDF + survival = 1.
func TestProbabilityRange(t *testing.T) {
	check := func(name string, v float64) {
		if !(v >= 0 && v <= 1) {
			t.Errorf("%s = %g, outside [0, 1]", name, v)
		}
	}
	for _, nu := range []float64{0.3, 1, 2, 3.5, 10, 1e3, 1e5, math.Inf(1)} {
		for x := -60.0; x <= 60; x += 0.37 {
			c, s := StudentTCDF(x, nu), StudentTSurvival(x, nu)
			check(fmt.Sprintf("StudentTCDF(%g, %g)", x, nu), c)
			check(fmt.Sprintf("StudentTSurvival(%g, %g)", x, nu), s)
			check(fmt.Sprintf("StudentTTwoSided(%g, %g)", x, nu), StudentTTwoSided(x, nu))
			if math.Abs(c+s-1) > 2e-16 {
				t.Errorf("StudentTCDF + StudentTSurvival at (%g, %g) = 1 %+g", x, nu, c+s-1)
			}
			check(fmt.Sprintf("ChiSquaredSurvival(%g, %g)", x*x, nu), ChiSquaredSurvival(x*x, nu))
			check(fmt.Sprintf("FSurvival(%g, 3, %g)", x*x, nu), FSurvival(x*x, 3, nu))
		}
	}
	for x := -40.0; x <= 40; x += 0.1 {
		c, s := NormalCDF(x), NormalSurvival(x)
		if math.Abs(c+s-1) > 2e-16 {
			t.Errorf("NormalCDF + NormalSurvival at %g = 1 %+g", x, c+s-1)
		}
	}
}

// TestQuantileRoundTrip checks Quantile(CDF(x)) = x where the CDF is the
// small tail (so that it carries the information about x), for random x
// with a fixed seed.
func TestQuantileRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		x := -37 * rng.Float64()
		if got := NormalQuantile(NormalCDF(x)); math.Abs(got-x) > 1e-14*math.Abs(x)+1e-300 {
			t.Errorf("NormalQuantile(NormalCDF(%g)) = %.17g", x, got)
		}
		if got := NormalQuantile(NormalSurvival(-x)); math.Abs(got-x) > 1e-14*math.Abs(x)+1e-300 {
			t.Errorf("NormalQuantile(NormalSurvival(%g)) = %.17g", -x, got)
		}
	}
	for _, nu := range []float64{0.7, 1, 2, 3, 4.5, 12, 200, 5e4} {
		for i := 0; i < 40; i++ {
			x := -math.Exp(8 * (rng.Float64() - 0.4)) // |x| from 0.04 to 120
			p := StudentTCDF(x, nu)
			if p < 1e-300 {
				continue
			}
			if got := StudentTQuantile(p, nu); math.Abs(got-x) > 1e-13*math.Abs(x) {
				t.Errorf("StudentTQuantile(StudentTCDF(%g, %g), %g) = %.17g", x, nu, nu, got)
			}
		}
	}
}

// TestClosedForms checks the general routines against closed forms: t(1)
// is Cauchy, t(2) has P(T > t) = 1/(√(2+t²)(√(2+t²)+t)), χ²(2) has
// Q = exp(−x/2), χ²(1) has Q = erfc(√(x/2)), and F(1, ν) is the square of
// t(ν).
func TestClosedForms(t *testing.T) {
	close := func(name string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol*math.Abs(want) {
			t.Errorf("%s = %.17g, want %.17g", name, got, want)
		}
	}
	for _, x := range []float64{1e-6, 0.3, 1, 2.5, 10, 1e3, 1e8, 1e150, 1e300} {
		// Far tails are formed as exp(log p): |log p|·ε ≈ 1.5e-13 at 1e-300.
		tol := 1e-14
		if x > 1e100 {
			tol = 1e-12
		}
		close(fmt.Sprintf("StudentTSurvival(%g, 1)", x), StudentTSurvival(x, 1), math.Atan(1/x)/math.Pi, tol)
		r := math.Sqrt(2 + x*x)
		if x < 1e150 {
			close(fmt.Sprintf("StudentTSurvival(%g, 2)", x), StudentTSurvival(x, 2), 1/(r*(r+x)), 1e-14)
		}
		if x < 1e3 {
			close(fmt.Sprintf("ChiSquaredSurvival(%g, 2)", x), ChiSquaredSurvival(x, 2), math.Exp(-x/2), 1e-14)
			close(fmt.Sprintf("ChiSquaredSurvival(%g, 1)", x), ChiSquaredSurvival(x, 1), math.Erfc(math.Sqrt(x/2)), 1e-13)
		}
		if x < 1e100 {
			for _, nu := range []float64{1, 3, 40, 1e4} {
				close(fmt.Sprintf("FSurvival(%g², 1, %g)", x, nu), FSurvival(x*x, 1, nu), StudentTTwoSided(x, nu), 1e-13)
			}
		}
	}
}

func TestEdgeCases(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"NormalCDF(-Inf)", NormalCDF(-inf), 0},
		{"NormalCDF(+Inf)", NormalCDF(inf), 1},
		{"NormalCDF(NaN)", NormalCDF(nan), nan},
		{"NormalQuantile(0)", NormalQuantile(0), -inf},
		{"NormalQuantile(1)", NormalQuantile(1), inf},
		{"NormalQuantile(-0.1)", NormalQuantile(-0.1), nan},
		{"NormalQuantile(1.1)", NormalQuantile(1.1), nan},
		{"NormalQuantile(0.5)", NormalQuantile(0.5), 0},
		{"StudentTSurvival(1, 0)", StudentTSurvival(1, 0), nan},
		{"StudentTSurvival(1, -2)", StudentTSurvival(1, -2), nan},
		{"StudentTSurvival(NaN, 3)", StudentTSurvival(nan, 3), nan},
		{"StudentTSurvival(1, NaN)", StudentTSurvival(1, nan), nan},
		{"StudentTSurvival(+Inf, 3)", StudentTSurvival(inf, 3), 0},
		{"StudentTSurvival(-Inf, 3)", StudentTSurvival(-inf, 3), 1},
		{"StudentTSurvival(0, 3)", StudentTSurvival(0, 3), 0.5},
		{"StudentTSurvival(1.5, +Inf)", StudentTSurvival(1.5, inf), NormalSurvival(1.5)},
		{"StudentTTwoSided(0, 3)", StudentTTwoSided(0, 3), 1},
		{"StudentTTwoSided(-Inf, 3)", StudentTTwoSided(-inf, 3), 0},
		{"StudentTQuantile(0, 3)", StudentTQuantile(0, 3), -inf},
		{"StudentTQuantile(1, 3)", StudentTQuantile(1, 3), inf},
		{"StudentTQuantile(0.5, 3)", StudentTQuantile(0.5, 3), 0},
		{"StudentTQuantile(0.3, 0)", StudentTQuantile(0.3, 0), nan},
		{"StudentTQuantile(2, 3)", StudentTQuantile(2, 3), nan},
		{"StudentTQuantile(0.975, +Inf)", StudentTQuantile(0.975, inf), NormalQuantile(0.975)},
		{"StudentTQuantile(1e-300, 0.1)", StudentTQuantile(1e-300, 0.1), -inf}, // −1e3000 overflows
		{"ChiSquaredSurvival(0, 3)", ChiSquaredSurvival(0, 3), 1},
		{"ChiSquaredSurvival(-1, 3)", ChiSquaredSurvival(-1, 3), 1},
		{"ChiSquaredSurvival(+Inf, 3)", ChiSquaredSurvival(inf, 3), 0},
		{"ChiSquaredSurvival(NaN, 3)", ChiSquaredSurvival(nan, 3), nan},
		{"ChiSquaredSurvival(1, 0)", ChiSquaredSurvival(1, 0), nan},
		{"ChiSquaredSurvival(1e5, 1)", ChiSquaredSurvival(1e5, 1), 0},
		{"FSurvival(0, 2, 3)", FSurvival(0, 2, 3), 1},
		{"FSurvival(-1, 2, 3)", FSurvival(-1, 2, 3), 1},
		{"FSurvival(+Inf, 2, 3)", FSurvival(inf, 2, 3), 0},
		{"FSurvival(NaN, 2, 3)", FSurvival(nan, 2, 3), nan},
		{"FSurvival(1, 0, 3)", FSurvival(1, 0, 3), nan},
		{"FSurvival(1, 2, -3)", FSurvival(1, 2, -3), nan},
		{"FSurvival(1e300, 2, 3)", FSurvival(1e300, 2, 3), FSurvival(1e300, 2, 3)},
		{"FSurvival(2, 3, +Inf)", FSurvival(2, 3, inf), ChiSquaredSurvival(6, 3)},
	} {
		if !(c.got == c.want || math.IsNaN(c.got) && math.IsNaN(c.want)) {
			t.Errorf("%s = %g, want %g", c.name, c.got, c.want)
		}
	}
	// Tiny p-values stay positive down to ~1e-300 instead of underflowing early.
	for _, c := range []struct {
		name string
		got  float64
	}{
		{"NormalSurvival(37)", NormalSurvival(37)},
		{"StudentTTwoSided(1e299, 1)", StudentTTwoSided(1e299, 1)},
		{"ChiSquaredSurvival(1300, 1)", ChiSquaredSurvival(1300, 1)},
		{"FSurvival(1.2, 1e5, 1e5)", FSurvival(1.2, 1e5, 1e5)},
	} {
		if !(c.got > 1e-305 && c.got < 1e-150) {
			t.Errorf("%s = %g, want a tiny positive value", c.name, c.got)
		}
	}
}

// TestLargeDF checks t(ν) beyond the golden grid against the first two
// terms of its expansion around the normal (Abramowitz and Stegun 26.7.5
// inverted), P(T > t) = 1 − Φ(t) + φ(t)(t³+t)/(4ν) + O(t⁸/ν²), whose
// omitted terms are below 1e-14 relative here; this covers both the
// continued fraction (ν < 1e15) and the switch to the expansion.
func TestLargeDF(t *testing.T) {
	for _, nu := range []float64{1e10, 1e12, 1e14, 0.999e15, 1e15, 1e16, 1e20} {
		for _, x := range []float64{0.5, 2, 5, 8} {
			phi := math.Exp(-x*x/2) / math.Sqrt(2*math.Pi)
			want := NormalSurvival(x) + phi*(x*x*x+x)/(4*nu)
			if got := StudentTSurvival(x, nu); math.Abs(got-want) > 2e-14*want {
				t.Errorf("StudentTSurvival(%g, %g) = %.17g, want %.17g", x, nu, got, want)
			}
			p := StudentTCDF(-x, nu)
			if got := StudentTQuantile(p, nu); math.Abs(got+x) > 1e-13*x {
				t.Errorf("StudentTQuantile(StudentTCDF(%g, %g), %g) = %.17g", -x, nu, nu, got)
			}
		}
	}
}
