package dpd

import (
	"fmt"
	"strconv"
	"strings"
)

// Term is one variable under Stata time-series operators: the Diff-th
// difference of Var, taken Lag periods back (a negative Lag is a lead). L2.n is
// {Var: "n", Lag: 2}, D.w is {Var: "w", Diff: 1}, LD.k is {Var: "k", Lag: 1, Diff: 1}.
type Term struct {
	Var  string
	Lag  int
	Diff int
}

// Name returns the Stata spelling of the term: n, L.n, L2.n, F.n, D.n, LD.n, L2D2.n.
func (t Term) Name() string {
	var b strings.Builder
	switch {
	case t.Lag == 1:
		b.WriteString("L")
	case t.Lag > 1:
		b.WriteString("L" + strconv.Itoa(t.Lag))
	case t.Lag == -1:
		b.WriteString("F")
	case t.Lag < -1:
		b.WriteString("F" + strconv.Itoa(-t.Lag))
	}
	switch {
	case t.Diff == 1:
		b.WriteString("D")
	case t.Diff > 1:
		b.WriteString("D" + strconv.Itoa(t.Diff))
	}
	if b.Len() == 0 {
		return t.Var
	}
	return b.String() + "." + t.Var
}

// ParseTerms reads a Stata varlist with time-series operators, such as
// "L.n L2.n w L.w L(0/2).(k ys) D.x". Operators are L (lag), F (lead) and D
// (difference), each with an optional count (L2) or, for L and F, a range
// (L(0/2)); operators may be chained (LD.n) and applied to a parenthesised list
// of variables. The expansion order is Stata's: variables outer, lags inner.
// A variable may be written log(x) or ln(x) for the natural log of column x.
func ParseTerms(s string) ([]Term, error) {
	toks, err := splitTokens(s)
	if err != nil {
		return nil, err
	}
	var out []Term
	for _, tok := range toks {
		ts, err := parseToken(tok)
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
	}
	return out, nil
}

// splitTokens splits s at blanks (and commas) outside parentheses.
func splitTokens(s string) ([]string, error) {
	var toks []string
	depth, start := 0, -1
	for i, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
			if depth < 0 {
				return nil, fmt.Errorf("dpd: unbalanced ')' at column %d of %q", i+1, s)
			}
		}
		blank := depth == 0 && (r == ' ' || r == '\t' || r == '\n' || r == ',')
		if blank {
			if start >= 0 {
				toks = append(toks, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if depth != 0 {
		return nil, fmt.Errorf("dpd: unbalanced '(' in %q", s)
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks, nil
}

func validName(v string) bool {
	if inner, ok := logOf(v); ok {
		return validName(inner)
	}
	if v == "" {
		return false
	}
	for i, r := range v {
		ok := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}

// logOf reports whether v is log(x) or ln(x) and returns x: a Term's Var may
// be the natural log of a column, as in plm's log(emp).
func logOf(v string) (string, bool) {
	for _, f := range []string{"log(", "ln("} {
		if strings.HasPrefix(v, f) && strings.HasSuffix(v, ")") {
			return v[len(f) : len(v)-1], true
		}
	}
	return "", false
}

// parseToken expands one token such as "L(0/2).(k ys)".
func parseToken(tok string) ([]Term, error) {
	dot := strings.LastIndex(tok, ".")
	// A dot inside the variable list's parentheses cannot occur in valid input;
	// the operator part is everything before the last dot that precedes the vars.
	if strings.HasSuffix(tok, ")") {
		if i := strings.Index(tok, ".("); i >= 0 {
			dot = i
		}
	}
	opPart, varPart := "", tok
	if dot >= 0 {
		opPart, varPart = tok[:dot], tok[dot+1:]
	}
	var vars []string
	if strings.HasPrefix(varPart, "(") && strings.HasSuffix(varPart, ")") {
		inner, err := splitTokens(varPart[1 : len(varPart)-1])
		if err != nil {
			return nil, err
		}
		vars = inner
	} else {
		vars = []string{varPart}
	}
	for _, v := range vars {
		if !validName(v) {
			return nil, fmt.Errorf("dpd: %q in term %q is not a variable name (letters, digits, _; operators L., L2., F., D., L(0/2).)", v, tok)
		}
	}
	lags, diff, err := parseOps(opPart, tok)
	if err != nil {
		return nil, err
	}
	var out []Term
	for _, v := range vars {
		for _, l := range lags {
			out = append(out, Term{Var: v, Lag: l, Diff: diff})
		}
	}
	return out, nil
}

// maxLag bounds operator counts and lag ranges: dynamic panels have short T.
const maxLag = 1000

// parseOps reads an operator string such as "L2D", "L(0/2)" or "F".
func parseOps(ops, tok string) (lags []int, diff int, err error) {
	lags = []int{0}
	bad := func(msg string) error {
		return fmt.Errorf("dpd: operator %q in term %q: %s (use L, L2, F, D or L(a/b))", ops, tok, msg)
	}
	for i := 0; i < len(ops); {
		if ops[i] == '.' && i > 0 && i < len(ops)-1 { // chained: L.D.n
			i++
			continue
		}
		c := ops[i] | 0x20 // lower case
		i++
		if c != 'l' && c != 'f' && c != 'd' {
			return nil, 0, bad(fmt.Sprintf("unknown operator %q", ops[i-1]))
		}
		lo, hi := 1, 1
		if i < len(ops) && ops[i] == '(' {
			end := strings.IndexByte(ops[i:], ')')
			if end < 0 || c == 'd' {
				return nil, 0, bad("bad range")
			}
			parts := strings.Split(ops[i+1:i+end], "/")
			if len(parts) != 2 {
				return nil, 0, bad("a range reads (a/b)")
			}
			a, e1 := strconv.Atoi(strings.TrimSpace(parts[0]))
			b, e2 := strconv.Atoi(strings.TrimSpace(parts[1]))
			if e1 != nil || e2 != nil || a < 0 || b < a || b > maxLag {
				return nil, 0, bad(fmt.Sprintf("a range reads (a/b) with 0 <= a <= b <= %d", maxLag))
			}
			lo, hi = a, b
			i += end + 1
		} else {
			j := i
			for j < len(ops) && ops[j] >= '0' && ops[j] <= '9' {
				j++
			}
			if j > i {
				n, err := strconv.Atoi(ops[i:j])
				if err != nil || n > maxLag {
					return nil, 0, bad(fmt.Sprintf("count above %d", maxLag))
				}
				lo, hi = n, n
			}
			i = j
		}
		if len(lags)*(hi-lo+1) > maxLag {
			return nil, 0, bad("too many lags")
		}
		switch c {
		case 'd':
			diff += lo
		default:
			sign := 1
			if c == 'f' {
				sign = -1
			}
			var next []int
			for _, l := range lags {
				for k := lo; k <= hi; k++ {
					next = append(next, l+sign*k)
				}
			}
			lags = next
		}
	}
	return lags, diff, nil
}
