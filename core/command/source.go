package command

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/wiodlab/wiodlab/core/table"
)

// Source resolves the table names given to a subcommand.
type Source interface {
	// Table returns the named table, parsed.
	Table(name string) (*table.Table, error)
}

// Files is the command-line Source: names are file paths (CSV, gzip-compressed
// CSV or XLSX, detected by content).
type Files struct{}

// Table reads the file at path.
func (Files) Table(path string) (*table.Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return table.Read(f, table.ReadOptions{Name: path})
}

// Progress receives the fraction done (0..1) and a short message. It may be nil.
type Progress func(fraction float64, message string)

// Report calls p when it is not nil.
func (p Progress) Report(fraction float64, format string, args ...any) {
	if p != nil {
		p(fraction, fmt.Sprintf(format, args...))
	}
}

// Env is what every subcommand receives besides its options.
type Env struct {
	Ctx      context.Context
	Source   Source
	Progress Progress
}

// Tables is an in-memory Source: names map to parsed tables.
type Tables map[string]*table.Table

// Table returns the named table or an error listing the names held.
func (m Tables) Table(name string) (*table.Table, error) {
	if t, ok := m[name]; ok {
		return t, nil
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return nil, fmt.Errorf("no table %q (tables: %s)", name, strings.Join(names, ", "))
}

// Opener is implemented by Sources that also give raw bytes, such as files
// on the command line (a sector-set JSON file, a specification).
type Opener interface {
	Open(name string) (io.ReadCloser, error)
}

// Open opens the file at path.
func (Files) Open(path string) (io.ReadCloser, error) { return os.Open(path) }
