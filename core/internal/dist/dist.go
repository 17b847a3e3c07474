package dist

import "math"

// Shared pieces of the log-space prefactors of the incomplete gamma and beta
// functions. Computing lgamma(a+b) − lgamma(a) − lgamma(b) directly loses
// |lgamma(a)|·ε in absolute terms, about 1e-9 for a = 5e5; the forms below
// cancel the large terms analytically (Stirling's series and log1pmx), as in
// DiDonato and Morris (1986, 1992).

const (
	lnSqrt2Pi = 0.91893853320467274178032973640561764 // log(√(2π))
	ln2Pi     = 1.8378770664093454835606594728112353  // log(2π)
)

// stirlingErr returns δ(z) = lgamma(z) − [(z − ½)·log z − z + ½·log 2π], the
// error of Stirling's formula, for z > 0. For z ≥ 8 it sums the asymptotic
// series Σ B₂ₖ / (2k(2k−1) z^(2k−1)) (DLMF 5.11.1) through B₁₆, whose first
// omitted term is below 2e-18·δ(z) there; below 8 it subtracts directly.
func stirlingErr(z float64) float64 {
	if z < 8 {
		lg, _ := math.Lgamma(z)
		return lg - ((z-0.5)*math.Log(z) - z + lnSqrt2Pi)
	}
	w := 1 / (z * z)
	// Coefficients B₂ₖ/(2k(2k−1)), k = 1..8 (DLMF 24.2.1 Table 24.2.1).
	s := -3617.0 / 122400
	s = s*w + 1.0/156
	s = s*w - 691.0/360360
	s = s*w + 1.0/1188
	s = s*w - 1.0/1680
	s = s*w + 1.0/1260
	s = s*w - 1.0/360
	s = s*w + 1.0/12
	return s / z
}

// log1pmx returns log(1+x) − x for x > −1, accurate in relative terms near 0
// where the two terms cancel. With w = x/(2+x), log(1+x) = 2·atanh(w), so
// log(1+x) − x = −x·w + 2(w³/3 + w⁵/5 + …); for |x| ≤ ½ we have |w| ≤ ⅓ and
// the series converges to ε in at most 17 terms.
func log1pmx(x float64) float64 {
	if x < -0.5 || x > 0.5 {
		return math.Log1p(x) - x
	}
	w := x / (2 + x)
	w2 := w * w
	term := w * w2
	sum := 0.0
	for k := 3.0; ; k += 2 {
		t := term / k
		sum += t
		if math.Abs(t) <= 1e-17*math.Abs(sum) {
			break
		}
		term *= w2
	}
	return -x*w + 2*sum
}

// lnGammaRatio returns lgamma(l) − lgamma(l+s) for l ≥ 8 and s > 0 without
// the cancellation of the two large terms: by Stirling,
// lgamma(l+s) − lgamma(l) = (l − ½)·log1p(s/l) + s·log(l+s) − s + δ(l+s) − δ(l).
func lnGammaRatio(l, s float64) float64 {
	return -((l-0.5)*math.Log1p(s/l) + s*math.Log(l+s) - s + stirlingErr(l+s) - stirlingErr(l))
}

// logs returns log v and log w for a pair v + w = 1 of which each was
// computed with small relative error: the logarithm of the larger comes from
// log1p of the smaller, so that log v keeps its relative accuracy near 1.
func logs(v, w float64) (lv, lw float64) {
	if v <= 0.5 {
		return math.Log(v), math.Log1p(-v)
	}
	return math.Log1p(-w), math.Log(w)
}
