package iv

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// WriteText writes the fit as ivreg2 lays it out: header, coefficient
// table, first-stage summary, identification and over-identification tests,
// notes. It is what `wiodlab reg` prints without --json for an IV formula.
func (r *Result) WriteText(w io.Writer) error {
	var b strings.Builder
	title := "IV (2SLS) estimation"
	if len(r.FE) > 0 {
		title += ", absorbing " + strings.Join(r.FE, ", ")
	}
	fmt.Fprintf(&b, "%s\n%s\n", title, strings.Repeat("-", len(title)))
	fmt.Fprintf(&b, "Dependent variable: %s    Number of obs = %d    VCE: %s\n", r.Y, r.NObs, r.VCov)
	for name, g := range r.NClusters {
		fmt.Fprintf(&b, "Number of clusters (%s) = %d\n", name, g)
	}
	fmt.Fprintf(&b, "R2 = %s    adj. R2 = %s    within R2 = %s    RMSE = %s\n\n", num(r.R2), num(r.R2Adj), num(r.R2Within), num(r.RMSE))
	fmt.Fprintf(&b, "%-16s %12s %12s %9s %9s %12s %12s\n", "", "Coef.", "Std. err.", "t", "P>|t|", "[95% conf.", "interval]")
	for _, n := range r.Names {
		fmt.Fprintf(&b, "%-16s %12s %12s %9s %9s %12s %12s\n", clip(n, 16), val(r.Coef, n), val(r.SE, n), val2(r.TStat, n), val2(r.PValue, n), val(r.CILo, n), val(r.CIHi, n))
	}
	b.WriteString("\nFirst stages (excluded instruments)\n")
	for _, f := range r.FirstStage {
		fmt.Fprintf(&b, "  %-14s F(%d,%d) = %s (p = %s)   partial R2 = %s   Shea R2 = %s   SW F(%d,%d) = %s\n",
			clip(f.Name, 14), f.FDF1, f.FDF2, num(f.F), num(f.FP), num(f.PartialR2), num(f.SheaR2), f.SWDF1, f.SWDF2, num(f.SWF))
	}
	s := r.Stats
	b.WriteString("\nUnderidentification (Kleibergen-Paap rk LM):  ")
	fmt.Fprintf(&b, "chi2(%d) = %s  p = %s\n", s.KPLMDF, num(s.KPLM), num(s.KPLMP))
	fmt.Fprintf(&b, "Weak identification: Cragg-Donald Wald F = %s   Kleibergen-Paap rk Wald F = %s\n", num(s.CDWaldF), num(s.KPWaldF))
	if sy := s.StockYogo; sy != nil {
		fmt.Fprintf(&b, "  Stock-Yogo maximal IV size 10%%/15%%/20%%/25%%: %.2f / %.2f / %.2f / %.2f\n", sy.Size10, sy.Size15, sy.Size20, sy.Size25)
		if sy.Bias5 > 0 {
			fmt.Fprintf(&b, "  Stock-Yogo maximal relative bias 5%%/10%%/20%%/30%%: %.2f / %.2f / %.2f / %.2f\n", sy.Bias5, sy.Bias10, sy.Bias20, sy.Bias30)
		}
	}
	if s.OverIDDF == 0 {
		b.WriteString("Overidentification: equation exactly identified\n")
	} else {
		fmt.Fprintf(&b, "Overidentification: Hansen J chi2(%d) = %s  p = %s   Sargan chi2(%d) = %s  p = %s\n",
			s.OverIDDF, num(s.HansenJ), num(s.HansenJP), s.OverIDDF, num(s.Sargan), num(s.SarganP))
	}
	fmt.Fprintf(&b, "Instrumented: %s\n", strings.Join(firstNames(r.FirstStage), " "))
	if len(r.Dropped) > 0 {
		fmt.Fprintf(&b, "Dropped: %s\n", strings.Join(r.Dropped, " "))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func firstNames(fs []FirstStage) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

func num(x Num) string {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "."
	}
	return fmt.Sprintf("%.4g", f)
}

func val(m map[string]float64, k string) string {
	v, ok := m[k]
	if !ok {
		return "."
	}
	return fmt.Sprintf("%.6g", v)
}

func val2(m map[string]float64, k string) string {
	v, ok := m[k]
	if !ok {
		return "."
	}
	return fmt.Sprintf("%.3f", v)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "~"
}
