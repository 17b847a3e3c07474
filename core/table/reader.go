package table

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DefaultMissing lists the cell texts read as missing when ReadOptions.Missing
// is nil: the empty cell, R's NA and Stata's ".".
var DefaultMissing = []string{"", "NA", "."}

// ReadOptions configures Read and NewReader. The zero value reads a CSV file
// (plain or gzip-compressed) or the first sheet of an XLSX file, detecting the
// delimiter.
type ReadOptions struct {
	Name    string   // file name used in error messages
	Comma   rune     // CSV field delimiter; 0 = detect from the header line (',', ';' or tab)
	Missing []string // cell texts read as missing; nil = DefaultMissing
	Sheet   string   // XLSX sheet name; "" = the first sheet
	// Text names columns kept as text even when every cell is a number
	// (e.g. codes "01", "02" whose leading zeros matter).
	Text []string
}

// Input formats reported by Reader.Format.
const (
	FormatCSV     = "csv"
	FormatCSVGzip = "csv+gzip"
	FormatXLSX    = "xlsx"
)

// A Reader streams the records of a table file one at a time, after detecting
// its format by content: gzip (magic bytes 1f 8b, then CSV inside), XLSX (zip
// magic "PK\x03\x04") or CSV. The first record is the header. Every record it
// returns has exactly as many fields as the header (otherwise a *ParseError
// wrapping ErrRagged). Readers that only need numbers (the WIOD readers) use it
// to parse straight into their own arrays without building a Table.
type Reader struct {
	name    string
	format  string
	header  []string
	missing []string
	line    int

	csv *csv.Reader

	xsheet *xlsxSheet
	xrec   []string
}

// NewReader detects the format of r, reads the header line and returns a
// Reader positioned at the first data record.
func NewReader(r io.Reader, opt ReadOptions) (*Reader, error) {
	rd := &Reader{name: opt.Name, format: FormatCSV, missing: opt.Missing}
	if rd.missing == nil {
		rd.missing = DefaultMissing
	}
	if ra, size, ok := randomAccess(r); ok {
		var magic [4]byte
		if n, _ := ra.ReadAt(magic[:], 0); n == 4 && string(magic[:]) == "PK\x03\x04" {
			rd.format = FormatXLSX
			if err := rd.openXLSX(ra, size, opt.Sheet); err != nil {
				rd.Close()
				return nil, err
			}
			return rd, nil
		}
	}
	br := bufio.NewReaderSize(r, 1<<16)
	magic, _ := br.Peek(4)
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, rd.errf(0, 0, fmt.Errorf("%w: gzip: %v", ErrFormat, err))
		}
		br = bufio.NewReaderSize(zr, 1<<16)
		rd.format = FormatCSVGzip
	case len(magic) == 4 && string(magic) == "PK\x03\x04":
		rd.format = FormatXLSX
		// a zip archive needs random access: buffer the file's bytes
		data, err := io.ReadAll(br)
		if err != nil {
			return nil, rd.errf(0, 0, fmt.Errorf("%w: %v", ErrFormat, err))
		}
		if err := rd.openXLSX(bytes.NewReader(data), int64(len(data)), opt.Sheet); err != nil {
			rd.Close()
			return nil, err
		}
		return rd, nil
	}
	if bom, _ := br.Peek(3); len(bom) == 3 && string(bom) == "\uFEFF" {
		br.Discard(3)
	}
	comma := opt.Comma
	if comma == 0 {
		comma = detectComma(br)
	}
	if comma == '\r' || comma == '\n' || comma == '"' || comma == utf8.RuneError || !utf8.ValidRune(comma) {
		return nil, rd.errf(0, 0, fmt.Errorf("%w: invalid delimiter %q", ErrFormat, comma))
	}
	rd.csv = csv.NewReader(br)
	rd.csv.Comma = comma
	rd.csv.FieldsPerRecord = -1
	rd.csv.ReuseRecord = true
	rec, err := rd.csv.Read()
	if err == io.EOF {
		return nil, rd.errf(1, 0, ErrEmpty)
	}
	if err != nil {
		return nil, rd.csvErr(err)
	}
	rd.line, _ = rd.csv.FieldPos(0)
	if err := rd.setHeader(rec); err != nil {
		return nil, err
	}
	return rd, nil
}

// detectComma counts ',', ';' and tabs outside quotes on the first line and
// returns the most frequent (ties go to ',', then ';'); ',' when none occurs.
func detectComma(br *bufio.Reader) rune {
	var line []byte
	for n := 4096; ; n *= 2 {
		if n > br.Size() {
			n = br.Size()
		}
		b, err := br.Peek(n)
		// encoding/csv skips blank lines; so does detection.
		k := 0
		for k < len(b) && (b[k] == '\n' || b[k] == '\r') {
			k++
		}
		if i := bytes.IndexByte(b[k:], '\n'); i >= 0 {
			line = b[k : k+i]
			break
		}
		if err != nil || n == br.Size() {
			line = b[k:]
			break
		}
	}
	var comma, semi, tab int
	quoted := false
	for _, c := range line {
		switch c {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				comma++
			}
		case ';':
			if !quoted {
				semi++
			}
		case '\t':
			if !quoted {
				tab++
			}
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}

func (rd *Reader) setHeader(rec []string) error {
	rd.header = make([]string, len(rec))
	seen := make(map[string]int, len(rec))
	for j, s := range rec {
		if s == "" {
			s = "V" + strconv.Itoa(j+1)
		}
		s = strings.Clone(s)
		if k, ok := seen[s]; ok {
			pe := rd.errf(rd.line, j+1, fmt.Errorf("%w column name %q (also column %d); rename one of them", ErrDuplicate, s, k+1))
			pe.Name = s
			return pe
		}
		seen[s] = j
		rd.header[j] = s
	}
	return nil
}

func (rd *Reader) errf(line, col int, err error) *ParseError {
	pe := &ParseError{File: rd.name, Line: line, Column: col, Err: err}
	if col > 0 && col <= len(rd.header) {
		pe.Name = rd.header[col-1]
	}
	return pe
}

func (rd *Reader) csvErr(err error) error {
	var ce *csv.ParseError
	if errors.As(err, &ce) {
		if errors.Is(ce.Err, csv.ErrQuote) || errors.Is(ce.Err, csv.ErrBareQuote) {
			return rd.errf(ce.Line, 0, fmt.Errorf("%w: %v at character %d; quote fields that contain quotes, delimiters or line breaks, doubling inner quotes", ErrQuote, ce.Err, ce.Column))
		}
		return rd.errf(ce.Line, 0, fmt.Errorf("%w: %v", ErrFormat, ce.Err))
	}
	if rd.format == FormatCSVGzip {
		return rd.errf(rd.line+1, 0, fmt.Errorf("%w: gzip: %v", ErrFormat, err))
	}
	return rd.errf(rd.line+1, 0, fmt.Errorf("%w: %v", ErrFormat, err))
}

// Header returns the column names (empty names become "V1", "V2", …).
func (rd *Reader) Header() []string { return rd.header }

// Name returns the file name given in ReadOptions.
func (rd *Reader) Name() string { return rd.name }

// Format returns FormatCSV, FormatCSVGzip or FormatXLSX.
func (rd *Reader) Format() string { return rd.format }

// Line returns the line (CSV) or sheet row (XLSX) of the last record read.
func (rd *Reader) Line() int { return rd.line }

// IsMissing reports whether a cell text marks a missing value.
func (rd *Reader) IsMissing(s string) bool {
	for _, m := range rd.missing {
		if s == m {
			return true
		}
	}
	return false
}

// Errorf returns a *ParseError at the current line and the 1-based column col
// (0: the whole line), naming the column.
func (rd *Reader) Errorf(col int, err error) *ParseError { return rd.errf(rd.line, col, err) }

// Read returns the next record, or io.EOF after the last one. The slice and
// its strings are only valid until the next call (clone what you keep).
func (rd *Reader) Read() ([]string, error) {
	if rd.xsheet != nil {
		return rd.nextXLSX(len(rd.header))
	}
	rec, err := rd.csv.Read()
	if err != nil {
		if err == io.EOF {
			return nil, err
		}
		return nil, rd.csvErr(err)
	}
	rd.line, _ = rd.csv.FieldPos(0)
	if len(rec) != len(rd.header) {
		col := min(len(rec), len(rd.header)) + 1
		return nil, rd.errf(rd.line, col, fmt.Errorf("%w: line has %d fields, the header has %d", ErrRagged, len(rec), len(rd.header)))
	}
	return rec, nil
}

// Close releases the reader (for XLSX, the sheet's decompressor). It is
// needed only when reading stops before io.EOF.
func (rd *Reader) Close() {
	if rd.xsheet != nil {
		rd.xsheet.close()
	}
}

// randomAccess returns r as an io.ReaderAt of the given size when r is an
// unread *bytes.Reader or *strings.Reader (the browser passes a file's
// bytes so) or a regular *os.File at offset 0: a workbook is then read in
// place, not copied into memory first.
func randomAccess(r io.Reader) (io.ReaderAt, int64, bool) {
	switch v := r.(type) {
	case *bytes.Reader:
		return v, v.Size(), int64(v.Len()) == v.Size()
	case *strings.Reader:
		return v, v.Size(), int64(v.Len()) == v.Size()
	case *os.File:
		off, err := v.Seek(0, io.SeekCurrent)
		if err != nil || off != 0 {
			return nil, 0, false
		}
		st, err := v.Stat()
		if err != nil || !st.Mode().IsRegular() {
			return nil, 0, false
		}
		return v, st.Size(), true
	}
	return nil, 0, false
}

func (rd *Reader) openXLSX(ra io.ReaderAt, size int64, sheet string) error {
	x, err := openXLSXBook(ra, size)
	if err != nil {
		return rd.errf(0, 0, fmt.Errorf("%w: xlsx: %v", ErrFormat, err))
	}
	if len(x.names) == 0 {
		return rd.errf(0, 0, fmt.Errorf("%w: the workbook has no sheets", ErrSheet))
	}
	i := 0
	if sheet != "" {
		i = slices.Index(x.names, sheet)
		if i < 0 {
			return rd.errf(0, 0, fmt.Errorf("%w %q (sheets: %s)", ErrSheet, sheet, strings.Join(x.names, ", ")))
		}
	}
	rd.name = rd.name + "[" + x.names[i] + "]"
	if rd.xsheet, err = x.openSheet(i); err != nil {
		return rd.errf(0, 0, fmt.Errorf("%w: xlsx: %v", ErrFormat, err))
	}
	rec, err := rd.nextXLSX(-1)
	if err == io.EOF {
		return rd.errf(1, 0, ErrEmpty)
	}
	if err != nil {
		return err
	}
	return rd.setHeader(rec)
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }

// nextXLSX reads the next sheet row into rd.xrec; width < 0 sizes the record
// by the row's last cell (the header), otherwise cells beyond width are
// ragged unless empty.
func (rd *Reader) nextXLSX(width int) ([]string, error) {
	sh := rd.xsheet
	if err := sh.next(); err != nil {
		if err == io.EOF {
			return nil, err
		}
		return nil, rd.errf(sh.row, 0, fmt.Errorf("%w: xlsx: %v", ErrFormat, err))
	}
	rd.line = sh.row
	w := width
	if w < 0 {
		w = 0
		for _, c := range sh.cells {
			w = max(w, c.col+1)
		}
	}
	if cap(rd.xrec) < w {
		rd.xrec = make([]string, w)
	}
	rec := rd.xrec[:w]
	for i := range rec {
		rec[i] = ""
	}
	for _, c := range sh.cells {
		v := sh.value(c)
		if c.col >= w {
			if v == "" {
				continue
			}
			sh.close()
			return nil, rd.errf(sh.row, c.col+1, fmt.Errorf("%w: cell %s%d lies beyond the header's %d columns", ErrRagged, colName(c.col), sh.row, w))
		}
		rec[c.col] = v
	}
	return rec, nil
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseShortDecimal parses [-]digits[.digits] with at most 15 significant
// digits and at most 22 after the point,
// the bulk of WIOD cells, by Clinger's fast path: the digits as an integer m
// < 2⁵³ and 10^k are exact float64 values, so the correctly rounded quotient
// m / 10^k is the correctly rounded value of the decimal (W. D. Clinger, "How
// to read floating point numbers accurately", PLDI 1990). ok is false for
// anything else, which strconv.ParseFloat then handles.
func parseShortDecimal(s string) (float64, bool) {
	i := 0
	neg := false
	if s[0] == '-' {
		neg = true
		i = 1
	}
	var m int64
	nd, frac := 0, -1
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + int64(c-'0')
			if m != 0 {
				nd++ // significant digits: leading zeros do not count
			}
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0:
			frac = 0
		default:
			return 0, false
		}
	}
	if nd > 15 || frac > 22 || (m == 0 && !hasDigit(s)) {
		return 0, false
	}
	f := float64(m)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// ParseNumber parses a cell as a decimal number. Unlike strconv.ParseFloat it
// accepts only digits, signs, '.', 'e' and 'E' (no "NaN", "Inf", hex or
// underscores) and rejects values out of float64 range.
func ParseNumber(s string) (float64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	digit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			digit = true
		case c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E':
		default:
			return 0, false
		}
	}
	if !digit {
		return 0, false
	}
	if v, ok := parseShortDecimal(s); ok {
		return v, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}
