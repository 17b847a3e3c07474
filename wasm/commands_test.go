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
