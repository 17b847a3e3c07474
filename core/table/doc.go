// Package table holds columnar tables and reads them from CSV (plain or
// gzip-compressed, detected by content) and XLSX.
//
// A Table is a list of equal-length named columns, each either Float
// (float64, NaN = missing) or String. Readers take an io.Reader (never a path)
// so that the browser and the command line share them, and report problems as
// *ParseError values naming the file, line and column, in the manner of
// encoding/csv.
package table
