package dist

import (
	"math"
	"testing"
)

// FuzzDistributions checks, for any statistic and degrees of freedom, that
// probabilities lie in [0, 1], that CDF and survival add to 1, that the two
// F and t forms agree (F(1, ν) = t(ν)²) and that the t quantile inverts
// the CDF where the CDF carries the information.
func FuzzDistributions(f *testing.F) {
	f.Add(2.1, 30.0, 3.0)
	f.Add(-40.0, 0.5, 1e6)
	f.Add(1e-9, 1e6, 7.5)
	f.Add(1e200, 1.0, 1.0)
	f.Add(0.0, 1e15, 1e-3)
	f.Fuzz(func(t *testing.T, x, nu, d float64) {
		if math.IsNaN(x) || !(nu > 0) || !(d > 0) || math.IsInf(nu, 0) || math.IsInf(d, 0) {
			return
		}
		in01 := func(name string, v float64) {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("%s(%g, %g, %g) = %g, outside [0, 1]", name, x, nu, d, v)
			}
		}
		c, s := StudentTCDF(x, nu), StudentTSurvival(x, nu)
		in01("StudentTCDF", c)
		in01("StudentTSurvival", s)
		if math.Abs(c+s-1) > 1e-15 {
			t.Fatalf("StudentTCDF + StudentTSurvival at (%g, %g) = 1 %+g", x, nu, c+s-1)
		}
		p2 := StudentTTwoSided(x, nu)
		in01("StudentTTwoSided", p2)
		in01("ChiSquaredSurvival", ChiSquaredSurvival(x, nu))
		in01("FSurvival", FSurvival(x, nu, d))
		if ax := math.Abs(x); ax < 1e100 && p2 > 1e-300 {
			if pf := FSurvival(ax*ax, 1, nu); math.Abs(pf-p2) > 1e-11*p2 {
				t.Fatalf("FSurvival(%g², 1, %g) = %g, StudentTTwoSided = %g", ax, nu, pf, p2)
			}
		}
		if lo := math.Min(c, s); lo > 1e-300 && lo < 0.25 && nu >= 0.1 {
			q := StudentTQuantile(lo, nu)
			if math.Abs(q+math.Abs(x)) > 1e-12*math.Abs(x) {
				t.Fatalf("StudentTQuantile(%g, %g) = %.17g, want %.17g", lo, nu, q, -math.Abs(x))
			}
		}
	})
}
