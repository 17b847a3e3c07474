package formula

import (
	"reflect"
	"strings"
	"testing"
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
}

// FuzzFilter checks that ParseFilter never panics and that String() is a
// fixed point: it parses back to a filter with the same String().
func FuzzFilter(f *testing.F) {
	for _, s := range filterSeeds {
		f.Add(s)
	}
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
	})
}
