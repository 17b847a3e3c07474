package panel

import (
	"math"
	"sort"

	"github.com/wiodlab/wiodlab/core/table"
)

// FactorizeFloat writes the codes of v at rows into codes (0..G-1 in sorted
// order of the values, -1 for NaN) and returns the sorted distinct values.
// Integer-valued columns of moderate range (the usual ids and years) are
// coded by direct addressing, others through a map.
func FactorizeFloat(v []float64, rows []int, codes []int) []float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	integral := true
	for _, i := range rows {
		x := v[i]
		if math.IsNaN(x) {
			continue
		}
		lo, hi = min(lo, x), max(hi, x)
		if x != math.Trunc(x) {
			integral = false
		}
	}
	if lo > hi { // all missing
		for k := range codes {
			codes[k] = -1
		}
		return nil
	}
	if integral && hi-lo < float64(4*len(rows)+1024) {
		span := int(hi-lo) + 1
		slot := make([]int, span)
		for _, i := range rows {
			if !math.IsNaN(v[i]) {
				slot[int(v[i]-lo)] = 1
			}
		}
		var levels []float64
		for s, used := range slot {
			if used != 0 {
				slot[s] = len(levels)
				levels = append(levels, lo+float64(s))
			}
		}
		for k, i := range rows {
			if math.IsNaN(v[i]) {
				codes[k] = -1
			} else {
				codes[k] = slot[int(v[i]-lo)]
			}
		}
		return levels
	}
	m := make(map[float64]int)
	for _, i := range rows {
		if !math.IsNaN(v[i]) {
			m[v[i]] = 0
		}
	}
	levels := make([]float64, 0, len(m))
	for x := range m {
		levels = append(levels, x)
	}
	sort.Float64s(levels)
	for k, x := range levels {
		m[x] = k
	}
	for k, i := range rows {
		if math.IsNaN(v[i]) {
			codes[k] = -1
		} else {
			codes[k] = m[v[i]]
		}
	}
	return levels
}

// Factorize codes the values of column c at the given rows 0..G-1 in sorted
// order of the values (numbers numerically, text bytewise), so that the codes
// do not depend on the order of the rows, and returns each level as text.
// Missing cells get -1.
func Factorize(c *table.Column, rows []int) (codes []int, labels []string) {
	codes = make([]int, len(rows))
	if c.Kind == table.Float {
		lv := FactorizeFloat(c.F, rows, codes)
		labels = make([]string, len(lv))
		for k, v := range lv {
			labels[k] = table.FormatFloat(v)
		}
		return codes, labels
	}
	m := make(map[string]int)
	for _, i := range rows {
		if !c.IsMissing(i) {
			m[c.S[i]] = 0
		}
	}
	labels = make([]string, 0, len(m))
	for s := range m {
		labels = append(labels, s)
	}
	sort.Strings(labels)
	for k, s := range labels {
		m[s] = k
	}
	for k, i := range rows {
		if c.IsMissing(i) {
			codes[k] = -1
		} else {
			codes[k] = m[c.S[i]]
		}
	}
	return codes, labels
}
