package formula

// Design is a formula evaluated on a table: the numeric arrays an estimator
// needs, restricted to the rows usable for the model (no missing value in any
// variable used, inside the sample filter, not lost to lags).
//
// Columns are stored one slice per variable (column-major), each of length
// len(Rows). It is produced by Build in this package.
type Design struct {
	Rows         []int // indices into the source table of the rows used
	YName        string
	Y            []float64
	XNames       []string    // exogenous regressors, in formula order (Stata names: L.x, L2.x)
	X            [][]float64 // one slice per regressor; no intercept column
	Intercept    bool
	EndoNames    []string
	Endo         [][]float64 // endogenous regressors (IV part)
	InstNames    []string
	Inst         [][]float64 // excluded instruments (IV part)
	FENames      []string    // fixed-effect names as written: "id", "country^year"
	FE           [][]int     // per FE dimension, a level code 0..G-1 for each used row
	FELevels     []int       // number of levels of each FE dimension
	ClusterNames []string
	Clusters     [][]int  // per cluster variable requested in BuildOptions, codes 0..G-1
	Notes        []string // what Build did (rows dropped for missing values, lags, filters)
}
