package dea

import (
	"fmt"
	"math"
	"testing"
)

func TestZZDbg(t *testing.T) {
	data := []byte("722001000\xe000000000C0010000\xf7\x00\x00\xb60\x87")
	n := 1 + int(data[0])%12
	m := 1 + int(data[1])%3
	s := 1 + int(data[2])%3
	data = data[3:]
	next := func() float64 {
		if len(data) == 0 {
			return 1
		}
		v := data[0]
		data = data[1:]
		return math.Exp(float64(v)/32 - 4)
	}
	x := make([][]float64, n)
	y := make([][]float64, n)
	for j := 0; j < n; j++ {
		x[j] = make([]float64, m)
		y[j] = make([]float64, s)
		for i := range x[j] {
			x[j][i] = next()
		}
		for i := range y[j] {
			y[j][i] = next()
		}
	}
	fmt.Println(n, m, s, x, y)
	var sv Solver
	v, err := sv.Efficiency(NewFrontier(x, y), x[0], y[0], Output, VRS)
	lp := &sv.lp
	fmt.Println(v, err, "basis", lp.basis, "xb", lp.xb, "iters", lp.iters)
	for i := 0; i < lp.k; i++ {
		r := -lp.b[i]
		for j := 0; j < lp.n; j++ {
			r += lp.a[j*lp.k+i] * lp.x[j]
		}
		fmt.Println("row", i, "resid", r)
	}
	ok := lp.refactor()
	fmt.Println("refactor", ok, lp.xb)
}

func TestZZDbg2(t *testing.T) {
	TestZZDbg(t)
}
