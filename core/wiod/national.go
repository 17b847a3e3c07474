package wiod

import (
	"fmt"
	"io"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/table"
)

// ReadNational reads a national input-output table of the WIOD 2016 layout
// (Year, Code, Description, Origin, the using industries, final uses, GO) and
// returns one IOTable per year, in file order. The country is taken from the
// file name (see Options.Country; use Read with Options{Layout: National,
// Country: …} to set it).
//
// Rows with Origin "Domestic" are the sector rows of Z; they come in blocks of
// one year each, in the order of the industry columns (row k's Code is column
// k's name). The columns between the industries and GO are final uses, summed
// into FinalDemand; X is the GO column. A row with another Origin and Code
// "VA" gives VA for its year; other such rows (imports, taxes) are ignored.
func ReadNational(r io.Reader, name string) ([]*IOTable, error) {
	return Read(r, name, Options{Layout: National})
}

func parseNational(src source, country string) ([]*IOTable, error) {
	hdr := src.header()
	const c0 = 4
	goCol := -1
	for j := c0; j < len(hdr); j++ {
		if strings.EqualFold(hdr[j], "GO") {
			goCol = j
			break
		}
	}
	if goCol < 0 {
		return nil, &table.ParseError{File: src.name(), Line: 1, Err: fmt.Errorf("%w: no GO column after %s and the industries", ErrMissingGO, strings.Join(nationalKeys, ", "))}
	}
	var out []*IOTable
	done := map[int]int{} // year -> line where its block started
	var cur *IOTable
	var data []float64
	var vaLine int
	n := -1 // industries, fixed by the first year
	finish := func() error {
		if cur == nil {
			return nil
		}
		m := len(cur.Industry)
		if m == 0 {
			return &table.ParseError{File: src.name(), Line: vaLine, Err: fmt.Errorf("%w: year %d has no Domestic rows", ErrLabels, cur.Year)}
		}
		if n < 0 {
			n = m
			if c0+n < goCol && contains(Industries2016, hdr[c0+n]) {
				return &table.ParseError{File: src.name(), Line: src.line(), Column: c0 + n + 1, Name: hdr[c0+n], Err: fmt.Errorf("%w: year %d has no Domestic row for industry column %q", ErrLabels, cur.Year, hdr[c0+n])}
			}
		}
		if m != n {
			return &table.ParseError{File: src.name(), Line: src.line(), Err: fmt.Errorf("%w: year %d has %d Domestic rows, the first year %d", ErrLabels, cur.Year, m, n)}
		}
		z := make([]float64, n*n)
		w := goCol - c0 // values per row before GO
		for i := 0; i < n; i++ {
			row := data[i*(w+1) : (i+1)*(w+1)]
			copy(z[i*n:(i+1)*n], row[:n])
			f := 0.0
			for _, v := range row[n:w] {
				f += v
			}
			cur.FinalDemand[i] = f
			cur.X[i] = row[w]
		}
		cur.Z = mat.NewDense(n, n, z)
		if cur.VA != nil && len(cur.VA) != n {
			cur.VA = nil
		}
		out = append(out, cur)
		cur, data = nil, data[:0]
		return nil
	}
	for {
		err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		v, err := src.num(0)
		if err != nil {
			return nil, err
		}
		y := int(v)
		if float64(y) != v {
			return nil, src.errf(1, fmt.Errorf("%w: year %v is not a whole number", table.ErrNumeric, v))
		}
		if cur == nil || y != cur.Year {
			if l, ok := done[y]; ok {
				return nil, src.errf(1, fmt.Errorf("%w: year %d again after its block (from line %d) ended; keep each year's rows together", ErrMixedYears, y, l))
			}
			if err := finish(); err != nil {
				return nil, err
			}
			done[y] = src.line()
			cur = &IOTable{Source: src.name(), Layout: National, Year: y}
			vaLine = src.line()
		}
		code := src.text(1)
		if !strings.EqualFold(src.text(3), "Domestic") {
			if strings.EqualFold(code, "VA") {
				if n < 0 && len(cur.Industry) == 0 {
					continue
				}
				m := len(cur.Industry)
				cur.VA = make([]float64, m)
				for j := range cur.VA {
					if cur.VA[j], err = src.num(c0 + j); err != nil {
						return nil, err
					}
				}
			}
			continue
		}
		i := len(cur.Industry)
		if i >= goCol-c0 {
			return nil, src.errf(2, fmt.Errorf("%w: Domestic row %d of year %d but only %d columns before GO", ErrLabels, i+1, y, goCol-c0))
		}
		if code != hdr[c0+i] {
			return nil, src.errf(2, fmt.Errorf("%w: Domestic row %d of year %d has Code %q but column %d is %q; rows must follow the order of the industry columns", ErrLabels, i+1, y, code, c0+i+1, hdr[c0+i]))
		}
		if i > 0 && contains(cur.Industry, code) {
			return nil, src.errf(2, fmt.Errorf("%w industry %q in year %d", table.ErrDuplicate, code, y))
		}
		cur.Country = append(cur.Country, country)
		cur.Industry = append(cur.Industry, strings.Clone(code))
		cur.Desc = append(cur.Desc, strings.Clone(src.text(2)))
		cur.X = append(cur.X, 0)
		cur.FinalDemand = append(cur.FinalDemand, 0)
		for j := c0; j <= goCol; j++ {
			v, err := src.num(j)
			if err != nil {
				return nil, err
			}
			if j == goCol && v < 0 {
				return nil, src.errf(j+1, fmt.Errorf("%w %v of %s; gross output must be ≥ 0", ErrNegativeOutput, v, code))
			}
			data = append(data, v)
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, &table.ParseError{File: src.name(), Line: src.line() + 1, Err: fmt.Errorf("%w: no rows", ErrLabels)}
	}
	return out, nil
}
