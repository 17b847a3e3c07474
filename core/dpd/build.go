package dpd

import (
	"fmt"
	"math"
	"strconv"

	"github.com/wiodlab/wiodlab/core/panel"
	"github.com/wiodlab/wiodlab/core/table"
)

// design is the stacked, transformed estimation problem, stored group by
// group: the rows of group g are rows gStart[g]..gStart[g+1]-1, differenced
// rows first (in time order), then level rows. Each row of the instrument
// matrix Z is kept sparse (zCol/zVal between zStart[r] and zStart[r+1]), so the
// full N×m Z is never formed.
type design struct {
	tmin     int64
	T        int
	names    []string // regressor names
	K, m     int
	rowP     []int32 // period index of the row (0..T-1)
	rowLevel []bool  // level-equation row
	y        []float64
	x        []float64 // row-major, K per row
	zStart   []int32
	zCol     []int32
	zVal     []float64
	gStart   []int
	nDiff    int
	nLevel   int
	groups   int // groups with at least one row of the reported kind
	obsMin   int
	obsMax   int
	warnings []string
}

// grid holds each variable on a dense group × period grid (NaN where absent).
type grid struct {
	T    int
	ng   int
	vars map[string][]float64
}

// value returns D^diff of variable v at period p-lag of group g (NaN if unavailable).
func (gr *grid) value(v []float64, g, p, lag, diff int) float64 {
	q := p - lag
	if q < 0 || q >= gr.T {
		return math.NaN()
	}
	if diff == 0 {
		return v[g*gr.T+q]
	}
	return gr.value(v, g, q, 0, diff-1) - gr.value(v, g, q, 1, diff-1)
}

// rterm is a Term with its variable's grid resolved (no map lookups in loops).
type rterm struct {
	v         []float64
	lag, diff int
}

func (gr *grid) resolve(t Term) rterm { return rterm{gr.vars[t.Var], t.Lag, t.Diff} }

func (gr *grid) at(t rterm, g, p, extraLag, extraDiff int) float64 {
	return gr.value(t.v, g, p, t.lag+extraLag, t.diff+extraDiff)
}

func (m *Model) validate() error {
	if m.Y == "" {
		panic("dpd: Model.Y is empty")
	}
	if len(m.X) == 0 {
		return fmt.Errorf("dpd: no regressors; list them in X (e.g. L.%s)", m.Y)
	}
	if len(m.GMM) == 0 && len(m.IV) == 0 {
		return fmt.Errorf("dpd: no instruments; give at least one gmm() set such as gmm(%s, lag(2 .))", m.Y)
	}
	seen := map[Term]bool{}
	for _, t := range m.X {
		if t.Var == m.Y && t.Lag <= 0 && t.Diff == 0 {
			return fmt.Errorf("dpd: regressor %s is the dependent variable %s at lag %d; a dynamic model uses its lags (L.%s)", t.Name(), m.Y, t.Lag, m.Y)
		}
		if seen[t] {
			return fmt.Errorf("dpd: regressor %s is listed twice", t.Name())
		}
		seen[t] = true
	}
	endog := map[string]string{}
	for _, g := range m.GMM {
		if !m.System && g.Eq == Level {
			return fmt.Errorf("dpd: %s: eq(level) needs system GMM (drop nolevel)", g)
		}
		if m.System && g.Eq != Diff && g.LagMin < 1 {
			return fmt.Errorf("dpd: %s: the level equation uses the difference lagged %d, a lead; use lag(1 .) or more, or eq(diff)", g, g.LagMin-1)
		}
		for _, t := range g.Vars {
			endog[t.Var] = g.String()
		}
	}
	for _, v := range m.IV {
		if !m.System && v.Eq == Level {
			return fmt.Errorf("dpd: %s: eq(level) needs system GMM (drop nolevel)", v)
		}
		for _, t := range v.Vars {
			if set, ok := endog[t.Var]; ok {
				return fmt.Errorf("dpd: %s is instrumented GMM-style in %s (endogenous or predetermined) and also listed as exogenous in %s; keep it in one of the two", t.Var, set, v)
			}
		}
	}
	return nil
}

// build reads the variables from t and lays out the stacked problem.
func (m *Model) build(t *table.Table, id, tm string) (*design, error) {
	if err := m.validate(); err != nil {
		return nil, err
	}
	idx, err := panel.New(t, id, tm)
	if err != nil {
		return nil, err
	}
	first := true
	var tmin, tmax int64
	for i, g := range idx.Group {
		if g < 0 {
			continue
		}
		if first || idx.T[i] < tmin {
			tmin = idx.T[i]
		}
		if first || idx.T[i] > tmax {
			tmax = idx.T[i]
		}
		first = false
	}
	if first {
		return nil, fmt.Errorf("dpd: table %s has no row with both %s and %s", t.Name, id, tm)
	}
	T := int(tmax - tmin + 1)
	if T < 0 || T > maxLag || float64(T)*float64(idx.NGroups) > 5e7 {
		return nil, fmt.Errorf("dpd: time variable %s spans %d..%d; GMM needs consecutive integer periods (years), not dates", tm, tmin, tmax)
	}
	gr := &grid{T: T, ng: idx.NGroups, vars: map[string][]float64{}}
	need := []string{m.Y}
	add := func(ts []Term) {
		for _, x := range ts {
			need = append(need, x.Var)
		}
	}
	add(m.X)
	for _, g := range m.GMM {
		add(g.Vars)
	}
	for _, v := range m.IV {
		add(v.Vars)
	}
	for _, name := range need {
		if _, ok := gr.vars[name]; ok {
			continue
		}
		col, err := loadColumn(t, name)
		if err != nil {
			return nil, err
		}
		v := make([]float64, T*idx.NGroups)
		for i := range v {
			v[i] = math.NaN()
		}
		for i, g := range idx.Group {
			if g >= 0 {
				v[g*T+int(idx.T[i]-tmin)] = col[i]
			}
		}
		gr.vars[name] = v
	}

	// The sample: y, every regressor and every IV-style instrument present.
	ng := idx.NGroups
	yv := gr.vars[m.Y]
	complete := make([]bool, ng*T)
	var ivTerms []Term
	for _, v := range m.IV {
		if !v.MZ {
			ivTerms = append(ivTerms, v.Vars...)
		}
	}
	var check []rterm
	for _, x := range append(append([]Term{}, m.X...), ivTerms...) {
		check = append(check, gr.resolve(x))
	}
	for g := 0; g < ng; g++ {
		for p := 0; p < T; p++ {
			ok := !math.IsNaN(yv[g*T+p])
			for _, x := range check {
				ok = ok && !math.IsNaN(gr.at(x, g, p, 0, 0))
			}
			complete[g*T+p] = ok
		}
	}
	isDiff := func(g, p int) bool { return p >= 1 && complete[g*T+p] && complete[g*T+p-1] }
	isLevel := func(g, p int) bool { return m.System && complete[g*T+p] }

	d := &design{tmin: tmin, T: T}
	for g := 0; g < ng; g++ {
		for p := 0; p < T; p++ {
			if isDiff(g, p) {
				d.nDiff++
			}
			if isLevel(g, p) {
				d.nLevel++
			}
		}
	}
	if d.nDiff == 0 {
		maxLag := 0
		for _, x := range m.X {
			if x.Lag+x.Diff > maxLag {
				maxLag = x.Lag + x.Diff
			}
		}
		run := 0
		for g := 0; g < ng; g++ {
			r := 0
			for p := 0; p < T; p++ {
				if !math.IsNaN(yv[g*T+p]) {
					r++
				} else {
					r = 0
				}
				if r > run {
					run = r
				}
			}
		}
		return nil, fmt.Errorf("dpd: too few periods: no observation has %s and all regressors at two consecutive periods; the longest lag asked (%d) needs %d consecutive periods per group, the longest run of %s in %s is %d; use fewer lags",
			m.Y, maxLag, maxLag+2, m.Y, t.Name, run)
	}

	// Regressors: X, _cons (system), year dummies; drop collinear dummies.
	type regCol struct {
		name  string
		value func(g, p int, level bool) float64
	}
	var cands []regCol
	for _, x := range m.X {
		rx := gr.resolve(x)
		cands = append(cands, regCol{x.Name(), func(g, p int, level bool) float64 {
			if level {
				return gr.at(rx, g, p, 0, 0)
			}
			return gr.at(rx, g, p, 0, 1)
		}})
	}
	hasCons := m.System && !m.NoConstant
	if hasCons {
		cands = append(cands, regCol{"_cons", func(g, p int, level bool) float64 {
			if level {
				return 1
			}
			return 0
		}})
	}
	nFixed := len(cands)
	if m.TimeDummies {
		for q := T - 1; q >= 0; q-- { // latest first: the earliest collinear year is dropped
			q := q
			cands = append(cands, regCol{"yr" + strconv.FormatInt(tmin+int64(q), 10), func(g, p int, level bool) float64 {
				v := 0.0
				if p == q {
					v = 1
				}
				if !level && p-1 == q {
					v--
				}
				return v
			}})
		}
	}
	nc := len(cands)
	gram := make([]float64, nc*nc)
	rowv := make([]float64, nc)
	for g := 0; g < ng; g++ {
		for pass := 0; pass < 2; pass++ {
			for p := 0; p < T; p++ {
				level := pass == 1
				if (!level && !isDiff(g, p)) || (level && !isLevel(g, p)) {
					continue
				}
				for j, c := range cands {
					rowv[j] = c.value(g, p, level)
				}
				for a := 0; a < nc; a++ {
					if rowv[a] == 0 {
						continue
					}
					for b := 0; b < nc; b++ {
						gram[a*nc+b] += rowv[a] * rowv[b]
					}
				}
			}
		}
	}
	keep := independent(gram, nc)
	var regs []regCol
	for j := 0; j < nFixed; j++ {
		if !keep[j] {
			return nil, fmt.Errorf("dpd: regressor %s is collinear with the other regressors in the estimation sample (or constant within groups, so its difference is zero); drop it", cands[j].name)
		}
		regs = append(regs, cands[j])
	}
	var dummies []regCol
	for j := nc - 1; j >= nFixed; j-- { // back to time order
		if keep[j] {
			dummies = append(dummies, cands[j])
		}
	}
	regs = append(regs, dummies...)
	d.K = len(regs)
	for _, r := range regs {
		d.names = append(d.names, r.name)
	}

	// Instruments: raw column space, compacted after the rows are known.
	type rawEntry struct {
		col int
		val float64
	}
	type block struct {
		what   string
		lo, hi int
		gmm    bool
	}
	var blocks []block
	raw := 0
	type gmmLayout struct {
		set             GMMStyle
		rv              []rterm
		nl              int
		diffBase        []int // per variable
		levelBase       []int
		collapse        bool
		inDiff, inLevel bool
	}
	var gl []gmmLayout
	for _, g := range m.GMM {
		hi := g.LagMax
		if hi == NoLimit || hi > T-1 {
			hi = T - 1
		}
		nl := hi - g.LagMin + 1
		if nl <= 0 {
			return nil, fmt.Errorf("dpd: %s: every instrument is missing after lagging: the panel spans %d periods, so no lag of %d or more exists; lower the lag limits", g, T, g.LagMin)
		}
		l := gmmLayout{set: g, nl: nl, collapse: g.Collapse || m.Collapse, inDiff: g.Eq != Level, inLevel: m.System && g.Eq != Diff}
		for _, t := range g.Vars {
			l.rv = append(l.rv, gr.resolve(t))
		}
		lo := raw
		for range g.Vars {
			if l.inDiff {
				l.diffBase = append(l.diffBase, raw)
				if l.collapse {
					raw += nl
				} else {
					raw += T * nl
				}
			}
			if l.inLevel {
				l.levelBase = append(l.levelBase, raw)
				if l.collapse {
					raw++
				} else {
					raw += T
				}
			}
		}
		blocks = append(blocks, block{g.String(), lo, raw, true})
		gl = append(gl, l)
	}
	ivBase := make([][]int, len(m.IV))
	ivR := make([][]rterm, len(m.IV))
	for i, v := range m.IV {
		for _, t := range v.Vars {
			ivR[i] = append(ivR[i], gr.resolve(t))
			ivBase[i] = append(ivBase[i], raw)
			blocks = append(blocks, block{fmt.Sprintf("iv(%s) of %s", t.Name(), v), raw, raw + 1, false})
			raw++
		}
	}
	dumBase := raw
	if m.TimeDummies {
		raw += len(dummies)
	}
	consCol := -1
	if hasCons {
		consCol = raw
		raw++
	}

	nrows := d.nDiff + d.nLevel
	d.rowP = make([]int32, 0, nrows)
	d.rowLevel = make([]bool, 0, nrows)
	d.y = make([]float64, 0, nrows)
	d.x = make([]float64, 0, nrows*d.K)
	d.zStart = make([]int32, 1, nrows+1)
	// Upper bound on the non-zeros, so that the sparse rows never regrow.
	perDiff, perLevel := len(dummies)+1, len(dummies)+1
	for _, l := range gl {
		if l.inDiff {
			perDiff += l.nl * len(l.rv)
		}
		if l.inLevel {
			perLevel += len(l.rv)
		}
	}
	for _, v := range m.IV {
		perDiff += len(v.Vars)
		perLevel += len(v.Vars)
	}
	nnzMax := d.nDiff*perDiff + d.nLevel*perLevel
	d.zCol = make([]int32, 0, nnzMax)
	d.zVal = make([]float64, 0, nnzMax)
	d.gStart = make([]int, ng+1)
	used := make([]bool, raw)
	var entries []rawEntry
	d.obsMin = math.MaxInt
	for g := 0; g < ng; g++ {
		d.gStart[g] = len(d.y)
		for pass := 0; pass < 2; pass++ {
			level := pass == 1
			for p := 0; p < T; p++ {
				if (!level && !isDiff(g, p)) || (level && !isLevel(g, p)) {
					continue
				}
				d.rowP = append(d.rowP, int32(p))
				d.rowLevel = append(d.rowLevel, level)
				if level {
					d.y = append(d.y, yv[g*T+p])
				} else {
					d.y = append(d.y, yv[g*T+p]-yv[g*T+p-1])
				}
				for _, r := range regs {
					d.x = append(d.x, r.value(g, p, level))
				}
				put := func(col int, v float64) {
					if v != 0 && !math.IsNaN(v) {
						entries = append(entries, rawEntry{col, v})
						used[col] = true
					}
				}
				for _, l := range gl {
					for vi, t := range l.rv {
						if !level && l.inDiff {
							for lag := l.set.LagMin; lag < l.set.LagMin+l.nl; lag++ {
								col := l.diffBase[vi] + lag - l.set.LagMin
								if !l.collapse {
									col += p * l.nl
								}
								put(col, gr.at(t, g, p, lag, 0))
							}
						}
						if level && l.inLevel {
							col := l.levelBase[vi]
							if !l.collapse {
								col += p
							}
							put(col, gr.at(t, g, p, l.set.LagMin-1, 1))
						}
					}
				}
				for i, v := range m.IV {
					if (level && v.Eq == Diff) || (!level && v.Eq == Level) {
						continue
					}
					for j, t := range ivR[i] {
						switch {
						case level || v.Passthru:
							put(ivBase[i][j], gr.at(t, g, p, 0, 0))
						default:
							put(ivBase[i][j], gr.at(t, g, p, 0, 1))
						}
					}
				}
				if m.TimeDummies && (level == m.System) {
					for j, r := range dummies {
						put(dumBase+j, r.value(g, p, level))
					}
				}
				if level && consCol >= 0 {
					put(consCol, 1)
				}
				for _, e := range entries {
					d.zCol = append(d.zCol, int32(e.col))
					d.zVal = append(d.zVal, e.val)
				}
				entries = entries[:0]
				d.zStart = append(d.zStart, int32(len(d.zCol)))
			}
		}
		n := 0
		for r := d.gStart[g]; r < len(d.y); r++ {
			if d.rowLevel[r] == m.System {
				n++
			}
		}
		if n > 0 {
			d.groups++
			d.obsMin = min(d.obsMin, n)
			d.obsMax = max(d.obsMax, n)
		}
	}
	d.gStart[ng] = len(d.y)

	final := make([]int32, raw)
	for c := range final {
		final[c] = -1
		if used[c] {
			final[c] = int32(d.m)
			d.m++
		}
	}
	for _, b := range blocks {
		n := 0
		for c := b.lo; c < b.hi; c++ {
			if used[c] {
				n++
			}
		}
		if n == 0 && b.gmm {
			return nil, fmt.Errorf("dpd: %s: every instrument is missing after lagging (the panel spans %d periods, %d..%d); lower the lag limits or check the variables", b.what, T, tmin, tmax)
		}
		if n == 0 {
			d.warnings = append(d.warnings, fmt.Sprintf("%s is zero throughout the sample and was dropped", b.what))
		}
	}
	for i, c := range d.zCol {
		d.zCol[i] = final[c]
	}
	return d, nil
}

// loadColumn returns column name of t, or the natural log of x for log(x)/ln(x).
func loadColumn(t *table.Table, name string) ([]float64, error) {
	inner, isLog := logOf(name)
	if !isLog {
		col, err := t.Floats(name)
		if err != nil {
			return nil, fmt.Errorf("dpd: %w", err)
		}
		return col, nil
	}
	col, err := t.Floats(inner)
	if err != nil {
		return nil, fmt.Errorf("dpd: %s: %w", name, err)
	}
	out := make([]float64, len(col))
	for i, v := range col {
		if v <= 0 {
			return nil, fmt.Errorf("dpd: %s: %s = %s at data row %d is not positive; its log is undefined", name, inner, table.FormatFloat(v), i+1)
		}
		out[i] = math.Log(v)
	}
	return out, nil
}

// independent returns which columns of the nc×nc Gram matrix to keep, scanning
// in order and dropping a column whose residual after projection on the kept
// ones is below 1e-9 of its own sum of squares (or that is zero).
func independent(gram []float64, nc int) []bool {
	keep := make([]bool, nc)
	// Cholesky factor of the kept block, grown one column at a time (row-major, nc×nc).
	L := make([]float64, nc*nc)
	var kept []int
	for j := 0; j < nc; j++ {
		gjj := gram[j*nc+j]
		if gjj <= 0 {
			continue
		}
		// Solve L c = G[kept, j].
		c := make([]float64, len(kept))
		for a, ka := range kept {
			s := gram[ka*nc+j]
			for b := 0; b < a; b++ {
				s -= L[a*nc+b] * c[b]
			}
			c[a] = s / L[a*nc+a]
		}
		r := gjj
		for _, v := range c {
			r -= v * v
		}
		if r <= 1e-9*gjj {
			continue
		}
		a := len(kept)
		for b, v := range c {
			L[a*nc+b] = v
		}
		L[a*nc+a] = math.Sqrt(r)
		kept = append(kept, j)
		keep[j] = true
	}
	return keep
}
