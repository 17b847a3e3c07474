//go:build js && wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"syscall/js"
	"testing"

	"github.com/hack-pad/go-indexeddb/idb"
	"github.com/norunners/vert"

	"github.com/wiodlab/wiodlab/core/command"
	"github.com/wiodlab/wiodlab/core/table"
)

// call invokes method path ("tables.import") of api with args and waits for
// the Promise.
func call(t *testing.T, api js.Value, path string, args ...any) (js.Value, error) {
	t.Helper()
	obj := api
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		obj = obj.Get(p)
	}
	p := obj.Call(parts[len(parts)-1], args...)
	if !p.InstanceOf(jsPromise) {
		t.Fatalf("%s did not return a Promise", path)
	}
	return await(context.Background(), p)
}

func mustCall(t *testing.T, api js.Value, path string, args ...any) js.Value {
	t.Helper()
	v, err := call(t, api, path, args...)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

const grunfeldHead = "firm,year,inv,value,capital\n1,1935,317.6,3078.5,2.8\n1,1936,391.8,4661.7,52.6\n2,1935,209.9,1362.4,53.8\n"

// stores returns the stores to test: memory always, IndexedDB when the test
// runs with an indexedDB global (see fakeIDB).
func stores(t *testing.T) map[string]func() store {
	out := map[string]func() store{"memory": func() store { return newMemStore() }}
	if f := fakeIDB(t); f != nil {
		n := 0
		out["indexeddb"] = func() store {
			n++
			return newIDBStore(f, fmt.Sprintf("wiodlab-test-%s-%d", t.Name(), n))
		}
	}
	return out
}

// fakeIDB returns the global indexedDB when the test runs with one. Under
// Node that is fake-indexeddb, which must be loaded before the Go program
// starts (go-indexeddb looks up IDBRequest in its init):
//
//	NODE_OPTIONS="--require $PWD/wasm/e2e/node_modules/fake-indexeddb/auto/index.js" \
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./wasm/
//
// (wasm/e2e/run.sh does this after npm ci).
func fakeIDB(t *testing.T) *idb.Factory {
	g := js.Global().Get("indexedDB")
	if !g.Truthy() || !js.Global().Get("IDBRequest").Truthy() {
		t.Log("no indexedDB global: the IndexedDB store is tested by wasm/e2e/run.sh (fake-indexeddb preloaded, then the browser)")
		return nil
	}
	f, err := idb.WrapFactory(g)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestTablesAPI(t *testing.T) {
	for kind, newStore := range stores(t) {
		t.Run(kind, func(t *testing.T) {
			a := &app{st: newStore()}
			api := a.newAPI(a.subcommands())
			if api.Get("version").String() == "" {
				t.Error("wiodlab.version is empty")
			}
			if _, err := await(context.Background(), api.Get("ready")); err != nil {
				t.Fatal(err)
			}
			// Import from text, from a Uint8Array and from a Blob.
			info := mustCall(t, api, "tables.import", "grunfeld.csv", grunfeldHead)
			if info.Get("rows").Int() != 3 || info.Get("columns").Length() != 5 {
				t.Fatalf("import info rows=%d cols=%d, want 3 and 5", info.Get("rows").Int(), info.Get("columns").Length())
			}
			u8 := js.Global().Get("Uint8Array").New(len(grunfeldHead))
			js.CopyBytesToJS(u8, []byte(grunfeldHead))
			mustCall(t, api, "tables.import", "bytes.csv", u8)
			if blob := js.Global().Get("Blob"); blob.Truthy() {
				mustCall(t, api, "tables.import", "blob.csv", blob.New(jsArray.Call("of", "a;b\n1;<img src=x onerror=alert(1)>\n")))
			}
			list := mustCall(t, api, "tables.list")
			names := []string{}
			for i := range list.Length() {
				names = append(names, list.Index(i).Get("name").String())
			}
			if strings.Join(names, ",") != "blob.csv,bytes.csv,grunfeld.csv" && strings.Join(names, ",") != "bytes.csv,grunfeld.csv" {
				t.Errorf("tables.list() = %v", names)
			}
			h := mustCall(t, api, "tables.head", "grunfeld.csv", 2)
			if got := h.Get("cells").Index(1).Index(2).String(); got != "391.8" {
				t.Errorf("head cell (2, inv) = %q, want 391.8", got)
			}
			if h.Get("rows").Int() != 3 || h.Get("cells").Length() != 2 {
				t.Errorf("head: rows %d, %d cells rows", h.Get("rows").Int(), h.Get("cells").Length())
			}
			// A malformed file is rejected with the CLI's wording and stores nothing.
			bad := "firm,year,inv\n1,1935,317.6\n1,1936\n2,1935,209.9,7\n"
			_, err := call(t, api, "tables.import", "bad.csv", bad)
			if err == nil || !strings.HasPrefix(err.Error(), "wiodlab import: ") {
				t.Fatalf("malformed import: error %v, want one starting with \"wiodlab import: \"", err)
			}
			if _, rerr := table.Read(strings.NewReader(bad), table.ReadOptions{Name: "bad.csv"}); rerr == nil || !strings.Contains(err.Error(), rerr.Error()) {
				t.Errorf("import error %q does not carry table.Read's %v", err, rerr)
			}
			after := mustCall(t, api, "tables.list")
			if after.Length() != list.Length() {
				t.Errorf("after a failed import %d tables, before %d", after.Length(), list.Length())
			}
			// Replacing a table by name; removing; unknown names.
			mustCall(t, api, "tables.import", "grunfeld.csv", "a\n1\n")
			if h := mustCall(t, api, "tables.head", "grunfeld.csv", 5); h.Get("rows").Int() != 1 {
				t.Errorf("re-import did not replace the table")
			}
			if !mustCall(t, api, "tables.remove", "bytes.csv").Bool() || mustCall(t, api, "tables.remove", "bytes.csv").Bool() {
				t.Errorf("remove: want true then false")
			}
			if _, err := call(t, api, "tables.head", "nope.csv", 3); err == nil || !strings.Contains(err.Error(), "not in the browser's storage") {
				t.Errorf("head of a missing table: %v", err)
			}
			for _, args := range [][]any{{"", "a\n1\n"}, {"x.csv", 42}, {nil, "a\n1\n"}} {
				if _, err := call(t, api, "tables.import", args...); err == nil {
					t.Errorf("tables.import(%v) accepted", args)
				}
			}
			c := mustCall(t, api, "sectors", "wiod2016")
			if c.Get("digital").Length() != 3 || c.Get("tech_group").Get("C26").String() != "high" {
				t.Errorf("sectors(wiod2016) = %v", jsJSON.Call("stringify", c))
			}
			if _, err := call(t, api, "sectors", "wiod1999"); err == nil || !strings.HasPrefix(err.Error(), "wiodlab sectors: ") {
				t.Errorf("sectors(wiod1999): %v", err)
			}
			mustCall(t, api, "clear")
			if n := mustCall(t, api, "tables.list").Length(); n != 0 {
				t.Errorf("after clear(): %d tables", n)
			}
		})
	}
}

// TestIDBPersistsAndIsAtomic reopens the database (a page reload) and checks
// that a write the browser aborts (quota) leaves nothing behind.
func TestIDBPersistsAndIsAtomic(t *testing.T) {
	f := fakeIDB(t)
	if f == nil {
		t.Skip("no indexedDB global (see fakeIDB)")
	}
	ctx := context.Background()
	s1 := newIDBStore(f, "wiodlab-persist")
	tab, err := table.Read(strings.NewReader(grunfeldHead+"3,1935,33.1,1170.6,97.8\n"), table.ReadOptions{Name: "g.csv"})
	if err != nil {
		t.Fatal(err)
	}
	tab.Cols = append(tab.Cols, &table.Column{Name: "label", Kind: table.String, S: []string{"a", "", "a", "中国"}, Missing: []bool{false, true, false, false}})
	if _, err := s1.putTable(ctx, tab, "g.csv"); err != nil {
		t.Fatal(err)
	}
	s2 := newIDBStore(f, "wiodlab-persist") // a reload: a new connection
	back, err := s2.table(ctx, "g.csv")
	if err != nil {
		t.Fatal(err)
	}
	for j, c := range tab.Cols {
		for i := range tab.NRows() {
			if c.Text(i) != back.Cols[j].Text(i) || c.IsMissing(i) != back.Cols[j].IsMissing(i) {
				t.Fatalf("after reopening, cell (%d, %s) = %q, want %q", i, c.Name, back.Cols[j].Text(i), c.Text(i))
			}
		}
	}
	s2.abortForTest = true
	other := table.New("other.csv")
	if err := other.AddFloat("x", []float64{1, math.NaN()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.putTables(ctx, []*table.Table{other, tab}, "x"); err == nil || !strings.Contains(err.Error(), "nothing was stored") {
		t.Fatalf("aborted write: error %v, want one saying nothing was stored", err)
	}
	list, err := s2.list(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var infos []TableInfo
	if err := (vert.Value{Value: list}).AssignTo(&infos); err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || infos[0].Name != "g.csv" || infos[0].Rows != 4 {
		t.Errorf("after an aborted write the store holds %+v, want only g.csv with 4 rows", infos)
	}
	if _, err := s2.table(ctx, "other.csv"); err == nil {
		t.Error("the aborted table was stored")
	}
}

// TestIDBCacheFollowsOtherWriters checks that a worker's cached table gives
// way to a newer version written by another worker (another connection), and
// to a removal, and that the cache's stamps stay out of tables.list().
func TestIDBCacheFollowsOtherWriters(t *testing.T) {
	f := fakeIDB(t)
	if f == nil {
		t.Skip("no indexedDB global (see fakeIDB)")
	}
	ctx := context.Background()
	writer := newIDBStore(f, "wiodlab-cache")
	reader := newIDBStore(f, "wiodlab-cache")
	put := func(csv string) {
		t.Helper()
		tab, err := table.Read(strings.NewReader(csv), table.ReadOptions{Name: "t.csv"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := writer.putTable(ctx, tab, "t.csv"); err != nil {
			t.Fatal(err)
		}
	}
	first := func(st store) string {
		t.Helper()
		tab, err := st.table(ctx, "t.csv")
		if err != nil {
			t.Fatal(err)
		}
		return tab.Cols[0].Text(0)
	}
	put("a\n1\n")
	if got := first(reader); got != "1" {
		t.Fatalf("first read: %q, want 1", got)
	}
	if got := first(reader); got != "1" { // from the cache
		t.Fatalf("second read: %q, want 1", got)
	}
	put("a\n2\n")
	if got := first(reader); got != "2" {
		t.Errorf("after another worker replaced the table, read %q, want 2", got)
	}
	if got := first(writer); got != "2" {
		t.Errorf("the writer reads %q, want 2", got)
	}
	list, err := reader.list(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if list.Length() != 1 || !list.Index(0).Get("stamp").IsUndefined() || list.Index(0).Get("rows").Int() != 1 {
		t.Errorf("tables.list() = %s, want one table without stamp", jsJSON.Call("stringify", list))
	}
	if ok, err := writer.remove(ctx, "t.csv"); !ok || err != nil {
		t.Fatalf("remove: %v, %v", ok, err)
	}
	if _, err := reader.table(ctx, "t.csv"); !errors.Is(err, errNoTable) {
		t.Errorf("a removed table read from another worker: error %v, want errNoTable", err)
	}
}

// TestPromiseErrors checks panics and errors reject with the CLI's text.
func TestPromiseErrors(t *testing.T) {
	_, err := await(context.Background(), promise("reg", func() (js.Value, error) { panic("boom") }))
	if err == nil || !strings.HasPrefix(err.Error(), "wiodlab reg: internal error") || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panic: %v", err)
	}
	_, err = await(context.Background(), promise("io", func() (js.Value, error) { return js.Undefined(), fmt.Errorf("file x.csv, line 3: bad") }))
	if err == nil || err.Error() != "wiodlab io: file x.csv, line 3: bad" {
		t.Errorf("error: %v", err)
	}
}

type testOpts struct {
	Data    string   `json:"data" js:"data"`
	Wiot    []string `json:"wiot" js:"wiot"`
	Seed    uint64   `json:"seed" js:"seed"`
	Twostep bool     `json:"twostep" js:"twostep"`
}

type testResult struct {
	Coef map[string]float64 `json:"coef" js:"coef"`
	Nobs int                `json:"nobs" js:"nobs"`
	Data string             `json:"data" js:"data"`
}

// TestWire runs a wired subcommand end to end: options from JS, the store as
// Source, progress reported, result converted and stored.
func TestWire(t *testing.T) {
	f := func(env command.Env, o testOpts) (*testResult, error) {
		tab, err := env.Source.Table(o.Data)
		if err != nil {
			return nil, err
		}
		env.Progress.Report(0.5, "half of %d", len(o.Wiot))
		x, err := tab.Floats("inv")
		if err != nil {
			return nil, err
		}
		return &testResult{Coef: map[string]float64{"inv": x[0] + float64(o.Seed)}, Nobs: tab.NRows() + len(o.Wiot), Data: o.Data}, nil
	}
	a := &app{st: newMemStore()}
	api := a.newAPI(map[string]method{"reg": wire(f), "gmm": notYet("gmm"),
		"rows": wireOut(f, func(r *testResult) (any, map[string]any) { return []int{r.Nobs}, map[string]any{"data": r.Data} })})
	mustCall(t, api, "tables.import", "g.csv", grunfeldHead)
	var got []string
	progress := js.FuncOf(func(this js.Value, args []js.Value) any {
		got = append(got, fmt.Sprint(args[0].Float(), " ", args[1].String()))
		return nil
	})
	defer progress.Release()
	opts := js.ValueOf(map[string]any{"data": "g.csv", "wiot": "one.csv", "seed": 2, "onProgress": progress})
	res := mustCall(t, api, "reg", opts)
	if res.Get("coef").Get("inv").Float() != 319.6 || res.Get("nobs").Int() != 4 {
		t.Errorf("result coef %v nobs %v", res.Get("coef").Get("inv"), res.Get("nobs"))
	}
	if len(got) != 1 || got[0] != "0.5 half of 1" {
		t.Errorf("progress calls %q", got)
	}
	rows := mustCall(t, api, "rows", js.ValueOf(map[string]any{"data": "g.csv"}))
	if got := jsJSON.Call("stringify", rows).String(); got != "[3]" || rows.Get("data").String() != "g.csv" {
		t.Errorf("wireOut: JSON %s, extra data %v", got, rows.Get("data"))
	}
	stored := mustCall(t, api, "results.list")
	if stored.Length() != 2 || stored.Index(0).Get("method").String() != "reg" || stored.Index(0).Get("options").Get("onProgress").Truthy() {
		t.Errorf("stored results: %d, method %v", stored.Length(), stored.Index(0).Get("method"))
	}
	// Errors: same text as the CLI; unknown options; wrong types; not yet wired.
	_, err := call(t, api, "reg", js.ValueOf(map[string]any{"data": "missing.csv"}))
	_, want := f(command.Env{Source: storeSource{st: a.st, ctx: context.Background()}}, testOpts{Data: "missing.csv"})
	if err == nil || err.Error() != cliError("reg", want) {
		t.Errorf("missing table: %v, want %q", err, cliError("reg", want))
	}
	for _, o := range []map[string]any{{"data": "g.csv", "formla": "y~x"}, {"data": "g.csv", "seed": "two"}, {"data": 3}} {
		if _, err := call(t, api, "reg", js.ValueOf(o)); err == nil || !strings.HasPrefix(err.Error(), "wiodlab reg: ") {
			t.Errorf("options %v: error %v", o, err)
		}
	}
	if _, err := call(t, api, "gmm", js.ValueOf(map[string]any{})); err == nil || !strings.Contains(err.Error(), "not available yet") {
		t.Errorf("unwired method: %v", err)
	}
}
