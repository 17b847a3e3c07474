package wiod

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

const seaCSV = `"country","variable","description","code","2000","2001"
"USA","GO","Farming","A01",10,11
"USA","EMP","Farming","A01",1.5,NA
"USA","GO","Mining","B",20,
"DEU","GO","Farming","A01",30,31
`

func TestReadSEA(t *testing.T) {
	s, err := ReadSEA(strings.NewReader(seaCSV), "sea.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		country, variable, code string
		year                    int
		want                    float64
		ok                      bool
	}{
		{"USA", "GO", "A01", 2001, 11, true},
		{"USA", "EMP", "A01", 2000, 1.5, true},
		{"USA", "EMP", "A01", 2001, 0, false}, // NA
		{"USA", "GO", "B", 2001, 0, false},    // empty
		{"DEU", "GO", "A01", 2000, 30, true},
		{"DEU", "EMP", "A01", 2000, 0, false}, // no such row
		{"USA", "GO", "A01", 1999, 0, false},  // no such year
	} {
		v, ok := s.Value(c.country, c.variable, c.code, c.year)
		if ok != c.ok || (ok && v != c.want) {
			t.Errorf("Value(%s,%s,%s,%d) = %v, %v; want %v, %v", c.country, c.variable, c.code, c.year, v, ok, c.want, c.ok)
		}
	}
	l := s.Long()
	if got := strings.Join(l.Names(), ","); got != "country,code,year,GO,EMP" {
		t.Errorf("long columns %s", got)
	}
	// Rows: USA A01 2000, 2001; USA B 2000, 2001; DEU A01 2000, 2001.
	codes, _ := l.Strings("code")
	emp, _ := l.Floats("EMP")
	gov, _ := l.Floats("GO")
	if l.NRows() != 6 || codes[2] != "B" || emp[0] != 1.5 || !math.IsNaN(emp[1]) || !math.IsNaN(emp[2]) || gov[5] != 31 || !math.IsNaN(gov[3]) {
		t.Errorf("long table %v %v %v", codes, emp, gov)
	}
}

func TestReadSEABadInput(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     error
		line     int
		col      int
	}{
		{"duplicate row", seaCSV + `"USA","GO","again","A01",1,2` + "\n", table.ErrDuplicate, 6, 4},
		{"non-year column", strings.Replace(seaCSV, `"2001"`, `"y2001"`, 1), ErrLayout, 1, 6},
		{"non-numeric", strings.Replace(seaCSV, "1.5", "1.5x", 1), table.ErrNumeric, 3, 5},
		{"empty code", strings.Replace(seaCSV, `"B"`, `""`, 1), table.ErrMissing, 4, 4},
		{"not SEA", "a,b\n1,2\n", ErrLayout, 1, 0},
		{"ragged", seaCSV + "USA,GO,x,C\n", table.ErrRagged, 6, 5},
	} {
		_, err := ReadSEA(strings.NewReader(c.in), "sea.csv")
		var pe *table.ParseError
		if !errors.Is(err, c.want) || !errors.As(err, &pe) || pe.Line != c.line || pe.Column != c.col {
			t.Errorf("%s: %v; want %v at line %d column %d", c.name, err, c.want, c.line, c.col)
		}
	}
}
