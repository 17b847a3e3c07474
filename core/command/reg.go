package command

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/wiodlab/wiodlab/core/formula"
	"github.com/wiodlab/wiodlab/core/panel"
	"github.com/wiodlab/wiodlab/core/regress"
	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/vcov"
)

// RegOptions are the inputs of Reg (CLI: wiodlab reg --data F --formula ...).
type RegOptions struct {
	Data    string `json:"data" js:"data"`       // table name (CLI: file path; CSV, gzip CSV or XLSX)
	Formula string `json:"formula" js:"formula"` // y ~ x1 + x2 | fe1 + fe2 [| endo ~ z]
	Panel   string `json:"panel" js:"panel"`     // "id,time": needed for L./F./D. operators
	VCov    string `json:"vcov" js:"vcov"`       // iid (default), hc1, cluster:c1, cluster:c1+c2
	// Winsor lists winsorisings VAR[,VAR...][:p] (default p = 0.01, two-sided).
	Winsor []string `json:"winsor" js:"winsor"`
	If     string   `json:"if" js:"if"` // sample filter, Stata syntax: year != 2008
	// Tol is the fixed-effect convergence tolerance (0: 1e-8, reghdfe's).
	Tol float64 `json:"tol" js:"tol"`
	// KeepSingletons keeps singleton observations (reghdfe drops them).
	KeepSingletons bool `json:"keepsingletons" js:"keepsingletons"`
}

// RegResult is the output of Reg. The JSON keys of issue 3 (coef, se, tstat,
// pvalue, nobs, r2, r2_adj, r2_within, nclusters, vcov, dropped, notes) are a
// contract; the others are extras. Undefined values (NaN) are written as null
// in JSON and left out of the per-coefficient maps.
type RegResult struct {
	Coef      map[string]float64 `json:"coef" js:"coef"`
	SE        map[string]float64 `json:"se" js:"se"`
	TStat     map[string]float64 `json:"tstat" js:"tstat"`
	PValue    map[string]float64 `json:"pvalue" js:"pvalue"`
	CILower   map[string]float64 `json:"ci_lower" js:"ci_lower"`
	CIUpper   map[string]float64 `json:"ci_upper" js:"ci_upper"`
	NObs      int                `json:"nobs" js:"nobs"`
	R2        float64            `json:"r2" js:"r2"`
	R2Adj     float64            `json:"r2_adj" js:"r2_adj"`
	R2Within  float64            `json:"r2_within" js:"r2_within"`
	NClusters map[string]int     `json:"nclusters" js:"nclusters"`
	VCov      string             `json:"vcov" js:"vcov"`
	Dropped   []string           `json:"dropped" js:"dropped"`
	Notes     []string           `json:"notes" js:"notes"`

	Names      []string `json:"names" js:"names"` // coefficient order
	Y          string   `json:"y" js:"y"`
	FE         []string `json:"fe" js:"fe"`
	Formula    string   `json:"formula" js:"formula"`
	F          float64  `json:"f" js:"f"`
	FP         float64  `json:"f_p" js:"f_p"`
	FDF        [2]int   `json:"f_df" js:"f_df"`
	DFResid    int      `json:"df_resid" js:"df_resid"` // t-test degrees of freedom
	K          int      `json:"k" js:"k"`               // parameters incl. absorbed FE (iid/hc1)
	KVCov      int      `json:"k_vcov" js:"k_vcov"`     // K in the covariance's small-sample factor
	DFAbsorbed int      `json:"df_a" js:"df_a"`         // degrees of freedom absorbed by FE, excl. constant
	Singletons int      `json:"singletons" js:"singletons"`
	Iterations int      `json:"iterations" js:"iterations"`
	RSS        float64  `json:"rss" js:"rss"`

	// Stats and FirstStage are filled by the IV estimator (issue 4).
	Stats      map[string]float64 `json:"stats,omitempty" js:"stats"`
	FirstStage any                `json:"first_stage,omitempty" js:"first_stage"`
}

// regIV estimates formulas with an IV part (`| endo ~ z`). It is nil until
// core/iv's adapter sets it, from a file of this package, in an init
// function:
//
//	func init() { regIV = func(env Env, opt RegOptions, d *formula.Design, s vcov.Spec) (*RegResult, error) {...} }
//
// d is the evaluated design (Endo, Inst filled), s the parsed --vcov.
var regIV func(env Env, opt RegOptions, d *formula.Design, s vcov.Spec) (*RegResult, error)

// Reg estimates a linear model by OLS, absorbing fixed effects, and returns
// coefficients, covariance-based inference and fit statistics.
func Reg(env Env, opt RegOptions) (*RegResult, error) {
	if env.Ctx == nil {
		env.Ctx = context.Background()
	}
	if env.Source == nil {
		panic("command: Reg with nil Source")
	}
	if strings.TrimSpace(opt.Data) == "" {
		return nil, fmt.Errorf("reg: no data given (--data FILE)")
	}
	if strings.TrimSpace(opt.Formula) == "" {
		return nil, fmt.Errorf("reg: no formula given (--formula 'y ~ x1 + x2 | fe1 + fe2')")
	}
	f, err := formula.Parse(opt.Formula)
	if err != nil {
		return nil, err
	}
	spec, err := vcov.Parse(opt.VCov)
	if err != nil {
		return nil, err
	}
	bo := formula.BuildOptions{If: opt.If, Cluster: spec.Clusters}
	if p := strings.TrimSpace(opt.Panel); p != "" {
		for _, s := range strings.Split(p, ",") {
			bo.Panel = append(bo.Panel, strings.TrimSpace(s))
		}
	}
	for _, w := range opt.Winsor {
		if strings.TrimSpace(w) == "" {
			continue
		}
		pw, err := panel.ParseWinsor(w)
		if err != nil {
			return nil, err
		}
		bo.Winsor = append(bo.Winsor, pw)
	}
	env.Progress.Report(0, "reading %s", opt.Data)
	t, err := env.Source.Table(opt.Data)
	if err != nil {
		return nil, err
	}
	return regTable(env, opt, t, f, bo, spec)
}

func regTable(env Env, opt RegOptions, t *table.Table, f *formula.Formula, bo formula.BuildOptions, spec vcov.Spec) (*RegResult, error) {
	d, err := formula.Build(t, f, bo)
	if err != nil {
		return nil, err
	}
	if len(d.EndoNames) > 0 || len(f.Endo) > 0 {
		if regIV == nil {
			return nil, fmt.Errorf("reg: IV estimation (the `| endo ~ z` part of the formula) is not available in this build")
		}
		return regIV(env, opt, d, spec)
	}
	m := regress.FromDesign(d)
	fo := regress.Options{VCov: spec, Tol: opt.Tol, KeepSingletons: opt.KeepSingletons}
	fo.Progress = func(fr float64, msg string) { env.Progress.Report(0.1+0.9*fr, "%s", msg) }
	r, err := m.Fit(env.Ctx, fo)
	if err != nil {
		return nil, err
	}
	out := NewRegResult(r.Names, r.Coef, r.SE, r.T, r.P, r.Lo, r.Hi)
	out.NObs, out.R2, out.R2Adj, out.R2Within = r.N, r.R2, r.R2Adj, r.R2Within
	out.NClusters = r.NClusters
	if out.NClusters == nil {
		out.NClusters = map[string]int{}
	}
	out.VCov = spec.String()
	out.Dropped = append([]string{}, r.Dropped...)
	out.Notes = append([]string{}, r.Notes...)
	out.Y, out.FE, out.Formula = r.YName, append([]string{}, r.FENames...), f.Source
	out.F, out.FP, out.FDF = r.F, r.FP, [2]int{r.FDF1, r.FDF2}
	out.DFResid, out.K, out.KVCov, out.Singletons, out.Iterations, out.RSS = r.DFResid, r.K, r.KVCov, r.Singletons, r.Iterations, r.RSS
	out.DFAbsorbed = r.DoF.Absorbed
	if spec.Kind == vcov.Cluster {
		out.DFAbsorbed = r.DoF.AbsorbedCluster
	}
	return out, nil
}

// NewRegResult returns a RegResult with the per-coefficient maps filled
// (NaN entries left out) and empty lists; estimators (OLS, IV) fill the rest.
func NewRegResult(names []string, coef, se, t, p, lo, hi []float64) *RegResult {
	mk := func(v []float64) map[string]float64 {
		m := make(map[string]float64, len(names))
		for i, n := range names {
			if !math.IsNaN(v[i]) && !math.IsInf(v[i], 0) {
				m[n] = v[i]
			}
		}
		return m
	}
	return &RegResult{
		Coef: mk(coef), SE: mk(se), TStat: mk(t), PValue: mk(p), CILower: mk(lo), CIUpper: mk(hi),
		Names: append([]string{}, names...), NClusters: map[string]int{}, Dropped: []string{}, Notes: []string{}, FE: []string{},
	}
}

// MarshalJSON writes r with undefined scalars (NaN) as null.
func (r RegResult) MarshalJSON() ([]byte, error) {
	type plain RegResult
	num := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	return json.Marshal(struct {
		plain
		R2       *float64 `json:"r2"`
		R2Adj    *float64 `json:"r2_adj"`
		R2Within *float64 `json:"r2_within"`
		F        *float64 `json:"f"`
		FP       *float64 `json:"f_p"`
		RSS      *float64 `json:"rss"`
	}{plain(r), num(r.R2), num(r.R2Adj), num(r.R2Within), num(r.F), num(r.FP), num(r.RSS)})
}

// Text renders r as a plain-text regression table (Stata-like layout).
func (r *RegResult) Text() string {
	var b strings.Builder
	if r.Formula != "" {
		fmt.Fprintf(&b, "%s\n", r.Formula)
	}
	fmt.Fprintf(&b, "Number of obs = %d   R-squared = %s   Adj R-squared = %s   Within R-sq. = %s\n",
		r.NObs, fnum(r.R2, 4), fnum(r.R2Adj, 4), fnum(r.R2Within, 4))
	fmt.Fprintf(&b, "F(%d, %d) = %s   Prob > F = %s   VCE: %s", r.FDF[0], r.FDF[1], fnum(r.F, 2), fnum(r.FP, 4), r.VCov)
	for _, name := range sortedKeys(r.NClusters) {
		fmt.Fprintf(&b, "   clusters(%s) = %d", name, r.NClusters[name])
	}
	b.WriteString("\n")
	w := 12
	for _, n := range r.Names {
		w = max(w, len(n))
	}
	for _, n := range r.Dropped {
		w = max(w, len(n)+2)
	}
	line := strings.Repeat("-", w+78) + "\n"
	b.WriteString(line)
	fmt.Fprintf(&b, "%-*s %12s %12s %9s %8s %14s %14s\n", w, r.Y, "Coef.", "Std. err.", "t", "P>|t|", "[95% conf.", "interval]")
	b.WriteString(line)
	get := func(m map[string]float64, k string) float64 {
		if v, ok := m[k]; ok {
			return v
		}
		return math.NaN()
	}
	for _, n := range r.Names {
		fmt.Fprintf(&b, "%-*s %12s %12s %9s %8s %14s %14s\n", w, n,
			fnum(get(r.Coef, n), 6), fnum(get(r.SE, n), 6), fnum(get(r.TStat, n), 2), fnum(get(r.PValue, n), 3),
			fnum(get(r.CILower, n), 6), fnum(get(r.CIUpper, n), 6))
	}
	for _, n := range r.Dropped {
		fmt.Fprintf(&b, "%-*s %12s %12s\n", w, "o."+n, "0", "(omitted)")
	}
	b.WriteString(line)
	if len(r.FE) > 0 {
		fmt.Fprintf(&b, "Absorbed: %s (df %d)\n", strings.Join(r.FE, ", "), r.DFAbsorbed)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	return b.String()
}

func fnum(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "."
	}
	return fmt.Sprintf("%.*f", prec, v)
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
