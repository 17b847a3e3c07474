package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
	"gonum.org/v1/gonum/mat"
)

// randomTable makes a table with float columns (some NaN) and string columns
// (repeating labels, some missing, some empty or with markup).
func randomTable(rng *rand.Rand, rows int) *table.Table {
	t := table.New("random.csv")
	labels := []string{"AUS", "USA", "C26", "", "<img src=x onerror=alert(1)>", "中国", "J62_J63"}
	for c := range 3 {
		f := make([]float64, rows)
		for i := range f {
			switch rng.IntN(10) {
			case 0:
				f[i] = math.NaN()
			case 1:
				f[i] = math.Inf(1 - 2*rng.IntN(2))
			default:
				f[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(20)-10))
			}
		}
		if err := t.AddFloat("x"+string(rune('0'+c)), f); err != nil {
			panic(err)
		}
	}
	s := make([]string, rows)
	miss := make([]bool, rows)
	for i := range s {
		s[i] = labels[rng.IntN(len(labels))]
		miss[i] = rng.IntN(8) == 0
		if miss[i] {
			s[i] = ""
		}
	}
	t.Cols = append(t.Cols, &table.Column{Name: "country", Kind: table.String, S: s, Missing: miss})
	t.Cols = append(t.Cols, &table.Column{Name: "nomiss", Kind: table.String, S: append([]string(nil), s...)})
	return t
}

func TestColumnarRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1)) // fixed seed
	for _, rows := range []int{0, 1, 2, 17, 1000} {
		tab := randomTable(rng, rows)
		cols := make([]storedColumn, len(tab.Cols))
		for j, c := range tab.Cols {
			cols[j] = encodeColumn(c)
		}
		back, err := decodeTable(tab.Name, cols)
		if err != nil {
			t.Fatalf("rows=%d: %v", rows, err)
		}
		if back.NRows() != tab.NRows() || !reflect.DeepEqual(back.Names(), tab.Names()) {
			t.Fatalf("rows=%d: shape %d×%v, want %d×%v", rows, back.NRows(), back.Names(), tab.NRows(), tab.Names())
		}
		for j, c := range tab.Cols {
			b := back.Cols[j]
			if b.Kind != c.Kind {
				t.Fatalf("rows=%d col %s: kind %v, want %v", rows, c.Name, b.Kind, c.Kind)
			}
			for i := range rows {
				if c.IsMissing(i) != b.IsMissing(i) {
					t.Fatalf("rows=%d col %s row %d: missing %v, want %v", rows, c.Name, i, b.IsMissing(i), c.IsMissing(i))
				}
				if c.Kind == table.Float && !sameFloat(c.F[i], b.F[i]) {
					t.Fatalf("rows=%d col %s row %d: %v, want %v", rows, c.Name, i, b.F[i], c.F[i])
				}
				if c.Kind == table.String && !c.IsMissing(i) && c.S[i] != b.S[i] {
					t.Fatalf("rows=%d col %s row %d: %q, want %q", rows, c.Name, i, b.S[i], c.S[i])
				}
			}
		}
		// Labels repeat: the dictionary holds each distinct value once.
		if rows == 1000 {
			if d := len(cols[3].Dict); d > 7 {
				t.Errorf("dictionary of %d entries for 7 distinct labels", d)
			}
			if got, want := storedBytes(cols), 3*8*rows+2*4*rows; got > want+200 {
				t.Errorf("stored size %d bytes, want about %d", got, want)
			}
		}
	}
}

func TestDecodeRejectsBadStorage(t *testing.T) {
	for _, tc := range []struct {
		name string
		cols []storedColumn
		want string
	}{
		{"code beyond dictionary", []storedColumn{{Name: "c", Kind: table.String, Dict: []string{"a"}, Codes: []uint32{1, 2}}}, "code 2"},
		{"unequal lengths", []storedColumn{{Name: "a", Kind: table.Float, F: []float64{1, 2}}, {Name: "b", Kind: table.Float, F: []float64{1}}}, "has 1 rows"},
		{"unknown kind", []storedColumn{{Name: "k", Kind: table.Kind(9)}}, "unknown kind"},
	} {
		_, err := decodeTable("t", tc.cols)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestHead(t *testing.T) {
	tab := table.New("h")
	if err := tab.AddFloat("x", []float64{1.5, math.NaN(), 3}); err != nil {
		t.Fatal(err)
	}
	tab.Cols = append(tab.Cols, &table.Column{Name: "s", Kind: table.String, S: []string{"<b>", "", "z"}, Missing: []bool{false, true, false}})
	h := head(tab, 2)
	want := [][]string{{"1.5", "<b>"}, {"", ""}}
	if h.Rows != 3 || !reflect.DeepEqual(h.Cells, want) {
		t.Errorf("head = %d rows %q, want 3 rows %q", h.Rows, h.Cells, want)
	}
	if got := head(tab, 100); len(got.Cells) != 3 {
		t.Errorf("head(100) of 3 rows gave %d", len(got.Cells))
	}
}

type optTest struct {
	Data    string   `json:"data" js:"data"`
	Wiot    []string `json:"wiot" js:"wiot"`
	Size    string   `json:"size,omitempty"`
	Hidden  int      `json:"-"`
	private int
}

func TestOptionFields(t *testing.T) {
	got := optionFields(reflect.TypeOf(optTest{}))
	want := []optionField{{"data", false}, {"wiot", true}, {"size", false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("optionFields = %v, want %v", got, want)
	}
	if err := unknownOption([]string{"data", "onProgress", "wiot"}, got); err != nil {
		t.Errorf("known keys rejected: %v", err)
	}
	err := unknownOption([]string{"data", "formla"}, got)
	if err == nil || !strings.Contains(err.Error(), "not defined: formla") || !strings.Contains(err.Error(), "data, size, wiot") {
		t.Errorf("unknown key: error %v", err)
	}
}

func TestCLIErrorAndNames(t *testing.T) {
	if got := cliError("reg", errString("unknown column \"x\"")); got != `wiodlab reg: unknown column "x"` {
		t.Errorf("cliError = %q", got)
	}
	for _, bad := range []string{"", "a\x00b", strings.Repeat("x", 201)} {
		if validName(bad) == nil {
			t.Errorf("validName(%q) accepted", bad)
		}
	}
	if err := validName("grunfeld.csv"); err != nil {
		t.Error(err)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// BenchmarkColumnar encodes and decodes a WIOD-sized table (2464 rows, 2700
// float columns would be 53 MB; here 2464 × 200 floats and 4 label columns)
// as stored in IndexedDB.
func BenchmarkColumnar(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	tab := table.New("wiot")
	for c := range 200 {
		f := make([]float64, 2464)
		for i := range f {
			f[i] = rng.Float64()
		}
		if err := tab.AddFloat(fmt.Sprint("x", c), f); err != nil {
			b.Fatal(err)
		}
	}
	for c := range 4 {
		s := make([]string, 2464)
		for i := range s {
			s[i] = fmt.Sprint("AUS", i%56, c)
		}
		tab.Cols = append(tab.Cols, &table.Column{Name: fmt.Sprint("label", c), Kind: table.String, S: s})
	}
	b.ResetTimer()
	for b.Loop() {
		cols := make([]storedColumn, len(tab.Cols))
		for j, c := range tab.Cols {
			cols[j] = encodeColumn(c)
		}
		if _, err := decodeTable("wiot", cols); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTableCache checks stamps, copies and the byte bound of the worker's
// table cache.
func TestTableCache(t *testing.T) {
	tab := func(name string, rows int) *table.Table {
		x := table.New(name)
		if err := x.AddFloat("x", make([]float64, rows)); err != nil {
			t.Fatal(err)
		}
		return x
	}
	c := newTableCache(8 * 250) // room for 250 floats
	c.put("a", "s1", tab("a", 100))
	if _, ok := c.get("a", "s2"); ok {
		t.Error("served a table whose stored stamp changed")
	}
	if _, ok := c.get("a", ""); ok {
		t.Error("served a table for a record without stamp")
	}
	got, ok := c.get("a", "s1")
	if !ok || got.NRows() != 100 {
		t.Fatalf("get(a, s1) = %v, %v", got, ok)
	}
	got.Name = "renamed"
	got.Cols[0].Name = "y"
	got.Cols = append(got.Cols, &table.Column{Name: "z"})
	if again, _ := c.get("a", "s1"); again.Name != "a" || len(again.Cols) != 1 || again.Cols[0].Name != "x" {
		t.Errorf("a caller's change to its copy reached the cache: %+v", again)
	}
	c.put("b", "s1", tab("b", 100))
	c.get("a", "s1") // a is now used more recently than b
	c.put("c", "s1", tab("c", 100))
	if _, ok := c.get("b", "s1"); ok {
		t.Error("the least recently used table was not evicted")
	}
	if _, ok := c.get("a", "s1"); !ok {
		t.Error("a recently used table was evicted")
	}
	c.put("big", "s1", tab("big", 300))
	if _, ok := c.get("big", "s1"); ok || c.used > c.max {
		t.Errorf("a table larger than the bound was cached (used %d of %d)", c.used, c.max)
	}
	io := []*wiod.IOTable{{Z: mat.NewDense(2, 2, nil), X: []float64{1, 2}}}
	c.setIO("a", "s0", io) // a stale version: ignored
	if _, ok := c.getIO("a", "s1"); ok {
		t.Error("input-output tables of another version were kept")
	}
	c.setIO("a", "s1", io)
	if got, ok := c.getIO("a", "s1"); !ok || got[0] != io[0] {
		t.Error("input-output tables of the cached version were not kept")
	}
	if _, ok := c.getIO("a", "s2"); ok {
		t.Error("served input-output tables of a replaced version")
	}
	c.drop("a")
	c.reset()
	if c.used != 0 || len(c.entries) != 0 {
		t.Errorf("after reset: %d bytes in %d entries", c.used, len(c.entries))
	}
}
