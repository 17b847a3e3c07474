package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/wiodlab/wiodlab/core/command"
)

func init() {
	register("reg", "OLS with absorbed fixed effects and robust/cluster inference", runReg)
}

// runReg: wiodlab reg --data FILE --formula 'y ~ x1 + x2 | fe1 + fe2'
// [--panel id,time] [--vcov iid|hc1|cluster:c1|cluster:c1+c2]
// [--winsor VAR[,VAR]:p ...] [--if EXPR] [--estimator 2sls|liml]
// [--paren t|se] [--json]
func runReg(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("reg", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt command.RegOptions
	var winsor stringList
	fs.StringVar(&opt.Data, "data", "", "data file: CSV, gzip-compressed CSV or XLSX (required)")
	fs.StringVar(&opt.Formula, "formula", "", "model, fixest style: 'y ~ x1 + L.x2 | fe1 + fe2' (required)")
	fs.StringVar(&opt.Panel, "panel", "", "panel unit and time columns 'id,time' (for L., F., D. operators)")
	fs.StringVar(&opt.VCov, "vcov", "iid", "covariance: iid, hc1, cluster:c1 or cluster:c1+c2")
	fs.Var(&winsor, "winsor", "winsorise VAR[,VAR...][:p] at p and 1-p (default p 0.01); repeatable")
	fs.StringVar(&opt.If, "if", "", "sample filter, Stata syntax: 'year != 2008'")
	fs.Float64Var(&opt.Tol, "tol", 0, "fixed-effect convergence tolerance (default 1e-8)")
	fs.BoolVar(&opt.KeepSingletons, "keepsingletons", false, "keep singleton observations (dropped by default, as reghdfe)")
	fs.StringVar(&opt.Estimator, "estimator", "2sls", "estimator of a formula with an IV part: 2sls or liml")
	paren := fs.String("paren", "t", "text table: t-statistics (t) or standard errors (se) in parentheses")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (flags are --data, --formula, --panel, --vcov, --winsor, --if, --tol, --keepsingletons, --estimator, --paren, --json)", fs.Arg(0))
	}
	opt.Winsor = winsor
	textOpt := command.TextOptions
	textOpt.Paren = *paren
	if *paren != "t" && *paren != "se" {
		return fmt.Errorf("--paren %q: use t or se", *paren)
	}
	res, err := command.Reg(command.Env{Source: command.Files{}}, opt)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		return enc.Encode(res)
	}
	return res.WriteText(stdout, textOpt)
}
