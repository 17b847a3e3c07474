package ioa

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMulTile checks the kernels against plain dot products for every tile
// shape and remainder (rows 1–9, columns 1–5, lengths 0–7 and 101), with rows
// y longer than the columns (as in the sweep's block products, where only
// the first len(f) entries count), and that a row's sums do not depend on the
// tile it sits in: alone, it gets bit-identical results.
func TestMulTile(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{0, 1, 2, 3, 7, 101} {
		for k := 1; k <= 9; k++ {
			for m := 1; m <= 5; m++ {
				ys, fs, out := make([][]float64, k), make([][]float64, m), make([][]float64, k)
				for i := range ys {
					ys[i] = make([]float64, n+2)
					for l := range ys[i] {
						ys[i][l] = rng.NormFloat64()
					}
					out[i] = make([]float64, m)
					for c := range out[i] {
						out[i][c] = float64(c) // mulTile adds to out
					}
				}
				for c := range fs {
					fs[c] = make([]float64, n)
					for l := range fs[c] {
						fs[c][l] = rng.NormFloat64()
					}
				}
				mulTile(out, ys, fs)
				for i := range ys {
					alone := [][]float64{make([]float64, m)}
					for c := range alone[0] {
						alone[0][c] = float64(c)
					}
					mulTile(alone, ys[i:i+1], fs)
					for c := range fs {
						if alone[0][c] != out[i][c] {
							t.Fatalf("n=%d k=%d m=%d: row %d column %d is %v alone and %v in a tile", n, k, m, i, c, alone[0][c], out[i][c])
						}
					}
				}
				for i := range ys {
					for c := range fs {
						want := float64(c)
						for l := 0; l < n; l++ {
							want += ys[i][l] * fs[c][l]
						}
						if math.Abs(out[i][c]-want) > 1e-12 {
							t.Fatalf("n=%d k=%d m=%d: out[%d][%d] = %g, want %g", n, k, m, i, c, out[i][c], want)
						}
					}
				}
			}
		}
	}
}
