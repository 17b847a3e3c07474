package wiod

import "gonum.org/v1/gonum/mat"

// IOTable is one year of an input-output table, world (multi-region) or
// national, reduced to what the indicators need. Sector i (0 ≤ i < N) is the
// pair (Country[i], Industry[i]); rows and columns of Z share that order.
type IOTable struct {
	Source   string // file name, for messages
	Layout   Layout
	Year     int
	Country  []string // country code of each sector ("" is never used; national tables repeat one code)
	Industry []string // industry code of each sector (e.g. "C26" or "c14")
	Desc     []string // industry description of each sector (may be empty strings)
	// Z is the N×N intermediate-use matrix: Z[i][j] = sales of sector i to sector j.
	Z *mat.Dense
	// X is gross output by sector (the GO row of a world table, the GO column of a national one).
	X []float64
	// VA is value added by sector (nil when the layout has none).
	VA []float64
	// FinalDemand is the row sum of final uses by supplying sector (nil when absent).
	FinalDemand []float64
}

// N returns the number of sectors.
func (t *IOTable) N() int { return len(t.Industry) }

// Layout is a WIOD file layout.
type Layout int

const (
	// Unknown means "detect from the header" when passed as an option.
	Unknown Layout = iota
	// World is the official long-wide world table (IndustryCode, IndustryDescription,
	// Country, RNr, Year, <Country><RNr> columns ..., TOT; bottom rows incl. VA and GO).
	World
	// National is the national table layout (Year, Code, Description, Origin,
	// industries, final uses, GO).
	National
	// SEA is the Socio-Economic Accounts layout (country, variable, description, code, years).
	SEA
)

func (l Layout) String() string {
	switch l {
	case World:
		return "world"
	case National:
		return "national"
	case SEA:
		return "sea"
	}
	return "unknown"
}
