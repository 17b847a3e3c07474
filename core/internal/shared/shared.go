// Package shared locates the read-only real data sets in ../shared/data for tests.
//
// The data are never copied into the project. Tests that need them call Dir,
// which skips the test with a message when the folder is absent. The folder can
// be overridden with the WIODLAB_SHARED_DATA environment variable.
package shared

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Root returns the shared data folder, or "" when it cannot be found.
func Root() string {
	if d := os.Getenv("WIODLAB_SHARED_DATA"); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		return ""
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	// Walk up to the module root (the folder holding go.mod), then ../shared/data.
	for d := wd; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			p := filepath.Join(d, "..", "shared", "data")
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				return p
			}
			return ""
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// Dir returns the path of sub (e.g. "wiod2013") inside the shared data folder,
// skipping the test when it is absent.
func Dir(tb testing.TB, sub string) string {
	tb.Helper()
	r := Root()
	if r == "" {
		tb.Skip("shared data folder ../shared/data not found; set WIODLAB_SHARED_DATA to run this test")
	}
	p := filepath.Join(r, sub)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data %s not found", p)
	}
	return p
}

// ReadJSON reads the JSON file at path (a golden file in a package's
// testdata) into v, failing the test with the path on any error.
func ReadJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
