package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wiodlab/wiodlab/core/command"
)

func init() {
	register("io", "digital-dependence indicators of WIOD input-output tables (long table)", runIO)
}

// fileList is a repeatable file flag.
type fileList []string

func (s *fileList) String() string     { return strings.Join(*s, " ") }
func (s *fileList) Set(v string) error { *s = append(*s, v); return nil }

// runIO: wiodlab io --wiot FILE [--wiot FILE ...] [--sectors wiod2016|wiod2013|FILE.json]
// [--all-industries] [--format csv|json] [-o OUT]
func runIO(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("io", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt command.IOOptions
	var files fileList
	fs.Var(&files, "wiot", "WIOD input-output table: world (one year) or national (many years); CSV, gzip CSV or XLSX; repeatable (required)")
	fs.StringVar(&opt.Sectors, "sectors", "", "sector sets: wiod2016, wiod2013 or a JSON file (default: detected from the industry codes)")
	fs.BoolVar(&opt.AllIndustries, "all-industries", false, "print every industry, not only manufacturing")
	fs.StringVar(&opt.Format, "format", "csv", "output format: csv or json (an array of objects)")
	out := fs.String("o", "", "write the table to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil // -h printed the flags
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (flags are --wiot, --sectors, --all-industries, --format, -o)", fs.Arg(0))
	}
	opt.WIOT = files
	res, err := command.IO(command.Env{Source: command.Files{}}, opt)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "wiodlab io: warning:", w)
	}
	w := stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return err
		}
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if res.Format == "json" {
		err = json.NewEncoder(bw).Encode(res.Rows)
	} else {
		err = res.WriteCSV(bw)
	}
	if err == nil {
		err = bw.Flush()
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(*out) // nothing half-written
		}
	}
	return err
}
