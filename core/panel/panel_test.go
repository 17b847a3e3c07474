package panel

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"

	"github.com/wiodlab/wiodlab/core/table"
)

// golden holds values computed by testdata/gen_golden.py (pandas, numpy).
type golden struct {
	Panel struct {
		ID   []string              `json:"id"`
		Time []float64             `json:"time"`
		X    []*float64            `json:"x"`
		Ops  map[string][]*float64 `json:"ops"`
	} `json:"panel"`
	Pctile []struct {
		X      []float64 `json:"x"`
		P      []float64 `json:"p"`
		Pctile []float64 `json:"pctile"`
	} `json:"pctile"`
	Winsor struct {
		X     []*float64 `json:"x"`
		Group []int      `json:"group"`
		W1    []*float64 `json:"w1"`
		Lo1   float64    `json:"lo1"`
		Hi1   float64    `json:"hi1"`
		W5    []*float64 `json:"w5"`
		Lo5   float64    `json:"lo5"`
		Hi5   float64    `json:"hi5"`
		Trim5 []*float64 `json:"trim5"`
		WBy1  []*float64 `json:"wby1"`
	} `json:"winsor"`
}

func loadGolden(t *testing.T) *golden {
	t.Helper()
	var g golden
	shared.ReadJSON(t, "testdata/golden.json", &g)
	return &g
}

func nan(v []*float64) []float64 {
	out := make([]float64, len(v))
	for i, p := range v {
		if p == nil {
			out[i] = math.NaN()
		} else {
			out[i] = *p
		}
	}
	return out
}

// same reports whether a and b agree to tol (absolute), NaN matching NaN.
func same(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

func TestOpsGolden(t *testing.T) {
	g := loadGolden(t)
	tb := table.New("golden")
	tb.AddString("id", g.Panel.ID, nil)
	tb.AddFloat("time", g.Panel.Time)
	x := nan(g.Panel.X)
	tb.AddFloat("x", x)
	idx, err := New(tb, "id", "time")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range g.Panel.Ops {
		var got []float64
		k := int(name[1] - '0')
		switch name[0] {
		case 'L':
			got = idx.Lag(x, k)
		case 'F':
			got = idx.Lead(x, k)
		case 'D':
			got = idx.Diff(x, k)
		}
		w := nan(want)
		for i := range w {
			// pandas computes D2 as x - 2 L.x + L2.x in the same order; 1e-12 covers rounding.
			if !same(got[i], w[i], 1e-12) {
				t.Errorf("%s.x row %d (%s, %v): got %v, want %v", name, i+1, g.Panel.ID[i], g.Panel.Time[i], got[i], w[i])
			}
		}
	}
}

func TestLagGaps(t *testing.T) {
	// Unit a: 2000, 2001, 2003 (gap at 2002); unit b: 2001, 2002; rows shuffled;
	// row 6 has a missing time and belongs to no unit.
	tb := table.New("t")
	tb.AddString("id", []string{"a", "b", "a", "b", "a", "a"}, nil)
	tb.AddFloat("year", []float64{2003, 2002, 2000, 2001, 2001, math.NaN()})
	x := []float64{4, 20, 1, 10, 2, 99}
	tb.AddFloat("x", x)
	idx, err := New(tb, "id", "year")
	if err != nil {
		t.Fatal(err)
	}
	N := math.NaN()
	for _, tc := range []struct {
		name string
		got  []float64
		want []float64
	}{
		{"L.x", idx.Lag(x, 1), []float64{N, 10, N, N, 1, N}}, // 2003 has no 2002: missing, not 2001's value
		{"L2.x", idx.Lag(x, 2), []float64{2, N, N, N, N, N}},
		{"F.x", idx.Lead(x, 1), []float64{N, N, 2, 20, N, N}},
		{"D.x", idx.Diff(x, 1), []float64{N, 10, N, N, 1, N}},
		{"D2.x", idx.Diff(x, 2), []float64{N, N, N, N, N, N}},
		{"x", idx.Op(x, "", 0), x},
	} {
		for i := range tc.want {
			if !same(tc.got[i], tc.want[i], 0) {
				t.Errorf("%s row %d = %v, want %v", tc.name, i+1, tc.got[i], tc.want[i])
			}
		}
	}
	s := idx.Describe()
	want := Summary{Units: 2, Periods: 4, TMin: 2000, TMax: 2003, Obs: 5, Dropped: 1, MinT: 2, MaxT: 3,
		WithGaps: 1, Gaps: 1, Status: "unbalanced, with gaps"}
	if s != want {
		t.Errorf("Describe = %+v, want %+v", s, want)
	}
	if got := s.String(); got != "2 units, 2000 to 2003 (4 periods), 5 observations, 2 to 3 per unit; unbalanced, with gaps (1 units miss 1 periods inside their span); 1 rows without unit or time" {
		t.Errorf("String = %q", got)
	}
}

func TestBalanced(t *testing.T) {
	tb := table.New("t")
	tb.AddFloat("id", []float64{1, 1, 2, 2, 3, 3})
	tb.AddFloat("t", []float64{1, 2, 2, 1, 1, 2})
	idx, err := New(tb, "id", "t")
	if err != nil {
		t.Fatal(err)
	}
	if s := idx.Describe(); !s.Balanced || s.Status != "strongly balanced" || s.Units != 3 || s.Periods != 2 {
		t.Errorf("Describe = %+v", s)
	}
	if got := idx.Labels; strings.Join(got, ",") != "1,2,3" {
		t.Errorf("labels %v", got)
	}
}

func TestIndexErrors(t *testing.T) {
	for _, tc := range []struct {
		id   []string
		time []float64
		want string
	}{
		{[]string{"a", "b", "a"}, []float64{1, 1, 1}, `panel: id = a, year = 1 appears twice, at rows 1 and 3`},
		{[]string{"a", "b"}, []float64{1, 1.5}, `time variable "year" holds 1.5 at row 2`},
	} {
		tb := table.New("t")
		tb.AddString("id", tc.id, nil)
		tb.AddFloat("year", tc.time)
		_, err := New(tb, "id", "year")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New: %v, want %q", err, tc.want)
		}
	}
	tb := table.New("t")
	tb.AddString("id", []string{"a"}, nil)
	if _, err := New(tb, "id", "year"); err == nil || !strings.Contains(err.Error(), `no column "year"`) {
		t.Errorf("missing time column: %v", err)
	}
	// Text times that read as integers are accepted.
	tb.AddString("year", []string{" 2001"}, nil)
	if _, err := New(tb, "id", "year"); err != nil {
		t.Errorf("text years: %v", err)
	}
}

func TestPctileGolden(t *testing.T) {
	g := loadGolden(t)
	for _, s := range g.Pctile {
		x := append([]float64(nil), s.X...)
		sort.Float64s(x)
		for k, p := range s.P {
			if got := Pctile(x, p); got != s.Pctile[k] {
				t.Errorf("n=%d p%v: got %v, want %v", len(x), p, got, s.Pctile[k])
			}
		}
	}
}

// TestPctileStatalist checks the worked example posted to Statalist (Tom
// Trikalinos, 3 Dec 2005, "Re: st: question about quantiles in summarize"):
// 32 sorted values with summarize, detail giving p25 = (-.73 + -.57)/2 = -.65
// and p75 = (.69 + .78)/2 = .735.
func TestPctileStatalist(t *testing.T) {
	x := []float64{-1.4, -1.2, -1.11, -1.08, -1.08, -1.08, -.75, -.73, -.57, -.57, -.57, -.51, -.48, -.48, -.4, -.3,
		-.09, -.07, .47, .49, .49, .54, .67, .69, .78, .87, .94, .96, 1.15, 1.2, 1.46, 1.48}
	if got := Pctile(x, 25); math.Abs(got-(-.65)) > 1e-15 {
		t.Errorf("p25 = %v, want -.65", got)
	}
	if got := Pctile(x, 75); math.Abs(got-.735) > 1e-15 {
		t.Errorf("p75 = %v, want .735", got)
	}
	if got := Pctile(x, 50); math.Abs(got-(-.3-.09)/2) > 1e-15 {
		t.Errorf("p50 = %v", got)
	}
}

func TestWinsorGolden(t *testing.T) {
	g := loadGolden(t).Winsor
	x := nan(g.X)
	check := func(name string, got []float64, want []*float64) {
		t.Helper()
		w := nan(want)
		for i := range w {
			if !same(got[i], w[i], 0) {
				t.Errorf("%s row %d: got %v, want %v", name, i+1, got[i], w[i])
			}
		}
	}
	w1, lo, hi := Winsorize(x, 1, 99)
	if lo != g.Lo1 || hi != g.Hi1 {
		t.Errorf("cuts (%v, %v), want (%v, %v)", lo, hi, g.Lo1, g.Hi1)
	}
	check("winsor 1/99", w1, g.W1)
	w5, lo5, hi5 := Winsorize(x, 5, 95)
	if lo5 != g.Lo5 || hi5 != g.Hi5 {
		t.Errorf("cuts (%v, %v), want (%v, %v)", lo5, hi5, g.Lo5, g.Hi5)
	}
	check("winsor 5/95", w5, g.W5)
	t5, _, _ := WinsorizeBy(x, make([]int, len(x)), 1, 5, 95, true)
	check("trim 5/95", t5, g.Trim5)
	wb, _, _ := WinsorizeBy(x, g.Group, 4, 1, 99, false)
	check("winsor by group", wb, g.WBy1)

	// Through a table, with --winsor parsing and by().
	tb := table.New("t")
	tb.AddFloat("x", x)
	grp := make([]float64, len(x))
	for i, v := range g.Group {
		grp[i] = float64(v)
	}
	tb.AddFloat("g", grp)
	w, err := ParseWinsor("x")
	if err != nil {
		t.Fatal(err)
	}
	out, notes, err := w.Apply(tb)
	if err != nil {
		t.Fatal(err)
	}
	check("Apply", out.Col("x").F, g.W1)
	if len(notes) != 1 || !strings.Contains(notes[0], "winsorised x at p1") {
		t.Errorf("notes %q", notes)
	}
	if !same(tb.Col("x").F[0], x[0], 0) || &tb.Col("x").F[0] == &out.Col("x").F[0] {
		t.Error("Apply modified its input")
	}
	if w, err = ParseWinsor("x:by=g"); err != nil {
		t.Fatal(err)
	}
	out, _, err = w.Apply(tb)
	if err != nil {
		t.Fatal(err)
	}
	check("Apply by", out.Col("x").F, g.WBy1)
}

func TestParseWinsor(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Winsor
		err  string
	}{
		{in: "x", want: Winsor{Vars: []string{"x"}, Low: 1, High: 99}},
		{in: "x, y:0.05", want: Winsor{Vars: []string{"x", "y"}, Low: 5, High: 95}},
		{in: "x:0.025", want: Winsor{Vars: []string{"x"}, Low: 2.5, High: 97.5}},
		{in: "x:by=g", want: Winsor{Vars: []string{"x"}, Low: 1, High: 99, By: []string{"g"}}},
		{in: "x,y:0.05:by=g, h", want: Winsor{Vars: []string{"x", "y"}, Low: 5, High: 95, By: []string{"g", "h"}}},
		{in: "x:by=g:0.05", want: Winsor{Vars: []string{"x"}, Low: 5, High: 95, By: []string{"g"}}},
		{in: "x:by=", err: "empty grouping variable"},
		{in: "x:0.1:0.2", err: "not a tail fraction"},
		{in: "x:1", err: "strictly between 0 and 0.5"},
		{in: "x:abc", err: "strictly between 0 and 0.5"},
		{in: "x,,y", err: "empty variable name"},
	} {
		got, err := ParseWinsor(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseWinsor(%q): %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || strings.Join(got.Vars, "|") != strings.Join(tc.want.Vars, "|") || got.Low != tc.want.Low || got.High != tc.want.High ||
			strings.Join(got.By, "|") != strings.Join(tc.want.By, "|") {
			t.Errorf("ParseWinsor(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	tb := table.New("t")
	tb.AddString("s", []string{"a"}, nil)
	if _, _, err := (Winsor{Vars: []string{"s"}, Low: 1, High: 99}).Apply(tb); err == nil || !strings.Contains(err.Error(), "holds text") {
		t.Errorf("text column: %v", err)
	}
	if _, _, err := (Winsor{Vars: []string{"z"}, Low: 1, High: 99}).Apply(tb); err == nil || !strings.Contains(err.Error(), `no column "z"`) {
		t.Errorf("unknown column: %v", err)
	}
}
