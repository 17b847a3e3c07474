package main

import (
	"fmt"
	"math"

	"github.com/wiodlab/wiodlab/core/table"
)

// storedColumn is the compact form in which a column is kept in IndexedDB:
// a Float column as its float64 values (a Float64Array in the browser, NaN
// = missing); a String column dictionary-encoded, its distinct values once in
// Dict and one code per row in Codes (a Uint32Array), code 0 meaning missing
// and code k the value Dict[k-1]. Region and industry labels repeat on every
// row of a WIOD table, so the dictionary makes string columns a few bytes per
// row instead of a string per row.
type storedColumn struct {
	Name  string
	Kind  table.Kind
	F     []float64
	Dict  []string
	Codes []uint32
}

// encodeColumn returns the stored form of c.
func encodeColumn(c *table.Column) storedColumn {
	s := storedColumn{Name: c.Name, Kind: c.Kind}
	if c.Kind != table.String {
		s.F = c.F
		return s
	}
	index := make(map[string]uint32)
	s.Codes = make([]uint32, len(c.S))
	for i, v := range c.S {
		if c.Missing != nil && c.Missing[i] {
			continue
		}
		k, ok := index[v]
		if !ok {
			s.Dict = append(s.Dict, v)
			k = uint32(len(s.Dict))
			index[v] = k
		}
		s.Codes[i] = k
	}
	return s
}

// decodeColumn rebuilds a column from its stored form, checking the codes
// (storage written by another version or edited by hand must not crash).
func decodeColumn(s storedColumn) (*table.Column, error) {
	c := &table.Column{Name: s.Name, Kind: s.Kind}
	switch s.Kind {
	case table.Float:
		c.F = s.F
		if c.F == nil {
			c.F = []float64{}
		}
	case table.String:
		c.S = make([]string, len(s.Codes))
		for i, k := range s.Codes {
			switch {
			case k == 0:
				if c.Missing == nil {
					c.Missing = make([]bool, len(s.Codes))
				}
				c.Missing[i] = true
			case int(k) <= len(s.Dict):
				c.S[i] = s.Dict[k-1]
			default:
				return nil, fmt.Errorf("stored column %q: row %d has code %d but the dictionary has %d entries; clear the browser data and import the table again", s.Name, i+1, k, len(s.Dict))
			}
		}
	default:
		return nil, fmt.Errorf("stored column %q: unknown kind %d; clear the browser data and import the table again", s.Name, s.Kind)
	}
	return c, nil
}

// decodeTable rebuilds a table from stored columns, checking equal lengths.
func decodeTable(name string, cols []storedColumn) (*table.Table, error) {
	t := table.New(name)
	for _, s := range cols {
		c, err := decodeColumn(s)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", name, err)
		}
		if len(t.Cols) > 0 && c.Len() != t.NRows() {
			return nil, fmt.Errorf("table %s: stored column %q has %d rows, the table %d; clear the browser data and import the table again", name, c.Name, c.Len(), t.NRows())
		}
		t.Cols = append(t.Cols, c)
	}
	return t, nil
}

// storedBytes is the size of the stored form in bytes (values only), shown
// next to each table so users see what their browser keeps.
func storedBytes(cols []storedColumn) int {
	n := 0
	for _, s := range cols {
		n += 8*len(s.F) + 4*len(s.Codes)
		for _, d := range s.Dict {
			n += len(d)
		}
	}
	return n
}

// TableInfo describes a stored table (wiodlab.tables.list()).
type TableInfo struct {
	Name     string       `json:"name" js:"name"`
	Rows     int          `json:"rows" js:"rows"`
	Columns  []ColumnInfo `json:"columns" js:"columns"`
	Bytes    int          `json:"bytes" js:"bytes"`       // stored size of the values
	Source   string       `json:"source" js:"source"`     // file name or "demo"
	Imported string       `json:"imported" js:"imported"` // RFC 3339 time of the import
}

// ColumnInfo is a column's name and kind ("float" or "string").
type ColumnInfo struct {
	Name string `json:"name" js:"name"`
	Kind string `json:"kind" js:"kind"`
}

// tableInfo describes t.
func tableInfo(t *table.Table, bytes int, source, imported string) TableInfo {
	info := TableInfo{Name: t.Name, Rows: t.NRows(), Bytes: bytes, Source: source, Imported: imported}
	info.Columns = make([]ColumnInfo, len(t.Cols))
	for i, c := range t.Cols {
		info.Columns[i] = ColumnInfo{Name: c.Name, Kind: c.Kind.String()}
	}
	return info
}

// Head is the first rows of a table as text (wiodlab.tables.head()).
type Head struct {
	Name    string       `json:"name" js:"name"`
	Rows    int          `json:"rows" js:"rows"` // rows in the whole table
	Columns []ColumnInfo `json:"columns" js:"columns"`
	Cells   [][]string   `json:"cells" js:"cells"` // Cells[i][j]: row i, column j; "" = missing
}

// head returns the first n rows of t (n <= 0: 10).
func head(t *table.Table, n int) Head {
	if n <= 0 {
		n = 10
	}
	n = min(n, t.NRows())
	info := tableInfo(t, 0, "", "")
	h := Head{Name: t.Name, Rows: t.NRows(), Columns: info.Columns, Cells: make([][]string, n)}
	for i := range h.Cells {
		row := make([]string, len(t.Cols))
		for j, c := range t.Cols {
			row[j] = c.Text(i)
		}
		h.Cells[i] = row
	}
	return h
}

// cliError formats err as the CLI prints it (cmd/wiodlab/main.go:
// "wiodlab <cmd>: <err>"), so a message in the browser reads the same as on
// the command line.
func cliError(cmd string, err error) string {
	return fmt.Sprintf("wiodlab %s: %v", cmd, err)
}

// validName checks a table name given to tables.import.
func validName(name string) error {
	if name == "" {
		return fmt.Errorf("empty table name: give a name, e.g. tables.import(\"grunfeld.csv\", file)")
	}
	if len(name) > 200 {
		return fmt.Errorf("table name of %d bytes is too long (at most 200)", len(name))
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("table name %q contains a control character", name)
		}
	}
	return nil
}

// isNaN is here so tests compare stored floats bit-for-bit where NaN marks missing.
func sameFloat(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}
