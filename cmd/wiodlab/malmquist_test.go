package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// DEAP 2.1's Malmquist example (Coelli 1996, eg4-dta.txt), 5 firms × 3 years.
const malmquistEG4CSV = `firm,year,y,x
1,1,1,2
2,1,2,4
3,1,3,3
4,1,4,5
5,1,5,6
1,2,1,2
2,2,3,4
3,2,4,3
4,2,3,5
5,2,5,5
1,3,1,2
2,3,3,4
3,3,4,3
4,3,3,5
5,3,5,5
`

func TestMalmquistCLI(t *testing.T) {
	path := filepath.Join(t.TempDir(), "eg4.csv")
	if err := os.WriteFile(path, []byte(malmquistEG4CSV), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errw bytes.Buffer
	code := run([]string{"malmquist", "--data", path, "--dmu", "firm", "--time", "year", "--inputs", "x", "--outputs", "y", "--json"}, &out, &errw)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	var rows []struct {
		DMU       string  `json:"dmu"`
		Group     string  `json:"group"`
		From      float64 `json:"from"`
		To        float64 `json:"to"`
		Malmquist float64 `json:"malmquist"`
		TFP       float64 `json:"tfp"`
	}
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	// DEAP eg4-out.txt, year 2 tfpch: 1.000 1.500 1.333 0.750 1.200.
	want := map[string]float64{"1": 1, "2": 1.5, "3": 4.0 / 3, "4": 0.75, "5": 1.2}
	if len(rows) != 10 {
		t.Fatalf("%d rows, want 10", len(rows))
	}
	for _, r := range rows {
		if d := r.TFP - want[r.DMU]; d > 1e-9 || d < -1e-9 {
			t.Errorf("firm %s tfp %g, DEAP %g", r.DMU, r.TFP, want[r.DMU])
		}
	}

	out.Reset()
	errw.Reset()
	code = run([]string{"malmquist", "--data", path, "--dmu", "firm", "--time", "year", "--inputs", "x", "--outputs", "y", "--orientation", "input"}, &out, &errw)
	if code != 0 || !strings.Contains(out.String(), "techch") || !strings.Contains(out.String(), "1.3333") {
		t.Errorf("text output (exit %d):\n%s%s", code, out.String(), errw.String())
	}

	errw.Reset()
	code = run([]string{"malmquist", "--data", path, "--dmu", "firm", "--time", "year", "--inputs", "x"}, &out, &errw)
	if code != 1 || !strings.Contains(errw.String(), "--outputs") {
		t.Errorf("missing --outputs: exit %d, stderr %q", code, errw.String())
	}
}
