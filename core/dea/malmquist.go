package dea

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// Panel is the data of a Malmquist analysis in long form: one row per DMU
// and period. Inputs[i][row] is input i of that row, Outputs[r][row] output r.
type Panel struct {
	DMU  []string
	Time []float64
	// Group assigns each row to a frontier group (e.g. an industry, with
	// countries as DMUs). Nil: one frontier per period over all DMUs.
	Group []string

	Inputs  [][]float64
	Outputs [][]float64
	// Names of the inputs and outputs, used in messages (optional).
	InputNames, OutputNames []string
}

// Malmquist specifies a DEA–Malmquist productivity analysis (Färe,
// Grosskopf, Norris & Zhang 1994) with DEAP 2.1's conventions.
type Malmquist struct {
	Orientation Orientation
	// Distances also computes the cross-period VRS efficiencies, which the
	// index does not use (reported for inspection; may be infeasible).
	Distances bool
}

// Scores are the efficiency scores (te, see Solver.Efficiency) behind one
// index: [frontier][data], 0 = period From, 1 = period To. CRS[0][1] is the
// DMU's To-period data against the From-period frontier.
type Scores struct {
	CRS [2][2]float64
	// VRS cross-period entries are NaN unless Malmquist.Distances is set,
	// and NaN when infeasible.
	VRS [2][2]float64
}

// Change is the productivity change of one DMU between adjacent periods.
type Change struct {
	DMU, Group string
	From, To   float64

	Malmquist float64 // TFP change = EffCh × TechCh
	EffCh     float64 // technical efficiency change (CRS) = PECh × SECh
	TechCh    float64 // technical change (CRS frontier shift)
	PECh      float64 // pure technical efficiency change (VRS)
	SECh      float64 // scale efficiency change = EffCh / PECh
	// TFP is the cumulative index at To: the product of Malmquist over the
	// DMU's pairs since its first period (where it is 1). NaN once a pair
	// of the chain is missing.
	TFP float64

	Scores Scores
}

// Result is the immutable outcome of Malmquist.Fit.
type Result struct {
	Orientation Orientation
	Inputs      []string
	Outputs     []string
	// Changes are ordered by group, DMU (first appearance in the data) and period.
	Changes []Change
	// Notes report skipped pairs (unbalanced panel), degenerate frontiers
	// and infeasible cross-period VRS programs.
	Notes []string
	// Programs is the number of linear programs solved, Iterations the
	// number of simplex pivots.
	Programs, Iterations int
	// Failed is the number of programs that failed numerically (their
	// scores are NaN; see Notes).
	Failed int
}

// obs is one row of the panel.
type obs struct {
	row  int
	x, y []float64
	crs  float64 // own-period CRS score
	vrs  float64 // own-period VRS score
}

// Fit computes the Malmquist index of every DMU between each pair of adjacent
// periods (consecutive distinct values of Time) in which it is observed.
// progress, if not nil, receives the fraction done; ctx cancels the work.
func (spec Malmquist) Fit(ctx context.Context, p Panel, progress func(float64)) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	nrow := len(p.DMU)
	if len(p.Time) != nrow || (p.Group != nil && len(p.Group) != nrow) {
		panic("dea: Panel columns have different lengths")
	}
	m, s := len(p.Inputs), len(p.Outputs)
	if m == 0 || s == 0 {
		return nil, errors.New("dea: need at least one input and one output")
	}
	inName := names(p.InputNames, m, "input")
	outName := names(p.OutputNames, s, "output")
	for i := range p.Inputs {
		if len(p.Inputs[i]) != nrow {
			panic("dea: Panel input column length differs from DMU column")
		}
	}
	for r := range p.Outputs {
		if len(p.Outputs[r]) != nrow {
			panic("dea: Panel output column length differs from DMU column")
		}
	}
	if nrow == 0 {
		return nil, errors.New("dea: the panel has no rows")
	}
	// Validate values: DEA needs strictly positive, finite data.
	for row := 0; row < nrow; row++ {
		if math.IsNaN(p.Time[row]) || math.IsInf(p.Time[row], 0) {
			return nil, fmt.Errorf("dea: row %d (dmu %q): time is missing; drop the row or fill it in", row+1, p.DMU[row])
		}
		for i := 0; i < m; i++ {
			if err := checkValue(p.Inputs[i][row], row, p.DMU[row], p.Time[row], "input", inName[i]); err != nil {
				return nil, err
			}
		}
		for r := 0; r < s; r++ {
			if err := checkValue(p.Outputs[r][row], row, p.DMU[row], p.Time[row], "output", outName[r]); err != nil {
				return nil, err
			}
		}
	}

	// Periods: all distinct times, sorted.
	periods := distinctSorted(p.Time)
	pidx := make(map[float64]int, len(periods))
	for i, t := range periods {
		pidx[t] = i
	}
	// Groups and DMUs in order of first appearance.
	type gkey struct{ g, d string }
	var groups []string
	gseen := map[string]bool{}
	dmus := map[string][]string{}
	cell := map[gkey][]*obs{} // (group, dmu) → obs per period
	for row := 0; row < nrow; row++ {
		g := ""
		if p.Group != nil {
			g = p.Group[row]
		}
		if !gseen[g] {
			gseen[g] = true
			groups = append(groups, g)
		}
		key := gkey{g, p.DMU[row]}
		o := cell[key]
		if o == nil {
			o = make([]*obs, len(periods))
			cell[key] = o
			dmus[g] = append(dmus[g], p.DMU[row])
		}
		t := pidx[p.Time[row]]
		if prev := o[t]; prev != nil {
			where := ""
			if p.Group != nil {
				where = fmt.Sprintf(" in group %q", g)
			}
			return nil, fmt.Errorf("dea: rows %d and %d: dmu %q%s appears twice in period %s; each DMU needs one row per period",
				prev.row+1, row+1, p.DMU[row], where, fmtTime(p.Time[row]))
		}
		x := make([]float64, m)
		for i := range x {
			x[i] = p.Inputs[i][row]
		}
		y := make([]float64, s)
		for r := range y {
			y[r] = p.Outputs[r][row]
		}
		o[t] = &obs{row: row, x: x, y: y}
	}

	res := &Result{Orientation: spec.Orientation, Inputs: inName, Outputs: outName}
	var sv Solver
	failed := 0
	eff := func(f *Frontier, o *obs, r RTS) float64 {
		res.Programs++
		v, err := sv.Efficiency(f, o.x, o.y, spec.Orientation, r)
		if errors.Is(err, ErrNumerical) {
			failed++
		}
		return v // NaN on error
	}
	// Work units for progress: one per (group, period) frontier.
	totalWork := float64(len(groups) * len(periods))
	done := 0.0
	infeasibleVRS := 0
	for _, g := range groups {
		label := ""
		if p.Group != nil {
			label = fmt.Sprintf("group %q, ", g)
		}
		// Frontiers per period.
		fr := make([]*Frontier, len(periods))
		var thin []string // periods with a degenerate frontier
		for t := range periods {
			var xs, ys [][]float64
			for _, d := range dmus[g] {
				if o := cell[gkey{g, d}][t]; o != nil {
					xs = append(xs, o.x)
					ys = append(ys, o.y)
				}
			}
			if len(xs) == 0 {
				continue
			}
			fr[t] = NewFrontier(xs, ys)
			if len(xs) < m+s {
				thin = append(thin, fmt.Sprintf("%s (%d)", fmtTime(periods[t]), len(xs)))
			}
		}
		if len(thin) > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("%sfewer DMUs than the %d inputs + %d outputs in periods %s (DMUs in parentheses): the frontier is degenerate, most DMUs score 1",
				label, m, s, strings.Join(thin, ", ")))
		}
		// Own-period scores.
		for t := range periods {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if fr[t] == nil {
				continue
			}
			for _, d := range dmus[g] {
				if o := cell[gkey{g, d}][t]; o != nil {
					o.crs = eff(fr[t], o, CRS)
					o.vrs = eff(fr[t], o, VRS)
				}
			}
			done += 0.5
			if progress != nil {
				progress(done / totalWork)
			}
		}
		// Adjacent pairs.
		for _, d := range dmus[g] {
			seq := cell[gkey{g, d}]
			first := 0
			for seq[first] == nil {
				first++
			}
			if first > 0 {
				res.Notes = append(res.Notes, fmt.Sprintf("%sdmu %q: not observed before period %s; its tfp starts there (unbalanced panel)",
					label, d, fmtTime(periods[first])))
			}
			tfp := 1.0
			for t := first; t+1 < len(periods); t++ {
				o0, o1 := seq[t], seq[t+1]
				if o0 == nil || o1 == nil {
					if o0 != nil {
						res.Notes = append(res.Notes, fmt.Sprintf("%sdmu %q: not observed in period %s; pairs with that period skipped (unbalanced panel), later tfp undefined",
							label, d, fmtTime(periods[t+1])))
					}
					tfp = math.NaN()
					continue
				}
				var sc Scores
				sc.CRS[0][0], sc.CRS[1][1] = o0.crs, o1.crs
				sc.VRS[0][0], sc.VRS[1][1] = o0.vrs, o1.vrs
				sc.CRS[0][1] = eff(fr[t], o1, CRS)
				sc.CRS[1][0] = eff(fr[t+1], o0, CRS)
				sc.VRS[0][1], sc.VRS[1][0] = math.NaN(), math.NaN()
				if spec.Distances {
					sc.VRS[0][1] = eff(fr[t], o1, VRS)
					sc.VRS[1][0] = eff(fr[t+1], o0, VRS)
					if math.IsNaN(sc.VRS[0][1]) {
						infeasibleVRS++
					}
					if math.IsNaN(sc.VRS[1][0]) {
						infeasibleVRS++
					}
				}
				c := Change{DMU: d, Group: g, From: periods[t], To: periods[t+1], Scores: sc}
				c.decompose()
				tfp *= c.Malmquist
				c.TFP = tfp
				res.Changes = append(res.Changes, c)
			}
		}
		for t := range periods {
			if fr[t] != nil {
				done += 0.5
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if progress != nil {
			progress(done / totalWork)
		}
	}
	if infeasibleVRS > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d cross-period VRS programs are infeasible (the DMU lies outside the other period's VRS technology); reported as null, they do not enter the index", infeasibleVRS))
	}
	if failed > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d linear programs stopped without a trustworthy optimum (degenerate, badly scaled data, e.g. near-duplicate DMUs); the indices that need them are null", failed))
	}
	res.Failed = failed
	res.Iterations = sv.Iterations
	return res, nil
}

// decompose fills the index and its parts from the scores (DEAP 2.1, Coelli
// 1996 section 5; Färe et al. 1994 eqs. 4 and 11):
//
//	effch  = te_c^{1}(1) / te_c^{0}(0)
//	techch = sqrt( te_c^{0}(1)/te_c^{1}(1) · te_c^{0}(0)/te_c^{1}(0) )
//	pech   = te_v^{1}(1) / te_v^{0}(0)
//	sech   = effch / pech
//	malmquist = effch · techch
//
// where te^{a}(b) is period b's data against period a's frontier.
func (c *Change) decompose() {
	crs, vrs := c.Scores.CRS, c.Scores.VRS
	c.EffCh = crs[1][1] / crs[0][0]
	c.TechCh = math.Sqrt(crs[0][1] / crs[1][1] * crs[0][0] / crs[1][0])
	c.PECh = vrs[1][1] / vrs[0][0]
	c.SECh = c.EffCh / c.PECh
	c.Malmquist = c.EffCh * c.TechCh
}

func checkValue(v float64, row int, dmu string, t float64, kind, name string) error {
	switch {
	case math.IsNaN(v):
		return fmt.Errorf("dea: row %d (dmu %q, time %s): %s %q is missing; DEA needs every input and output observed (drop the row)",
			row+1, dmu, fmtTime(t), kind, name)
	case math.IsInf(v, 0):
		return fmt.Errorf("dea: row %d (dmu %q, time %s): %s %q is infinite", row+1, dmu, fmtTime(t), kind, name)
	case v <= 0:
		return fmt.Errorf("dea: row %d (dmu %q, time %s): %s %q is %s; DEA needs strictly positive inputs and outputs (drop the row or use a small positive value)",
			row+1, dmu, fmtTime(t), kind, name, fmtTime(v))
	}
	return nil
}

func names(given []string, n int, kind string) []string {
	out := make([]string, n)
	for i := range out {
		if i < len(given) && given[i] != "" {
			out[i] = given[i]
		} else {
			out[i] = fmt.Sprintf("%s%d", kind, i+1)
		}
	}
	return out
}

func distinctSorted(v []float64) []float64 {
	out := append([]float64(nil), v...)
	sort.Float64s(out)
	k := 0
	for i, t := range out {
		if i == 0 || t != out[k-1] {
			out[k] = t
			k++
		}
	}
	return out[:k]
}

func fmtTime(t float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.10g", t), ".0")
}
