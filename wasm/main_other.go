//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains how to build: the adapter exists only as WebAssembly.
func main() {
	fmt.Fprintln(os.Stderr, "wiodlab/wasm is the browser adapter: build it with GOOS=js GOARCH=wasm (make site)")
	os.Exit(2)
}
