//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"
	"time"
)

// TestWarmUp runs the start-up warm-up as worker.js asks for it (the global
// flag and callback) and checks that it ends, reports a time and leaves the
// store untouched (it works on in-memory tiny demo data only).
func TestWarmUp(t *testing.T) {
	a := &app{st: newMemStore()}
	api := a.newAPI(a.subcommands())
	g := js.Global()
	done := make(chan float64, 1)
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- args[0].Float()
		return nil
	})
	defer cb.Release()
	g.Set("__wiodlabWarmUp", true)
	g.Set("__wiodlabWarmedUp", cb)
	defer g.Delete("__wiodlabWarmUp")
	defer g.Delete("__wiodlabWarmedUp")

	if !startWarmUp() {
		t.Fatal("the warm-up did not start although __wiodlabWarmUp is set")
	}
	// Calls are served while the warm-up runs (it yields at each step).
	if n := mustCall(t, api, "tables.list").Length(); n != 0 {
		t.Fatalf("%d tables listed before any import", n)
	}
	select {
	case ms := <-done:
		if ms <= 0 {
			t.Errorf("warm-up reported %v ms", ms)
		}
		t.Logf("warm-up: %v ms", ms)
	case <-time.After(5 * time.Minute):
		t.Fatal("the warm-up did not end")
	}
	if n := mustCall(t, api, "tables.list").Length(); n != 0 {
		t.Errorf("the warm-up stored %d tables", n)
	}
}

// TestNoWarmUpUnlessAsked checks that a worker not marked by the page does
// not warm up (the pool's workers and Node tests).
func TestNoWarmUpUnlessAsked(t *testing.T) {
	js.Global().Delete("__wiodlabWarmUp")
	if startWarmUp() {
		t.Error("warm-up started without __wiodlabWarmUp")
	}
}
