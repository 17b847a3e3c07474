package study

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/ioa"

	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// DemoOptions chooses the size and seed of the synthetic demo data.
type DemoOptions struct {
	// Size is "small" (10 countries + ROW, for the browser), "full"
	// (43 countries + ROW = 44 regions × 56 industries, WIOD 2016-sized) or
	// "tiny" (3 countries + ROW: quick checks and classroom demonstrations).
	Size string `json:"size" js:"size"`
	// Seed makes the data deterministic: the same seed gives the same bytes on
	// every platform (math/rand/v2 PCG).
	Seed uint64 `json:"seed" js:"seed"`
	// Progress, when not nil, is called after each year's world table with
	// the fraction done.
	Progress func(fraction float64, message string) `json:"-" js:"-"`
}

// Truth holds the parameters of the data-generating process that the
// estimators should recover (see docs/methods.md, "Demo data").
type Truth struct {
	// Coef are the true coefficients of the outcome equation
	// Var = α_i + γ_t + Σ_k Coef[k]·x_k + ε, keyed by the panel's column names.
	Coef map[string]float64 `json:"coef" js:"coef"`
	// Mechanism are the structural responses of the mediators to Dig:
	// "scale" (approximate: final demand responds, output follows through the
	// Leontief inverse) and "lp" (log labour productivity; EMP falls, so
	// Allocation falls).
	Mechanism map[string]float64 `json:"mechanism" js:"mechanism"`
	SigmaEps  float64            `json:"sigma_eps" js:"sigma_eps"`
}

// Demo is a generated data set: world input-output tables (one per year), the
// Socio-Economic Accounts and the country-year macro table.
type Demo struct {
	Options   DemoOptions
	Countries []string // regions of the world tables, ROW last
	Years     []int
	WIOT      []*WorldTable
	// SEA is in the official Socio-Economic Accounts layout
	// (country, variable, description, code, 2000 … 2014).
	SEA *table.Table
	// Macro is the country-year table (country, year, fdi, tradeopen, rd, hc,
	// govern, broadband, mobile, internet, tariff).
	Macro *table.Table
	Truth Truth
	// Dig is the complete digital dependence the generator computed from A,
	// [year][country][industry]; tests check the panel recovers it from the
	// written tables.
	Dig [][][]float64
}

// WorldTable is one synthetic world table with its final-demand block.
type WorldTable struct {
	IO *wiod.IOTable
	// FD[i][5*k+c] is final use of sector i's output in country k, category c
	// (household, non-profit, government, GFCF, inventories).
	FD [][]float64
}

// Demo sizes.
var demoCountries = map[string][]string{
	"tiny":  {"CHN", "DEU", "USA"},
	"small": {"AUS", "BRA", "CHN", "DEU", "FRA", "GBR", "IND", "JPN", "KOR", "USA"},
	"full": {"AUS", "AUT", "BEL", "BGR", "BRA", "CAN", "CHE", "CHN", "CYP", "CZE", "DEU", "DNK",
		"ESP", "EST", "FIN", "FRA", "GBR", "GRC", "HRV", "HUN", "IDN", "IND", "IRL", "ITA", "JPN",
		"KOR", "LTU", "LUX", "LVA", "MEX", "MLT", "NLD", "NOR", "POL", "PRT", "ROU", "RUS", "SVK",
		"SVN", "SWE", "TUR", "TWN", "USA"},
}

// The DGP's parameters. Changing one changes every demo data set, so they are
// documented one by one in docs/methods.md.
const (
	demoFirstYear = 2000
	demoLastYear  = 2014

	betaDig      = 0.5   // ∂Var/∂Dig, the coefficient Table 2 should recover
	thetaScale   = 0.01  // ∂Var/∂scale
	thetaEmp     = -0.01 // ∂Var/∂emp
	thetaAlloc   = -0.02 // ∂Var/∂Allocation
	thetaFDI     = 0.001
	thetaTrade   = 0.0005
	thetaRD      = 0.01
	thetaHC      = 0.02
	thetaGovern  = 0.01
	sigmaEps     = 0.01 // sd of the outcome's idiosyncratic error
	mechScale    = 2.0  // ∂ln final demand/∂Dig (scale mechanism)
	mechLP       = 3.0  // ∂ln labour productivity/∂Dig (allocation mechanism)
	mechK        = -2.0 // ∂ln(K/GO)/∂Dig (allocation mechanism: less capital per unit of output)
	digRho       = 0.7  // AR(1) coefficient of the digital-input shock
	digSigma     = 0.15 // innovation sd of the digital-input shock
	digTrend     = 0.04 // mean yearly growth of digital input intensity
	fdCategories = 5
)

// GenerateDemo builds the demo data set. It is deterministic for a seed.
func GenerateDemo(opt DemoOptions) (*Demo, error) {
	if opt.Size == "" {
		opt.Size = "small"
	}
	base, ok := demoCountries[opt.Size]
	if !ok {
		return nil, fmt.Errorf("demo: unknown size %q (want tiny, small or full)", opt.Size)
	}
	cls, err := wiod.Preset("wiod2016")
	if err != nil {
		return nil, err
	}
	inds := wiod.Industries2016
	countries := append(append([]string(nil), base...), "ROW")
	years := make([]int, 0, demoLastYear-demoFirstYear+1)
	for y := demoFirstYear; y <= demoLastYear; y++ {
		years = append(years, y)
	}
	g := &gen{
		rng:       rand.New(rand.NewPCG(opt.Seed, 0x77696f646c6162)), // "wiodlab"
		countries: countries,
		inds:      inds,
		years:     years,
		digital:   indexSet(inds, cls.Digital),
		tech:      cls.TechGroup,
		cls:       cls,
	}
	g.draw()
	d := &Demo{Options: opt, Countries: countries, Years: years}
	for ti, y := range years {
		wt, err := g.world(ti, y)
		if err != nil {
			return nil, err
		}
		d.WIOT = append(d.WIOT, wt)
		if opt.Progress != nil {
			opt.Progress(0.9*float64(ti+1)/float64(len(years)), fmt.Sprintf("world input-output table %d", y))
		}
	}
	d.Dig = g.dig
	d.Macro = g.macro()
	d.SEA = g.sea(d)
	d.Truth = DemoTruth()
	return d, nil
}

// DemoTruth returns the true parameters of the demo DGP (the same for every
// size and seed).
func DemoTruth() Truth {
	return Truth{
		Coef: map[string]float64{
			"Dig": betaDig, "scale": thetaScale, "emp": thetaEmp, "Allocation": thetaAlloc,
			"cl": 0, "fdi": thetaFDI, "tradeopen": thetaTrade, "rd": thetaRD, "hc": thetaHC,
			"govern": thetaGovern,
		},
		Mechanism: map[string]float64{"scale": mechScale, "lp": mechLP, "k_go": mechK},
		SigmaEps:  sigmaEps,
	}
}

func indexSet(codes, set []string) map[int]bool {
	in := map[string]bool{}
	for _, s := range set {
		in[s] = true
	}
	out := map[int]bool{}
	for i, c := range codes {
		if in[c] {
			out[i] = true
		}
	}
	return out
}

// gen holds the time-invariant draws of the DGP.
type gen struct {
	rng       *rand.Rand
	countries []string
	inds      []string
	years     []int
	digital   map[int]bool
	tech      map[string]string
	cls       *wiod.Classification

	size     []float64   // relative economic size by region
	importSh []float64   // share of intermediate inputs imported, by region
	interSh  [][]float64 // [c][i] intermediate-input share of gross output
	profile  [][]float64 // [q][i] input profile (column i sums to 1)
	cnoise   [][][]float64
	digLevel []float64     // country digital level λ_c
	digShock [][][]float64 // [t][c][i] AR(1) shock u
	fdProf   []float64     // final-demand weight of each industry

	// per-year draws needed later by the SEA
	dig [][][]float64 // [t][c][i] Dig implied by the table (computed here from A)
	ms  macroSeries
}

func (g *gen) norm() float64 { return g.rng.NormFloat64() }
func (g *gen) unif(a, b float64) float64 {
	return a + (b-a)*g.rng.Float64()
}

func (g *gen) draw() {
	nc, ni, nt := len(g.countries), len(g.inds), len(g.years)
	g.size = make([]float64, nc)
	g.importSh = make([]float64, nc)
	g.digLevel = make([]float64, nc)
	for c := range g.size {
		g.size[c] = math.Exp(g.norm())
		g.importSh[c] = g.unif(0.08, 0.3)
		g.digLevel[c] = 0.3 * g.norm()
	}
	g.size[nc-1] = 3 // the rest of the world is large
	g.interSh = make([][]float64, nc)
	for c := range g.interSh {
		g.interSh[c] = make([]float64, ni)
		for i := range g.interSh[c] {
			g.interSh[c][i] = g.unif(0.42, 0.6)
		}
	}
	g.profile = make([][]float64, ni)
	for q := range g.profile {
		g.profile[q] = make([]float64, ni)
	}
	for i := 0; i < ni; i++ {
		var s float64
		for q := 0; q < ni; q++ {
			w := math.Exp(1.2 * g.norm())
			if q == i {
				w *= 4 // own-industry inputs weigh more, as in real tables
			}
			if g.digital[q] {
				w *= 0.6
			}
			g.profile[q][i] = w
			s += w
		}
		for q := 0; q < ni; q++ {
			g.profile[q][i] /= s
		}
	}
	g.cnoise = make([][][]float64, nc)
	for c := range g.cnoise {
		g.cnoise[c] = make([][]float64, ni)
		for q := range g.cnoise[c] {
			g.cnoise[c][q] = make([]float64, ni)
			for i := range g.cnoise[c][q] {
				g.cnoise[c][q][i] = math.Exp(0.2 * g.norm())
			}
		}
	}
	g.digShock = make([][][]float64, nt)
	for t := range g.digShock {
		g.digShock[t] = make([][]float64, nc)
		for c := range g.digShock[t] {
			g.digShock[t][c] = make([]float64, ni)
			for i := range g.digShock[t][c] {
				e := digSigma * g.norm()
				if t == 0 {
					g.digShock[t][c][i] = e / math.Sqrt(1-digRho*digRho)
				} else {
					g.digShock[t][c][i] = digRho*g.digShock[t-1][c][i] + e
				}
			}
		}
	}
	g.fdProf = make([]float64, ni)
	for i := range g.fdProf {
		g.fdProf[i] = math.Exp(g.norm())
	}
	g.dig = make([][][]float64, nt)
}

// techShift raises digital intensity by technology group (high > mid-low > low).
func techShift(group string) float64 {
	switch group {
	case "high":
		return 0.6
	case "midlow":
		return 0.2
	case "low":
		return 0
	}
	return 0.3 // services and others
}

// world builds year t's table: A from the input profiles, Dig from A, final
// demand responding to Dig, then x = (I−A)⁻¹f and Z = A·diag(x).
func (g *gen) world(t, year int) (*WorldTable, error) {
	nc, ni := len(g.countries), len(g.inds)
	n := nc * ni
	ad := make([]float64, n*n)
	a := mat.NewDense(n, n, ad)
	var sizeSum float64
	for _, s := range g.size {
		sizeSum += s
	}
	w := make([]float64, ni)
	for c := 0; c < nc; c++ {
		for i := 0; i < ni; i++ {
			digF := math.Exp(techShift(g.tech[g.inds[i]]) + g.digLevel[c] +
				digTrend*float64(t) + g.digShock[t][c][i])
			var s float64
			for q := 0; q < ni; q++ {
				w[q] = g.profile[q][i] * g.cnoise[c][q][i]
				if g.digital[q] {
					w[q] *= digF
				}
				s += w[q]
			}
			col := c*ni + i
			tot := g.interSh[c][i]
			m := g.importSh[c]
			for q := 0; q < ni; q++ {
				wq := w[q] / s
				for k := 0; k < nc; k++ {
					var v float64
					if k == c {
						v = tot * (1 - m) * wq
					} else {
						v = tot * m * wq * g.size[k] / (sizeSum - g.size[c])
					}
					ad[(k*ni+q)*n+col] = v
				}
			}
		}
	}
	// Dig of every column comes from A alone: run the input-output engine on
	// the table Z = A, x = 1 (whose coefficients are A itself).
	unit := &wiod.IOTable{Source: fmt.Sprintf("demo A %d", year), Layout: wiod.World, Year: year, Z: a, X: make([]float64, n)}
	for j := range unit.X {
		unit.X[j] = 1
	}
	for _, c := range g.countries {
		for _, code := range g.inds {
			unit.Country = append(unit.Country, c)
			unit.Industry = append(unit.Industry, code)
		}
	}
	res, err := ioa.Compute(unit, g.cls, ioa.Options{NoSplit: true})
	if err != nil {
		return nil, fmt.Errorf("demo: %v", err)
	}
	dig := make([][]float64, nc)
	for c := 0; c < nc; c++ {
		dig[c] = make([]float64, ni)
		for i := 0; i < ni; i++ {
			dig[c][i] = res.Rows[c*ni+i].Dig
		}
	}
	g.dig[t] = dig
	// Gross output first: sizes grow 3% a year, industries follow fdProf, and
	// demand responds to Dig (the scale mechanism). Where intermediate use
	// A·x would leave less than 30% of a sector's output for final use, the
	// output is raised until it does not; then final demand f = x − A·x is
	// spread over destinations (80% at home) and categories.
	growth := math.Pow(1.03, float64(t))
	xs := make([]float64, n)
	for k := 0; k < nc; k++ {
		for q := 0; q < ni; q++ {
			xs[k*ni+q] = 2e4 * g.size[k] * g.fdProf[q] * growth * math.Exp(mechScale*(dig[k][q]-0.05))
		}
	}
	// Start from the first terms of the Leontief series, x ≈ (I + A + A² + A³)·x₀,
	// so that few sectors need raising.
	term := append([]float64(nil), xs...)
	for k := 0; k < 3; k++ {
		term = matVec(a, term)
		for i := range xs {
			xs[i] += term[i]
		}
	}
	u, err := raiseOutput(a, xs)
	if err != nil {
		return nil, fmt.Errorf("demo %d: %v", year, err)
	}
	fd := make([][]float64, n)
	f := make([]float64, n)
	shares := [fdCategories]float64{0.6, 0.02, 0.15, 0.2, 0.03}
	for k := 0; k < nc; k++ {
		for q := 0; q < ni; q++ {
			r := k*ni + q
			f[r] = xs[r] - u[r]
			fd[r] = make([]float64, nc*fdCategories)
			for d := 0; d < nc; d++ {
				share := 0.8
				if d != k {
					share = 0.2 * g.size[d] / (sizeSum - g.size[k])
				}
				for cat := 0; cat < fdCategories; cat++ {
					fd[r][d*fdCategories+cat] = f[r] * share * shares[cat]
				}
			}
		}
	}
	z := mat.NewDense(n, n, nil)
	va := make([]float64, n)
	ar, zr := a.RawMatrix(), z.RawMatrix()
	for i := 0; i < n; i++ {
		arow, zrow := ar.Data[i*ar.Stride:i*ar.Stride+n], zr.Data[i*zr.Stride:i*zr.Stride+n]
		for j := range zrow {
			zrow[j] = arow[j] * xs[j]
		}
	}
	colSum := make([]float64, n)
	for i := 0; i < n; i++ {
		for j, v := range zr.Data[i*zr.Stride : i*zr.Stride+n] {
			colSum[j] += v
		}
	}
	for j := range va {
		va[j] = xs[j] - colSum[j]
	}
	io := &wiod.IOTable{
		Source:      DemoWIOT(year),
		Layout:      wiod.World,
		Year:        year,
		Z:           z,
		X:           xs,
		VA:          va,
		FinalDemand: f,
	}
	for _, c := range g.countries {
		for i, code := range g.inds {
			io.Country = append(io.Country, c)
			io.Industry = append(io.Industry, code)
			io.Desc = append(io.Desc, wiod.Descriptions2016[i])
		}
	}
	return &WorldTable{IO: io, FD: fd}, nil
}

func demoIndustries() []string { return wiod.Industries2016 }

// raiseOutput raises x where intermediate use A·x exceeds 70% of it (to
// A·x/0.6), until no sector needs raising, and returns A·x. It converges because the column sums
// of A are below 0.6: raising x_i by δ raises the use of every sector by at
// most 0.6·δ in total.
func raiseOutput(a *mat.Dense, x []float64) ([]float64, error) {
	n := len(x)
	ar := a.RawMatrix()
	u := make([]float64, n)
	for it := 0; it < 1000; it++ {
		raised := false
		for i := 0; i < n; i++ {
			row := ar.Data[i*ar.Stride : i*ar.Stride+n]
			var s float64
			for j, v := range row {
				s += v * x[j]
			}
			u[i] = s
			if s > 0.7*x[i] {
				x[i] = s / 0.6 // overshoot, so that later raises of others rarely tip it again
				raised = true
			}
		}
		if !raised {
			return u, nil
		}
	}
	return nil, fmt.Errorf("raising output to cover intermediate use did not settle in 1000 passes")
}

// matVec returns A·v.
func matVec(a *mat.Dense, v []float64) []float64 {
	ar := a.RawMatrix()
	n := len(v)
	out := make([]float64, n)
	for i := range out {
		var s float64
		for j, x := range ar.Data[i*ar.Stride : i*ar.Stride+n] {
			s += x * v[j]
		}
		out[i] = s
	}
	return out
}
