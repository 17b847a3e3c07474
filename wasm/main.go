//go:build js && wasm

// Command wasm is the GOOS=js entry of wiodlab: it registers the global JS
// object `wiodlab` whose methods mirror the CLI subcommands (see
// docs/browser.md). In the app it runs inside a Web Worker (site/worker.js);
// the page talks to it through the proxy in site/wiodlab.mjs.
//
// Conventions:
//   - every method returns a Promise; errors reject with an Error whose
//     message is the text the CLI prints ("wiodlab <cmd>: <err>");
//   - options objects use the CLI's flag names (the options structs' js tags);
//   - results are the structs the CLI prints as JSON, converted with vert;
//   - tables live in IndexedDB in columnar form (see store_idb.go), or in
//     memory where IndexedDB is missing (wiodlab.storage says which).
package main

import (
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/wiodlab/wiodlab/core/command"
)

// subcommands maps each JS method to its core/command function. A method
// whose function has not landed yet rejects with "not available yet".
func (a *app) subcommands() map[string]method {
	return map[string]method{
		"demo": a.demoMethod,
		// The CLI's io --format json prints the rows; warnings etc. are extras.
		"io": wireOut(command.IO, func(r *command.IOResult) (any, map[string]any) {
			return r.Rows, map[string]any{"warnings": r.Warnings, "sectors": r.Sectors, "methods": r.Methods}
		}),
		"panel": a.panelMethod,
		"reg":   wire(command.Reg),
		"gmm":   wire(command.GMM),
		// The CLI's --json prints the rows; notes etc. are extra properties.
		"malmquist": wireOut(command.Malmquist, func(r *command.MalmquistResult) (any, map[string]any) {
			return r.Rows, map[string]any{"notes": r.Notes, "orientation": r.Orientation, "programs": r.Programs}
		}),
		"replicate": wire(command.Replicate),
	}
}

func main() {
	var st store = newMemStore()
	if f := js.Global().Get("indexedDB"); f.Truthy() {
		if factory, err := idb.WrapFactory(f); err == nil {
			st = newIDBStore(factory, idbName)
		}
	}
	a := &app{st: st}
	js.Global().Set("wiodlab", a.newAPI(a.subcommands()))
	if cb := js.Global().Get("__wiodlabReady"); cb.Type() == js.TypeFunction {
		cb.Invoke()
	}
	startWarmUp() // in the worker the page starts for it alone
	select {}
}
