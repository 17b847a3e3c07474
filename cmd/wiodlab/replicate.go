package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wiodlab/wiodlab/core/command"
	"github.com/wiodlab/wiodlab/core/report"
	"github.com/wiodlab/wiodlab/core/table"
	"github.com/wiodlab/wiodlab/core/wiod"
)

func init() {
	register("replicate", "build the panel and run every table of the paper (or a spec)", runReplicate)
	register("panel", "build the country × industry × year panel of the paper", runPanel)
}

// dataSource returns the Source of a run: the demo generated in memory, or
// files on disk. A --wiot folder expands to the tables in it.
func dataSource(demo bool, size string, seed uint64, wiot []string) (command.Source, []string, error) {
	if demo {
		res, err := command.Demo(command.Env{}, command.DemoOptions{Size: size, Seed: seed})
		if err != nil {
			return nil, nil, err
		}
		return demoFiles{res}, wiot, nil
	}
	var files []string
	for _, w := range wiot {
		st, err := os.Stat(w)
		if err != nil {
			return nil, nil, err
		}
		if !st.IsDir() {
			files = append(files, w)
			continue
		}
		ents, err := os.ReadDir(w)
		if err != nil {
			return nil, nil, err
		}
		var in []string
		for _, e := range ents {
			n := strings.ToLower(e.Name())
			if !e.IsDir() && (strings.HasSuffix(n, ".csv") || strings.HasSuffix(n, ".csv.gz") || strings.HasSuffix(n, ".xlsx") || strings.HasSuffix(n, ".gz")) {
				in = append(in, filepath.Join(w, e.Name()))
			}
		}
		if len(in) == 0 {
			return nil, nil, fmt.Errorf("--wiot %s: no .csv, .csv.gz or .xlsx files in the folder", w)
		}
		sort.Strings(in)
		files = append(files, in...)
	}
	return command.Files{}, files, nil
}

// demoFiles serves the in-memory demo tables and, for other names, files.
type demoFiles struct{ res *command.DemoResult }

func (d demoFiles) Table(name string) (*table.Table, error) {
	if strings.HasPrefix(name, "demo_") {
		return d.res.DemoTable(name)
	}
	return command.Files{}.Table(name)
}

func (d demoFiles) Open(name string) (io.ReadCloser, error) { return os.Open(name) }

func (d demoFiles) IOTables(name string) ([]*wiod.IOTable, bool) { return d.res.Data.IOTables(name) }

func runReplicate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("replicate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt command.ReplicateOptions
	var wiot, tables stringList
	fs.BoolVar(&opt.Demo, "demo", false, "run on the synthetic demo data (generated in memory)")
	fs.StringVar(&opt.Size, "size", "small", "demo size: tiny, small or full")
	fs.Uint64Var(&opt.Seed, "seed", 1, "demo seed")
	fs.Var(&wiot, "wiot", "input-output table file or folder of files (repeatable)")
	fs.Var((*stringList)(&opt.SEA), "sea", "Socio-Economic Accounts file, official layout (repeatable: one per country)")
	fs.StringVar(&opt.Macro, "macro", "", "country-year macro table")
	fs.StringVar(&opt.Sectors, "sectors", "", "wiod2016, wiod2013 or a JSON sector file (default: detected)")
	specFile := fs.String("spec", "", "specification JSON file (default: the paper's, see core/study/paper.json)")
	fs.Var(&tables, "table", "run only this table id (repeatable), e.g. table2")
	format := fs.String("format", "text", "text, md, latex, html, csv or json")
	paren := fs.String("paren", "t", "in parentheses: t (t-statistic) or se")
	jsonOut := fs.Bool("json", false, "same as --format json")
	out := fs.String("o", "", "write to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *jsonOut {
		*format = "json"
	}
	if *specFile != "" {
		b, err := os.ReadFile(*specFile)
		if err != nil {
			return err
		}
		opt.Spec = string(b)
	}
	opt.Tables = tables
	src, files, err := dataSource(opt.Demo, opt.Size, opt.Seed, wiot)
	if err != nil {
		return err
	}
	opt.Wiot = files
	res, err := command.Replicate(command.Env{Source: src}, opt)
	if err != nil {
		return err
	}
	w, closeOut, err := output(*out, stdout)
	if err != nil {
		return err
	}
	defer closeOut()
	if *format == "json" {
		return writeJSON(w, res)
	}
	for i := range res.Tables {
		if err := res.Tables[i].Render(w, *format, report.Options{Paren: *paren}); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	return nil
}

func runPanel(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("panel", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt command.PanelOptions
	var wiot stringList
	size := fs.String("size", "small", "demo size: tiny, small or full")
	seed := fs.Uint64("seed", 1, "demo seed")
	fs.BoolVar(&opt.Demo, "demo", false, "build the panel of the synthetic demo data")
	fs.Var(&wiot, "wiot", "input-output table file or folder of files (repeatable)")
	fs.Var((*stringList)(&opt.SEA), "sea", "Socio-Economic Accounts file, official layout (repeatable: one per country)")
	fs.StringVar(&opt.Macro, "macro", "", "country-year macro table")
	fs.StringVar(&opt.Sectors, "sectors", "", "wiod2016, wiod2013 or a JSON sector file (default: detected)")
	fs.BoolVar(&opt.NoTFP, "notfp", false, "skip the DEA–Malmquist TFP column")
	format := fs.String("format", "csv", "csv (the panel) or json (its summary: rows, columns, missing counts, notes)")
	out := fs.String("o", "", "write to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	src, files, err := dataSource(opt.Demo, *size, *seed, wiot)
	if err != nil {
		return err
	}
	opt.Wiot = files
	res, err := command.Panel(command.Env{Source: src}, opt)
	if err != nil {
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintln(stderr, "note:", n)
	}
	w, closeOut, err := output(*out, stdout)
	if err != nil {
		return err
	}
	defer closeOut()
	switch *format {
	case "csv":
		return writeCSV(w, res.Table)
	case "json":
		return writeJSON(w, res)
	}
	return fmt.Errorf("--format must be csv or json, not %q", *format)
}

// output opens path for writing, or returns stdout when path is "".
func output(path string, stdout io.Writer) (io.Writer, func(), error) {
	if path == "" {
		return stdout, func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}
