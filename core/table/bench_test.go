package table

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
)

// wideXLSX builds a workbook shaped like a WIOD world table in Excel: one
// sheet of rows × cols, a header row of shared strings ("c1", "c2", …) and
// random numbers (fixed seed) written as Excel writes them, shortest
// round-trip decimals.
func wideXLSX(tb testing.TB, rows, cols int) []byte {
	rng := rand.New(rand.NewPCG(7, 11))
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	add := func(name string, body []byte) {
		w, err := z.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(body)
	}
	add("xl/workbook.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="wiot" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	add("xl/_rels/workbook.xml.rels", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`))
	add("xl/styles.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`))
	var sst bytes.Buffer
	fmt.Fprintf(&sst, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, cols, cols)
	for j := 0; j < cols; j++ {
		fmt.Fprintf(&sst, "<si><t>c%d</t></si>", j+1)
	}
	sst.WriteString("</sst>")
	add("xl/sharedStrings.xml", sst.Bytes())
	var sh bytes.Buffer
	sh.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i := 1; i <= rows+1; i++ {
		fmt.Fprintf(&sh, `<row r="%d" spans="1:%d">`, i, cols)
		for j := 0; j < cols; j++ {
			ref := colName(j) + strconv.Itoa(i)
			if i == 1 {
				fmt.Fprintf(&sh, `<c r="%s" t="s"><v>%d</v></c>`, ref, j)
				continue
			}
			v := rng.ExpFloat64() * 1000
			if rng.IntN(4) == 0 {
				v = 0
			}
			fmt.Fprintf(&sh, `<c r="%s"><v>%s</v></c>`, ref, strconv.FormatFloat(v, 'g', 15, 64))
		}
		sh.WriteString("</row>")
	}
	sh.WriteString("</sheetData></worksheet>")
	add("xl/worksheets/sheet1.xml", sh.Bytes())
	if err := z.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// BenchmarkReadXLSXWide reads a 300-row × 2464-column numeric sheet (the
// width of the WIOD 2016 world table) into a Table.
func BenchmarkReadXLSXWide(b *testing.B) {
	data := wideXLSX(b, 300, 2464)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		tb, err := Read(bytes.NewReader(data), ReadOptions{Name: "wide.xlsx"})
		if err != nil || tb.NRows() != 300 || len(tb.Cols) != 2464 {
			b.Fatal(err)
		}
	}
}
