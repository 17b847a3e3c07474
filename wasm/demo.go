//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"

	"github.com/wiodlab/wiodlab/core/command"
	"github.com/wiodlab/wiodlab/core/table"
)

// demoMethod generates the demo data (command.Demo) and stores every table
// in one transaction, under the names replicate({demo: true}) reads
// (demo_wiot_<year>, demo_sea, demo_macro). It resolves to the CLI's
// DemoResult: size, seed, table names and the true parameters.
func (a *app) demoMethod(env command.Env, opts js.Value) (any, map[string]any, error) {
	var o command.DemoOptions
	if err := fillOptions(&o, opts); err != nil {
		return nil, nil, err
	}
	res, err := command.Demo(env, o)
	if err != nil {
		return nil, nil, err
	}
	ts := make([]*table.Table, len(res.Tables))
	for i, name := range res.Tables {
		t, err := res.DemoTable(name)
		if err != nil {
			return nil, nil, err
		}
		c := *t // the stored name is the demo's name
		c.Name = name
		ts[i] = &c
	}
	env.Progress.Report(1, "storing %d demo tables", len(ts))
	if _, err := a.st.putTables(env.Ctx, ts, fmt.Sprintf("demo (%s, seed %d)", res.Size, res.Seed)); err != nil {
		return nil, nil, err
	}
	// The world tables as generated are what parsing the stored ones gives
	// (the CLI's replicate --demo uses them the same way): the first panel or
	// replicate run then skips the layout step.
	if s, ok := a.st.(*idbStore); ok {
		for _, name := range res.Tables {
			if io, ok := res.Data.IOTables(name); ok {
				s.cache.keepIO(name, io)
			}
		}
	}
	return res, nil, nil
}

// panelMethod builds the panel (command.Panel) and stores it as a table named
// by the option o (as the CLI's -o names the output file; default "panel").
// It resolves to the CLI's --format json summary plus the property table.
func (a *app) panelMethod(env command.Env, opts js.Value) (any, map[string]any, error) {
	var o command.PanelOptions
	if err := fillOptions(&o, opts, "o"); err != nil {
		return nil, nil, err
	}
	name := "panel"
	if opts.Type() == js.TypeObject && opts.Get("o").Type() == js.TypeString && opts.Get("o").String() != "" {
		name = opts.Get("o").String()
	}
	if err := validName(name); err != nil {
		return nil, nil, err
	}
	res, err := command.Panel(env, o)
	if err != nil {
		return nil, nil, err
	}
	if res.Table == nil {
		return nil, nil, fmt.Errorf("panel: no table was built")
	}
	t := *res.Table
	t.Name = name
	if _, err := a.st.putTable(env.Ctx, &t, "panel"); err != nil {
		return nil, nil, err
	}
	return res, map[string]any{"table": name}, nil
}
