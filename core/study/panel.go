package study

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/wiodlab/wiodlab/core/panel"
	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// SEALookup is what the panel builder needs of the Socio-Economic Accounts.
type SEALookup interface {
	Value(country, variable, code string, year int) (float64, bool)
}

// PanelInput holds the three sources of the panel.
type PanelInput struct {
	// IO is the long table of the input-output step: country, industry, year,
	// a_dig, b_dig, dig, dig_dom, dig_for, serv.
	IO *table.Table
	// SEA gives GO, VA, EMP, K, GO_PI and NOMEXCH by country, industry, year.
	SEA SEALookup
	// Macro is a country-year table (nil: macro columns missing).
	Macro *table.Table
	// Classification gives the technology groups (the panel keeps the
	// industries that have one: the paper's 18 manufacturing industries).
	Classification *wiod.Classification
}

// PanelOptions are the panel builder's choices.
type PanelOptions struct {
	// BaseYear is the price base of the deflated output (WIOD 2016: 2010).
	BaseYear int
	// MacroCountry and MacroYear name the key columns of the macro table
	// (defaults "country", "year").
	MacroCountry, MacroYear string
	// MacroVars maps panel names to macro-table columns; defaults to the same
	// names: fdi, tradeopen, rd, hc, govern, broadband, mobile, internet, tariff.
	MacroVars map[string]string
}

// Panel is the country × industry × year panel of the paper.
type Panel struct {
	Table *table.Table
	// Missing counts the missing values of each variable.
	Missing map[string]int `json:"missing"`
	Notes   []string       `json:"notes"`
}

// PanelColumns lists the panel's variables in order, with their definitions;
// docs/methods.md repeats them with the paper's equation numbers.
var PanelColumns = []struct{ Name, Def string }{
	{"country", "country code"},
	{"industry", "WIOD industry code"},
	{"year", "year"},
	{"id", "country_industry, the panel unit"},
	{"tech", "technology group: low, midlow, high"},
	{"Var", "value-added rate VA/GO (SEA)"},
	{"Dig", "complete dependence on the digital sectors (eq. 4)"},
	{"Dig_dom", "part of Dig supplied by the column's own country"},
	{"Dig_for", "part of Dig supplied by other countries"},
	{"a_dig", "direct consumption coefficient of the digital sectors (eq. 2)"},
	{"b_dig", "complete consumption coefficient of the digital sectors (eq. 3)"},
	{"Ser", "servitization: complete consumption of services (eq. 7)"},
	{"scale", "ln gross output, millions of constant 2010 US dollars"},
	{"emp", "ln EMP (thousands of persons engaged)"},
	{"cl", "capital stock K / EMP (eq. 5)"},
	{"Allocation", "½(EMP/GO + K/GO), GO and K in constant 2010 US dollars (eq. 6)"},
	{"fdi", "macro control"},
	{"tradeopen", "macro control"},
	{"rd", "macro control"},
	{"hc", "macro control"},
	{"govern", "macro control"},
	{"netinfra", "network infrastructure: geometric mean of broadband, mobile, internet per 100"},
	{"tariff", "tariff rate"},
	{"Dig_other", "mean Dig of the same industry in the other countries, same year (instrument)"},
	{"Dig_x_netinfra", "Dig × (netinfra − sample mean)"},
	{"Dig_x_tariff", "Dig × (tariff − sample mean)"},
	{"hi_netinfra", "1 if netinfra is above the sample median"},
	{"hi_tariff", "1 if tariff is above the sample median"},
	{"EMP", "persons engaged, thousands (TFP input)"},
	{"K_real", "capital stock, millions of constant 2010 US dollars (TFP input)"},
	{"VA_real", "value added, millions of constant 2010 US dollars (TFP output)"},
}

type ckey struct {
	country, industry string
	year              int
}

// BuildPanel joins the sources into the panel. Rows are the country-industry-
// years present in the input-output results and in the SEA, for industries
// with a technology group; a value that cannot be computed is missing (NaN)
// and counted, never zero.
func BuildPanel(in PanelInput, opt PanelOptions) (*Panel, error) {
	if in.IO == nil || in.SEA == nil || in.Classification == nil {
		panic("study: BuildPanel needs IO, SEA and Classification")
	}
	if opt.BaseYear == 0 {
		opt.BaseYear = 2010
	}
	if opt.MacroCountry == "" {
		opt.MacroCountry = "country"
	}
	if opt.MacroYear == "" {
		opt.MacroYear = "year"
	}
	p := &Panel{Missing: map[string]int{}}
	country, err := in.IO.Strings("country")
	if err != nil {
		return nil, err
	}
	industry, err := in.IO.Strings("industry")
	if err != nil {
		return nil, err
	}
	yearF, err := in.IO.Floats("year")
	if err != nil {
		return nil, err
	}
	ioCols := map[string][]float64{}
	for _, c := range []string{"a_dig", "b_dig", "dig", "dig_dom", "dig_for", "serv"} {
		if ioCols[c], err = in.IO.Floats(c); err != nil {
			return nil, err
		}
	}
	// Select rows: industries with a tech group, countries with SEA data.
	var rows []int
	noSEA := map[string]bool{}
	for r := range country {
		if in.Classification.TechGroup[industry[r]] == "" || country[r] == "ROW" || country[r] == "RoW" {
			continue
		}
		if _, ok := in.SEA.Value(country[r], "GO", industry[r], int(yearF[r])); !ok {
			noSEA[fmt.Sprintf("%s %s %d", country[r], industry[r], int(yearF[r]))] = true
			continue
		}
		rows = append(rows, r)
	}
	if len(noSEA) > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("%d country-industry-years of the input-output results have no SEA gross output and are left out (e.g. %s); the panel uses the intersection", len(noSEA), firstKey(noSEA)))
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("panel: no country-industry-year is in both the input-output results and the SEA")
	}
	// Stable order: country, industry, year.
	sort.SliceStable(rows, func(a, b int) bool {
		ra, rb := rows[a], rows[b]
		if country[ra] != country[rb] {
			return country[ra] < country[rb]
		}
		if industry[ra] != industry[rb] {
			return industry[ra] < industry[rb]
		}
		return yearF[ra] < yearF[rb]
	})
	n := len(rows)
	col := func() []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = math.NaN()
		}
		return v
	}
	out := map[string][]float64{}
	for _, c := range PanelColumns[5:] {
		out[c.Name] = col()
	}
	cs, is, ids, techs := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	years := make([]float64, n)
	seen := map[ckey]int{}
	noExch := map[string]bool{}
	for k, r := range rows {
		c, ind, y := country[r], industry[r], int(yearF[r])
		key := ckey{c, ind, y}
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("panel: input-output results hold %s %s %d twice (rows %d and %d)", c, ind, y, prev+1, r+1)
		}
		seen[key] = r
		cs[k], is[k], years[k] = c, ind, float64(y)
		ids[k] = c + "_" + ind
		techs[k] = in.Classification.TechGroup[ind]
		out["Dig"][k] = ioCols["dig"][r]
		out["Dig_dom"][k] = ioCols["dig_dom"][r]
		out["Dig_for"][k] = ioCols["dig_for"][r]
		out["a_dig"][k] = ioCols["a_dig"][r]
		out["b_dig"][k] = ioCols["b_dig"][r]
		out["Ser"][k] = ioCols["serv"][r]
		get := func(v string, year int) float64 {
			x, ok := in.SEA.Value(c, v, ind, year)
			if !ok {
				return math.NaN()
			}
			return x
		}
		goNat, va, emp, kap, pi := get("GO", y), get("VA", y), get("EMP", y), get("K", y), get("GO_PI", y)
		vaPI := get("VA_PI", y)
		exch := get("NOMEXCH", opt.BaseYear)
		if math.IsNaN(exch) || exch <= 0 {
			noExch[c] = true
		}
		if goNat > 0 {
			out["Var"][k] = va / goNat
		}
		goReal := goNat / (pi / 100) / exch
		if goReal > 0 {
			out["scale"][k] = math.Log(goReal)
		}
		if emp > 0 {
			out["emp"][k] = math.Log(emp)
			out["cl"][k] = kap / emp
		}
		out["EMP"][k] = emp
		out["K_real"][k] = kap / (pi / 100) / exch
		out["VA_real"][k] = va / (vaPI / 100) / exch
		if goReal > 0 && goNat > 0 {
			out["Allocation"][k] = 0.5 * (emp/goReal + kap/goNat)
		}
	}
	if len(noExch) > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("no %d exchange rate (NOMEXCH) for %s: scale and Allocation are missing there", opt.BaseYear, joinKeys(noExch)))
	}
	if err := addMacro(p, in.Macro, opt, cs, years, out); err != nil {
		return nil, err
	}
	addDerived(cs, is, years, out)
	t := table.New("panel")
	must(t.AddString("country", cs, nil))
	must(t.AddString("industry", is, nil))
	must(t.AddFloat("year", years))
	must(t.AddString("id", ids, nil))
	must(t.AddString("tech", techs, nil))
	for _, c := range PanelColumns[5:] {
		v := out[c.Name]
		must(t.AddFloat(c.Name, v))
		for _, x := range v {
			if math.IsNaN(x) {
				p.Missing[c.Name]++
			}
		}
	}
	p.Table = t
	return p, nil
}

func addMacro(p *Panel, macro *table.Table, opt PanelOptions, cs []string, years []float64, out map[string][]float64) error {
	names := []string{"fdi", "tradeopen", "rd", "hc", "govern", "broadband", "mobile", "internet", "tariff"}
	if macro == nil {
		p.Notes = append(p.Notes, "no macro table: fdi, tradeopen, rd, hc, govern, netinfra and tariff are missing")
		return nil
	}
	mc, err := macro.Strings(opt.MacroCountry)
	if err != nil {
		return fmt.Errorf("macro table: %w", err)
	}
	my, err := macro.Floats(opt.MacroYear)
	if err != nil {
		return fmt.Errorf("macro table: %w", err)
	}
	index := map[string]int{}
	for r := range mc {
		k := mc[r] + "\x00" + strconv.Itoa(int(my[r]))
		if prev, dup := index[k]; dup {
			return fmt.Errorf("macro table %s: country %s year %d appears twice (lines %d and %d)", macro.Name, mc[r], int(my[r]), prev+2, r+2)
		}
		index[k] = r
	}
	vals := map[string][]float64{}
	for _, nm := range names {
		src := nm
		if s, ok := opt.MacroVars[nm]; ok {
			src = s
		}
		if macro.Col(src) == nil {
			p.Notes = append(p.Notes, fmt.Sprintf("macro table has no column %q: %s is missing", src, nm))
			continue
		}
		if vals[nm], err = macro.Floats(src); err != nil {
			return fmt.Errorf("macro table: %w", err)
		}
	}
	missingCY := map[string]bool{}
	for k := range cs {
		r, ok := index[cs[k]+"\x00"+strconv.Itoa(int(years[k]))]
		if !ok {
			missingCY[fmt.Sprintf("%s %d", cs[k], int(years[k]))] = true
			continue
		}
		for _, nm := range []string{"fdi", "tradeopen", "rd", "hc", "govern", "tariff"} {
			if v, ok := vals[nm]; ok {
				out[nm][k] = v[r]
			}
		}
		b, m, i := vals["broadband"], vals["mobile"], vals["internet"]
		if b != nil && m != nil && i != nil && b[r] > 0 && m[r] > 0 && i[r] > 0 {
			out["netinfra"][k] = math.Cbrt(b[r] * m[r] * i[r])
		}
	}
	if len(missingCY) > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("macro table lacks %d country-years of the panel (e.g. %s): their macro values are missing", len(missingCY), firstKey(missingCY)))
	}
	return nil
}

// addDerived fills the instrument Dig_other, the interactions and the median
// splits.
func addDerived(cs, is []string, years []float64, out map[string][]float64) {
	type iy struct {
		ind  string
		year float64
	}
	sum, cnt := map[iy]float64{}, map[iy]int{}
	dig := out["Dig"]
	for k := range dig {
		if !math.IsNaN(dig[k]) {
			sum[iy{is[k], years[k]}] += dig[k]
			cnt[iy{is[k], years[k]}]++
		}
	}
	for k := range dig {
		key := iy{is[k], years[k]}
		s, c := sum[key], cnt[key]
		if !math.IsNaN(dig[k]) {
			s -= dig[k]
			c--
		}
		if c > 0 {
			out["Dig_other"][k] = s / float64(c)
		}
	}
	for _, m := range []struct{ v, inter, hi string }{{"netinfra", "Dig_x_netinfra", "hi_netinfra"}, {"tariff", "Dig_x_tariff", "hi_tariff"}} {
		v := out[m.v]
		mu := nanMean(v)
		med := nanMedian(v)
		for k := range v {
			if math.IsNaN(v[k]) {
				continue
			}
			out[m.inter][k] = dig[k] * (v[k] - mu)
			if v[k] > med {
				out[m.hi][k] = 1
			} else {
				out[m.hi][k] = 0
			}
		}
	}
}

func nanMean(v []float64) float64 {
	var s float64
	var n int
	for _, x := range v {
		if !math.IsNaN(x) {
			s += x
			n++
		}
	}
	return s / float64(n)
}

// nanMedian is the median of the non-missing values by Stata's percentile
// rule (panel.Pctile: the average of the two middle values for an even count,
// as summarize, detail).
func nanMedian(v []float64) float64 {
	var w []float64
	for _, x := range v {
		if !math.IsNaN(x) {
			w = append(w, x)
		}
	}
	sort.Float64s(w)
	return panel.Pctile(w, 50)
}

func firstKey(m map[string]bool) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks[0]
}

func joinKeys(m map[string]bool) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	s := ""
	for i, k := range ks {
		if i > 0 {
			s += ", "
		}
		s += k
	}
	return s
}
