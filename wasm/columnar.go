package main

import (
	"fmt"
	"math"
	"sync"

	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
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

// packFloats copies the float columns of cols end to end into one new block
// (column k at [k·n, (k+1)·n)) and points them at it, so that the stored form
// no longer aliases the caller's table. It returns the block.
func packFloats(cols []storedColumn) []float64 {
	n := 0
	for _, c := range cols {
		n += len(c.F)
	}
	block := make([]float64, 0, n)
	for j, c := range cols {
		if c.Kind != table.String {
			k := len(block)
			block = append(block, c.F...)
			cols[j].F = block[k:len(block):len(block)]
		}
	}
	return block
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

// tableCache keeps parsed tables in the worker's memory in front of
// IndexedDB, so that a run right after the demo (or a second run on the same
// tables) does not read and convert tens of megabytes again. Each entry
// carries the stamp of the stored version it equals; a table is served from
// the cache only when the stamp in storage still matches, so writes by other
// workers or tabs are never hidden. Entries are evicted least recently used
// once they hold more than max bytes.
type tableCache struct {
	mu      sync.Mutex
	max     int
	used    int
	tick    uint64
	entries map[string]*cacheEntry
}

type cacheEntry struct {
	stamp string
	t     *table.Table
	io    []*wiod.IOTable // t laid out as input-output tables, once asked for
	bytes int
	used  uint64
}

// cacheBytes bounds the worker's table cache: the small demo holds ~55 MB.
const cacheBytes = 256 << 20

func newTableCache(max int) *tableCache {
	return &tableCache{max: max, entries: map[string]*cacheEntry{}}
}

// get returns a copy of the cached table name if it is the stored version
// stamp. The copy has its own Table and Column structs (callers may rename
// or add columns); the values are shared, as core never writes into the
// columns of a table it reads.
func (c *tableCache) get(name, stamp string) (*table.Table, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[name]
	if !ok || stamp == "" || e.stamp != stamp {
		return nil, false
	}
	c.tick++
	e.used = c.tick
	return shallowCopy(e.t), true
}

// put caches t (which nobody else may modify) as the stored version stamp
// of name.
func (c *tableCache) put(name, stamp string, t *table.Table) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(name)
	n := tableBytes(t)
	if stamp == "" || n > c.max {
		return
	}
	c.evictLocked(n, "")
	c.tick++
	c.entries[name] = &cacheEntry{stamp: stamp, t: t, bytes: n, used: c.tick}
	c.used += n
}

// evictLocked drops the least recently used entries other than keep until n
// more bytes fit.
func (c *tableCache) evictLocked(n int, keep string) {
	for c.used+n > c.max {
		var oldest string
		var at uint64
		for k, e := range c.entries {
			if k != keep && (oldest == "" || e.used < at) {
				oldest, at = k, e.used
			}
		}
		if oldest == "" {
			return
		}
		c.dropLocked(oldest)
	}
}

// getIO returns the input-output tables of the cached table name if it is
// the stored version stamp and they were set. Core reads them without
// writing (as the CLI shares the demo's generated tables).
func (c *tableCache) getIO(name, stamp string) ([]*wiod.IOTable, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[name]
	if !ok || stamp == "" || e.stamp != stamp || e.io == nil {
		return nil, false
	}
	c.tick++
	e.used = c.tick
	return e.io, true
}

// setIO keeps io, parsed from the table name of version stamp, with it.
func (c *tableCache) setIO(name, stamp string, io []*wiod.IOTable) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[name]; ok && stamp != "" && e.stamp == stamp {
		c.keepIOLocked(name, e, io)
	}
}

// keepIO keeps io with the cached table name as it is now: the caller has
// just stored the table that io lays out (the demo, which generates both),
// with no blocking call in between, so no other goroutine has replaced it.
func (c *tableCache) keepIO(name string, io []*wiod.IOTable) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[name]; ok {
		c.keepIOLocked(name, e, io)
	}
}

func (c *tableCache) keepIOLocked(name string, e *cacheEntry, io []*wiod.IOTable) {
	if e.io != nil {
		return
	}
	n := 0
	for _, t := range io {
		r, k := t.Z.Dims()
		n += 8 * (r*k + len(t.X) + len(t.VA) + len(t.FinalDemand))
	}
	if e.bytes+n > c.max {
		return
	}
	c.evictLocked(n, name)
	e.io = io
	e.bytes += n
	c.used += n
}

func (c *tableCache) drop(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(name)
}

func (c *tableCache) dropLocked(name string) {
	if e, ok := c.entries[name]; ok {
		c.used -= e.bytes
		delete(c.entries, name)
	}
}

func (c *tableCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = map[string]*cacheEntry{}
	c.used = 0
}

// tableBytes is the memory t's values take (a string header per text cell).
func tableBytes(t *table.Table) int {
	n := 0
	for _, c := range t.Cols {
		n += 8*len(c.F) + 16*len(c.S) + len(c.Missing)
	}
	return n
}

func shallowCopy(t *table.Table) *table.Table {
	out := &table.Table{Name: t.Name, Cols: make([]*table.Column, len(t.Cols))}
	for i, c := range t.Cols {
		cc := *c
		out.Cols[i] = &cc
	}
	return out
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
