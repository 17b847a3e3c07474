//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"syscall/js"
	"unsafe"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// IndexedDB layout (database "wiodlab", version 1):
//
//	tables   key = table name; value {name, nrows, cols, block, codes, stamp}:
//	         block a Float64Array holding the float columns end to end, codes
//	         one Uint32Array per text column, cols a JSON text of the column
//	         names, kinds and dictionaries (see storedColumn and tableRecord),
//	         stamp a text unique to this write
//	meta     key = table name; value = TableInfo (what list() shows, so that
//	         listing never reads the data) plus the stamp of the table record,
//	         which tells a worker whether its cached copy is still current
//	results  key = id (auto-increment); value {id, method, options, result, created}
//
// A table and its meta record are written in one readwrite transaction, after
// the file has been parsed completely: if the browser refuses the write
// (QuotaExceededError) the transaction aborts and nothing is stored.
const (
	idbName    = "wiodlab"
	idbVersion = 1
	stTables   = "tables"
	stMeta     = "meta"
	stResults  = "results"
)

type idbStore struct {
	factory *idb.Factory
	name    string
	once    sync.Once
	db      *idb.Database
	err     error
	cache   *tableCache // tables this worker wrote or read (see tableCache)
	// abortForTest makes putTables abort its transaction after issuing
	// every put, as a browser does when the quota is exceeded at commit.
	abortForTest bool
}

func newIDBStore(factory *idb.Factory, name string) *idbStore {
	return &idbStore{factory: factory, name: name, cache: newTableCache(cacheBytes)}
}

func (s *idbStore) open(ctx context.Context) (*idb.Database, error) {
	s.once.Do(func() {
		req, err := s.factory.Open(context.Background(), s.name, idbVersion, func(db *idb.Database, oldVersion, newVersion uint) error {
			if oldVersion < 1 {
				if _, err := db.CreateObjectStore(stTables, idb.ObjectStoreOptions{}); err != nil {
					return err
				}
				if _, err := db.CreateObjectStore(stMeta, idb.ObjectStoreOptions{}); err != nil {
					return err
				}
				if _, err := db.CreateObjectStore(stResults, idb.ObjectStoreOptions{KeyPath: js.ValueOf("id"), AutoIncrement: true}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			s.err = err
			return
		}
		s.db, s.err = req.Await(ctx)
	})
	if s.err != nil {
		return nil, fmt.Errorf("opening the browser's storage (IndexedDB): %v", s.err)
	}
	return s.db, nil
}

// storageError explains a failed write; nothing was stored.
func storageError(err error) error {
	if errors.Is(err, idb.NewDOMException("QuotaExceededError")) {
		return fmt.Errorf("the browser refused to store more data (QuotaExceededError); nothing was stored and earlier tables are intact: remove tables or clear all data to make room")
	}
	return fmt.Errorf("storing in the browser failed (%v); nothing was stored and earlier tables are intact", err)
}

func (s *idbStore) putTable(ctx context.Context, t *table.Table, source string) (TableInfo, error) {
	infos, err := s.putTables(ctx, []*table.Table{t}, source)
	if err != nil {
		return TableInfo{}, err
	}
	return infos[0], nil
}

func (s *idbStore) putTables(ctx context.Context, ts []*table.Table, source string) ([]TableInfo, error) {
	db, err := s.open(ctx)
	if err != nil {
		return nil, err
	}
	// Build every record before the transaction starts: a transaction commits
	// on its own once no request is pending, so nothing slow may run inside.
	now := nowRFC3339()
	stamp := fmt.Sprintf("%s %016x", now, rand.Uint64())
	infos := make([]TableInfo, len(ts))
	recs := make([]js.Value, len(ts))
	metas := make([]js.Value, len(ts))
	stored := make([][]storedColumn, len(ts))
	for i, t := range ts {
		cols := make([]storedColumn, len(t.Cols))
		for j, c := range t.Cols {
			cols[j] = encodeColumn(c)
		}
		infos[i] = tableInfo(t, storedBytes(cols), source, now)
		recs[i] = tableRecord(t.Name, cols, stamp)
		if metas[i], err = toJS(infos[i]); err != nil {
			return nil, err
		}
		metas[i].Set("stamp", stamp)
		stored[i] = cols
	}
	txn, err := db.Transaction(idb.TransactionReadWrite, stTables, stMeta)
	if err != nil {
		return nil, storageError(err)
	}
	tables, err := txn.ObjectStore(stTables)
	if err != nil {
		return nil, storageError(err)
	}
	meta, err := txn.ObjectStore(stMeta)
	if err != nil {
		return nil, storageError(err)
	}
	for i, t := range ts {
		if _, err := tables.PutKey(js.ValueOf(t.Name), recs[i]); err != nil {
			_ = txn.Abort()
			return nil, storageError(err)
		}
		if _, err := meta.PutKey(js.ValueOf(t.Name), metas[i]); err != nil {
			_ = txn.Abort()
			return nil, storageError(err)
		}
	}
	if s.abortForTest {
		_ = txn.Abort()
	}
	if err := txn.Await(ctx); err != nil {
		return nil, storageError(err)
	}
	// Keep what was stored (tableRecord packed the floats into a new block,
	// so the cache shares nothing with the caller's tables).
	for i, t := range ts {
		if c, err := decodeTable(t.Name, stored[i]); err == nil {
			s.cache.put(t.Name, stamp, c)
		}
	}
	return infos, nil
}

// recordColumn is a column's entry in a stored record's "cols" text.
type recordColumn struct {
	Name string   `json:"name"`
	Kind string   `json:"kind"`           // "float" or "string"
	At   int      `json:"at"`             // float: position in block; string: index in codes
	Dict []string `json:"dict,omitempty"` // string: the distinct values
}

// tableRecord is the JS object stored for a table. The float columns are
// laid end to end in one Float64Array ("block", column k at rows
// [k·n, (k+1)·n)); each text column has a Uint32Array of codes ("codes"). The
// names, kinds and dictionaries go in one small JSON text ("cols"). A WIOD
// table of thousands of columns thus crosses between Go and JS in a handful
// of calls instead of several per column. The float columns of cols are
// repointed into the block (packFloats).
func tableRecord(name string, cols []storedColumn, stamp string) js.Value {
	n := 0
	for _, c := range cols {
		if c.Kind != table.String {
			n = len(c.F)
		} else {
			n = len(c.Codes)
		}
	}
	block := packFloats(cols)
	at := 0
	meta := make([]recordColumn, len(cols))
	codes := jsArray.New()
	for i, c := range cols {
		meta[i] = recordColumn{Name: c.Name, Kind: c.Kind.String()}
		if c.Kind == table.String {
			meta[i].At = codes.Length()
			meta[i].Dict = c.Dict
			if meta[i].Dict == nil {
				meta[i].Dict = []string{}
			}
			codes.Call("push", uint32Array(c.Codes))
		} else {
			meta[i].At = at
			at++
		}
	}
	text, err := json.Marshal(meta)
	if err != nil {
		panic("wasm: encoding column names: " + err.Error()) // strings always encode
	}
	rec := jsObject.New()
	rec.Set("name", name)
	rec.Set("nrows", n)
	rec.Set("cols", string(text))
	rec.Set("block", float64Array(block))
	rec.Set("codes", codes)
	rec.Set("stamp", stamp)
	return rec
}

// parseRecord reads a stored table record back into columns (the float
// columns are slices of one block: no copy per column).
func parseRecord(rec js.Value) ([]storedColumn, error) {
	bad := errors.New("the stored record is not a table of this version; clear the browser data and import it again")
	if rec.Type() != js.TypeObject || rec.Get("cols").Type() != js.TypeString || rec.Get("nrows").Type() != js.TypeNumber {
		return nil, bad
	}
	var meta []recordColumn
	if err := json.Unmarshal([]byte(rec.Get("cols").String()), &meta); err != nil {
		return nil, bad
	}
	n := rec.Get("nrows").Int()
	block := goFloat64s(rec.Get("block"))
	codes := rec.Get("codes")
	cols := make([]storedColumn, len(meta))
	for i, m := range meta {
		c := storedColumn{Name: m.Name}
		switch m.Kind {
		case "float":
			c.Kind = table.Float
			if m.At < 0 || (m.At+1)*n > len(block) {
				return nil, fmt.Errorf("stored column %q lies outside the stored values; clear the browser data and import the table again", c.Name)
			}
			c.F = block[m.At*n : (m.At+1)*n : (m.At+1)*n]
		case "string":
			c.Kind = table.String
			if codes.Type() != js.TypeObject || m.At < 0 || m.At >= codes.Length() {
				return nil, fmt.Errorf("stored column %q has no codes; clear the browser data and import the table again", c.Name)
			}
			c.Dict = m.Dict
			c.Codes = goUint32s(codes.Index(m.At))
		default:
			return nil, fmt.Errorf("stored column %q has unknown kind %q; clear the browser data and import the table again", c.Name, m.Kind)
		}
		cols[i] = c
	}
	return cols, nil
}

// table reads the meta record first (small): if its stamp is that of the
// cached copy, the cache answers; otherwise the table record is read, and
// cached under the stamp it carries itself (a write in between cannot mix
// versions).
func (s *idbStore) table(ctx context.Context, name string) (*table.Table, error) {
	meta, err := s.get(ctx, stMeta, name)
	if err != nil {
		return nil, err
	}
	return s.tableFor(ctx, name, meta)
}

// tableFor is table once the meta record has been read.
func (s *idbStore) tableFor(ctx context.Context, name string, meta js.Value) (*table.Table, error) {
	if meta.IsUndefined() {
		s.cache.drop(name)
		return nil, noTable(name)
	}
	if t, ok := s.cache.get(name, stampOf(meta)); ok {
		return t, nil
	}
	rec, err := s.get(ctx, stTables, name)
	if err != nil {
		return nil, err
	}
	if rec.IsUndefined() {
		return nil, noTable(name)
	}
	cols, err := parseRecord(rec)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", name, err)
	}
	t, err := decodeTable(name, cols)
	if err != nil {
		return nil, err
	}
	s.cache.put(name, stampOf(rec), t)
	return shallowCopy(t), nil
}

// ioTables returns the stored table name laid out as input-output tables,
// parsed once per stored version (command.IOSource): the panel and replicate
// then skip the layout step for tables they already read. false (also on
// any error) makes the caller read the table and report the error itself.
func (s *idbStore) ioTables(ctx context.Context, name string) ([]*wiod.IOTable, bool) {
	meta, err := s.get(ctx, stMeta, name)
	if err != nil || meta.IsUndefined() {
		return nil, false
	}
	stamp := stampOf(meta)
	if io, ok := s.cache.getIO(name, stamp); ok {
		return io, true
	}
	t, err := s.tableFor(ctx, name, meta)
	if err != nil {
		return nil, false
	}
	io, err := wiod.TablesFrom(t, wiod.Options{})
	if err != nil {
		return nil, false
	}
	s.cache.setIO(name, stamp, io)
	return io, true
}

// get reads one value of an object store (undefined when the key is absent).
func (s *idbStore) get(ctx context.Context, store, key string) (js.Value, error) {
	db, err := s.open(ctx)
	if err != nil {
		return js.Undefined(), err
	}
	txn, err := db.Transaction(idb.TransactionReadOnly, store)
	if err != nil {
		return js.Undefined(), err
	}
	st, err := txn.ObjectStore(store)
	if err != nil {
		return js.Undefined(), err
	}
	req, err := st.Get(js.ValueOf(key))
	if err != nil {
		return js.Undefined(), err
	}
	return req.Await(ctx)
}

// stampOf returns the stamp of a stored record ("" if it has none: written
// by an earlier version, never cached).
func stampOf(v js.Value) string {
	if v.Type() != js.TypeObject {
		return ""
	}
	if st := v.Get("stamp"); st.Type() == js.TypeString {
		return st.String()
	}
	return ""
}

// all returns every value of an object store in key order.
func (s *idbStore) all(ctx context.Context, store string) ([]js.Value, error) {
	db, err := s.open(ctx)
	if err != nil {
		return nil, err
	}
	txn, err := db.Transaction(idb.TransactionReadOnly, store)
	if err != nil {
		return nil, err
	}
	st, err := txn.ObjectStore(store)
	if err != nil {
		return nil, err
	}
	req, err := st.OpenCursor(idb.CursorNext)
	if err != nil {
		return nil, err
	}
	var out []js.Value
	err = req.Iter(ctx, func(c *idb.CursorWithValue) error {
		v, err := c.Value()
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// list returns the meta records as they are stored (they were made by toJS
// from TableInfo) without the stamp, sorted by name as Go sorts strings:
// converting thousands of column entries to Go and back would cost more than
// the listing itself.
func (s *idbStore) list(ctx context.Context) (js.Value, error) {
	vals, err := s.all(ctx, stMeta)
	if err != nil {
		return js.Undefined(), err
	}
	names := make([]string, len(vals))
	for i, v := range vals {
		if v.Type() != js.TypeObject || v.Get("name").Type() != js.TypeString {
			return js.Undefined(), errors.New("reading the list of stored tables: a record is not a table description; clear the browser data and import the tables again")
		}
		names[i] = v.Get("name").String()
		v.Delete("stamp")
	}
	order := make([]int, len(vals))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return names[order[a]] < names[order[b]] })
	out := jsArray.New(len(vals))
	for i, k := range order {
		out.SetIndex(i, vals[k])
	}
	return out, nil
}

func (s *idbStore) remove(ctx context.Context, name string) (bool, error) {
	db, err := s.open(ctx)
	if err != nil {
		return false, err
	}
	txn, err := db.Transaction(idb.TransactionReadWrite, stTables, stMeta)
	if err != nil {
		return false, err
	}
	meta, err := txn.ObjectStore(stMeta)
	if err != nil {
		return false, err
	}
	cnt, err := meta.CountKey(js.ValueOf(name))
	if err != nil {
		return false, err
	}
	n, err := cnt.Await(ctx)
	if err != nil {
		return false, err
	}
	s.cache.drop(name)
	if n == 0 {
		return false, txn.Await(ctx)
	}
	tables, err := txn.ObjectStore(stTables)
	if err != nil {
		return false, err
	}
	if _, err := tables.Delete(js.ValueOf(name)); err != nil {
		return false, err
	}
	if _, err := meta.Delete(js.ValueOf(name)); err != nil {
		return false, err
	}
	return true, txn.Await(ctx)
}

func (s *idbStore) putResult(ctx context.Context, rec js.Value) (int, error) {
	db, err := s.open(ctx)
	if err != nil {
		return 0, err
	}
	txn, err := db.Transaction(idb.TransactionReadWrite, stResults)
	if err != nil {
		return 0, storageError(err)
	}
	st, err := txn.ObjectStore(stResults)
	if err != nil {
		return 0, storageError(err)
	}
	req, err := st.Put(rec)
	if err != nil {
		return 0, storageError(err)
	}
	key, err := req.Await(ctx)
	if err != nil {
		return 0, storageError(err)
	}
	if err := txn.Await(ctx); err != nil {
		return 0, storageError(err)
	}
	rec.Set("id", key)
	return key.Int(), nil
}

func (s *idbStore) results(ctx context.Context) ([]js.Value, error) {
	return s.all(ctx, stResults)
}

func (s *idbStore) result(ctx context.Context, id int) (js.Value, error) {
	db, err := s.open(ctx)
	if err != nil {
		return js.Undefined(), err
	}
	txn, err := db.Transaction(idb.TransactionReadOnly, stResults)
	if err != nil {
		return js.Undefined(), err
	}
	st, err := txn.ObjectStore(stResults)
	if err != nil {
		return js.Undefined(), err
	}
	req, err := st.Get(js.ValueOf(id))
	if err != nil {
		return js.Undefined(), err
	}
	v, err := req.Await(ctx)
	if err != nil {
		return js.Undefined(), err
	}
	if v.IsUndefined() {
		return v, fmt.Errorf("no stored result with id %d", id)
	}
	return v, nil
}

func (s *idbStore) clear(ctx context.Context) error {
	s.cache.reset()
	db, err := s.open(ctx)
	if err != nil {
		return err
	}
	txn, err := db.Transaction(idb.TransactionReadWrite, stTables, stMeta, stResults)
	if err != nil {
		return err
	}
	for _, name := range []string{stTables, stMeta, stResults} {
		st, err := txn.ObjectStore(name)
		if err != nil {
			return err
		}
		if _, err := st.Clear(); err != nil {
			return err
		}
	}
	return txn.Await(ctx)
}

// float64Array copies f into a new Float64Array (wasm is little-endian, as
// typed arrays are on every browser platform).
func float64Array(f []float64) js.Value {
	u8 := js.Global().Get("Uint8Array").New(8 * len(f))
	if len(f) > 0 {
		js.CopyBytesToJS(u8, unsafe.Slice((*byte)(unsafe.Pointer(&f[0])), 8*len(f)))
	}
	return js.Global().Get("Float64Array").New(u8.Get("buffer"), 0, len(f))
}

func uint32Array(u []uint32) js.Value {
	u8 := js.Global().Get("Uint8Array").New(4 * len(u))
	if len(u) > 0 {
		js.CopyBytesToJS(u8, unsafe.Slice((*byte)(unsafe.Pointer(&u[0])), 4*len(u)))
	}
	return js.Global().Get("Uint32Array").New(u8.Get("buffer"), 0, len(u))
}

// bytesView returns a Uint8Array over the bytes of typed array v.
func bytesView(v js.Value) js.Value {
	return js.Global().Get("Uint8Array").New(v.Get("buffer"), v.Get("byteOffset"), v.Get("byteLength"))
}

func goFloat64s(v js.Value) []float64 {
	if v.Type() != js.TypeObject {
		return nil
	}
	f := make([]float64, v.Length())
	if len(f) > 0 {
		js.CopyBytesToGo(unsafe.Slice((*byte)(unsafe.Pointer(&f[0])), 8*len(f)), bytesView(v))
	}
	return f
}

func goUint32s(v js.Value) []uint32 {
	if v.Type() != js.TypeObject {
		return nil
	}
	u := make([]uint32, v.Length())
	if len(u) > 0 {
		js.CopyBytesToGo(unsafe.Slice((*byte)(unsafe.Pointer(&u[0])), 4*len(u)), bytesView(v))
	}
	return u
}
