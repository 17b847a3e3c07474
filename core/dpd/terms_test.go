package dpd

import (
	"reflect"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
)

func TestParseTerms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // names joined by blanks
	}{
		{"L.n L2.n w L.w k", "L.n L2.n w L.w k"},
		{"L(0/2).(k ys)", "k L.k L2.k ys L.ys L2.ys"},
		{"L(1/2).n", "L.n L2.n"},
		{"D.w LD.n L2D.k F.x F2.x", "D.w LD.n L2D.k F.x F2.x"},
		{"l.n d.w", "L.n D.w"},
		{"L.L.n", "L2.n"},
		{"D2.y", "D2.y"},
		{"  x1\ty_2  ", "x1 y_2"},
	} {
		ts, err := ParseTerms(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := termNames(ts); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"L(2/1).n", "X.n", "L.(n", "L.2n", "L(a/b).n", "n-1", "L.", "D(0/1).n"} {
		if _, err := ParseTerms(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestParseSets(t *testing.T) {
	g, err := ParseGMM("n w, lag(2 .) collapse eq(diff)")
	if err != nil {
		t.Fatal(err)
	}
	want := GMMStyle{Vars: []Term{{Var: "n"}, {Var: "w"}}, LagMin: 2, LagMax: NoLimit, Collapse: true, Eq: Diff}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("got %+v, want %+v", g, want)
	}
	if g, _ := ParseGMM("L.n"); g.LagMin != 1 || g.LagMax != NoLimit || g.Eq != Both {
		t.Errorf("defaults: %+v; xtabond2's are lag(1 .) eq(both)", g)
	}
	if g, _ := ParseGMM("n, laglimits(2 4) c"); g.LagMin != 2 || g.LagMax != 4 || !g.Collapse {
		t.Errorf("laglimits/c: %+v", g)
	}
	v, err := ParseIV("yr1980 yr1981, eq(level) passthru mz")
	if err != nil {
		t.Fatal(err)
	}
	if v.Eq != Level || !v.Passthru || !v.MZ || len(v.Vars) != 2 {
		t.Errorf("iv: %+v", v)
	}
	if s := v.String(); s != "iv(yr1980 yr1981, eq(level) passthru mz)" {
		t.Errorf("String: %q", s)
	}
	for _, bad := range []string{"n, lag(2)", "n, lag(3 2)", "n, orthogonal", ", lag(2 .)", "n, eq(sideways)"} {
		if _, err := ParseGMM(bad); err == nil {
			t.Errorf("gmm %q: no error", bad)
		} else if !strings.Contains(err.Error(), "gmm(") {
			t.Errorf("gmm %q: error %q does not name the set", bad, err)
		}
	}
	if _, err := ParseIV("x, collapse"); err == nil {
		t.Error("iv with collapse: no error")
	}
}

// FuzzParse checks that the parsers never panic and that a parsed varlist
// prints back to names that parse to the same terms.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"L.n L2.n w", "L(0/2).(k ys)", "n, lag(2 .) collapse", "x, eq(level) passthru", "LD.n F2.x", "L((", "n,,", "L(1/9999999999).n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseGMM(s)
		_, _ = ParseIV(s)
		if len(s) > 200 {
			return
		}
		ts, err := ParseTerms(s)
		if err != nil || len(ts) > 10000 {
			return
		}
		back, err := ParseTerms(termNames(ts))
		if err != nil {
			t.Fatalf("%q -> %q: %v", s, termNames(ts), err)
		}
		if len(back) != len(ts) {
			t.Fatalf("%q -> %q: %d terms, then %d", s, termNames(ts), len(ts), len(back))
		}
		for i := range ts {
			if ts[i] != back[i] {
				t.Fatalf("%q -> %q: term %d %+v became %+v", s, termNames(ts), i, ts[i], back[i])
			}
		}
	})
}

// TestLogVariables fits Arellano & Bond (1991) (a1) on the raw columns with
// log(...) terms, as plm's formula does, and checks it equals the fit on
// precomputed logs.
func TestLogVariables(t *testing.T) {
	data := shared.EmplUK(t)
	x1, err := ParseTerms("L(1/2).log(emp) L(0/1).log(wage) L(0/2).(log(capital) log(output))")
	if err != nil {
		t.Fatal(err)
	}
	if got := termNames(x1[:3]); got != "L.log(emp) L2.log(emp) log(wage)" {
		t.Errorf("names %q", got)
	}
	g1, _ := ParseGMM("log(emp), lag(2 .)")
	iv1, _ := ParseIV("L(0/1).log(wage) L(0/2).(log(capital) log(output))")
	m1 := Model{Y: "log(emp)", X: x1, GMM: []GMMStyle{g1}, IV: []IVStyle{iv1}, TimeDummies: true}
	m2 := mustModel(t, "n", "L(1/2).n L(0/1).w L(0/2).(k ys)", []string{"n, lag(2 .)"}, []string{"L(0/1).w L(0/2).(k ys)"}, false)
	m2.TimeDummies = true
	r1, err := m1.Fit(data, "firm", "year", Options{Robust: true})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := m2.Fit(data, "firm", "year", Options{Robust: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range r1.Coef {
		if r1.Coef[i] != r2.Coef[i] || r1.SE[i] != r2.SE[i] {
			t.Errorf("%s: %g (%g) vs %s: %g (%g)", r1.Names[i], r1.Coef[i], r1.SE[i], r2.Names[i], r2.Coef[i], r2.SE[i])
		}
	}
	neg := simPanel(10, 6, 9)
	m3 := mustModel(t, "y", "L.y log(x)", []string{"y, lag(2 .)"}, nil, false)
	if _, err := m3.Fit(neg, "id", "year", Options{}); err == nil || !strings.Contains(err.Error(), "not positive") {
		t.Errorf("log of negative values: %v", err)
	}
}
