package table

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// cellsOf renders a table as rows of texts, "<NA>" for missing cells, with
// each column's kind on a first line.
func cellsOf(t *Table) [][]string {
	var out [][]string
	kinds := make([]string, len(t.Cols))
	for j, c := range t.Cols {
		kinds[j] = c.Name + ":" + c.Kind.String()
	}
	out = append(out, kinds)
	for i := 0; i < t.NRows(); i++ {
		row := make([]string, len(t.Cols))
		for j, c := range t.Cols {
			if c.IsMissing(i) {
				row[j] = "<NA>"
			} else {
				row[j] = c.Text(i)
			}
		}
		out = append(out, row)
	}
	return out
}

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func TestRead(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		opt  ReadOptions
		want string // rows joined by '\n', cells by '|'
	}{
		{"comma", "a,b,c\n1,x,2.5\n3,y,-4\n", ReadOptions{},
			"a:float|b:string|c:float\n1|x|2.5\n3|y|-4"},
		{"semicolon with decimal commas kept as text", "a;b\n1,5;2\n3;4\n", ReadOptions{},
			"a:string|b:float\n1,5|2\n3|4"},
		{"tab", "a\tb\n1\t2\n", ReadOptions{}, "a:float|b:float\n1|2"},
		{"forced delimiter", "a;b,c\n1;2,3\n", ReadOptions{Comma: ','}, "a;b:string|c:float\n1;2|3"},
		{"quoted fields", "\"a\",\"b, c\"\n\"x, \"\"y\"\"\",\"line\nbreak\"\n", ReadOptions{},
			"a:string|b, c:string\nx, \"y\"|line\nbreak"},
		{"quoted delimiters do not count in detection", "\"a;b;c\",d\n1,2\n", ReadOptions{}, "a;b;c:float|d:float\n1|2"},
		{"BOM", "\uFEFFa,b\n1,2\n", ReadOptions{}, "a:float|b:float\n1|2"},
		{"missing values", "a,b,c\n1,NA,x\n.,2,\n,3,NA\n", ReadOptions{},
			"a:float|b:float|c:string\n1|<NA>|x\n<NA>|2|<NA>\n<NA>|3|<NA>"},
		{"custom missing", "a,b\n-99,NA\n1,2\n", ReadOptions{Missing: []string{"-99", ""}},
			"a:float|b:string\n<NA>|NA\n1|2"},
		{"text option keeps codes", "code,v\n01,1\n02,2\n", ReadOptions{Text: []string{"code"}},
			"code:string|v:float\n01|1\n02|2"},
		{"column turning text keeps earlier texts exactly", "a\n1\n007\n1e3\n-0\n2.50\n0.1\nx\n", ReadOptions{},
			"a:string\n1\n007\n1e3\n-0\n2.50\n0.1\nx"},
		{"no NaN or Inf numbers", "a,b\nNaN,Inf\n1,2\n", ReadOptions{}, "a:string|b:string\nNaN|Inf\n1|2"},
		{"all missing is float", "a,b\n,1\nNA,2\n", ReadOptions{}, "a:float|b:float\n<NA>|1\n<NA>|2"},
		{"header only", "a,b\n", ReadOptions{}, "a:float|b:float"},
		{"empty header names", ",b,\n1,2,3\n", ReadOptions{}, "V1:float|b:float|V3:float\n1|2|3"},
		{"CRLF and blank lines", "a,b\r\n1,2\r\n\r\n3,4\r\n", ReadOptions{}, "a:float|b:float\n1|2\n3|4"},
		{"gzip", gz("a,b\n1,2\n"), ReadOptions{}, "a:float|b:float\n1|2"},
		{"gzip with BOM and semicolons", gz("\uFEFFa;b\n1;x\n"), ReadOptions{}, "a:float|b:string\n1|x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb, err := Read(strings.NewReader(c.in), c.opt)
			if err != nil {
				t.Fatal(err)
			}
			var rows []string
			for _, r := range cellsOf(tb) {
				rows = append(rows, strings.Join(r, "|"))
			}
			if got := strings.Join(rows, "\n"); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		want error
		line int
		col  int
		msg  string
	}{
		{"empty", "", ErrEmpty, 1, 0, "f.csv: line 1: no header line"},
		{"short row", "a,b,c\n1,2,3\n4,5\n", ErrRagged, 3, 3, `f.csv: line 3, column 3 ("c"): wrong number of fields: line has 2 fields, the header has 3`},
		{"long row", "a,b\n1,2\n\n4,5,6\n", ErrRagged, 4, 3, "line has 3 fields"},
		{"duplicate column", "a,b,a\n1,2,3\n", ErrDuplicate, 1, 3, `column 3 ("a"): duplicate column name "a" (also column 1)`},
		{"bare quote", "a,b\n1,x\"y\n", ErrQuote, 2, 0, "bad quoting"},
		{"unterminated quote", "a,b\n1,\"xy\n", ErrQuote, 2, 0, "bad quoting"},
		{"corrupt gzip", "\x1f\x8b\x08\x00garbage", ErrFormat, 0, 0, "gzip"},
		{"truncated gzip", gz("a,b\n1,2\n3,4\n")[:20], ErrFormat, 0, 0, ""},
		{"not a zip", "PK\x03\x04junk", ErrFormat, 0, 0, "xlsx"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(c.in), ReadOptions{Name: "f.csv"})
			var pe *ParseError
			if !errors.Is(err, c.want) || !errors.As(err, &pe) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			if pe.File != "f.csv" || (c.line > 0 && pe.Line != c.line) || pe.Column != c.col || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("got %q (line %d column %d), want line %d column %d containing %q", err, pe.Line, pe.Column, c.line, c.col, c.msg)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"0", 0, true}, {"-0", math.Copysign(0, -1), true}, {"12345", 12345, true}, {"-17", -17, true},
		{"2.5", 2.5, true}, {"+3", 3, true}, {".5", 0.5, true}, {"5.", 5, true}, {"1e3", 1000, true},
		{"-1.5E-2", -0.015, true}, {"123456789012345678", 123456789012345678, true},
		{"", 0, false}, {"-", 0, false}, {".", 0, false}, {"e5", 0, false}, {"1e", 0, false}, {"1-2", 0, false},
		{"NaN", 0, false}, {"Inf", 0, false}, {"0x1p3", 0, false}, {"1_000", 0, false}, {" 1", 0, false},
		{"1e400", 0, false}, {"1,5", 0, false},
	} {
		v, ok := ParseNumber(c.in)
		if ok != c.ok || (ok && (v != c.want || math.Signbit(v) != math.Signbit(c.want))) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", c.in, v, ok, c.want, c.ok)
		}
	}
}

// TestIsPlain checks isPlain's promise on random decimals (fixed seed): a
// plain text is what FormatFloat(…, 'f', -1) writes for its value.
func TestIsPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	plain := 0
	for k := 0; k < 100000; k++ {
		var s string
		switch k % 3 {
		case 0:
			s = strconv.FormatInt(rng.Int64N(1e17)-5e16, 10)
		case 1:
			s = strconv.FormatFloat(rng.NormFloat64()*math.Pow(10, float64(rng.IntN(12)-4)), 'f', rng.IntN(12), 64)
		default:
			s = fmt.Sprintf("%d.%0*d", rng.IntN(1000), rng.IntN(8)+1, rng.IntN(1000))
		}
		if !isPlain(s) || sigDigits(s) > 15 {
			continue
		}
		plain++
		v, ok := ParseNumber(s)
		if !ok || strconv.FormatFloat(v, 'f', -1, 64) != s {
			t.Fatalf("isPlain(%q) but it formats as %q", s, strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	if plain < 30000 {
		t.Errorf("only %d plain samples", plain)
	}
	for _, s := range []string{"007", "1e3", "+1", "2.50", "1.", ".5", "-", "123456789012345678"} {
		if isPlain(s) {
			t.Errorf("isPlain(%q)", s)
		}
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	n := 500
	f := make([]float64, n)
	s := make([]string, n)
	miss := make([]bool, n)
	g := make([]float64, n)
	words := []string{"plain", "with, comma", "with \"quotes\"", "line\nbreak", "semi;colon", "tab\there", "ünïcode"}
	for i := range f {
		switch i % 5 {
		case 0:
			f[i] = math.NaN()
		case 1:
			f[i] = rng.NormFloat64() * 1e-9
		case 2:
			f[i] = rng.NormFloat64() * 1e25
		default:
			f[i] = math.Round(rng.NormFloat64()*1e6) / 100
		}
		s[i] = words[rng.IntN(len(words))]
		miss[i] = i%7 == 0
		if miss[i] {
			s[i] = ""
		}
		g[i] = float64(rng.IntN(100))
	}
	tb := New("rt")
	tb.AddFloat("f", f)
	tb.AddString("s", s, miss)
	tb.AddFloat("g", g)
	var b bytes.Buffer
	if err := WriteCSV(&b, tb); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&b, ReadOptions{Name: "rt"})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(cellsOf(got)) != fmt.Sprint(cellsOf(tb)) {
		t.Fatal("round trip differs")
	}
	for i := range f {
		if got.Cols[0].F[i] != f[i] && !(math.IsNaN(f[i]) && math.IsNaN(got.Cols[0].F[i])) {
			t.Fatalf("f[%d] = %v, want %v", i, got.Cols[0].F[i], f[i])
		}
	}
}

func TestReadXLSXFile(t *testing.T) {
	f, err := os.Open("testdata/small.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := Read(f, ReadOptions{Name: "small.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	want := "[[country:string year:float value:float note:string] [AUS 2000 1.5 first] [AUT 2001 <NA> <NA>] [BEL 2002 -3e-07 a, \"quoted\" note]]"
	if got := fmt.Sprint(cellsOf(tb)); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if tb.Name != "small.xlsx[data]" {
		t.Errorf("name %q", tb.Name)
	}
	f.Seek(0, 0)
	tb, err = Read(f, ReadOptions{Name: "small.xlsx", Sheet: "world"})
	if err != nil || tb.NRows() != 6 || tb.Col("B3") == nil || tb.Col("B3").F[3] != 22 {
		t.Errorf("sheet world: %v", err)
	}
	f.Seek(0, 0)
	_, err = Read(f, ReadOptions{Name: "small.xlsx", Sheet: "nope"})
	if !errors.Is(err, ErrSheet) || !strings.Contains(err.Error(), "data, world") {
		t.Errorf("missing sheet: %v", err)
	}
}

// xlsxOf builds a minimal XLSX workbook (one sheet "S", inline strings) with
// archive/zip; cells maps references such as "B2" to values, numbers written
// as numbers.
func xlsxOf(t testing.TB, rows [][2]string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	add := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	var sh strings.Builder
	sh.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	cur := ""
	for _, rc := range rows {
		ref, v := rc[0], rc[1]
		row := strings.TrimLeft(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		if row != cur {
			if cur != "" {
				sh.WriteString("</row>")
			}
			fmt.Fprintf(&sh, `<row r="%s">`, row)
			cur = row
		}
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			fmt.Fprintf(&sh, `<c r="%s"><v>%s</v></c>`, ref, v)
		} else {
			fmt.Fprintf(&sh, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, v)
		}
	}
	if cur != "" {
		sh.WriteString("</row>")
	}
	sh.WriteString(`</sheetData></worksheet>`)
	add("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`)
	add("xl/worksheets/sheet1.xml", sh.String())
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadXLSXGenerated(t *testing.T) {
	data := xlsxOf(t, [][2]string{
		{"A1", "id"}, {"B1", "x"}, {"C1", "label"},
		{"A2", "1"}, {"C2", "one"}, // B2 absent: missing
		{"A3", "2"}, {"B3", "0.25"}, {"C3", "two"},
	})
	tb, err := Read(bytes.NewReader(data), ReadOptions{Name: "g.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(cellsOf(tb)); got != "[[id:float x:float label:string] [1 <NA> one] [2 0.25 two]]" {
		t.Errorf("got %s", got)
	}
	// A cell beyond the header is ragged, named by its reference.
	data = xlsxOf(t, [][2]string{{"A1", "id"}, {"A2", "1"}, {"C2", "9"}})
	_, err = Read(bytes.NewReader(data), ReadOptions{Name: "g.xlsx"})
	var pe *ParseError
	if !errors.Is(err, ErrRagged) || !errors.As(err, &pe) || pe.Line != 2 || pe.Column != 3 || !strings.Contains(err.Error(), "C2") {
		t.Errorf("beyond header: %v", err)
	}
	// Non-numeric cells in an XLSX file go through the same checks.
	data = xlsxOf(t, [][2]string{{"A1", "a"}, {"B1", "a"}})
	if _, err = Read(bytes.NewReader(data), ReadOptions{Name: "g.xlsx"}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate header: %v", err)
	}
}

func sigDigits(s string) int {
	s = strings.TrimLeft(strings.Replace(strings.TrimPrefix(s, "-"), ".", "", 1), "0")
	return len(s)
}

// TestParseShortDecimal compares the fast path with strconv.ParseFloat on
// random decimals (fixed seed), bit for bit.
func TestParseShortDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	hit := 0
	for k := 0; k < 200000; k++ {
		nd := 1 + rng.IntN(17)
		b := make([]byte, 0, 20)
		if rng.IntN(2) == 0 {
			b = append(b, '-')
		}
		if rng.IntN(4) == 0 {
			b = append(b, "0.000"[:2+rng.IntN(4)]...) // leading zeros
		}
		dot := rng.IntN(nd + 1)
		for d := 0; d < nd; d++ {
			if d == dot && d > 0 && !bytes.Contains(b, []byte(".")) {
				b = append(b, '.')
			}
			b = append(b, byte('0'+rng.IntN(10)))
		}
		s := string(b)
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := parseShortDecimal(s)
		if ok {
			hit++
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("parseShortDecimal(%q) = %v, want %v", s, got, want)
			}
		}
		if v, ok := ParseNumber(s); !ok || math.Float64bits(v) != math.Float64bits(want) {
			t.Fatalf("ParseNumber(%q) = %v, want %v", s, v, want)
		}
	}
	if hit < 100000 {
		t.Errorf("fast path taken %d times", hit)
	}
	for _, s := range []string{"1.2.3", "-", "1e5", "1-2"} {
		if _, ok := parseShortDecimal(s); ok {
			t.Errorf("parseShortDecimal(%q) accepted", s)
		}
	}
}

// TestReadXLSXMalformed feeds workbooks that a reader must reject (the old
// xlsxreader-based one panicked on a negative shared-string count).
func TestReadXLSXMalformed(t *testing.T) {
	good := xlsxOf(t, [][2]string{{"A1", "a"}, {"A2", "1"}})
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	rebuild := func(extra map[string]string, drop string) []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		for _, f := range zr.File {
			if f.Name == drop {
				continue
			}
			rc, _ := f.Open()
			body, _ := io.ReadAll(rc)
			w, _ := z.Create(f.Name)
			w.Write(body)
		}
		for name, body := range extra {
			w, _ := z.Create(name)
			w.Write([]byte(body))
		}
		z.Close()
		return b.Bytes()
	}
	for name, data := range map[string][]byte{
		"negative shared-string count": rebuild(map[string]string{"xl/sharedStrings.xml": `<sst count="-1"><si><t>x</t></si></sst>`}, ""),
		"no workbook":                  rebuild(nil, "xl/workbook.xml"),
		"truncated":                    good[:len(good)/2],
	} {
		_, err := Read(bytes.NewReader(data), ReadOptions{Name: "m.xlsx"})
		var pe *ParseError
		if !errors.Is(err, ErrFormat) || !errors.As(err, &pe) {
			t.Errorf("%s: %v", name, err)
		}
		if name == "negative shared-string count" && !strings.Contains(err.Error(), "malformed workbook") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
