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
	return res, nil, nil
}
