package command

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
	"github.com/wiodlab/wiodlab/core/table"
)

// TestIONational runs io on the WIOD 2016 national tables of the USA and
// Australia: the sectors are detected as wiod2016, only manufacturing rows
// are kept (19 industries × 15 years × 2 countries), and the JSON of a row
// has exactly the nine keys of the contract.
func TestIONational(t *testing.T) {
	dir := shared.Dir(t, "wiod2016-national")
	files := []string{filepath.Join(dir, "USA_niot.csv.gz"), filepath.Join(dir, "AUS_niot.csv.gz")}
	var fractions []float64
	env := Env{Source: Files{}, Progress: func(f float64, msg string) { fractions = append(fractions, f) }}
	res, err := IO(env, IOOptions{WIOT: files})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 19*15*2 {
		t.Fatalf("%d rows, want %d", len(res.Rows), 19*15*2)
	}
	if !reflect.DeepEqual(res.Sectors, []string{"wiod2016", "wiod2016"}) || len(res.Methods) != 30 {
		t.Errorf("sectors %v, %d methods", res.Sectors, len(res.Methods))
	}
	first, last := res.Rows[0], res.Rows[len(res.Rows)-1]
	if first.Country != "USA" || first.Industry != "C10-C12" || first.Year != 2000 || last.Country != "AUS" || last.Industry != "C33" || last.Year != 2014 {
		t.Errorf("first %+v, last %+v", first, last)
	}
	if len(fractions) != 2 || fractions[1] != 1 {
		t.Errorf("progress %v", fractions)
	}
	for _, r := range res.Rows {
		if r.DigFor != 0 || r.Dig != r.DigDom || r.Dig < 0 || r.Dig >= 1 {
			t.Fatalf("national row %+v", r)
		}
	}
	b, err := json.Marshal(res.Rows[:1])
	if err != nil {
		t.Fatal(err)
	}
	var objs []map[string]any
	if err := json.Unmarshal(b, &objs); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range objs[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := append([]string(nil), IOColumns...)
	sort.Strings(want)
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("JSON keys %v, want %v", keys, want)
	}
	var csv bytes.Buffer
	if err := res.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if lines[0] != strings.Join(IOColumns, ",") || len(lines) != len(res.Rows)+1 || !strings.HasPrefix(lines[1], "USA,C10-C12,2000,") {
		t.Errorf("CSV starts %q, %q; %d lines", lines[0], lines[1], len(lines))
	}
	all, err := IO(env, IOOptions{WIOT: files[:1], AllIndustries: true, Sectors: "wiod2016"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Rows) != 56*15 {
		t.Errorf("--all-industries: %d rows", len(all.Rows))
	}
}

// TestIOTables runs io over an in-memory source (the browser's path) with a
// classification given as JSON text.
func TestIOTables(t *testing.T) {
	tab := table.New("X_niot")
	add := func(name string, s []string, f []float64) {
		c := &table.Column{Name: name, Kind: table.Float, F: f}
		if s != nil {
			c = &table.Column{Name: name, Kind: table.String, S: s}
		}
		tab.Cols = append(tab.Cols, c)
	}
	// A two-industry national table (Miller and Blair 2009, sec. 2.3.1).
	add("Year", nil, []float64{2000, 2000})
	add("Code", []string{"s1", "s2"}, nil)
	add("Description", []string{"one", "two"}, nil)
	add("Origin", []string{"Domestic", "Domestic"}, nil)
	add("s1", nil, []float64{150, 200})
	add("s2", nil, []float64{500, 100})
	add("GO", nil, []float64{1000, 2000})
	env := Env{Source: Tables{"X_niot": tab}}
	res, err := IO(env, IOOptions{WIOT: []string{"X_niot"}, Format: "json",
		Sectors: `{"name": "mb", "digital": ["s1"], "services": ["s2"], "manufacturing": ["s1"]}`})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 || res.Rows[0].Country != "X" || res.Sectors[0] != "mb" {
		t.Fatalf("rows %+v, sectors %v", res.Rows, res.Sectors)
	}
	// By hand: (I−A)⁻¹ = [.95 .25; .20 .85]/.7575, b_S,1 = .95/.7575 − 1.
	if want := 0.95/0.7575 - 1; abs(res.Rows[0].BDig-want) > 1e-14 {
		t.Errorf("b_dig = %.17g, want %.17g", res.Rows[0].BDig, want)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestIOErrors(t *testing.T) {
	env := Env{Source: Tables{}}
	for _, tc := range []struct {
		opt  IOOptions
		want string
	}{
		{IOOptions{}, "no input-output table given"},
		{IOOptions{WIOT: []string{"x"}, Format: "xml"}, `unknown format "xml"`},
		{IOOptions{WIOT: []string{"x"}, Sectors: "wiod2020"}, `"wiod2020" is neither`},
		{IOOptions{WIOT: []string{"x"}}, `no table "x"`},
	} {
		if _, err := IO(env, tc.opt); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.opt, err, tc.want)
		}
	}
}

func TestDetectSectors(t *testing.T) {
	if s := DetectSectors([]string{"c1", "c35"}); s != "wiod2013" {
		t.Error(s)
	}
	for _, odd := range []string{"c", "C1", "c1a", "c-1", " c1", "c１"} {
		if s := DetectSectors([]string{"c1", odd}); s != "wiod2016" {
			t.Errorf("DetectSectors(c1, %q) = %s, want wiod2016", odd, s)
		}
	}
	if s := DetectSectors([]string{"c1", "C26"}); s != "wiod2016" {
		t.Error(s)
	}
}
