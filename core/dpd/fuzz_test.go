package dpd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// FuzzFit fits random small panels (random gaps, lag limits, operators and
// options) and checks that Fit never panics and that a successful fit is
// finite where it must be: coefficients, instrument and observation counts.
func FuzzFit(f *testing.F) {
	f.Add(uint64(1), uint8(8), uint8(20), uint8(2), uint8(0), uint8(0), uint8(0))
	f.Add(uint64(2), uint8(4), uint8(5), uint8(1), uint8(3), uint8(1), uint8(7))
	f.Add(uint64(3), uint8(12), uint8(50), uint8(3), uint8(2), uint8(30), uint8(255))
	f.Add(uint64(4), uint8(3), uint8(3), uint8(0), uint8(1), uint8(90), uint8(12))
	f.Fuzz(func(t *testing.T, seed uint64, years, groups, lagMin, lagSpan, missingPct, flags uint8) {
		T, G := int(years%16)+1, int(groups%60)+1
		data := simPanel(G, T, seed)
		rng := rand.New(rand.NewPCG(seed, 11))
		for _, c := range []string{"y", "x", "z"} {
			v, _ := data.Floats(c)
			for i := range v {
				if rng.IntN(100) < int(missingPct%100) {
					v[i] = math.NaN()
				}
			}
		}
		lo := int(lagMin % 4)
		hi := "."
		if lagSpan%4 != 0 {
			hi = fmt.Sprint(lo + int(lagSpan%4))
		}
		system := flags&1 != 0
		if system && lo == 0 {
			lo = 1
		}
		gmm := []string{fmt.Sprintf("y, lag(%d %s)", lo, hi)}
		if flags&2 != 0 {
			gmm = append(gmm, "x, lag(2 .) collapse")
		}
		var iv []string
		if flags&4 != 0 {
			iv = append(iv, "z")
		}
		if flags&8 != 0 && system {
			iv = append(iv, "D.z, eq(level)")
		}
		x := "L.y z"
		if flags&16 != 0 {
			x = "L.y L2.y x D.z"
		}
		m := mustModel(t, "y", x, gmm, iv, system)
		m.TimeDummies = flags&32 != 0
		r, err := m.Fit(data, "id", "year", Options{TwoStep: flags&64 != 0, Robust: flags&128 != 0})
		if err != nil {
			return
		}
		if r.NObs <= 0 || r.NInstruments < len(r.Names) {
			t.Fatalf("nobs %d, %d instruments for %d regressors", r.NObs, r.NInstruments, len(r.Names))
		}
		for i, c := range r.Coef {
			if math.IsNaN(c) || math.IsInf(c, 0) {
				t.Fatalf("%s = %g", r.Names[i], c)
			}
		}
	})
}
