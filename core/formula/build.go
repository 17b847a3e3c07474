package formula

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/wiodlab/wiodlab/core/panel"
	"github.com/wiodlab/wiodlab/core/table"
)

// BuildOptions configures Build.
type BuildOptions struct {
	// Panel names the unit and time columns ({"id", "year"}), as --panel
	// id,time; required when the formula uses L., F. or D.
	Panel []string
	// If is a sample filter in Stata syntax (see ParseFilter); "" keeps all rows.
	If string
	// Cluster lists cluster variables (any column type) to factorise into
	// Design.Clusters; rows where one is missing are dropped, as Stata does.
	Cluster []string
	// Winsor is applied to the whole table before anything else (so lags
	// see winsorised values and the cuts do not depend on the filter).
	Winsor []panel.Winsor
}

// Build evaluates formula f on table t: it looks up the columns, applies the
// time-series operators through the panel index (on the whole table, so a lag
// may come from a row the filter excludes, as in Stata), applies the sample
// filter, drops rows with a missing value in any variable used (the formula's
// terms, fixed effects and cluster variables), and codes the fixed effects and
// cluster variables 0..G-1 in sorted order of their levels.
//
// Data problems come back as errors naming the variable: unknown column (with
// the list of columns), text in a numeric role, a variable missing everywhere
// in the sample, operators without a panel, an empty sample.
func Build(t *table.Table, f *Formula, opt BuildOptions) (*Design, error) {
	if f == nil || t == nil {
		panic("formula: Build with nil table or formula")
	}
	var notes []string
	for _, w := range opt.Winsor {
		wt, wn, err := w.Apply(t)
		if err != nil {
			return nil, err
		}
		t = wt
		notes = append(notes, wn...)
	}
	n := t.NRows()
	if n == 0 {
		return nil, fmt.Errorf("formula: %s has no rows", tableName(t))
	}

	lookup := func(name, role string) (*table.Column, error) {
		if c := t.Col(name); c != nil {
			return c, nil
		}
		return nil, fmt.Errorf("formula: %s %q is not a column of %s (columns: %s)", role, name, tableName(t), listNames(t.Names()))
	}
	// Columns used, in a fixed order, each checked once.
	type termCol struct {
		term Term
		role string
	}
	var terms []termCol
	terms = append(terms, termCol{f.Y, "dependent variable"})
	for _, x := range f.X {
		terms = append(terms, termCol{x, "regressor"})
	}
	for _, x := range f.Endo {
		terms = append(terms, termCol{x, "endogenous variable"})
	}
	for _, x := range f.Inst {
		terms = append(terms, termCol{x, "instrument"})
	}
	for _, tc := range terms {
		c, err := lookup(tc.term.Var, tc.role)
		if err != nil {
			return nil, err
		}
		if c.Kind != table.Float {
			row := 0
			for i := 0; i < c.Len(); i++ {
				if !c.IsMissing(i) {
					row = i
					break
				}
			}
			return nil, fmt.Errorf("formula: %s %q holds text (row %d: %q), not numbers; a categorical variable belongs in the fixed effects (after |)", tc.role, tc.term.Var, row+1, c.Text(row))
		}
	}
	feCols := make([][]*table.Column, len(f.FE))
	for k, fe := range f.FE {
		for _, v := range fe {
			c, err := lookup(v, "fixed effect")
			if err != nil {
				return nil, err
			}
			feCols[k] = append(feCols[k], c)
		}
	}
	clCols := make([]*table.Column, len(opt.Cluster))
	for k, v := range opt.Cluster {
		c, err := lookup(v, "cluster variable")
		if err != nil {
			return nil, err
		}
		clCols[k] = c
	}

	// Time-series operators, on the whole table.
	var idx *panel.Index
	if f.HasOperators() {
		if len(opt.Panel) == 0 {
			for _, tc := range terms {
				if tc.term.Op != "" {
					return nil, fmt.Errorf("formula: %s uses a time-series operator but no panel is declared; give the unit and time columns (--panel id,time)", tc.term.Name())
				}
			}
		}
	}
	if len(opt.Panel) != 0 && len(opt.Panel) != 2 {
		return nil, fmt.Errorf("formula: the panel is declared by two columns, unit and time (--panel id,time), got %d: %s", len(opt.Panel), strings.Join(opt.Panel, ","))
	}
	for _, v := range opt.Panel {
		if _, err := lookup(v, "panel variable"); err != nil {
			return nil, err
		}
	}
	// The index is only needed (and the panel only checked for duplicates)
	// when the formula uses operators.
	if len(opt.Panel) == 2 && f.HasOperators() {
		var err error
		if idx, err = panel.New(t, opt.Panel[0], opt.Panel[1]); err != nil {
			return nil, err
		}
		notes = append(notes, fmt.Sprintf("panel %s × %s: %s", opt.Panel[0], opt.Panel[1], idx.Describe()))
	}
	vals := make([][]float64, len(terms))
	for k, tc := range terms {
		c := t.Col(tc.term.Var)
		if tc.term.Op == "" {
			vals[k] = c.F
		} else {
			vals[k] = idx.Op(c.F, tc.term.Op, tc.term.Lag)
		}
	}

	// Sample filter.
	keep := make([]bool, n)
	for i := range keep {
		keep[i] = true
	}
	nIf := 0
	if strings.TrimSpace(opt.If) != "" {
		flt, err := ParseFilter(opt.If)
		if err != nil {
			return nil, err
		}
		if keep, err = flt.Eval(t); err != nil {
			return nil, err
		}
		for _, k := range keep {
			if !k {
				nIf++
			}
		}
		if nIf == n {
			return nil, fmt.Errorf("formula: the filter --if %q excludes all %d rows", opt.If, n)
		}
	}
	nIn := n - nIf

	// Missing values in the filtered sample.
	missing := map[string]int{}
	var missOrder []string
	countMiss := func(name string, isMiss func(i int) bool) error {
		cnt := 0
		for i := 0; i < n; i++ {
			if keep[i] && isMiss(i) {
				cnt++
			}
		}
		if cnt == nIn {
			where := "in every row"
			if nIf > 0 {
				where = "in every row kept by the filter"
			}
			return fmt.Errorf("formula: %s is missing %s (%d rows); nothing can be estimated with it", name, where, nIn)
		}
		if cnt > 0 {
			if _, ok := missing[name]; !ok {
				missOrder = append(missOrder, name)
			}
			missing[name] = cnt
		}
		return nil
	}
	for k, tc := range terms {
		v := vals[k]
		for i := 0; i < n; i++ {
			if keep[i] && math.IsInf(v[i], 0) {
				return nil, fmt.Errorf("formula: %s is infinite at row %d (counting data rows from 1); fix or drop that value", tc.term.Name(), i+1)
			}
		}
		if err := countMiss(tc.term.Name(), func(i int) bool { return math.IsNaN(v[i]) }); err != nil {
			return nil, err
		}
	}
	for _, cs := range feCols {
		for _, c := range cs {
			if err := countMiss(c.Name, c.IsMissing); err != nil {
				return nil, err
			}
		}
	}
	for _, c := range clCols {
		if err := countMiss(c.Name, c.IsMissing); err != nil {
			return nil, err
		}
	}
	rows := make([]int, 0, nIn)
	for i := 0; i < n; i++ {
		if !keep[i] {
			continue
		}
		ok := true
		for _, v := range vals {
			if math.IsNaN(v[i]) {
				ok = false
				break
			}
		}
		for _, cs := range feCols {
			for _, c := range cs {
				ok = ok && !c.IsMissing(i)
			}
		}
		for _, c := range clCols {
			ok = ok && !c.IsMissing(i)
		}
		if ok {
			rows = append(rows, i)
		}
	}
	if nIf > 0 {
		notes = append(notes, fmt.Sprintf("%d of %d rows excluded by --if %s", nIf, n, opt.If))
	}
	if len(rows) < nIn {
		parts := make([]string, len(missOrder))
		for k, name := range missOrder {
			parts[k] = fmt.Sprintf("%s %d", name, missing[name])
		}
		notes = append(notes, fmt.Sprintf("%d rows dropped for missing values (missing per variable: %s)", nIn-len(rows), strings.Join(parts, ", ")))
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("formula: no row has all of the variables (%d rows%s; missing per variable: %s)", n, filterNote(nIf, opt.If), missList(missOrder, missing))
	}

	d := &Design{Rows: rows, YName: f.Y.Name(), Intercept: f.Intercept, Notes: notes}
	pick := func(v []float64) []float64 {
		out := make([]float64, len(rows))
		for k, i := range rows {
			out[k] = v[i]
		}
		return out
	}
	k := 0
	d.Y = pick(vals[k])
	k++
	for _, x := range f.X {
		d.XNames = append(d.XNames, x.Name())
		d.X = append(d.X, pick(vals[k]))
		k++
	}
	for _, x := range f.Endo {
		d.EndoNames = append(d.EndoNames, x.Name())
		d.Endo = append(d.Endo, pick(vals[k]))
		k++
	}
	for _, x := range f.Inst {
		d.InstNames = append(d.InstNames, x.Name())
		d.Inst = append(d.Inst, pick(vals[k]))
		k++
	}
	for j, cs := range feCols {
		codes, nl := FactorizeMany(cs, rows)
		d.FENames = append(d.FENames, f.FEName(j))
		d.FE = append(d.FE, codes)
		d.FELevels = append(d.FELevels, nl)
	}
	for j, c := range clCols {
		codes, _ := Factorize(c, rows)
		d.ClusterNames = append(d.ClusterNames, opt.Cluster[j])
		d.Clusters = append(d.Clusters, codes)
	}
	return d, nil
}

func tableName(t *table.Table) string {
	if t.Name == "" {
		return "the table"
	}
	return t.Name
}

func filterNote(nIf int, s string) string {
	if nIf == 0 {
		return ""
	}
	return fmt.Sprintf(", %d excluded by --if %s", nIf, s)
}

func missList(order []string, m map[string]int) string {
	parts := make([]string, len(order))
	for k, name := range order {
		parts[k] = fmt.Sprintf("%s %d", name, m[name])
	}
	return strings.Join(parts, ", ")
}

// Factorize codes the values of column c at the given rows 0..nlevels-1 in
// sorted order of the values (numbers numerically, text bytewise), so that
// the codes do not depend on the order of the rows. Missing cells get -1.
func Factorize(c *table.Column, rows []int) (codes []int, nlevels int) {
	if c.Kind == table.Float {
		codes = make([]int, len(rows))
		return codes, len(panel.FactorizeFloat(c.F, rows, codes))
	}
	codes, labels := FactorizeLabels(c, rows)
	return codes, len(labels)
}

// FactorizeLabels is Factorize also returning the level of each code as text.
func FactorizeLabels(c *table.Column, rows []int) (codes []int, labels []string) {
	return panel.Factorize(c, rows)
}

// FactorizeMany codes the interaction of several columns (fe1^fe2) at rows:
// each combination of levels that occurs is one level, numbered in the
// lexicographic order of the component levels. A row with any component
// missing gets -1.
func FactorizeMany(cs []*table.Column, rows []int) (codes []int, nlevels int) {
	if len(cs) == 0 {
		panic("formula: FactorizeMany without columns")
	}
	codes, nlevels = Factorize(cs[0], rows)
	for _, c := range cs[1:] {
		b, nb := Factorize(c, rows)
		codes, nlevels = combine(codes, b, nb)
	}
	return codes, nlevels
}

// combine codes the pairs (a[k], b[k]) in lexicographic order.
func combine(a, b []int, nb int) ([]int, int) {
	keys := make([]int64, len(a))
	for k := range a {
		if a[k] < 0 || b[k] < 0 {
			keys[k] = -1
		} else {
			keys[k] = int64(a[k])*int64(nb) + int64(b[k])
		}
	}
	uniq := make([]int64, 0, len(keys))
	for _, x := range keys {
		if x >= 0 {
			uniq = append(uniq, x)
		}
	}
	sort.Slice(uniq, func(i, j int) bool { return uniq[i] < uniq[j] })
	w := 0
	for i, x := range uniq {
		if i == 0 || x != uniq[w-1] {
			uniq[w] = x
			w++
		}
	}
	uniq = uniq[:w]
	out := make([]int, len(keys))
	for k, x := range keys {
		if x < 0 {
			out[k] = -1
			continue
		}
		out[k] = sort.Search(len(uniq), func(j int) bool { return uniq[j] >= x })
	}
	return out, len(uniq)
}
