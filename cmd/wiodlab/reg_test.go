package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegGolden runs `wiodlab reg ... --json` end to end on Grunfeld's panel
// and compares with testdata/reg_golden.json (R, see gen_reg_golden.R):
// 1e-8 relative on coefficients and R², 1e-6 on standard errors.
func TestRegGolden(t *testing.T) {
	grunfeld := sharedFile(t, "panels", "grunfeld.csv")
	b, err := os.ReadFile(filepath.Join("testdata", "reg_golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Cases []struct {
			Label string             `json:"label"`
			Args  []string           `json:"args"`
			NObs  int                `json:"nobs"`
			Coef  map[string]float64 `json:"coef"`
			SE    map[string]float64 `json:"se"`
			R2    float64            `json:"r2"`
			R2Adj float64            `json:"r2_adj"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	for _, c := range g.Cases {
		t.Run(c.Label, func(t *testing.T) {
			args := append([]string{"reg"}, c.Args...)
			for i, a := range args {
				if a == "GRUNFELD" {
					args[i] = grunfeld
				}
			}
			var out, errb bytes.Buffer
			if code := run(args, &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var res map[string]json.RawMessage
			if err := json.Unmarshal(out.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			for _, key := range []string{"coef", "se", "tstat", "pvalue", "nobs", "r2", "r2_adj", "r2_within", "nclusters", "vcov", "dropped", "notes"} {
				if _, ok := res[key]; !ok {
					t.Errorf("JSON lacks key %q", key)
				}
			}
			var r struct {
				Coef  map[string]float64 `json:"coef"`
				SE    map[string]float64 `json:"se"`
				NObs  int                `json:"nobs"`
				R2    float64            `json:"r2"`
				R2Adj float64            `json:"r2_adj"`
			}
			if err := json.Unmarshal(out.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			if r.NObs != c.NObs {
				t.Errorf("nobs %d, want %d", r.NObs, c.NObs)
			}
			if len(r.Coef) != len(c.Coef) {
				t.Errorf("coef %v, want %v", r.Coef, c.Coef)
			}
			rel := func(a, b float64) float64 { return math.Abs(a-b) / math.Abs(b) }
			for k, want := range c.Coef {
				if got, ok := r.Coef[k]; !ok || !(rel(got, want) <= 1e-8) {
					t.Errorf("coef %s = %.15g, want %.15g", k, got, want)
				}
			}
			for k, want := range c.SE {
				if got, ok := r.SE[k]; !ok || !(rel(got, want) <= 1e-6) {
					t.Errorf("se %s = %.15g, want %.15g", k, got, want)
				}
			}
			if rel(r.R2, c.R2) > 1e-8 || rel(r.R2Adj, c.R2Adj) > 1e-8 {
				t.Errorf("r2, r2_adj = %.15g %.15g, want %.15g %.15g", r.R2, r.R2Adj, c.R2, c.R2Adj)
			}
		})
	}
}

// sharedFile locates a file of ../shared/data (core/internal/shared is not
// importable from cmd/), honouring WIODLAB_SHARED_DATA; it skips when absent.
func sharedFile(t *testing.T, parts ...string) string {
	t.Helper()
	root := os.Getenv("WIODLAB_SHARED_DATA")
	if root == "" {
		root = filepath.Join("..", "..", "..", "shared", "data")
	}
	p := filepath.Join(append([]string{root}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found; set WIODLAB_SHARED_DATA to run this test", p)
	}
	return p
}

// TestRegText checks the text table and flag errors.
func TestRegText(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.csv")
	csv := "id,t,y,x\n1,1,1,2\n1,2,2,3\n2,1,2,5\n2,2,4,4\n3,1,1,1\n3,2,3,3\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"reg", "--data", path, "--formula", "y ~ x | id"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"Number of obs = 6", "_cons", "Coef.", "Absorbed: id"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, out.String())
		}
	}
	errb.Reset()
	if code := run([]string{"reg", "--data", path}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "no formula") {
		t.Errorf("missing formula: exit %d, %s", code, errb.String())
	}
}
