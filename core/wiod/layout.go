package wiod

import (
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/wiodlab/wiodlab/core/table"
)

var (
	nationalKeys = []string{"Year", "Code", "Description", "Origin"}
	seaKeys      = []string{"country", "variable", "description", "code"}
)

// hasKeys reports whether hdr starts with keys (names compared without case).
func hasKeys(hdr, keys []string) bool {
	if len(hdr) < len(keys) {
		return false
	}
	for i, k := range keys {
		if !strings.EqualFold(strings.TrimSpace(hdr[i]), k) {
			return false
		}
	}
	return true
}

// DetectLayout tells the layout of a WIOD file from its header: World when it
// starts with IndustryCode, IndustryDescription, Country, RNr, Year; National
// when it starts with Year, Code, Description, Origin; SEA when it starts with
// country, variable, description, code (names compared without case).
// Otherwise Unknown.
func DetectLayout(header []string) Layout {
	switch {
	case hasKeys(header, worldKeys):
		return World
	case hasKeys(header, nationalKeys):
		return National
	case hasKeys(header, seaKeys):
		return SEA
	}
	return Unknown
}

func layoutError(file string, hdr []string, want, got Layout) error {
	keys := map[Layout][]string{World: worldKeys, National: nationalKeys, SEA: seaKeys}
	show := hdr
	if len(show) > 6 {
		show = append(append([]string(nil), show[:6]...), "…")
	}
	if got == Unknown {
		if want == Unknown {
			return &table.ParseError{File: file, Line: 1, Err: fmt.Errorf("%w: the header (%s) is none of the WIOD layouts; a world table starts with %s, a national table with %s, an SEA file with %s",
				ErrLayout, strings.Join(show, ", "), strings.Join(worldKeys, ", "), strings.Join(nationalKeys, ", "), strings.Join(seaKeys, ", "))}
		}
		return &table.ParseError{File: file, Line: 1, Err: fmt.Errorf("%w: the header (%s) is not the %s layout, which starts with %s", ErrLayout, strings.Join(show, ", "), want, strings.Join(keys[want], ", "))}
	}
	return &table.ParseError{File: file, Line: 1, Err: fmt.Errorf("%w: this is a %s file, not a %s one", ErrLayout, got, want)}
}

// Options configures Read.
type Options struct {
	// Layout forces a layout; Unknown (the zero value) detects it from the header.
	Layout Layout
	// Country is the country code of a national table; "" takes it from the
	// file name (the letters before the first '_', '-', '.' or space, e.g.
	// "USA" for USA_niot.csv.gz).
	Country string
	// Sheet is the XLSX sheet to read ("" = the first).
	Sheet string
}

// Read reads the input-output tables of a WIOD file of either IO layout,
// detected from the header unless opt.Layout forces one: one table for a
// world file, one per year for a national file. SEA files are read by
// ReadSEA.
func Read(r io.Reader, name string, opt Options) ([]*IOTable, error) {
	rd, err := table.NewReader(r, table.ReadOptions{Name: name, Sheet: opt.Sheet})
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return parseIO(&readerSource{rd: rd}, opt)
}

func parseIO(src source, opt Options) ([]*IOTable, error) {
	got := DetectLayout(src.header())
	want := opt.Layout
	if want == Unknown {
		want = got
	}
	if got != want {
		return nil, layoutError(src.name(), src.header(), want, got)
	}
	switch want {
	case World:
		t, err := parseWorld(src)
		if err != nil {
			return nil, err
		}
		return []*IOTable{t}, nil
	case National:
		return parseNational(src, countryOf(src.name(), opt.Country))
	case SEA:
		return nil, &table.ParseError{File: src.name(), Line: 1, Err: fmt.Errorf("%w: an SEA file holds no input-output table; read it as SEA", ErrLayout)}
	}
	return nil, layoutError(src.name(), src.header(), Unknown, Unknown)
}

// countryOf returns opt when set, else the file name's leading letters.
func countryOf(name, opt string) string {
	if opt != "" {
		return opt
	}
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if i := strings.IndexAny(base, "_-. "); i > 0 {
		base = base[:i]
	}
	if base == "" || base == "." || base == "/" {
		return "NAT"
	}
	return base
}

// TablesFrom converts a parsed table (e.g. one stored in the browser) in the
// world or national layout, detected from its column names, into
// input-output tables: one for a world table, one per year for a national
// one. Errors name the table, the row (as line row+2, the header being line
// 1) and the column.
func TablesFrom(t *table.Table, opt Options) ([]*IOTable, error) {
	return parseIO(newTableSource(t), opt)
}

// FromTable is TablesFrom for a table holding a single year.
func FromTable(t *table.Table) (*IOTable, error) {
	ts, err := TablesFrom(t, Options{})
	if err != nil {
		return nil, err
	}
	if len(ts) != 1 {
		return nil, fmt.Errorf("wiod: table %s holds %d years; use TablesFrom", t.Name, len(ts))
	}
	return ts[0], nil
}
