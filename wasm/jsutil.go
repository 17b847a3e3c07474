//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"
	"syscall/js"

	"github.com/norunners/vert"
)

var (
	jsObject  = js.Global().Get("Object")
	jsArray   = js.Global().Get("Array")
	jsPromise = js.Global().Get("Promise")
	jsError   = js.Global().Get("Error")
	jsJSON    = js.Global().Get("JSON")
)

// promise runs fn in a new goroutine (it may block on IndexedDB or on JS
// promises, which a JS callback must not) and returns a Promise that
// resolves to its value or rejects with an Error whose message is the CLI's
// text for cmd. A panic is recovered and rejects the Promise too.
func promise(cmd string, fn func() (js.Value, error)) js.Value {
	executor := js.FuncOf(func(this js.Value, args []js.Value) any {
		resolve, reject := args[0], args[1]
		go func() {
			defer func() {
				if r := recover(); r != nil {
					js.Global().Get("console").Call("error", fmt.Sprintf("wiodlab %s: panic: %v\n%s", cmd, r, debug.Stack()))
					reject.Invoke(newError(cmd, fmt.Errorf("internal error (please report it, with the browser console's log): %v", r)))
				}
			}()
			v, err := fn()
			if err != nil {
				reject.Invoke(newError(cmd, err))
				return
			}
			resolve.Invoke(v)
		}()
		return nil
	})
	defer executor.Release() // the Promise constructor calls it synchronously
	return jsPromise.New(executor)
}

// newError returns a JS Error with the CLI's message for cmd and err.
func newError(cmd string, err error) js.Value {
	e := jsError.New(cliError(cmd, err))
	e.Set("command", cmd)
	return e
}

// await blocks until the JS promise p settles. It must not be called on the
// JS event-loop goroutine (only inside promise's fn).
func await(ctx context.Context, p js.Value) (js.Value, error) {
	type outcome struct {
		v   js.Value
		err error
	}
	ch := make(chan outcome, 1)
	onOK := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- outcome{v: arg(args, 0)}
		return nil
	})
	onErr := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- outcome{err: jsErr(arg(args, 0))}
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	select {
	case o := <-ch:
		return o.v, o.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// jsErr converts a JS exception value into a Go error.
func jsErr(v js.Value) error {
	if v.Type() == js.TypeObject && v.Get("message").Type() == js.TypeString {
		name := v.Get("name")
		if name.Type() == js.TypeString && name.String() != "Error" {
			return fmt.Errorf("%s: %s", name.String(), v.Get("message").String())
		}
		return errors.New(v.Get("message").String())
	}
	if v.IsUndefined() || v.IsNull() {
		return errors.New("unknown error")
	}
	return errors.New(js.Global().Call("String", v).String())
}

// toJS converts a Go result to JS through encoding/json and one JSON.parse:
// the object then equals the JSON the CLI prints (map keys sorted, omitempty,
// MarshalJSON, json:"-" fields left out), and a large result crosses in one
// call instead of one or more per value as with vert (a WIOD table's
// TableInfo of 700 columns: 0.6 ms instead of 8 ms under Node). A value that
// encoding/json refuses (a NaN that no MarshalJSON handles; the CLI then
// fails to print) goes through vert, which gives JS a NaN.
func toJS(v any) (out js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("converting the result to JS: %v", r)
		}
	}()
	if v == nil {
		return js.Null(), nil
	}
	if b, err := json.Marshal(v); err == nil {
		return jsJSON.Call("parse", string(b)), nil
	}
	return vert.ValueOf(v).JSValue(), nil
}

// fillOptions fills the options struct dst points to from the JS object obj:
// keys are the CLI's flag names (the js tags); a list option (a repeated
// flag) also takes a single string; an unknown key is an error, as an
// unknown flag is on the command line.
func fillOptions(dst any, obj js.Value, adapterKeys ...string) error {
	if obj.IsUndefined() || obj.IsNull() {
		return nil
	}
	if obj.Type() != js.TypeObject {
		return fmt.Errorf("options must be an object such as {data: \"grunfeld.csv\"}, not a %s", obj.Type())
	}
	rt := reflect.TypeOf(dst).Elem()
	fields := optionFields(rt)
	keys := jsObject.Call("keys", obj)
	names := make([]string, keys.Length())
	for i := range names {
		names[i] = keys.Index(i).String()
	}
	for _, k := range adapterKeys {
		fields = append(fields, optionField{Key: k})
	}
	if err := unknownOption(names, fields); err != nil {
		return err
	}
	clean := jsObject.New()
	for _, f := range fields[:len(fields)-len(adapterKeys)] {
		v := obj.Get(f.Key)
		if v.IsUndefined() || v.IsNull() {
			continue
		}
		if f.List && v.Type() != js.TypeObject {
			v = jsArray.Call("of", v)
		}
		clean.Set(f.Key, v)
	}
	if err := (vert.Value{Value: clean}).AssignTo(dst); err != nil {
		return fmt.Errorf("options: %v (check the types: text, numbers, true/false, lists of text)", err)
	}
	return nil
}

// progressOf returns the onProgress callback of a JS options object as a
// Go function, or nil.
func progressOf(obj js.Value) func(fraction float64, message string) {
	if obj.Type() != js.TypeObject {
		return nil
	}
	fn := obj.Get("onProgress")
	if fn.Type() != js.TypeFunction {
		return nil
	}
	return func(fraction float64, message string) {
		fn.Invoke(fraction, message)
	}
}

// funcOf wraps f as a JS function.
func funcOf(f func(args []js.Value) any) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) any { return f(args) })
}
