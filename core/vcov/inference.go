package vcov

import (
	"math"

	"github.com/wiodlab/wiodlab/core/internal/dist"
)

// Inference holds per-parameter standard errors, t statistics, two-sided
// p-values and 95% confidence bounds.
type Inference struct {
	SE, T, P, Lo, Hi []float64
	DF               int
}

// Inference returns the inference for estimates b under r. A parameter whose
// variance is not positive, or whose standard error is below 1e-10·|b| (zero
// up to rounding, e.g. the constant of a model whose fixed effects are nested
// in the clusters), gets a zero standard error and NaN statistics.
func (r *Result) Inference(b []float64) Inference {
	k := len(b)
	if r.V.SymmetricDim() != k {
		panic("vcov: estimate length does not match the covariance matrix")
	}
	inf := Inference{SE: make([]float64, k), T: make([]float64, k), P: make([]float64, k),
		Lo: make([]float64, k), Hi: make([]float64, k), DF: r.DF}
	nu := float64(r.DF)
	crit := dist.StudentTQuantile(0.975, nu)
	for j := range b {
		v := r.V.At(j, j)
		if !(v > 0) || math.Sqrt(v) <= 1e-10*math.Abs(b[j]) {
			inf.SE[j], inf.T[j], inf.P[j], inf.Lo[j], inf.Hi[j] = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
			if v >= 0 {
				inf.SE[j] = 0
			}
			continue
		}
		se := math.Sqrt(v)
		t := b[j] / se
		inf.SE[j], inf.T[j] = se, t
		inf.P[j] = dist.StudentTTwoSided(t, nu)
		inf.Lo[j], inf.Hi[j] = b[j]-crit*se, b[j]+crit*se
	}
	return inf
}
