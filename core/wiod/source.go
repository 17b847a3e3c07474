package wiod

import (
	"fmt"
	"io"
	"math"

	"github.com/wiodlab/wiodlab/core/table"
)

// source yields the records of a WIOD file one at a time, from a streaming
// table.Reader or from an already parsed table.Table, so that both paths
// share one parser (and the same error messages).
type source interface {
	name() string
	header() []string
	next() error // io.EOF after the last record
	line() int   // line of the current record (header = 1)
	text(j int) string
	isMissing(j int) bool
	num(j int) (float64, error) // error wraps table.ErrMissing or table.ErrNumeric
	errf(col int, err error) error
}

// readerSource streams records from a table.Reader.
type readerSource struct {
	rd  *table.Reader
	rec []string
}

func (s *readerSource) name() string     { return s.rd.Name() }
func (s *readerSource) header() []string { return s.rd.Header() }
func (s *readerSource) line() int        { return s.rd.Line() }
func (s *readerSource) next() error {
	rec, err := s.rd.Read()
	s.rec = rec
	return err
}
func (s *readerSource) text(j int) string    { return s.rec[j] }
func (s *readerSource) isMissing(j int) bool { return s.rd.IsMissing(s.rec[j]) }
func (s *readerSource) num(j int) (float64, error) {
	c := s.rec[j]
	if v, ok := table.ParseNumber(c); ok {
		return v, nil
	}
	if s.rd.IsMissing(c) {
		return 0, s.errf(j+1, fmt.Errorf("%w (%q) where a number is required", table.ErrMissing, c))
	}
	return 0, s.errf(j+1, fmt.Errorf("%w %q", table.ErrNumeric, c))
}
func (s *readerSource) errf(col int, err error) error { return s.rd.Errorf(col, err) }

// tableSource walks the rows of a parsed table; row i is line i+2 (the header
// being line 1), as in the file the table came from.
type tableSource struct {
	t   *table.Table
	hdr []string
	row int
}

func newTableSource(t *table.Table) *tableSource {
	return &tableSource{t: t, hdr: t.Names(), row: -1}
}

func (s *tableSource) name() string     { return s.t.Name }
func (s *tableSource) header() []string { return s.hdr }
func (s *tableSource) line() int        { return s.row + 2 }
func (s *tableSource) next() error {
	if s.row+1 >= s.t.NRows() {
		return io.EOF
	}
	s.row++
	return nil
}
func (s *tableSource) text(j int) string    { return s.t.Cols[j].Text(s.row) }
func (s *tableSource) isMissing(j int) bool { return s.t.Cols[j].IsMissing(s.row) }
func (s *tableSource) num(j int) (float64, error) {
	c := s.t.Cols[j]
	if c.Kind == table.Float {
		v := c.F[s.row]
		if math.IsNaN(v) {
			return 0, s.errf(j+1, fmt.Errorf("%w where a number is required", table.ErrMissing))
		}
		return v, nil
	}
	if c.IsMissing(s.row) {
		return 0, s.errf(j+1, fmt.Errorf("%w where a number is required", table.ErrMissing))
	}
	if v, ok := table.ParseNumber(c.S[s.row]); ok {
		return v, nil
	}
	return 0, s.errf(j+1, fmt.Errorf("%w %q", table.ErrNumeric, c.S[s.row]))
}
func (s *tableSource) errf(col int, err error) error {
	pe := &table.ParseError{File: s.t.Name, Line: s.line(), Column: col, Err: err}
	if col > 0 && col <= len(s.hdr) {
		pe.Name = s.hdr[col-1]
	}
	return pe
}
