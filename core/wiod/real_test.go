package wiod

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
	"github.com/wiodlab/wiodlab/core/table"
)

// golden holds values read from the real files by pandas
// (testdata/gen_golden.py, float_precision="round_trip").
type golden struct {
	World struct {
		File     string      `json:"file"`
		N        int         `json:"n"`
		Year     int         `json:"year"`
		NFinal   int         `json:"n_final_columns"`
		FirstRaw []string    `json:"first"`
		LastRaw  []string    `json:"last"`
		Z        [][]float64 `json:"z"`
		X        [][]float64 `json:"x"`
		VA       [][]float64 `json:"va"`
		FD       [][]float64 `json:"final_demand"`
		SumX     float64     `json:"sum_x"`
		SumZ     float64     `json:"sum_z"`
		SumVA    float64     `json:"sum_va"`
		SumFD    float64     `json:"sum_fd"`
	} `json:"world_2011"`
	USA  nationalGolden `json:"national_USA"`
	AUS  nationalGolden `json:"national_AUS"`
	SEAs struct {
		File      string   `json:"file"`
		Rows      int      `json:"rows"`
		Variables []string `json:"variables"`
		Values    []struct {
			Country  string   `json:"country"`
			Variable string   `json:"variable"`
			Code     string   `json:"code"`
			Year     int      `json:"year"`
			Value    *float64 `json:"value"`
		} `json:"values"`
	} `json:"sea_USA"`
}

type nationalGolden struct {
	File       string   `json:"file"`
	Years      []int    `json:"years"`
	Industries []string `json:"industries"`
	Final      []string `json:"final_columns"`
	PerYear    []struct {
		Year int         `json:"year"`
		Z    [][]float64 `json:"z"`
		X    [][]float64 `json:"x"`
		FD   [][]float64 `json:"final_demand"`
	} `json:"per_year"`
}

func loadGolden(t *testing.T) *golden {
	t.Helper()
	var g golden
	shared.ReadJSON(t, "testdata/golden.json", &g)
	return &g
}

// Cells are parsed from the same decimal text by both sides, so they agree
// exactly; sums differ only by summation order (relative 1e-13).
const sumTol = 1e-13

func close(a, b, rel float64) bool {
	return a == b || math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))
}

func openShared(t testing.TB, sub, file string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(shared.Dir(t, sub), file))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func checkWorld2011(t *testing.T, g *golden, w *IOTable) {
	t.Helper()
	gw := g.World
	if w.N() != gw.N || w.Year != gw.Year || w.Layout != World {
		t.Fatalf("N=%d year=%d layout=%v, want %d %d world", w.N(), w.Year, w.Layout, gw.N, gw.Year)
	}
	if w.Country[0] != gw.FirstRaw[0] || w.Industry[0] != gw.FirstRaw[1] || w.Country[w.N()-1] != gw.LastRaw[0] || w.Industry[w.N()-1] != gw.LastRaw[1] {
		t.Errorf("first/last sector %s %s / %s %s, want %v / %v", w.Country[0], w.Industry[0], w.Country[w.N()-1], w.Industry[w.N()-1], gw.FirstRaw, gw.LastRaw)
	}
	for _, c := range gw.Z {
		if got := w.Z.At(int(c[0]), int(c[1])); got != c[2] {
			t.Errorf("Z[%v][%v] = %v, want %v", c[0], c[1], got, c[2])
		}
	}
	for _, c := range gw.X {
		if got := w.X[int(c[0])]; got != c[1] {
			t.Errorf("X[%v] = %v, want %v", c[0], got, c[1])
		}
	}
	for _, c := range gw.VA {
		if got := w.VA[int(c[0])]; got != c[1] {
			t.Errorf("VA[%v] = %v, want %v", c[0], got, c[1])
		}
	}
	for _, c := range gw.FD {
		if got := w.FinalDemand[int(c[0])]; !close(got, c[1], sumTol) {
			t.Errorf("FinalDemand[%v] = %v, want %v", c[0], got, c[1])
		}
	}
	var sx, sz, sva, sfd float64
	for i := 0; i < w.N(); i++ {
		sx += w.X[i]
		sva += w.VA[i]
		sfd += w.FinalDemand[i]
		for j := 0; j < w.N(); j++ {
			sz += w.Z.At(i, j)
		}
	}
	for _, s := range []struct {
		name      string
		got, want float64
	}{{"sum X", sx, gw.SumX}, {"sum Z", sz, gw.SumZ}, {"sum VA", sva, gw.SumVA}, {"sum FD", sfd, gw.SumFD}} {
		if !close(s.got, s.want, sumTol) {
			t.Errorf("%s = %v, want %v", s.name, s.got, s.want)
		}
	}
}

func TestReadWorldReal(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 1435-sector table; skipped with -short")
	}
	g := loadGolden(t)
	w, err := ReadWorld(openShared(t, "wiod2013", "wiot_2011.csv.gz"), "wiot_2011.csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	checkWorld2011(t, g, w)
	// GO row equals X and, up to the source's integer rounding, the row totals
	// Z·1 + f (WIOD 2013 rounds every cell to a whole million).
	var worst float64
	for i := 0; i < w.N(); i++ {
		s := w.FinalDemand[i]
		for j := 0; j < w.N(); j++ {
			s += w.Z.At(i, j)
		}
		worst = math.Max(worst, math.Abs(s-w.X[i]))
	}
	if worst > 1500 { // ≤ 0.5 per cell × 1640 cells
		t.Errorf("max |Z·1 + f − x| = %v, beyond rounding", worst)
	}
	// The same file through the generic reader and FromTable gives the same table.
	tb, err := table.Read(openShared(t, "wiod2013", "wiot_2011.csv.gz"), table.ReadOptions{Name: "wiot_2011.csv.gz"})
	if err != nil {
		t.Fatal(err)
	}
	w2, err := FromTable(tb)
	if err != nil {
		t.Fatal(err)
	}
	checkWorld2011(t, g, w2)
	if !equalIO(w, w2) {
		t.Error("FromTable(Read(f)) differs from ReadWorld(f)")
	}
}

func TestReadWorldRealYears(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 12 tables; skipped with -short")
	}
	dir := shared.Dir(t, "wiod2013")
	for y := 2000; y <= 2011; y += 11 {
		name := filepath.Join(dir, "wiot_"+itoa(y)+".csv.gz")
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		ts, err := Read(f, name, Options{})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(ts) != 1 || ts[0].Year != y || ts[0].N() != 1435 {
			t.Errorf("%s: %d tables, year %d, N %d", name, len(ts), ts[0].Year, ts[0].N())
		}
	}
}

func itoa(y int) string {
	return string(rune('0'+y/1000)) + string(rune('0'+y/100%10)) + string(rune('0'+y/10%10)) + string(rune('0'+y%10))
}

func TestReadNationalReal(t *testing.T) {
	g := loadGolden(t)
	for _, c := range []struct {
		country string
		g       nationalGolden
	}{{"USA", g.USA}, {"AUS", g.AUS}} {
		ts, err := ReadNational(openShared(t, "wiod2016-national", c.country+"_niot.csv.gz"), c.country+"_niot.csv.gz")
		if err != nil {
			t.Fatal(err)
		}
		if len(ts) != 15 || len(c.g.Years) != 15 {
			t.Fatalf("%s: %d years, want 15", c.country, len(ts))
		}
		byYear := map[int]*IOTable{}
		for k, tt := range ts {
			if tt.Year != c.g.Years[k] || tt.N() != 56 || tt.Country[0] != c.country || tt.Layout != National {
				t.Errorf("%s table %d: year %d N %d country %s", c.country, k, tt.Year, tt.N(), tt.Country[0])
			}
			if !slices.Equal(tt.Industry, c.g.Industries) {
				t.Errorf("%s %d: industries differ from the header", c.country, tt.Year)
			}
			byYear[tt.Year] = tt
		}
		for _, py := range c.g.PerYear {
			tt := byYear[py.Year]
			for _, z := range py.Z {
				if got := tt.Z.At(int(z[0]), int(z[1])); got != z[2] {
					t.Errorf("%s %d: Z[%v][%v] = %v, want %v", c.country, py.Year, z[0], z[1], got, z[2])
				}
			}
			for _, x := range py.X {
				if got := tt.X[int(x[0])]; got != x[1] {
					t.Errorf("%s %d: X[%v] = %v, want %v", c.country, py.Year, x[0], got, x[1])
				}
			}
			for _, f := range py.FD {
				if got := tt.FinalDemand[int(f[0])]; !close(got, f[1], sumTol) {
					t.Errorf("%s %d: FinalDemand[%v] = %v, want %v", c.country, py.Year, f[0], got, f[1])
				}
			}
		}
	}
}

// TestIndustries2016 checks the documented code list against the national tables' headers.
func TestIndustries2016(t *testing.T) {
	g := loadGolden(t)
	if len(Industries2016) != 56 || len(Descriptions2016) != 56 {
		t.Fatalf("%d codes, %d descriptions", len(Industries2016), len(Descriptions2016))
	}
	for _, ng := range []nationalGolden{g.USA, g.AUS} {
		if !slices.Equal(ng.Industries, Industries2016) {
			t.Errorf("%s header industries %v differ from Industries2016", ng.File, ng.Industries)
		}
	}
	for _, c := range []string{"USA", "AUS"} {
		rd, err := table.NewReader(openShared(t, "wiod2016-national", c+"_niot.csv.gz"), table.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if h := rd.Header()[4:60]; !slices.Equal(h, Industries2016) {
			t.Errorf("%s header %v", c, h)
		}
		rec, err := rd.Read()
		if err != nil {
			t.Fatal(err)
		}
		if rec[2] != Descriptions2016[0] {
			t.Errorf("%s first description %q, want %q", c, rec[2], Descriptions2016[0])
		}
	}
}

func TestReadSEAReal(t *testing.T) {
	g := loadGolden(t).SEAs
	s, err := ReadSEA(openShared(t, "wiod2016-national", "USA_sea.csv"), "USA_sea.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != g.Rows || len(s.Years) != 15 || s.Years[0] != 2000 || s.Years[14] != 2014 {
		t.Fatalf("%d rows, years %v", len(s.Rows), s.Years)
	}
	if !slices.Equal(s.Variables(), g.Variables) {
		t.Errorf("variables %v, want %v", s.Variables(), g.Variables)
	}
	long := s.Long()
	if long.NRows() != 56*15 || len(long.Cols) != 3+len(g.Variables) {
		t.Errorf("long table %d×%d", long.NRows(), len(long.Cols))
	}
	for _, q := range g.Values {
		v, ok := s.Value(q.Country, q.Variable, q.Code, q.Year)
		if q.Value == nil {
			if ok {
				t.Errorf("%v: got %v, want missing", q, v)
			}
			continue
		}
		if !ok || v != *q.Value {
			t.Errorf("Value(%s, %s, %s, %d) = %v, %v; want %v", q.Country, q.Variable, q.Code, q.Year, v, ok, *q.Value)
		}
		// The long table holds the same value.
		codes, _ := long.Strings("code")
		years, _ := long.Floats("year")
		col, _ := long.Floats(q.Variable)
		found := false
		for i := range codes {
			if codes[i] == q.Code && years[i] == float64(q.Year) {
				found = col[i] == *q.Value
			}
		}
		if !found {
			t.Errorf("long table lacks %s %s %d = %v", q.Variable, q.Code, q.Year, *q.Value)
		}
	}
	// Through the generic reader and SEAFromTable.
	tb, err := table.Read(openShared(t, "wiod2016-national", "USA_sea.csv"), table.ReadOptions{Name: "USA_sea.csv"})
	if err != nil {
		t.Fatal(err)
	}
	s2, err := SEAFromTable(tb)
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Rows {
		if !slices.Equal(s.Rows[i].Values, s2.Rows[i].Values) || s.Rows[i].Code != s2.Rows[i].Code {
			t.Fatalf("row %d differs through SEAFromTable", i)
		}
	}
}

func equalIO(a, b *IOTable) bool {
	if a.N() != b.N() || a.Year != b.Year || a.Layout != b.Layout ||
		!slices.Equal(a.Country, b.Country) || !slices.Equal(a.Industry, b.Industry) ||
		!slices.Equal(a.X, b.X) || !slices.Equal(a.VA, b.VA) || !slices.Equal(a.FinalDemand, b.FinalDemand) {
		return false
	}
	for i := 0; i < a.N(); i++ {
		if !slices.Equal(a.Z.RawRowView(i), b.Z.RawRowView(i)) {
			return false
		}
	}
	return true
}
