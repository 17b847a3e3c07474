// Package dea computes data envelopment analysis (DEA) efficiency scores and
// the DEA–Malmquist productivity index with its decomposition, following the
// conventions of DEAP 2.1 (Coelli 1996, "A Guide to DEAP Version 2.1: A Data
// Envelopment Analysis (Computer) Program", CEPA Working Paper 96/08) and
// Färe, Grosskopf, Norris & Zhang (1994, "Productivity Growth, Technical
// Progress, and Efficiency Change in Industrialized Countries", American
// Economic Review 84(1): 66–83).
//
// # Scores
//
// Solver.Efficiency solves the radial envelopment program of one DMU (inputs
// x, outputs y) against a Frontier (the DMUs of one period, or of one group
// in one period):
//
//	output orientation: max φ s.t. Σλx ≤ x, Σλy ≥ φy, λ ≥ 0;  te = 1/φ
//	input orientation:  min θ s.t. Σλx ≤ θx, Σλy ≥ y,  λ ≥ 0;  te = θ
//
// with Σλ = 1 added under variable returns to scale (VRS). Scores are
// reported as technical efficiencies te, as DEAP prints them: te = D_o(x, y),
// the Shephard output distance function, in the output orientation, and
// te = 1/D_i(x, y) in the input orientation. A DMU scores te ≤ 1 against its
// own period's frontier; against another period's frontier te may exceed 1,
// and under VRS the program may be infeasible (the DMU uses less of an input,
// or produces more of an output, than any convex combination of the reference
// DMUs): Efficiency then returns NaN and ErrInfeasible. Under CRS the two
// orientations give the same score.
//
// # Malmquist index
//
// Malmquist.Fit takes a long panel (DMU, time, inputs, outputs, optional
// group) and, for every DMU and pair of adjacent periods t0 < t1 (consecutive
// distinct values of the time column) in which it is observed, computes with
// te^a(b) = score of the DMU's period-b data against the period-a frontier:
//
//	effch     = te_crs^{t1}(t1) / te_crs^{t0}(t0)                   efficiency change
//	techch    = [te_crs^{t0}(t1)/te_crs^{t1}(t1) · te_crs^{t0}(t0)/te_crs^{t1}(t0)]^½
//	malmquist = effch · techch                                         (DEAP's tfpch)
//	pech      = te_vrs^{t1}(t1) / te_vrs^{t0}(t0)                   pure efficiency change
//	sech      = effch / pech                                        scale efficiency change
//	tfp       = cumulative product of malmquist; 1 in the DMU's first period
//
// This is DEAP 2.1's decomposition: the index and technical change are
// measured on the CRS technology (the geometric mean of the period-t0 and
// period-t1 indices, Färe et al. 1994 eq. 4), and EFFCH splits into the change
// in VRS efficiency and a residual scale term (their eq. 11), so the four
// VRS cross-period scores are not needed; they are computed on request
// (Malmquist.Distances) for inspection. Values above 1 mean improvement in
// both orientations. Output orientation is the default, as in DEAP.
//
// Frontiers are built per period over all DMUs, or per group and period when
// Panel.Group is set (e.g. industries as groups, countries as DMUs).
//
// Data problems are errors naming the row, DMU and variable: a non-positive,
// missing or infinite input or output, a missing period, the same DMU twice in
// one period (of one group). An unbalanced panel is not an error: a pair with
// a period missing is skipped and reported in Result.Notes, and the DMU's
// cumulative tfp is NaN after the gap (a chain cannot bridge it). A frontier
// with fewer DMUs than inputs + outputs is reported as degenerate.
//
// # Linear programming
//
// The programs are solved by a purpose-built dense revised simplex (simplex.go)
// rather than gonum's optimize/convex/lp.Simplex. DEA programs have few rows
// (inputs + outputs [+ 1]) and many columns (reference DMUs), and a
// Malmquist run solves tens of thousands of them. The solver keeps the k×k
// basis inverse, refactors it at every pivot (cheaper than one pricing pass
// for k ≤ 8), divides every row by the evaluated DMU's own value so that
// coefficients are ratios, uses Harris's two-pass ratio test, switches from
// Dantzig's to Bland's rule after 20 degenerate pivots, repairs small primal
// infeasibilities with dual simplex pivots, and retries a failed program with
// Bland's rule throughout. Programs after the first against a frontier start
// from the DMUs that carried weight in earlier solutions and add every DMU
// with a negative reduced cost until none is left (column generation), which
// gives the optimum over all DMUs at a fraction of the pricing work.
//
// Measured on one output-oriented CRS program (BenchmarkEfficiency, 2 inputs,
// 1 output, Go 1.26, amd64, one run on a shared 2-core machine under load):
// over all 42 reference DMUs 2.4 µs against 44.8 µs for lp.Simplex (18×),
// over 756 DMUs 16.4 µs against 190 µs (12×); with column generation, as
// Malmquist.Fit runs it, 1.0 µs and 4.1 µs.
// On degenerate programs that the fuzzer finds, lp.Simplex v0.17.0 cycles
// without end; this solver has an iteration bound and returns ErrNumerical
// (NaN) rather than a wrong score when its checks fail.
//
// Agreement: DEAP 2.1's published Malmquist example (eg4) to its 3 printed
// decimals; scipy's linprog(method="highs") to 1e-7 relative on generated
// panels (testdata/gen_golden.py; observed ≤ 5e-14) and on the WIOD 2016
// socio-economic accounts of the USA and Australia, 104 industries × 15 years,
// one frontier per country (testdata/gen_golden_sea.py, data read from
// ../shared/data; observed 3e-15); gonum's lp.Simplex on 5,400 random
// programs to 1e-8; optimality certificates (primal and dual feasibility,
// zero gap, Farkas vectors for infeasible programs) under fuzzing.
package dea
