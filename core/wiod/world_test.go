package wiod

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/table"
)

// randomWorld returns a world table of nc countries × ni industries with
// values of assorted magnitudes (including zeros and non-integers), fixed seed.
func randomWorld(seed uint64, countries []string, ni int) *IOTable {
	rng := rand.New(rand.NewPCG(seed, 1))
	n := len(countries) * ni
	t := &IOTable{Source: "random", Layout: World, Year: 2014, Z: mat.NewDense(n, n, nil), X: make([]float64, n), VA: make([]float64, n), FinalDemand: make([]float64, n)}
	for _, c := range countries {
		for k := 0; k < ni; k++ {
			t.Country = append(t.Country, c)
			t.Industry = append(t.Industry, Industries2016[k%56])
			t.Desc = append(t.Desc, Descriptions2016[k%56])
		}
	}
	val := func() float64 {
		switch rng.IntN(4) {
		case 0:
			return 0
		case 1:
			return math.Round(rng.Float64() * 1000)
		default:
			return rng.ExpFloat64() * math.Pow(10, float64(rng.IntN(9)-3))
		}
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			t.Z.Set(i, j, val())
		}
		t.FinalDemand[i] = val()
	}
	for j := 0; j < n; j++ {
		t.X[j] = val() + 1e3
		t.VA[j] = val()
	}
	return t
}

func writeWorld(t testing.TB, w *IOTable, fd ...[]float64) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteWorld(&b, w, fd...); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWorldRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name      string
		countries []string
		ni        int
		fdCats    int // 0: FinalDemand as one column per country
	}{
		{"one country", []string{"AAA"}, 7, 0},
		{"one country, 5 categories", []string{"AAA"}, 4, 5},
		{"three countries", []string{"AUS", "CHN", "ROW"}, 5, 0},
		{"WIOD 2016 shape, 5 categories", []string{"DEU", "USA", "ROW"}, 56, 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := randomWorld(42, c.countries, c.ni)
			var fd [][]float64
			if c.fdCats > 0 {
				rng := rand.New(rand.NewPCG(7, 7))
				for i := 0; i < w.N(); i++ {
					row := make([]float64, c.fdCats*len(c.countries))
					s := 0.0
					for k := range row {
						row[k] = math.Round(rng.Float64()*1e4) / 8
						s += row[k]
					}
					fd = append(fd, row)
					w.FinalDemand[i] = s // exact: multiples of 1/8 well below 2^53
				}
			}
			data := writeWorld(t, w, fd...)
			got, err := ReadWorld(bytes.NewReader(data), "rt.csv")
			if err != nil {
				t.Fatal(err)
			}
			got.Source = w.Source
			if !equalIO(got, w) {
				t.Fatalf("round trip differs")
			}
			// And through table.Read + FromTable.
			tb, err := table.Read(bytes.NewReader(data), table.ReadOptions{Name: "rt.csv"})
			if err != nil {
				t.Fatal(err)
			}
			got2, err := FromTable(tb)
			if err != nil {
				t.Fatal(err)
			}
			got2.Source = w.Source
			if !equalIO(got2, w) {
				t.Fatalf("FromTable round trip differs")
			}
		})
	}
}

// badWorld returns a small valid world table as CSV lines (header first) to
// be corrupted by the cases below. Lines: 1 header, 2–7 sectors A1 A2 A3 B1
// B2 B3, 8 VA, 9 GO.
func badWorld(t *testing.T) []string {
	w := randomWorld(3, []string{"A", "B"}, 3)
	clear(w.Desc) // descriptions hold commas; keep fields splittable on ','
	return strings.Split(strings.TrimSuffix(string(writeWorld(t, w)), "\n"), "\n")
}

func setField(line string, col int, v string) string {
	f := strings.Split(line, ",")
	f[col-1] = v
	return strings.Join(f, ",")
}

func TestReadWorldBadInput(t *testing.T) {
	for _, c := range []struct {
		name     string
		edit     func(l []string) []string
		want     error
		line     int
		col      int
		contains string
	}{
		{"unknown layout", func(l []string) []string { l[0] = strings.Replace(l[0], `"RNr"`, `"Row"`, 1); return l }, ErrLayout, 1, 0, "is not the world layout"},
		{"ragged row", func(l []string) []string { l[3] += ",1"; return l }, table.ErrRagged, 4, 0, "fields"},
		{"non-numeric cell", func(l []string) []string { l[4] = setField(l[4], 9, "x1"); return l }, table.ErrNumeric, 5, 9, `"x1"`},
		{"missing cell in Z", func(l []string) []string { l[4] = setField(l[4], 7, "NA"); return l }, table.ErrMissing, 5, 7, "number is required"},
		{"duplicate column label", func(l []string) []string { l[0] = strings.Replace(l[0], `"A2"`, `"A1"`, 1); return l }, table.ErrDuplicate, 1, 7, "A1"},
		{"duplicate country-industry", func(l []string) []string { l[3] = setField(l[3], 1, `"A01"`); return l }, table.ErrDuplicate, 4, 1, "A A01"},
		{"rows out of column order", func(l []string) []string { l[2], l[3] = l[3], l[2]; return l }, ErrLabels, 3, 4, "A3"},
		{"sector row missing", func(l []string) []string { return append(l[:6], l[7:]...) }, ErrLabels, 7, 0, `column 11 ("B3") has no sector row`},
		{"negative gross output", func(l []string) []string { l[8] = setField(l[8], 8, "-5"); return l }, ErrNegativeOutput, 9, 8, "-5"},
		{"missing GO row", func(l []string) []string { return l[:8] }, ErrMissingGO, 9, 0, "GO"},
		{"years mixed", func(l []string) []string { l[5] = setField(l[5], 5, "2015"); return l }, ErrMixedYears, 6, 5, "2015"},
		{"sector row after bottom rows", func(l []string) []string { return append(l, l[1]) }, ErrLabels, 10, 3, "after the bottom rows"},
		{"empty file", func(l []string) []string { return nil }, table.ErrEmpty, 1, 0, ""},
		{"header only", func(l []string) []string { return l[:1] }, ErrLabels, 0, 0, "no sector rows"},
		{"bad quote", func(l []string) []string { l[2] = `"c"x` + l[2]; return l }, table.ErrQuote, 3, 0, "quote"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := c.edit(badWorld(t))
			in := strings.Join(l, "\n")
			_, err := ReadWorld(strings.NewReader(in), "bad.csv")
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			var pe *table.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%T is not a *table.ParseError", err)
			}
			if pe.File != "bad.csv" || (c.line > 0 && pe.Line != c.line) || (c.col > 0 && pe.Column != c.col) {
				t.Errorf("at %s line %d column %d, want line %d column %d: %v", pe.File, pe.Line, pe.Column, c.line, c.col, err)
			}
			if !strings.Contains(err.Error(), c.contains) || !strings.HasPrefix(err.Error(), "bad.csv: ") {
				t.Errorf("message %q lacks %q", err, c.contains)
			}
			// The parsed-table path reports the same problem (when the CSV itself is sound).
			tb, err2 := table.Read(strings.NewReader(in), table.ReadOptions{Name: "bad.csv"})
			if err2 != nil {
				return
			}
			_, err2 = TablesFrom(tb, Options{})
			if !errors.Is(err2, c.want) {
				t.Fatalf("TablesFrom: %v, want %v", err2, c.want)
			}
			var pe2 *table.ParseError
			if !errors.As(err2, &pe2) || pe2.File != "bad.csv" || (c.line > 0 && pe2.Line != c.line) || (c.col > 0 && pe2.Column != c.col) {
				t.Errorf("TablesFrom: %v; want line %d column %d", err2, c.line, c.col)
			}
		})
	}
}

func TestDetectLayout(t *testing.T) {
	for _, c := range []struct {
		hdr  string
		want Layout
	}{
		{"IndustryCode,IndustryDescription,Country,RNr,Year,AUS1", World},
		{"industrycode,industrydescription,country,rnr,year,AUS1", World},
		{"Year,Code,Description,Origin,A01,GO", National},
		{"country,variable,description,code,2000", SEA},
		{"Country,Variable,Description,Code,2000", SEA},
		{"firm,year,inv", Unknown},
		{"", Unknown},
	} {
		if got := DetectLayout(strings.Split(c.hdr, ",")); got != c.want {
			t.Errorf("DetectLayout(%s) = %v, want %v", c.hdr, got, c.want)
		}
	}
}

func TestReadForcedLayout(t *testing.T) {
	data := writeWorld(t, randomWorld(5, []string{"A", "B"}, 2))
	if _, err := Read(bytes.NewReader(data), "w.csv", Options{Layout: National}); !errors.Is(err, ErrLayout) || !strings.Contains(err.Error(), "world file, not a national") {
		t.Errorf("forced national on a world file: %v", err)
	}
	ts, err := Read(bytes.NewReader(data), "w.csv", Options{Layout: World})
	if err != nil || len(ts) != 1 || ts[0].N() != 4 {
		t.Errorf("forced world: %v", err)
	}
	if _, err := Read(strings.NewReader("firm,year\n1,2\n"), "p.csv", Options{}); !errors.Is(err, ErrLayout) || !strings.Contains(err.Error(), "p.csv: line 1: unknown layout: the header (firm, year) is none of the WIOD layouts") {
		t.Errorf("unknown layout: %v", err)
	}
	sea := "country,variable,description,code,2000\nUSA,GO,x,A01,1\n"
	if _, err := Read(strings.NewReader(sea), "s.csv", Options{}); !errors.Is(err, ErrLayout) {
		t.Errorf("SEA through Read: %v", err)
	}
}

// TestReadWorldXLSX reads the world sheet of ../table/testdata/small.xlsx
// (written by openpyxl, see ../table/testdata/gen_xlsx.py).
func TestReadWorldXLSX(t *testing.T) {
	f, err := os.Open("../table/testdata/small.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ts, err := Read(f, "small.xlsx", Options{Sheet: "world"})
	if err != nil {
		t.Fatal(err)
	}
	w := ts[0]
	if w.N() != 4 || w.Year != 2011 || w.Z.At(1, 3) != 8 || w.X[1] != 30 || w.VA[3] != 15 || w.FinalDemand[0] != 10 || w.FinalDemand[3] != 22 || w.Country[2] != "B" {
		t.Errorf("got N=%d Z=%v X=%v VA=%v FD=%v", w.N(), w.Z.RawMatrix().Data, w.X, w.VA, w.FinalDemand)
	}
	f.Seek(0, 0)
	// The first sheet is not a WIOD layout.
	if _, err := Read(f, "small.xlsx", Options{}); !errors.Is(err, ErrLayout) || !strings.Contains(err.Error(), "small.xlsx[data]: line 1") {
		t.Errorf("first sheet: %v", err)
	}
}
