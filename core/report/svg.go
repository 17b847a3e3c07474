package report

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/wiodlab/wiodlab/core/internal/dist"
)

// palette is the colour cycle of the plots (Okabe–Ito, readable by people
// with colour-vision deficiencies).
var palette = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"}

// CoefPlotOptions configures CoefPlot.
type CoefPlotOptions struct {
	Title  string            `json:"title" js:"title"`
	Vars   []string          `json:"vars" js:"vars"`     // coefficients to show, top to bottom; empty: those of the first column
	Labels map[string]string `json:"labels" js:"labels"` // display names of the coefficients
	Level  float64           `json:"level" js:"level"`   // confidence level of the intervals (default 0.95)
	Width  int               `json:"width" js:"width"`   // pixels (default 640); the height follows the rows
}

// CoefPlot returns an SVG coefficient plot: for each coefficient, one point
// per column (model) with its confidence interval coef ± z·SE, z the normal
// quantile of the level (1.96 for 95%), and a dashed line at zero. All text is
// escaped; the result is a standalone <svg> element.
func CoefPlot(cols []Column, opt CoefPlotOptions) string {
	if opt.Level == 0 {
		opt.Level = 0.95
	}
	if !(opt.Level > 0 && opt.Level < 1) {
		panic("report: confidence level outside (0, 1)")
	}
	if opt.Width <= 0 {
		opt.Width = 640
	}
	vars := opt.Vars
	if len(vars) == 0 && len(cols) > 0 {
		vars = (&Table{Columns: cols[:1]}).varOrder()
	}
	z := dist.NormalQuantile(1 - (1-opt.Level)/2)
	label := func(v string) string {
		if l, ok := opt.Labels[v]; ok {
			return l
		}
		return v
	}
	lo, hi := 0.0, 0.0
	for _, c := range cols {
		for _, v := range vars {
			b, ok := lookup(c.Coef, v)
			if !ok {
				continue
			}
			s, _ := lookup(c.SE, v)
			lo, hi = math.Min(lo, b-z*s), math.Max(hi, b+z*s)
		}
	}
	ticks := niceTicks(lo, hi, 6)
	lo, hi = math.Min(lo, ticks[0]), math.Max(hi, ticks[len(ticks)-1])
	if hi == lo {
		lo, hi = -1, 1
	}
	left := 20
	for _, v := range vars {
		left = max(left, 7*len([]rune(label(v)))+16)
	}
	const top, rowH, legendH, bottom = 40, 28, 22, 36
	band := rowH * max(1, len(cols))
	height := top + legendH + band*len(vars) + bottom
	right := opt.Width - 20
	x := func(v float64) float64 { return float64(left) + (v-lo)/(hi-lo)*float64(right-left) }

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		opt.Width, height, opt.Width, height)
	if opt.Title != "" {
		fmt.Fprintf(&b, `<text x="%d" y="20" font-size="14" font-weight="bold">%s</text>`+"\n", left, esc(opt.Title))
	}
	// Legend.
	lx := float64(left)
	for j, c := range cols {
		col := palette[j%len(palette)]
		fmt.Fprintf(&b, `<circle cx="%s" cy="%d" r="4" fill="%s"/><text x="%s" y="%d">%s</text>`+"\n",
			f1(lx+4), top, col, f1(lx+12), top+4, esc(c.Label))
		lx += float64(7*len([]rune(c.Label)) + 30)
	}
	y0 := top + legendH
	axisY := y0 + band*len(vars)
	// Grid, ticks and zero line.
	for _, tk := range ticks {
		fmt.Fprintf(&b, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#ddd"/><text x="%s" y="%d" text-anchor="middle">%s</text>`+"\n",
			f1(x(tk)), y0, f1(x(tk)), axisY, f1(x(tk)), axisY+16, esc(tickLabel(tk, ticks)))
	}
	fmt.Fprintf(&b, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#555" stroke-dasharray="4 3"/>`+"\n", f1(x(0)), y0, f1(x(0)), axisY)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#555"/>`+"\n", left, axisY, right, axisY)
	for i, v := range vars {
		yb := y0 + band*i
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", left-8, yb+band/2+4, esc(label(v)))
		for j, c := range cols {
			bv, ok := lookup(c.Coef, v)
			if !ok {
				continue
			}
			col := palette[j%len(palette)]
			y := yb + rowH*j + rowH/2
			if s, ok := lookup(c.SE, v); ok {
				fmt.Fprintf(&b, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-width="2"/>`+"\n",
					f1(x(bv-z*s)), y, f1(x(bv+z*s)), y, col)
			}
			fmt.Fprintf(&b, `<circle cx="%s" cy="%d" r="4" fill="%s"><title>%s</title></circle>`+"\n",
				f1(x(bv)), y, col, esc(fmt.Sprintf("%s, %s: %s", c.Label, label(v), num(bv, 4))))
		}
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#555">%s</text>`+"\n", left, height-4,
		esc(fmt.Sprintf("%s%% confidence intervals", strconv.FormatFloat(100*opt.Level, 'f', -1, 64))))
	b.WriteString("</svg>\n")
	return b.String()
}

// Series is one line of a line chart: points (X[i], Y[i]); NaN breaks the line.
type Series struct {
	Name string    `json:"name" js:"name"`
	X    []float64 `json:"x" js:"x"`
	Y    []float64 `json:"y" js:"y"`
}

// LineOptions configures LineChart.
type LineOptions struct {
	Title  string `json:"title" js:"title"`
	XLabel string `json:"xlabel" js:"xlabel"`
	YLabel string `json:"ylabel" js:"ylabel"`
	Width  int    `json:"width" js:"width"`   // pixels (default 640)
	Height int    `json:"height" js:"height"` // pixels (default 360)
}

// LineChart returns an SVG line chart of several series (e.g. a variable's
// mean by year for each group), with a legend. All text is escaped.
func LineChart(series []Series, opt LineOptions) string {
	if opt.Width <= 0 {
		opt.Width = 640
	}
	if opt.Height <= 0 {
		opt.Height = 360
	}
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range series {
		if len(s.X) != len(s.Y) {
			panic("report: series " + s.Name + " has X and Y of different lengths")
		}
		for i := range s.X {
			if isFinite(s.X[i]) && isFinite(s.Y[i]) {
				xlo, xhi = math.Min(xlo, s.X[i]), math.Max(xhi, s.X[i])
				ylo, yhi = math.Min(ylo, s.Y[i]), math.Max(yhi, s.Y[i])
			}
		}
	}
	if xlo > xhi { // no data
		xlo, xhi, ylo, yhi = 0, 1, 0, 1
	}
	xt, yt := niceTicks(xlo, xhi, 6), niceTicks(ylo, yhi, 5)
	xlo, xhi = math.Min(xlo, xt[0]), math.Max(xhi, xt[len(xt)-1])
	ylo, yhi = math.Min(ylo, yt[0]), math.Max(yhi, yt[len(yt)-1])
	if xhi == xlo {
		xlo, xhi = xlo-1, xhi+1
	}
	if yhi == ylo {
		ylo, yhi = ylo-1, yhi+1
	}
	legendW := 0
	for _, s := range series {
		legendW = max(legendW, 7*len([]rune(s.Name))+30)
	}
	left, top, bottom := 60, 36, opt.Height-44
	right := opt.Width - 16 - legendW
	x := func(v float64) float64 { return float64(left) + (v-xlo)/(xhi-xlo)*float64(right-left) }
	y := func(v float64) float64 { return float64(bottom) - (v-ylo)/(yhi-ylo)*float64(bottom-top) }

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		opt.Width, opt.Height, opt.Width, opt.Height)
	if opt.Title != "" {
		fmt.Fprintf(&b, `<text x="%d" y="20" font-size="14" font-weight="bold">%s</text>`+"\n", left, esc(opt.Title))
	}
	for _, tk := range xt {
		fmt.Fprintf(&b, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#eee"/><text x="%s" y="%d" text-anchor="middle">%s</text>`+"\n",
			f1(x(tk)), top, f1(x(tk)), bottom, f1(x(tk)), bottom+16, esc(tickLabel(tk, xt)))
	}
	for _, tk := range yt {
		fmt.Fprintf(&b, `<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="#eee"/><text x="%d" y="%s" text-anchor="end">%s</text>`+"\n",
			left, f1(y(tk)), right, f1(y(tk)), left-6, f1(y(tk)+4), esc(tickLabel(tk, yt)))
	}
	fmt.Fprintf(&b, `<polyline points="%d,%d %d,%d %d,%d" fill="none" stroke="#555"/>`+"\n", left, top, left, bottom, right, bottom)
	if opt.XLabel != "" {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`+"\n", (left+right)/2, opt.Height-8, esc(opt.XLabel))
	}
	if opt.YLabel != "" {
		fmt.Fprintf(&b, `<text x="14" y="%d" text-anchor="middle" transform="rotate(-90 14 %d)">%s</text>`+"\n", (top+bottom)/2, (top+bottom)/2, esc(opt.YLabel))
	}
	for j, s := range series {
		col := palette[j%len(palette)]
		var d strings.Builder
		pen := false
		for i := range s.X {
			if !isFinite(s.X[i]) || !isFinite(s.Y[i]) {
				pen = false
				continue
			}
			cmd := "L"
			if !pen {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%s %s ", cmd, f1(x(s.X[i])), f1(y(s.Y[i])))
			pen = true
		}
		if d.Len() > 0 {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"><title>%s</title></path>`+"\n", strings.TrimSpace(d.String()), col, esc(s.Name))
		}
		ly := top + 16*j
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/><text x="%d" y="%d">%s</text>`+"\n",
			right+10, ly, right+26, ly, col, right+30, ly+4, esc(s.Name))
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// esc escapes text for SVG/XML content and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// f1 formats a coordinate with one decimal.
func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// niceTicks returns about n evenly spaced round ticks (steps 1, 2 or 5 × 10^k)
// covering [lo, hi].
func niceTicks(lo, hi float64, n int) []float64 {
	if !(hi > lo) {
		if lo == 0 {
			return []float64{-1, 0, 1}
		}
		d := math.Abs(lo) / 2
		lo, hi = lo-d, hi+d
	}
	raw := (hi - lo) / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := p
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	start := math.Floor(lo/step) * step
	var out []float64
	for k := 0; ; k++ {
		v := start + float64(k)*step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		out = append(out, v)
		if v >= hi-step*1e-9 || k > 1000 {
			break
		}
	}
	return out
}

// tickLabel formats a tick with as many decimals as the step needs.
func tickLabel(v float64, ticks []float64) string {
	d := 0
	if len(ticks) > 1 {
		step := ticks[1] - ticks[0]
		d = max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	}
	return num(v, d)
}
