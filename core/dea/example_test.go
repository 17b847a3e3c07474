package dea_test

import (
	"context"
	"fmt"

	"github.com/wiodlab/wiodlab/core/dea"
)

// The Malmquist example of the DEAP 2.1 guide (Coelli 1996, eg4-dta.txt): five
// firms, one input x and one output y, three years; year 3 repeats year 2.
// DEAP's eg4-out.txt prints for year 2 (effch techch pech sech tfpch):
//
//	1  0.750 1.333 1.000 0.750 1.000
//	2  1.125 1.333 1.222 0.920 1.500
//	3  1.000 1.333 1.000 1.000 1.333
//	4  0.562 1.333 0.650 0.865 0.750
//	5  0.900 1.333 1.000 0.900 1.200
//
// wiodlab's values, printed to 4 decimals below, round to these (DEAP prints
// 0.5625 as 0.562).
func ExampleMalmquist_Fit() {
	y := []float64{1, 2, 3, 4, 5, 1, 3, 4, 3, 5, 1, 3, 4, 3, 5}
	x := []float64{2, 4, 3, 5, 6, 2, 4, 3, 5, 5, 2, 4, 3, 5, 5}
	var p dea.Panel
	for t := 1; t <= 3; t++ {
		for f := 1; f <= 5; f++ {
			p.DMU = append(p.DMU, fmt.Sprint(f))
			p.Time = append(p.Time, float64(t))
		}
	}
	p.Inputs, p.Outputs = [][]float64{x}, [][]float64{y}
	res, err := dea.Malmquist{Orientation: dea.Output}.Fit(context.Background(), p, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Changes {
		if c.From == 1 {
			fmt.Printf("%s  %.4f %.4f %.4f %.4f %.4f\n", c.DMU, c.EffCh, c.TechCh, c.PECh, c.SECh, c.Malmquist)
		}
	}
	// Output:
	// 1  0.7500 1.3333 1.0000 0.7500 1.0000
	// 2  1.1250 1.3333 1.2222 0.9205 1.5000
	// 3  1.0000 1.3333 1.0000 1.0000 1.3333
	// 4  0.5625 1.3333 0.6500 0.8654 0.7500
	// 5  0.9000 1.3333 1.0000 0.9000 1.2000
}
