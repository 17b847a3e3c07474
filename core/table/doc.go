// Package table holds columnar tables and reads them from CSV (plain or
// gzip-compressed) and XLSX, detecting the format by content.
//
// A Table is a list of equal-length named columns, each either Float
// (float64, NaN = missing) or String. Readers take an io.Reader (never a path)
// so that the browser and the command line share them, and report problems as
// *ParseError values naming the file, line and column, in the manner of
// encoding/csv.
//
// # Reading
//
// Read (whole tables) and Reader (record streaming, used by the WIOD readers
// to parse straight into their matrices) detect the input by its first bytes:
//
//   - 1f 8b: gzip (RFC 1952), decompressed on the fly, CSV inside;
//   - "PK\x03\x04": a zip archive, read as an XLSX workbook (first sheet
//     in workbook order unless ReadOptions.Sheet names one; empty cells are
//     missing; see XLSX below);
//   - anything else: CSV (RFC 4180 quoting via encoding/csv; a UTF-8 byte
//     order mark is dropped; blank lines are skipped).
//
// The CSV delimiter, unless ReadOptions.Comma sets it, is the most frequent
// of ',', ';' and tab outside quotes on the header line (ties go to ',', then
// ';'). The first record is the header; empty names become V1, V2, … (the
// column number), duplicate names are an error. Every record must have as
// many fields as the header (ErrRagged otherwise).
//
// Conventions: a cell is missing when its text is one of ReadOptions.Missing,
// by default "" (empty), "NA" (R) and "." (Stata). A column is Float when
// every non-missing cell is a decimal number (ParseNumber: digits, sign,
// point, exponent; not NaN, Inf, hex or thousands separators, so a decimal
// comma makes a column text), String otherwise; ReadOptions.Text keeps
// chosen columns as text (codes with leading zeros). A column that turns out
// to be text keeps every cell's original text. A column with no value at all
// is Float (all NaN), as in pandas.
//
// WriteCSV writes a table that Read reads back with the same values:
// numbers with the fewest digits that round-trip, missing cells empty, text
// quoted when it holds a delimiter, quote, line break or edge space.
//
// # XLSX
//
// A workbook is a zip archive of XML parts (ECMA-376, Office Open XML). The
// package relationships (_rels/.rels) name the workbook part, whose
// relationships name the sheets (by r:id, targets relative to the workbook's
// folder or absolute), the shared strings and the styles; sheets are listed
// in workbook order, whatever their part names. A sheet part is streamed
// from the archive one <row> at a time, so memory holds the zip file, the
// shared strings and one row. Conventions:
//
//   - Rows absent from the sheet, and rows without a value, are skipped, as
//     blank CSV lines are; a <row> without r follows the previous one, a <c>
//     without r the previous cell. Cells missing from a row are missing.
//     Rows must come in increasing order and a cell's reference must name
//     its row, a column up to XFD (16,384) and no cell twice (ErrFormat).
//   - Numbers keep the text Excel wrote ("0.1", "1.2345678901234E-5"), so
//     numeric detection is the same as for CSV.
//   - Strings (shared, inline, formula results) are the concatenated text
//     runs (<t>, <r><t>), without phonetic runs (<rPh>), white space kept,
//     with the _xHHHH_ escapes of ST_Xstring decoded ("_x000D_" is a carriage
//     return, "_x005F_" an underscore).
//   - Booleans are the numbers 1 and 0, the values Excel stores (R's readxl
//     and pandas give logical TRUE/FALSE, which count as 1 and 0 in
//     arithmetic), so a column of them is numeric and usable as a dummy.
//   - Error cells (#N/A, #DIV/0!, …) are missing.
//   - Formulas are not evaluated: the cached value <v> is the cell's.
//   - Dates are ISO 8601 text: t="d" cells as written; numbers in a date or
//     time format (built-in formats 14–22, 45, 47; custom codes by openpyxl's
//     rule, which Go reproduces in isDateFormat) as "2006-01-02",
//     "2006-01-02T15:04:05" or, below 1, "15:04:05", with ".000"
//     milliseconds when not zero, in the workbook's 1900 or 1904 date
//     system. Elapsed-time formats ([h]:mm:ss) stay numbers (days).
//
// # Why an own XLSX reader
//
// Up to 2026 XLSX files were read with github.com/thedatashed/xlsxreader,
// which decodes XML with encoding/xml and date formats with regexp. Those
// two packages cost the browser's wasm module 627,358 bytes, 158,354 after
// gzip -9 (8,266,783 → 7,639,425 bytes, 2,230,545 → 2,072,191 compressed,
// built from the same tree with either reader), and issue 7 sets a 2 MB
// compressed budget. The few XML constructs spreadsheet parts use fit a
// small hand-written scanner (xmlscan.go: tags, attributes in either quote,
// namespace prefixes matched by local name, the predefined entities and
// character references, CDATA, comments and processing instructions
// skipped, end tags checked against start tags; a DOCTYPE is refused). It
// also reads faster and with less memory: a 300-row × 2464-column numeric
// sheet (BenchmarkReadXLSXWide) took 0.32 s and 48 MB of allocations
// against xlsxreader's 1.21 s and 729 MB in the same run (2.1 to 4.5 times
// faster in wasm under Node), and 32 MB since a bytes.Reader or file is read
// in place. Every cell of the test workbooks in testdata/xlsx is compared
// with what openpyxl reads (testdata/gen_xlsx_golden.py) and, for a
// workbook written by R's openxlsx, with what R's readxl reads
// (testdata/gen_xlsx_r.R). An XLSX file is a zip archive, which needs
// random access: an unread bytes.Reader, strings.Reader or regular os.File
// is read in place, any other io.Reader is buffered (the file's compressed
// size) before rows are streamed.
//
// # Errors
//
// Errors are *ParseError{File, Line, Column, Name, Err} with Line 1-based
// (the header is line 1; for XLSX, the sheet row number), Column the 1-based
// field number and Name the column name. Err wraps a sentinel (ErrRagged,
// ErrNumeric, ErrMissing, ErrDuplicate, ErrQuote, ErrFormat, ErrSheet,
// ErrEmpty) that errors.Is finds. Messages read
//
//	wiot_2011.csv: line 17, column 9 ("AUS3"): non-numeric cell "x1"
//	data.xlsx[Sheet1]: line 7: unreadable file: xlsx: xl/worksheets/sheet1.xml: cell B7: duplicate cell reference
//	data.xlsx[Sheet1]: line 9: unreadable file: xlsx: xl/worksheets/sheet1.xml: byte 5120: bad entity reference &nbsp; (a literal '&' must be written &amp;)
package table
