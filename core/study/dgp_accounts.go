package study

import (
	"math"
	"strconv"

	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// macroVars are the columns of the demo macro table, after country and year.
var macroVars = []string{"fdi", "tradeopen", "rd", "hc", "govern", "broadband", "mobile", "internet", "tariff"}

// macroSeries holds the demo macro variables: [variable][country][year].
type macroSeries map[string][][]float64

// macro draws the country-year controls. Every series is a country level plus
// a trend plus AR(1) noise; the three network series follow logistic
// diffusion curves with country-specific timing.
func (g *gen) macro() *table.Table {
	nc := len(g.countries) - 1 // no macro data for the rest of the world
	nt := len(g.years)
	ms := macroSeries{}
	for _, v := range macroVars {
		ms[v] = make([][]float64, nc)
		for c := range ms[v] {
			ms[v][c] = make([]float64, nt)
		}
	}
	ar := func(level, trend, sd float64, out []float64) {
		var u float64
		for t := range out {
			u = 0.6*u + sd*g.norm()
			out[t] = level + trend*float64(t) + u
		}
	}
	logistic := func(ceil, mid, speed float64, out []float64) {
		for t := range out {
			out[t] = ceil / (1 + math.Exp(-speed*(float64(t)-mid)))
		}
	}
	for c := 0; c < nc; c++ {
		ar(g.unif(1, 6), 0.05, 1, ms["fdi"][c])
		ar(g.unif(40, 120), 0.5, 3, ms["tradeopen"][c])
		ar(g.unif(0.5, 3.5), 0.03, 0.05, ms["rd"][c])
		ar(g.unif(2.2, 3.5), 0.02, 0.02, ms["hc"][c])
		ar(g.unif(-0.5, 1.8), 0, 0.05, ms["govern"][c])
		ar(g.unif(3, 12), -0.3, 0.3, ms["tariff"][c])
		mid := g.unif(3, 10)
		logistic(g.unif(20, 45), mid+2, 0.6, ms["broadband"][c])
		logistic(g.unif(100, 140), mid-3, 0.5, ms["mobile"][c])
		logistic(g.unif(60, 95), mid, 0.45, ms["internet"][c])
		for t := range ms["tariff"][c] {
			ms["tariff"][c][t] = math.Max(ms["tariff"][c][t], 0.5)
			ms["fdi"][c][t] = math.Max(ms["fdi"][c][t], -5)
		}
	}
	g.ms = ms
	tb := table.New(DemoMacro)
	var country []string
	var year []float64
	for c := 0; c < nc; c++ {
		for _, y := range g.years {
			country = append(country, g.countries[c])
			year = append(year, float64(y))
		}
	}
	must(tb.AddString("country", country, nil))
	must(tb.AddFloat("year", year))
	for _, v := range macroVars {
		col := make([]float64, 0, nc*nt)
		for c := 0; c < nc; c++ {
			col = append(col, ms[v][c]...)
		}
		must(tb.AddFloat(v, col))
	}
	return tb
}

func must(err error) {
	if err != nil {
		panic("study: " + err.Error())
	}
}

// seaVars are the SEA variables of the demo, in the official order.
var seaVars = []string{"GO", "II", "VA", "EMP", "EMPE", "H_EMPE", "COMP", "LAB", "CAP", "K",
	"GO_PI", "II_PI", "VA_PI", "GO_QI", "II_QI", "VA_QI", "NOMEXCH"}

// sea builds the Socio-Economic Accounts of every country except the rest of
// the world, consistent with the world tables (GO in national currency is the
// table's gross output in US dollars times the exchange rate) and with the
// outcome equation of the DGP.
func (g *gen) sea(d *Demo) *table.Table {
	nc := len(g.countries) - 1
	ni, nt := len(g.inds), len(g.years)
	base := 2010 - g.years[0]
	vals := map[string][][][]float64{} // [var][c][i][t]
	for _, v := range seaVars {
		vals[v] = make([][][]float64, nc)
		for c := range vals[v] {
			vals[v][c] = make([][]float64, ni)
			for i := range vals[v][c] {
				vals[v][c][i] = make([]float64, nt)
			}
		}
	}
	gamma := make([]float64, nt)
	for t := range gamma {
		gamma[t] = 0.002*float64(t) + 0.003*g.norm()
	}
	for c := 0; c < nc; c++ {
		// Exchange rate (national currency per USD) and inflation.
		exch := make([]float64, nt)
		level := math.Exp(2 * g.norm())
		if g.countries[c] == "USA" {
			level = 1
		}
		var drift float64
		for t := range exch {
			if g.countries[c] != "USA" {
				drift += 0.04 * g.norm()
			}
			exch[t] = level * math.Exp(drift)
		}
		infl := g.unif(0.01, 0.05)
		lpC := math.Log(100) + 0.5*g.norm()
		for i := 0; i < ni; i++ {
			lpI := 0.3 * g.norm()
			kappa := g.unif(0.8, 2.5)
			alpha := g.unif(0.18, 0.4)
			pNoise := 0.02 * g.norm()
			scale := make([]float64, nt)
			emp := make([]float64, nt)
			alloc := make([]float64, nt)
			dig := make([]float64, nt)
			for t := 0; t < nt; t++ {
				j := c*ni + i
				x := d.WIOT[t].IO.X[j]
				pi := 100 * math.Pow(1+infl, float64(t-base)) * math.Exp(pNoise)
				goNat := x * exch[t]
				goReal := goNat / (pi / 100) / exch[base]
				lnLP := lpC + lpI + 0.02*float64(t) + mechLP*(g.dig[t][c][i]-0.05) + 0.05*g.norm()
				empV := goReal / math.Exp(lnLP)
				k := goNat * kappa * math.Exp(mechK*(g.dig[t][c][i]-0.05)+0.05*g.norm())
				vals["GO"][c][i][t] = goNat
				vals["EMP"][c][i][t] = empV
				vals["EMPE"][c][i][t] = 0.85 * empV
				vals["H_EMPE"][c][i][t] = 1.75 * 0.85 * empV
				vals["K"][c][i][t] = k
				vals["GO_PI"][c][i][t] = pi
				vals["II_PI"][c][i][t] = pi
				vals["VA_PI"][c][i][t] = pi
				vals["NOMEXCH"][c][i][t] = exch[t]
				scale[t] = math.Log(goReal)
				emp[t] = math.Log(empV)
				alloc[t] = 0.5 * (empV/goReal + k/goNat)
				dig[t] = g.dig[t][c][i]
			}
			// Outcome: Var = α_ci + γ_t + β·Dig + θ·controls + ε, with the
			// regressors entered as deviations from their unit means so that
			// Var stays near α_ci (the means are absorbed by the unit effect).
			mDig, mScale, mEmp, mAlloc := mean(dig), mean(scale), mean(emp), mean(alloc)
			for t := 0; t < nt; t++ {
				mt := func(v string) float64 { return g.ms[v][c][t] - mean(g.ms[v][c]) }
				macro := thetaFDI*mt("fdi") + thetaTrade*mt("tradeopen") + thetaRD*mt("rd") +
					thetaHC*mt("hc") + thetaGovern*mt("govern")
				v := alpha + gamma[t] + betaDig*(dig[t]-mDig) + thetaScale*(scale[t]-mScale) +
					thetaEmp*(emp[t]-mEmp) + thetaAlloc*(alloc[t]-mAlloc) + macro + sigmaEps*g.norm()
				goNat := vals["GO"][c][i][t]
				va := v * goNat
				vals["VA"][c][i][t] = va
				vals["II"][c][i][t] = goNat - va
				vals["COMP"][c][i][t] = 0.5 * va
				vals["LAB"][c][i][t] = 0.55 * va
				vals["CAP"][c][i][t] = 0.45 * va
			}
			for _, q := range []struct{ qi, nom, pi string }{{"GO_QI", "GO", "GO_PI"}, {"II_QI", "II", "II_PI"}, {"VA_QI", "VA", "VA_PI"}} {
				ref := vals[q.nom][c][i][base] / vals[q.pi][c][i][base]
				for t := 0; t < nt; t++ {
					vals[q.qi][c][i][t] = 100 * (vals[q.nom][c][i][t] / vals[q.pi][c][i][t]) / ref
				}
			}
		}
	}
	tb := table.New(DemoSEA)
	var country, variable, desc, code []string
	years := make([][]float64, nt)
	for _, v := range seaVars {
		for c := 0; c < nc; c++ {
			for i := 0; i < ni; i++ {
				country = append(country, g.countries[c])
				variable = append(variable, v)
				desc = append(desc, wiod.Descriptions2016[i])
				code = append(code, g.inds[i])
				for t := 0; t < nt; t++ {
					years[t] = append(years[t], vals[v][c][i][t])
				}
			}
		}
	}
	must(tb.AddString("country", country, nil))
	must(tb.AddString("variable", variable, nil))
	must(tb.AddString("description", desc, nil))
	must(tb.AddString("code", code, nil))
	for t, y := range g.years {
		must(tb.AddFloat(strconv.Itoa(y), years[t]))
	}
	return tb
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
