package regress

import (
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestFullRank(t *testing.T) {
	for _, c := range []struct {
		name string
		v    []float64
		want bool
	}{
		{"identity", []float64{1, 0, 0, 1}, true},
		// Units far apart: variances 1e-20 and 1e20, correlation 0.5.
		{"scaled", []float64{1e-20, 0.5, 0.5, 1e20}, true},
		{"perfectly correlated", []float64{1, 2, 2, 4}, false},
		{"zero variance", []float64{1, 0, 0, 0}, false},
		{"nearly singular but fine", []float64{1, 1 - 1e-9, 1 - 1e-9, 1}, true},
		// u·u' + w·w' in 3 dimensions: rank 2 up to rounding.
		{"rank 2 of 3", rank2(), false},
	} {
		n := 2
		if len(c.v) == 9 {
			n = 3
		}
		v := mat.NewSymDense(n, c.v)
		if got := fullRank(v); got != c.want {
			t.Errorf("%s: fullRank = %v, want %v", c.name, got, c.want)
		}
	}
}

func rank2() []float64 {
	u := []float64{1, 2, 3}
	w := []float64{0.3, -1, 0.7}
	out := make([]float64, 9)
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			out[i*3+j] = u[i]*u[j] + w[i]*w[j]
		}
	}
	return out
}
