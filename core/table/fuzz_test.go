package table

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// FuzzReadCSV checks that Read never panics, that its errors are *ParseError
// values with sane positions, and that a table it reads survives WriteCSV and
// Read again unchanged.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,x,2.5\n3,y,-4\n",
		"a;b\n1,5;2\n",
		"a\tb\n1\t2\n",
		"\"a\",\"b, c\"\n\"x, \"\"y\"\"\",\"line\nbreak\"\n",
		"\uFEFFa,b\n1,NA\n.,\n",
		"a\n1\n007\n1e3\n-0\nx\n",
		"a,b\n1,2\n4,5,6\n",
		"a,a\n1,2\n",
		"a,b\n1,x\"y\n",
		gz("a,b\n1,2\n"),
		"PK\x03\x04junk",
		"",
		"IndustryCode,IndustryDescription,Country,RNr,Year,A1,B1,A2,TOT\nc1,,A,1,2011,1,2,3,6\n",
	} {
		f.Add([]byte(s))
	}
	f.Add(xlsxOf(f, [][2]string{{"A1", "id"}, {"B1", "x"}, {"A2", "1"}, {"B2", "a"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := Read(bytes.NewReader(data), ReadOptions{Name: "fuzz.csv"})
		if !checkRead(t, tb, err, "fuzz.csv") {
			return
		}
		n := tb.NRows()
		var b bytes.Buffer
		if err := WriteCSV(&b, tb); err != nil {
			t.Fatal(err)
		}
		// Only cells read back as the same value are compared: text cells
		// that look like numbers, or empty texts, change kind on purpose.
		again, err := Read(&b, ReadOptions{Name: "again.csv"})
		if err != nil {
			if len(tb.Cols) == 1 && n > 0 {
				return // a single column of empty cells writes blank lines, which CSV skips
			}
			t.Fatalf("WriteCSV output does not read back: %v\n%q", err, b.String())
		}
		if len(again.Cols) != len(tb.Cols) {
			t.Fatalf("%d columns after round trip, want %d", len(again.Cols), len(tb.Cols))
		}
		for j, c := range tb.Cols {
			if c.Kind != Float || again.Cols[j].Kind != Float || again.NRows() != n {
				continue
			}
			for i, v := range c.F {
				w := again.Cols[j].F[i]
				if v != w && !(math.IsNaN(v) && math.IsNaN(w)) {
					t.Fatalf("column %q row %d: %v became %v", c.Name, i, v, w)
				}
			}
		}
	})
}

// FuzzReadXLSX feeds arbitrary bytes as the sheet part of a workbook (and
// as its shared strings) through Read: it must never panic or hang, and its
// errors must be *ParseError values naming the file and sheet.
func FuzzReadXLSX(f *testing.F) {
	for _, s := range []string{
		hdr + `<row r="2"><c r="A2"><v>1.5</v></c><c r="B2" t="inlineStr"><is><t>x &amp; y</t></is></c></row>`,
		hdr + `<row><c><v>1</v></c><c t="b"><v>0</v></c></row><row r="5"><c r="B5" t="e"><v>#N/A</v></c></row>`,
		`<x:row r='1'><x:c r = 'A1' t='str'><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>`,
		hdr + `<row r="2"><c r="A2" t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh><r><t><![CDATA[<c>]]></t></r></is></c><c r="B2" t="d"><v>2020-01-01</v></c></row>`,
		hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>_x000D_&#10;&#x41;</t></is></c><!-- c --><?p?></row>`,
		hdr + `<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>2</v></c></row>`,
		hdr + `<row r="2"><c r="XFE2"><v>1</v></c></row>`,
		hdr + `<row r="2"><c r="A2"`,
		hdr + `<row r="2"><c r="A2" s="1"><v>43000.25</v></c></row>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, sheetData []byte) {
		data := workbookOf(t, string(sheetData), map[string]string{
			"xl/sharedStrings.xml": `<sst><si><t>s0</t></si><si><r><t>s</t></r><r><t>1</t></r></si>` + string(sheetData) + `</sst>`,
		})
		tb, err := Read(bytes.NewReader(data), ReadOptions{Name: "fuzz.xlsx"})
		checkRead(t, tb, err, "fuzz.xlsx")
	})
}

// checkRead fails the test when err is not a well-formed *ParseError naming
// the file, or when a table read without error has ragged or unnamed
// columns. It reports whether there is a table to check further.
func checkRead(t *testing.T, tb *Table, err error, name string) bool {
	t.Helper()
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %T is not a *ParseError: %v", err, err)
		}
		if pe.Line < 0 || pe.Column < 0 || !strings.HasPrefix(err.Error(), name) {
			t.Fatalf("malformed error %q", err)
		}
		return false
	}
	n := tb.NRows()
	for _, c := range tb.Cols {
		if c.Len() != n || c.Name == "" {
			t.Fatalf("column %q has %d rows, table %d", c.Name, c.Len(), n)
		}
	}
	return true
}
