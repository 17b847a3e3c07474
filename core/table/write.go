package table

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteCSV writes t as comma-separated text with a header line. Missing cells
// are written empty; numbers in plain decimal notation when 1e-6 ≤ |v| < 1e21
// (as JavaScript does) and in exponent notation otherwise, always with the
// fewest digits that read back to the same float64, so Read(WriteCSV(t))
// reproduces every Float column exactly.
func WriteCSV(w io.Writer, t *Table) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf []byte
	for j, name := range t.Names() {
		if j > 0 {
			buf = append(buf, ',')
		}
		buf = appendField(buf, name)
	}
	buf = append(buf, '\n')
	for i := 0; i < t.NRows(); i++ {
		for j, c := range t.Cols {
			if j > 0 {
				buf = append(buf, ',')
			}
			switch {
			case c.IsMissing(i):
			case c.Kind == String:
				buf = appendField(buf, c.S[i])
			default:
				buf = AppendNumber(buf, c.F[i])
			}
		}
		buf = append(buf, '\n')
		if len(buf) > 1<<15 {
			if _, err := bw.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	return bw.Flush()
}

// appendField appends s, quoted when it holds a delimiter Read might detect
// (',', ';', tab), a quote, a line break or another control byte (gzip and
// zip magic numbers start with one), surrounding space or a byte order mark,
// or is empty (an empty text is written "" to tell it from a missing cell
// on a line of its own).
func appendField(b []byte, s string) []byte {
	if s != "" && !needsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// AppendNumber appends v in the notation WriteCSV uses: the shortest text
// that reads back to v, plain decimal for 1e-6 ≤ |v| < 1e21 and zero,
// exponent notation otherwise.
func AppendNumber(b []byte, v float64) []byte {
	if a := math.Abs(v); a == 0 || (a >= 1e-6 && a < 1e21) {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

func needsQuotes(s string) bool {
	if s[0] == ' ' || s[len(s)-1] == ' ' || strings.HasPrefix(s, "\uFEFF") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == ',' || c == ';' || c == '"' {
			return true
		}
	}
	return false
}
