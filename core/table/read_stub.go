package table

import (
	"errors"
	"io"
)

// ReadOptions configures Read.
type ReadOptions struct {
	Name string // file name used in error messages
}

// Read reads a table (being implemented).
func Read(r io.Reader, opt ReadOptions) (*Table, error) {
	return nil, errors.New("table: Read not implemented yet")
}
