package study

import (
	"github.com/wiodlab/wiodlab/core/ioa"
	"github.com/wiodlab/wiodlab/core/table"
)

// IOTable lays the input-output step's rows out as the long table of
// `wiodlab io`: country, industry, year, a_dig, b_dig, dig, dig_dom, dig_for,
// serv.
func IOTable(rows []ioa.Row) *table.Table {
	n := len(rows)
	c, ind := make([]string, n), make([]string, n)
	y := make([]float64, n)
	cols := [6][]float64{}
	for k := range cols {
		cols[k] = make([]float64, n)
	}
	for i, r := range rows {
		c[i], ind[i], y[i] = r.Country, r.Industry, float64(r.Year)
		cols[0][i], cols[1][i], cols[2][i] = r.ADig, r.BDig, r.Dig
		cols[3][i], cols[4][i], cols[5][i] = r.DigDom, r.DigFor, r.Serv
	}
	t := table.New("io")
	must(t.AddString("country", c, nil))
	must(t.AddString("industry", ind, nil))
	must(t.AddFloat("year", y))
	for k, name := range []string{"a_dig", "b_dig", "dig", "dig_dom", "dig_for", "serv"} {
		must(t.AddFloat(name, cols[k]))
	}
	return t
}
