package dist

import "math"

// NormalCDF returns Φ(x) = P(Z ≤ x) for a standard normal Z, computed as
// ½·erfc(−x/√2) so that the lower tail keeps its relative accuracy down to
// the smallest subnormal.
func NormalCDF(x float64) float64 {
	return 0.5 * math.Erfc(-x/math.Sqrt2)
}

// NormalSurvival returns 1 − Φ(x) = P(Z > x), accurate in the upper tail.
func NormalSurvival(x float64) float64 {
	return 0.5 * math.Erfc(x/math.Sqrt2)
}

// NormalQuantile returns Φ⁻¹(p), the x with P(Z ≤ x) = p: −Inf at 0, +Inf at
// 1 and NaN outside [0, 1]. It is Wichura's (1988) algorithm AS 241, PPND16,
// rational approximations of relative accuracy about 1e-16 in three regions:
// |p − ½| ≤ 0.425, then r = √(−log min(p, 1−p)) ≤ 5, and r > 5 (p down to
// about 1e-300 and beyond).
func NormalQuantile(p float64) float64 {
	switch {
	case math.IsNaN(p) || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	}
	q := p - 0.5 // exact for p ≥ ¼ (Sterbenz)
	if math.Abs(q) <= 0.425 {
		r := 0.180625 - q*q // 0.425² − q²
		return q * poly7(&ppndA, r) / poly7(&ppndB, r)
	}
	r := p
	if q > 0 {
		r = 1 - p // exact for p ≥ ½
	}
	r = math.Sqrt(-math.Log(r))
	var x float64
	if r <= 5 {
		r -= 1.6
		x = poly7(&ppndC, r) / poly7(&ppndD, r)
	} else {
		r -= 5
		x = poly7(&ppndE, r) / poly7(&ppndF, r)
	}
	if q < 0 {
		return -x
	}
	return x
}

// poly7 evaluates c[0] + c[1]·x + … + c[7]·x⁷ by Horner's rule.
func poly7(c *[8]float64, x float64) float64 {
	s := c[7]
	for i := 6; i >= 0; i-- {
		s = s*x + c[i]
	}
	return s
}

// Coefficients of PPND16, Wichura (1988), "Algorithm AS 241: The percentage
// points of the normal distribution", Applied Statistics 37(3), 477–484:
// A, B for the central region, C, D for the intermediate and E, F for the far
// tail, lowest power first.
var (
	ppndA = [8]float64{
		3.3871328727963666080, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4,
		4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3,
	}
	ppndB = [8]float64{
		1, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3,
		2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3,
	}
	ppndC = [8]float64{
		1.42343711074968357734, 4.63033784615654529590, 5.76949722146069140550, 3.64784832476320460504,
		1.27045825245236838258, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4,
	}
	ppndD = [8]float64{
		1, 2.05319162663775882187, 1.67638483018380384940, 6.89767334985100004550e-1,
		1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9,
	}
	ppndE = [8]float64{
		6.65790464350110377720, 5.46378491116411436990, 1.78482653991729133580, 2.96560571828504891230e-1,
		2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
	}
	ppndF = [8]float64{
		1, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
		7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15,
	}
)
