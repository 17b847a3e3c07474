package table

import "strconv"

// FormatFloat formats v with the shortest representation that parses back to v.
func FormatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
