package formula

import (
	"fmt"
	"strconv"
	"strings"
)

// Limits that keep a hostile formula from expanding into millions of terms.
const (
	maxOrder     = 1000 // largest operator order: L1000.x
	maxRangeSize = 100  // largest number of terms one L(a/b) range expands to
)

// Parse parses a model formula in fixest style:
//
//	y ~ x1 + x2 | fe1 + fe2^fe3 | endo1 + endo2 ~ z1 + z2
//
// The first section is the dependent variable and the exogenous regressors;
// "- 1" or "+ 0" (or a lone "0") drops the intercept, "+ 1" is allowed and
// changes nothing. Then, each after a "|": the fixed effects (interactions
// written a^b) and the IV part "endogenous ~ instruments", which is the last
// section and the one containing "~". Either may be absent.
//
// Variables may carry Stata's time-series operators: L.x (lag), L2.x, F.x
// (lead), D.x (first difference), D2.x (second difference), with lower-case
// forms accepted, and ranges L(1/3).x, expanded to L.x + L2.x + L3.x (order 0
// is the variable itself). A column name that is not an identifier is written
// between backquotes: `gross output`.
//
// Errors are *Error values pointing at the offending token.
func Parse(s string) (*Formula, error) {
	toks, err := lex("formula", s)
	if err != nil {
		return nil, err
	}
	p := &parser{src: s, toks: toks}
	f, err := p.formula()
	if err != nil {
		return nil, err
	}
	f.Source = s
	return f, nil
}

type parser struct {
	src  string
	toks []token
	pos  int
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.Kind != tEOF {
		p.pos++
	}
	return t
}

func (p *parser) isPunct(text string) bool {
	t := p.peek()
	return t.Kind == tPunct && t.Text == text
}

func (p *parser) errAt(t token, format string, args ...any) error {
	return &Error{Kind: "formula", Source: p.src, Col: t.Col, Msg: fmt.Sprintf(format, args...)}
}

// unexpected reports token t where something else was expected.
func (p *parser) unexpected(t token, want string) error {
	if t.Kind == tEOF {
		return p.errAt(t, "unexpected end of formula, expected %s", want)
	}
	if t.Kind == tString {
		return p.errAt(t, "unexpected string %s (strings belong in --if filters)", t)
	}
	return p.errAt(t, "unexpected %q", t.String())
}

func (p *parser) formula() (*Formula, error) {
	f := &Formula{Intercept: true}
	yt := p.peek()
	ys, err := p.terms()
	if err != nil {
		return nil, err
	}
	if len(ys) != 1 {
		return nil, p.errAt(yt, "the dependent variable must be a single variable, %q expands to %d terms", yt.Text, len(ys))
	}
	f.Y = ys[0]
	if !p.isPunct("~") {
		return nil, p.unexpected(p.peek(), `"~" after the dependent variable`)
	}
	p.next()
	if err := p.rhs(f); err != nil {
		return nil, err
	}
	seenFE, seenIV := false, false
	for p.isPunct("|") {
		bar := p.next()
		if seenIV {
			return nil, p.errAt(bar, "unexpected \"|\": the IV part (endogenous ~ instruments) must be the last section")
		}
		if p.sectionHasTilde() {
			if err := p.iv(f); err != nil {
				return nil, err
			}
			seenIV = true
			continue
		}
		if seenFE {
			return nil, p.errAt(bar, "unexpected \"|\": only one fixed-effects section is allowed (join fixed effects with +)")
		}
		if err := p.fixedEffects(f); err != nil {
			return nil, err
		}
		seenFE = true
	}
	if t := p.peek(); t.Kind != tEOF {
		return nil, p.unexpected(t, "")
	}
	return f, nil
}

// sectionHasTilde reports whether a "~" occurs before the next "|" or the end.
func (p *parser) sectionHasTilde() bool {
	for _, t := range p.toks[p.pos:] {
		if t.Kind == tPunct && t.Text == "|" {
			return false
		}
		if t.Kind == tPunct && t.Text == "~" {
			return true
		}
	}
	return false
}

// rhs parses the exogenous part: terms joined by +, with 0/1 constants.
func (p *parser) rhs(f *Formula) error {
	seen := map[string]bool{}
	first := true
	for {
		sign := "+"
		if t := p.peek(); t.Kind == tPunct && (t.Text == "+" || t.Text == "-") {
			if first && t.Text == "+" {
				return p.unexpected(t, "")
			}
			sign = p.next().Text
		} else if !first {
			break
		}
		first = false
		t := p.peek()
		if t.Kind == tNumber {
			p.next()
			switch {
			case t.Text == "1" && sign == "-", t.Text == "0" && sign == "+":
				f.Intercept = false
			case t.Text == "1" && sign == "+":
			default:
				return p.errAt(t, "unexpected number %s (only \"+ 0\" or \"- 1\", which drop the intercept, and \"+ 1\" may appear)", t.Text)
			}
			continue
		}
		if sign == "-" {
			return p.errAt(t, "only the intercept can be removed with \"-\" (write \"- 1\"); drop %s from the formula instead", t)
		}
		ts, err := p.terms()
		if err != nil {
			return err
		}
		for _, term := range ts {
			if term.Name() == f.Y.Name() {
				return p.errAt(t, "%s is both the dependent variable and a regressor", term.Name())
			}
			if seen[term.Name()] {
				return p.errAt(t, "duplicate regressor %s", term.Name())
			}
			seen[term.Name()] = true
			f.X = append(f.X, term)
		}
	}
	return nil
}

// termList parses terms joined by "+" (no constants).
func (p *parser) termList(what string) ([]Term, error) {
	var out []Term
	seen := map[string]bool{}
	for {
		t := p.peek()
		ts, err := p.terms()
		if err != nil {
			return nil, err
		}
		for _, term := range ts {
			if seen[term.Name()] {
				return nil, p.errAt(t, "duplicate %s %s", what, term.Name())
			}
			seen[term.Name()] = true
			out = append(out, term)
		}
		if !p.isPunct("+") {
			return out, nil
		}
		p.next()
	}
}

func (p *parser) iv(f *Formula) error {
	start := p.peek()
	endo, err := p.termList("endogenous variable")
	if err != nil {
		return err
	}
	if !p.isPunct("~") {
		return p.unexpected(p.peek(), `"~" between the endogenous variables and the instruments`)
	}
	p.next()
	inst, err := p.termList("instrument")
	if err != nil {
		return err
	}
	if t := p.peek(); t.Kind != tEOF && !(t.Kind == tPunct && t.Text == "|") {
		return p.unexpected(t, "")
	}
	exo := map[string]bool{f.Y.Name(): true}
	for _, x := range f.X {
		exo[x.Name()] = true
	}
	for _, e := range endo {
		if exo[e.Name()] {
			return p.errAt(start, "%s is listed both as exogenous (or dependent) and as endogenous", e.Name())
		}
	}
	isEndo := map[string]bool{}
	for _, e := range endo {
		isEndo[e.Name()] = true
	}
	for _, z := range inst {
		if exo[z.Name()] || isEndo[z.Name()] {
			return p.errAt(start, "instrument %s is also a variable of the model; excluded instruments must not appear elsewhere", z.Name())
		}
	}
	f.Endo, f.Inst = endo, inst
	return nil
}

func (p *parser) fixedEffects(f *Formula) error {
	seen := map[string]bool{}
	for {
		t := p.peek()
		var parts []string
		for {
			v := p.next()
			if v.Kind != tIdent {
				return p.unexpected(v, "a fixed-effect variable")
			}
			if p.isPunct(".") || p.isPunct("(") {
				return p.errAt(v, "time-series operators are not allowed on fixed effects (%s)", v)
			}
			parts = append(parts, v.Text)
			if !p.isPunct("^") {
				break
			}
			p.next()
		}
		key := strings.Join(parts, "^")
		if seen[key] {
			return p.errAt(t, "duplicate fixed effect %s", key)
		}
		seen[key] = true
		f.FE = append(f.FE, parts)
		if !p.isPunct("+") {
			return nil
		}
		p.next()
	}
}

// terms parses one variable, with an optional operator, returning the terms
// it expands to (several for a range L(1/3).x).
func (p *parser) terms() ([]Term, error) {
	t := p.next()
	if t.Kind != tIdent {
		return nil, p.unexpected(t, "a variable name")
	}
	if !p.isPunct(".") && !p.isPunct("(") {
		return []Term{{Var: t.Text}}, nil
	}
	// t is an operator: L, L2, F, D, ... or L(a/b).
	op, order, ok := parseOp(t.Text)
	if (!ok || t.Quoted) && p.isPunct("(") {
		return nil, p.errAt(t, "functions such as %s(...) are not supported in formulas; create the variable as a column first", t)
	}
	if !ok || t.Quoted {
		return nil, p.errAt(t, "unknown time-series operator %q (use L, F or D with an optional order: L.x, L2.x, L(1/3).x)", t.Text)
	}
	lo, hi := order, order
	if p.isPunct("(") {
		open := p.next()
		if t.Text != op[:1] && strings.ToUpper(t.Text) != op {
			return nil, p.errAt(open, "unexpected \"(\" after %s (write either %s.x or %s(a/b).x)", t.Text, t.Text, op)
		}
		var err error
		if lo, err = p.order(); err != nil {
			return nil, err
		}
		hi = lo
		if p.isPunct("/") {
			p.next()
			if hi, err = p.order(); err != nil {
				return nil, err
			}
		}
		if !p.isPunct(")") {
			return nil, p.unexpected(p.peek(), `")"`)
		}
		p.next()
		if hi < lo {
			return nil, p.errAt(open, "empty operator range %d/%d (write the smaller order first)", lo, hi)
		}
		if hi-lo+1 > maxRangeSize {
			return nil, p.errAt(open, "operator range %d/%d has more than %d terms", lo, hi, maxRangeSize)
		}
	}
	if !p.isPunct(".") {
		return nil, p.unexpected(p.peek(), `"." between the operator and the variable`)
	}
	p.next()
	v := p.next()
	if v.Kind != tIdent {
		return nil, p.unexpected(v, "a variable name after the operator")
	}
	if p.isPunct(".") || p.isPunct("(") {
		return nil, p.errAt(v, "combined operators such as L.D.x are not supported; create the variable first")
	}
	out := make([]Term, 0, hi-lo+1)
	for k := lo; k <= hi; k++ {
		if k == 0 {
			out = append(out, Term{Var: v.Text})
		} else {
			out = append(out, Term{Var: v.Text, Op: op, Lag: k})
		}
	}
	return out, nil
}

// order parses a non-negative operator order inside L(a/b).
func (p *parser) order() (int, error) {
	t := p.next()
	if t.Kind != tNumber {
		return 0, p.unexpected(t, "an operator order")
	}
	k, err := strconv.Atoi(t.Text)
	if err != nil || k < 0 || k > maxOrder {
		return 0, p.errAt(t, "operator order %s is not an integer between 0 and %d", t.Text, maxOrder)
	}
	return k, nil
}

// parseOp splits an operator token: "L" → ("L", 1), "L2" → ("L", 2),
// "l" → ("L", 1), "F0" → ("F", 0).
func parseOp(s string) (op string, order int, ok bool) {
	if s == "" {
		return "", 0, false
	}
	switch s[0] {
	case 'L', 'l':
		op = "L"
	case 'F', 'f':
		op = "F"
	case 'D', 'd':
		op = "D"
	default:
		return "", 0, false
	}
	if len(s) == 1 {
		return op, 1, true
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return "", 0, false
		}
	}
	k, err := strconv.Atoi(s[1:])
	if err != nil || k > maxOrder {
		return "", 0, false
	}
	return op, k, true
}

// String returns the formula in canonical form, which Parse reads back to the
// same Formula (ranges are written out term by term, names that are not
// identifiers are backquoted).
func (f *Formula) String() string {
	var b strings.Builder
	b.WriteString(termString(f.Y))
	b.WriteString(" ~ ")
	switch {
	case len(f.X) == 0 && f.Intercept:
		b.WriteString("1")
	case len(f.X) == 0:
		b.WriteString("0")
	default:
		writeTerms(&b, f.X)
		if !f.Intercept {
			b.WriteString(" - 1")
		}
	}
	if len(f.FE) > 0 {
		b.WriteString(" | ")
		for i, fe := range f.FE {
			if i > 0 {
				b.WriteString(" + ")
			}
			for j, v := range fe {
				if j > 0 {
					b.WriteString("^")
				}
				b.WriteString(quoteName(v))
			}
		}
	}
	if len(f.Endo) > 0 || len(f.Inst) > 0 {
		b.WriteString(" | ")
		writeTerms(&b, f.Endo)
		b.WriteString(" ~ ")
		writeTerms(&b, f.Inst)
	}
	return b.String()
}

func writeTerms(b *strings.Builder, ts []Term) {
	for i, t := range ts {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString(termString(t))
	}
}

// termString is Term.Name with the variable quoted when needed.
func termString(t Term) string {
	if t.Op == "" || t.Lag == 0 {
		return quoteName(t.Var)
	}
	return Term{Op: t.Op, Lag: t.Lag}.Name() + quoteName(t.Var)
}

// FEName returns the name of fixed effect i as written: "id", "country^year".
func (f *Formula) FEName(i int) string { return strings.Join(f.FE[i], "^") }

// Vars returns every table column the formula reads (dependent variable,
// regressors, IV part and fixed effects), each once, in order of appearance.
func (f *Formula) Vars() []string {
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	add(f.Y.Var)
	for _, t := range f.X {
		add(t.Var)
	}
	for _, t := range f.Endo {
		add(t.Var)
	}
	for _, t := range f.Inst {
		add(t.Var)
	}
	for _, fe := range f.FE {
		for _, v := range fe {
			add(v)
		}
	}
	return out
}

// HasOperators reports whether any term uses a time-series operator.
func (f *Formula) HasOperators() bool {
	for _, ts := range [][]Term{{f.Y}, f.X, f.Endo, f.Inst} {
		for _, t := range ts {
			if t.Op != "" {
				return true
			}
		}
	}
	return false
}
