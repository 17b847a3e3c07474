package ioa

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/wiod"
)

// FuzzCompute builds a small table from the fuzzer's bytes (up to 3
// countries × 3 industries; cells 0–255 scaled, some outputs zero) and checks
// that Compute never panics, returns finite indicators with Dig ∈ [0,1] and
// dig_dom + dig_for = dig, and agrees with the direct LU to 1e-9 relative to
// the size of B, or returns an error (not an M-matrix).
func FuzzCompute(f *testing.F) {
	f.Add(uint8(2), uint8(2), []byte{10, 20, 30, 40, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 200, 100, 50, 25})
	f.Add(uint8(1), uint8(3), []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(uint8(3), uint8(1), []byte{255, 255, 255, 255, 255, 255, 255, 255, 255, 1, 2, 3})
	f.Add(uint8(3), uint8(3), []byte("a fuzz seed with enough bytes for a 9 by 9 table and its gross outputs ....................................."))
	f.Fuzz(func(t *testing.T, nc, ni uint8, data []byte) {
		c, k := int(nc%3)+1, int(ni%3)+1
		n := c * k
		if len(data) < n*n+n {
			return
		}
		tab := &wiod.IOTable{Source: "fuzz", Year: 2000, Z: mat.NewDense(n, n, nil)}
		for i := 0; i < n; i++ {
			tab.Country = append(tab.Country, string(rune('A'+i/k)))
			tab.Industry = append(tab.Industry, string(rune('a'+i%k)))
			tab.X = append(tab.X, float64(data[n*n+i])*4) // 0 … 1020
			for j := 0; j < n; j++ {
				tab.Z.Set(i, j, float64(data[i*n+j]))
			}
		}
		cl := &wiod.Classification{Name: "fuzz", Digital: []string{"a"}, Manufacturing: []string{"a"}}
		if k > 1 {
			cl.Services = []string{"b"}
		}
		res, err := Compute(tab, cl, Options{})
		if err != nil {
			return
		}
		ref, err := Compute(tab, cl, Options{Method: Direct})
		if err != nil {
			t.Fatalf("direct failed where the iteration succeeded: %v", err)
		}
		for j, r := range res.Rows {
			for _, v := range []float64{r.ADig, r.BDig, r.Dig, r.DigDom, r.DigFor, r.Serv} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("sector %d: %+v", j, r)
				}
			}
			// Accuracy is relative to the size of (I−A)⁻¹, which grows as
			// ρ(A) → 1 (the fuzzer finds tables with b_S,j in the hundreds).
			q := ref.Rows[j]
			tol := 1e-9 * math.Max(1, math.Abs(q.BDig)+math.Abs(q.Serv))
			if r.Dig < -tol || r.Dig > 1+tol || math.Abs(r.DigDom+r.DigFor-r.Dig) > 1e-12 {
				t.Fatalf("sector %d: %+v", j, r)
			}
			if math.Abs(r.BDig-q.BDig) > tol || math.Abs(r.Dig-q.Dig) > tol || math.Abs(r.DigDom-q.DigDom) > tol || math.Abs(r.Serv-q.Serv) > tol {
				t.Fatalf("sector %d: %+v, direct %+v", j, r, q)
			}
		}
	})
}
