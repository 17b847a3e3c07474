//go:build js && wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"syscall/js"

	"github.com/wiodlab/wiodlab/core/table"
)

// errNoTable is wrapped by store.table when no table has the name.
var errNoTable = errors.New("no such table")

// store keeps tables and results. The browser uses IndexedDB (idbStore); the
// Node tests also use memStore. Every method may block (call it inside
// promise), and every write is all-or-nothing.
type store interface {
	// putTable stores t under t.Name, replacing a table of that name, in one
	// transaction: on any failure nothing is written.
	putTable(ctx context.Context, t *table.Table, source string) (TableInfo, error)
	// putTables stores several tables in one transaction (the demo data).
	putTables(ctx context.Context, ts []*table.Table, source string) ([]TableInfo, error)
	table(ctx context.Context, name string) (*table.Table, error)
	// list returns what tables.list() resolves to: a JS array of TableInfo
	// objects sorted by name.
	list(ctx context.Context) (js.Value, error)
	remove(ctx context.Context, name string) (bool, error)
	// putResult stores a result record (a JS object) and returns its id.
	putResult(ctx context.Context, rec js.Value) (int, error)
	results(ctx context.Context) ([]js.Value, error)
	result(ctx context.Context, id int) (js.Value, error)
	clear(ctx context.Context) error
}

func noTable(name string) error {
	return fmt.Errorf("table %q is not in the browser's storage: import it first (wiodlab.tables.import or the Load button) or open the demo: %w", name, errNoTable)
}

// memStore is a store in memory, for tests and for browsers without IndexedDB
// (private windows of some browsers): it lives as long as the page.
type memStore struct {
	mu      sync.Mutex
	tables  map[string][]storedColumn
	infos   map[string]TableInfo
	res     map[int]js.Value
	nextRes int
}

func newMemStore() *memStore {
	return &memStore{tables: map[string][]storedColumn{}, infos: map[string]TableInfo{}, res: map[int]js.Value{}, nextRes: 1}
}

func (m *memStore) putTable(ctx context.Context, t *table.Table, source string) (TableInfo, error) {
	infos, err := m.putTables(ctx, []*table.Table{t}, source)
	if err != nil {
		return TableInfo{}, err
	}
	return infos[0], nil
}

func (m *memStore) putTables(ctx context.Context, ts []*table.Table, source string) ([]TableInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := nowRFC3339()
	infos := make([]TableInfo, len(ts))
	for i, t := range ts {
		cols := make([]storedColumn, len(t.Cols))
		for j, c := range t.Cols {
			cols[j] = encodeColumn(c)
		}
		// Copy the floats (into one block, as idbStore keeps them): the store
		// must not alias the caller's table.
		packFloats(cols)
		m.tables[t.Name] = cols
		infos[i] = tableInfo(t, storedBytes(cols), source, now)
		m.infos[t.Name] = infos[i]
	}
	return infos, nil
}

func (m *memStore) table(ctx context.Context, name string) (*table.Table, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	cols, ok := m.tables[name]
	if !ok {
		return nil, noTable(name)
	}
	return decodeTable(name, cols)
}

func (m *memStore) list(ctx context.Context) (js.Value, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]TableInfo, 0, len(m.infos))
	for _, info := range m.infos {
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return toJS(out)
}

func (m *memStore) remove(ctx context.Context, name string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.tables[name]
	delete(m.tables, name)
	delete(m.infos, name)
	return ok, nil
}

func (m *memStore) putResult(ctx context.Context, rec js.Value) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id := m.nextRes
	m.nextRes++
	rec.Set("id", id)
	m.res[id] = rec
	return id, nil
}

func (m *memStore) results(ctx context.Context) ([]js.Value, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := make([]int, 0, len(m.res))
	for id := range m.res {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	out := make([]js.Value, len(ids))
	for i, id := range ids {
		out[i] = m.res[id]
	}
	return out, nil
}

func (m *memStore) result(ctx context.Context, id int) (js.Value, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.res[id]
	if !ok {
		return js.Undefined(), fmt.Errorf("no stored result with id %d", id)
	}
	return v, nil
}

func (m *memStore) clear(ctx context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tables = map[string][]storedColumn{}
	m.infos = map[string]TableInfo{}
	m.res = map[int]js.Value{}
	return nil
}

func nowRFC3339() string {
	return js.Global().Get("Date").New().Call("toISOString").String()
}
