package table

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Kind is the type of a column's values.
type Kind int

const (
	// Float columns hold float64 values; NaN marks a missing value.
	Float Kind = iota
	// String columns hold text; a missing value is recorded in Missing.
	String
)

func (k Kind) String() string {
	if k == String {
		return "string"
	}
	return "float"
}

// Column is one named column. Exactly one of F and S is used, as Kind says.
type Column struct {
	Name string
	Kind Kind
	F    []float64 // Kind == Float; NaN = missing
	S    []string  // Kind == String
	// Missing marks missing cells of a String column (nil: none missing).
	Missing []bool
}

// Len returns the number of rows of the column.
func (c *Column) Len() int {
	if c.Kind == String {
		return len(c.S)
	}
	return len(c.F)
}

// IsMissing reports whether cell i is missing.
func (c *Column) IsMissing(i int) bool {
	if c.Kind == String {
		return c.Missing != nil && c.Missing[i]
	}
	return math.IsNaN(c.F[i])
}

// Text returns cell i as text ("" when missing). Float cells are formatted
// with the shortest representation that round-trips.
func (c *Column) Text(i int) string {
	if c.IsMissing(i) {
		return ""
	}
	if c.Kind == String {
		return c.S[i]
	}
	return FormatFloat(c.F[i])
}

// Table is a named collection of equal-length columns.
type Table struct {
	Name string
	Cols []*Column
}

// New returns an empty table.
func New(name string) *Table { return &Table{Name: name} }

// NRows returns the number of rows (0 for a table without columns).
func (t *Table) NRows() int {
	if len(t.Cols) == 0 {
		return 0
	}
	return t.Cols[0].Len()
}

// Names returns the column names in order.
func (t *Table) Names() []string {
	out := make([]string, len(t.Cols))
	for i, c := range t.Cols {
		out[i] = c.Name
	}
	return out
}

// Col returns the column called name, or nil.
func (t *Table) Col(name string) *Column {
	for _, c := range t.Cols {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Lookup returns the column called name or an error that names the table and
// lists close alternatives.
func (t *Table) Lookup(name string) (*Column, error) {
	if c := t.Col(name); c != nil {
		return c, nil
	}
	return nil, &ColumnError{Table: t.Name, Column: name, Have: t.Names()}
}

// Floats returns the numeric values of column name, or an error if the column
// is absent or holds text.
func (t *Table) Floats(name string) ([]float64, error) {
	c, err := t.Lookup(name)
	if err != nil {
		return nil, err
	}
	if c.Kind != Float {
		for i := range c.S {
			if !c.IsMissing(i) {
				return nil, fmt.Errorf("table %s: column %q is not numeric (row %d holds %q)", t.Name, name, i+1, c.S[i])
			}
		}
		out := make([]float64, len(c.S))
		for i := range out {
			out[i] = math.NaN()
		}
		return out, nil
	}
	return c.F, nil
}

// Strings returns column name as text (floats formatted), or an error if absent.
func (t *Table) Strings(name string) ([]string, error) {
	c, err := t.Lookup(name)
	if err != nil {
		return nil, err
	}
	if c.Kind == String {
		return c.S, nil
	}
	out := make([]string, len(c.F))
	for i := range out {
		out[i] = c.Text(i)
	}
	return out, nil
}

func (t *Table) checkAdd(name string, n int) error {
	if name == "" {
		return fmt.Errorf("table %s: empty column name", t.Name)
	}
	if t.Col(name) != nil {
		return fmt.Errorf("table %s: duplicate column %q", t.Name, name)
	}
	if len(t.Cols) > 0 && n != t.NRows() {
		return fmt.Errorf("table %s: column %q has %d rows, table has %d", t.Name, name, n, t.NRows())
	}
	return nil
}

// AddFloat appends a numeric column (the slice is not copied).
func (t *Table) AddFloat(name string, v []float64) error {
	if err := t.checkAdd(name, len(v)); err != nil {
		return err
	}
	t.Cols = append(t.Cols, &Column{Name: name, Kind: Float, F: v})
	return nil
}

// AddString appends a text column; missing may be nil (the slices are not copied).
func (t *Table) AddString(name string, v []string, missing []bool) error {
	if err := t.checkAdd(name, len(v)); err != nil {
		return err
	}
	if missing != nil && len(missing) != len(v) {
		panic("table: missing mask length differs from values")
	}
	t.Cols = append(t.Cols, &Column{Name: name, Kind: String, S: v, Missing: missing})
	return nil
}

// SetFloat adds or replaces a numeric column.
func (t *Table) SetFloat(name string, v []float64) error {
	for i, c := range t.Cols {
		if c.Name == name {
			if len(v) != t.NRows() {
				return fmt.Errorf("table %s: column %q has %d rows, table has %d", t.Name, name, len(v), t.NRows())
			}
			t.Cols[i] = &Column{Name: name, Kind: Float, F: v}
			return nil
		}
	}
	return t.AddFloat(name, v)
}

// Subset returns a new table holding the rows whose index is listed, in that order.
func (t *Table) Subset(rows []int) *Table {
	out := New(t.Name)
	for _, c := range t.Cols {
		nc := &Column{Name: c.Name, Kind: c.Kind}
		if c.Kind == Float {
			nc.F = make([]float64, len(rows))
			for k, i := range rows {
				nc.F[k] = c.F[i]
			}
		} else {
			nc.S = make([]string, len(rows))
			if c.Missing != nil {
				nc.Missing = make([]bool, len(rows))
			}
			for k, i := range rows {
				nc.S[k] = c.S[i]
				if c.Missing != nil {
					nc.Missing[k] = c.Missing[i]
				}
			}
		}
		out.Cols = append(out.Cols, nc)
	}
	return out
}

// Filter returns the rows where keep is true.
func (t *Table) Filter(keep []bool) *Table {
	rows := make([]int, 0, len(keep))
	for i, k := range keep {
		if k {
			rows = append(rows, i)
		}
	}
	return t.Subset(rows)
}

// Head returns the first n rows (all when n exceeds the row count or n < 0).
func (t *Table) Head(n int) *Table {
	if n < 0 || n > t.NRows() {
		n = t.NRows()
	}
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	return t.Subset(rows)
}

// ColumnError reports a column that a table lacks.
type ColumnError struct {
	Table  string
	Column string
	Have   []string
}

func (e *ColumnError) Error() string {
	have := append([]string(nil), e.Have...)
	sort.Strings(have)
	if len(have) > 20 {
		have = append(have[:20], "...")
	}
	return fmt.Sprintf("table %s: no column %q (columns: %s)", e.Table, e.Column, strings.Join(have, ", "))
}
