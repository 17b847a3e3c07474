// Package command holds wiodlab's subcommands as plain functions: an options
// struct in, an immutable result struct out. The native CLI (cmd/wiodlab) and
// the browser adapter (wasm/) are thin layers over these functions, so both
// run the same code and print the same JSON: the CLI fills the options from
// flags, the browser from a JS object; results carry `json` and `js` tags with
// identical names.
//
// Inputs are named tables resolved through a Source: file paths on the command
// line, tables stored in IndexedDB in the browser.
//
// One file per subcommand (io.go, reg.go, gmm.go, malmquist.go, replicate.go,
// demo.go, panel.go).
package command
