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
//     unless ReadOptions.Sheet names one; empty cells are missing);
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
// # Why xlsxreader
//
// XLSX files are read with github.com/thedatashed/xlsxreader (MIT): it is
// pure Go on the standard library only (archive/zip, encoding/xml; no cgo),
// so it compiles to GOOS=js/GOARCH=wasm (checked by building this package
// for wasm and running its tests, XLSX ones included, under Node); it is
// small (about 1,000 lines, no runtime dependencies) and maintained (v1.2.8,
// May 2024, which fixed goroutine leaks in ReadRows); and it streams a
// sheet's rows through encoding/xml instead of building a workbook model,
// so memory stays close to the zip file plus its shared strings. The larger
// alternative, excelize, brings several third-party modules (crypto, text
// encodings, image) into the wasm binary for features we do not need. An
// XLSX file is a zip archive, which needs random access: Read buffers the
// file's bytes (its compressed size) before streaming rows.
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
package table
