package dpd

import (
	"fmt"
	"strconv"
	"strings"
)

// Equation says which equation of the system an instrument set serves.
type Equation int

const (
	// Both: the differenced and the level equation (xtabond2's default).
	Both Equation = iota
	// Diff: the transformed (first-differenced) equation only.
	Diff
	// Level: the level equation of system GMM only.
	Level
)

func (e Equation) String() string {
	switch e {
	case Diff:
		return "diff"
	case Level:
		return "level"
	}
	return "both"
}

// NoLimit as GMMStyle.LagMax means "as far back as the data go" (xtabond2's ".").
const NoLimit = -1

// GMMStyle is one xtabond2 gmmstyle() set: for each variable, the levels
// lagged LagMin..LagMax instrument the differenced equation, one column per
// period and lag (or per lag when collapsed); in system GMM the difference
// lagged LagMin-1 instruments the level equation, one column per period (or
// one column when collapsed). Missing values become zeros.
type GMMStyle struct {
	Vars     []Term
	LagMin   int // xtabond2 default 1
	LagMax   int // NoLimit for "."
	Collapse bool
	Eq       Equation
}

// IVStyle is one xtabond2 ivstyle() set: one column per variable, differenced
// in the differenced equation (unless Passthru) and in levels in the level
// equation. Observations with a missing IV-style instrument leave the sample
// unless MZ (missing to zero) is set.
type IVStyle struct {
	Vars     []Term
	Eq       Equation
	Passthru bool
	MZ       bool
}

// String returns the set in xtabond2 syntax.
func (g GMMStyle) String() string {
	hi := "."
	if g.LagMax != NoLimit {
		hi = strconv.Itoa(g.LagMax)
	}
	s := fmt.Sprintf("gmm(%s, lag(%d %s)", termNames(g.Vars), g.LagMin, hi)
	if g.Collapse {
		s += " collapse"
	}
	if g.Eq != Both {
		s += " eq(" + g.Eq.String() + ")"
	}
	return s + ")"
}

// String returns the set in xtabond2 syntax.
func (v IVStyle) String() string {
	s := "iv(" + termNames(v.Vars)
	var opts []string
	if v.Eq != Both {
		opts = append(opts, "eq("+v.Eq.String()+")")
	}
	if v.Passthru {
		opts = append(opts, "passthru")
	}
	if v.MZ {
		opts = append(opts, "mz")
	}
	if len(opts) > 0 {
		s += ", " + strings.Join(opts, " ")
	}
	return s + ")"
}

func termNames(ts []Term) string {
	n := make([]string, len(ts))
	for i, t := range ts {
		n[i] = t.Name()
	}
	return strings.Join(n, " ")
}

// option is one "name(arg)" or "name" item after the comma of a gmm()/iv() set.
type option struct{ name, arg string }

func splitSet(s string) (vars string, opts []option, err error) {
	vars, rest, _ := strings.Cut(s, ",")
	toks, err := splitTokens(rest)
	if err != nil {
		return "", nil, err
	}
	for _, t := range toks {
		name, arg := t, ""
		if i := strings.IndexByte(t, '('); i >= 0 && strings.HasSuffix(t, ")") {
			name, arg = t[:i], strings.TrimSpace(t[i+1:len(t)-1])
		}
		opts = append(opts, option{strings.ToLower(name), arg})
	}
	return vars, opts, nil
}

// abbrev reports whether name is an abbreviation of full at least min letters long (Stata style).
func abbrev(name, full string, min int) bool {
	return len(name) >= min && len(name) <= len(full) && full[:len(name)] == name
}

func parseEq(arg, set string) (Equation, error) {
	a := strings.ToLower(arg)
	switch {
	case a != "" && abbrev(a, "diff", 1):
		return Diff, nil
	case a != "" && abbrev(a, "level", 1):
		return Level, nil
	case a != "" && abbrev(a, "both", 1):
		return Both, nil
	}
	return 0, fmt.Errorf("dpd: %s: eq(%s) must be diff, level or both", set, arg)
}

// ParseGMM reads a gmmstyle set in xtabond2 syntax, without the gmm( ):
// "n, lag(2 .)", "L.n w k, laglimits(2 4) collapse eq(diff)". The default lag
// range is xtabond2's lag(1 .).
func ParseGMM(s string) (GMMStyle, error) {
	where := fmt.Sprintf("gmm(%s)", strings.TrimSpace(s))
	vars, opts, err := splitSet(s)
	if err != nil {
		return GMMStyle{}, fmt.Errorf("%s: %w", where, err)
	}
	g := GMMStyle{LagMin: 1, LagMax: NoLimit}
	if g.Vars, err = ParseTerms(vars); err != nil {
		return GMMStyle{}, fmt.Errorf("%s: %w", where, err)
	}
	if len(g.Vars) == 0 {
		return GMMStyle{}, fmt.Errorf("dpd: %s: no variables before the comma", where)
	}
	for _, o := range opts {
		switch {
		case abbrev(o.name, "laglimits", 3):
			f := strings.Fields(o.arg)
			if len(f) != 2 {
				return GMMStyle{}, fmt.Errorf("dpd: %s: lag(%s) needs two limits, as in lag(2 .) or lag(2 4)", where, o.arg)
			}
			lo, err := strconv.Atoi(f[0])
			if err != nil || lo < 0 {
				return GMMStyle{}, fmt.Errorf("dpd: %s: lower lag limit %q must be an integer >= 0", where, f[0])
			}
			hi := NoLimit
			if f[1] != "." {
				if hi, err = strconv.Atoi(f[1]); err != nil || hi < lo {
					return GMMStyle{}, fmt.Errorf("dpd: %s: upper lag limit %q must be '.' or an integer >= %d", where, f[1], lo)
				}
			}
			g.LagMin, g.LagMax = lo, hi
		case abbrev(o.name, "collapse", 1) && o.arg == "":
			g.Collapse = true
		case abbrev(o.name, "equation", 2):
			if g.Eq, err = parseEq(o.arg, where); err != nil {
				return GMMStyle{}, err
			}
		default:
			return GMMStyle{}, fmt.Errorf("dpd: %s: unknown option %q (known: lag(a b), collapse, eq(diff|level|both))", where, o.name)
		}
	}
	return g, nil
}

// ParseIV reads an ivstyle set in xtabond2 syntax, without the iv( ):
// "w L.w k", "yr1980 yr1981, eq(level)", "x, passthru mz".
func ParseIV(s string) (IVStyle, error) {
	where := fmt.Sprintf("iv(%s)", strings.TrimSpace(s))
	vars, opts, err := splitSet(s)
	if err != nil {
		return IVStyle{}, fmt.Errorf("%s: %w", where, err)
	}
	var v IVStyle
	if v.Vars, err = ParseTerms(vars); err != nil {
		return IVStyle{}, fmt.Errorf("%s: %w", where, err)
	}
	if len(v.Vars) == 0 {
		return IVStyle{}, fmt.Errorf("dpd: %s: no variables before the comma", where)
	}
	for _, o := range opts {
		switch {
		case abbrev(o.name, "equation", 2):
			if v.Eq, err = parseEq(o.arg, where); err != nil {
				return IVStyle{}, err
			}
		case abbrev(o.name, "passthru", 1) && o.arg == "":
			v.Passthru = true
		case o.name == "mz" && o.arg == "":
			v.MZ = true
		default:
			return IVStyle{}, fmt.Errorf("dpd: %s: unknown option %q (known: eq(diff|level|both), passthru, mz)", where, o.name)
		}
	}
	return v, nil
}
