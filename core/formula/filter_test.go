package formula

import (
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

func TestFilter(t *testing.T) {
	tb := table.New("f")
	tb.AddFloat("year", []float64{2007, 2008, 2009, N})
	tb.AddFloat("x", []float64{0, 1, -2.5, N})
	tb.AddString("tech", []string{"high", "low", "", "mid"}, []bool{false, false, true, false})
	for _, tc := range []struct {
		in   string
		want string // one char per row: 1 kept, 0 excluded
		str  string // canonical String()
	}{
		{"year != 2008", "1011", "year != 2008"},
		{"year < 2009", "1100", "year < 2009"}, // missing is larger than every number
		{"year > 2008", "0011", "year > 2008"},
		{"year >= 2008 & year != .", "0110", "(year >= 2008 & year != .)"},
		{"year == .", "0001", "year == ."},
		{". == .", "1111", ". == ."},
		{`tech == "high"`, "1000", `tech == "high"`},
		{`tech != "high"`, "0111", `tech != "high"`},
		{`tech == ""`, "0010", `tech == ""`}, // a missing string is ""
		{`tech == .`, "0010", `tech == .`},
		{`tech < "low"`, "1010", `tech < "low"`},
		{"x", "0111", "x"}, // a bare number is "!= 0"; missing is not 0
		{"!x", "1000", "!x"},
		{"~(x) | year == 2007", "1000", "(!x | year == 2007)"},
		{`(tech == "high" | tech == "low") & !(year == 2008)`, "1000", `((tech == "high" | tech == "low") & !(year == 2008))`},
		{"year ~= 2008 && x >= -2.5", "1011", "(year != 2008 & x >= -2.5)"},
		{"x == -.25e1 || x == .", "0011", "(x == -2.5 | x == .)"},
		{"x <= year", "1111", "x <= year"},
		{"a & b | c & d", "", "((a & b) | (c & d))"},
		{"missing(x)", "0001", "missing(x)"},
		{"!missing(year, tech)", "1100", "!missing(year, tech)"},
		{"missing(.)", "1111", "missing(.)"},
		{`inlist(tech, "high", "mid")`, "1001", `inlist(tech, "high", "mid")`},
		{"inlist(year, 2007, 2009, .)", "1011", "inlist(year, 2007, 2009, .)"},
		{"inrange(year, 2008, 2009)", "0110", "inrange(year, 2008, 2009)"},
		{"inrange(year, ., 2008)", "1100", "inrange(year, ., 2008)"},
		{"inrange(year, 2008, .)", "0110", "inrange(year, 2008, .)"}, // missing z is never in range
		{`inrange(tech, "h", "m")`, "1100", `inrange(tech, "h", "m")`},
		{"inrange(x, -3, 0) & !inlist(x, 0)", "0010", "(inrange(x, -3, 0) & !inlist(x, 0))"},
	} {
		f, err := ParseFilter(tc.in)
		if err != nil {
			t.Errorf("ParseFilter(%q): %v", tc.in, err)
			continue
		}
		if s := f.String(); s != tc.str {
			t.Errorf("ParseFilter(%q).String() = %q, want %q", tc.in, s, tc.str)
		}
		if tc.want == "" {
			continue
		}
		keep, err := f.Eval(tb)
		if err != nil {
			t.Errorf("Eval(%q): %v", tc.in, err)
			continue
		}
		var b strings.Builder
		for _, k := range keep {
			if k {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		if b.String() != tc.want {
			t.Errorf("Eval(%q) = %s, want %s", tc.in, b.String(), tc.want)
		}
	}
}

func TestFilterErrors(t *testing.T) {
	tb := table.New("f")
	tb.AddFloat("year", []float64{2007})
	tb.AddString("tech", []string{"high"}, nil)
	for _, tc := range []struct {
		in   string
		col  int
		want string
	}{
		{"year = 2008", 6, `unexpected "=" (write == to compare)`},
		{"", 1, "empty filter"},
		{"year !=", 8, "unexpected end of filter"},
		{"(year == 1", 11, "unexpected end of filter"},
		{"year == 1)", 10, `unexpected ")"`},
		{`tech == "high`, 9, "unterminated string"},
		{"year == 1e999", 9, "invalid number"},
		{"year == 1..2", 9, "invalid number"},
		{"year $ 2", 6, "unexpected character '$'"},
		{"year == 2008 year", 14, `unexpected "year"`},
		{"- year", 3, `unexpected "year"`},
		{"!year == 2008", 1, "ambiguous negation: write !(year == ...)"},
		{strings.Repeat("(", 300) + "x", 202, "nested deeper"},
		{"log(x) > 1", 1, "unknown function log()"},
		{"inrange(x, 1)", 1, "inrange() takes 3 arguments, got 2"},
		{"inlist(x)", 1, "inlist() takes at least 2 arguments, got 1"},
		{"missing(x y)", 11, `unexpected "y"`},
		{"missing(x,)", 11, `unexpected ")"`},
	} {
		_, err := ParseFilter(tc.in)
		pe, ok := err.(*Error)
		if !ok || pe.Col != tc.col || !strings.Contains(pe.Msg, tc.want) {
			t.Errorf("ParseFilter(%q): %v, want column %d %q", tc.in, err, tc.col, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		col  int
		want string
	}{
		{"yr == 1", 1, `unknown variable "yr" (columns: tech, year)`},
		{`year == "2007"`, 1, "type mismatch: year is numeric but \"2007\" is a string"},
		{`tech == 1`, 9, "type mismatch: 1 is numeric but tech is a string"},
		{`tech`, 1, "cannot be used as a condition by itself"},
		{`tech < .`, 8, "compared with . by == or !="},
		{`inlist(tech, 1)`, 14, "type mismatch"},
		{`inrange(year, "a", 3)`, 9, "type mismatch in inrange()"},
		{`missing(nope)`, 9, `unknown variable "nope"`},
	} {
		f, err := ParseFilter(tc.in)
		if err != nil {
			t.Fatalf("ParseFilter(%q): %v", tc.in, err)
		}
		_, err = f.Eval(tb)
		pe, ok := err.(*Error)
		if !ok || pe.Col != tc.col || !strings.Contains(pe.Msg, tc.want) {
			t.Errorf("Eval(%q): %v, want column %d %q", tc.in, err, tc.col, tc.want)
		}
	}
	f, _ := ParseFilter(`x > 1 & (tech == "a" | x < y)`)
	if got := strings.Join(f.Vars(), ","); got != "x,tech,y" {
		t.Errorf("Vars = %s", got)
	}
}
