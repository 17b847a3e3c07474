package wiod

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/table"
)

// worldKeys are the first five columns of the world layout.
var worldKeys = []string{"IndustryCode", "IndustryDescription", "Country", "RNr", "Year"}

// preallocLimit bounds the sector count for which Z is allocated in full at
// the first sector row; larger tables grow Z row by row (guards against a
// malformed header asking for gigabytes).
const preallocLimit = 4096

// ReadWorld reads one year of a world input-output table in the official
// long-wide layout (see Layout World and docs/tables.md) from CSV, gzip CSV or
// XLSX, streaming the rows straight into Z: memory is about Z itself (8·N²
// bytes) plus one record.
//
// The sector rows come first, in the order of the intermediate-use columns
// (row k's Country and RNr must spell column k's name); the bottom rows have
// Country "TOT" and are recognised by IndustryCode: GO (required) gives X, VA
// (optional) gives VA, others are ignored. FinalDemand is the row sum of the
// final-use columns (the <Country><RNr> columns after the intermediate block);
// TOT and later columns are ignored.
func ReadWorld(r io.Reader, name string) (*IOTable, error) {
	rd, err := table.NewReader(r, table.ReadOptions{Name: name})
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	if l := DetectLayout(rd.Header()); l != World {
		return nil, layoutError(rd.Name(), rd.Header(), World, l)
	}
	return parseWorld(&readerSource{rd: rd})
}

// splitLabel splits a column name such as "AUS12" into "AUS" and 12.
func splitLabel(s string) (string, int, bool) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if i == 0 || i == len(s) || s[i] == '0' || len(s)-i > 6 {
		return "", 0, false
	}
	n, err := strconv.Atoi(s[i:])
	if err != nil {
		return "", 0, false
	}
	return s[:i], n, true
}

// worldColumns returns the number W of <Country><RNr> columns after the five
// key columns and the guess G ≤ W of the intermediate block: it ends where a
// country seen in an earlier run of columns comes back (the final-demand
// block starts again with the first country).
func worldColumns(hdr []string) (w, g int) {
	seen := map[string]bool{}
	prev := ""
	g = -1
	for j := len(worldKeys); j < len(hdr); j++ {
		c, _, ok := splitLabel(hdr[j])
		if !ok {
			break
		}
		if c != prev {
			if seen[c] && g < 0 {
				g = w
			}
			seen[c] = true
			prev = c
		}
		w++
	}
	if g < 0 {
		g = w
	}
	return w, g
}

func parseWorld(src source) (*IOTable, error) {
	hdr := src.header()
	const c0 = 5 // first value column (0-based)
	w, g := worldColumns(hdr)
	if w == 0 {
		return nil, &table.ParseError{File: src.name(), Line: 1, Column: c0 + 1, Err: fmt.Errorf("%w: no <Country><RNr> columns (e.g. AUS1) after %s", ErrLayout, strings.Join(worldKeys, ", "))}
	}
	var data []float64
	t := &IOTable{Source: src.name(), Layout: World}
	var fd []float64
	labels := map[string]int{}
	year, yearLine := 0, 0
	n := -1 // number of sector rows, fixed at the first TOT row
	var x, va []float64
	for {
		err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		// Year: the same on every row that has one.
		if !src.isMissing(4) {
			v, err := src.num(4)
			if err != nil {
				return nil, err
			}
			y := int(v)
			if float64(y) != v {
				return nil, src.errf(5, fmt.Errorf("%w: year %v is not a whole number", table.ErrNumeric, v))
			}
			if yearLine == 0 {
				year, yearLine = y, src.line()
				t.Year = y
			} else if y != year {
				return nil, src.errf(5, fmt.Errorf("%w: year %d here, %d on line %d; split the file by year", ErrMixedYears, y, year, yearLine))
			}
		}
		country := src.text(2)
		code := src.text(0)
		if strings.EqualFold(country, "TOT") {
			if n < 0 {
				n = len(t.Industry)
				if n == 0 {
					return nil, src.errf(3, fmt.Errorf("%w: bottom row before any sector row", ErrLabels))
				}
				if err := checkRowCount(src, hdr, n, g, w); err != nil {
					return nil, err
				}
			}
			var dst *[]float64
			switch strings.ToUpper(code) {
			case "GO":
				dst = &x
			case "VA":
				dst = &va
			default:
				continue
			}
			if *dst != nil {
				return nil, src.errf(1, fmt.Errorf("%w bottom row %q", table.ErrDuplicate, code))
			}
			row := make([]float64, n)
			for j := range row {
				v, err := src.num(c0 + j)
				if err != nil {
					return nil, err
				}
				if dst == &x && v < 0 {
					return nil, src.errf(c0+j+1, fmt.Errorf("%w %v of %s; gross output must be ≥ 0", ErrNegativeOutput, v, hdr[c0+j]))
				}
				row[j] = v
			}
			*dst = row
			continue
		}
		// A sector row.
		i := len(t.Industry)
		if n >= 0 {
			return nil, src.errf(3, fmt.Errorf("%w: sector row (Country %q) after the bottom rows (Country TOT)", ErrLabels, country))
		}
		if i >= g {
			return nil, src.errf(3, fmt.Errorf("%w: sector row %d (%s %s) but only %d intermediate-use columns", ErrLabels, i+1, country, code, g))
		}
		if country == "" {
			return nil, src.errf(3, fmt.Errorf("%w: empty Country", table.ErrMissing))
		}
		if code == "" {
			return nil, src.errf(1, fmt.Errorf("%w: empty IndustryCode", table.ErrMissing))
		}
		rv, err := src.num(3)
		if err != nil {
			return nil, err
		}
		label := country + strconv.FormatFloat(rv, 'f', -1, 64)
		if label != hdr[c0+i] {
			return nil, src.errf(4, fmt.Errorf("%w: row %d is %s (Country %q, RNr %v) but column %d is %q; sector rows must follow the order of the intermediate-use columns", ErrLabels, i+1, label, country, rv, c0+i+1, hdr[c0+i]))
		}
		key := country + "\x00" + code
		if l, ok := labels[key]; ok {
			return nil, src.errf(1, fmt.Errorf("%w country-industry %s %s (also on line %d)", table.ErrDuplicate, country, code, l))
		}
		labels[key] = src.line()
		if i == 0 && g <= preallocLimit {
			// Allocated at the first valid sector row, not from the header
			// alone, so a malformed header costs nothing.
			data = make([]float64, 0, g*g)
		}
		t.Country = append(t.Country, strings.Clone(country))
		t.Industry = append(t.Industry, strings.Clone(code))
		t.Desc = append(t.Desc, strings.Clone(src.text(1)))
		for j := 0; j < g; j++ {
			v, err := src.num(c0 + j)
			if err != nil {
				return nil, err
			}
			data = append(data, v)
		}
		var f float64
		for j := g; j < w; j++ {
			v, err := src.num(c0 + j)
			if err != nil {
				return nil, err
			}
			f += v
		}
		fd = append(fd, f)
	}
	if n < 0 {
		n = len(t.Industry)
		if n > 0 {
			if err := checkRowCount(src, hdr, n, g, w); err != nil {
				return nil, err
			}
		}
	}
	if n == 0 {
		return nil, &table.ParseError{File: src.name(), Line: src.line() + 1, Err: fmt.Errorf("%w: no sector rows", ErrLabels)}
	}
	if x == nil {
		return nil, &table.ParseError{File: src.name(), Line: src.line() + 1, Err: fmt.Errorf("%w (Country TOT, IndustryCode GO) at the end of the file; the world layout needs gross output", ErrMissingGO)}
	}
	// Fewer sector rows than guessed columns (a one-country table): the
	// columns n..g-1 are final demand too; compact Z to n×n in place.
	if n < g {
		for i := 0; i < n; i++ {
			row := data[i*g : (i+1)*g]
			for _, v := range row[n:] {
				fd[i] += v
			}
			copy(data[i*n:(i+1)*n], row[:n])
		}
		data = data[:n*n]
		if len(data) < cap(data)/2 {
			data = append([]float64(nil), data...)
		}
	}
	t.Z = mat.NewDense(n, n, data[:n*n:n*n])
	t.X = x
	t.VA = va
	t.FinalDemand = fd
	return t, nil
}

// checkRowCount checks the number n of sector rows against the guess g of
// intermediate-use columns: they must agree, except when the header has a
// single country (g == w), whose final-use columns cannot be told from its
// intermediate ones by the header alone.
func checkRowCount(src source, hdr []string, n, g, w int) error {
	if n == g || g == w {
		return nil
	}
	const c0 = 5
	return src.errf(0, fmt.Errorf("%w: %d sector rows but %d intermediate-use columns; column %d (%q) has no sector row", ErrLabels, n, g, c0+n+1, hdr[c0+n]))
}

// WriteWorld writes t in the official world layout (see ReadWorld), so that
// ReadWorld reads it back exactly. Sectors are numbered within their country
// (RNr 1, 2, …; sectors of one country must be contiguous, countries as in
// t.Country).
//
// finalDemand, when given, holds one row per sector with k values per country
// (countries in order, k categories each, k the same for all): the final-use
// columns <Country><K+1> … <Country><K+k>, K the largest RNr. Without it, each
// sector's t.FinalDemand (or X minus its intermediate sales when that is nil)
// is written as one final-use column of its own country. Bottom rows are VA
// (t.VA; omitted when nil) and GO (t.X); numbers are written with the fewest
// digits that read back exactly.
func WriteWorld(w io.Writer, t *IOTable, finalDemand ...[]float64) error {
	n := t.N()
	if t.Z == nil || len(t.Country) != n || len(t.X) != n {
		panic("wiod: WriteWorld of an inconsistent IOTable")
	}
	if r, c := t.Z.Dims(); r != n || c != n {
		panic("wiod: WriteWorld: Z is not N×N")
	}
	// Countries in order, RNr within country.
	var countries []string
	rnr := make([]int, n)
	count := map[string]int{}
	for i, c := range t.Country {
		if i > 0 && t.Country[i-1] != c && count[c] > 0 {
			return fmt.Errorf("wiod: WriteWorld: sectors of %s are not contiguous", c)
		}
		if count[c] == 0 {
			countries = append(countries, c)
		}
		count[c]++
		rnr[i] = count[c]
	}
	maxR := 0
	for _, c := range count {
		maxR = max(maxR, c)
	}
	k := 1
	if finalDemand != nil {
		if len(finalDemand) != n {
			return fmt.Errorf("wiod: WriteWorld: %d final-demand rows for %d sectors", len(finalDemand), n)
		}
		if len(finalDemand[0])%len(countries) != 0 || len(finalDemand[0]) == 0 {
			return fmt.Errorf("wiod: WriteWorld: %d final-demand values per row is not a multiple of %d countries", len(finalDemand[0]), len(countries))
		}
		k = len(finalDemand[0]) / len(countries)
	}
	cidx := map[string]int{}
	for i, c := range countries {
		cidx[c] = i
	}
	buf := make([]byte, 0, 1<<16)
	flush := func() error {
		_, err := w.Write(buf)
		buf = buf[:0]
		return err
	}
	// Header.
	for _, s := range worldKeys {
		buf = appendQuoted(buf, s)
		buf = append(buf, ',')
	}
	for i := 0; i < n; i++ {
		buf = appendQuoted(buf, t.Country[i]+strconv.Itoa(rnr[i]))
		buf = append(buf, ',')
	}
	for _, c := range countries {
		for q := 1; q <= k; q++ {
			buf = appendQuoted(buf, c+strconv.Itoa(maxR+q))
			buf = append(buf, ',')
		}
	}
	buf = append(buf, "\"TOT\"\n"...)
	key := func(code, desc, country string, r int) {
		buf = appendQuoted(buf, code)
		buf = append(buf, ',')
		buf = appendQuoted(buf, desc)
		buf = append(buf, ',')
		buf = appendQuoted(buf, country)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(t.Year), 10)
	}
	fdRow := make([]float64, k*len(countries))
	for i := 0; i < n; i++ {
		desc := ""
		if i < len(t.Desc) {
			desc = t.Desc[i]
		}
		key(t.Industry[i], desc, t.Country[i], rnr[i])
		tot := 0.0
		for j := 0; j < n; j++ {
			v := t.Z.At(i, j)
			tot += v
			buf = append(buf, ',')
			buf = table.AppendNumber(buf, v)
		}
		if finalDemand != nil {
			if len(finalDemand[i]) != len(fdRow) {
				return fmt.Errorf("wiod: WriteWorld: final-demand row %d has %d values, want %d", i, len(finalDemand[i]), len(fdRow))
			}
			copy(fdRow, finalDemand[i])
		} else {
			clear(fdRow)
			if t.FinalDemand != nil {
				fdRow[cidx[t.Country[i]]] = t.FinalDemand[i]
			} else {
				fdRow[cidx[t.Country[i]]] = t.X[i] - tot
			}
		}
		for _, v := range fdRow {
			tot += v
			buf = append(buf, ',')
			buf = table.AppendNumber(buf, v)
		}
		buf = append(buf, ',')
		buf = table.AppendNumber(buf, tot)
		buf = append(buf, '\n')
		if len(buf) > 1<<15 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	for _, b := range []struct {
		code string
		r    int
		v    []float64
	}{{"VA", 64, t.VA}, {"GO", 73, t.X}} {
		if b.v == nil {
			continue // no VA row
		}
		key(b.code, "", "TOT", b.r)
		for _, v := range b.v {
			buf = append(buf, ',')
			buf = table.AppendNumber(buf, v)
		}
		for range fdRow {
			buf = append(buf, ',')
		}
		buf = append(buf, ",\n"...)
		if err := flush(); err != nil {
			return err
		}
	}
	return flush()
}

// appendQuoted appends s as a quoted CSV field (inner quotes doubled).
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
