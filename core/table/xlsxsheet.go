package table

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// xlsxCell is one cell of a sheet row: its 0-based column and its text,
// either a shared string (sst >= 0) or arena[a0:a1] of the row.
type xlsxCell struct {
	col    int
	sst    int
	a0, a1 int
}

// xlsxSheet streams the rows of a worksheet part (<sheetData><row><c>)
// through an xmlScanner: memory holds one row's cells, never the sheet.
type xlsxSheet struct {
	b      *xlsxBook
	part   string
	s      *xmlScanner
	c      io.Closer
	row    int // sheet row number of the last row read
	done   bool
	inData bool // inside <sheetData>
	cells  []xlsxCell
	arena  []byte
	text   string  // string(arena) of the last row
	v      []byte  // scratch: a cell's <v> or <is> text
	ref    []byte  // scratch: a cell's reference, for messages
	mark   []int32 // column → last row with a cell there (duplicates)
}

func (b *xlsxBook) openSheet(i int) (*xlsxSheet, error) {
	s, c, ok, err := b.open(b.paths[i])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%w: sheet %q: part %s is missing from the archive", errWorkbook, b.names[i], b.paths[i])
	}
	return &xlsxSheet{b: b, part: b.paths[i], s: s, c: c, mark: make([]int32, maxXLSXColumns)}, nil
}

func (sh *xlsxSheet) close() {
	if sh.c != nil {
		sh.c.Close()
		sh.c = nil
	}
	sh.done = true
}

// value returns the text of a cell of the last row.
func (sh *xlsxSheet) value(c xlsxCell) string {
	if c.sst >= 0 {
		return sh.b.sst[c.sst]
	}
	return sh.text[c.a0:c.a1]
}

// cellErr is an error about a cell of the current row.
func (sh *xlsxSheet) cellErr(ref []byte, format string, args ...any) error {
	where := fmt.Sprintf("%s: row %d", sh.part, sh.row)
	if len(ref) > 0 {
		where = fmt.Sprintf("%s: cell %s", sh.part, printable(ref))
	}
	return fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...))
}

// next reads the next row (<sheetData><row>) that has at least one cell
// with a value into sh.cells; rows absent from the sheet or without values
// are skipped, as blank lines of a CSV file are. It returns io.EOF after the
// last row.
func (sh *xlsxSheet) next() error {
	if sh.done {
		return io.EOF
	}
	s := sh.s
	for {
		k := s.Next()
		if k == xmlEOF {
			sh.close()
			if err := s.Err(); err != nil {
				return err
			}
			return io.EOF
		}
		switch {
		case k == xmlEnd && s.Is("sheetData"):
			sh.close() // the rest of the part is layout, not cells
			return io.EOF
		case k != xmlStart:
			continue
		case s.Is("sheetData"):
			sh.inData = true
			continue
		case !sh.inData:
			continue
		case !s.Is("row"):
			s.Skip()
			continue
		}
		r, err := sh.readRow()
		if err != nil {
			sh.close()
			return err
		}
		if r {
			return nil
		}
	}
}

// readRow parses the <row> whose start tag is current; it reports whether
// the row has a value.
func (sh *xlsxSheet) readRow() (bool, error) {
	s := sh.s
	if v, ok := s.Attr("r"); ok {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 1 || n > maxXLSXRows {
			return false, fmt.Errorf("%s: bad row number \"%s\" after row %d (rows are 1 to %d)", sh.part, printable(v), sh.row, maxXLSXRows)
		}
		if n <= sh.row {
			return false, fmt.Errorf("%s: row %d comes after row %d; rows must be in increasing order", sh.part, n, sh.row)
		}
		sh.row = n
	} else {
		if sh.row >= maxXLSXRows {
			return false, sh.cellErr(nil, "more than %d rows", maxXLSXRows)
		}
		sh.row++
	}
	sh.cells = sh.cells[:0]
	sh.arena = sh.arena[:0]
	d := s.Depth()
	col := -1 // 0-based column of the previous cell
	for {
		switch s.Next() {
		case xmlEOF:
			if s.Err() == nil {
				return false, sh.cellErr(nil, "unexpected end of the sheet")
			}
			return false, s.Err()
		case xmlEnd:
			if s.Depth() < d {
				sh.text = string(sh.arena)
				return len(sh.cells) > 0, nil
			}
		case xmlStart:
			if !s.Is("c") {
				s.Skip()
				continue
			}
			j, err := sh.cellColumn(col)
			if err != nil {
				return false, err
			}
			if sh.mark[j] == int32(sh.row) {
				ref := append([]byte(colName(j)), strconv.Itoa(sh.row)...)
				return false, sh.cellErr(ref, "duplicate cell reference")
			}
			sh.mark[j] = int32(sh.row)
			col = j
			if err := sh.readCell(j); err != nil {
				return false, err
			}
		}
	}
}

// cellColumn returns the 0-based column of the <c> whose start tag is
// current: from its reference (r="B7": letters, then the row number,
// which must be the row's), or the previous cell's plus one when absent
// (as Excel and openpyxl read it).
func (sh *xlsxSheet) cellColumn(prev int) (int, error) {
	ref, ok := sh.s.Attr("r")
	if !ok {
		if prev+1 >= maxXLSXColumns {
			return 0, sh.cellErr(nil, "more than %d cells", maxXLSXColumns)
		}
		return prev + 1, nil
	}
	i, col := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > maxXLSXColumns {
			return 0, sh.cellErr(ref, "column beyond XFD, Excel's last (%d columns)", maxXLSXColumns)
		}
	}
	if i == 0 || i == len(ref) {
		return 0, sh.cellErr(ref, "bad cell reference (want letters then the row number, e.g. B7)")
	}
	n, err := strconv.Atoi(string(ref[i:]))
	if err != nil || ref[i] < '0' || ref[i] > '9' {
		return 0, sh.cellErr(ref, "bad cell reference (want letters then the row number, e.g. B7)")
	}
	if n != sh.row {
		return 0, sh.cellErr(ref, "cell reference in row %d", sh.row)
	}
	return col - 1, nil
}

// readCell parses the <c> whose start tag is current and appends it to
// sh.cells when it has a value. Its text depends on the type t
// (ECMA-376 Part 1, 18.18.11): "s" a shared string, "str" a formula's
// string, "inlineStr" the <is> rich text, "b" 1 or 0, "e" an error such as
// #N/A (read as an empty, i.e. missing, cell), "d" an ISO 8601 date kept as
// text, "n" or absent a number kept as written (an ISO date text when its
// style shows a date). Formulas <f> are ignored: their cached value <v> is
// the cell's.
func (sh *xlsxSheet) readCell(col int) error {
	s := sh.s
	t, _ := s.Attr("t")
	typ := string(t) // a small string compare below; no allocation kept
	style := -1
	if v, ok := s.Attr("s"); ok {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 0 {
			ref, _ := s.Attr("r")
			return sh.cellErr(ref, "bad style index \"%s\"", printable(v))
		}
		style = n
	}
	r, _ := s.Attr("r")
	sh.ref = append(sh.ref[:0], r...) // kept for messages after the attributes go
	ref := sh.ref
	d := s.Depth()
	sh.v = sh.v[:0]
	hasV, hasIs := false, false
	for {
		switch s.Next() {
		case xmlEOF:
			if s.Err() == nil {
				return sh.cellErr(ref, "unexpected end of the sheet")
			}
			return s.Err()
		case xmlStart:
			switch {
			case s.Is("v") && !hasIs:
				hasV = true
				sh.v = sh.v[:0]
				dv := s.Depth()
				for k := s.Next(); k != xmlEOF && s.Depth() >= dv; k = s.Next() {
					if k == xmlText {
						sh.v = append(sh.v, s.Text()...)
					} else if k == xmlStart {
						return sh.cellErr(ref, "unexpected element <%s> in a value", printable(s.Local()))
					}
				}
			case s.Is("is"):
				hasIs, hasV = true, false
				sh.v = readRichText(s, sh.v[:0])
			default:
				s.Skip() // <f>, <extLst>
			}
		case xmlEnd:
			if s.Depth() < d {
				if !hasV && !hasIs {
					return nil // an empty cell (styled only)
				}
				return sh.addCell(col, typ, style, ref, hasIs)
			}
		}
	}
}

func (sh *xlsxSheet) addCell(col int, typ string, style int, ref []byte, inline bool) error {
	c := xlsxCell{col: col, sst: -1, a0: len(sh.arena)}
	v := sh.v
	switch {
	case inline || typ == "str" || typ == "inlineStr":
		sh.arena = appendUnescaped(sh.arena, v)
	case typ == "s":
		n, err := strconv.Atoi(string(bytes.Trim(v, " \t\r\n")))
		if err != nil || n < 0 || n >= len(sh.b.sst) {
			return sh.cellErr(ref, "shared string index \"%s\" out of range (the workbook has %d shared strings)", printable(v), len(sh.b.sst))
		}
		c.sst = n
	case typ == "e":
		// an error value (#N/A, #DIV/0!, …): missing
	case (typ == "" || typ == "n") && style >= 0 && style < len(sh.b.dateStyle) && sh.b.dateStyle[style]:
		v = bytes.Trim(v, " \t\r\n")
		if d, ok := xlsxDate(string(v), sh.b.date1904); ok {
			sh.arena = append(sh.arena, d...)
		} else {
			sh.arena = append(sh.arena, v...)
		}
	default: // "n", "b", "d" and unknown types: the text as written, less
		// XML white space around it (as openpyxl's int() and float() allow)
		sh.arena = append(sh.arena, bytes.Trim(v, " \t\r\n")...)
	}
	c.a1 = len(sh.arena)
	sh.cells = append(sh.cells, c)
	return nil
}

// appendUnescaped appends b with its _xHHHH_ escapes decoded (see
// unescapeXstring).
func appendUnescaped(dst, b []byte) []byte {
	for {
		i := bytes.Index(b, []byte("_x"))
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		if r, ok := xEscape(b); ok {
			dst = appendRune(dst, r)
			b = b[7:]
		} else {
			dst = append(dst, b[:2]...)
			b = b[2:]
		}
	}
}

// colName returns the letters of the 0-based column j ("A", …, "XFD").
func colName(j int) string {
	var b [4]byte
	i := len(b)
	for j++; j > 0; j = (j - 1) / 26 {
		i--
		b[i] = byte('A' + (j-1)%26)
	}
	return string(b[i:])
}

// Excel's date systems count days from 1899-12-30 (the 1900 system, whose
// serial 60 is the non-existent 1900-02-29, kept from Lotus 1-2-3) or from
// 1904-01-01 (ECMA-376 Part 1, 18.17.4.1).
var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// xlsxDate formats a date serial as ISO 8601 text, as openpyxl converts it
// (utils/datetime.py, from_excel): the fraction of the day rounded to the
// millisecond (half to even); a serial in [0, 1) is a time of day
// "15:04:05"; whole days are "2006-01-02", others "2006-01-02T15:04:05",
// with ".000" milliseconds when not zero; 1900-system serials below 60 are
// shifted by a day to undo the 1900-02-29 of Lotus. ok is false for a
// text that is not a number or a serial outside years 1 to 9999.
func xlsxDate(text string, date1904 bool) (string, bool) {
	v, ok := ParseNumber(text)
	if !ok || v < -693593 || v > 2958466 {
		return "", false
	}
	day := math.Floor(v)
	ms := int64(math.RoundToEven((v - day) * 86400 * 1000))
	clock := func(ms int64) string {
		s := fmt.Sprintf("%02d:%02d:%02d", ms/3600000, ms/60000%60, ms/1000%60)
		if ms%1000 != 0 {
			s += fmt.Sprintf(".%03d", ms%1000)
		}
		return s
	}
	if v >= 0 && v < 1 && ms < 86400000 {
		return clock(ms), true
	}
	epoch := epoch1900
	if date1904 {
		epoch = epoch1904
	} else if v > 0 && v < 60 {
		day++
	}
	t := epoch.AddDate(0, 0, int(day)).Add(time.Duration(ms) * time.Millisecond)
	if t.Year() < 1 || t.Year() > 9999 {
		return "", false
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02") + "T" + clock(int64(t.Hour()*3600000+t.Minute()*60000+t.Second()*1000+t.Nanosecond()/1e6)), true
}
