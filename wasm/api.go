//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/wiodlab/wiodlab/core"
	"github.com/wiodlab/wiodlab/core/command"
	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// app is the state behind the global `wiodlab` object.
type app struct {
	st    store
	funcs []js.Func // kept alive for the life of the module
}

// storeSource resolves table names through the store: the browser's
// command.Source.
type storeSource struct {
	ctx context.Context
	st  store
}

func (s storeSource) Table(name string) (*table.Table, error) { return s.st.table(s.ctx, name) }

// IOTables implements command.IOSource where the store keeps parsed
// input-output tables (idbStore's cache).
func (s storeSource) IOTables(name string) ([]*wiod.IOTable, bool) {
	if c, ok := s.st.(interface {
		ioTables(context.Context, string) ([]*wiod.IOTable, bool)
	}); ok {
		return c.ioTables(s.ctx, name)
	}
	return nil, false
}

// method is one JS method of a subcommand: it receives the options object and
// returns the value the CLI prints as JSON (converted to JS by toJS) and
// extra properties for JS callers (set on the converted value, e.g. the notes
// the CLI prints on stderr; JSON.stringify of an array ignores them).
type method func(env command.Env, opts js.Value) (value any, extra map[string]any, err error)

// wire adapts a core/command function: options filled from the JS object by
// their js tags, the store as Source, onProgress as Progress; the result is
// what the CLI prints with --json.
func wire[O any, R any](f func(command.Env, O) (*R, error)) method {
	return func(env command.Env, opts js.Value) (any, map[string]any, error) {
		var o O
		if err := fillOptions(&o, opts); err != nil {
			return nil, nil, err
		}
		r, err := f(env, o)
		if err != nil {
			return nil, nil, err
		}
		return r, nil, nil
	}
}

// wireOut is wire for a subcommand whose --json prints part of its result
// (out says which part, and which other fields go to the extra properties).
func wireOut[O any, R any](f func(command.Env, O) (*R, error), out func(*R) (any, map[string]any)) method {
	return func(env command.Env, opts js.Value) (any, map[string]any, error) {
		var o O
		if err := fillOptions(&o, opts); err != nil {
			return nil, nil, err
		}
		r, err := f(env, o)
		if err != nil {
			return nil, nil, err
		}
		v, extra := out(r)
		return v, extra, nil
	}
}

// notYet is the method of a subcommand whose core function has not landed.
func notYet(cmd string) method {
	return func(command.Env, js.Value) (any, map[string]any, error) {
		return nil, nil, fmt.Errorf("not available yet in this build (the %s subcommand is still being written)", cmd)
	}
}

// newAPI builds the `wiodlab` object over st with the given subcommands.
func (a *app) newAPI(methods map[string]method) js.Value {
	api := jsObject.New()
	api.Set("version", core.Version)
	api.Set("storage", storageKind(a.st))
	api.Set("ready", jsPromise.Call("resolve", true))

	tables := jsObject.New()
	tables.Set("import", a.fn(func(args []js.Value) any { return a.importTable(arg(args, 0), arg(args, 1)) }))
	tables.Set("list", a.fn(func(args []js.Value) any {
		return promise("tables", func() (js.Value, error) {
			return a.st.list(context.Background())
		})
	}))
	tables.Set("head", a.fn(func(args []js.Value) any {
		name, n := arg(args, 0), arg(args, 1)
		return promise("tables", func() (js.Value, error) {
			if name.Type() != js.TypeString {
				return js.Undefined(), errors.New("tables.head(name, n): name must be text")
			}
			t, err := a.st.table(context.Background(), name.String())
			if err != nil {
				return js.Undefined(), err
			}
			rows := 10
			if n.Type() == js.TypeNumber {
				rows = n.Int()
			}
			return toJS(head(t, rows))
		})
	}))
	tables.Set("remove", a.fn(func(args []js.Value) any {
		name := arg(args, 0)
		return promise("tables", func() (js.Value, error) {
			if name.Type() != js.TypeString {
				return js.Undefined(), errors.New("tables.remove(name): name must be text")
			}
			ok, err := a.st.remove(context.Background(), name.String())
			return js.ValueOf(ok), err
		})
	}))
	api.Set("tables", tables)

	results := jsObject.New()
	results.Set("list", a.fn(func(args []js.Value) any {
		return promise("results", func() (js.Value, error) {
			vals, err := a.st.results(context.Background())
			arr := jsArray.New(len(vals))
			for i, v := range vals {
				arr.SetIndex(i, v)
			}
			return arr, err
		})
	}))
	results.Set("get", a.fn(func(args []js.Value) any {
		id := arg(args, 0)
		return promise("results", func() (js.Value, error) {
			if id.Type() != js.TypeNumber {
				return js.Undefined(), errors.New("results.get(id): id must be a number")
			}
			return a.st.result(context.Background(), id.Int())
		})
	}))
	api.Set("results", results)

	// sectors(preset) returns a classification preset (wiod2016, wiod2013):
	// the page starts a user-defined sector set from it.
	api.Set("sectors", a.fn(func(args []js.Value) any {
		name := arg(args, 0)
		return promise("sectors", func() (js.Value, error) {
			if name.Type() != js.TypeString {
				return js.Undefined(), errors.New("sectors(preset): preset must be text, e.g. \"wiod2016\"")
			}
			c, err := wiod.Preset(name.String())
			if err != nil {
				return js.Undefined(), err
			}
			return toJS(c)
		})
	}))

	api.Set("clear", a.fn(func(args []js.Value) any {
		return promise("clear", func() (js.Value, error) {
			return js.Undefined(), a.st.clear(context.Background())
		})
	}))

	for name, m := range methods {
		name, m := name, m
		api.Set(name, a.fn(func(args []js.Value) any { return a.run(name, m, arg(args, 0)) }))
	}
	return api
}

func (a *app) fn(f func(args []js.Value) any) js.Func {
	jf := funcOf(f)
	a.funcs = append(a.funcs, jf)
	return jf
}

// run calls a subcommand and stores its result with the options that made it
// (without onProgress) in the results store (results.list()).
func (a *app) run(name string, m method, opts js.Value) js.Value {
	progress := progressOf(opts)
	return promise(name, func() (js.Value, error) {
		ctx := context.Background()
		env := command.Env{Ctx: ctx, Source: storeSource{ctx: ctx, st: a.st}, Progress: progress}
		res, extra, err := m(env, opts)
		if err != nil {
			return js.Undefined(), err
		}
		v, err := toJS(res)
		if err != nil {
			return js.Undefined(), err
		}
		for k, x := range extra {
			xv, err := toJS(x)
			if err != nil {
				return js.Undefined(), err
			}
			if v.Type() == js.TypeObject {
				v.Set(k, xv)
			}
		}
		rec := jsObject.New()
		rec.Set("method", name)
		rec.Set("options", plainOptions(opts))
		rec.Set("result", v)
		rec.Set("created", nowRFC3339())
		if _, err := a.st.putResult(ctx, rec); err != nil {
			// The result is still returned; only keeping it failed.
			js.Global().Get("console").Call("warn", cliError(name, fmt.Errorf("result not stored: %v", err)))
		}
		return v, nil
	})
}

// plainOptions copies the options without functions (which IndexedDB cannot
// store).
func plainOptions(opts js.Value) js.Value {
	out := jsObject.New()
	if opts.Type() != js.TypeObject {
		return out
	}
	keys := jsObject.Call("keys", opts)
	for i := range keys.Length() {
		k := keys.Index(i).String()
		if v := opts.Get(k); v.Type() != js.TypeFunction {
			out.Set(k, v)
		}
	}
	return out
}

// importTable parses data completely, then stores it in one transaction.
func (a *app) importTable(name, data js.Value) js.Value {
	return promise("import", func() (js.Value, error) {
		ctx := context.Background()
		// tables.import(file) uses the file's name.
		if data.IsUndefined() && name.Type() == js.TypeObject {
			data, name = name, name.Get("name")
		}
		if name.Type() != js.TypeString {
			return js.Undefined(), errors.New("tables.import(name, data): name must be text, e.g. \"grunfeld.csv\"")
		}
		if err := validName(name.String()); err != nil {
			return js.Undefined(), err
		}
		b, err := bytesOf(ctx, data)
		if err != nil {
			return js.Undefined(), fmt.Errorf("%s: %v", name.String(), err)
		}
		t, err := table.Read(bytes.NewReader(b), table.ReadOptions{Name: name.String()})
		if err != nil {
			return js.Undefined(), fmt.Errorf("%w (nothing was stored; earlier tables are intact)", err)
		}
		t.Name = name.String()
		source := name.String()
		if data.Type() == js.TypeObject && data.Get("name").Type() == js.TypeString {
			source = data.Get("name").String()
		}
		info, err := a.st.putTable(ctx, t, source)
		if err != nil {
			return js.Undefined(), fmt.Errorf("%s: %w", name.String(), err)
		}
		return toJS(info)
	})
}

// bytesOf reads the bytes of a string (UTF-8), Uint8Array, ArrayBuffer, or
// Blob/File.
func bytesOf(ctx context.Context, data js.Value) ([]byte, error) {
	switch {
	case data.Type() == js.TypeString:
		return []byte(data.String()), nil
	case data.Type() != js.TypeObject:
		return nil, fmt.Errorf("data must be a File, Blob, Uint8Array, ArrayBuffer or text, not %s", data.Type())
	case data.InstanceOf(js.Global().Get("Uint8Array")):
		b := make([]byte, data.Length())
		js.CopyBytesToGo(b, data)
		return b, nil
	case data.InstanceOf(js.Global().Get("ArrayBuffer")):
		return bytesOf(ctx, js.Global().Get("Uint8Array").New(data))
	case data.Get("arrayBuffer").Type() == js.TypeFunction:
		buf, err := await(ctx, data.Call("arrayBuffer"))
		if err != nil {
			return nil, fmt.Errorf("reading the file: %v", err)
		}
		return bytesOf(ctx, js.Global().Get("Uint8Array").New(buf))
	default:
		return nil, errors.New("data must be a File, Blob, Uint8Array, ArrayBuffer or text")
	}
}

func storageKind(st store) string {
	if _, ok := st.(*idbStore); ok {
		return "indexeddb"
	}
	return "memory"
}
