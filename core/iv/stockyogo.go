package iv

// StockYogo holds Stock and Yogo (2005) critical values for the
// weak-identification F statistic (the Cragg–Donald F; ivreg2 compares the
// Kleibergen–Paap rk Wald F with the same values) with one endogenous
// regressor: the largest F at which a nominal 5% Wald test of β has an actual
// size above 10, 15, 20 or 25% (Table 5.2), and, with three or more
// instruments, the largest F at which the 2SLS relative bias exceeds 5, 10,
// 20 or 30% (Table 5.1).
type StockYogo struct {
	Size10 float64 `json:"size_10" js:"size_10"`
	Size15 float64 `json:"size_15" js:"size_15"`
	Size20 float64 `json:"size_20" js:"size_20"`
	Size25 float64 `json:"size_25" js:"size_25"`
	Bias5  float64 `json:"bias_5,omitempty" js:"bias_5"`
	Bias10 float64 `json:"bias_10,omitempty" js:"bias_10"`
	Bias20 float64 `json:"bias_20,omitempty" js:"bias_20"`
	Bias30 float64 `json:"bias_30,omitempty" js:"bias_30"`
}

// Stock, J. H., Yogo, M. (2005), "Testing for Weak Instruments in Linear IV
// Regression", in Andrews and Stock (eds.), Identification and Inference for
// Econometric Models, Cambridge University Press, ch. 5, Tables 5.1 and 5.2,
// row n = 1 (one endogenous regressor), K₂ = number of excluded instruments.
// Only the rows for which two independent transcriptions agreed were entered
// (checked against the values ivreg2 prints); other K₂ get no table.
var stockYogoSize = map[int][4]float64{
	1: {16.38, 8.96, 6.66, 5.53},
	2: {19.93, 11.59, 8.75, 7.25},
	3: {22.30, 12.83, 9.54, 7.80},
	4: {24.58, 13.96, 10.26, 8.31},
}

var stockYogoBias = map[int][4]float64{
	3: {13.91, 9.08, 6.46, 5.39},
	4: {16.85, 10.27, 6.71, 5.34},
}

// stockYogo returns the critical values for l excluded instruments and one
// endogenous regressor, or nil when they are not tabulated here.
func stockYogo(l int) *StockYogo {
	s, ok := stockYogoSize[l]
	if !ok {
		return nil
	}
	sy := &StockYogo{Size10: s[0], Size15: s[1], Size20: s[2], Size25: s[3]}
	if b, ok := stockYogoBias[l]; ok {
		sy.Bias5, sy.Bias10, sy.Bias20, sy.Bias30 = b[0], b[1], b[2], b[3]
	}
	return sy
}
