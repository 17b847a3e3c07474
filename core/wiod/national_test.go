package wiod

import (
	"errors"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// nationalCSV is a two-industry national table over two years (lines 2–3:
// 2000, lines 4–5: 2001). Values are made up; X (GO) is 10 and 20.
const nationalCSV = `Year,Code,Description,Origin,A,B,CONS_h,EXP,GO
2000,A,"Farming, etc.",Domestic,1,2,3,4,10
2000,B,Industry,Domestic,5,6,7,2,20
2001,A,"Farming, etc.",Domestic,1.5,2,3,4,10.5
2001,B,Industry,Domestic,5,6.25,7,2,20.25
`

func TestReadNational(t *testing.T) {
	ts, err := ReadNational(strings.NewReader(nationalCSV), "dir/XYZ_niot.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].Year != 2000 || ts[1].Year != 2001 {
		t.Fatalf("%d tables", len(ts))
	}
	a := ts[1]
	if a.N() != 2 || a.Country[1] != "XYZ" || a.Industry[1] != "B" || a.Desc[0] != "Farming, etc." {
		t.Errorf("labels %v %v %v", a.Country, a.Industry, a.Desc)
	}
	if a.Z.At(0, 0) != 1.5 || a.Z.At(1, 1) != 6.25 || a.X[1] != 20.25 || a.FinalDemand[0] != 7 || a.FinalDemand[1] != 9 || a.VA != nil {
		t.Errorf("values Z=%v X=%v FD=%v", a.Z.RawMatrix().Data, a.X, a.FinalDemand)
	}
	ts, err = Read(strings.NewReader(nationalCSV), "x.csv", Options{Country: "DEU"})
	if err != nil || ts[0].Country[0] != "DEU" {
		t.Errorf("Country option: %v", err)
	}
	tb, err := table.Read(strings.NewReader(nationalCSV), table.ReadOptions{Name: "USA_niot"})
	if err != nil {
		t.Fatal(err)
	}
	ts2, err := TablesFrom(tb, Options{})
	if err != nil || len(ts2) != 2 || ts2[0].Country[0] != "USA" || !equalIOExceptSource(ts2[1], ts[1]) {
		t.Errorf("TablesFrom: %v", err)
	}
	if _, err := FromTable(tb); err == nil || !strings.Contains(err.Error(), "2 years") {
		t.Errorf("FromTable of two years: %v", err)
	}
}

func equalIOExceptSource(a, b *IOTable) bool {
	c := *a
	c.Country = b.Country
	return equalIO(&c, b)
}

func TestReadNationalBadInput(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(nationalCSV), "\n")
	for _, c := range []struct {
		name string
		edit func(l []string) []string
		want error
		line int
		col  int
		text string
	}{
		{"no GO column", func(l []string) []string {
			for i := range l {
				l[i] = l[i][:strings.LastIndex(l[i], ",")]
			}
			return l
		}, ErrMissingGO, 1, 0, "no GO column"},
		{"negative GO", func(l []string) []string { l[2] = strings.Replace(l[2], ",20", ",-20", 1); return l }, ErrNegativeOutput, 3, 9, "-20"},
		{"years mixed", func(l []string) []string { return append(l, l[1]) }, ErrMixedYears, 6, 1, "year 2000 again"},
		{"row order", func(l []string) []string { l[1], l[2] = l[2], l[1]; return l }, ErrLabels, 2, 2, `Code "B"`},
		{"year short of a row", func(l []string) []string { return l[:4] }, ErrLabels, 0, 0, "1 Domestic rows"},
		{"non-numeric", func(l []string) []string { l[3] = strings.Replace(l[3], "1.5", "1,5", 1); return l }, table.ErrRagged, 4, 0, "fields"},
		{"non-numeric year", func(l []string) []string { l[3] = strings.Replace(l[3], "2001", "y2001", 1); return l }, table.ErrNumeric, 4, 1, `"y2001"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Join(c.edit(append([]string(nil), lines...)), "\n")
			_, err := ReadNational(strings.NewReader(in), "USA_niot.csv")
			var pe *table.ParseError
			if !errors.Is(err, c.want) || !errors.As(err, &pe) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			if (c.line > 0 && pe.Line != c.line) || (c.col > 0 && pe.Column != c.col) || !strings.Contains(err.Error(), c.text) {
				t.Errorf("got %v; want line %d column %d containing %q", err, c.line, c.col, c.text)
			}
		})
	}
}
