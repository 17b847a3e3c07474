package ioa

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/wiod"
)

// newTable builds an IOTable from Z and x.
func newTable(country, industry []string, z [][]float64, x []float64) *wiod.IOTable {
	n := len(x)
	zm := mat.NewDense(n, n, nil)
	for i := range z {
		zm.SetRow(i, z[i])
	}
	return &wiod.IOTable{Source: "test", Year: 2011, Country: country, Industry: industry, Z: zm, X: x}
}

// randomMRIO returns a synthetic multi-region table with nc countries × ni
// industries (codes "i1" … "i<ni>"), dense and dominated by its domestic
// blocks as WIOD tables are: column j's inputs cost a share u_j ~ U(lo, hi)
// of its output, of which a share f_j ~ U(0.1, 0.3) is imported, spread over
// all foreign sectors with random positive weights. Gross output ~ U(100, 10⁴).
func randomMRIO(rng *rand.Rand, nc, ni int, lo, hi float64) *wiod.IOTable {
	n := nc * ni
	country := make([]string, n)
	industry := make([]string, n)
	for c := 0; c < nc; c++ {
		for i := 0; i < ni; i++ {
			country[c*ni+i] = fmt.Sprintf("C%c%c", 'A'+c/26, 'A'+c%26)
			industry[c*ni+i] = fmt.Sprintf("i%d", i+1)
		}
	}
	x := make([]float64, n)
	for j := range x {
		x[j] = 100 + rng.Float64()*9900
	}
	z := mat.NewDense(n, n, nil)
	w := make([]float64, n)
	for j := 0; j < n; j++ {
		cj := j / ni
		u := lo + (hi-lo)*rng.Float64()
		f := 0.1 + 0.2*rng.Float64()
		if nc == 1 {
			f = 0
		}
		dom, frn := 0.0, 0.0
		for i := range w {
			v := rng.Float64()
			w[i] = v * v
			if i/ni == cj {
				dom += w[i]
			} else {
				frn += w[i]
			}
		}
		for i := range w {
			share := (1 - f) / dom
			if i/ni != cj {
				share = f / frn
			}
			z.Set(i, j, u*share*w[i]*x[j])
		}
	}
	return &wiod.IOTable{Source: "random", Year: 2000, Country: country, Industry: industry, Z: z, X: x}
}

// randomClassification marks industries of a randomMRIO table.
func randomClassification(ni int) *wiod.Classification {
	c := &wiod.Classification{Name: "random", TechGroup: map[string]string{}}
	for i := 1; i <= ni; i++ {
		code := fmt.Sprintf("i%d", i)
		switch {
		case i%4 == 1:
			c.Digital = append(c.Digital, code)
		case i%3 == 0:
			c.Services = append(c.Services, code)
		}
		if i <= ni/2 {
			c.Manufacturing = append(c.Manufacturing, code)
			c.TechGroup[code] = []string{wiod.TechLow, wiod.TechMidLow, wiod.TechHigh}[i%3]
		}
	}
	return c
}
