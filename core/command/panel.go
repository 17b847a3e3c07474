package command

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/wiodlab/wiodlab/core/ioa"
	"github.com/wiodlab/wiodlab/core/study"
	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// PanelOptions are the inputs of `wiodlab panel` and `wiodlab.panel`.
type PanelOptions struct {
	// Wiot names the input-output tables (world or national layout), one or
	// more years. With Demo and no Wiot, the demo's table names are used.
	Wiot []string `json:"wiot" js:"wiot"`
	// SEA names the Socio-Economic Accounts tables (official layout): one,
	// or one per country.
	SEA []string `json:"sea" js:"sea"`
	// Macro names the country-year macro table ("" = none).
	Macro string `json:"macro" js:"macro"`
	// Sectors is a classification preset (wiod2016, wiod2013) or a JSON file;
	// "" detects the preset from the industry codes.
	Sectors string `json:"sectors" js:"sectors"`
	// Demo uses the demo tables (demo_wiot_YYYY, demo_sea, demo_macro).
	Demo bool `json:"demo" js:"demo"`
	// NoTFP skips the DEA–Malmquist TFP column.
	NoTFP bool `json:"notfp" js:"notfp"`
}

// PanelResult is the panel with its bookkeeping.
type PanelResult struct {
	NRows   int            `json:"nrows" js:"nrows"`
	Columns []string       `json:"columns" js:"columns"`
	Missing map[string]int `json:"missing" js:"missing"`
	Notes   []string       `json:"notes" js:"notes"`
	// Table is the panel itself (CLI: written as CSV; browser: stored).
	Table *table.Table `json:"-" js:"-"`
}

// Panel builds the paper's country × industry × year panel: input-output
// indicators for every year, joined with the SEA and the macro table, plus the
// cumulative DEA–Malmquist TFP index (docs/methods.md).
func Panel(env Env, opt PanelOptions) (*PanelResult, error) {
	if env.Source == nil {
		panic("command: Panel: Env.Source is nil")
	}
	if env.Ctx == nil {
		env.Ctx = context.Background()
	}
	if opt.Demo && len(opt.Wiot) == 0 {
		opt.Wiot, opt.SEA, opt.Macro = study.DemoWIOTNames(), []string{study.DemoSEA}, study.DemoMacro
	}
	if len(opt.Wiot) == 0 {
		return nil, errors.New("panel: no input-output tables given (--wiot)")
	}
	if len(opt.SEA) == 0 {
		return nil, errors.New("panel: no SEA table given (--sea)")
	}
	rows, cls, err := indicators(env, opt.Wiot, opt.Sectors, 0.8)
	if err != nil {
		return nil, err
	}
	env.Progress.Report(0.8, "joining the SEA and macro tables")
	var sea seaSet
	for _, name := range opt.SEA {
		seaT, err := env.Source.Table(name)
		if err != nil {
			return nil, fmt.Errorf("panel: SEA: %w", err)
		}
		s, err := wiod.SEAFromTable(seaT)
		if err != nil {
			return nil, err
		}
		sea = append(sea, s)
	}
	var macro *table.Table
	if opt.Macro != "" {
		if macro, err = env.Source.Table(opt.Macro); err != nil {
			return nil, fmt.Errorf("panel: macro: %w", err)
		}
	}
	p, err := study.BuildPanel(study.PanelInput{IO: study.IOTable(rows), SEA: sea, Macro: macro, Classification: cls}, study.PanelOptions{})
	if err != nil {
		return nil, err
	}
	if !opt.NoTFP {
		env.Progress.Report(0.9, "DEA–Malmquist TFP")
		if err := addTFP(env, p); err != nil {
			return nil, err
		}
	}
	env.Progress.Report(1, "panel ready")
	return &PanelResult{NRows: p.Table.NRows(), Columns: p.Table.Names(), Missing: p.Missing, Notes: p.Notes, Table: p.Table}, nil
}

// indicators runs the input-output step over the named tables, one table at a
// time (each solve is parallel inside), and returns the long rows of every
// sector. Progress runs from 0 to upto.
func indicators(env Env, names []string, sectors string, upto float64) ([]ioa.Row, *wiod.Classification, error) {
	var all []ioa.Row
	var cls *wiod.Classification
	for k, name := range names {
		if err := env.Ctx.Err(); err != nil {
			return nil, nil, err
		}
		env.Progress.Report(upto*float64(k)/float64(len(names)), "input-output table %s", name)
		tabs, err := readIOTables(env, name)
		if err != nil {
			return nil, nil, err
		}
		if cls == nil {
			if cls, err = Classification(env, sectors, tabs[0].Industry); err != nil {
				return nil, nil, err
			}
		}
		for _, io := range tabs {
			res, err := ioa.Compute(io, cls, ioa.Options{Ctx: env.Ctx})
			if err != nil {
				return nil, nil, err
			}
			all = append(all, res.Rows...)
		}
	}
	return all, cls, nil
}

// Classification resolves a sector-set choice as `wiodlab io` does (a preset,
// JSON text or a JSON file; "" detects the preset from the industry codes)
// and checks its codes against the table's industries.
func Classification(env Env, sectors string, industries []string) (*wiod.Classification, error) {
	if sectors == "" {
		sectors = DetectSectors(industries)
	}
	cls, err := loadClassification(env, sectors)
	if err != nil {
		return nil, err
	}
	if err := cls.Check(industries); err != nil {
		return nil, err
	}
	return cls, nil
}

// addTFP appends the cumulative Malmquist TFP index (output orientation, one
// frontier per industry and year, countries as DMUs, inputs K_real and EMP,
// output VA_real) as the column tfp; the first year of each unit is 1.
func addTFP(env Env, p *study.Panel) error {
	t := p.Table
	res, err := Malmquist(Env{Ctx: env.Ctx, Source: Tables{"panel": t}}, MalmquistOptions{
		Data: "panel", DMU: "country", Time: "year", Group: "industry",
		Inputs: []string{"K_real", "EMP"}, Outputs: []string{"VA_real"}, Orientation: "output",
	})
	if err != nil {
		return fmt.Errorf("panel: TFP: %w", err)
	}
	type key struct {
		country, industry string
		year              int
	}
	tfp := map[key]float64{}
	first := map[[2]string]int{}
	for _, r := range res.Rows {
		k := key{fmt.Sprint(r.DMU), fmt.Sprint(r.Group), int(r.To)}
		tfp[k] = r.TFP
		u := [2]string{fmt.Sprint(r.DMU), fmt.Sprint(r.Group)}
		if f, ok := first[u]; !ok || int(r.From) < f {
			first[u] = int(r.From)
		}
	}
	cs, _ := t.Strings("country")
	is, _ := t.Strings("industry")
	ys, _ := t.Floats("year")
	col := make([]float64, len(cs))
	for i := range col {
		col[i] = math.NaN()
		if v, ok := tfp[key{cs[i], is[i], int(ys[i])}]; ok {
			col[i] = v
		} else if f, ok := first[[2]string{cs[i], is[i]}]; ok && f == int(ys[i]) {
			col[i] = 1
		}
		if math.IsNaN(col[i]) {
			p.Missing["tfp"]++
		}
	}
	if len(res.Notes) > 0 {
		notes := append([]string(nil), res.Notes...)
		sort.Strings(notes)
		if len(notes) > 3 {
			notes = append(notes[:3], fmt.Sprintf("… and %d more", len(res.Notes)-3))
		}
		for _, n := range notes {
			p.Notes = append(p.Notes, "TFP: "+n)
		}
	}
	return t.SetFloat("tfp", col)
}

// seaSet looks values up in several SEA tables (e.g. one per country), first
// match first.
type seaSet []*wiod.SEATable

func (s seaSet) Value(country, variable, code string, year int) (float64, bool) {
	for _, t := range s {
		if v, ok := t.Value(country, variable, code, year); ok {
			return v, true
		}
	}
	return 0, false
}
