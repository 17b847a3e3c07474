package main

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/wiodlab/wiodlab/core/command"
	"github.com/wiodlab/wiodlab/core/table"
)

func init() {
	register("demo", "write the synthetic demo data (WIOD-shaped, documented DGP)", runDemo)
}

// runDemo: wiodlab demo -o DIR [--size small|full] [--seed N]
//
// Writes DIR/wiot/demo_wiot_YYYY.csv.gz (official world-table layout),
// DIR/sea.csv, DIR/macro.csv and DIR/truth.json.
func runDemo(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output folder (required)")
	var opt command.DemoOptions
	fs.StringVar(&opt.Size, "size", "small", "tiny (3 countries + ROW), small (10 + ROW) or full (43 + ROW, WIOD 2016-sized)")
	fs.Uint64Var(&opt.Seed, "seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("-o DIR is required")
	}
	res, err := command.Demo(command.Env{}, opt)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(*out, "wiot"), 0o755); err != nil {
		return err
	}
	for _, name := range res.Tables {
		t, err := res.DemoTable(name)
		if err != nil {
			return err
		}
		var path string
		switch {
		case strings.HasPrefix(name, "demo_wiot_"):
			path = filepath.Join(*out, "wiot", name+".csv.gz")
		default:
			path = filepath.Join(*out, strings.TrimPrefix(name, "demo_")+".csv")
		}
		if err := writeTable(path, t); err != nil {
			return err
		}
	}
	tj, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "truth.json"), append(tj, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d tables to %s\n", len(res.Tables), *out)
	return nil
}

// writeTable writes t as CSV, gzip-compressed when path ends in .gz.
func writeTable(path string, t *table.Table) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	var w io.Writer = f
	if strings.HasSuffix(path, ".gz") {
		zw := gzip.NewWriter(f)
		defer func() {
			if cerr := zw.Close(); err == nil {
				err = cerr
			}
		}()
		w = zw
	}
	return table.WriteCSV(w, t)
}

func writeCSV(w io.Writer, t *table.Table) error { return table.WriteCSV(w, t) }
