package ioa

import (
	"context"
	"runtime"
	"sort"
	"sync"

	"github.com/wiodlab/wiodlab/core/wiod"
)

// ComputeYears runs Compute on each table concurrently (at most GOMAXPROCS
// tables at a time; each table's right-hand sides share the remaining
// workers) and returns the results in the order of tables. The first error
// (in table order) is returned and the others are discarded.
func ComputeYears(tables []*wiod.IOTable, c *wiod.Classification, opt Options) ([]*Result, error) {
	procs := runtime.GOMAXPROCS(0)
	conc := min(procs, len(tables))
	if opt.Workers == 0 && conc > 0 {
		opt.Workers = max(1, procs/conc)
	}
	ctx := opt.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opt.Ctx = ctx
	out := make([]*Result, len(tables))
	errs := make([]error, len(tables))
	sem := make(chan struct{}, max(conc, 1))
	var wg sync.WaitGroup
	for i, t := range tables {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if ctx.Err() != nil {
				errs[i] = ctx.Err()
				return
			}
			out[i], errs[i] = Compute(t, c, opt)
			if errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	// Report the first real error, not the cancellations it caused.
	for _, err := range errs {
		if err != nil && err != context.Canceled {
			return nil, err
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LongColumns are the columns of the long table (`wiodlab io`, the panel's
// input): the keys, then the indicators in the order Row.Indicators gives.
var LongColumns = []string{"country", "industry", "year", "a_dig", "b_dig", "dig", "dig_dom", "dig_for", "serv"}

// Indicators returns the row's indicators in the order of LongColumns[3:].
func (r *Row) Indicators() [6]float64 {
	return [6]float64{r.ADig, r.BDig, r.Dig, r.DigDom, r.DigFor, r.Serv}
}

// Long stacks the rows of results into one long table, country × industry ×
// year, ordered by year and then by each table's sector order (stable for
// equal years). With manufacturingOnly it keeps manufacturing rows only.
func Long(results []*Result, manufacturingOnly bool) []Row {
	rs := append([]*Result(nil), results...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Year < rs[j].Year })
	var rows []Row
	for _, r := range rs {
		for _, row := range r.Rows {
			if manufacturingOnly && !row.Manufacturing {
				continue
			}
			rows = append(rows, row)
		}
	}
	return rows
}
