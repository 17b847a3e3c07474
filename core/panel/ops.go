package panel

import (
	"fmt"
	"math"
)

// Lag returns L^k.v: for each row the value of v in the same unit k periods
// earlier, or NaN when that period is not observed (a gap is never bridged:
// the row at time t-k must exist, whatever rows lie before it). k < 0 gives a
// lead. v has one value per row of the indexed table.
func (x *Index) Lag(v []float64, k int) []float64 {
	x.checkLen(v)
	out := make([]float64, len(v))
	for i := range out {
		if r := x.Row(i, -k); r >= 0 {
			out[i] = v[r]
		} else {
			out[i] = math.NaN()
		}
	}
	return out
}

// Lead returns F^k.v, the value k periods later (NaN when not observed).
func (x *Index) Lead(v []float64, k int) []float64 { return x.Lag(v, -k) }

// Diff returns D^k.v, the k-th difference as Stata's D operator defines it:
// D.v = v - L.v, D2.v = D.(D.v) = v - 2 L.v + L2.v, and so on with binomial
// weights. It is NaN unless all of t, t-1, ..., t-k are observed with values.
func (x *Index) Diff(v []float64, k int) []float64 {
	x.checkLen(v)
	if k < 0 {
		panic("panel: negative difference order")
	}
	// w[j] = (-1)^j C(k, j)
	w := make([]float64, k+1)
	w[0] = 1
	for j := 1; j <= k; j++ {
		w[j] = -w[j-1] * float64(k-j+1) / float64(j)
	}
	out := make([]float64, len(v))
	for i := range out {
		s := 0.0
		for j := 0; j <= k; j++ {
			r := x.Row(i, -j)
			if r < 0 {
				s = math.NaN()
				break
			}
			s += w[j] * v[r]
		}
		out[i] = s
	}
	return out
}

// Op applies a Stata time-series operator by name: "L" lag, "F" lead, "D"
// difference, "" none (v itself, copied), with order k.
func (x *Index) Op(v []float64, op string, k int) []float64 {
	switch op {
	case "":
		return append([]float64(nil), v...)
	case "L":
		return x.Lag(v, k)
	case "F":
		return x.Lead(v, k)
	case "D":
		return x.Diff(v, k)
	}
	panic(fmt.Sprintf("panel: unknown time-series operator %q", op))
}

func (x *Index) checkLen(v []float64) {
	if len(v) != x.NRows {
		panic(fmt.Sprintf("panel: column has %d rows, the index %d", len(v), x.NRows))
	}
}

// Summary describes a panel's shape, as Stata's xtset and xtdescribe do.
type Summary struct {
	Units    int   `json:"units" js:"units"`         // units with at least one observation
	Periods  int   `json:"periods" js:"periods"`     // distinct times observed
	TMin     int64 `json:"tmin" js:"tmin"`           // first time observed
	TMax     int64 `json:"tmax" js:"tmax"`           // last time observed
	Obs      int   `json:"obs" js:"obs"`             // rows with id and time
	Dropped  int   `json:"dropped" js:"dropped"`     // rows with missing id or time
	MinT     int   `json:"min_t" js:"min_t"`         // fewest observations of a unit
	MaxT     int   `json:"max_t" js:"max_t"`         // most observations of a unit
	WithGaps int   `json:"with_gaps" js:"with_gaps"` // units with a gap inside their span
	Gaps     int   `json:"gaps" js:"gaps"`           // missing periods inside units' spans, summed
	// Balanced is Stata's "strongly balanced": every unit observed at every
	// time in [TMin, TMax].
	Balanced bool `json:"balanced" js:"balanced"`
	// Status is "strongly balanced", "unbalanced" or "unbalanced, with
	// gaps", after xtset's wording.
	Status string `json:"status" js:"status"`
}

// Describe returns the shape of the panel.
func (x *Index) Describe() Summary {
	s := Summary{Obs: len(x.order), Dropped: x.NRows - len(x.order), MinT: math.MaxInt}
	times := map[int64]bool{}
	first := true
	for g := 0; g < x.NGroups; g++ {
		rows := x.Rows(g)
		if len(rows) == 0 {
			continue
		}
		s.Units++
		t0, t1 := x.T[rows[0]], x.T[rows[len(rows)-1]]
		if first || t0 < s.TMin {
			s.TMin = t0
		}
		if first || t1 > s.TMax {
			s.TMax = t1
		}
		first = false
		s.MinT = min(s.MinT, len(rows))
		s.MaxT = max(s.MaxT, len(rows))
		if gaps := int(t1-t0+1) - len(rows); gaps > 0 {
			s.WithGaps++
			s.Gaps += gaps
		}
		for _, r := range rows {
			times[x.T[r]] = true
		}
	}
	if s.Units == 0 {
		s.MinT = 0
	}
	s.Periods = len(times)
	s.Balanced = s.Units > 0 && s.MinT == s.MaxT && s.WithGaps == 0 && int64(s.MinT) == s.TMax-s.TMin+1
	switch {
	case s.Balanced:
		s.Status = "strongly balanced"
	case s.WithGaps > 0:
		s.Status = "unbalanced, with gaps"
	default:
		s.Status = "unbalanced"
	}
	return s
}

// String describes the panel in the manner of xtset's report, e.g.
// "140 units, 1976 to 1984 (9 periods), 1031 observations, 7 to 9 per unit; unbalanced".
func (s Summary) String() string {
	out := fmt.Sprintf("%d units, %d to %d (%d periods), %d observations, %d to %d per unit; %s",
		s.Units, s.TMin, s.TMax, s.Periods, s.Obs, s.MinT, s.MaxT, s.Status)
	if s.WithGaps > 0 {
		out += fmt.Sprintf(" (%d units miss %d periods inside their span)", s.WithGaps, s.Gaps)
	}
	if s.Dropped > 0 {
		out += fmt.Sprintf("; %d rows without unit or time", s.Dropped)
	}
	return out
}
