package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Options configures Render.
type Options struct {
	// Paren is what goes in parentheses under each coefficient: "t" for the
	// t-statistic (the default, as in the paper) or "se" for the standard error.
	Paren string `json:"paren" js:"paren"`
	// Digits is the number of decimals of coefficients, t-statistics, SE and
	// statistics (default 3).
	Digits int `json:"digits" js:"digits"`
	// Levels are the significance levels of *, **, *** (default 0.10, 0.05,
	// 0.01); a coefficient gets the stars of every level its p-value is
	// strictly below.
	Levels []float64 `json:"levels" js:"levels"`
	// NoNotes leaves out the notes under the table (legend and Table.Notes).
	NoNotes bool `json:"nonotes" js:"nonotes"`
}

// Formats lists the formats Render accepts.
var Formats = []string{"text", "md", "latex", "html", "csv", "json"}

func (o Options) withDefaults() (Options, error) {
	switch o.Paren {
	case "":
		o.Paren = "t"
	case "t", "se":
	default:
		return o, fmt.Errorf("report: parentheses must hold \"t\" or \"se\", not %q", o.Paren)
	}
	if o.Digits <= 0 {
		o.Digits = 3
	}
	if o.Levels == nil {
		o.Levels = []float64{0.10, 0.05, 0.01}
	}
	return o, nil
}

// Render writes the table in the given format: "text" (aligned plain text),
// "md" (Markdown), "latex" (a booktabs tabular in a table float), "html" (a
// <table>; every piece of user text is escaped), "csv" or "json" (the Table
// itself). Aliases: "txt", "markdown", "tex".
func (t *Table) Render(w io.Writer, format string, opt Options) error {
	opt, err := opt.withDefaults()
	if err != nil {
		return err
	}
	switch strings.ToLower(format) {
	case "", "text", "txt":
		return t.renderText(w, opt)
	case "md", "markdown":
		return t.renderMarkdown(w, opt)
	case "latex", "tex":
		return t.renderLatex(w, opt)
	case "html":
		return t.renderHTML(w, opt)
	case "csv":
		return t.renderCSV(w, opt)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(t)
	}
	return fmt.Errorf("report: unknown format %q (use one of %s)", format, strings.Join(Formats, ", "))
}

// sectionBreak reports whether a rule goes between rows of kinds prev and
// cur: after the header and before the footer (N, R², statistics).
func sectionBreak(prev, cur rowKind) bool {
	return prev == rowHeader && cur != rowHeader || cur == rowFooter && prev != rowFooter && prev != rowHeader
}

// cell is one table cell: text and the significance stars that go with it
// (kept apart so that each format can typeset them).
type cell struct{ text, stars string }

type rowKind int

const (
	rowHeader rowKind = iota
	rowCoef
	rowParen
	rowFooter
)

type row struct {
	kind  rowKind
	label string
	cells []cell
}

// grid lays the table out independently of the output format. Sections are
// separated where the kind changes from coefficients to footer.
func (t *Table) grid(opt Options) []row {
	var rows []row
	h := row{kind: rowHeader}
	for _, c := range t.Columns {
		h.cells = append(h.cells, cell{text: c.Label})
	}
	rows = append(rows, h)
	if anyCol(t.Columns, func(c Column) bool { return c.DepVar != "" }) {
		r := row{kind: rowHeader}
		for _, c := range t.Columns {
			r.cells = append(r.cells, cell{text: c.DepVar})
		}
		rows = append(rows, r)
	}
	if anyCol(t.Columns, func(c Column) bool { return c.Estimator != "" }) {
		r := row{kind: rowHeader}
		for _, c := range t.Columns {
			r.cells = append(r.cells, cell{text: c.Estimator})
		}
		rows = append(rows, r)
	}
	tstats := make([]map[string]float64, len(t.Columns))
	for j, c := range t.Columns {
		tstats[j] = c.tstats()
	}
	for _, v := range t.varOrder() {
		cr := row{kind: rowCoef, label: t.varLabel(v)}
		pr := row{kind: rowParen}
		for j, c := range t.Columns {
			var cc, pc cell
			if b, ok := lookup(c.Coef, v); ok {
				cc.text = num(b, opt.Digits)
				if p, ok := lookup(c.PValue, v); ok {
					cc.stars = stars(p, opt.Levels)
				}
				var s float64
				if opt.Paren == "se" {
					s, ok = lookup(c.SE, v)
				} else {
					s, ok = lookup(tstats[j], v)
				}
				if ok {
					pc.text = "(" + num(s, opt.Digits) + ")"
				}
			}
			cr.cells = append(cr.cells, cc)
			pr.cells = append(pr.cells, pc)
		}
		rows = append(rows, cr, pr)
	}
	ro := t.RowOrder
	if len(ro) == 0 {
		ro = unionKeys(t.Columns, func(c Column) map[string]string { return c.Rows })
	}
	for _, k := range ro {
		r := row{kind: rowFooter, label: k}
		for _, c := range t.Columns {
			r.cells = append(r.cells, cell{text: c.Rows[k]})
		}
		rows = append(rows, r)
	}
	so := t.StatOrder
	if len(so) == 0 {
		so = unionKeys(t.Columns, func(c Column) map[string]float64 { return c.Stats })
	}
	for _, k := range so {
		r := row{kind: rowFooter, label: t.statLabel(k)}
		for _, c := range t.Columns {
			var x cell
			if v, ok := lookup(c.Stats, k); ok {
				x.text = num(v, opt.Digits)
				if isCount(k) && v == math.Trunc(v) {
					x.text = num(v, 0)
				}
			}
			r.cells = append(r.cells, x)
		}
		rows = append(rows, r)
	}
	n := row{kind: rowFooter, label: "N"}
	for _, c := range t.Columns {
		n.cells = append(n.cells, cell{text: strconv.Itoa(c.NObs)})
	}
	rows = append(rows, n)
	if anyCol(t.Columns, func(c Column) bool { return isFinite(c.R2Adj) }) {
		r := row{kind: rowFooter, label: "Adjusted R²"}
		for _, c := range t.Columns {
			var x cell
			if isFinite(c.R2Adj) {
				x.text = num(c.R2Adj, opt.Digits)
			}
			r.cells = append(r.cells, x)
		}
		rows = append(rows, r)
	}
	return rows
}

// notes returns the legend and the table's notes.
func (t *Table) notes(opt Options) []string {
	if opt.NoNotes {
		return nil
	}
	what := "t-statistics"
	if opt.Paren == "se" {
		what = "Standard errors"
	}
	lv := append([]float64(nil), opt.Levels...)
	sort.Sort(sort.Reverse(sort.Float64Slice(lv)))
	var parts []string
	for k, l := range lv {
		parts = append(parts, fmt.Sprintf("%s p < %s", strings.Repeat("*", k+1), strconv.FormatFloat(l, 'f', -1, 64)))
	}
	out := []string{what + " in parentheses; " + strings.Join(parts, ", ") + "."}
	return append(out, t.Notes...)
}

func anyCol(cs []Column, f func(Column) bool) bool {
	for _, c := range cs {
		if f(c) {
			return true
		}
	}
	return false
}

func (t *Table) varLabel(v string) string {
	if l, ok := t.VarLabels[v]; ok {
		return l
	}
	return v
}

func (t *Table) statLabel(k string) string {
	if l, ok := t.StatLabels[k]; ok {
		return l
	}
	if l, ok := DefaultStatLabels[k]; ok {
		return l
	}
	return k
}

// isCount reports whether statistic k is a count or degrees of freedom
// (ninstruments, ngroups, nclusters, sargan_df), printed without decimals.
func isCount(k string) bool {
	return strings.HasPrefix(k, "n") || strings.HasSuffix(k, "_df")
}

// num formats v with d decimals, never as "-0.000".
func num(v float64, d int) string {
	s := strconv.FormatFloat(v, 'f', d, 64)
	if strings.Trim(s, "-0.") == "" && strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	return s
}

// stars returns one star per level (sorted descending) that p is below.
func stars(p float64, levels []float64) string {
	n := 0
	for _, l := range levels {
		if p < l {
			n++
		}
	}
	return strings.Repeat("*", n)
}

func (t *Table) renderText(w io.Writer, opt Options) error {
	rows := t.grid(opt)
	ncol := len(t.Columns)
	rc := utf8.RuneCountInString
	// Per model column: width of the numbers (tw), of the stars (sw) and of
	// the whole column (cw). As in esttab, numbers are right-aligned so that
	// the decimal points of a coefficient and of its parenthesised statistic
	// line up: the closing parenthesis takes the place of the first star.
	tw, sw, cw := make([]int, ncol), make([]int, ncol), make([]int, ncol)
	lw := 0
	for _, r := range rows {
		lw = max(lw, rc(r.label))
		for j, c := range r.cells {
			switch r.kind {
			case rowHeader:
			case rowParen:
				tw[j] = max(tw[j], rc(c.text))
			default:
				tw[j] = max(tw[j], rc(c.text)+1)
				sw[j] = max(sw[j], rc(c.stars)-1)
			}
		}
	}
	for j := range cw {
		cw[j] = tw[j] + sw[j]
		for _, r := range rows {
			if r.kind == rowHeader {
				cw[j] = max(cw[j], rc(r.cells[j].text))
			}
		}
	}
	centre := func(s string, w int) string {
		pad := w - rc(s)
		return strings.Repeat(" ", pad/2) + s + strings.Repeat(" ", pad-pad/2)
	}
	total := lw
	for _, x := range cw {
		total += 2 + x
	}
	var b strings.Builder
	rule := func(ch string) { b.WriteString(strings.Repeat(ch, total) + "\n") }
	if t.Title != "" {
		b.WriteString(t.Title + "\n")
	}
	rule("=")
	prev := rowHeader
	for _, r := range rows {
		if sectionBreak(prev, r.kind) {
			rule("-")
		}
		prev = r.kind
		b.WriteString(r.label + strings.Repeat(" ", lw-rc(r.label)))
		for j, c := range r.cells {
			b.WriteString("  ")
			if r.kind == rowHeader {
				b.WriteString(centre(c.text, cw[j]))
				continue
			}
			var cell string
			if r.kind == rowParen {
				cell = strings.Repeat(" ", tw[j]-rc(c.text)) + c.text + strings.Repeat(" ", sw[j])
			} else {
				cell = strings.Repeat(" ", tw[j]-1-rc(c.text)) + c.text + c.stars + strings.Repeat(" ", sw[j]+1-rc(c.stars))
			}
			b.WriteString(centre(cell, cw[j]))
		}
		b.WriteString("\n")
	}
	rule("=")
	for _, n := range t.notes(opt) {
		b.WriteString(n + "\n")
	}
	return writeString(w, trimRight(b.String()))
}

// trimRight removes trailing spaces from each line.
func trimRight(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func writeString(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}

// mdEscape escapes Markdown's inline syntax (and raw HTML) in user text.
var mdEscape = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `&lt;`, `>`, `&gt;`, `&`, `&amp;`, `|`, `\|`, `#`, `\#`, `~`, `\~`, "\n", " ")

func (t *Table) renderMarkdown(w io.Writer, opt Options) error {
	rows := t.grid(opt)
	var b strings.Builder
	if t.Title != "" {
		b.WriteString("**" + mdEscape.Replace(t.Title) + "**\n\n")
	}
	line := func(r row) {
		b.WriteString("| " + mdEscape.Replace(r.label))
		for _, c := range r.cells {
			b.WriteString(" | " + mdEscape.Replace(c.text) + mdEscape.Replace(c.stars))
		}
		b.WriteString(" |\n")
	}
	line(rows[0])
	b.WriteString("| ---")
	for range t.Columns {
		b.WriteString(" | :---:")
	}
	b.WriteString(" |\n")
	for _, r := range rows[1:] {
		line(r)
	}
	for _, n := range t.notes(opt) {
		b.WriteString("\n" + mdEscape.Replace(n) + "\n")
	}
	return writeString(w, b.String())
}

// texEscape escapes LaTeX's special characters in user text.
var texEscape = strings.NewReplacer(`\`, `\textbackslash{}`, `&`, `\&`, `%`, `\%`, `$`, `\$`, `#`, `\#`,
	`_`, `\_`, `{`, `\{`, `}`, `\}`, `~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`,
	`<`, `\textless{}`, `>`, `\textgreater{}`, `²`, `$^{2}$`, "\n", " ")

func (t *Table) renderLatex(w io.Writer, opt Options) error {
	rows := t.grid(opt)
	n := len(t.Columns)
	var b strings.Builder
	b.WriteString("\\begin{table}[htbp]\\centering\n")
	if t.Title != "" {
		b.WriteString("\\caption{" + texEscape.Replace(t.Title) + "}\n")
	}
	if t.ID != "" {
		b.WriteString("\\label{tab:" + texLabel(t.ID) + "}\n")
	}
	fmt.Fprintf(&b, "\\begin{tabular}{l*{%d}{c}}\n\\toprule\n", n)
	prev := rowHeader
	for _, r := range rows {
		if sectionBreak(prev, r.kind) {
			b.WriteString("\\midrule\n")
		}
		prev = r.kind
		b.WriteString(texEscape.Replace(r.label))
		for _, c := range r.cells {
			b.WriteString(" & " + texEscape.Replace(c.text))
			if c.stars != "" {
				b.WriteString("$^{" + c.stars + "}$")
			}
		}
		b.WriteString(" \\\\\n")
	}
	b.WriteString("\\bottomrule\n")
	for _, note := range t.notes(opt) {
		fmt.Fprintf(&b, "\\multicolumn{%d}{l}{\\footnotesize %s} \\\\\n", n+1, texEscape.Replace(note))
	}
	b.WriteString("\\end{tabular}\n\\end{table}\n")
	return writeString(w, b.String())
}

// texLabel keeps the characters safe in a \label.
func texLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == ':' || r == '.') {
			return r
		}
		return '-'
	}, s)
}

func (t *Table) renderHTML(w io.Writer, opt Options) error {
	rows := t.grid(opt)
	esc := html.EscapeString
	var b strings.Builder
	b.WriteString(`<table class="wiodlab-results"`)
	if t.ID != "" {
		b.WriteString(` id="` + esc(t.ID) + `"`)
	}
	b.WriteString(">\n")
	if t.Title != "" {
		b.WriteString("<caption>" + esc(t.Title) + "</caption>\n")
	}
	b.WriteString("<thead>\n")
	prev := rowHeader
	for k, r := range rows {
		if sectionBreak(prev, r.kind) {
			if prev == rowHeader {
				b.WriteString("</thead>\n<tbody>\n")
			} else {
				b.WriteString("</tbody>\n<tbody class=\"stats\">\n")
			}
		}
		prev = r.kind
		cls := ""
		if r.kind == rowParen {
			cls = ` class="paren"`
		}
		b.WriteString("<tr" + cls + ">")
		if r.kind == rowHeader {
			b.WriteString("<th>" + esc(r.label) + "</th>")
		} else {
			b.WriteString(`<th scope="row">` + esc(r.label) + "</th>")
		}
		for _, c := range r.cells {
			tag := "td"
			if r.kind == rowHeader {
				tag = "th"
			}
			b.WriteString("<" + tag + ">" + esc(c.text))
			if c.stars != "" {
				b.WriteString("<sup>" + esc(c.stars) + "</sup>")
			}
			b.WriteString("</" + tag + ">")
		}
		b.WriteString("</tr>\n")
		if k == len(rows)-1 {
			if prev == rowHeader {
				b.WriteString("</thead>\n")
			} else {
				b.WriteString("</tbody>\n")
			}
		}
	}
	if ns := t.notes(opt); len(ns) > 0 {
		fmt.Fprintf(&b, "<tfoot>\n")
		for _, n := range ns {
			fmt.Fprintf(&b, "<tr><td colspan=\"%d\">%s</td></tr>\n", len(t.Columns)+1, esc(n))
		}
		b.WriteString("</tfoot>\n")
	}
	b.WriteString("</table>\n")
	return writeString(w, b.String())
}

// csvSafe defuses text that a spreadsheet would read as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+@\t\r", rune(s[0])) || strings.HasPrefix(s, "-") && len(s) > 1 && !(s[1] >= '0' && s[1] <= '9' || s[1] == '.') {
		return "'" + s
	}
	return s
}

func (t *Table) renderCSV(w io.Writer, opt Options) error {
	cw := csv.NewWriter(w)
	for _, r := range t.grid(opt) {
		rec := []string{csvSafe(r.label)}
		for _, c := range r.cells {
			rec = append(rec, csvSafe(c.text+c.stars))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	for _, n := range t.notes(opt) {
		if err := cw.Write([]string{csvSafe(n)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
