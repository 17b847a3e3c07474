package wiod

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

func checkParseError(t *testing.T, err error, name string) {
	t.Helper()
	var pe *table.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %T is not a *table.ParseError: %v", err, err)
	}
	if pe.Line < 0 || pe.Column < 0 || !strings.HasPrefix(err.Error(), name) {
		t.Fatalf("malformed error %q", err)
	}
}

func lettersOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
			return false
		}
	}
	return s != "" && !strings.EqualFold(s, "TOT")
}

// FuzzReadWorld checks that ReadWorld never panics, that its errors are
// *table.ParseError values, that a table it accepts is consistent, and that
// such a table survives WriteWorld and ReadWorld unchanged.
func FuzzReadWorld(f *testing.F) {
	small := func(countries []string, ni int) string {
		var b bytes.Buffer
		w := randomWorld(11, countries, ni)
		clear(w.Desc)
		if err := WriteWorld(&b, w); err != nil {
			f.Fatal(err)
		}
		return b.String()
	}
	for _, s := range []string{
		small([]string{"A", "B"}, 2),
		small([]string{"AAA"}, 2),
		"IndustryCode,IndustryDescription,Country,RNr,Year,A1,B1,A2,TOT\nc1,,A,1,2011,1,2,3,6\nc1,,B,1,2011,1,2,3,6\nGO,,TOT,73,2011,7,7,,\n",
		"IndustryCode,IndustryDescription,Country,RNr,Year,A1\nGO,,TOT,73,2011,-1\n",
		"IndustryCode;IndustryDescription;Country;RNr;Year;A1;A2\nc1;;A;1;2011;1;2\nVA;;TOT;64;2011;1;NA\n",
		"Year,Code,Description,Origin,A,GO\n2000,A,x,Domestic,1,2\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := ReadWorld(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			checkParseError(t, err, "fuzz.csv")
			return
		}
		n := w.N()
		if r, c := w.Z.Dims(); r != n || c != n || len(w.X) != n || len(w.Country) != n || len(w.FinalDemand) != n || (w.VA != nil && len(w.VA) != n) {
			t.Fatalf("inconsistent table: N=%d Z %d×%d X %d FD %d", n, r, c, len(w.X), len(w.FinalDemand))
		}
		finite := true
		for i := 0; i < n; i++ {
			if w.X[i] < 0 {
				t.Fatalf("X[%d] = %v < 0", i, w.X[i])
			}
			if !lettersOnly(w.Country[i]) || math.IsInf(w.FinalDemand[i], 0) {
				finite = false
			}
		}
		if !finite {
			return
		}
		var b bytes.Buffer
		if err := WriteWorld(&b, w); err != nil {
			return // e.g. a country's sectors are not contiguous
		}
		again, err := ReadWorld(&b, "again.csv")
		if err != nil {
			t.Fatalf("WriteWorld output does not read back: %v\n%s", err, b.String())
		}
		again.Source, again.Desc = w.Source, w.Desc
		if !equalIO(again, w) {
			t.Fatalf("round trip differs")
		}
	})
}

// FuzzReadSEA checks that ReadSEA never panics, that its errors are
// *table.ParseError values, and that Value agrees with the rows it returns.
func FuzzReadSEA(f *testing.F) {
	for _, s := range []string{
		seaCSV,
		`"country","variable","description","code","2000"` + "\n" + `"USA","GO","x","A01",1` + "\n" + `"USA","GO","x","A01",2` + "\n",
		"country;variable;description;code;2000;2001\nUSA;GO;;A01;1;NA\n",
		"country,variable,description,code,y2000\n",
		"a,b\n1,2\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadSEA(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			checkParseError(t, err, "fuzz.csv")
			return
		}
		for _, r := range s.Rows {
			if len(r.Values) != len(s.Years) {
				t.Fatalf("row has %d values for %d years", len(r.Values), len(s.Years))
			}
			for k, y := range s.Years {
				v, ok := s.Value(r.Country, r.Variable, r.Code, y)
				if ok != !math.IsNaN(r.Values[k]) || (ok && v != r.Values[k]) {
					t.Fatalf("Value(%q,%q,%q,%d) = %v,%v; row holds %v", r.Country, r.Variable, r.Code, y, v, ok, r.Values[k])
				}
			}
		}
		l := s.Long()
		for _, c := range l.Cols {
			if c.Len() != l.NRows() {
				t.Fatal("ragged long table")
			}
		}
	})
}
