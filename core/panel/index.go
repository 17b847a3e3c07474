package panel

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/wiodlab/wiodlab/core/table"
)

// Index is a panel declaration over a table, like Stata's `xtset id time`:
// every row belongs to a unit (any column type) observed at an integer time.
// A row whose id or time is missing belongs to no unit: its lags and leads are
// missing and it is nobody's predecessor.
//
// An Index is immutable once built and refers to rows of the table it was
// built from by position.
type Index struct {
	ID, Time string  // column names
	NRows    int     // rows of the table
	Group    []int   // per row, the unit code 0..NGroups-1, or -1 when id or time is missing
	T        []int64 // per row, the time (meaningless where Group is -1)
	NGroups  int
	Labels   []string // per unit code, the id as text (codes follow the sorted ids)

	order []int // rows with Group ≥ 0, sorted by (Group, T)
	start []int // order[start[g]:start[g+1]] are the rows of unit g
	where []int // per row, its position in order (-1 when Group is -1)
}

// New declares table t a panel with unit column id and time column tm. The
// time must hold integers (numbers, or text that reads as integers). A
// duplicate (id, time) pair is an error naming both rows (counted from 1, as
// data rows without the header).
func New(t *table.Table, id, tm string) (*Index, error) {
	ic, err := t.Lookup(id)
	if err != nil {
		return nil, fmt.Errorf("panel: unit variable: %w", err)
	}
	tc, err := t.Lookup(tm)
	if err != nil {
		return nil, fmt.Errorf("panel: time variable: %w", err)
	}
	n := t.NRows()
	x := &Index{ID: id, Time: tm, NRows: n, Group: make([]int, n), T: make([]int64, n)}
	for i := 0; i < n; i++ {
		if tc.IsMissing(i) {
			x.Group[i] = -1
			continue
		}
		switch tc.Kind {
		case table.Float:
			v := tc.F[i]
			if v != math.Trunc(v) || math.Abs(v) > 1<<53 {
				return nil, fmt.Errorf("panel: time variable %q holds %s at row %d; it must be integer-valued (years, periods)", tm, table.FormatFloat(v), i+1)
			}
			x.T[i] = int64(v)
		default:
			v, err := strconv.ParseInt(strings.TrimSpace(tc.S[i]), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("panel: time variable %q holds %q at row %d; it must be integer-valued (years, periods)", tm, tc.S[i], i+1)
			}
			x.T[i] = v
		}
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	codes, labels := Factorize(ic, all)
	for i := 0; i < n; i++ {
		if x.Group[i] == -1 || codes[i] < 0 {
			x.Group[i] = -1
			continue
		}
		x.Group[i] = codes[i]
	}
	x.NGroups = len(labels)
	x.Labels = labels

	// Rows by unit (counting sort, stable), then by time within each unit.
	x.start = make([]int, x.NGroups+1)
	for i := 0; i < n; i++ {
		if g := x.Group[i]; g >= 0 {
			x.start[g+1]++
		}
	}
	for g := 0; g < x.NGroups; g++ {
		x.start[g+1] += x.start[g]
	}
	x.order = make([]int, x.start[x.NGroups])
	next := append([]int(nil), x.start[:x.NGroups]...)
	for i := 0; i < n; i++ {
		if g := x.Group[i]; g >= 0 {
			x.order[next[g]] = i
			next[g]++
		}
	}
	byTime := func(a, b int) int { return cmp.Compare(x.T[a], x.T[b]) }
	for g := 0; g < x.NGroups; g++ {
		rows := x.order[x.start[g]:x.start[g+1]]
		if !slices.IsSortedFunc(rows, byTime) {
			slices.SortStableFunc(rows, byTime)
		}
	}
	x.where = make([]int, n)
	for i := range x.where {
		x.where[i] = -1
	}
	for p, r := range x.order {
		x.where[r] = p
		if p > 0 {
			q := x.order[p-1]
			if x.Group[q] == x.Group[r] && x.T[q] == x.T[r] {
				return nil, fmt.Errorf("panel: %s = %s, %s = %d appears twice, at rows %d and %d (counting data rows from 1); a panel needs one row per unit and time — drop or aggregate the duplicates",
					id, ic.Text(r), tm, x.T[r], q+1, r+1)
			}
		}
	}
	return x, nil
}

// Row returns the row of the same unit as row i observed k periods later
// (k < 0: earlier), or -1 when there is none (a gap, the panel's edge, or row
// i belongs to no unit).
func (x *Index) Row(i, k int) int {
	p := x.where[i]
	if p < 0 {
		return -1
	}
	if k == 0 {
		return i
	}
	g := x.Group[i]
	lo, hi := x.start[g], x.start[g+1]
	want := x.T[i] + int64(k)
	// Without gaps the row sits exactly k places away.
	if q := p + k; q >= lo && q < hi && x.T[x.order[q]] == want {
		return x.order[q]
	}
	if want < x.T[x.order[lo]] || want > x.T[x.order[hi-1]] {
		return -1
	}
	q := lo + sort.Search(hi-lo, func(j int) bool { return x.T[x.order[lo+j]] >= want })
	if q < hi && x.T[x.order[q]] == want {
		return x.order[q]
	}
	return -1
}

// Rows returns the rows of unit g in time order.
func (x *Index) Rows(g int) []int { return x.order[x.start[g]:x.start[g+1]] }
