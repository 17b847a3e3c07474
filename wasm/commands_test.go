//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall/js"
	"testing"

	"github.com/wiodlab/wiodlab/core/command"
)

// sameJSON checks that the JS value v prints as the JSON the CLI prints for
// the Go value want (both normalised by JSON.parse + JSON.stringify).
func sameJSON(t *testing.T, what string, v js.Value, want any) {
	t.Helper()
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got := jsJSON.Call("stringify", v).String()
	norm := jsJSON.Call("stringify", jsJSON.Call("parse", string(b))).String()
	if got != norm {
		n := min(len(got), len(norm), 400)
		t.Errorf("%s: JS result differs from the CLI's JSON:\n got %s\nwant %s", what, got[:n], norm[:n])
	}
}

func TestDemoStoresTables(t *testing.T) {
	if testing.Short() {
		t.Skip("generating the demo data takes a few seconds as wasm")
	}
	a := &app{st: newMemStore()}
	api := a.newAPI(a.subcommands())
	res := mustCall(t, api, "demo", js.ValueOf(map[string]any{"size": "small", "seed": 3}))
	want, err := command.Demo(command.Env{Ctx: context.Background()}, command.DemoOptions{Size: "small", Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "demo", res, want)
	list := mustCall(t, api, "tables.list")
	if list.Length() != len(want.Tables) {
		t.Fatalf("%d tables stored, want %d (%v)", list.Length(), len(want.Tables), want.Tables)
	}
	for _, name := range want.Tables {
		wt, _ := want.DemoTable(name)
		got, err := a.st.table(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		if got.NRows() != wt.NRows() || len(got.Cols) != len(wt.Cols) {
			t.Errorf("%s: stored %d×%d, generated %d×%d", name, got.NRows(), len(got.Cols), wt.NRows(), len(wt.Cols))
		}
	}
}

// malmquistCSV makes a small balanced panel of DMUs over three years.
func malmquistCSV(seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 2))
	var b strings.Builder
	b.WriteString("firm,year,k,l,y\n")
	for f := 1; f <= 6; f++ {
		for y := 2000; y <= 2002; y++ {
			fmt.Fprintf(&b, "f%d,%d,%.3f,%.3f,%.3f\n", f, y, 1+9*rng.Float64(), 1+9*rng.Float64(), 1+9*rng.Float64())
		}
	}
	return b.String()
}

func TestMalmquistMatchesCLI(t *testing.T) {
	a := &app{st: newMemStore()}
	api := a.newAPI(a.subcommands())
	mustCall(t, api, "tables.import", "dmu.csv", malmquistCSV(11))
	opts := command.MalmquistOptions{Data: "dmu.csv", DMU: "firm", Time: "year", Inputs: []string{"k,l"}, Outputs: []string{"y"}, Distances: true}
	res := mustCall(t, api, "malmquist", js.ValueOf(map[string]any{
		"data": "dmu.csv", "dmu": "firm", "time": "year", "inputs": "k,l", "outputs": []any{"y"}, "distances": true,
	}))
	ctx := context.Background()
	want, err := command.Malmquist(command.Env{Ctx: ctx, Source: storeSource{ctx: ctx, st: a.st}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "malmquist", res, want.Rows) // the CLI's --json prints the rows
	if res.Length() != 12 || res.Get("programs").Int() != want.Programs {
		t.Errorf("malmquist: %d rows, programs %v; want 12 and %d", res.Length(), res.Get("programs"), want.Programs)
	}
	// A missing column gives the CLI's message.
	_, err = call(t, api, "malmquist", js.ValueOf(map[string]any{"data": "dmu.csv", "dmu": "firm", "time": "yr", "inputs": "k", "outputs": "y"}))
	opts.Time = "yr"
	opts.Inputs = []string{"k"}
	_, werr := command.Malmquist(command.Env{Ctx: ctx, Source: storeSource{ctx: ctx, st: a.st}}, opts)
	if err == nil || werr == nil || err.Error() != cliError("malmquist", werr) {
		t.Errorf("malmquist error %v, want %q", err, cliError("malmquist", werr))
	}
}

// panelCSV makes a small balanced panel: 8 units × 6 years, y driven by x.
func panelCSV(seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 3))
	var b strings.Builder
	b.WriteString("id,year,y,x,w\n")
	for i := 1; i <= 8; i++ {
		a := rng.NormFloat64()
		y := a
		for t := 2000; t < 2006; t++ {
			x := rng.NormFloat64()
			w := rng.NormFloat64()
			y = 0.5*y + 0.8*x - 0.3*w + a + 0.5*rng.NormFloat64()
			fmt.Fprintf(&b, "u%d,%d,%.6f,%.6f,%.6f\n", i, t, y, x, w)
		}
	}
	return b.String()
}

// TestRegGMMMatchCLI checks that reg and gmm resolve to the JSON the CLI
// prints, and that errors carry the CLI's text.
func TestRegGMMMatchCLI(t *testing.T) {
	a := &app{st: newMemStore()}
	api := a.newAPI(a.subcommands())
	mustCall(t, api, "tables.import", "p.csv", panelCSV(5))
	ctx := context.Background()
	env := command.Env{Ctx: ctx, Source: storeSource{ctx: ctx, st: a.st}}

	for _, tc := range []struct {
		js  map[string]any
		opt command.RegOptions
	}{
		{map[string]any{"data": "p.csv", "formula": "y ~ x + w"}, command.RegOptions{Data: "p.csv", Formula: "y ~ x + w"}},
		{map[string]any{"data": "p.csv", "formula": "y ~ x + w | id + year", "vcov": "cluster:id", "winsor": "y:0.05"},
			command.RegOptions{Data: "p.csv", Formula: "y ~ x + w | id + year", VCov: "cluster:id", Winsor: []string{"y:0.05"}}},
		{map[string]any{"data": "p.csv", "formula": "y ~ L.y + x | id", "panel": "id,year", "vcov": "hc1", "if": "year != 2003"},
			command.RegOptions{Data: "p.csv", Formula: "y ~ L.y + x | id", Panel: "id,year", VCov: "hc1", If: "year != 2003"}},
	} {
		got, err := call(t, api, "reg", js.ValueOf(tc.js))
		want, werr := command.Reg(env, tc.opt)
		if werr != nil {
			if err == nil || err.Error() != cliError("reg", werr) {
				t.Errorf("reg %v: error %v, want %q", tc.js, err, cliError("reg", werr))
			}
			continue
		}
		if err != nil {
			t.Fatalf("reg %v: %v", tc.js, err)
		}
		sameJSON(t, fmt.Sprint("reg ", tc.js), got, want)
	}
	_, err := call(t, api, "reg", js.ValueOf(map[string]any{"data": "p.csv", "formula": "y ~ nosuch"}))
	_, werr := command.Reg(env, command.RegOptions{Data: "p.csv", Formula: "y ~ nosuch"})
	if werr == nil || err == nil || err.Error() != cliError("reg", werr) {
		t.Errorf("reg unknown column: %v, want %q", err, cliError("reg", werr))
	}

	gopt := command.GMMOptions{Data: "p.csv", Panel: "id,year", Y: "y", X: "L.y x w", GMM: []string{"y, lag(2 .)"}, IV: "x w", TwoStep: true, Robust: true, Collapse: true}
	got, err := call(t, api, "gmm", js.ValueOf(map[string]any{"data": "p.csv", "panel": "id,year", "y": "y", "x": "L.y x w",
		"gmm": "y, lag(2 .)", "iv": "x w", "twostep": true, "robust": true, "collapse": true}))
	want, werr := command.GMM(env, gopt)
	switch {
	case werr != nil:
		if err == nil || err.Error() != cliError("gmm", werr) {
			t.Errorf("gmm: error %v, want %q", err, cliError("gmm", werr))
		}
	case err != nil:
		t.Fatalf("gmm: %v", err)
	default:
		sameJSON(t, "gmm", got, want)
	}
}

// TestIOAndReplicateMatchCLI runs io and replicate on the stored demo tables.
func TestIOAndReplicateMatchCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo data and replicate take tens of seconds as wasm")
	}
	// With IndexedDB the runs below also reuse the worker's cached tables
	// and input-output layouts: results must not change.
	var st store = newMemStore()
	if f := fakeIDB(t); f != nil {
		st = newIDBStore(f, "wiodlab-commands")
	}
	a := &app{st: st}
	api := a.newAPI(a.subcommands())
	mustCall(t, api, "demo", js.ValueOf(map[string]any{"size": "small"}))
	ctx := context.Background()
	env := command.Env{Ctx: ctx, Source: storeSource{ctx: ctx, st: a.st}}

	got := mustCall(t, api, "io", js.ValueOf(map[string]any{"wiot": []any{"demo_wiot_2000", "demo_wiot_2014"}}))
	want, err := command.IO(env, command.IOOptions{WIOT: []string{"demo_wiot_2000", "demo_wiot_2014"}})
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "io", got, want.Rows) // the CLI's --format json prints the rows

	pan := mustCall(t, api, "panel", js.ValueOf(map[string]any{"demo": true, "o": "mypanel"}))
	wpan, err := command.Panel(env, command.PanelOptions{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	summary := jsJSON.Call("parse", jsJSON.Call("stringify", pan))
	js.Global().Get("Reflect").Call("deleteProperty", summary, "table") // the adapter's extra key
	sameJSON(t, "panel", summary, wpan)                                 // the CLI's panel --format json summary
	stored, err := a.st.table(ctx, "mypanel")
	if err != nil || pan.Get("table").String() != "mypanel" || stored.NRows() != wpan.NRows || len(stored.Cols) != len(wpan.Columns) {
		t.Errorf("panel table: %v, stored %v", err, pan.Get("table"))
	}

	rep := mustCall(t, api, "replicate", js.ValueOf(map[string]any{"demo": true, "tables": "table2"}))
	wrep, err := command.Replicate(env, command.ReplicateOptions{Demo: true, Tables: []string{"table2"}})
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "replicate", rep, wrep)
}
