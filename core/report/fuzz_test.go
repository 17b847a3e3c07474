package report

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzHTMLEscape: whatever the user's text (title, labels, variable names,
// notes), the HTML and SVG outputs hold exactly the markup of the same table
// with plain text in its place — no "<" or quote from user text survives.
func FuzzHTMLEscape(f *testing.F) {
	for _, s := range []string{evil, `"><script>alert(1)</script>`, "a&b", "'", "<!--", "]]>", "x\x00y"} {
		f.Add(s)
	}
	render := func(s string) (string, string) {
		tb := &Table{ID: s, Title: s, Notes: []string{s},
			Columns: []Column{{Label: s, Estimator: s, DepVar: s,
				Coef: map[string]float64{s: 1}, SE: map[string]float64{s: 0.5}, PValue: map[string]float64{s: 0.2},
				Rows: map[string]string{"FE": s}}},
			VarLabels: map[string]string{s: s}}
		var b bytes.Buffer
		if err := tb.Render(&b, "html", Options{}); err != nil {
			panic(err)
		}
		return b.String(), CoefPlot(tb.Columns, CoefPlotOptions{Title: s})
	}
	count := func(h string) [3]int {
		return [3]int{strings.Count(h, "<"), strings.Count(h, ">"), strings.Count(h, `"`)}
	}
	refH, refS := render("x")
	f.Fuzz(func(t *testing.T, s string) {
		// Empty text changes the structure (no caption, no id), so never empty.
		h, svg := render("x" + s)
		if count(h) != count(refH) {
			t.Fatalf("HTML markup changed by user text %q:\n%s", s, h)
		}
		if count(svg) != count(refS) {
			t.Fatalf("SVG markup changed by user text %q:\n%s", s, svg)
		}
	})
}
