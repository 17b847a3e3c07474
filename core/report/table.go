package report

import (
	"encoding/json"
	"math"
	"sort"
)

// Column is one model of a results table, independent of the estimator that
// produced it. Maps are keyed by the coefficient names the estimators use
// (x, L.x, _cons). Missing entries are left blank in the table; NaN values
// count as missing.
type Column struct {
	Label     string             `json:"label" js:"label"`         // column heading, e.g. "(1)"
	Estimator string             `json:"estimator" js:"estimator"` // e.g. "OLS", "2SLS", "SYS-GMM"
	DepVar    string             `json:"depvar,omitempty" js:"depvar"`
	Coef      map[string]float64 `json:"coef" js:"coef"`
	SE        map[string]float64 `json:"se" js:"se"`
	TStat     map[string]float64 `json:"tstat" js:"tstat"`   // computed as Coef/SE where absent
	PValue    map[string]float64 `json:"pvalue" js:"pvalue"` // drives the stars; no p-value, no stars
	Order     []string           `json:"order,omitempty" js:"order"`
	NObs      int                `json:"nobs" js:"nobs"`
	R2Adj     float64            `json:"r2_adj" js:"r2_adj"`         // NaN: not reported (e.g. GMM)
	Stats     map[string]float64 `json:"stats,omitempty" js:"stats"` // extra rows: kp_lm, ar2_p, ...
	Rows      map[string]string  `json:"rows,omitempty" js:"rows"`   // yes/no rows: "Controls": "Yes"
}

// Table is several models side by side, in the layout of the paper's tables.
type Table struct {
	ID      string   `json:"id" js:"id"`
	Title   string   `json:"title" js:"title"`
	Columns []Column `json:"columns" js:"columns"`
	// VarOrder lists the coefficients shown, in order; empty: the union of
	// the columns' Order (then of their Coef keys, sorted), in first-seen order.
	VarOrder  []string          `json:"var_order,omitempty" js:"var_order"`
	VarLabels map[string]string `json:"var_labels,omitempty" js:"var_labels"`
	// RowOrder lists the yes/no rows (keys of Column.Rows) in order; empty:
	// the union of the keys, sorted.
	RowOrder []string `json:"row_order,omitempty" js:"row_order"`
	// StatOrder lists the extra statistics rows (keys of Column.Stats) in
	// order; empty: the union of the keys, sorted. StatLabels names them.
	StatOrder  []string          `json:"stat_order,omitempty" js:"stat_order"`
	StatLabels map[string]string `json:"stat_labels,omitempty" js:"stat_labels"`
	Notes      []string          `json:"notes,omitempty" js:"notes"`
}

// DefaultStatLabels names the statistics the estimators report, with the
// keys of the reg and gmm JSON.
var DefaultStatLabels = map[string]string{
	"kp_lm":        "KP rk LM",
	"kp_lm_p":      "KP rk LM p-value",
	"kp_wald_f":    "KP rk Wald F",
	"cd_wald_f":    "CD Wald F",
	"hansen_j":     "Hansen J",
	"hansen_j_p":   "Hansen J p-value",
	"sargan":       "Sargan",
	"sargan_p":     "Sargan p-value",
	"hansen":       "Hansen",
	"hansen_p":     "Hansen p-value",
	"ar1":          "AR(1)",
	"ar1_p":        "AR(1) p-value",
	"ar2":          "AR(2)",
	"ar2_p":        "AR(2) p-value",
	"r2":           "R²",
	"r2_within":    "Within R²",
	"ninstruments": "Instruments",
	"ngroups":      "Groups",
	"nclusters":    "Clusters",
	"sargan_df":    "Sargan df",
	"hansen_df":    "Hansen df",
}

// MarshalJSON writes NaN and infinite values, which JSON cannot hold, as
// null, and always writes the keys coef, se, tstat, pvalue, stats (objects,
// possibly empty) and r2_adj (null when not reported).
func (c Column) MarshalJSON() ([]byte, error) {
	type plain struct {
		Label     string              `json:"label"`
		Estimator string              `json:"estimator"`
		DepVar    string              `json:"depvar,omitempty"`
		Coef      map[string]*float64 `json:"coef"`
		SE        map[string]*float64 `json:"se"`
		TStat     map[string]*float64 `json:"tstat"`
		PValue    map[string]*float64 `json:"pvalue"`
		Order     []string            `json:"order,omitempty"`
		NObs      int                 `json:"nobs"`
		R2Adj     *float64            `json:"r2_adj"`
		Stats     map[string]*float64 `json:"stats"`
		Rows      map[string]string   `json:"rows,omitempty"`
	}
	p := plain{Label: c.Label, Estimator: c.Estimator, DepVar: c.DepVar, Coef: finite(c.Coef), SE: finite(c.SE),
		TStat: finite(c.tstats()), PValue: finite(c.PValue), Order: c.Order, NObs: c.NObs, Stats: finite(c.Stats), Rows: c.Rows}
	if isFinite(c.R2Adj) {
		v := c.R2Adj
		p.R2Adj = &v
	}
	return json.Marshal(p)
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func finite(m map[string]float64) map[string]*float64 {
	out := make(map[string]*float64, len(m))
	for k, v := range m {
		if isFinite(v) {
			v := v
			out[k] = &v
		} else {
			out[k] = nil
		}
	}
	return out
}

// tstats returns TStat completed with Coef/SE where absent.
func (c Column) tstats() map[string]float64 {
	out := make(map[string]float64, len(c.Coef))
	for k, b := range c.Coef {
		if t, ok := c.TStat[k]; ok {
			out[k] = t
		} else if s, ok := c.SE[k]; ok && s != 0 {
			out[k] = b / s
		}
	}
	for k, t := range c.TStat {
		out[k] = t
	}
	return out
}

// lookup returns m[k] when present and finite.
func lookup(m map[string]float64, k string) (float64, bool) {
	v, ok := m[k]
	return v, ok && isFinite(v)
}

// varOrder returns the coefficients to show.
func (t *Table) varOrder() []string {
	if len(t.VarOrder) > 0 {
		return t.VarOrder
	}
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, c := range t.Columns {
		for _, k := range c.Order {
			add(k)
		}
		keys := make([]string, 0, len(c.Coef))
		for k := range c.Coef {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		// _cons goes last, as Stata prints it.
		sort.SliceStable(keys, func(i, j int) bool { return !isConst(keys[i]) && isConst(keys[j]) })
		for _, k := range keys {
			add(k)
		}
	}
	return out
}

func unionKeys[V any](cols []Column, get func(Column) map[string]V) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cols {
		for k := range get(c) {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

func isConst(name string) bool { return name == "_cons" || name == "(Intercept)" }
