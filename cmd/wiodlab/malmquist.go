package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/wiodlab/wiodlab/core/command"
)

func init() {
	register("malmquist", "DEA–Malmquist productivity index and its decomposition", runMalmquist)
}

// runMalmquist: wiodlab malmquist --data F --dmu firm --time year --inputs k,l
// --outputs y [--group col] [--orientation output|input] [--distances] [--json]
func runMalmquist(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("malmquist", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt command.MalmquistOptions
	var inputs, outputs stringList
	fs.StringVar(&opt.Data, "data", "", "data file (CSV, CSV.gz or XLSX), one row per DMU and period")
	fs.StringVar(&opt.DMU, "dmu", "", "column identifying the DMU (firm, country)")
	fs.StringVar(&opt.Time, "time", "", "numeric period column (year)")
	fs.Var(&inputs, "inputs", "input columns, comma-separated (repeatable)")
	fs.Var(&outputs, "outputs", "output columns, comma-separated (repeatable)")
	fs.StringVar(&opt.Group, "group", "", "column defining separate frontiers (e.g. industry); default one frontier per period")
	fs.StringVar(&opt.Orientation, "orientation", "output", "output (DEAP 2.1 default) or input")
	fs.BoolVar(&opt.Distances, "distances", false, "add the efficiency scores behind each index (crs_t0_t1 = period-t1 data against the period-t0 frontier, ...)")
	asJSON := fs.Bool("json", false, "print a JSON array of rows instead of a table")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	opt.Inputs, opt.Outputs = inputs, outputs
	res, err := command.Malmquist(command.Env{Ctx: context.Background(), Source: command.Files{}}, opt)
	if err != nil {
		return err
	}
	if !*asJSON {
		return res.WriteText(stdout)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(stderr, "note:", n)
	}
	return writeJSON(stdout, res.Rows)
}
