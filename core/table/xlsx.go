package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Limits of an Excel 2007+ worksheet (ECMA-376 Part 1, 18.3.1.73 and
// Excel's specifications: 1,048,576 rows by 16,384 columns, "XFD").
const (
	maxXLSXColumns = 16384
	maxXLSXRows    = 1 << 20
)

// errWorkbook marks problems with the workbook's structure (parts and
// relationships, as opposed to a sheet's cells); messages read "malformed
// workbook: ...".
var errWorkbook = errors.New("malformed workbook")

// xlsxBook is an opened workbook: its sheets in workbook order, the shared
// strings and which cell styles format numbers as dates.
type xlsxBook struct {
	files     map[string]*zip.File
	names     []string // sheet names, in workbook order
	paths     []string // the sheets' parts inside the archive
	sst       []string
	dateStyle []bool // by style index (the s attribute of a cell)
	date1904  bool
}

// openXLSXBook reads the workbook's structure from the zip archive ra of
// size bytes: the package relationships (_rels/.rels) name the workbook
// part (usually xl/workbook.xml), whose relationships name the sheets,
// shared strings and styles (ECMA-376 Part 2, Open Packaging Conventions).
func openXLSXBook(ra io.ReaderAt, size int64) (*xlsxBook, error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, err
	}
	b := &xlsxBook{files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		b.files[f.Name] = f
	}
	wbPath := "xl/workbook.xml"
	if rels, err := b.rels("_rels/.rels", ""); err != nil {
		return nil, err
	} else if p := rels.byType("/officeDocument"); p != "" {
		wbPath = p
	}
	if b.file(wbPath) == nil {
		return nil, fmt.Errorf("%w: no workbook part %s in the archive (is this an XLSX file?)", errWorkbook, wbPath)
	}
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	rels, err := b.rels(relsPath, path.Dir(wbPath))
	if err != nil {
		return nil, err
	}
	if b.file(relsPath) == nil {
		return nil, fmt.Errorf("%w: no relationships part %s in the archive", errWorkbook, relsPath)
	}
	if err := b.readWorkbook(wbPath, rels); err != nil {
		return nil, err
	}
	sstPath := rels.byType("/sharedStrings")
	if sstPath == "" {
		sstPath = path.Join(path.Dir(wbPath), "sharedStrings.xml")
	}
	if err := b.readSharedStrings(sstPath); err != nil {
		return nil, err
	}
	stylesPath := rels.byType("/styles")
	if stylesPath == "" {
		stylesPath = path.Join(path.Dir(wbPath), "styles.xml")
	}
	if err := b.readStyles(stylesPath); err != nil {
		return nil, err
	}
	return b, nil
}

// file finds a part by name, ignoring case when the exact name is absent
// (part names are case-insensitive, ECMA-376 Part 2, 6.2.2.3).
func (b *xlsxBook) file(name string) *zip.File {
	if f, ok := b.files[name]; ok {
		return f
	}
	for n, f := range b.files {
		if strings.EqualFold(n, name) {
			return f
		}
	}
	return nil
}

// open opens a part for streaming; ok is false when it is absent.
func (b *xlsxBook) open(name string) (*xmlScanner, io.Closer, bool, error) {
	f := b.file(name)
	if f == nil {
		return nil, nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, true, fmt.Errorf("%s: %v", name, err)
	}
	return newXMLScanner(rc, name), rc, true, nil
}

// xlsxRels maps relationship ids to target parts, with their types.
type xlsxRels struct {
	ids, types, targets []string
}

func (r *xlsxRels) byType(suffix string) string {
	for i, t := range r.types {
		if strings.HasSuffix(t, suffix) {
			return r.targets[i]
		}
	}
	return ""
}

func (r *xlsxRels) byID(id string) (string, bool) {
	for i, v := range r.ids {
		if v == id {
			return r.targets[i], true
		}
	}
	return "", false
}

// rels reads a relationships part; targets are resolved against dir (a
// leading '/' makes a target absolute). An absent part gives no relations.
func (b *xlsxBook) rels(name, dir string) (*xlsxRels, error) {
	r := &xlsxRels{}
	s, c, ok, err := b.open(name)
	if !ok || err != nil {
		return r, err
	}
	defer c.Close()
	for k := s.Next(); k != xmlEOF; k = s.Next() {
		if k != xmlStart || !s.Is("Relationship") {
			continue
		}
		id, _ := s.Attr("Id")
		typ, _ := s.Attr("Type")
		target, _ := s.Attr("Target")
		if mode, _ := s.Attr("TargetMode"); string(mode) == "External" {
			continue
		}
		t := string(target)
		if strings.HasPrefix(t, "/") {
			t = path.Clean(t[1:])
		} else {
			t = path.Join(dir, t)
		}
		r.ids = append(r.ids, string(id))
		r.types = append(r.types, string(typ))
		r.targets = append(r.targets, t)
	}
	if err := s.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", errWorkbook, err)
	}
	return r, nil
}

// readWorkbook lists the sheets (<sheets><sheet name=.. r:id=..>) in
// workbook order and reads the date system (<workbookPr date1904=..>).
func (b *xlsxBook) readWorkbook(name string, rels *xlsxRels) error {
	s, c, _, err := b.open(name)
	if err != nil {
		return err
	}
	defer c.Close()
	for k := s.Next(); k != xmlEOF; k = s.Next() {
		if k != xmlStart {
			continue
		}
		switch {
		case s.Is("workbookPr"):
			v, _ := s.Attr("date1904")
			b.date1904 = string(v) == "1" || string(v) == "true"
		case s.Is("sheet"):
			sheet, _ := s.Attr("name")
			id, ok := s.Attr("id")
			if !ok {
				return fmt.Errorf("%w: %s: sheet %q has no r:id", errWorkbook, name, sheet)
			}
			target, ok := rels.byID(string(id))
			if !ok {
				return fmt.Errorf("%w: %s: sheet %q refers to relationship %q, which the workbook's relationships do not list", errWorkbook, name, sheet, id)
			}
			b.names = append(b.names, string(sheet))
			b.paths = append(b.paths, target)
		}
	}
	if err := s.Err(); err != nil {
		return fmt.Errorf("%w: %v", errWorkbook, err)
	}
	return nil
}

// readCount checks an optional count attribute (xsd:unsignedInt) and
// returns it, capped, as a capacity hint.
func readCount(s *xmlScanner, part, attr string) (int, error) {
	v, ok := s.Attr(attr)
	if !ok {
		return 0, nil
	}
	n, err := strconv.ParseUint(string(v), 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%w: %s: %s=%q is not a count", errWorkbook, part, attr, v)
	}
	return int(min(n, 1<<16)), nil
}

// readSharedStrings reads <sst><si>…</si></sst>: each string item is the
// text of its <t> or the concatenated <t> of its rich-text runs <r>;
// phonetic runs <rPh> are not part of the text (ECMA-376 Part 1, 18.4).
func (b *xlsxBook) readSharedStrings(name string) error {
	s, c, ok, err := b.open(name)
	if !ok || err != nil {
		return err
	}
	defer c.Close()
	var text []byte
	for k := s.Next(); k != xmlEOF; k = s.Next() {
		if k != xmlStart {
			continue
		}
		switch {
		case s.Is("sst"):
			n, err := readCount(s, name, "uniqueCount")
			if err != nil {
				return err
			}
			if _, err := readCount(s, name, "count"); err != nil {
				return err
			}
			b.sst = make([]string, 0, n)
		case s.Is("si"):
			text = readRichText(s, text[:0])
			b.sst = append(b.sst, unescapeXstring(text))
		}
	}
	if err := s.Err(); err != nil {
		return fmt.Errorf("%w: %v", errWorkbook, err)
	}
	return nil
}

// readRichText appends the text of the string item (<si> or <is>) whose
// start tag is current: its <t> elements, skipping phonetic runs <rPh> and
// properties.
func readRichText(s *xmlScanner, dst []byte) []byte {
	d := s.Depth()
	inT := false
	for {
		switch s.Next() {
		case xmlEOF:
			return dst
		case xmlStart:
			switch {
			case s.Is("t"):
				inT = true
			case s.Is("rPh"), s.Is("rPr"), s.Is("phoneticPr"):
				s.Skip()
			}
		case xmlEnd:
			if s.Depth() < d {
				return dst
			}
			inT = false
		case xmlText:
			if inT {
				dst = append(dst, s.Text()...)
			}
		}
	}
}

// unescapeXstring decodes the _xHHHH_ escapes of ST_Xstring (ECMA-376 Part
// 1, 22.9.2.19), with which Excel writes characters XML cannot carry, such
// as control characters: "_x000D_" is a carriage return and "_x005F_"
// an underscore (so "_x005F_x000D_" is the literal text "_x000D_"). Escapes
// are replaced left to right without overlapping, as Excel and openpyxl's
// utils.escape.unescape do.
func unescapeXstring(b []byte) string {
	if bytes.Index(b, []byte("_x")) < 0 {
		return string(b)
	}
	return string(appendUnescaped(make([]byte, 0, len(b)), b))
}

// xEscape decodes "_xHHHH_" at the start of b.
func xEscape(b []byte) (rune, bool) {
	if len(b) < 7 || b[6] != '_' {
		return 0, false
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// appendRune appends r as UTF-8; a lone surrogate (which Python's chr
// accepts but UTF-8 cannot encode) becomes U+FFFD.
func appendRune(b []byte, r rune) []byte {
	return append(b, string(r)...)
}

// readStyles marks the cell styles (<cellXfs><xf numFmtId=..>, by index)
// whose number format shows a date or time, so that such numbers read as
// ISO 8601 text (see xlsxDate).
func (b *xlsxBook) readStyles(name string) error {
	s, c, ok, err := b.open(name)
	if !ok || err != nil {
		return err
	}
	defer c.Close()
	custom := map[int]string{}
	var fmtIDs []int
	for k := s.Next(); k != xmlEOF; k = s.Next() {
		if k != xmlStart {
			continue
		}
		switch {
		case s.Is("numFmts"):
			// only these; <dxfs> (conditional formats) hold numFmt too
			d := s.Depth()
			for k := s.Next(); k != xmlEOF && s.Depth() >= d; k = s.Next() {
				if k == xmlStart && s.Is("numFmt") {
					id, _ := s.Attr("numFmtId")
					code, _ := s.Attr("formatCode")
					if n, err := strconv.Atoi(string(id)); err == nil {
						custom[n] = string(code)
					}
				}
			}
		case s.Is("cellXfs"):
			d := s.Depth()
			for k := s.Next(); k != xmlEOF && s.Depth() >= d; k = s.Next() {
				if k == xmlStart && s.Is("xf") && s.Depth() == d+1 {
					id, _ := s.Attr("numFmtId")
					n, _ := strconv.Atoi(string(id))
					fmtIDs = append(fmtIDs, n)
				}
			}
		}
	}
	if err := s.Err(); err != nil {
		return fmt.Errorf("%w: %v", errWorkbook, err)
	}
	b.dateStyle = make([]bool, len(fmtIDs))
	for i, id := range fmtIDs {
		if code, ok := custom[id]; ok {
			b.dateStyle[i] = isDateFormat(code) && !isDurationFormat(code)
		} else {
			// built-in formats (ECMA-376 Part 1, 18.8.30): 14–22 dates and
			// times, 45 "mm:ss", 47 "mmss.0"; 46 "[h]:mm:ss" is a duration.
			b.dateStyle[i] = 14 <= id && id <= 22 || id == 45 || id == 47
		}
	}
	return nil
}

// isDateFormat reports whether a number format code shows a date or time:
// in its first section, outside quoted literals and bracketed [locale/color]
// groups, a letter d, m, h, y or s not escaped by a backslash. This is
// openpyxl's rule (styles/numbers.py, is_date_format), including its quirk
// of not looking at the code's first character.
func isDateFormat(code string) bool {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i]
	}
	stripped := make([]byte, 0, len(code))
	for i := 0; i < len(code); i++ {
		c := code[i]
		if c == '"' {
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
				continue
			}
		}
		if c == '[' && !isElapsed(code[i:], false) {
			if j := strings.IndexByte(code[i+1:], ']'); j >= 0 {
				i += j + 1
				continue
			}
		}
		stripped = append(stripped, c)
	}
	for i := 1; i < len(stripped); i++ {
		if stripped[i-1] != '\\' && strings.IndexByte("dmhysDMHYS", stripped[i]) >= 0 {
			return true
		}
	}
	return false
}

// isElapsed reports whether s starts with [h], [hh], [m], [mm], [s] or
// [ss], ignoring case when fold is set (openpyxl strips groups
// case-sensitively but detects durations ignoring case).
func isElapsed(s string, fold bool) bool {
	for _, p := range []string{"[h]", "[hh]", "[m]", "[mm]", "[s]", "[ss]"} {
		if len(s) >= len(p) && (s[:len(p)] == p || fold && strings.EqualFold(s[:len(p)], p)) {
			return true
		}
	}
	return false
}

// isDurationFormat reports whether the first section of a format code shows
// elapsed time ([h]:mm:ss and the like); such cells stay numbers (days).
func isDurationFormat(code string) bool {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i]
	}
	for i := 0; i < len(code); i++ {
		if code[i] == '[' && isElapsed(code[i:], true) {
			return true
		}
	}
	return false
}
