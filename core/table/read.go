package table

import (
	"io"
	"math"
	"strconv"
	"strings"
)

// Read reads a whole table: CSV (plain or gzip-compressed) or XLSX, detected
// by content (see Reader). The first line is the header. A column is Float
// when every non-missing cell parses as a number (ParseNumber), String
// otherwise; ReadOptions.Text forces String. Missing cells (ReadOptions.Missing)
// are NaN in Float columns and flagged in String columns. Errors are
// *ParseError values naming the file, line and column.
func Read(r io.Reader, opt ReadOptions) (*Table, error) {
	rd, err := NewReader(r, opt)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	hdr := rd.Header()
	cols := make([]colBuilder, len(hdr))
	for j := range cols {
		cols[j].text = contains(opt.Text, hdr[j])
	}
	n := 0
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		for j, s := range rec {
			cols[j].add(n, s, rd.IsMissing(s))
		}
		n++
	}
	name := opt.Name
	if rd.Format() == FormatXLSX {
		name = rd.Name()
	}
	t := New(name)
	for j := range cols {
		t.Cols = append(t.Cols, cols[j].column(hdr[j], n))
	}
	return t, nil
}

// colBuilder accumulates one column, numeric until a cell fails to parse.
type colBuilder struct {
	text bool
	f    []float64
	// raw keeps, while the column is numeric, the texts that formatPlain
	// would not reproduce ("1e3", "007"), so a later switch to text is exact.
	raw    map[int]string
	s      []string
	miss   []bool
	intern map[string]string
}

func (c *colBuilder) add(i int, s string, missing bool) {
	if !c.text {
		if missing {
			c.f = append(c.f, math.NaN())
			return
		}
		if v, ok := ParseNumber(s); ok {
			c.f = append(c.f, v)
			if !isPlain(s) {
				if c.raw == nil {
					c.raw = map[int]string{}
				}
				c.raw[i] = strings.Clone(s)
			}
			return
		}
		c.toText()
	}
	if missing {
		c.s = append(c.s, "")
		if c.miss == nil {
			c.miss = make([]bool, len(c.s)-1, cap(c.s))
		}
		c.miss = append(c.miss, true)
		return
	}
	c.s = append(c.s, c.keep(s))
	if c.miss != nil {
		c.miss = append(c.miss, false)
	}
}

// keep copies s out of the reader's record buffer, sharing repeated values.
func (c *colBuilder) keep(s string) string {
	if c.intern == nil {
		c.intern = map[string]string{}
	}
	if v, ok := c.intern[s]; ok {
		return v
	}
	v := strings.Clone(s)
	if len(c.intern) < 1<<14 {
		c.intern[v] = v
	}
	return v
}

func (c *colBuilder) toText() {
	c.text = true
	c.s = make([]string, len(c.f), max(cap(c.f), 16))
	for i, v := range c.f {
		switch {
		case math.IsNaN(v):
			if c.miss == nil {
				c.miss = make([]bool, len(c.f), cap(c.s))
			}
			c.miss[i] = true
		case c.raw[i] != "":
			c.s[i] = c.raw[i]
		default:
			c.s[i] = c.keep(strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	c.f, c.raw = nil, nil
}

func (c *colBuilder) column(name string, n int) *Column {
	if c.text {
		if c.s == nil {
			c.s = []string{}
		}
		return &Column{Name: name, Kind: String, S: c.s, Missing: c.miss}
	}
	if c.f == nil {
		c.f = []float64{}
	}
	return &Column{Name: name, Kind: Float, F: c.f}
}

// isPlain reports whether s is a decimal that strconv.FormatFloat(v, 'f', -1,
// 64) reproduces: an optional '-', no leading zeros, an optional fraction
// without trailing zeros and no exponent. Up to 15 significant digits this
// is exact (any two such decimals are distinct float64 values, so the
// shortest representation is the text itself). Texts of 16 or 17 digits are
// counted as plain too, so that the full-precision output of other programs
// does not cost a saved copy per cell; one that is not the shortest
// representation of its value is rewritten in shortest form should its
// column turn out to be text.
func isPlain(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	intDigits := i - start
	if intDigits == 0 || (intDigits > 1 && s[start] == '0') {
		return false
	}
	digits := intDigits
	if s[start] == '0' {
		digits = 0
	}
	if i == len(s) {
		return digits <= 17
	}
	if s[i] != '.' {
		return false
	}
	i++
	fs := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != len(s) || i == fs || s[i-1] == '0' {
		return false
	}
	frac := s[fs:]
	if digits == 0 {
		frac = strings.TrimLeft(frac, "0")
	}
	return digits+len(frac) <= 17
}
