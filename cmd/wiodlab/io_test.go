package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// sharedData returns ../shared/data/sub (or $WIODLAB_SHARED_DATA/sub),
// skipping the test when absent (core/internal/shared is not importable here).
func sharedData(t *testing.T, sub string) string {
	root := os.Getenv("WIODLAB_SHARED_DATA")
	if root == "" {
		root = filepath.Join("..", "..", "..", "shared", "data")
	}
	p := filepath.Join(root, sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found", p)
	}
	return p
}

// TestIOCommand runs `wiodlab io` on the US national table: JSON is an array
// of objects with exactly the nine contract keys, CSV has the contract
// header, -o writes the same bytes to a file.
func TestIOCommand(t *testing.T) {
	file := filepath.Join(sharedData(t, "wiod2016-national"), "USA_niot.csv.gz")
	var out, errb bytes.Buffer
	if code := run([]string{"io", "--wiot", file, "--format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []map[string]any
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 19*15 {
		t.Fatalf("%d rows", len(rows))
	}
	var keys []string
	for k := range rows[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if want := []string{"a_dig", "b_dig", "country", "dig", "dig_dom", "dig_for", "industry", "serv", "year"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %v", keys)
	}
	if !strings.Contains(errb.String(), "warning") { // USA-U has zero output
		t.Errorf("stderr %q", errb.String())
	}
	out.Reset()
	if code := run([]string{"io", "--wiot", file, "--all-industries", "--sectors", "wiod2016"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if lines[0] != "country,industry,year,a_dig,b_dig,dig,dig_dom,dig_for,serv" || len(lines) != 56*15+1 || !strings.HasPrefix(lines[1], "USA,A01,2000,0.00394539812320974,") {
		t.Errorf("CSV: %d lines, starting %q, %q", len(lines), lines[0], lines[1])
	}
	path := filepath.Join(t.TempDir(), "out.csv")
	if code := run([]string{"io", "--wiot", file, "--all-industries", "-o", path}, &bytes.Buffer{}, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, out.Bytes()) {
		t.Errorf("-o file differs from stdout (%v)", err)
	}
	errb.Reset()
	if code := run([]string{"io", "--wiot", file, "--format", "xml"}, &bytes.Buffer{}, &errb); code != 1 || !strings.Contains(errb.String(), `unknown format "xml"`) {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}
