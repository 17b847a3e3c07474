package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/wiodlab/wiodlab/core/dea"
	"github.com/wiodlab/wiodlab/core/table"
)

// MalmquistOptions are the options of the malmquist subcommand (field names
// are the CLI flags without dashes).
type MalmquistOptions struct {
	Data string `json:"data" js:"data"` // table name (CLI: file path)
	DMU  string `json:"dmu" js:"dmu"`   // column identifying the DMU (firm, country)
	Time string `json:"time" js:"time"` // numeric period column (year)
	// Inputs and Outputs are column names; an element may hold several
	// names separated by commas ("k,l").
	Inputs  []string `json:"inputs" js:"inputs"`
	Outputs []string `json:"outputs" js:"outputs"`
	// Group, if set, is the column whose values define separate frontiers
	// (e.g. industry, with countries as DMUs).
	Group string `json:"group" js:"group"`
	// Orientation is "output" (default, as DEAP 2.1) or "input".
	Orientation string `json:"orientation" js:"orientation"`
	// Distances adds the efficiency scores behind each index to the rows.
	Distances bool `json:"distances" js:"distances"`
}

// MalmquistRow is the productivity change of one DMU between adjacent
// periods. In JSON, undefined values (NaN) are null; the distance fields
// appear only when requested.
type MalmquistRow struct {
	DMU       string  `json:"dmu" js:"dmu"`
	Group     string  `json:"group" js:"group"`
	From      float64 `json:"from" js:"from"`
	To        float64 `json:"to" js:"to"`
	Malmquist float64 `json:"malmquist" js:"malmquist"`
	EffCh     float64 `json:"effch" js:"effch"`
	TechCh    float64 `json:"techch" js:"techch"`
	PECh      float64 `json:"pech" js:"pech"`
	SECh      float64 `json:"sech" js:"sech"`
	TFP       float64 `json:"tfp" js:"tfp"`

	// Efficiency scores <rts>_<frontier>_<data>: t0 = From, t1 = To; e.g.
	// CRS01 is the To-period data against the From-period CRS frontier.
	// Nil unless Distances was requested; NaN when infeasible.
	CRS00 *float64 `json:"crs_t0_t0,omitempty" js:"crs_t0_t0"`
	CRS01 *float64 `json:"crs_t0_t1,omitempty" js:"crs_t0_t1"`
	CRS10 *float64 `json:"crs_t1_t0,omitempty" js:"crs_t1_t0"`
	CRS11 *float64 `json:"crs_t1_t1,omitempty" js:"crs_t1_t1"`
	VRS00 *float64 `json:"vrs_t0_t0,omitempty" js:"vrs_t0_t0"`
	VRS01 *float64 `json:"vrs_t0_t1,omitempty" js:"vrs_t0_t1"`
	VRS10 *float64 `json:"vrs_t1_t0,omitempty" js:"vrs_t1_t0"`
	VRS11 *float64 `json:"vrs_t1_t1,omitempty" js:"vrs_t1_t1"`
}

// MarshalJSON writes the row with NaN as null (encoding/json rejects NaN).
func (r MalmquistRow) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteString(`{"dmu":`)
	b.WriteString(strconv.Quote(r.DMU))
	b.WriteString(`,"group":`)
	b.WriteString(strconv.Quote(r.Group))
	for _, f := range []struct {
		k string
		v float64
	}{{"from", r.From}, {"to", r.To}, {"malmquist", r.Malmquist}, {"effch", r.EffCh},
		{"techch", r.TechCh}, {"pech", r.PECh}, {"sech", r.SECh}, {"tfp", r.TFP}} {
		malmquistNum(&b, f.k, f.v)
	}
	for _, f := range []struct {
		k string
		v *float64
	}{{"crs_t0_t0", r.CRS00}, {"crs_t0_t1", r.CRS01}, {"crs_t1_t0", r.CRS10}, {"crs_t1_t1", r.CRS11},
		{"vrs_t0_t0", r.VRS00}, {"vrs_t0_t1", r.VRS01}, {"vrs_t1_t0", r.VRS10}, {"vrs_t1_t1", r.VRS11}} {
		if f.v != nil {
			malmquistNum(&b, f.k, *f.v)
		}
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func malmquistNum(b *strings.Builder, k string, v float64) {
	b.WriteString(`,"`)
	b.WriteString(k)
	b.WriteString(`":`)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		b.WriteString("null")
		return
	}
	b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
}

// MalmquistResult is the outcome of Malmquist. The CLI's --json prints Rows.
type MalmquistResult struct {
	Orientation string         `json:"orientation" js:"orientation"`
	Inputs      []string       `json:"inputs" js:"inputs"`
	Outputs     []string       `json:"outputs" js:"outputs"`
	Group       string         `json:"group" js:"group"`
	Rows        []MalmquistRow `json:"rows" js:"rows"`
	// Notes: skipped pairs of an unbalanced panel, degenerate frontiers,
	// infeasible cross-period VRS programs.
	Notes []string `json:"notes" js:"notes"`
	// Programs is the number of linear programs solved.
	Programs int `json:"programs" js:"programs"`
}

// Malmquist computes the DEA–Malmquist productivity index between adjacent
// periods, decomposed as in DEAP 2.1 (see package dea).
func Malmquist(env Env, opt MalmquistOptions) (*MalmquistResult, error) {
	if env.Source == nil {
		panic("command: Malmquist: Env.Source is nil")
	}
	ctx := env.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	inputs, outputs := malmquistNames(opt.Inputs), malmquistNames(opt.Outputs)
	switch {
	case opt.Data == "":
		return nil, errors.New("malmquist: no data table given (--data)")
	case opt.DMU == "":
		return nil, errors.New("malmquist: no DMU column given (--dmu)")
	case opt.Time == "":
		return nil, errors.New("malmquist: no time column given (--time)")
	case len(inputs) == 0:
		return nil, errors.New("malmquist: no input columns given (--inputs k,l)")
	case len(outputs) == 0:
		return nil, errors.New("malmquist: no output columns given (--outputs y)")
	}
	orient, err := dea.ParseOrientation(opt.Orientation)
	if err != nil {
		return nil, fmt.Errorf("malmquist: --orientation %q: use output or input", opt.Orientation)
	}
	t, err := env.Source.Table(opt.Data)
	if err != nil {
		return nil, err
	}
	p := dea.Panel{InputNames: inputs, OutputNames: outputs}
	if p.DMU, err = t.Strings(opt.DMU); err != nil {
		return nil, err
	}
	if p.Time, err = malmquistTime(t, opt.Time); err != nil {
		return nil, err
	}
	if opt.Group != "" {
		if p.Group, err = t.Strings(opt.Group); err != nil {
			return nil, err
		}
	}
	for _, name := range inputs {
		v, err := t.Floats(name)
		if err != nil {
			return nil, err
		}
		p.Inputs = append(p.Inputs, v)
	}
	for _, name := range outputs {
		v, err := t.Floats(name)
		if err != nil {
			return nil, err
		}
		p.Outputs = append(p.Outputs, v)
	}
	if dmuCol := t.Col(opt.DMU); dmuCol != nil {
		for i := range p.DMU {
			if dmuCol.IsMissing(i) {
				return nil, fmt.Errorf("table %s: row %d: DMU column %q is empty", t.Name, i+1, opt.DMU)
			}
		}
	}
	spec := dea.Malmquist{Orientation: orient, Distances: opt.Distances}
	fit, err := spec.Fit(ctx, p, func(f float64) { env.Progress.Report(f, "malmquist: solving DEA programs") })
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", t.Name, err)
	}
	res := &MalmquistResult{
		Orientation: orient.String(),
		Inputs:      inputs,
		Outputs:     outputs,
		Group:       opt.Group,
		Rows:        make([]MalmquistRow, len(fit.Changes)),
		Notes:       append([]string{}, fit.Notes...),
		Programs:    fit.Programs,
	}
	for i, c := range fit.Changes {
		r := MalmquistRow{DMU: c.DMU, Group: c.Group, From: c.From, To: c.To,
			Malmquist: c.Malmquist, EffCh: c.EffCh, TechCh: c.TechCh,
			PECh: c.PECh, SECh: c.SECh, TFP: c.TFP}
		if opt.Distances {
			sc := c.Scores
			r.CRS00, r.CRS01, r.CRS10, r.CRS11 = malmquistPtr(sc.CRS[0][0]), malmquistPtr(sc.CRS[0][1]), malmquistPtr(sc.CRS[1][0]), malmquistPtr(sc.CRS[1][1])
			r.VRS00, r.VRS01, r.VRS10, r.VRS11 = malmquistPtr(sc.VRS[0][0]), malmquistPtr(sc.VRS[0][1]), malmquistPtr(sc.VRS[1][0]), malmquistPtr(sc.VRS[1][1])
		}
		res.Rows[i] = r
	}
	return res, nil
}

func malmquistPtr(v float64) *float64 { return &v }

// malmquistNames splits comma-separated names and drops empty ones.
func malmquistNames(v []string) []string {
	var out []string
	for _, s := range v {
		for _, n := range strings.Split(s, ",") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// malmquistTime returns the period column as numbers; text columns holding
// numbers (e.g. "2005") are parsed.
func malmquistTime(t *table.Table, name string) ([]float64, error) {
	c, err := t.Lookup(name)
	if err != nil {
		return nil, err
	}
	if c.Kind == table.Float {
		for i, v := range c.F {
			if math.IsNaN(v) {
				return nil, fmt.Errorf("table %s: row %d: time column %q is empty", t.Name, i+1, name)
			}
		}
		return c.F, nil
	}
	out := make([]float64, len(c.S))
	for i, s := range c.S {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if c.IsMissing(i) || err != nil {
			return nil, fmt.Errorf("table %s: row %d: time column %q holds %q; periods must be numbers (e.g. years)", t.Name, i+1, name, s)
		}
		out[i] = v
	}
	return out, nil
}

// WriteText prints the result as a readable table followed by the notes.
func (r *MalmquistResult) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "Malmquist index (%s orientation; inputs %s; outputs %s; %d linear programs)\n\n",
		r.Orientation, strings.Join(r.Inputs, ","), strings.Join(r.Outputs, ","), r.Programs); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "dmu\tfrom\tto\tmalmquist\teffch\ttechch\tpech\tsech\ttfp\t"
	if r.Group != "" {
		head = r.Group + "\t" + head
	}
	fmt.Fprintln(tw, head)
	for _, row := range r.Rows {
		if r.Group != "" {
			fmt.Fprintf(tw, "%s\t", row.Group)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t", row.DMU, malmquistFmt(row.From), malmquistFmt(row.To))
		for _, v := range []float64{row.Malmquist, row.EffCh, row.TechCh, row.PECh, row.SECh, row.TFP} {
			if math.IsNaN(v) {
				fmt.Fprint(tw, ".\t")
			} else {
				fmt.Fprintf(tw, "%.4f\t", v)
			}
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range r.Notes {
		if _, err := fmt.Fprintln(w, "note:", n); err != nil {
			return err
		}
	}
	return nil
}

func malmquistFmt(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
