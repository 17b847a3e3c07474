package dpd

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// arTest is the Arellano–Bond (1991, eq. 8) test for order-j serial
// correlation in the differenced residuals u (differenced rows only, also in
// system GMM). Robust uses u_i u_i' for the error covariance, otherwise σ²H.
func (e *estimator) arTest(j int, u []float64, ZX *mat.Dense, A, B, V *mat.SymDense, robust bool, sigma2 float64) Test {
	d := e.d
	K, mm := d.K, d.m
	ng := len(d.gStart) - 1
	at := make([]int, d.T)
	for i := range at {
		at[i] = -1
	}
	w := make([]float64, len(d.y))
	var num, d1 float64
	wX := make([]float64, K)
	q := make([]float64, mm)
	pairs := 0
	for g := 0; g < ng; g++ {
		lo, hi := d.gStart[g], d.gStart[g+1]
		for r := lo; r < hi; r++ {
			if !d.rowLevel[r] {
				at[d.rowP[r]] = r
			}
		}
		var sc float64
		for r := lo; r < hi; r++ {
			w[r] = 0
			if d.rowLevel[r] {
				continue
			}
			p := int(d.rowP[r]) - j
			if p >= 0 && at[p] >= 0 {
				w[r] = u[at[p]]
				pairs++
			}
			sc += w[r] * u[r]
			for k := 0; k < K; k++ {
				wX[k] += w[r] * d.x[r*K+k]
			}
		}
		num += sc
		if robust {
			d1 += sc * sc
			for r := lo; r < hi; r++ {
				for k := d.zStart[r]; k < d.zStart[r+1]; k++ {
					if d.rowLevel[r] && e.plmAR {
						continue
					}
					q[d.zCol[k]] += d.zVal[k] * u[r] * sc
				}
			}
		} else {
			for r := lo; r < hi; r++ {
				var hw float64 // (H w)_r
				for s := lo; s < hi; s++ {
					if w[s] != 0 {
						hw += e.hval(r, s) * w[s]
					}
				}
				if hw == 0 {
					continue
				}
				d1 += sigma2 * w[r] * hw
				for k := d.zStart[r]; k < d.zStart[r+1]; k++ {
					q[d.zCol[k]] += sigma2 * d.zVal[k] * hw
				}
			}
		}
		for r := lo; r < hi; r++ {
			if !d.rowLevel[r] {
				at[d.rowP[r]] = -1
			}
		}
	}
	if pairs == 0 {
		return Test{Stat: math.NaN(), P: math.NaN()}
	}
	// d2 = -2 wX' B ZX' A q ; d3 = wX' V wX.
	var aq, zaq, baq mat.VecDense
	aq.MulVec(A, mat.NewVecDense(mm, q))
	zaq.MulVec(ZX.T(), &aq)
	baq.MulVec(B, &zaq)
	wx := mat.NewVecDense(K, wX)
	d2 := -2 * mat.Dot(wx, &baq)
	var vw mat.VecDense
	vw.MulVec(V, wx)
	d3 := mat.Dot(wx, &vw)
	den := d1 + d2 + d3
	if den <= 0 {
		return Test{Stat: math.NaN(), P: math.NaN()}
	}
	z := num / math.Sqrt(den)
	return Test{Stat: z, P: normP(z)}
}
