package command

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestReplicateDemoRecoversTruth runs the whole paper on the small demo data
// and checks the contract of the JSON and that the baseline with all controls
// (Table 2, column 5: the DGP's own specification) estimates Dig within two
// standard errors of the truth.
func TestReplicateDemoRecoversTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole replication; native run only")
	}
	d := testDemo(t)
	res, err := Replicate(Env{Source: d}, ReplicateOptions{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var js struct {
		Tables []struct {
			ID      string `json:"id"`
			Title   string `json:"title"`
			Columns []struct {
				Label     string              `json:"label"`
				Estimator string              `json:"estimator"`
				Coef      map[string]*float64 `json:"coef"`
				SE        map[string]*float64 `json:"se"`
				TStat     map[string]*float64 `json:"tstat"`
				NObs      int                 `json:"nobs"`
				Stats     map[string]*float64 `json:"stats"`
			} `json:"columns"`
			Notes []string `json:"notes"`
		} `json:"tables"`
		Truth map[string]float64 `json:"truth"`
	}
	if err := json.Unmarshal(raw, &js); err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, tb := range js.Tables {
		ids = append(ids, tb.ID)
		for _, n := range tb.Notes {
			if strings.Contains(n, "not available") || strings.Contains(n, "error") {
				t.Errorf("%s: %s", tb.ID, n)
			}
		}
		for _, c := range tb.Columns {
			if c.NObs == 0 || len(c.Coef) == 0 {
				t.Errorf("%s %s: empty column (notes %v)", tb.ID, c.Label, tb.Notes)
			}
		}
	}
	if got := strings.Join(ids, " "); got != "table2 table3 table4 table5 table6 table7 table8" {
		t.Fatalf("tables %q", got)
	}
	if js.Truth["Dig"] != 0.5 {
		t.Fatalf("truth Dig = %v, want 0.5 (the DGP's betaDig)", js.Truth["Dig"])
	}
	c5 := js.Tables[0].Columns[4]
	b, se := *c5.Coef["Dig"], *c5.SE["Dig"]
	if math.Abs(b-js.Truth["Dig"]) > 2*se {
		t.Errorf("table2 (5): Dig = %.4f (SE %.4f), more than 2 SE from the truth %.2f", b, se, js.Truth["Dig"])
	}
	for _, tb := range js.Tables {
		switch tb.ID {
		case "table3":
			for _, c := range tb.Columns {
				for _, k := range []string{"kp_lm", "kp_wald_f"} {
					if c.Stats[k] == nil {
						t.Errorf("table3 %s: no %s", c.Label, k)
					}
				}
			}
		case "table4":
			for _, c := range tb.Columns {
				for _, k := range []string{"ar1_p", "ar2_p", "sargan_p"} {
					if c.Stats[k] == nil {
						t.Errorf("table4 %s: no %s", c.Label, k)
					}
				}
			}
		}
	}
}

func TestReplicateBadSpec(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{`{"tables":[{"id":"t","columns":[{"label":"(1)","estimator":"probit","formula":"y ~ x"}]}]}`, `unknown estimator "probit"`},
		{`{"tables":[{"id":"t","columns":[{"label":"(1)","estimator":"reg","formula":"y ~ {nope}"}]}]}`, `unknown macro {nope}`},
		{`{"tables":[{"id":"t"},{"id":"t"}]}`, `duplicate table id "t"`},
		{`{"tablez":[]}`, `unknown field "tablez"`},
	} {
		_, err := Replicate(Env{Source: Tables{}}, ReplicateOptions{Demo: true, Spec: tc.spec})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("spec %s: error %v, want %q", tc.spec, err, tc.want)
		}
	}
	if _, err := Replicate(Env{Source: Tables{}}, ReplicateOptions{Demo: true, Tables: []string{"table99"}}); err == nil || !strings.Contains(err.Error(), `no table "table99"`) {
		t.Errorf("unknown table id: %v", err)
	}
}
