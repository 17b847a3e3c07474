package dist

import "math"

// StudentTCDF returns P(T ≤ t) for T ~ t(ν), ν > 0 real; ν = +Inf is the
// standard normal. NaN for NaN arguments or ν ≤ 0.
func StudentTCDF(t, nu float64) float64 {
	return StudentTSurvival(-t, nu)
}

// StudentTSurvival returns P(T > t) for T ~ t(ν) (see StudentTCDF).
func StudentTSurvival(t, nu float64) float64 {
	switch {
	case math.IsNaN(t) || math.IsNaN(nu) || nu <= 0:
		return math.NaN()
	case math.IsInf(nu, 1):
		return NormalSurvival(t)
	}
	p, q := tTails(math.Abs(t), nu)
	if t >= 0 {
		return p / 2
	}
	return 0.5 + q/2
}

// StudentTTwoSided returns the two-sided p-value P(|T| > |t|) for
// T ~ t(ν) (see StudentTCDF).
func StudentTTwoSided(t, nu float64) float64 {
	switch {
	case math.IsNaN(t) || math.IsNaN(nu) || nu <= 0:
		return math.NaN()
	case math.IsInf(nu, 1):
		return 2 * NormalSurvival(math.Abs(t))
	}
	p, _ := tTails(math.Abs(t), nu)
	return p
}

// tTails returns p = P(|T| > t) = I_x(ν/2, ½) with x = ν/(ν + t²)
// (DLMF 8.17.3 with the t density) and q = 1 − p = P(|T| < t), for t ≥ 0.
// x and y = t²/(ν + t²) come from whichever of t²/ν and ν/t² is below 1, so
// that neither overflows, and their logarithms from the same ratio, so that
// the tail keeps a logarithm when x itself underflows (ν small, t > 1e150).
func tTails(t, nu float64) (p, q float64) {
	if math.IsInf(t, 1) {
		return 0, 1
	}
	if nu >= tLargeNu {
		// First order of Fisher's expansion, A&S 26.7.5 inverted:
		// P(T > t) = 1 − Φ(t) + φ(t)(t³ + t)/(4ν) + O(t⁸/ν²).
		corr := 2 * math.Exp(-t*t/2-lnSqrt2Pi) * (t*t*t + t) / (4 * nu)
		return 2*NormalSurvival(t) + corr, math.Erf(t/math.Sqrt2) - corr
	}
	var x, y, lx, ly float64
	if s := t * (t / nu); s <= 1 {
		x, y = 1/(1+s), s/(1+s)
		lx, ly = -math.Log1p(s), math.Log(s)-math.Log1p(s)
	} else {
		r := (nu / t) / t
		x, y = r/(1+r), 1/(1+r)
		lx, ly = math.Log(r)-math.Log1p(r), -math.Log1p(r)
		if r < 1e-300 {
			lx = math.Log(nu) - 2*math.Log(t) - math.Log1p(r)
		}
	}
	return betaInc(nu/2, 0.5, x, y, lx, ly)
}

// tLargeNu is the ν from which t(ν) is computed by its expansion around the
// normal: the continued fraction needs the half-integers ν/2 + m exactly,
// which float64 holds up to 2⁵², and from 1e15 on the omitted terms, of
// relative order (t⁴/ν)², are below 1e-17 wherever the tail exceeds 1e-300.
const tLargeNu = 1e15

// lnTDensity returns log f(t) for the t(ν) density
// f(t) = (1 + t²/ν)^(−(ν+1)/2) / (√ν·B(ν/2, ½)).
func lnTDensity(t, nu float64) float64 {
	t = math.Abs(t)
	var l1p float64 // log(1 + t²/ν)
	if s := t * (t / nu); s <= 1 {
		l1p = math.Log1p(s)
	} else {
		l1p = 2*math.Log(t) - math.Log(nu) + math.Log1p((nu/t)/t)
	}
	return -(nu+1)/2*l1p - 0.5*math.Log(nu) - lnBetaHalf(nu)
}

// lnBetaHalf returns log B(ν/2, ½) = log Γ(½) + lgamma(ν/2) − lgamma(ν/2 + ½).
func lnBetaHalf(nu float64) float64 {
	const lnSqrtPi = 0.57236494292470008707171367567652935 // log Γ(½) = log √π
	a := nu / 2
	if a >= 8 {
		return lnSqrtPi + lnGammaRatio(a, 0.5)
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(a + 0.5)
	return lnSqrtPi + la - lb
}

// StudentTQuantile returns the t with P(T ≤ t) = p for T ~ t(ν), ν > 0 real:
// −Inf at p = 0, +Inf at 1, NaN for p outside [0, 1], NaN arguments or ν ≤ 0;
// ν = +Inf gives NormalQuantile(p).
//
// ν = 1 (Cauchy) and ν = 2 have closed forms. Otherwise it solves by a
// safeguarded Newton iteration in log t, on the logarithm of the upper tail
// P(T > t) = min(p, 1−p) when that is below ¼, and else on the logarithm of
// the central probability P(0 < T < t) = |p − ½| (exact in floating point
// there), so that both the tails and the quantiles near 0 come out with
// relative accuracy. The start is the Cornish–Fisher expansion
// (Abramowitz and Stegun 26.7.5) or the power tail P(T > t) ≈ c·t^(−ν),
// whichever is smaller.
func StudentTQuantile(p, nu float64) float64 {
	switch {
	case math.IsNaN(p) || math.IsNaN(nu) || nu <= 0 || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case p == 0.5:
		return 0
	case math.IsInf(nu, 1):
		return NormalQuantile(p)
	}
	d := p - 0.5 // exact for p ≥ ¼
	central := math.Abs(d) <= 0.25
	q := math.Min(p, 1-p) // 1 − p is exact for p ≥ ½
	var t float64
	switch {
	case nu == 1:
		if central {
			return math.Tan(math.Pi * d)
		}
		t = 1 / math.Tan(math.Pi*q)
	case nu == 2:
		return (2*p - 1) / math.Sqrt(2*p*(1-p))
	case nu >= tLargeNu:
		t = cornishFisher(-NormalQuantile(q), nu)
	default:
		t = tQuantileNewton(q, math.Abs(d), nu, central)
	}
	if p < 0.5 {
		return -t
	}
	return t
}

// tQuantileNewton returns the t > 0 with P(T > t) = q (central false) or
// P(0 < T < t) = d (central true).
func tQuantileNewton(q, d, nu float64, central bool) float64 {
	z := -NormalQuantile(q)
	t := cornishFisher(z, nu)
	if !central {
		lnTail := (-0.5*math.Log(nu) - lnBetaHalf(nu) + (nu-1)/2*math.Log(nu) - math.Log(q)) / nu
		if tp := math.Exp(lnTail); !(t > 0 && t < tp) {
			t = tp
		}
	}
	if !(t > 0) || math.IsInf(t, 1) {
		t = 1
	}
	// h(t) = log(G(t)/target), increasing in log t: G is the central
	// probability, or the reciprocal of the tail.
	lo, hi := 0.0, math.Inf(1)
	for i := 0; i < 200; i++ {
		p2, q2 := tTails(t, nu)
		var h, slope float64
		lf := math.Log(t) + lnTDensity(t, nu)
		if central {
			g := math.Log(q2 / 2)
			h, slope = g-math.Log(d), math.Exp(lf-g)
		} else {
			g := math.Log(p2 / 2)
			h, slope = math.Log(q)-g, math.Exp(lf-g)
		}
		if h == 0 {
			return t
		}
		if h > 0 {
			hi = t
		} else {
			lo = t
		}
		step := h / slope
		tn := t * math.Exp(-step)
		if !(tn > lo && tn < hi) {
			switch {
			case math.IsInf(hi, 1): // the root is above t
				if t == math.MaxFloat64 {
					return math.Inf(1)
				}
				if !(tn > t) {
					tn = t * 8
				}
				tn = math.Min(tn, math.MaxFloat64)
			case lo == 0: // the root is below t
				if !(tn > 0 && tn < t) {
					tn = t / 8
				}
			default:
				tn = math.Sqrt(lo) * math.Sqrt(hi)
			}
		}
		if math.Abs(tn-t) <= 1e-15*t {
			return tn
		}
		t = tn
	}
	return t
}

// cornishFisher returns the Cornish–Fisher approximation to the t(ν)
// quantile with normal quantile z, Abramowitz and Stegun (1964) 26.7.5.
func cornishFisher(z, nu float64) float64 {
	z2 := z * z
	g1 := z * (z2 + 1) / 4
	g2 := z * ((5*z2+16)*z2 + 3) / 96
	g3 := z * (((3*z2+19)*z2+17)*z2 - 15) / 384
	g4 := z * ((((79*z2+776)*z2+1482)*z2-1920)*z2 - 945) / 92160
	return z + (g1+(g2+(g3+g4/nu)/nu)/nu)/nu
}
