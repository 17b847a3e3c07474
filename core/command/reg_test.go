package command

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// memSource serves CSV texts by name.
type memSource map[string]string

func (m memSource) Table(name string) (*table.Table, error) {
	s, ok := m[name]
	if !ok {
		return nil, fmt.Errorf("no table %q", name)
	}
	return table.Read(strings.NewReader(s), table.ReadOptions{Name: name})
}

const regCSV = `id,t,y,x,x2,s,miss,one
1,1,1.0,2.0,4.0,a,,1
1,2,2.5,3.0,6.0,b,,1
1,3,2.0,2.5,5.0,a,,1
2,1,2.0,5.0,10.0,b,,1
2,2,4.0,4.0,8.0,a,,1
2,3,3.5,4.5,9.0,b,,1
3,1,1.0,1.0,2.0,a,,1
3,2,3.0,3.0,6.0,b,,1
3,3,2.0,2.0,4.0,a,,1
`

func TestRegBadInput(t *testing.T) {
	env := Env{Ctx: context.Background(), Source: memSource{"d.csv": regCSV}}
	for _, tc := range []struct {
		opt  RegOptions
		want string
	}{
		{RegOptions{Data: "d.csv", Formula: "y ~ nope"}, "nope"},
		{RegOptions{Data: "d.csv", Formula: "y ~ s"}, "s"},
		{RegOptions{Data: "d.csv", Formula: "y ~ x + miss"}, "miss"},
		{RegOptions{Data: "d.csv", Formula: "y ~ x", VCov: "cluster:one"}, "at least 2"},
		{RegOptions{Data: "d.csv", Formula: "y ~ x", If: "t > 5"}, "t > 5"},
		{RegOptions{Data: "d.csv", Formula: "y ~ x", VCov: "hc3"}, "unknown estimator"},
		{RegOptions{Data: "d.csv", Formula: "y ~ x ~"}, "formula"},
		{RegOptions{Data: "other.csv", Formula: "y ~ x"}, "other.csv"},
		{RegOptions{Data: "d.csv", Formula: "y ~ x", Winsor: []string{"x:0.7"}}, "winsor"},
	} {
		_, err := Reg(env, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one mentioning %q", tc.opt, err, tc.want)
		}
	}
}

// TestRegNotes: collinear and absorbed regressors are dropped with notes,
// and the JSON carries the contract keys.
func TestRegNotes(t *testing.T) {
	env := Env{Ctx: context.Background(), Source: memSource{"d.csv": regCSV}}
	r, err := Reg(env, RegOptions{Data: "d.csv", Formula: "y ~ x + x2 + one | id", VCov: "cluster:id"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.Dropped, ",") != "x2,one" {
		t.Errorf("dropped %v", r.Dropped)
	}
	if _, ok := r.Coef["_cons"]; !ok || r.NClusters["id"] != 3 || r.VCov != "cluster:id" {
		t.Errorf("result %+v", r)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"coef", "se", "tstat", "pvalue", "nobs", "r2", "r2_adj", "r2_within", "nclusters", "vcov", "dropped", "notes"} {
		if _, ok := m[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	r, err = Reg(env, RegOptions{Data: "d.csv", Formula: "y ~ x"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Coef["(Intercept)"]; !ok {
		t.Errorf("pooled OLS: coef %v lacks (Intercept)", r.Coef)
	}
}

func TestRegIVHook(t *testing.T) {
	if regIV != nil {
		t.Skip("IV estimator registered")
	}
	env := Env{Ctx: context.Background(), Source: memSource{"d.csv": regCSV}}
	_, err := Reg(env, RegOptions{Data: "d.csv", Formula: "y ~ 1 | id | x ~ x2"})
	if err == nil || !strings.Contains(err.Error(), "IV estimation") {
		t.Errorf("IV without estimator: %v", err)
	}
}

var update = flag.Bool("update", false, "rewrite the golden text tables in testdata/reg_text")

// checkText compares the text table of r with testdata/reg_text/NAME.txt
// (our own output, rewritten by
// go test ./core/command -run 'TestReg.*Text' -update) and returns it.
func checkText(t *testing.T, name string, r *RegResult) string {
	t.Helper()
	got := r.Text()
	path := filepath.Join("testdata", "reg_text", name+".txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./core/command -run 'TestReg.*Text' -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("text table differs from %s:\n%s\nwant:\n%s", path, got, want)
	}
	return got
}

// textRow returns the cells after the label of the first line of a text
// table that starts with label (nil when there is none).
func textRow(text, label string) []string {
	for _, line := range strings.Split(text, "\n") {
		if rest, ok := strings.CutPrefix(line, label+" "); ok {
			return strings.Fields(rest)
		}
	}
	return nil
}

// TestRegText renders OLS and FE fits as the paper-style table: numbers as
// in the result (4 decimals, t in parentheses), FE and SE rows, statistics,
// and the notes.
func TestRegText(t *testing.T) {
	env := Env{Ctx: context.Background(), Source: memSource{"d.csv": regCSV}}
	for _, tc := range []struct {
		name string
		opt  RegOptions
	}{
		{"ols_pooled", RegOptions{Data: "d.csv", Formula: "y ~ x"}},
		{"fe_cluster_dropped", RegOptions{Data: "d.csv", Formula: "y ~ x + x2 + one | id", VCov: "cluster:id"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Reg(env, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			text := checkText(t, tc.name, r)
			if !strings.HasPrefix(text, tc.opt.Formula+"\n") {
				t.Errorf("text does not start with the formula:\n%s", text)
			}
			for _, n := range r.Names {
				row := textRow(text, n)
				if len(row) != 1 || strings.TrimRight(row[0], "*") != fmt.Sprintf("%.4f", r.Coef[n]) {
					t.Errorf("coefficient row %s = %q, want %.4f with stars", n, row, r.Coef[n])
				}
			}
			for label, want := range map[string]string{
				"N": fmt.Sprint(r.NObs), "R²": fmt.Sprintf("%.4f", r.R2), "Adjusted R²": fmt.Sprintf("%.4f", r.R2Adj),
				fmt.Sprintf("F(%d, %d)", r.FDF[0], r.FDF[1]): fmt.Sprintf("%.4f", r.F), "SE": r.VCov,
			} {
				if row := textRow(text, label); len(row) != 1 || row[0] != want {
					t.Errorf("row %s = %q, want %s", label, row, want)
				}
			}
			if len(r.Dropped) > 0 && !strings.Contains(text, "Omitted: "+strings.Join(r.Dropped, ", ")) {
				t.Errorf("no note on the dropped variables %v:\n%s", r.Dropped, text)
			}
			for g, n := range r.NClusters {
				if !strings.Contains(text, fmt.Sprintf("Clusters: %s %d.", g, n)) {
					t.Errorf("no cluster count %s %d:\n%s", g, n, text)
				}
			}
		})
	}
}
