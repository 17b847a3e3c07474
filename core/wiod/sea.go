package wiod

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/wiodlab/wiodlab/core/table"
)

// SEATable holds WIOD Socio-Economic Accounts: one row per country, variable and
// industry code, one value per year (NaN = missing).
type SEATable struct {
	Source string
	Years  []int
	Rows   []SEARow
	index  map[seaKey]int
	year   map[int]int
}

// SEARow is one line of an SEA file.
type SEARow struct {
	Country, Variable, Description, Code string
	Values                               []float64 // one per SEATable.Years; NaN = missing
}

type seaKey struct{ country, variable, code string }

// ReadSEA reads Socio-Economic Accounts in the official layout: columns
// country, variable, description, code, then one column per year ("2000" …
// "2014"). Missing cells ("", "NA", ".") are NaN. A repeated (country,
// variable, code) triple is an error.
func ReadSEA(r io.Reader, name string) (*SEATable, error) {
	rd, err := table.NewReader(r, table.ReadOptions{Name: name})
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return parseSEA(&readerSource{rd: rd})
}

// SEAFromTable converts a parsed table in the SEA layout (see ReadSEA).
func SEAFromTable(t *table.Table) (*SEATable, error) {
	return parseSEA(newTableSource(t))
}

func parseSEA(src source) (*SEATable, error) {
	hdr := src.header()
	if l := DetectLayout(hdr); l != SEA {
		return nil, layoutError(src.name(), hdr, SEA, l)
	}
	const c0 = 4
	s := &SEATable{Source: src.name(), index: map[seaKey]int{}, year: map[int]int{}}
	for j := c0; j < len(hdr); j++ {
		y, err := strconv.Atoi(strings.TrimSpace(hdr[j]))
		if err != nil {
			return nil, &table.ParseError{File: src.name(), Line: 1, Column: j + 1, Name: hdr[j], Err: fmt.Errorf("%w: column %q after %s is not a year", ErrLayout, hdr[j], strings.Join(seaKeys, ", "))}
		}
		if _, ok := s.year[y]; ok {
			return nil, &table.ParseError{File: src.name(), Line: 1, Column: j + 1, Name: hdr[j], Err: fmt.Errorf("%w year column %d", table.ErrDuplicate, y)}
		}
		s.year[y] = len(s.Years)
		s.Years = append(s.Years, y)
	}
	if len(s.Years) == 0 {
		return nil, &table.ParseError{File: src.name(), Line: 1, Err: fmt.Errorf("%w: no year columns after %s", ErrLayout, strings.Join(seaKeys, ", "))}
	}
	lines := map[seaKey]int{}
	intern := map[string]string{}
	keep := func(v string) string {
		if w, ok := intern[v]; ok {
			return w
		}
		w := strings.Clone(v)
		intern[w] = w
		return w
	}
	for {
		err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		row := SEARow{Country: src.text(0), Variable: src.text(1), Description: src.text(2), Code: src.text(3)}
		for j, v := range []string{row.Country, row.Variable, "", row.Code} {
			if j != 2 && v == "" {
				return nil, src.errf(j+1, fmt.Errorf("%w: empty %s", table.ErrMissing, seaKeys[j]))
			}
		}
		k := seaKey{row.Country, row.Variable, row.Code}
		if l, ok := lines[k]; ok {
			return nil, src.errf(4, fmt.Errorf("%w: %s %s %s also on line %d", table.ErrDuplicate, row.Country, row.Variable, row.Code, l))
		}
		lines[k] = src.line()
		row.Country, row.Variable, row.Description, row.Code = keep(row.Country), keep(row.Variable), keep(row.Description), keep(row.Code)
		row.Values = make([]float64, len(s.Years))
		for j := range row.Values {
			if src.isMissing(c0 + j) {
				row.Values[j] = math.NaN()
				continue
			}
			if row.Values[j], err = src.num(c0 + j); err != nil {
				return nil, err
			}
		}
		s.index[seaKey{row.Country, row.Variable, row.Code}] = len(s.Rows)
		s.Rows = append(s.Rows, row)
	}
	return s, nil
}

// Value returns the value of variable for industry code of country in year;
// false when the SEA has no such row or year or the value is missing.
func (s *SEATable) Value(country, variable, code string, year int) (float64, bool) {
	i, ok := s.index[seaKey{country, variable, code}]
	if !ok {
		return 0, false
	}
	j, ok := s.year[year]
	if !ok {
		return 0, false
	}
	v := s.Rows[i].Values[j]
	return v, !math.IsNaN(v)
}

// Variables returns the variable names in order of first appearance.
func (s *SEATable) Variables() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range s.Rows {
		if !seen[r.Variable] {
			seen[r.Variable] = true
			out = append(out, r.Variable)
		}
	}
	return out
}

// Long returns the accounts as a long table with columns country, code,
// year and one column per variable (in order of first appearance), one row
// per country × code (in order of first appearance) × year; absent or missing
// values are NaN.
func (s *SEATable) Long() *table.Table {
	type cc struct{ country, code string }
	var keys []cc
	seen := map[cc]bool{}
	for _, r := range s.Rows {
		k := cc{r.Country, r.Code}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	vars := s.Variables()
	nr := len(keys) * len(s.Years)
	country := make([]string, 0, nr)
	code := make([]string, 0, nr)
	year := make([]float64, 0, nr)
	vals := make([][]float64, len(vars))
	for v := range vals {
		vals[v] = make([]float64, 0, nr)
	}
	for _, k := range keys {
		for yi, y := range s.Years {
			country = append(country, k.country)
			code = append(code, k.code)
			year = append(year, float64(y))
			for v, name := range vars {
				x := math.NaN()
				if i, ok := s.index[seaKey{k.country, name, k.code}]; ok {
					x = s.Rows[i].Values[yi]
				}
				vals[v] = append(vals[v], x)
			}
		}
	}
	t := table.New(s.Source)
	must(t.AddString("country", country, nil))
	must(t.AddString("code", code, nil))
	must(t.AddFloat("year", year))
	for v, name := range vars {
		if name == "country" || name == "code" || name == "year" {
			name = "var_" + name
		}
		must(t.AddFloat(name, vals[v]))
	}
	return t
}

func must(err error) {
	if err != nil {
		panic("wiod: " + err.Error())
	}
}
