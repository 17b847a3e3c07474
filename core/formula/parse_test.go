package formula

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	x := func(v string) Term { return Term{Var: v} }
	op := func(o string, k int, v string) Term { return Term{Var: v, Op: o, Lag: k} }
	for _, tc := range []struct {
		in   string
		want Formula
		str  string // canonical String()
	}{
		{"y ~ x1 + x2", Formula{Y: x("y"), X: []Term{x("x1"), x("x2")}, Intercept: true}, "y ~ x1 + x2"},
		{"y~x", Formula{Y: x("y"), X: []Term{x("x")}, Intercept: true}, "y ~ x"},
		{"y ~ x - 1", Formula{Y: x("y"), X: []Term{x("x")}}, "y ~ x - 1"},
		{"y ~ x + 0", Formula{Y: x("y"), X: []Term{x("x")}}, "y ~ x - 1"},
		{"y ~ 0 + x", Formula{Y: x("y"), X: []Term{x("x")}}, "y ~ x - 1"},
		{"y ~ -1 + x", Formula{Y: x("y"), X: []Term{x("x")}}, "y ~ x - 1"},
		{"y ~ 1 + x", Formula{Y: x("y"), X: []Term{x("x")}, Intercept: true}, "y ~ x"},
		{"y ~ 1", Formula{Y: x("y"), Intercept: true}, "y ~ 1"},
		{"y ~ 0", Formula{Y: x("y")}, "y ~ 0"},
		{"y ~ 1 | id", Formula{Y: x("y"), Intercept: true, FE: [][]string{{"id"}}}, "y ~ 1 | id"},
		{"y ~ x | fe1 + fe2^fe3", Formula{Y: x("y"), X: []Term{x("x")}, Intercept: true, FE: [][]string{{"fe1"}, {"fe2", "fe3"}}}, "y ~ x | fe1 + fe2^fe3"},
		{"y ~ x | fe | d1 + d2 ~ z1 + z2", Formula{Y: x("y"), X: []Term{x("x")}, Intercept: true, FE: [][]string{{"fe"}},
			Endo: []Term{x("d1"), x("d2")}, Inst: []Term{x("z1"), x("z2")}}, "y ~ x | fe | d1 + d2 ~ z1 + z2"},
		{"y ~ x | d ~ L.d", Formula{Y: x("y"), X: []Term{x("x")}, Intercept: true, Endo: []Term{x("d")}, Inst: []Term{op("L", 1, "d")}}, "y ~ x | d ~ L.d"},
		{"y ~ L.x + L2.x + F.x + D.x + D2.x", Formula{Y: x("y"), Intercept: true,
			X: []Term{op("L", 1, "x"), op("L", 2, "x"), op("F", 1, "x"), op("D", 1, "x"), op("D", 2, "x")}}, "y ~ L.x + L2.x + F.x + D.x + D2.x"},
		{"y ~ l.x + d.z", Formula{Y: x("y"), Intercept: true, X: []Term{op("L", 1, "x"), op("D", 1, "z")}}, "y ~ L.x + D.z"},
		{"y ~ L(1/3).x", Formula{Y: x("y"), Intercept: true, X: []Term{op("L", 1, "x"), op("L", 2, "x"), op("L", 3, "x")}}, "y ~ L.x + L2.x + L3.x"},
		{"y ~ L(0/1).x", Formula{Y: x("y"), Intercept: true, X: []Term{x("x"), op("L", 1, "x")}}, "y ~ x + L.x"},
		{"y ~ L(2).x", Formula{Y: x("y"), Intercept: true, X: []Term{op("L", 2, "x")}}, "y ~ L2.x"},
		{"y ~ L0.x", Formula{Y: x("y"), Intercept: true, X: []Term{x("x")}}, "y ~ x"},
		{"D.y ~ L.y", Formula{Y: op("D", 1, "y"), Intercept: true, X: []Term{op("L", 1, "y")}}, "D.y ~ L.y"},
		{"`gross output` ~ `a.b` + L.`c d`", Formula{Y: x("gross output"), Intercept: true, X: []Term{x("a.b"), op("L", 1, "c d")}}, "`gross output` ~ `a.b` + L.`c d`"},
		{"Var ~ Dig + scale | cn^year + ind", Formula{Y: x("Var"), X: []Term{x("Dig"), x("scale")}, Intercept: true, FE: [][]string{{"cn", "year"}, {"ind"}}}, "Var ~ Dig + scale | cn^year + ind"},
		{"ln_y ~ x_1 + ÿ", Formula{Y: x("ln_y"), X: []Term{x("x_1"), x("ÿ")}, Intercept: true}, "ln_y ~ x_1 + ÿ"},
	} {
		f, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if f.Source != tc.in {
			t.Errorf("Parse(%q).Source = %q", tc.in, f.Source)
		}
		got := *f
		got.Source = ""
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
		if s := f.String(); s != tc.str {
			t.Errorf("Parse(%q).String() = %q, want %q", tc.in, s, tc.str)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		col  int
		want string // substring of the message
	}{
		{"y ~ x1 + + x2", 10, `unexpected "+"`},
		{"y ~", 4, "unexpected end of formula, expected a variable name"},
		{"~ x", 1, `unexpected "~"`},
		{"y x", 3, `unexpected "x"`},
		{"y ~ x ~ z", 7, `unexpected "~"`},
		{"y ~ x - z", 9, "only the intercept can be removed"},
		{"y ~ x + 2", 9, "unexpected number 2"},
		{"y ~ x + x", 9, "duplicate regressor x"},
		{"y ~ y", 5, "both the dependent variable and a regressor"},
		{"y ~ Q.x", 5, `unknown time-series operator "Q"`},
		{"y ~ log(x)", 5, "functions such as log(...)"},
		{"y ~ L(3/1).x", 6, "empty operator range"},
		{"y ~ L(1/500).x", 6, "more than 100 terms"},
		{"y ~ L.D.x", 7, "combined operators"},
		{"y ~ L.", 7, "expected a variable name after the operator"},
		{"y ~ x | a | b", 11, "only one fixed-effects section"},
		{"y ~ x | d ~ z | a", 15, "IV part"},
		{"y ~ x | L.id", 9, "time-series operators are not allowed on fixed effects"},
		{"y ~ x | a^", 11, "expected a fixed-effect variable"},
		{"y ~ x | x ~ z", 9, "both as exogenous"},
		{"y ~ x | d ~ x", 9, "instrument x is also a variable"},
		{"y ~ x | d ~ z + z", 17, "duplicate instrument z"},
		{"y ~ x # z", 7, `unexpected character '#'`},
		{"y ~ `x", 5, "unterminated quoted name"},
		{`y ~ "x"`, 5, "strings belong in --if filters"},
		{"L(1/2).y ~ x", 1, "must be a single variable"},
		{"y ~ x | d ~ z ~ w", 15, `unexpected "~"`},
		{"y ~ L2(1/2).x", 7, `unexpected "("`},
		{"y ~ \xff", 5, "invalid UTF-8"},
	} {
		_, err := Parse(tc.in)
		if err == nil {
			t.Errorf("Parse(%q): no error", tc.in)
			continue
		}
		pe, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%q): error %T, want *Error", tc.in, err)
			continue
		}
		if pe.Col != tc.col || !strings.Contains(pe.Msg, tc.want) {
			t.Errorf("Parse(%q): column %d %q, want column %d containing %q", tc.in, pe.Col, pe.Msg, tc.col, tc.want)
		}
	}
}

func TestErrorCaret(t *testing.T) {
	_, err := Parse("y ~ x1 + + x2")
	want := "formula: unexpected \"+\" at column 10: y ~ x1 + + x2\n" +
		"                                               ^"
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n%v\nwant:\n%s", err, want)
	}
	lines := strings.Split(err.Error(), "\n")
	if c := strings.Index(lines[1], "^"); lines[0][c] != '+' {
		t.Errorf("caret at %d points at %q", c, lines[0][c])
	}
}
