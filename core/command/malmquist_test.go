package command

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// malmquistSource serves in-memory tables by name.
type malmquistSource map[string]*table.Table

func (s malmquistSource) Table(name string) (*table.Table, error) {
	if t, ok := s[name]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("no table %q", name)
}

// malmquistEG4 is DEAP 2.1's Malmquist example (Coelli 1996, eg4-dta.txt):
// 5 firms, 3 years, output y and input x; year 3 repeats year 2. The firms
// are split into two groups for the grouped case.
func malmquistEG4(t *testing.T) *table.Table {
	t.Helper()
	y := []float64{1, 2, 3, 4, 5, 1, 3, 4, 3, 5, 1, 3, 4, 3, 5}
	x := []float64{2, 4, 3, 5, 6, 2, 4, 3, 5, 5, 2, 4, 3, 5, 5}
	var firm, ind []string
	var year []float64
	for yr := 1; yr <= 3; yr++ {
		for f := 1; f <= 5; f++ {
			firm = append(firm, fmt.Sprint(f))
			year = append(year, float64(yr))
			ind = append(ind, map[bool]string{true: "A", false: "B"}[f <= 3])
		}
	}
	tb := table.New("eg4")
	for _, err := range []error{tb.AddString("firm", firm, nil), tb.AddFloat("year", year),
		tb.AddFloat("y", y), tb.AddFloat("x", x), tb.AddString("ind", ind, nil)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return tb
}

func TestMalmquistCommandJSON(t *testing.T) {
	env := Env{Source: malmquistSource{"eg4": malmquistEG4(t)}}
	res, err := Malmquist(env, MalmquistOptions{Data: "eg4", DMU: "firm", Time: "year", Inputs: []string{"x"}, Outputs: []string{"y"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res.Rows)
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10 {
		t.Fatalf("%d rows, want 10", len(rows))
	}
	// The contract: exactly these keys without --distances.
	want := []string{"dmu", "effch", "from", "group", "malmquist", "pech", "sech", "techch", "tfp", "to"}
	var keys []string
	for k := range rows[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != strings.Join(want, ",") {
		t.Errorf("keys %v, want %v", keys, want)
	}
	// Firm 2, year 1→2 of DEAP's eg4-out.txt: tfpch 1.500, effch 1.125,
	// techch 1.333, pech 1.222, sech 0.920.
	r := rows[2]
	if r["dmu"] != "2" || r["from"] != 1.0 || r["to"] != 2.0 {
		t.Fatalf("row 2 is %v", r)
	}
	for k, v := range map[string]float64{"malmquist": 1.5, "effch": 1.125, "techch": 4.0 / 3, "pech": 1.222, "sech": 0.920, "tfp": 1.5} {
		if got := r[k].(float64); math.Abs(got-v) > 5e-4 {
			t.Errorf("%s = %g, DEAP %g", k, got, v)
		}
	}
	if res.Orientation != "output" || res.Programs == 0 {
		t.Errorf("orientation %q, programs %d", res.Orientation, res.Programs)
	}
}

func TestMalmquistCommandDistancesAndGroups(t *testing.T) {
	env := Env{Source: malmquistSource{"eg4": malmquistEG4(t)}}
	var fracs []float64
	env.Progress = func(f float64, msg string) { fracs = append(fracs, f) }
	res, err := Malmquist(env, MalmquistOptions{Data: "eg4", DMU: "firm", Time: "year", Inputs: []string{"x"},
		Outputs: []string{"y"}, Group: "ind", Orientation: "input", Distances: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(fracs) == 0 || fracs[len(fracs)-1] != 1 {
		t.Errorf("progress %v, want it to end at 1", fracs)
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(res.Rows); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"crs_t0_t0", "crs_t0_t1", "crs_t1_t0", "crs_t1_t1", "vrs_t0_t0", "vrs_t0_t1", "vrs_t1_t0", "vrs_t1_t1"} {
		if _, ok := rows[0][k]; !ok {
			t.Errorf("--distances: key %q missing", k)
		}
	}
	groups := map[any]int{}
	for _, r := range rows {
		groups[r["group"]]++
	}
	if groups["A"] != 6 || groups["B"] != 4 {
		t.Errorf("rows per group %v, want A:6 B:4", groups)
	}
	// Group B (firms 4 and 5) has 2 DMUs for 1 input + 1 output: not degenerate.
	for _, n := range res.Notes {
		if strings.Contains(n, "degenerate") {
			t.Errorf("unexpected note %q", n)
		}
	}
	var text bytes.Buffer
	if err := res.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "input orientation") || strings.Count(text.String(), "\n") < 12 {
		t.Errorf("text output:\n%s", text.String())
	}
}

func TestMalmquistCommandNullAndErrors(t *testing.T) {
	// Firm 2 misses year 2: its pairs are skipped; firm 2 keeps no pair, and
	// the notes say so. A gap inside the panel makes later tfp null.
	full := malmquistEG4(t)
	keep := make([]bool, full.NRows())
	for i := range keep {
		keep[i] = !(full.Col("firm").S[i] == "2" && full.Col("year").F[i] == 2)
	}
	gap := full.Filter(keep)
	env := Env{Source: malmquistSource{"eg4": full, "gap": gap}}
	res, err := Malmquist(env, MalmquistOptions{Data: "gap", DMU: "firm", Time: "year", Inputs: []string{"x"}, Outputs: []string{"y"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 8 || len(res.Notes) == 0 {
		t.Errorf("%d rows, notes %q; want 8 rows and a note", len(res.Rows), res.Notes)
	}
	b, err := json.Marshal(MalmquistRow{DMU: "x", TFP: math.NaN()})
	if err != nil || !strings.Contains(string(b), `"tfp":null`) {
		t.Errorf("NaN row marshals to %s, %v; want tfp null", b, err)
	}

	for _, tc := range []struct {
		opt  MalmquistOptions
		want string
	}{
		{MalmquistOptions{Data: "eg4", DMU: "firm", Time: "year", Inputs: []string{"x"}}, "--outputs"},
		{MalmquistOptions{Data: "eg4", DMU: "firm", Time: "year", Inputs: []string{"x,k"}, Outputs: []string{"y"}}, `no column "k"`},
		{MalmquistOptions{Data: "eg4", DMU: "firm", Time: "firm", Inputs: []string{"x"}, Outputs: []string{"y"}, Orientation: "sideways"}, "orientation"},
		{MalmquistOptions{Data: "eg4", DMU: "firm", Time: "ind", Inputs: []string{"x"}, Outputs: []string{"y"}}, `row 1: time column "ind" holds "A"`},
		{MalmquistOptions{Data: "eg4", DMU: "ind", Time: "year", Inputs: []string{"x"}, Outputs: []string{"y"}}, "appears twice in period 1"},
		{MalmquistOptions{Data: "nope", DMU: "firm", Time: "year", Inputs: []string{"x"}, Outputs: []string{"y"}}, `no table "nope"`},
	} {
		_, err := Malmquist(env, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want it to mention %q", tc.opt, err, tc.want)
		}
	}
}
