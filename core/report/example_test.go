package report_test

import (
	"math"
	"os"

	"github.com/wiodlab/wiodlab/core/report"
)

func ExampleTable_Render() {
	t := &report.Table{
		Columns: []report.Column{
			{Label: "(1)", Coef: map[string]float64{"Dig": 0.052, "_cons": 0.31}, SE: map[string]float64{"Dig": 0.012, "_cons": 0.02},
				PValue: map[string]float64{"Dig": 0.00002, "_cons": 1e-9}, NObs: 11340, R2Adj: 0.57},
			{Label: "(2)", Coef: map[string]float64{"Dig": 0.061}, SE: map[string]float64{"Dig": 0.034},
				PValue: map[string]float64{"Dig": 0.073}, NObs: 10584, R2Adj: math.NaN(), Stats: map[string]float64{"ar2_p": 0.412}},
		},
	}
	if err := t.Render(os.Stdout, "text", report.Options{}); err != nil {
		panic(err)
	}
	// Output:
	// ==================================
	//                   (1)        (2)
	// ----------------------------------
	// Dig              0.052***   0.061*
	//                 (4.333)    (1.794)
	// _cons            0.310***
	//                (15.500)
	// ----------------------------------
	// AR(2) p-value               0.412
	// N                11340      10584
	// Adjusted R²      0.570
	// ==================================
	// t-statistics in parentheses; * p < 0.1, ** p < 0.05, *** p < 0.01.
}
