//go:build js && wasm

package main

import (
	"context"
	"syscall/js"
	"time"

	"github.com/wiodlab/wiodlab/core/command"
)

// warmUp runs replicate once on the tiny demo data, in memory (nothing is
// stored), in a worker the page starts for this alone once the engine is
// ready (site/wiodlab.mjs marks it with self.__wiodlabWarmUp and ends it
// afterwards).
//
// Why: the browser compiles WebAssembly functions lazily, on their first
// call, with a baseline compiler, and optimises a function only once it has
// run hot. The first run of every code path therefore pays for compiling it:
// under Node a first replicate on the small demo took 2.5 s and the second
// 1.05 s. The compiled code belongs to the WebAssembly.Module that all the
// page's workers share, so the warm-up, on a spare core, makes the pool's
// first runs start warm.
//
// Should it run in a worker that also serves calls, it delays a call by at
// most one step of its own (a year of the demo data, an input-output table,
// a model): it yields to the event loop at every progress report, and Go in
// WebAssembly runs one goroutine at a time without preemption. Errors are
// ignored: the warm-up changes no state.
func warmUp(done func(time.Duration)) {
	// First let the worker post "ready" (Go returns to the browser only
	// when every goroutine waits).
	time.Sleep(20 * time.Millisecond)
	t0 := time.Now()
	yield := command.Progress(func(float64, string) { time.Sleep(time.Millisecond) })
	env := command.Env{Ctx: context.Background(), Progress: yield}
	if res, err := command.Demo(env, command.DemoOptions{Size: "tiny", Seed: 1}); err == nil {
		env.Source = res.Data
		_, _ = command.Replicate(env, command.ReplicateOptions{Demo: true})
	}
	if done != nil {
		done(time.Since(t0))
	}
}

// startWarmUp starts warmUp when the worker was asked to; when it ends it
// calls self.__wiodlabWarmedUp(milliseconds), which worker.js passes on to
// the page (wiodlab.warmedUp). It reports whether the warm-up started.
func startWarmUp() bool {
	g := js.Global()
	if !g.Get("__wiodlabWarmUp").Truthy() {
		return false
	}
	go warmUp(func(d time.Duration) {
		if cb := g.Get("__wiodlabWarmedUp"); cb.Type() == js.TypeFunction {
			cb.Invoke(d.Milliseconds())
		}
	})
	return true
}
