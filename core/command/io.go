package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/wiodlab/wiodlab/core/ioa"
	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
)

// IOOptions are the inputs of IO (CLI: wiodlab io --wiot FILE ...).
type IOOptions struct {
	// WIOT names the input-output tables: world tables (one year each) or
	// national tables (many years), in a WIOD layout detected from the header.
	WIOT []string `json:"wiot" js:"wiot"`
	// Sectors is the classification: "wiod2016", "wiod2013", a JSON file name
	// (see wiod.ReadClassification) or the JSON text itself; "" detects the
	// release from each table's industry codes (c1 … c35: wiod2013, else wiod2016).
	Sectors string `json:"sectors" js:"sectors"`
	// AllIndustries keeps every industry; by default only manufacturing rows.
	AllIndustries bool `json:"all_industries" js:"all_industries"`
	// Format is "csv" (default) or "json"; it only affects how the CLI prints.
	Format string `json:"format" js:"format"`
}

// IORow is one line of the long table: the projection of ioa.Row whose JSON
// keys are the contract of issue 2, exactly these nine (ioa.LongColumns).
type IORow struct {
	Country  string  `json:"country" js:"country"`
	Industry string  `json:"industry" js:"industry"`
	Year     int     `json:"year" js:"year"`
	ADig     float64 `json:"a_dig" js:"a_dig"`
	BDig     float64 `json:"b_dig" js:"b_dig"`
	Dig      float64 `json:"dig" js:"dig"`
	DigDom   float64 `json:"dig_dom" js:"dig_dom"`
	DigFor   float64 `json:"dig_for" js:"dig_for"`
	Serv     float64 `json:"serv" js:"serv"`
}

// IOColumns are the columns of the long table, in order.
var IOColumns = ioa.LongColumns

// IOResult is the output of IO: the long table country × industry × year
// (ordered by year, then by each table's sector order, then by file order).
type IOResult struct {
	Rows []IORow `json:"rows" js:"rows"`
	// long holds the rows as computed (WriteCSV prints them).
	long []ioa.Row
	// Warnings are data issues that did not stop the computation (zero output,
	// solver fallbacks), prefixed by file and year.
	Warnings []string `json:"warnings" js:"warnings"`
	// Sectors names the classification used for each input, in input order.
	Sectors []string `json:"sectors" js:"sectors"`
	// Methods names the solver used for each table ("block-gauss-seidel" or "lu").
	Methods []string `json:"methods" js:"methods"`
	Format  string   `json:"format" js:"format"`
}

// DetectSectors returns "wiod2013" when every industry code looks like c1 …
// c35, else "wiod2016".
func DetectSectors(industries []string) string {
	for _, s := range industries {
		if !isCode2013(s) {
			return "wiod2016"
		}
	}
	return "wiod2013"
}

// isCode2013 reports whether s is "c" followed by one or more ASCII digits.
func isCode2013(s string) bool {
	if len(s) < 2 || s[0] != 'c' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IO computes the dependence indicators (package ioa) of every table named in
// opt.WIOT. Files are read and computed concurrently (at most GOMAXPROCS at
// a time; each holds its tables only while it is computed).
func IO(env Env, opt IOOptions) (*IOResult, error) {
	if len(opt.WIOT) == 0 {
		return nil, errors.New("io: no input-output table given: name one or more with --wiot FILE")
	}
	switch opt.Format {
	case "":
		opt.Format = "csv"
	case "csv", "json":
	default:
		return nil, fmt.Errorf("io: unknown format %q: want csv or json", opt.Format)
	}
	ctx := env.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	var fixed *wiod.Classification
	if opt.Sectors != "" {
		var err error
		if fixed, err = loadClassification(env, opt.Sectors); err != nil {
			return nil, err
		}
	}
	procs := runtime.GOMAXPROCS(0)
	workers := 0 // one file: its right-hand sides use every core
	if len(opt.WIOT) > 1 {
		workers = 1
	}
	type fileResult struct {
		results []*ioa.Result
		sectors string
		err     error
	}
	out := make([]fileResult, len(opt.WIOT))
	sem := make(chan struct{}, procs)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for i, name := range opt.WIOT {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				out[i].err = ctx.Err()
				return
			}
			tabs, err := readIOTables(env, name)
			if err == nil && len(tabs) == 0 {
				err = fmt.Errorf("%s: no input-output table in the file", name)
			}
			if err != nil {
				out[i].err = err
				cancel()
				return
			}
			c := fixed
			if c == nil {
				out[i].sectors = DetectSectors(tabs[0].Industry)
				c, _ = wiod.Preset(out[i].sectors)
			} else {
				out[i].sectors = c.Name
			}
			out[i].results, out[i].err = ioa.ComputeYears(tabs, c, ioa.Options{Ctx: ctx, Workers: workers})
			if out[i].err != nil {
				cancel()
			}
			mu.Lock()
			done++
			env.Progress.Report(float64(done)/float64(len(opt.WIOT)), "io: %s done (%d of %d)", name, done, len(opt.WIOT))
			mu.Unlock()
		}()
	}
	wg.Wait()
	for _, f := range out { // the first real error, not the cancellations it caused
		if f.err != nil && !errors.Is(f.err, context.Canceled) {
			return nil, fmt.Errorf("io: %w", f.err)
		}
	}
	res := &IOResult{Format: opt.Format}
	var all []*ioa.Result
	for _, f := range out {
		if f.err != nil {
			return nil, fmt.Errorf("io: %w", f.err)
		}
		res.Sectors = append(res.Sectors, f.sectors)
		for _, r := range f.results {
			all = append(all, r)
			res.Warnings = append(res.Warnings, r.Warnings...)
			res.Methods = append(res.Methods, r.Method)
		}
	}
	res.long = ioa.Long(all, !opt.AllIndustries)
	for _, r := range res.long {
		res.Rows = append(res.Rows, IORow{Country: r.Country, Industry: r.Industry, Year: r.Year,
			ADig: r.ADig, BDig: r.BDig, Dig: r.Dig, DigDom: r.DigDom, DigFor: r.DigFor, Serv: r.Serv})
	}
	if res.Rows == nil {
		res.Rows = []IORow{}
	}
	return res, nil
}

// IOSource is implemented by Sources that hold input-output tables already
// laid out (the in-memory demo, the browser's layout cache), sparing the round
// trip through the text layout.
type IOSource interface {
	IOTables(name string) ([]*wiod.IOTable, bool)
}

// readIOTables reads the tables of one input: laid out already when the
// source holds them so, streamed when it can open files, else parsed from
// its stored table.
func readIOTables(env Env, name string) ([]*wiod.IOTable, error) {
	if s, ok := env.Source.(IOSource); ok {
		if tabs, ok := s.IOTables(name); ok {
			return tabs, nil
		}
	}
	if o, ok := env.Source.(Opener); ok {
		f, err := o.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return wiod.Read(f, name, wiod.Options{})
	}
	t, err := env.Source.Table(name)
	if err != nil {
		return nil, err
	}
	return wiod.TablesFrom(t, wiod.Options{})
}

// loadClassification resolves --sectors: a preset name, JSON text, or a JSON
// file read through the source.
func loadClassification(env Env, s string) (*wiod.Classification, error) {
	for _, p := range wiod.Presets {
		if strings.EqualFold(s, p) {
			return wiod.Preset(p)
		}
	}
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		return wiod.ReadClassification(strings.NewReader(s), "--sectors")
	}
	o, ok := env.Source.(Opener)
	if !ok {
		return nil, fmt.Errorf("io: --sectors %q is neither %s nor JSON text, and this source cannot open files", s, strings.Join(wiod.Presets, " nor "))
	}
	f, err := o.Open(s)
	if err != nil {
		return nil, fmt.Errorf("io: --sectors %q is neither %s nor a readable JSON file: %w", s, strings.Join(wiod.Presets, " nor "), err)
	}
	defer f.Close()
	return wiod.ReadClassification(f, s)
}

// WriteCSV writes the long table of a result returned by IO as CSV with the
// header IOColumns; floats are printed with full precision (shortest form
// that round-trips).
func (r *IOResult) WriteCSV(w io.Writer) error {
	b := []byte(strings.Join(IOColumns, ",") + "\n")
	for i := range r.long {
		row := &r.long[i]
		b = appendCSVText(b, row.Country)
		b = append(b, ',')
		b = appendCSVText(b, row.Industry)
		b = fmt.Appendf(b, ",%d", row.Year)
		for _, v := range row.Indicators() {
			b = append(b, ',')
			b = table.AppendNumber(b, v)
		}
		b = append(b, '\n')
		if len(b) > 1<<16 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}

// appendCSVText appends s, quoted when it holds a comma, quote or newline.
func appendCSVText(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	return append(append(append(b, '"'), strings.ReplaceAll(s, `"`, `""`)...), '"')
}
