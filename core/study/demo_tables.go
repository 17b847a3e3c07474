package study

import (
	"fmt"
	"math"
	"strconv"

	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// WorldTableData lays one synthetic year out in the official long-wide
// world-table layout of the WIOD 2016 release, as the R and Stata versions
// have it: columns IndustryCode, IndustryDescription, Country, RNr, Year, one
// column <Country><RNr> per using sector (RNr 1 … 56), five final-demand
// columns per country (RNr 57 … 61: households, non-profits, government,
// GFCF, inventories), then TOT; after the supplying sectors come the rows VA
// (RNr 70) and GO (RNr 73) with Country "TOT", whose final-demand and TOT cells
// are missing.
func (d *Demo) WorldTableData(k int) *table.Table {
	wt := d.WIOT[k]
	io := wt.IO
	n := io.N()
	ni := n / len(d.Countries)
	rows := n + 2
	t := table.New(DemoWIOT(io.Year))
	code := make([]string, rows)
	desc := make([]string, rows)
	country := make([]string, rows)
	rnr := make([]float64, rows)
	year := make([]float64, rows)
	for i := 0; i < n; i++ {
		code[i], desc[i], country[i] = io.Industry[i], io.Desc[i], io.Country[i]
		rnr[i] = float64(i%ni + 1)
		year[i] = float64(io.Year)
	}
	code[n], country[n], rnr[n], year[n] = "VA", "TOT", 70, float64(io.Year)
	code[n+1], country[n+1], rnr[n+1], year[n+1] = "GO", "TOT", 73, float64(io.Year)
	must(t.AddString("IndustryCode", code, nil))
	must(t.AddString("IndustryDescription", desc, nil))
	must(t.AddString("Country", country, nil))
	must(t.AddFloat("RNr", rnr))
	must(t.AddFloat("Year", year))
	tot := make([]float64, rows)
	for j := 0; j < n; j++ {
		c := make([]float64, rows)
		for i := 0; i < n; i++ {
			c[i] = io.Z.At(i, j)
			tot[i] += c[i]
		}
		c[n], c[n+1] = io.VA[j], io.X[j]
		must(t.AddFloat(io.Country[j]+strconv.Itoa(j%ni+1), c))
	}
	for k, cn := range d.Countries {
		for cat := 0; cat < fdCategories; cat++ {
			c := make([]float64, rows)
			for i := 0; i < n; i++ {
				c[i] = wt.FD[i][k*fdCategories+cat]
				tot[i] += c[i]
			}
			c[n], c[n+1] = math.NaN(), math.NaN()
			must(t.AddFloat(cn+strconv.Itoa(ni+1+cat), c))
		}
	}
	tot[n], tot[n+1] = math.NaN(), math.NaN()
	must(t.AddFloat("TOT", tot))
	return t
}

// Names of the demo tables: one world table a year, the SEA and the macro
// table. The browser stores them under these names; the CLI writes them as
// files (.csv.gz appended to the world tables).
const (
	DemoSEA   = "demo_sea"
	DemoMacro = "demo_macro"
)

// DemoWIOT is the name of the demo world table of year y.
func DemoWIOT(y int) string { return fmt.Sprintf("demo_wiot_%d", y) }

// DemoWIOTNames lists the demo world tables of every year the DGP covers.
func DemoWIOTNames() []string {
	var out []string
	for y := demoFirstYear; y <= demoLastYear; y++ {
		out = append(out, DemoWIOT(y))
	}
	return out
}

// TableNames lists the names of the demo's tables.
func (d *Demo) TableNames() []string {
	return append(DemoWIOTNames(), DemoSEA, DemoMacro)
}

// Table returns the demo table called name (see TableNames).
func (d *Demo) Table(name string) (*table.Table, error) {
	switch name {
	case DemoSEA:
		return d.SEA, nil
	case DemoMacro:
		return d.Macro, nil
	}
	for k, w := range d.WIOT {
		if name == DemoWIOT(w.IO.Year) {
			return d.WorldTableData(k), nil
		}
	}
	return nil, fmt.Errorf("demo: no table %q (have %v)", name, d.TableNames())
}

// IOTables returns the world table called name as generated, without the
// round trip through the text layout (see command.IOSource).
func (d *Demo) IOTables(name string) ([]*wiod.IOTable, bool) {
	for _, w := range d.WIOT {
		if name == DemoWIOT(w.IO.Year) {
			return []*wiod.IOTable{w.IO}, true
		}
	}
	return nil, false
}
