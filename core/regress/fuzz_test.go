package regress

import (
	"context"
	"math"
	"testing"

	"github.com/wiodlab/wiodlab/core/vcov"
)

// FuzzFit builds a small two-way fixed-effect model from the input bytes (6
// bytes per observation: two FE levels, y and two regressors) and checks that
// Fit never panics and returns either an error or finite results.
func FuzzFit(f *testing.F) {
	f.Add([]byte{0, 0, 10, 1, 2, 0, 1, 0, 20, 3, 1, 0, 0, 1, 15, 2, 2, 0, 1, 1, 30, 5, 7, 0, 2, 0, 3, 9, 1, 0}, uint8(0))
	f.Add([]byte{0, 0, 1, 1, 1, 0, 0, 1, 2, 2, 2, 0, 1, 0, 3, 3, 3, 0, 1, 1, 4, 4, 4, 0}, uint8(2))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		n := len(data) / 6
		if n == 0 || n > 200 {
			return
		}
		m := &Model{YName: "y", Y: make([]float64, n), XNames: []string{"x1", "x2"}, X: [][]float64{make([]float64, n), make([]float64, n)},
			Intercept: true, ClusterNames: []string{"a", "b"}}
		a, b := make([]int, n), make([]int, n)
		for i := 0; i < n; i++ {
			r := data[6*i : 6*i+6]
			a[i], b[i] = int(r[0]%5), int(r[1]%4)
			m.Y[i] = float64(int8(r[2]))
			m.X[0][i] = float64(int8(r[3]))
			m.X[1][i] = float64(int8(r[4])) / 4
		}
		ca, ga := codes(a)
		cb, gb := codes(b)
		m.Clusters = [][]int{ca, cb}
		switch mode % 4 {
		case 1:
			m.FENames, m.FE, m.FELevels = []string{"a"}, [][]int{ca}, []int{ga}
		case 2, 3:
			m.FENames, m.FE, m.FELevels = []string{"a", "b"}, [][]int{ca, cb}, []int{ga, gb}
		}
		specs := []vcov.Spec{{Kind: vcov.IID}, {Kind: vcov.HC1}, {Kind: vcov.Cluster, Clusters: []string{"a"}}, {Kind: vcov.Cluster, Clusters: []string{"a", "b"}}}
		r, err := m.Fit(context.Background(), Options{VCov: specs[(mode/4)%4]})
		if err != nil {
			return
		}
		for i, c := range r.Coef {
			if math.IsNaN(c) || math.IsInf(c, 0) {
				t.Fatalf("coefficient %s = %v", r.Names[i], c)
			}
			if se := r.SE[i]; math.IsInf(se, 0) || se < 0 {
				t.Fatalf("se %s = %v", r.Names[i], se)
			}
		}
		if r.R2 > 1+1e-9 {
			t.Fatalf("R² = %v", r.R2)
		}
	})
}

func codes(v []int) ([]int, int) {
	idx := map[int]int{}
	out := make([]int, len(v))
	for i, x := range v {
		c, ok := idx[x]
		if !ok {
			c = len(idx)
			idx[x] = c
		}
		out[i] = c
	}
	return out, len(idx)
}
