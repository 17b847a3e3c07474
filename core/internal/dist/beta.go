package dist

import "math"

// FSurvival returns P(X > f) for X ~ F(d1, d2), d1, d2 > 0 real: the
// regularized incomplete beta function I_y(d2/2, d1/2) with
// y = d2/(d2 + d1·f). It is 1 for f ≤ 0, 0 for f = +Inf and NaN for NaN
// arguments or non-positive degrees of freedom. A degree of freedom of 1e15
// or more (+Inf included) is handled by the expansion in its reciprocal
// (chiSquaredLarge), both at once by the lognormal limit.
func FSurvival(f, d1, d2 float64) float64 {
	switch {
	case math.IsNaN(f) || math.IsNaN(d1) || math.IsNaN(d2) || d1 <= 0 || d2 <= 0:
		return math.NaN()
	case f <= 0:
		return 1
	case math.IsInf(f, 1):
		return 0
	}
	switch {
	case d1 >= tLargeNu && d2 >= tLargeNu:
		// F is lognormal to O(1/d): log F ≈ N(0, 2/d1 + 2/d2).
		return NormalSurvival(math.Log(f) / math.Sqrt(2/d1+2/d2))
	case d2 >= tLargeNu: // d1·F → χ²(d1)
		_, q := chiSquaredLarge(d1*f, d1, d2)
		return q
	case d1 >= tLargeNu: // d2/F → χ²(d2): P(F > f) = P(χ²(d2) < d2/f)
		p, _ := chiSquaredLarge(d2/f, d2, d1)
		return p
	}
	// x = d1·f/(d1·f + d2) and y = 1 − x, each from a ratio that cannot
	// overflow, with their logarithms taken from the same ratio.
	var x, y, lx, ly float64
	if s := (d1 / d2) * f; s <= 1 {
		x, y = s/(1+s), 1/(1+s)
		lx, ly = math.Log(s)-math.Log1p(s), -math.Log1p(s)
		if s < 1e-300 {
			lx = math.Log(d1) - math.Log(d2) + math.Log(f) - math.Log1p(s)
		}
	} else {
		r := (d2 / d1) / f
		x, y = 1/(1+r), r/(1+r)
		lx, ly = -math.Log1p(r), math.Log(r)-math.Log1p(r)
		if r < 1e-300 {
			ly = math.Log(d2) - math.Log(d1) - math.Log(f) - math.Log1p(r)
		}
	}
	_, q := betaInc(d1/2, d2/2, x, y, lx, ly)
	return q
}

// chiSquaredLarge returns P(X ≤ x) and P(X > x) for X = k·F(k, n), with n
// large: X = χ²(k)·W with W = χ²(n)/n = 1 + δ, E δ = 0, E δ² = 2/n, so to
// first order in 1/n, with g the χ²(k) density,
//
//	P(X > x) = Q(k/2, x/2) + x·g(x)·(x/2 − k/2 + 1)/n,
//
// the omitted terms being of relative order (x²/n)². It agrees with the t
// expansion for k = 1 (F(1, ν) = t²). The continued fractions would need
// the half-integers n/2 + m exactly, which float64 lacks beyond 2⁵².
func chiSquaredLarge(x, k, n float64) (p, q float64) {
	if x <= 0 {
		return 0, 1
	}
	if math.IsInf(x, 1) {
		return 1, 0
	}
	a := k / 2
	p, q = gammaInc(a, x/2)
	// x·g(x) = (x/2)^a e^(−x/2) / Γ(a) = exp(lnGammaPrefactor(a, x/2)).
	corr := math.Exp(lnGammaPrefactor(a, x/2)) * (x/2 - a + 1) / n
	return p - corr, q + corr
}

// betaInc returns the regularized incomplete beta function p = I_x(a, b) and
// q = 1 − p = I_y(b, a) for a, b > 0, 0 ≤ x ≤ 1 and y = 1 − x, given with
// their logarithms lx, ly (passed separately so that neither x nor y has to
// be formed by subtraction, and so that a tail far below the smallest float
// still has a logarithm). With the continued fraction (DLMF 8.17.22)
//
//	I_x(a, b) = x^a y^b / (a·B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ …))),
//	d₂ₘ₊₁ = −(a+m)(a+b+m)·x / ((a+2m)(a+2m+1)),
//	d₂ₘ   = m(b−m)·x / ((a+2m−1)(a+2m)),
//
// which converges fast for x < (a+1)/(a+b+2) (in O(√max(a, b)) steps at
// worst); beyond that point the symmetry I_x(a, b) = 1 − I_y(b, a) swaps the
// roles, so the function computed directly is at most about 0.92 and the
// complement keeps its relative accuracy. The prefactor is formed in log
// space (lnBetaPrefactor).
func betaInc(a, b, x, y, lx, ly float64) (p, q float64) {
	if math.IsInf(lx, -1) {
		return 0, 1
	}
	if math.IsInf(ly, -1) {
		return 1, 0
	}
	if x > (a+1)/(a+b+2) {
		q = betaCF(b, a, y, x, ly, lx)
		return 1 - q, q
	}
	p = betaCF(a, b, x, y, lx, ly)
	return p, 1 - p
}

// betaCF returns I_x(a, b) by the continued fraction, for 0 < x (with its
// logarithm lx finite) below or near (a+1)/(a+b+2). The side is chosen once
// by betaInc: with x + y = 1 only up to rounding, testing again could swap
// back and forth.
func betaCF(a, b, x, y, lx, ly float64) float64 {
	// Lentz's method computes h = Π Dₙ·Cₙ with Dₙ = 1/(1 + dₙ·Dₙ₋₁) and
	// Cₙ = 1 + dₙ/Cₙ₋₁. When a ≫ b and x is near 1 the odd 1 + dₙ is of
	// order 1/a while dₙ ≈ −1, so forming it by addition would lose a·ε.
	// Instead 1 + dₙ is computed from its numerator with one rounding (an
	// FMA, or from y when x > ½), and Dₙ − 1 and Cₙ − 1 are carried along:
	// 1 + dₙ·D = (1 + dₙ) + dₙ·(D − 1).
	step := func(num, den, onePlusNum float64, d, dm1, c, cm1 float64) (float64, float64, float64, float64) {
		aa := num / den
		e := onePlusNum/den + aa*dm1 // 1 + aa·D
		if math.Abs(e) < tiny {
			e = tiny
		}
		dn := 1 / e
		cn := onePlusNum/den - aa*cm1/c // 1 + aa/C
		if math.Abs(cn) < tiny {
			cn = tiny
		}
		return dn, -aa * d * dn, cn, aa / c
	}
	// onePlus returns den + num·x with one rounding, num·x = −num·y + num.
	onePlus := func(num, den float64) float64 {
		if x <= 0.5 {
			return math.FMA(num, x, den)
		}
		return math.FMA(-num, y, den+num)
	}
	// d₁ = −(a+b)x/(a+1); D₀ = C₀ = 1.
	num := -(a + b)
	d, dm1, c, cm1 := step(num*x, a+1, onePlus(num, a+1), 1, 0, 1, 0)
	c, cm1 = 1, 0 // the leading partial numerator is 1, not d₁ (NR §6.4)
	h := d
	for m := 1.0; m < maxIter; m++ {
		m2 := 2 * m
		ne, de := m*(b-m), (a+m2-1)*(a+m2)
		d, dm1, c, cm1 = step(ne*x, de, onePlus(ne, de), d, dm1, c, cm1)
		h *= d * c
		no, do := -(a+m)*(a+b+m), (a+m2)*(a+m2+1)
		op := math.FMA(no, x, do)
		if x > 0.5 {
			// do + no = a(2m+1−b) + m(3m+2−b) exactly, without rounding
			// two products of order a².
			op = math.FMA(-no, y, a*(m2+1-b)+m*(3*m+2-b))
		}
		d, dm1, c, cm1 = step(no*x, do, op, d, dm1, c, cm1)
		del := d * c
		h *= del
		if math.Abs(del-1) <= epsCF {
			break
		}
	}
	p := math.Exp(lnBetaPrefactor(a, b, x, y, lx, ly)-math.Log(a)) * h
	return math.Min(p, 1)
}

// lnBetaPrefactor returns log(x^a y^b / B(a, b)).
//
// With both a, b ≥ 8 it follows DiDonato and Morris (1992, BRCOMP): with
// λ = a − (a+b)x = (a+b)y − b, x/x₀ = 1 − λ/a and y/y₀ = 1 + λ/b around the
// mode x₀ = a/(a+b), and Stirling's formula for the three gamma functions,
//
//	log = a·log1pmx(−λ/a) + b·log1pmx(λ/b) + ½·log(ab/(2π(a+b))) + δ(a+b) − δ(a) − δ(b),
//
// where the first-order terms a·(−λ/a) + b·(λ/b) cancel exactly. With one
// parameter below 8 it uses lnGammaRatio for the gamma function ratio of the
// large one; with both below 8, lgamma directly.
func lnBetaPrefactor(a, b, x, y, lx, ly float64) float64 {
	switch {
	case a >= 8 && b >= 8:
		var lambda float64
		if x <= y {
			lambda = math.FMA(-(a + b), x, a)
		} else {
			lambda = math.FMA(a+b, y, -b)
		}
		return powerTerm(a, -lambda/a, lx+math.Log1p(b/a), -lambda) +
			powerTerm(b, lambda/b, ly+math.Log1p(a/b), lambda) +
			0.5*(math.Log(a/(a+b)*b)-ln2Pi) + stirlingErr(a+b) - stirlingErr(a) - stirlingErr(b)
	case a >= 8:
		lg, _ := math.Lgamma(b)
		return a*lx + b*ly - lg - lnGammaRatio(a, b)
	case b >= 8:
		lg, _ := math.Lgamma(a)
		return a*lx + b*ly - lg - lnGammaRatio(b, a)
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	return a*lx + b*ly - la - lb + lab
}

// powerTerm returns a·(log(1+u) − u), u = x/x₀ − 1, given also
// lr = log(x/x₀) and au = a·u: the series form near u = 0 and the direct
// form where 1 + u may have lost x (x far below x₀).
func powerTerm(a, u, lr, au float64) float64 {
	if u < -0.5 {
		return a*lr - au
	}
	return a * log1pmx(u)
}
