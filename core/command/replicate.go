package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/wiodlab/wiodlab/core/report"
	"github.com/wiodlab/wiodlab/core/study"
)

// ReplicateOptions are the inputs of `wiodlab replicate` and
// `wiodlab.replicate`.
type ReplicateOptions struct {
	// Demo runs on the demo tables (demo_wiot_YYYY, demo_sea, demo_macro):
	// in the browser those stored by wiodlab.demo, on the command line
	// generated in memory with Size and Seed.
	Demo bool   `json:"demo" js:"demo"`
	Size string `json:"size" js:"size"`
	Seed uint64 `json:"seed" js:"seed"`
	// Wiot, SEA, Macro and Sectors name the user's tables, as for Panel.
	Wiot    []string `json:"wiot" js:"wiot"`
	SEA     []string `json:"sea" js:"sea"`
	Macro   string   `json:"macro" js:"macro"`
	Sectors string   `json:"sectors" js:"sectors"`
	// Spec is the specification as JSON text ("" = the paper's, embedded).
	Spec string `json:"spec" js:"spec"`
	// Tables restricts the run to these table ids (default: all).
	Tables []string `json:"tables" js:"tables"`
	// NoTFP skips the TFP column (Table 5 column 2 then reports an error).
	NoTFP bool `json:"notfp" js:"notfp"`
}

// ReplicateResult holds the tables in the paper's layout. Truth (demo data
// only) holds the true coefficients of the data-generating process.
type ReplicateResult struct {
	Title  string             `json:"title" js:"title"`
	Tables []report.Table     `json:"tables" js:"tables"`
	Truth  map[string]float64 `json:"truth,omitempty" js:"truth"`
	Panel  *PanelResult       `json:"panel" js:"panel"`
	Notes  []string           `json:"notes" js:"notes"`
}

// Replicate builds the panel and runs every column of the specification
// through the same functions as `wiodlab reg` and `wiodlab gmm`. A column that
// fails does not stop the others: its error is in the table's notes and the
// column is left empty.
func Replicate(env Env, opt ReplicateOptions) (*ReplicateResult, error) {
	if env.Source == nil {
		panic("command: Replicate: Env.Source is nil")
	}
	if env.Ctx == nil {
		env.Ctx = context.Background()
	}
	specText := study.PaperSpec
	specName := "paper.json"
	if opt.Spec != "" {
		specText, specName = []byte(opt.Spec), "spec"
	}
	spec, err := study.ParseSpec(bytes.NewReader(specText), specName)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, id := range opt.Tables {
		want[id] = true
	}
	for id := range want {
		found := false
		for _, t := range spec.Tables {
			found = found || t.ID == id
		}
		if !found {
			return nil, fmt.Errorf("replicate: no table %q in the specification", id)
		}
	}
	if !opt.Demo && len(opt.Wiot) == 0 {
		return nil, errors.New("replicate: give --demo or the data (--wiot, --sea, --macro)")
	}
	panelEnv := env
	panelEnv.Progress = func(f float64, msg string) { env.Progress.Report(0.6*f, "%s", msg) }
	pr, err := Panel(panelEnv, PanelOptions{Wiot: opt.Wiot, SEA: opt.SEA, Macro: opt.Macro, Sectors: opt.Sectors, Demo: opt.Demo, NoTFP: opt.NoTFP})
	if err != nil {
		return nil, err
	}
	out := &ReplicateResult{Title: spec.Title, Panel: pr}
	if opt.Demo {
		out.Truth = study.DemoTruth().Coef
	}
	src := Tables{"panel": pr.Table}
	var total, done int
	for _, t := range spec.Tables {
		if len(want) == 0 || want[t.ID] {
			total += len(t.Columns)
		}
	}
	for _, ts := range spec.Tables {
		if len(want) > 0 && !want[ts.ID] {
			continue
		}
		rt := report.Table{ID: ts.ID, Title: ts.Title, VarOrder: ts.Show, StatOrder: ts.Stats, RowOrder: []string{"Controls", "FE", "SE"}}
		for _, cs := range ts.Columns {
			if err := env.Ctx.Err(); err != nil {
				return nil, err
			}
			env.Progress.Report(0.6+0.4*float64(done)/float64(total), "%s %s", ts.ID, cs.Label)
			done++
			col, err := runColumn(Env{Ctx: env.Ctx, Source: src}, spec.Panel, cs)
			if err != nil {
				rt.Notes = append(rt.Notes, fmt.Sprintf("%s: %v", cs.Label, err))
				col = report.Column{Label: cs.Label, Estimator: cs.Estimator, R2Adj: math.NaN()}
			}
			if col.Rows != nil {
				col.Rows["Controls"] = controlsRow(col, ts.Show)
			}
			rt.Columns = append(rt.Columns, col)
		}
		out.Tables = append(out.Tables, rt)
	}
	env.Progress.Report(1, "done")
	return out, nil
}

// runColumn estimates one column of a table.
func runColumn(env Env, panel string, cs study.ColumnSpec) (report.Column, error) {
	switch cs.Estimator {
	case "reg":
		var winsor []string
		if cs.Winsor != "" {
			winsor = []string{cs.Winsor}
		}
		r, err := Reg(env, RegOptions{Data: "panel", Formula: cs.Formula, Panel: panel, VCov: cs.Vcov, If: cs.If, Winsor: winsor})
		if err != nil {
			return report.Column{}, err
		}
		est := "FE"
		switch {
		case strings.Count(cs.Formula, "~") > 1:
			est = "2SLS"
		case len(r.FE) == 0:
			est = "OLS"
		}
		return report.Column{
			Label: cs.Label, Estimator: est, DepVar: r.Y,
			Coef: r.Coef, SE: r.SE, TStat: r.TStat, PValue: r.PValue, Order: r.Names,
			NObs: r.NObs, R2Adj: r.R2Adj, Stats: r.Stats,
			Rows: map[string]string{"FE": strings.Join(r.FE, ", "), "SE": r.VCov},
		}, nil
	case "gmm":
		r, err := GMM(env, GMMOptions{Data: "panel", Panel: panel, Y: cs.Y, X: cs.X, GMM: cs.GMM, IV: cs.IV,
			NoLevel: cs.NoLevel, TwoStep: cs.TwoStep, Robust: cs.Robust, Collapse: cs.Collapse, TimeDummies: cs.TimeDummies})
		if err != nil {
			return report.Column{}, err
		}
		stats := map[string]float64{}
		for k, v := range map[string]*float64{"ar1": r.Stats.AR1, "ar1_p": r.Stats.AR1P, "ar2": r.Stats.AR2, "ar2_p": r.Stats.AR2P,
			"sargan": r.Stats.Sargan, "sargan_p": r.Stats.SarganP, "hansen": r.Stats.Hansen, "hansen_p": r.Stats.HansenP} {
			if v != nil {
				stats[k] = *v
			}
		}
		stats["ninstruments"] = float64(r.NInstruments)
		stats["ngroups"] = float64(r.NGroups)
		est := "SYS-GMM"
		if cs.NoLevel {
			est = "DIFF-GMM"
		}
		return report.Column{
			Label: cs.Label, Estimator: est, DepVar: cs.Y,
			Coef: r.Coef, SE: r.SE, TStat: r.Tstat, PValue: r.Pvalue, Order: r.Names,
			NObs: r.NObs, R2Adj: math.NaN(), Stats: stats,
			Rows: map[string]string{"SE": r.VCE},
		}, nil
	}
	return report.Column{}, fmt.Errorf("unknown estimator %q", cs.Estimator)
}

// controlsRow says "Yes" when the column has coefficients besides the shown
// ones and the constant.
func controlsRow(c report.Column, show []string) string {
	shown := map[string]bool{"_cons": true, "(Intercept)": true}
	for _, s := range show {
		shown[s] = true
	}
	for k := range c.Coef {
		if !shown[k] && !strings.HasPrefix(k, "yr") {
			return "Yes"
		}
	}
	return "No"
}
