package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/wiodlab/wiodlab/core/command"
)

func init() {
	register("gmm", "difference and system GMM for dynamic panels (xtabond2)", runGMM)
}

// runGMM: wiodlab gmm --data F --panel id,time --y n --x 'L.n L2.n w L.w k'
// --gmm 'n, lag(2 .)' [--gmm ...] [--iv 'w L.w k'] [--nolevel] [--twostep]
// [--robust] [--collapse] [--timedummies] [--json]
func runGMM(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gmm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt command.GMMOptions
	var gmm, iv stringList
	fs.StringVar(&opt.Data, "data", "", "data file (CSV, CSV.gz or XLSX), one row per unit and period")
	fs.StringVar(&opt.Panel, "panel", "", "unit and integer time columns, as id,time")
	fs.StringVar(&opt.Y, "y", "", "dependent variable")
	fs.StringVar(&opt.X, "x", "", "regressors with Stata operators, e.g. 'L.n L2.n w L.w L(0/2).k'")
	fs.Var(&gmm, "gmm", "GMM-style set as in xtabond2, e.g. 'n, lag(2 .)' or 'L.n w, lag(1 3) collapse eq(diff)' (repeatable)")
	fs.Var(&iv, "iv", "IV-style set as in xtabond2, e.g. 'w L.w k' or 'x, eq(level)' (repeatable)")
	fs.BoolVar(&opt.NoLevel, "nolevel", false, "difference GMM (Arellano–Bond); default is system GMM (Blundell–Bond)")
	fs.BoolVar(&opt.TwoStep, "twostep", false, "two-step GMM")
	fs.BoolVar(&opt.Robust, "robust", false, "robust standard errors (one-step: sandwich; two-step: Windmeijer 2005)")
	fs.BoolVar(&opt.Collapse, "collapse", false, "collapse every GMM-style instrument set")
	fs.BoolVar(&opt.TimeDummies, "timedummies", false, "add year dummies yr<year> as regressors and IV-style instruments")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (quote lists: --x 'L.n w')", fs.Arg(0))
	}
	opt.GMM = gmm
	opt.IV = strings.Join(iv, ";")
	res, err := command.GMM(command.Env{Ctx: context.Background(), Source: command.Files{}}, opt)
	if err != nil {
		return err
	}
	if !*asJSON {
		return res.WriteText(stdout)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return writeJSON(stdout, res)
}
