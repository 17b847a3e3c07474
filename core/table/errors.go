package table

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors wrapped by ParseError (test with errors.Is).
var (
	ErrEmpty     = errors.New("no header line (empty input)")
	ErrRagged    = errors.New("wrong number of fields")
	ErrNumeric   = errors.New("non-numeric cell")
	ErrMissing   = errors.New("missing value")
	ErrDuplicate = errors.New("duplicate")
	ErrQuote     = errors.New("bad quoting")
	ErrFormat    = errors.New("unreadable file")
	ErrSheet     = errors.New("no such sheet")
)

// ParseError reports a problem in an input file: where it is and what it is.
// Line is 1-based (the header is line 1 for CSV files; the sheet row number for
// XLSX); Column is the 1-based field number and Name the column name when
// known (0 and "" when the problem concerns a whole line or the whole file).
// Err wraps one of the sentinel errors of this package or of the caller's
// (e.g. wiod.ErrLayout).
type ParseError struct {
	File   string // file (or table) name
	Line   int
	Column int
	Name   string // column name, when known
	Err    error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ", column %d", e.Column)
			if e.Name != "" {
				fmt.Fprintf(&b, " (%q)", e.Name)
			}
		}
		b.WriteString(": ")
	} else if e.Column > 0 {
		fmt.Fprintf(&b, "column %d", e.Column)
		if e.Name != "" {
			fmt.Fprintf(&b, " (%q)", e.Name)
		}
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
