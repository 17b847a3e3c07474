package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden (review the diff before committing)")

// sample is a table shaped like the paper's Table 2; the numbers are inputs
// to the renderer only (formatting is what is tested).
func sample() *Table {
	return &Table{
		ID:    "table2",
		Title: "Digital dependence and value-added rate",
		Columns: []Column{
			{Label: "(1)", Estimator: "OLS",
				Coef:   map[string]float64{"Dig": 0.1234, "scale": -0.02, "_cons": 1.5},
				SE:     map[string]float64{"Dig": 0.0412, "scale": 0.011, "_cons": 0.3},
				PValue: map[string]float64{"Dig": 0.0031, "scale": 0.069, "_cons": 0.2},
				NObs:   11340, R2Adj: 0.41234,
				Rows: map[string]string{"Controls": "No", "FE": "Yes"}},
			{Label: "(2)", Estimator: "OLS",
				Coef:   map[string]float64{"Dig": 0.0987, "scale": -0.00001, "emp": 0.5},
				SE:     map[string]float64{"Dig": 0.045, "scale": 0.02, "emp": 0.1},
				TStat:  map[string]float64{"Dig": 2.1933, "scale": -0.0005, "emp": 5},
				PValue: map[string]float64{"Dig": 0.0283, "scale": 0.9996, "emp": 1e-6},
				NObs:   11340, R2Adj: 0.43,
				Rows: map[string]string{"Controls": "Yes", "FE": "Yes"}},
			{Label: "(3)", Estimator: "2SLS",
				Coef:   map[string]float64{"Dig": 0.2},
				SE:     map[string]float64{"Dig": 0.1},
				PValue: map[string]float64{"Dig": 0.0455},
				NObs:   10584, R2Adj: math.NaN(),
				Stats: map[string]float64{"kp_lm": 123.456, "kp_wald_f": 45.6, "nclusters": 756},
				Rows:  map[string]string{"Controls": "Yes", "FE": "Yes"}},
		},
		VarOrder:  []string{"Dig", "scale", "emp", "_cons"},
		VarLabels: map[string]string{"scale": "Scale"},
		RowOrder:  []string{"Controls", "FE"},
		Notes:     []string{"Standard errors clustered by country-industry."},
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

func TestRenderGolden(t *testing.T) {
	for _, tc := range []struct {
		name, format string
		opt          Options
	}{
		{"table2.txt", "text", Options{}},
		{"table2_se.txt", "text", Options{Paren: "se", Digits: 4}},
		{"table2.md", "md", Options{}},
		{"table2.tex", "latex", Options{}},
		{"table2.html", "html", Options{}},
		{"table2.csv", "csv", Options{}},
		{"table2.json", "json", Options{}},
	} {
		var b bytes.Buffer
		if err := sample().Render(&b, tc.format, tc.opt); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		checkGolden(t, tc.name, b.Bytes())
	}
}

func TestRenderValues(t *testing.T) {
	var b bytes.Buffer
	if err := sample().Render(&b, "csv", Options{}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{
		"Dig,0.123***,0.099**,0.200**\n", // p = 0.0031, 0.0283, 0.0455
		",(2.995),(2.193),(2.000)\n",     // t = coef/SE where no t is given: 0.1234/0.0412 = 2.995
		"Scale,-0.020*,0.000,\n",         // -0.00001 prints as 0.000, not -0.000
		"KP rk LM,,,123.456\n",
		"Clusters,,,756\n", // counts without decimals
		"N,11340,11340,10584\n",
		"Adjusted R²,0.412,0.430,\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("csv lacks %q:\n%s", want, s)
		}
	}
	// JSON: NaN adjusted R² is null; every column has the contract's keys.
	b.Reset()
	if err := sample().Render(&b, "json", Options{}); err != nil {
		t.Fatal(err)
	}
	var back struct {
		ID      string           `json:"id"`
		Columns []map[string]any `json:"columns"`
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.ID != "table2" || len(back.Columns) != 3 {
		t.Fatalf("json %+v", back)
	}
	if v, ok := back.Columns[2]["r2_adj"]; !ok || v != nil {
		t.Errorf("NaN r2_adj written as %v", v)
	}
	for _, c := range back.Columns {
		for _, k := range []string{"label", "estimator", "coef", "se", "tstat", "pvalue", "nobs", "r2_adj", "stats"} {
			if _, ok := c[k]; !ok {
				t.Errorf("column json lacks %q", k)
			}
		}
	}
	if tt := back.Columns[0]["tstat"].(map[string]any)["Dig"].(float64); math.Abs(tt-0.1234/0.0412) > 1e-12 {
		t.Errorf("tstat %v", tt)
	}
	if err := sample().Render(io.Discard, "pdf", Options{}); err == nil || !strings.Contains(err.Error(), `unknown format "pdf"`) {
		t.Errorf("unknown format: %v", err)
	}
	if err := sample().Render(io.Discard, "text", Options{Paren: "p"}); err == nil {
		t.Error("bad Paren accepted")
	}
}

const evil = `<img src=x onerror=alert(1)>`

// TestEscaping: user text never becomes markup in any format.
func TestEscaping(t *testing.T) {
	tb := &Table{
		ID: `x" onload="alert(1)`, Title: evil,
		Columns: []Column{{Label: evil, Estimator: "</td><script>alert(1)</script>",
			Coef: map[string]float64{evil: 1, "a_b&c%$#{}~^\\": 2}, SE: map[string]float64{evil: 0.5},
			PValue: map[string]float64{evil: 0.01}, NObs: 5,
			Rows: map[string]string{"=cmd|' /C calc'!A0": "**bold** [x](javascript:alert(1))"}}},
		Notes: []string{evil},
	}
	var b bytes.Buffer
	if err := tb.Render(&b, "html", Options{}); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	if strings.Contains(h, "<img") || strings.Contains(h, "<script") || strings.Contains(h, `" onload="`) {
		t.Errorf("html not escaped:\n%s", h)
	}
	if !strings.Contains(h, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("html lost the text:\n%s", h)
	}
	// Well-formed XML: every tag opened is closed.
	if err := xml.Unmarshal([]byte(h), new(struct{})); err != nil {
		t.Errorf("html is not well-formed: %v\n%s", err, h)
	}
	b.Reset()
	tb.Render(&b, "md", Options{})
	if m := b.String(); strings.Contains(m, "<img") || strings.Contains(m, "<script") || strings.Contains(m, "**bold**") || strings.Contains(m, "[x](") {
		t.Errorf("markdown not escaped:\n%s", m)
	}
	b.Reset()
	tb.Render(&b, "latex", Options{})
	if l := b.String(); !strings.Contains(l, `a\_b\&c\%\$\#\{\}\textasciitilde{}\textasciicircum{}\textbackslash{}`) || !strings.Contains(l, `\textless{}img`) {
		t.Errorf("latex not escaped:\n%s", l)
	}
	b.Reset()
	tb.Render(&b, "csv", Options{})
	if c := b.String(); !strings.Contains(c, "'=cmd") {
		t.Errorf("csv formula not defused:\n%s", c)
	}
	for name, svg := range map[string]string{
		"coef": CoefPlot(tb.Columns, CoefPlotOptions{Title: evil}),
		"line": LineChart([]Series{{Name: evil, X: []float64{1, 2}, Y: []float64{3, 4}}}, LineOptions{Title: evil, XLabel: evil, YLabel: evil}),
	} {
		if strings.Contains(svg, "<img") {
			t.Errorf("%s svg not escaped:\n%s", name, svg)
		}
		if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
			t.Errorf("%s svg is not well-formed XML: %v", name, err)
		}
	}
}

func TestSVGGolden(t *testing.T) {
	cols := sample().Columns
	checkGolden(t, "coefplot.svg", []byte(CoefPlot(cols, CoefPlotOptions{Title: "Table 2", Vars: []string{"Dig", "scale"}})))
	n := math.NaN()
	checkGolden(t, "line.svg", []byte(LineChart([]Series{
		{Name: "high", X: []float64{2000, 2001, 2002, 2003, 2004}, Y: []float64{0.31, 0.33, n, 0.36, 0.35}},
		{Name: "low", X: []float64{2000, 2001, 2002, 2003, 2004}, Y: []float64{0.22, 0.21, 0.24, 0.25, 0.27}},
	}, LineOptions{Title: "Value-added rate by tech group", XLabel: "year", YLabel: "Var"})))
}

// TestCoefPlotInterval checks the geometry: the 95% interval of Dig in
// column (1) spans coef ± 1.959964 SE on the plot's linear scale.
func TestCoefPlotInterval(t *testing.T) {
	c := []Column{{Label: "m", Coef: map[string]float64{"b": 1}, SE: map[string]float64{"b": 0.25}}}
	svg := CoefPlot(c, CoefPlotOptions{Width: 640})
	// Domain: ticks cover [0, 1.49]: 0..1.5 by 0.5 (niceTicks), plotted from
	// x = left (23) to 620. The interval is 1 ± 0.49: 0.51 .. 1.49.
	left, right := 23.0, 620.0
	x := func(v float64) float64 { return left + v/1.5*(right-left) }
	want := `x1="` + f1(x(1-1.959963984540054*0.25)) + `"`
	if !strings.Contains(svg, want) || !strings.Contains(svg, `x2="`+f1(x(1+1.959963984540054*0.25))+`"`) {
		t.Errorf("interval endpoints %s not found:\n%s", want, svg)
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		// raw step (hi-lo)/6 rounded up to 1, 2, 5 or 10 × 10^k.
		{0, 1.49, "0 0.5 1 1.5"},
		{2000, 2004, "2000 2001 2002 2003 2004"},
		{-0.3, 0.05, "-0.3 -0.2 -0.1 0 0.1"},
		{5, 5, "2 3 4 5 6 7 8"}, // a single value is widened by half its size
		{-12345, 67890, "-20000 0 20000 40000 60000 80000"},
	} {
		var s []string
		for _, v := range niceTicks(tc.lo, tc.hi, 6) {
			s = append(s, strconvG(v))
		}
		if got := strings.Join(s, " "); got != tc.want {
			t.Errorf("niceTicks(%v, %v) = %s, want %s", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func strconvG(v float64) string { return strings.TrimSuffix(strings.TrimRight(num(v, 6), "0"), ".") }

func BenchmarkRenderText(b *testing.B) {
	t := sample()
	for i := 0; i < b.N; i++ {
		if err := t.Render(io.Discard, "text", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderHTML(b *testing.B) {
	t := sample()
	for i := 0; i < b.N; i++ {
		if err := t.Render(io.Discard, "html", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
