package iv

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/wiodlab/wiodlab/core/formula"
)

// FuzzFit builds small random designs (possibly degenerate: constant,
// duplicated or absorbed variables, tiny samples, one cluster) and checks
// that Fit never panics, and that a successful fit has finite coefficients
// and marshals to JSON.
func FuzzFit(f *testing.F) {
	f.Add(uint64(1), uint8(40), uint8(1), uint8(2), uint8(1), uint8(2), uint8(0), uint8(0))
	f.Add(uint64(2), uint8(12), uint8(2), uint8(2), uint8(2), uint8(1), uint8(3), uint8(1))
	f.Add(uint64(3), uint8(8), uint8(1), uint8(3), uint8(0), uint8(0), uint8(1), uint8(2))
	f.Add(uint64(4), uint8(200), uint8(2), uint8(4), uint8(2), uint8(2), uint8(2), uint8(3))
	f.Add(uint64(5), uint8(30), uint8(1), uint8(1), uint8(1), uint8(1), uint8(4), uint8(1))
	f.Fuzz(func(t *testing.T, seed uint64, nObs, kEndo, lInst, kExog, nFE, degenerate, vcovKind uint8) {
		n := int(nObs)%120 + 3
		k1, l1, k2, nfe := int(kEndo)%3+1, int(lInst)%5, int(kExog)%3, int(nFE)%3
		rng := rand.New(rand.NewPCG(seed, 7))
		d := &formula.Design{YName: "y", Intercept: true}
		col := func() []float64 {
			v := make([]float64, n)
			for i := range v {
				v[i] = rng.NormFloat64()
			}
			return v
		}
		groups := func(g int) ([]int, int) {
			c := make([]int, n)
			for i := range c {
				c[i] = rng.IntN(g)
			}
			return compact(c)
		}
		d.Y = col()
		for j := 0; j < k2; j++ {
			d.XNames, d.X = append(d.XNames, "x"+string(rune('a'+j))), append(d.X, col())
		}
		for j := 0; j < l1; j++ {
			d.InstNames, d.Inst = append(d.InstNames, "z"+string(rune('a'+j))), append(d.Inst, col())
		}
		for j := 0; j < k1; j++ {
			v := col()
			for _, z := range d.Inst {
				for i := range v {
					v[i] += 0.5 * z[i]
				}
			}
			d.EndoNames, d.Endo = append(d.EndoNames, "d"+string(rune('a'+j))), append(d.Endo, v)
		}
		for j := 0; j < nfe; j++ {
			c, g := groups(2 + rng.IntN(n/2+1))
			d.FENames, d.FE, d.FELevels = append(d.FENames, "f"+string(rune('a'+j))), append(d.FE, c), append(d.FELevels, g)
		}
		c, _ := groups(1 + rng.IntN(n))
		e, _ := groups(1 + rng.IntN(n))
		d.ClusterNames, d.Clusters = []string{"c", "e"}, [][]int{c, e}
		switch degenerate % 5 {
		case 1: // constant instrument
			if l1 > 0 {
				for i := range d.Inst[0] {
					d.Inst[0][i] = 1
				}
			}
		case 2: // duplicated instrument
			if l1 > 1 {
				copy(d.Inst[1], d.Inst[0])
			}
		case 3: // endogenous equal to an exogenous regressor's values
			if k2 > 0 {
				copy(d.Endo[0], d.X[0])
			}
		case 4: // constant outcome
			for i := range d.Y {
				d.Y[i] = 2
			}
		}
		v := []string{"iid", "hc1", "cluster:c", "cluster:c+e"}[vcovKind%4]
		res, err := Fit(d, Options{VCov: v})
		if err != nil {
			return
		}
		for name, b := range res.Coef {
			if math.IsNaN(b) || math.IsInf(b, 0) {
				t.Fatalf("coef[%s] = %v without an error", name, b)
			}
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not marshal: %v", err)
		}
	})
}

// compact renumbers codes densely.
func compact(c []int) ([]int, int) {
	idx := map[int]int{}
	out := make([]int, len(c))
	for i, v := range c {
		j, ok := idx[v]
		if !ok {
			j = len(idx)
			idx[v] = j
		}
		out[i] = j
	}
	return out, len(idx)
}
