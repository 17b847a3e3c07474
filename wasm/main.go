//go:build js && wasm

// Command wasm is the GOOS=js entry of wiodlab: it registers the global JS
// object `wiodlab` whose methods mirror the CLI subcommands.
package main

import (
	"syscall/js"

	"github.com/wiodlab/wiodlab/core"
)

func main() {
	api := js.Global().Get("Object").New()
	api.Set("version", core.Version)
	js.Global().Set("wiodlab", api)
	select {}
}
