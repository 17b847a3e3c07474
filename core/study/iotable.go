package study

import (
	"github.com/wiodlab/wiodlab/core/ioa"
	"github.com/wiodlab/wiodlab/core/table"
)

// IOTable lays the input-output step's rows out as the long table of
// `wiodlab io` (columns ioa.LongColumns).
func IOTable(rows []ioa.Row) *table.Table {
	n := len(rows)
	c, ind := make([]string, n), make([]string, n)
	y := make([]float64, n)
	cols := [6][]float64{}
	for k := range cols {
		cols[k] = make([]float64, n)
	}
	for i := range rows {
		r := &rows[i]
		c[i], ind[i], y[i] = r.Country, r.Industry, float64(r.Year)
		for k, v := range r.Indicators() {
			cols[k][i] = v
		}
	}
	t := table.New("io")
	must(t.AddString(ioa.LongColumns[0], c, nil))
	must(t.AddString(ioa.LongColumns[1], ind, nil))
	must(t.AddFloat(ioa.LongColumns[2], y))
	for k, name := range ioa.LongColumns[3:] {
		must(t.AddFloat(name, cols[k]))
	}
	return t
}
