//go:build !js

package main

import (
	"bufio"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWasmTags checks that every Go file of wasm/ that imports syscall/js (or
// a package built on it) carries the build constraint js && wasm, so that
// `go build ./...` and `go vet ./...` work natively.
func TestWasmTags(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	jsImports := map[string]bool{`"syscall/js"`: true, `"github.com/norunners/vert"`: true, `"github.com/hack-pad/go-indexeddb/idb"`: true}
	checked := 0
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		f, err := parser.ParseFile(token.NewFileSet(), name, b, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		usesJS := false
		for _, imp := range f.Imports {
			usesJS = usesJS || jsImports[imp.Path.Value]
		}
		if !usesJS {
			continue
		}
		checked++
		if !hasJSWasm(src) {
			t.Errorf("%s imports syscall/js (or vert/idb) but lacks the build constraint //go:build js && wasm", name)
		}
	}
	if checked == 0 {
		t.Fatal("found no file importing syscall/js: the check is looking in the wrong place")
	}
}

// hasJSWasm reports whether src's build constraint requires js and wasm.
func hasJSWasm(src string) bool {
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "//") {
			return false
		}
		if !constraint.IsGoBuild(line) {
			continue
		}
		expr, err := constraint.Parse(line)
		if err != nil {
			return false
		}
		// The constraint must be false whenever GOOS != js or GOARCH != wasm.
		for _, tags := range []map[string]bool{
			{"linux": true, "amd64": true}, {"js": true, "amd64": true}, {"linux": true, "wasm": true}, {"wasip1": true, "wasm": true},
		} {
			if expr.Eval(func(tag string) bool { return tags[tag] }) {
				return false
			}
		}
		return expr.Eval(func(tag string) bool { return tag == "js" || tag == "wasm" })
	}
	return false
}

func TestHasJSWasm(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"//go:build js && wasm\n\npackage main\n", true},
		{"// comment\n//go:build wasm && js\n\npackage main\n", true},
		{"//go:build js\n\npackage main\n", false},
		{"//go:build js || wasm\n\npackage main\n", false},
		{"package main\n//go:build js && wasm\n", false},
		{"//go:build !js\n\npackage main\n", false},
	} {
		if got := hasJSWasm(tc.src); got != tc.want {
			t.Errorf("hasJSWasm(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}
