package command

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/wiodlab/wiodlab/core/formula"
	"github.com/wiodlab/wiodlab/core/panel"
	"github.com/wiodlab/wiodlab/core/regress"
	"github.com/wiodlab/wiodlab/core/report"
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
	// Estimator of a formula with an IV part: "2sls" (default, also "") or
	// "liml" (limited-information maximum likelihood, core/iv).
	Estimator string `json:"estimator" js:"estimator"`
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

	// iv holds what the text table shows of an IV fit beyond the JSON keys
	// (unexported: neither in the JSON nor in the browser's object).
	iv *ivInfo
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
	switch e := strings.ToLower(strings.TrimSpace(opt.Estimator)); e {
	case "", "2sls", "liml":
		opt.Estimator = e
	default:
		return nil, fmt.Errorf("reg: unknown estimator %q (--estimator): use 2sls or liml", opt.Estimator)
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
	if opt.Estimator == "liml" {
		return nil, fmt.Errorf("reg: --estimator liml needs an IV part in the formula (y ~ x | fe | endo ~ z)")
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

// Column returns r as one column of a report.Table: coefficients with
// their t-statistics and p-values (the stars), N and the adjusted R², the
// rows FE (absorbed fixed effects) and SE (the covariance estimator), and
// as statistics R², the within R² (with fixed effects) and the F test of
// the slopes; for IV fits also the first-stage F of each endogenous
// regressor, the Kleibergen–Paap rk LM test with its p-value, the
// Cragg–Donald and Kleibergen–Paap Wald F and, when over-identified,
// Hansen's J with its p-value, and for LIML its k. The statistics' keys
// (fs_f:NAME, f, f_p, ...) are those of the text table only; the JSON keeps
// Stats as it is.
func (r *RegResult) Column(label string) report.Column {
	est := "OLS"
	switch {
	case r.Stats != nil && r.iv != nil && r.iv.model == "liml":
		est = "LIML"
	case r.Stats != nil:
		est = "2SLS"
	case len(r.FE) > 0:
		est = "FE"
	}
	fe := strings.Join(r.FE, ", ")
	if fe == "" {
		fe = "none"
	}
	stats := map[string]float64{"r2": r.R2, "f": r.F, "f_p": r.FP}
	if len(r.FE) > 0 {
		stats["r2_within"] = r.R2Within
	}
	for _, f := range r.firstStageF() {
		stats["fs_f:"+f.name] = f.f
	}
	for _, k := range []string{"kp_lm", "kp_lm_p", "cd_wald_f", "kp_wald_f"} {
		if v, ok := r.Stats[k]; ok {
			stats[k] = v
		}
	}
	if r.Stats["overid_df"] > 0 {
		stats["hansen_j"], stats["hansen_j_p"] = r.Stats["hansen_j"], r.Stats["hansen_j_p"]
	}
	if est == "LIML" {
		stats["kclass"] = r.Stats["kclass"]
	}
	return report.Column{
		Label: label, Estimator: est, DepVar: r.Y,
		Coef: r.Coef, SE: r.SE, TStat: r.TStat, PValue: r.PValue, Order: r.Names,
		NObs: r.NObs, R2Adj: r.R2Adj, Stats: stats,
		Rows: map[string]string{"FE": fe, "SE": r.VCov},
	}
}

// Table returns r as a one-column report.Table titled with the formula, the
// statistics in a fixed order with their degrees of freedom in the labels,
// and notes for clusters, omitted variables, singletons, instruments and
// the estimation notes.
func (r *RegResult) Table() *report.Table {
	col := r.Column("(1)")
	t := &report.Table{Title: r.Formula, Columns: []report.Column{col}, RowOrder: []string{"FE", "SE"},
		StatLabels: map[string]string{"r2": "R²", "f": fmt.Sprintf("F(%d, %d)", r.FDF[0], r.FDF[1]), "f_p": "Prob > F"}}
	t.StatOrder = []string{"r2", "f", "f_p"}
	if len(r.FE) > 0 {
		t.StatOrder = []string{"r2", "r2_within", "f", "f_p"}
	}
	for _, f := range r.firstStageF() {
		k := "fs_f:" + f.name
		t.StatOrder = append(t.StatOrder, k)
		t.StatLabels[k] = fmt.Sprintf("First-stage F(%d, %d): %s", f.df1, f.df2, f.name)
	}
	if _, ok := col.Stats["kclass"]; ok {
		t.StatOrder = append(t.StatOrder, "kclass")
		t.StatLabels["kclass"] = "LIML k (λ)"
	}
	if r.Stats != nil {
		t.StatOrder = append(t.StatOrder, "kp_lm", "kp_lm_p", "cd_wald_f", "kp_wald_f")
		t.StatLabels["kp_lm"] = fmt.Sprintf("KP rk LM χ²(%d)", int(r.Stats["kp_lm_df"]))
		if df := int(r.Stats["overid_df"]); df > 0 {
			t.StatOrder = append(t.StatOrder, "hansen_j", "hansen_j_p")
			t.StatLabels["hansen_j"] = fmt.Sprintf("Hansen J χ²(%d)", df)
		}
	}
	var cl []string
	for _, name := range sortedKeys(r.NClusters) {
		cl = append(cl, fmt.Sprintf("%s %d", name, r.NClusters[name]))
	}
	if len(cl) > 0 {
		t.Notes = append(t.Notes, "Clusters: "+strings.Join(cl, ", ")+".")
	}
	if len(r.FE) > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("Fixed effects absorb %d degrees of freedom besides the constant.", r.DFAbsorbed))
	}
	if r.Singletons > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("Singleton observations dropped: %d.", r.Singletons))
	}
	if len(r.Dropped) > 0 {
		t.Notes = append(t.Notes, "Omitted: "+strings.Join(r.Dropped, ", ")+" (see the notes).")
	}
	if r.iv != nil {
		var endo []string
		for _, f := range r.firstStageF() {
			endo = append(endo, f.name)
		}
		t.Notes = append(t.Notes, fmt.Sprintf("Instrumented: %s. Excluded instruments: %s.", strings.Join(endo, ", "), strings.Join(r.iv.instruments, ", ")))
		if r.Stats["overid_df"] == 0 {
			t.Notes = append(t.Notes, "Exactly identified: no over-identification test.")
		}
	}
	for _, n := range r.Notes {
		t.Notes = append(t.Notes, "Note: "+n)
	}
	return t
}

// TextOptions are the defaults of Text: coefficients and statistics with 4
// decimals (one model is read for its numbers; the JSON has them all), the
// t-statistic in parentheses as in the paper's tables.
var TextOptions = report.Options{Digits: 4}

// Text renders r as the paper-style table of core/report (see Table) with
// TextOptions.
func (r *RegResult) Text() string {
	var b strings.Builder
	if err := r.WriteText(&b, TextOptions); err != nil {
		panic("command: " + err.Error())
	}
	return b.String()
}

// WriteText renders r as a plain-text table with the given report options
// (Paren "se" puts standard errors in parentheses).
func (r *RegResult) WriteText(w io.Writer, opt report.Options) error {
	return r.Table().Render(w, "text", opt)
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
