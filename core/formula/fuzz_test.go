package formula

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

var parseSeeds = []string{
	"y ~ x1 + x2",
	"y ~ x - 1 | fe1 + fe2^fe3",
	"y ~ x | fe | d1 + d2 ~ z1 + z2",
	"D.y ~ L.y + L2.y + L(1/3).x + F.w + D2.z + 0",
	"`a b` ~ `c.d` | `e f`^g",
	"y ~ 1 | id",
	"y ~ x1 + + x2",
	"y ~ L(3/1).x",
	"y ~ | ~",
	"l.y ~ d3.x | d ~ f.z",
	"y ~ x | d ~ z | a",
	"y ~ \"s\" < 3 & .5",
}

// FuzzParse checks that Parse never panics, that its errors point inside or
// just past the input, and that String() of a parsed formula parses back to
// the same formula.
func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := Parse(s)
		if err != nil {
			pe, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse(%q): error of type %T", s, err)
			}
			if pe.Col < 1 || pe.Col > len([]rune(s))+1 {
				t.Fatalf("Parse(%q): column %d outside the input", s, pe.Col)
			}
			_ = pe.Error()
			return
		}
		str := g.String()
		h, err := Parse(str)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", s, str, err)
		}
		g.Source, h.Source = "", ""
		if !reflect.DeepEqual(g, h) {
			t.Fatalf("round trip of %q through %q: %+v != %+v", s, str, g, h)
		}
		if h.String() != str {
			t.Fatalf("String not canonical: %q then %q", str, h.String())
		}
	})
}

var filterSeeds = []string{
	"year != 2008",
	`tech == "high"`,
	`!(year < 2003 | country == "USA") & x >= -1.5e3`,
	"x > . | y == .",
	"a && b || !c",
	`s == "a\"b\\c"`,
	"x = 3",
	"((((x))))",
	"x ~= 2 & ~y",
	`!missing(x, y) & inlist(c, "a", "b") | inrange(t, ., 2008)`,
	"log(x)",
}

// FuzzFilter checks that ParseFilter never panics, that String() is a fixed
// point (it parses back to a filter with the same String()), and that
// evaluating on a small table never panics and agrees with the canonical form.
func FuzzFilter(f *testing.F) {
	for _, s := range filterSeeds {
		f.Add(s)
	}
	tb := table.New("fuzz")
	tb.AddFloat("x", []float64{0, 1, -2.5, math.NaN()})
	tb.AddFloat("y", []float64{3, 1, math.Inf(1), 2})
	tb.AddString("c", []string{"a", "b", "", "a\"b"}, []bool{false, false, true, false})
	tb.AddFloat("t", []float64{2007, 2008, 2009, 2010})
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseFilter(s)
		if err != nil {
			pe, ok := err.(*Error)
			if !ok {
				t.Fatalf("ParseFilter(%q): error of type %T", s, err)
			}
			if pe.Col < 1 || pe.Col > len([]rune(s))+1 {
				t.Fatalf("ParseFilter(%q): column %d outside the input", s, pe.Col)
			}
			return
		}
		str := g.String()
		h, err := ParseFilter(str)
		if err != nil {
			t.Fatalf("ParseFilter(%q).String() = %q does not parse: %v", s, str, err)
		}
		if h.String() != str {
			t.Fatalf("String not a fixed point: %q then %q", str, h.String())
		}
		if strings.ContainsRune(str, '\n') && !strings.ContainsRune(s, '\n') {
			t.Fatalf("String added a newline: %q", str)
		}
		k1, err1 := g.Eval(tb)
		k2, err2 := h.Eval(tb)
		if (err1 == nil) != (err2 == nil) || !reflect.DeepEqual(k1, k2) {
			t.Fatalf("%q and its canonical form %q evaluate differently: %v %v / %v %v", s, str, k1, err1, k2, err2)
		}
	})
}
