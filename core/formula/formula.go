package formula

import "strconv"

// Term is one variable of a formula, optionally under a Stata time-series
// operator: L (lag), F (lead) or D (first difference), with order Lag ≥ 1.
type Term struct {
	Var string
	Op  string // "", "L", "F" or "D"
	Lag int    // order of the operator (1 for L., 2 for L2.)
}

// Name returns the Stata name of the term: x, L.x, L2.x, F.x, D.x, D2.x.
func (t Term) Name() string {
	if t.Op == "" {
		return t.Var
	}
	if t.Lag <= 1 {
		return t.Op + "." + t.Var
	}
	return t.Op + strconv.Itoa(t.Lag) + "." + t.Var
}

// Formula is a parsed model `y ~ x1 + x2 | fe1 + fe2^fe3 | endo ~ z1 + z2`.
type Formula struct {
	Y         Term
	X         []Term     // exogenous regressors
	Intercept bool       // true unless "- 1" or "+ 0" is written
	FE        [][]string // fixed effects; each is an interaction of one or more variables (fe1^fe2)
	Endo      []Term     // endogenous regressors (IV part)
	Inst      []Term     // excluded instruments (IV part)
	Source    string     // the text parsed
}
