package command

import (
	"context"
	"encoding/json"
	"fmt"
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
