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

// TestRegText checks the text table (core/command's paper-style table),
// the --paren, --estimator flags and flag errors.
func TestRegText(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.csv")
	csv := "id,t,y,x\n1,1,1,2\n1,2,2,3\n2,1,2,5\n2,2,4,4\n3,1,1,1\n3,2,3,3\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	row := func(text, label string) string {
		for _, line := range strings.Split(text, "\n") {
			if rest, ok := strings.CutPrefix(line, label+" "); ok {
				return strings.TrimSpace(rest)
			}
		}
		return ""
	}
	var js, out, errb bytes.Buffer
	if code := run([]string{"reg", "--data", path, "--formula", "y ~ x | id", "--json"}, &js, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var r struct {
		Coef map[string]float64 `json:"coef"`
		SE   map[string]float64 `json:"se"`
	}
	if err := json.Unmarshal(js.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	for _, paren := range []string{"t", "se"} {
		out.Reset()
		if code := run([]string{"reg", "--data", path, "--formula", "y ~ x | id", "--paren", paren}, &out, &errb); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		text := out.String()
		want := map[string]string{"N": "6", "FE": "id", "SE": "iid", "x": fmt.Sprintf("%.4f", r.Coef["x"])}
		for label, w := range want {
			if got := strings.TrimRight(row(text, label), "*"); got != w {
				t.Errorf("--paren %s: row %s = %q, want %q:\n%s", paren, label, got, w, text)
			}
		}
		inParen := fmt.Sprintf("(%.4f)", r.Coef["x"]/r.SE["x"])
		if paren == "se" {
			inParen = fmt.Sprintf("(%.4f)", r.SE["x"])
		}
		if !strings.Contains(text, inParen) {
			t.Errorf("--paren %s: text lacks %s:\n%s", paren, inParen, text)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--formula", "y ~ x | id", "--paren", "p"}, "--paren"},
		{[]string{"--formula", "y ~ x | id", "--estimator", "gmm"}, "unknown estimator"},
		{[]string{"--formula", "y ~ x | id", "--estimator", "liml"}, "IV part"},
		{nil, "no formula"},
	} {
		errb.Reset()
		if code := run(append([]string{"reg", "--data", path}, tc.args...), &out, &errb); code != 1 || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: exit %d, %s; want an error mentioning %q", tc.args, code, errb.String(), tc.want)
		}
	}
}

// TestRegLIML runs `wiodlab reg --estimator liml` on core/iv's panel and
// compares with core/iv/testdata/golden_liml.json (numpy, liml_golden.py),
// case fe2_one_hc1_liml, to 1e-6 relative.
func TestRegLIML(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "core", "iv", "testdata", "golden_liml.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden []struct {
		Name   string             `json:"name"`
		KClass float64            `json:"kclass"`
		Coef   map[string]float64 `json:"coef"`
		SE     map[string]float64 `json:"se"`
	}
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	args := []string{"reg", "--data", filepath.Join("..", "..", "core", "iv", "testdata", "ivpanel.csv"),
		"--formula", "y ~ x1 + x2 | unit + year | d1 ~ z1 + z2", "--vcov", "hc1", "--tol", "1e-14", "--estimator", "liml", "--json"}
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var r struct {
		Coef  map[string]float64 `json:"coef"`
		SE    map[string]float64 `json:"se"`
		Stats map[string]float64 `json:"stats"`
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	rel := func(a, b float64) float64 { return math.Abs(a-b) / math.Abs(b) }
	for _, g := range golden {
		if g.Name != "fe2_one_hc1_liml" {
			continue
		}
		if !(rel(r.Stats["kclass"], g.KClass) <= 1e-6) {
			t.Errorf("kclass %.12g, golden %.12g", r.Stats["kclass"], g.KClass)
		}
		for k, want := range g.Coef {
			if !(rel(r.Coef[k], want) <= 1e-6) || !(rel(r.SE[k], g.SE[k]) <= 1e-6) {
				t.Errorf("%s: coef %.12g se %.12g, golden %.12g %.12g", k, r.Coef[k], r.SE[k], want, g.SE[k])
			}
		}
		return
	}
	t.Fatal("golden_liml.json has no case fe2_one_hc1_liml")
}
