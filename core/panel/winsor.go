package panel

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/wiodlab/wiodlab/core/table"
)

// Pctile returns the p-th percentile (0 < p < 100, in percent) of the sorted,
// non-missing values x by Stata's default rule (the one of `_pctile`,
// `pctile`, `egen pctile()` and `summarize, detail`; [D] pctile, Methods and
// formulas): with n values and P = n·p/100, the percentile is x_(⌊P⌋+1) when P
// is not an integer and the average (x_(P) + x_(P+1))/2 when it is (order
// statistics counted from 1). This is the inverse of the empirical
// distribution function with averaging at its jumps: SAS PCTLDEF=5, Hyndman
// and Fan (1996) type 2, numpy's method="averaged_inverted_cdf".
//
// It returns NaN for empty x. x must be sorted ascending (not checked).
func Pctile(x []float64, p float64) float64 {
	n := len(x)
	if n == 0 {
		return math.NaN()
	}
	if !(p > 0 && p < 100) {
		panic(fmt.Sprintf("panel: percentile %v outside (0, 100)", p))
	}
	// P = n p / 100 in exact arithmetic when p·n is an integer multiple of
	// 100, which is the case that must be detected exactly.
	P := float64(n) * p / 100
	j := math.Floor(P)
	if P == j {
		k := int(j) // average of x_(k) and x_(k+1), 1-based
		if k >= n {
			return x[n-1]
		}
		if k < 1 {
			return x[0]
		}
		return (x[k-1] + x[k]) / 2
	}
	k := int(j) // x_(k+1), 1-based
	if k >= n {
		k = n - 1
	}
	return x[k]
}

// Winsor describes one winsorising, as Stata's winsor2 does it: values below
// the Low-th percentile are replaced by that percentile, values above the
// High-th by that one (Trim: set to missing instead). Percentiles follow
// Pctile and are computed over the non-missing values of each variable, within
// each group of By when given.
type Winsor struct {
	Vars []string
	Low  float64  // lower cut in percent; winsor2's default 1
	High float64  // upper cut in percent; winsor2's default 99
	By   []string // optional grouping variables (winsor2's by())
	Trim bool     // set values beyond the cuts to missing (winsor2's trim)
}

// DefaultWinsorP is the default tail fraction of --winsor: 0.01 on each side,
// winsor2's cuts(1 99).
const DefaultWinsorP = 0.01

// ParseWinsor parses the command-line form `VAR[,VAR...][:p][:by=G[,G...]]`:
// p is the fraction cut from each tail (default 0.01, i.e. winsor2's
// cuts(1 99)), by= names grouping variables (winsor2's by()).
// "x,y:0.05" gives cuts(5 95) for x and y; "x:by=year" winsorises x within
// each year at cuts(1 99).
func ParseWinsor(s string) (Winsor, error) {
	parts := strings.Split(s, ":")
	vars := parts[0]
	p := DefaultWinsorP
	var by []string
	seenP := false
	for _, part := range parts[1:] {
		part = strings.TrimSpace(part)
		if g, ok := strings.CutPrefix(part, "by="); ok {
			if by != nil {
				return Winsor{}, fmt.Errorf("--winsor %q: by= given twice", s)
			}
			for _, v := range strings.Split(g, ",") {
				if v = strings.TrimSpace(v); v == "" {
					return Winsor{}, fmt.Errorf("--winsor %q: empty grouping variable in by= (write by=g1,g2)", s)
				}
				by = append(by, v)
			}
			continue
		}
		v, err := strconv.ParseFloat(part, 64)
		if err != nil || !(v > 0 && v < 0.5) || seenP {
			return Winsor{}, fmt.Errorf("--winsor %q: %q is not a tail fraction strictly between 0 and 0.5 (0.01 cuts at the 1st and 99th percentiles) nor by=GROUP; write VAR[,VAR][:p][:by=G]", s, part)
		}
		p, seenP = v, true
	}
	w := Winsor{Low: roundPct(100 * p), High: roundPct(100 * (1 - p)), By: by}
	for _, v := range strings.Split(vars, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			return Winsor{}, fmt.Errorf("--winsor %q: empty variable name (write VAR[,VAR...][:p], e.g. x,y:0.01)", s)
		}
		w.Vars = append(w.Vars, v)
	}
	return w, nil
}

// roundPct removes binary noise from 100·p (100·0.01 is 1, 100·0.99 is 99).
func roundPct(v float64) float64 { return math.Round(v*1e9) / 1e9 }

// Apply returns a copy of t with the variables winsorised (or trimmed). The
// source table is not modified; unchanged columns are shared. Notes say, per
// variable, the cut values and how many values were changed.
func (w Winsor) Apply(t *table.Table) (*table.Table, []string, error) {
	if !(w.Low >= 0 && w.High <= 100 && w.Low < w.High) {
		return nil, nil, fmt.Errorf("panel: winsor cuts (%v, %v) must satisfy 0 ≤ low < high ≤ 100", w.Low, w.High)
	}
	groups := make([]int, t.NRows())
	ngroups := 1
	if len(w.By) > 0 {
		var err error
		groups, ngroups, err = groupCodes(t, w.By)
		if err != nil {
			return nil, nil, err
		}
	}
	out := &table.Table{Name: t.Name, Cols: append([]*table.Column(nil), t.Cols...)}
	var notes []string
	for _, name := range w.Vars {
		c, err := t.Lookup(name)
		if err != nil {
			return nil, nil, fmt.Errorf("--winsor: %w", err)
		}
		if c.Kind != table.Float {
			return nil, nil, fmt.Errorf("--winsor: column %q holds text; only numeric columns can be winsorised", name)
		}
		v, changed, lo, hi := winsorize(c.F, groups, ngroups, w.Low, w.High, w.Trim)
		if err := out.SetFloat(name, v); err != nil {
			return nil, nil, err
		}
		verb := "winsorised"
		if w.Trim {
			verb = "trimmed"
		}
		if ngroups == 1 {
			notes = append(notes, fmt.Sprintf("%s %s at p%s = %s and p%s = %s: %d values changed", verb, name,
				table.FormatFloat(w.Low), table.FormatFloat(lo[0]), table.FormatFloat(w.High), table.FormatFloat(hi[0]), changed))
		} else {
			notes = append(notes, fmt.Sprintf("%s %s at p%s and p%s within %d groups of %s: %d values changed", verb, name,
				table.FormatFloat(w.Low), table.FormatFloat(w.High), ngroups, strings.Join(w.By, ","), changed))
		}
	}
	return out, notes, nil
}

// Winsorize returns v winsorised at the low-th and high-th percentiles (in
// percent) of its non-missing values, and the two cut values. Missing values
// stay missing.
func Winsorize(v []float64, low, high float64) (out []float64, lo, hi float64) {
	out, _, los, his := winsorize(v, make([]int, len(v)), 1, low, high, false)
	return out, los[0], his[0]
}

// WinsorizeBy is Winsorize within groups: group[i] in 0..ngroups-1 is the
// group of value i, or -1 to leave it untouched. It returns the cuts per group.
func WinsorizeBy(v []float64, group []int, ngroups int, low, high float64, trim bool) (out, lo, hi []float64) {
	if len(group) != len(v) {
		panic("panel: group codes and values differ in length")
	}
	out, _, lo, hi = winsorize(v, group, ngroups, low, high, trim)
	return out, lo, hi
}

func winsorize(v []float64, group []int, ngroups int, low, high float64, trim bool) (out []float64, changed int, lo, hi []float64) {
	byGroup := make([][]float64, ngroups)
	for i, x := range v {
		if g := group[i]; g >= 0 && !math.IsNaN(x) {
			byGroup[g] = append(byGroup[g], x)
		}
	}
	lo = make([]float64, ngroups)
	hi = make([]float64, ngroups)
	for g, xs := range byGroup {
		slices.Sort(xs)
		lo[g], hi[g] = math.Inf(-1), math.Inf(1)
		if len(xs) == 0 {
			lo[g], hi[g] = math.NaN(), math.NaN()
			continue
		}
		if low > 0 {
			lo[g] = Pctile(xs, low)
		}
		if high < 100 {
			hi[g] = Pctile(xs, high)
		}
	}
	out = make([]float64, len(v))
	for i, x := range v {
		out[i] = x
		g := group[i]
		if g < 0 || math.IsNaN(x) {
			continue
		}
		switch {
		case x < lo[g]:
			out[i] = lo[g]
		case x > hi[g]:
			out[i] = hi[g]
		default:
			continue
		}
		if trim {
			out[i] = math.NaN()
		}
		changed++
	}
	return out, changed, lo, hi
}

// groupCodes codes the combinations of the by variables, sorted. As in
// Stata's by, rows with a missing by value form a group of their own.
func groupCodes(t *table.Table, by []string) ([]int, int, error) {
	n := t.NRows()
	codes := make([]int, n)
	key := make([]string, n)
	for _, name := range by {
		c, err := t.Lookup(name)
		if err != nil {
			return nil, 0, fmt.Errorf("--winsor by(): %w", err)
		}
		for i := 0; i < n; i++ {
			if c.IsMissing(i) {
				key[i] += "\x01"
			} else {
				key[i] += c.Text(i) + "\x00"
			}
		}
	}
	levels := map[string]int{}
	var uniq []string
	for i := 0; i < n; i++ {
		if _, ok := levels[key[i]]; !ok {
			levels[key[i]] = 0
			uniq = append(uniq, key[i])
		}
	}
	sort.Strings(uniq)
	for k, s := range uniq {
		levels[s] = k
	}
	for i := 0; i < n; i++ {
		codes[i] = levels[key[i]]
	}
	return codes, len(uniq), nil
}
