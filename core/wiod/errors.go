package wiod

import "errors"

// Sentinel errors of the WIOD readers, wrapped in *table.ParseError values
// that name the file, line and column (test with errors.Is). Problems of the
// CSV itself (ragged rows, bad quoting) wrap the table package's sentinels.
var (
	ErrLayout         = errors.New("unknown layout")
	ErrLabels         = errors.New("columns do not match rows")
	ErrMixedYears     = errors.New("years mixed in one file")
	ErrMissingGO      = errors.New("no gross output (GO) row")
	ErrNegativeOutput = errors.New("negative gross output")
	ErrClassification = errors.New("bad classification")
)
