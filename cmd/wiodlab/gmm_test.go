package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// sharedPanels finds ../shared/data/panels (core/internal/shared cannot be
// imported from cmd/), honouring WIODLAB_SHARED_DATA; it skips when absent.
func sharedPanels(t *testing.T) string {
	root := os.Getenv("WIODLAB_SHARED_DATA")
	if root == "" {
		root = filepath.Join("..", "..", "..", "shared", "data")
	}
	p := filepath.Join(root, "panels")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found", p)
	}
	return p
}

// writeABLogs writes emplUK with n, w, k, ys = logs of emp, wage, capital, output.
func writeABLogs(t *testing.T) string {
	f, err := os.Open(filepath.Join(sharedPanels(t), "emplUK.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := table.Read(f, table.ReadOptions{Name: "emplUK.csv"})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("firm,year,n,w,k,ys\n")
	cols := make([][]float64, 6)
	for i, c := range []string{"firm", "year", "emp", "wage", "capital", "output"} {
		cols[i], _ = tab.Floats(c)
	}
	for r := range cols[0] {
		fmt.Fprintf(&b, "%g,%g,%.17g,%.17g,%.17g,%.17g\n", cols[0][r], cols[1][r],
			math.Log(cols[2][r]), math.Log(cols[3][r]), math.Log(cols[4][r]), math.Log(cols[5][r]))
	}
	path := filepath.Join(t.TempDir(), "ab.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestGMMCLI(t *testing.T) {
	path := writeABLogs(t)
	args := []string{"gmm", "--data", path, "--panel", "firm,year", "--y", "n", "--x", "L.n L2.n w L.w k",
		"--gmm", "n, lag(2 .)", "--iv", "w L.w k", "--nolevel", "--twostep", "--robust", "--collapse", "--timedummies"}
	var out, errw bytes.Buffer
	if code := run(append(args, "--json"), &out, &errw); code != 0 {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	var got struct {
		Coef         map[string]float64  `json:"coef"`
		SE           map[string]float64  `json:"se"`
		Tstat        map[string]float64  `json:"tstat"`
		Pvalue       map[string]float64  `json:"pvalue"`
		NObs         int                 `json:"nobs"`
		NGroups      int                 `json:"ngroups"`
		NInstruments int                 `json:"ninstruments"`
		Stats        map[string]*float64 `json:"stats"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if got.NObs != 611 || got.NGroups != 140 {
		t.Errorf("nobs %d ngroups %d, want 611 140", got.NObs, got.NGroups)
	}
	// Collapsed: lags 2..8 of n (7 columns) + 3 IV + 6 year dummies.
	if got.NInstruments != 16 {
		t.Errorf("ninstruments %d, want 16", got.NInstruments)
	}
	for _, k := range []string{"L.n", "L2.n", "w", "L.w", "k", "yr1984"} {
		if _, ok := got.Coef[k]; !ok {
			t.Errorf("coef lacks %s: %v", k, got.Coef)
		}
		if got.Tstat[k] != got.Coef[k]/got.SE[k] || got.Pvalue[k] <= 0 || got.Pvalue[k] > 1 {
			t.Errorf("%s: t %g p %g inconsistent", k, got.Tstat[k], got.Pvalue[k])
		}
	}
	for _, k := range []string{"ar1", "ar1_p", "ar2", "ar2_p", "sargan", "sargan_df", "sargan_p", "hansen", "hansen_df", "hansen_p"} {
		if v, ok := got.Stats[k]; !ok || v == nil {
			t.Errorf("stats.%s missing", k)
		}
	}
	out.Reset()
	if code := run(args, &out, &errw); code != 0 {
		t.Fatalf("text: exit %d: %s", code, errw.String())
	}
	for _, want := range []string{"two-step difference GMM", "Windmeijer", "L2.n", "AR(2)", "Hansen test"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, out.String())
		}
	}
	errw.Reset()
	if code := run([]string{"gmm", "--data", path, "--panel", "firm,year", "--y", "n", "--x", "L.n", "--gmm", "n, lag(20 .)"}, &out, &errw); code != 1 || !strings.Contains(errw.String(), "missing after lagging") {
		t.Errorf("bad lag: exit %d, stderr %q", code, errw.String())
	}
}
