package command

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/wiodlab/wiodlab/core/dpd"
)

// GMMOptions are the options of the gmm subcommand, xtabond2's in flag form
// (field names are the CLI flags without dashes).
type GMMOptions struct {
	Data  string `json:"data" js:"data"`   // table name (CLI: file path)
	Panel string `json:"panel" js:"panel"` // "id,time": unit and integer time columns
	Y     string `json:"y" js:"y"`         // dependent variable
	X     string `json:"x" js:"x"`         // regressors with Stata operators: "L.n L2.n w L.w k"
	// GMM holds gmmstyle sets in xtabond2 syntax without gmm( ): "n, lag(2 .)",
	// "L.n w, lag(1 3) collapse eq(diff)". The default lag range is lag(1 .).
	GMM []string `json:"gmm" js:"gmm"`
	// IV holds ivstyle sets in xtabond2 syntax without iv( ): "w L.w k" or
	// "yr1980 yr1981, eq(level)"; several sets are separated by ";".
	IV          string `json:"iv" js:"iv"`
	NoLevel     bool   `json:"nolevel" js:"nolevel"`         // difference GMM (default: system GMM)
	TwoStep     bool   `json:"twostep" js:"twostep"`         // two-step GMM
	Robust      bool   `json:"robust" js:"robust"`           // robust (one-step) / Windmeijer-corrected (two-step) SE
	Collapse    bool   `json:"collapse" js:"collapse"`       // collapse every GMM-style set
	TimeDummies bool   `json:"timedummies" js:"timedummies"` // year dummies yr<year> as regressors and instruments
}

// GMMStats are the specification tests. Undefined values are null in JSON.
type GMMStats struct {
	AR1      *float64 `json:"ar1" js:"ar1"`
	AR1P     *float64 `json:"ar1_p" js:"ar1_p"`
	AR2      *float64 `json:"ar2" js:"ar2"`
	AR2P     *float64 `json:"ar2_p" js:"ar2_p"`
	Sargan   *float64 `json:"sargan" js:"sargan"`
	SarganDF int      `json:"sargan_df" js:"sargan_df"`
	SarganP  *float64 `json:"sargan_p" js:"sargan_p"`
	Hansen   *float64 `json:"hansen" js:"hansen"`
	HansenDF int      `json:"hansen_df" js:"hansen_df"`
	HansenP  *float64 `json:"hansen_p" js:"hansen_p"`
}

// GMMObsPerGroup describes the observations per group.
type GMMObsPerGroup struct {
	Min int     `json:"min" js:"min"`
	Avg float64 `json:"avg" js:"avg"`
	Max int     `json:"max" js:"max"`
}

// GMMResult is the printed result of the gmm subcommand. coef, se, tstat,
// pvalue, nobs, ngroups, ninstruments and stats are the contract of issue 4;
// the other keys are extras. Names keeps the regressor order.
type GMMResult struct {
	Coef         map[string]float64 `json:"coef" js:"coef"`
	SE           map[string]float64 `json:"se" js:"se"`
	Tstat        map[string]float64 `json:"tstat" js:"tstat"`
	Pvalue       map[string]float64 `json:"pvalue" js:"pvalue"`
	NObs         int                `json:"nobs" js:"nobs"`
	NGroups      int                `json:"ngroups" js:"ngroups"`
	NInstruments int                `json:"ninstruments" js:"ninstruments"`
	Stats        GMMStats           `json:"stats" js:"stats"`

	Names       []string       `json:"names" js:"names"`
	Model       string         `json:"model" js:"model"` // e.g. "two-step system GMM"
	VCE         string         `json:"vce" js:"vce"`     // "non-robust", "robust", "Windmeijer-corrected"
	ObsPerGroup GMMObsPerGroup `json:"obs_per_group" js:"obs_per_group"`
	Instruments []string       `json:"instruments" js:"instruments"` // the gmm()/iv() sets as understood
	Warnings    []string       `json:"warnings" js:"warnings"`
	Depvar      string         `json:"depvar" js:"depvar"`
}

// GMM runs difference or system GMM (xtabond2) on the table opt.Data.
func GMM(env Env, opt GMMOptions) (*GMMResult, error) {
	if opt.Data == "" {
		return nil, fmt.Errorf("gmm: no data; give --data FILE")
	}
	if opt.Y == "" {
		return nil, fmt.Errorf("gmm: no dependent variable; give --y NAME")
	}
	id, tm, ok := strings.Cut(opt.Panel, ",")
	id, tm = strings.TrimSpace(id), strings.TrimSpace(tm)
	if !ok || id == "" || tm == "" || strings.Contains(tm, ",") {
		return nil, fmt.Errorf("gmm: --panel %q must name the unit and time columns as id,time (e.g. firm,year)", opt.Panel)
	}
	x, err := dpd.ParseTerms(opt.X)
	if err != nil {
		return nil, fmt.Errorf("gmm: --x: %w", err)
	}
	m := dpd.Model{Y: opt.Y, X: x, System: !opt.NoLevel, TimeDummies: opt.TimeDummies, Collapse: opt.Collapse}
	var sets []string
	for _, s := range opt.GMM {
		g, err := dpd.ParseGMM(s)
		if err != nil {
			return nil, fmt.Errorf("gmm: --gmm: %w", err)
		}
		if opt.Collapse {
			g.Collapse = true
		}
		m.GMM = append(m.GMM, g)
		sets = append(sets, g.String())
	}
	for _, s := range strings.Split(opt.IV, ";") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		v, err := dpd.ParseIV(s)
		if err != nil {
			return nil, fmt.Errorf("gmm: --iv: %w", err)
		}
		m.IV = append(m.IV, v)
		sets = append(sets, v.String())
	}
	t, err := env.Source.Table(opt.Data)
	if err != nil {
		return nil, err
	}
	r, err := m.Fit(t, id, tm, dpd.Options{TwoStep: opt.TwoStep, Robust: opt.Robust, Ctx: env.Ctx, Progress: env.Progress})
	if err != nil {
		return nil, err
	}
	out := &GMMResult{
		Coef: map[string]float64{}, SE: map[string]float64{}, Tstat: map[string]float64{}, Pvalue: map[string]float64{},
		NObs: r.NObs, NGroups: r.NGroups, NInstruments: r.NInstruments,
		Names: r.Names, Instruments: sets,
		ObsPerGroup: GMMObsPerGroup{Min: r.ObsMin, Avg: float64(r.NObs) / math.Max(1, float64(r.NGroups)), Max: r.ObsMax},
		Warnings:    append([]string{}, r.Warnings...), Depvar: opt.Y,
	}
	step := "one-step"
	if opt.TwoStep {
		step = "two-step"
	}
	kind := "system"
	if opt.NoLevel {
		kind = "difference"
	}
	out.Model = step + " " + kind + " GMM"
	switch {
	case opt.Robust && opt.TwoStep:
		out.VCE = "Windmeijer-corrected"
	case opt.Robust:
		out.VCE = "robust"
	default:
		out.VCE = "non-robust"
	}
	put := func(m map[string]float64, k string, v float64) {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			m[k] = v
		}
	}
	for i, n := range r.Names {
		put(out.Coef, n, r.Coef[i])
		put(out.SE, n, r.SE[i])
		put(out.Tstat, n, r.Tstat[i])
		put(out.Pvalue, n, r.Pvalue[i])
	}
	out.Stats = GMMStats{
		AR1: num(r.AR1.Stat), AR1P: num(r.AR1.P), AR2: num(r.AR2.Stat), AR2P: num(r.AR2.P),
		Sargan: num(r.Sargan.Stat), SarganDF: r.Sargan.DF, SarganP: num(r.Sargan.P),
		Hansen: num(r.Hansen.Stat), HansenDF: r.Hansen.DF, HansenP: num(r.Hansen.P),
	}
	return out, nil
}

// num returns a pointer to v, or nil when v is undefined (NaN, ±Inf).
func num(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// WriteText prints the result as xtabond2 lays it out.
func (r *GMMResult) WriteText(w io.Writer) error {
	f := func(p *float64, format string) string {
		if p == nil {
			return "."
		}
		return fmt.Sprintf(format, *p)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Dynamic panel-data estimation, %s\n", r.Model)
	fmt.Fprintf(&b, "Number of obs = %d   Number of groups = %d   Obs per group: min %d, avg %.2f, max %d\n",
		r.NObs, r.NGroups, r.ObsPerGroup.Min, r.ObsPerGroup.Avg, r.ObsPerGroup.Max)
	fmt.Fprintf(&b, "Number of instruments = %d   Std. err.: %s\n\n", r.NInstruments, r.VCE)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tCoef.\tStd. err.\tz\tP>|z|\t\n", r.Depvar)
	for _, n := range r.Names {
		fmt.Fprintf(tw, "%s\t%.7g\t%.7g\t%.2f\t%.3f\t\n", n, r.Coef[n], r.SE[n], r.Tstat[n], r.Pvalue[n])
	}
	tw.Flush()
	s := r.Stats
	fmt.Fprintf(&b, "\nInstruments: %s\n", strings.Join(r.Instruments, " "))
	fmt.Fprintf(&b, "Arellano-Bond test for AR(1) in first differences: z = %s  Pr > z = %s\n", f(s.AR1, "%.2f"), f(s.AR1P, "%.3f"))
	fmt.Fprintf(&b, "Arellano-Bond test for AR(2) in first differences: z = %s  Pr > z = %s\n", f(s.AR2, "%.2f"), f(s.AR2P, "%.3f"))
	fmt.Fprintf(&b, "Sargan test of overid. restrictions: chi2(%d) = %s  Prob > chi2 = %s  (not robust, not weakened by many instruments)\n", s.SarganDF, f(s.Sargan, "%.2f"), f(s.SarganP, "%.3f"))
	fmt.Fprintf(&b, "Hansen test of overid. restrictions: chi2(%d) = %s  Prob > chi2 = %s  (robust, weakened by many instruments)\n", s.HansenDF, f(s.Hansen, "%.2f"), f(s.HansenP, "%.3f"))
	for _, wn := range r.Warnings {
		fmt.Fprintf(&b, "Warning: %s\n", wn)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
