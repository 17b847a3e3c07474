package ioa

import (
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// golden is testdata/golden.json.gz, written by testdata/gen_golden.py
// (numpy's dense LAPACK solve on the shared WIOD files, read with pandas).
type golden struct {
	Numpy  string           `json:"numpy"`
	Tables map[string][]Row `json:"tables"`
}

func readGolden(t *testing.T) *golden {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "golden.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.NewDecoder(zr).Decode(&g); err != nil {
		t.Fatal(err)
	}
	return &g
}

// TestGolden compares every indicator of every sector with the numpy values:
// the WIOD 2013 world table of 2011 (1435 sectors) and the WIOD 2016 national
// tables of the USA and Australia (56 sectors × 15 years), to 1e-10 absolute.
// The 2011 world table is skipped with -short (wasm runs).
func TestGolden(t *testing.T) {
	dir := shared.Dir(t, "")
	g := readGolden(t)
	for _, tc := range []struct {
		file, preset string
		long         bool
	}{
		{"wiod2016-national/USA_niot.csv.gz", "wiod2016", false},
		{"wiod2016-national/AUS_niot.csv.gz", "wiod2016", false},
		{"wiod2013/wiot_2011.csv.gz", "wiod2013", true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			if tc.long && testing.Short() {
				t.Skip("the 1435-sector world table is skipped with -short")
			}
			want := g.Tables[tc.file]
			if len(want) == 0 {
				t.Fatalf("no golden rows for %s", tc.file)
			}
			f, err := os.Open(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			tabs, err := wiod.Read(f, filepath.Base(tc.file), wiod.Options{})
			if err != nil {
				t.Fatal(err)
			}
			c, err := wiod.Preset(tc.preset)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := ComputeYears(tabs, c, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := Long(rs, false)
			if len(got) != len(want) {
				t.Fatalf("%d rows, golden has %d", len(got), len(want))
			}
			worst := 0.0
			for i, w := range want {
				r := got[i]
				if r.Country != w.Country || r.Industry != w.Industry || r.Year != w.Year {
					t.Fatalf("row %d is %s-%s %d, golden %s-%s %d", i, r.Country, r.Industry, r.Year, w.Country, w.Industry, w.Year)
				}
				for _, f := range []struct {
					name      string
					got, want float64
				}{{"a_dig", r.ADig, w.ADig}, {"b_dig", r.BDig, w.BDig}, {"dig", r.Dig, w.Dig},
					{"dig_dom", r.DigDom, w.DigDom}, {"dig_for", r.DigFor, w.DigFor}, {"serv", r.Serv, w.Serv}} {
					d := math.Abs(f.got - f.want)
					worst = math.Max(worst, d)
					if !(d <= 1e-10) {
						t.Errorf("%s-%s %d %s = %.17g, numpy %.17g", r.Country, r.Industry, r.Year, f.name, f.got, f.want)
					}
				}
			}
			t.Logf("%d rows, largest absolute difference from numpy %.3g (methods: %s, sweeps %d)", len(got), worst, rs[0].Method, rs[0].Sweeps)
		})
	}
}
