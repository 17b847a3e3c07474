package table

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// goldenCell is a cell as an independent reader reads it: a text S or a
// number N.
type goldenCell struct {
	S *string
	N *json.Number
}

// TestXLSXGolden reads every cell of the workbooks in testdata/xlsx and
// compares it with what openpyxl 3.0.9 (golden.json, from
// testdata/gen_xlsx_golden.py) and R's readxl 1.4.2 (golden_readxl.json, from
// testdata/gen_xlsx_r.R, on a workbook written by R's openxlsx) read from
// them: texts exactly, numbers bit for bit; a cell read here and absent from
// the golden (or the other way round) fails.
func TestXLSXGolden(t *testing.T) {
	n := 0
	for _, gf := range []string{"golden.json", "golden_readxl.json"} {
		raw, err := os.ReadFile(filepath.Join("testdata/xlsx", gf))
		if err != nil {
			t.Fatal(err)
		}
		var golden map[string][]struct {
			Sheet string
			Cells map[string]goldenCell
		}
		if err := json.Unmarshal(raw, &golden); err != nil {
			t.Fatal(err)
		}
		for file, sheets := range golden {
			t.Run(file, func(t *testing.T) { compareGolden(t, file, sheets) })
			n++
		}
	}
	if n < 7 {
		t.Fatalf("goldens cover %d workbooks", n)
	}
}

func compareGolden(t *testing.T, file string, sheets []struct {
	Sheet string
	Cells map[string]goldenCell
}) {
	data, err := os.ReadFile(filepath.Join("testdata/xlsx", file))
	if err != nil {
		t.Fatal(err)
	}
	b, err := openXLSXBook(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.names) != len(sheets) {
		t.Fatalf("sheets %q, golden has %d", b.names, len(sheets))
	}
	for i, gs := range sheets {
		if b.names[i] != gs.Sheet {
			t.Errorf("sheet %d is %q, want %q", i, b.names[i], gs.Sheet)
		}
		sh, err := b.openSheet(i)
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		for {
			err := sh.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("sheet %s: %v", gs.Sheet, err)
			}
			for _, c := range sh.cells {
				v := sh.value(c)
				ref := colName(c.col) + strconv.Itoa(sh.row)
				g, ok := gs.Cells[ref]
				if v == "" { // missing (an error cell or an empty text)
					if ok {
						t.Errorf("%s!%s: missing, golden %v", gs.Sheet, ref, g)
					}
					continue
				}
				seen++
				switch {
				case !ok:
					t.Errorf("%s!%s: %q, golden has nothing", gs.Sheet, ref, v)
				case g.S != nil && v != *g.S:
					t.Errorf("%s!%s: %q, golden %q", gs.Sheet, ref, v, *g.S)
				case g.N != nil:
					want, err := strconv.ParseFloat(string(*g.N), 64)
					f, ok := ParseNumber(v)
					if err != nil || !ok || math.Float64bits(f) != math.Float64bits(want) {
						t.Errorf("%s!%s: %q, golden %v", gs.Sheet, ref, v, *g.N)
					}
				}
			}
		}
		if seen != len(gs.Cells) {
			t.Errorf("sheet %s: %d cells read, golden has %d", gs.Sheet, seen, len(gs.Cells))
		}
	}
}

// TestXLSXTables reads the golden workbooks as tables: the first sheet in
// workbook order by default, absent and empty rows skipped, gaps missing.
func TestXLSXTables(t *testing.T) {
	read := func(file, sheet string) *Table {
		t.Helper()
		f, err := os.Open(filepath.Join("testdata/xlsx", file))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		tb, err := Read(f, ReadOptions{Name: file, Sheet: sheet})
		if err != nil {
			t.Fatal(err)
		}
		return tb
	}
	for _, c := range []struct {
		file, sheet string
		want        string
	}{
		{"order.xlsx", "", "[[sheet:string k:float x:float] [zeta 0 0.225] [zeta 0 0.325] [zeta 0 0.425]]"},
		{"order.xlsx", "mid", "[[sheet:string k:float x:float] [mid 2 10.125] [mid 2 20.125] [mid 2 30.125]]"},
		{"prefix.xlsx", "", "[[name:string v:float w:float] [<cdata> & raw 1.5 -0.002] [HI\n中 <NA> 7] [split run <NA> 1.2345678901234e-05]]"},
		{"strings.xlsx", "flags", "[[kind:string value:float other:string] [true 1 0] [na <NA> <NA>] [formula 3 ab] [bool formula 1 <NA>]]"},
		{"dates.xlsx", "", "[[what:string when:string] [date 2016-12-31] [datetime 2000-02-29T13:45:30] [millis 1999-01-02T03:04:05.250] [time 06:30:00] [early 1900-01-15] [iso 2021-03-04T05:06:07] [plain 43000.5]]"},
	} {
		if got := fmt.Sprint(cellsOf(read(c.file, c.sheet))); got != c.want {
			t.Errorf("%s[%s]:\ngot  %s\nwant %s", c.file, c.sheet, got, c.want)
		}
	}
	tb := read("wide.xlsx", "")
	if len(tb.Cols) != 60 || tb.NRows() != 10 || tb.Cols[59].Kind != String || tb.Cols[0].Kind != Float {
		t.Fatalf("wide: %d columns, %d rows", len(tb.Cols), tb.NRows())
	}
	// row 2 has gaps where (2*7 + 3j) % 5 == 0, i.e. j = 2, 7, …; row 6 is absent
	if !math.IsNaN(tb.Cols[2].F[0]) || tb.Cols[1].F[0] != (200+1)/8.0 || tb.Cols[0].F[4] != 7000 {
		t.Errorf("wide: %v %v %v", tb.Cols[2].F[0], tb.Cols[1].F[0], tb.Cols[0].F[4])
	}
	if tb.Cols[59].S[9] != "last" || !tb.Cols[59].IsMissing(2) || tb.Cols[59].S[0] != "32.375" {
		t.Errorf("wide: last column %q", tb.Cols[59].S)
	}
}

func TestIsDateFormat(t *testing.T) {
	raw, err := os.ReadFile("testdata/xlsx/formats.json")
	if err != nil {
		t.Fatal(err)
	}
	var codes [][3]any
	if err := json.Unmarshal(raw, &codes); err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		code := c[0].(string)
		if got := isDateFormat(code); got != c[1].(bool) {
			t.Errorf("isDateFormat(%q) = %v, openpyxl %v", code, got, c[1])
		}
		if got := isDurationFormat(code); got != c[2].(bool) {
			t.Errorf("isDurationFormat(%q) = %v, openpyxl %v", code, got, c[2])
		}
	}
}

func TestColName(t *testing.T) {
	for j, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := colName(j); got != want {
			t.Errorf("colName(%d) = %q, want %q", j, got, want)
		}
	}
}

// workbookOf builds a one-sheet workbook around a raw sheet part (sheetData
// content), with optional extra or replaced parts.
func workbookOf(t testing.TB, sheetData string, parts map[string]string) []byte {
	files := map[string]string{
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/sharedStrings.xml":       `<sst><si><t>s0</t></si><si><t>s1</t></si></sst>`,
		"xl/worksheets/sheet1.xml":   `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData></worksheet>`,
	}
	for k, v := range parts {
		if v == "" {
			delete(files, k)
		} else {
			files[k] = v
		}
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[name]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const hdr = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`

func TestReadXLSXBroken(t *testing.T) {
	for _, c := range []struct {
		name      string
		sheet     string
		parts     map[string]string
		want      error
		line, col int
		msg       string
	}{
		{"sheet target missing", hdr, map[string]string{"xl/worksheets/sheet1.xml": ""}, ErrFormat, 0, 0, `sheet "S": part xl/worksheets/sheet1.xml is missing`},
		{"relationship missing", hdr, map[string]string{"xl/_rels/workbook.xml.rels": ""}, ErrFormat, 0, 0, "no relationships part xl/_rels/workbook.xml.rels"},
		{"unknown relationship", hdr, map[string]string{"xl/workbook.xml": `<workbook><sheets><sheet name="S" r:id="rId9"/></sheets></workbook>`}, ErrFormat, 0, 0, `refers to relationship "rId9"`},
		{"no sheets", hdr, map[string]string{"xl/workbook.xml": `<workbook><sheets/></workbook>`}, ErrSheet, 0, 0, "no sheets"},
		{"unterminated tag", hdr + `<row r="2"><c r="A2"`, nil, ErrFormat, 2, 0, "xl/worksheets/sheet1.xml: byte 181: tag <c> is not closed"},
		{"unclosed element", hdr + `<row r="2"><c r="A2"><v>1</v></c>`, map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><sheetData>` + hdr + `<row r="2"><c r="A2"><v>1</v>`}, ErrFormat, 2, 0, "end of input"},
		{"mismatched end tag", hdr + `<row r="2"><c r="A2"><v>1</c></row>`, nil, ErrFormat, 2, 0, "</c> does not match <v>"},
		{"bad entity", hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>a &foo; b</t></is></c></row>`, nil, ErrFormat, 2, 0, "bad entity reference &foo;"},
		{"bad char ref", hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>&#0;</t></is></c></row>`, nil, ErrFormat, 2, 0, "bad entity"},
		{"lone ampersand", hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>a & b</t></is></c></row>`, nil, ErrFormat, 2, 0, "bad entity"},
		{"< in text", hdr + `<row r="2"><c r="A2" t="inlineStr"><is><t>a < b</t></is></c></row>`, nil, ErrFormat, 2, 0, "expected a name"},
		{"doctype", hdr, map[string]string{"xl/worksheets/sheet1.xml": `<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>`}, ErrFormat, 0, 0, "document type"},
		{"column beyond XFD", hdr + `<row r="2"><c r="XFE2"><v>1</v></c></row>`, nil, ErrFormat, 2, 0, `cell XFE2: column beyond XFD`},
		{"huge column", hdr + `<row r="2"><c r="AAAAAAAAAAAAAAAAAAAAAAA2"><v>1</v></c></row>`, nil, ErrFormat, 2, 0, "column beyond XFD"},
		{"bad reference", hdr + `<row r="2"><c r="2B"><v>1</v></c></row>`, nil, ErrFormat, 2, 0, `cell 2B: bad cell reference`},
		{"reference in another row", hdr + `<row r="2"><c r="A3"><v>1</v></c></row>`, nil, ErrFormat, 2, 0, "cell A3: cell reference in row 2"},
		{"duplicate cell", hdr + `<row r="2"><c r="A2"><v>1</v></c><c r="A2"><v>2</v></c></row>`, nil, ErrFormat, 2, 0, "cell A2: duplicate cell reference"},
		{"duplicate unordered", hdr + `<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>2</v></c><c r="B2"><v>2</v></c></row>`, nil, ErrFormat, 2, 0, "cell B2: duplicate"},
		{"decreasing rows", hdr + `<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>`, nil, ErrFormat, 3, 0, "row 2 comes after row 3"},
		{"repeated row", hdr + `<row r="1"><c r="A1"><v>1</v></c></row>`, nil, ErrFormat, 1, 0, "row 1 comes after row 1"},
		{"bad row number", hdr + `<row r="x"><c r="A2"><v>1</v></c></row>`, nil, ErrFormat, 1, 0, `bad row number "x"`},
		{"shared string out of range", hdr + `<row r="2"><c r="A2" t="s"><v>7</v></c></row>`, nil, ErrFormat, 2, 0, `cell A2: shared string index "7" out of range (the workbook has 2`},
		{"bad shared strings", hdr, map[string]string{"xl/sharedStrings.xml": `<sst><si><t>x</si></sst>`}, ErrFormat, 0, 0, "malformed workbook: xl/sharedStrings.xml: byte"},
		{"ragged", hdr + `<row r="2"><c r="C2"><v>1</v></c></row>`, nil, ErrRagged, 2, 3, "cell C2 lies beyond"},
		{"empty sheet", ``, nil, ErrEmpty, 1, 0, "no header"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := workbookOf(t, c.sheet, c.parts)
			_, err := Read(bytes.NewReader(data), ReadOptions{Name: "b.xlsx"})
			var pe *ParseError
			if !errors.Is(err, c.want) || !errors.As(err, &pe) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			if pe.Line != c.line || pe.Column != c.col || !strings.Contains(err.Error(), c.msg) || !strings.HasPrefix(err.Error(), "b.xlsx") {
				t.Errorf("got %q (line %d column %d), want line %d column %d containing %q", err, pe.Line, pe.Column, c.line, c.col, c.msg)
			}
		})
	}
}

// TestXLSXScanner checks the tokenizer on XML constructs one at a time.
func TestXLSXScanner(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<a x="1" y='2'>t</a>`, `<a x=1 y=2>|t|</a>`},
		{`<p:a  p:x = "1"/>`, `<a x=1>|</a>`},
		{`<a xmlns:r="u" r:id="7" r="9"/>`, `<a id=7 r=9>|</a>`},
		{`<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x4e2d;</a>`, `<a>|<>&"'AB中|</a>`},
		{`<a x="&lt;&#34;"/>`, `<a x=<">|</a>`},
		{`<?xml version="1.0"?><!-- c --><a><![CDATA[<&]]>x<?pi?>y<!-- -- -->z</a>`, `<a>|<&|x|y|z|</a>`},
		{"<a>\r\n t </a >", "<a>|\r\n t |</a>"},
		{`<a><b/><c></c></a>`, `<a>|<b>|</b>|<c>|</c>|</a>`},
	} {
		s := newXMLScanner(strings.NewReader(c.in), "p.xml")
		var toks []string
		for k := s.Next(); k != xmlEOF; k = s.Next() {
			switch k {
			case xmlStart:
				tok := "<" + string(s.Local())
				for _, a := range s.attrs {
					tok += " " + string(s.abuf[a.n0:a.n1]) + "=" + string(s.abuf[a.v0:a.v1])
				}
				toks = append(toks, tok+">")
			case xmlEnd:
				toks = append(toks, "</"+string(s.Local())+">")
			case xmlText:
				toks = append(toks, string(s.Text()))
			}
		}
		if s.Err() != nil {
			t.Errorf("%q: %v", c.in, s.Err())
		}
		if got := strings.Join(toks, "|"); got != c.want {
			t.Errorf("%q:\ngot  %q\nwant %q", c.in, got, c.want)
		}
	}
	// Small reads exercise refills in the middle of every construct.
	in := `<x:ws xmlns:x="u"><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a&amp;b<![CDATA[]]]]></x:t></x:is></x:c></x:row></x:ws>`
	s := newXMLScanner(&oneByte{strings.NewReader(in)}, "p.xml")
	s.buf = make([]byte, 3)
	var text []byte
	for k := s.Next(); k != xmlEOF; k = s.Next() {
		if k == xmlText {
			text = append(text, s.Text()...)
		}
	}
	if s.Err() != nil || string(text) != "a&b]]" {
		t.Errorf("one byte at a time: %q, %v", text, s.Err())
	}
}

// oneByte reads one byte per call.
type oneByte struct{ r io.Reader }

func (o *oneByte) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

func TestUnescapeXstring(t *testing.T) {
	for in, want := range map[string]string{
		"plain":            "plain",
		"a_x000D_b":        "a\rb",
		"_x005F_x000D_":    "_x000D_",
		"_x004a__x004A_":   "JJ",
		"_x12_ _xZZZZ_ _x": "_x12_ _xZZZZ_ _x",
		"_xD800_":          "\uFFFD",
	} {
		if got := unescapeXstring([]byte(in)); got != want {
			t.Errorf("unescapeXstring(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestXLSXScannerErrors checks that malformed XML stops the scanner with an
// error naming the part, the byte offset and the problem.
func TestXLSXScannerErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<a`, "p.xml: byte 2: unexpected end of input in a start tag"},
		{`<a x="1`, "byte 7: unexpected end of input in an attribute value"},
		{`<a x=1>`, "attribute x: expected a quoted value, found '1'"},
		{`<a x>`, "attribute x: expected '=', found '>'"},
		{`<a x="1"y="2"/>`, "expected white space before an attribute, found 'y'"},
		{`<a x="<"/>`, "'<' in the value of attribute x"},
		{`<a/x>`, "expected '>' after '/' in a tag, found 'x'"},
		{`<1a/>`, "a start tag: expected a name, found '1'"},
		{`<a><!-- x`, "unexpected end of input in a comment"},
		{`<a><?pi`, "unexpected end of input in a processing instruction"},
		{`<a><![CDATA[x`, "unexpected end of input in a CDATA section"},
		{`<a><!x`, "unexpected end of input in markup"},
		{`<a><!ELEMENT a ANY></a>`, "unsupported markup <!ELEMENT"},
		{`</a>`, "byte 4: end tag </a> without a start tag"},
		{`<a></a`, "unexpected end of input in an end tag"},
		{`<a></a x>`, "expected '>' in end tag </a>, found 'x'"},
		{`<a></b>`, "byte 7: end tag </b> does not match <a>"},
		{`<a><b>`, "unexpected end of input: <b> is not closed"},
		{`<a>&#xD800;</a>`, "bad entity reference &#xD800;"},
		{`<a>&#x110000;</a>`, "bad entity reference &#x110000;"},
		{`<a>&#;</a>`, "bad entity reference &#;"},
		{`<a>&#x;</a>`, "bad entity reference &#x;"},
		{`<a>&#12a;</a>`, "bad entity reference &#12a;"},
		{`<a>&amp</a>`, "bad entity reference &amp (a literal"},
		{`<a>&averyverylongname;</a>`, "bad entity reference &averyveryl"},
		{`<a>&am`, "unexpected end of input in an entity reference"},
		{`<a>x<`, "unexpected end of input in a tag"},
	} {
		s := newXMLScanner(strings.NewReader(c.in), "p.xml")
		for s.Next() != xmlEOF {
		}
		if s.Err() == nil || !strings.Contains(s.Err().Error(), c.want) || !strings.HasPrefix(s.Err().Error(), "p.xml: byte ") {
			t.Errorf("%q: error %v, want %q", c.in, s.Err(), c.want)
		}
		if s.Next() != xmlEOF {
			t.Errorf("%q: a token after the error", c.in)
		}
	}
	// A read error is reported, not taken for the end of the part.
	s := newXMLScanner(io.MultiReader(strings.NewReader("<a>text"), errReader{}), "p.xml")
	for s.Next() != xmlEOF {
	}
	if s.Err() == nil || !strings.Contains(s.Err().Error(), "flate: corrupt input") {
		t.Errorf("read error: %v", s.Err())
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("flate: corrupt input") }

// TestXLSXInputs reads one workbook through each kind of input: in place
// (bytes.Reader, strings.Reader, os.File at offset 0) and buffered (a plain
// io.Reader, a partly read bytes.Reader, a file after its first bytes).
func TestXLSXInputs(t *testing.T) {
	path := "testdata/xlsx/order.xlsx"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "[[sheet:string k:float x:float] [mid 2 10.125] [mid 2 20.125] [mid 2 30.125]]"
	// a copy with 3 leading junk bytes, read after skipping them
	tmp := filepath.Join(t.TempDir(), "x.xlsx")
	if err := os.WriteFile(tmp, append([]byte("abc"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]func() io.Reader{
		"bytes.Reader":   func() io.Reader { return bytes.NewReader(data) },
		"strings.Reader": func() io.Reader { return strings.NewReader(string(data)) },
		"plain reader":   func() io.Reader { return io.MultiReader(bytes.NewReader(data)) },
		"partly read": func() io.Reader {
			r := bytes.NewReader(append([]byte("abc"), data...))
			r.Read(make([]byte, 3))
			return r
		},
		"file": func() io.Reader {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			return f
		},
		"file at offset 3": func() io.Reader {
			f, err := os.Open(tmp)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			f.Seek(3, io.SeekStart)
			return f
		},
	} {
		r := open()
		_, _, inPlace := randomAccess(r)
		if inPlace != (name == "bytes.Reader" || name == "strings.Reader" || name == "file") {
			t.Errorf("%s: read in place %v", name, inPlace)
		}
		tb, err := Read(r, ReadOptions{Name: "x", Sheet: "mid"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := fmt.Sprint(cellsOf(tb)); got != want {
			t.Errorf("%s: got %s", name, got)
		}
	}
}

// TestXLSXStyles checks which cell styles read numbers as dates: the
// built-in formats, custom codes from <numFmts> (not the differential
// formats of <dxfs>), elapsed-time codes as numbers, and the 1904 system.
func TestXLSXStyles(t *testing.T) {
	styles := `<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0.00"/><numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>` +
		`<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>` +
		`<cellXfs><xf numFmtId="0"/><xf numFmtId="14"><alignment/></xf><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/><xf numFmtId="46"/></cellXfs>` +
		`<dxfs><dxf><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></dxf></dxfs></styleSheet>`
	row := `<row r="2">` + `<c r="A2" s="0"><v>43000</v></c><c r="B2" s="1"><v>43000</v></c><c r="C2" s="2"><v>43000</v></c>` +
		`<c r="D2" s="3"><v>1.5</v></c><c r="E2" s="4"><v>43000.75</v></c><c r="F2" s="5"><v>0.5</v></c><c r="G2" s="9"><v>1</v></c></row>`
	hdr7 := `<row r="1">`
	for j := 0; j < 7; j++ {
		hdr7 += fmt.Sprintf(`<c r="%s1" t="inlineStr"><is><t>%c</t></is></c>`, colName(j), 'a'+j)
	}
	hdr7 += `</row>`
	for _, c := range []struct {
		date1904 bool
		want     string
	}{
		{false, "[[a:float b:string c:float d:float e:string f:float g:float] [43000 2017-09-22 43000 1.5 2017-09-22T18:00:00 0.5 1]]"},
		{true, "[[a:float b:string c:float d:float e:string f:float g:float] [43000 2021-09-23 43000 1.5 2021-09-23T18:00:00 0.5 1]]"},
	} {
		wbXML := `<workbook xmlns:r="r"><workbookPr date1904="` + map[bool]string{false: "0", true: "1"}[c.date1904] + `"/><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>`
		data := workbookOf(t, hdr7+row, map[string]string{"xl/styles.xml": styles, "xl/workbook.xml": wbXML})
		tb, err := Read(bytes.NewReader(data), ReadOptions{Name: "s.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(cellsOf(tb)); got != c.want {
			t.Errorf("date1904=%v:\ngot  %s\nwant %s", c.date1904, got, c.want)
		}
	}
}

// TestXLSXCellTypes reads each cell type and the sequential numbering of
// rows and cells without references.
func TestXLSXCellTypes(t *testing.T) {
	sheet := `<row r="1"><c r="A1" t="s"><v>0</v></c><c t="s"><v> 1 </v></c><c t="inlineStr"><is><t>c</t></is></c><c t="inlineStr"><is><t>d</t></is></c></row>` +
		`<row r="3"><c r="A3"><v> 1.5 </v></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c t="d"><v>2020-01-31</v></c></row>` +
		`<row><c r="B4" t="str"><f>x</f><v>t_x0009_u</v></c><c r="A4"><v></v></c><c r="D4" t="x"><v>odd</v></c></row>` +
		`<row r="5"><c r="C5" s="0"/><c r="D5"><f>1/0</f></c></row>` +
		`<row><c r="A6" t="n"><v>-0</v></c></row>`
	tb, err := Read(bytes.NewReader(workbookOf(t, sheet, nil)), ReadOptions{Name: "t.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	// B4 is the text "t\tu" (an _x0009_ escape), so s1 is text; c has no
	// value (an error cell) and is float; row 5 has no value and is skipped
	want := "[[s0:float s1:string c:float d:string] [1.5 1 <NA> 2020-01-31] [<NA> t\tu <NA> odd] [-0 <NA> <NA> <NA>]]"
	got := fmt.Sprint(cellsOf(tb))
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
