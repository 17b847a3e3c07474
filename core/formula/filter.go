package formula

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/wiodlab/wiodlab/core/table"
)

// Filter is a parsed sample filter in Stata's `if` syntax, e.g.
//
//	year != 2008
//	tech == "high" & !(country == "USA" | year < 2003)
//
// Grammar: comparisons (== != ~= < <= > >=) between columns, numbers, quoted
// strings and the missing value "."; combined with & (and), | (or), ! or ~
// (not) and parentheses; && and || are accepted as & and |. A bare numeric
// column means "column != 0", as in Stata. Three of Stata's functions are
// available: missing(a, ...) (any argument missing; "" counts as missing),
// inlist(z, a, b, ...) (z equals one of them) and inrange(z, a, b)
// (a ≤ z ≤ b; false when z is missing, a missing bound is unbounded).
//
// Missing values follow Stata: a missing number is larger than every number
// (so `x > 5` is true where x is missing — write `x > 5 & x != .` to exclude
// them) and equal to "."; a missing string is the empty string "" and also
// equals ".".
type Filter struct {
	root   fnode
	Source string
}

// fnode is a node of a filter expression.
type fnode interface{ String() string }

type fbinary struct {
	op   string // "&" or "|"
	l, r fnode
}

type fnot struct{ x fnode }

type fcmp struct {
	op   string // == != < <= > >=
	l, r foperand
}

// fcall is one of Stata's functions missing(), inlist(), inrange().
type fcall struct {
	name string
	args []foperand
	col  int
}

func (c fcall) String() string {
	parts := make([]string, len(c.args))
	for i, a := range c.args {
		parts[i] = a.String()
	}
	return c.name + "(" + strings.Join(parts, ", ") + ")"
}

// ftruth is a bare operand used as a condition.
type ftruth struct{ x foperand }

type foperand struct {
	kind byte // 'v' column, 'n' number, 's' string, '.' missing
	name string
	num  float64
	str  string
	col  int // source column, for errors
}

func (b fbinary) String() string { return "(" + b.l.String() + " " + b.op + " " + b.r.String() + ")" }
func (n fnot) String() string {
	if _, ok := n.x.(fcmp); ok {
		return "!(" + n.x.String() + ")"
	}
	return "!" + n.x.String()
}
func (c fcmp) String() string   { return c.l.String() + " " + c.op + " " + c.r.String() }
func (t ftruth) String() string { return t.x.String() }

func (o foperand) String() string {
	switch o.kind {
	case 'v':
		return quoteName(o.name)
	case 'n':
		return strconv.FormatFloat(o.num, 'g', -1, 64)
	case 's':
		return quoteFilterString(o.str)
	}
	return "."
}

// quoteFilterString writes s between double quotes, escaping \ and ".
func quoteFilterString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// String returns the filter in canonical, fully parenthesised form; ParseFilter
// reads it back to the same filter.
func (f *Filter) String() string { return f.root.String() }

// ParseFilter parses a sample filter; errors are *Error values pointing at the
// offending token.
func ParseFilter(s string) (*Filter, error) {
	toks, err := lex("filter", s)
	if err != nil {
		return nil, err
	}
	p := &fparser{parser{src: s, toks: toks}}
	if p.peek().Kind == tEOF {
		return nil, p.ferr(p.peek(), "empty filter")
	}
	root, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.Kind != tEOF {
		return nil, p.funexpected(t)
	}
	return &Filter{root: root, Source: s}, nil
}

type fparser struct{ parser }

// maxDepth bounds parenthesis and negation nesting.
const maxDepth = 200

func (p *fparser) ferr(t token, format string, args ...any) error {
	return &Error{Kind: "filter", Source: p.src, Col: t.Col, Msg: fmt.Sprintf(format, args...)}
}

func (p *fparser) funexpected(t token) error {
	switch {
	case t.Kind == tEOF:
		return p.ferr(t, "unexpected end of filter")
	case t.Kind == tPunct && t.Text == "=":
		return p.ferr(t, "unexpected \"=\" (write == to compare)")
	}
	return p.ferr(t, "unexpected %q", t.String())
}

func (p *fparser) or(depth int) (fnode, error) {
	l, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	for p.isPunct("|") || p.isPunct("||") {
		p.next()
		r, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		l = fbinary{op: "|", l: l, r: r}
	}
	return l, nil
}

func (p *fparser) and(depth int) (fnode, error) {
	l, err := p.not(depth)
	if err != nil {
		return nil, err
	}
	for p.isPunct("&") || p.isPunct("&&") {
		p.next()
		r, err := p.not(depth)
		if err != nil {
			return nil, err
		}
		l = fbinary{op: "&", l: l, r: r}
	}
	return l, nil
}

func (p *fparser) not(depth int) (fnode, error) {
	if depth > maxDepth {
		return nil, p.ferr(p.peek(), "filter nested deeper than %d levels", maxDepth)
	}
	if p.isPunct("!") || p.isPunct("~") {
		bang := p.next()
		if p.isCall() {
			c, err := p.call()
			if err != nil {
				return nil, err
			}
			return fnot{c}, nil
		}
		if t := p.peek(); t.Kind != tPunct || t.Text == "." || t.Text == "-" {
			// In Stata ! binds tighter than comparisons: !x == 1 is (!x) == 1.
			// Rather than guess, ask for parentheses.
			o, err := p.operand()
			if err != nil {
				return nil, err
			}
			if c := p.peek(); c.Kind == tPunct && isRelOp(c.Text) {
				return nil, p.ferr(bang, "ambiguous negation: write !(%s %s ...) to negate the comparison", o, c.Text)
			}
			return fnot{ftruth{o}}, nil
		}
		x, err := p.not(depth + 1)
		if err != nil {
			return nil, err
		}
		return fnot{x}, nil
	}
	if p.isPunct("(") {
		p.next()
		x, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if !p.isPunct(")") {
			return nil, p.funexpected(p.peek())
		}
		p.next()
		return x, nil
	}
	if p.isCall() {
		return p.call()
	}
	l, err := p.operand()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if t.Kind != tPunct {
		return ftruth{l}, nil
	}
	op := t.Text
	switch op {
	case "==", "!=", "<", "<=", ">", ">=":
	case "~=":
		op = "!="
	default:
		if op == "=" {
			return nil, p.funexpected(t)
		}
		return ftruth{l}, nil
	}
	p.next()
	r, err := p.operand()
	if err != nil {
		return nil, err
	}
	return fcmp{op: op, l: l, r: r}, nil
}

// isCall reports whether a function call starts here: a name followed by "(".
func (p *fparser) isCall() bool {
	t := p.peek()
	if t.Kind != tIdent || t.Quoted {
		return false
	}
	n := p.toks[p.pos+1]
	return n.Kind == tPunct && n.Text == "("
}

// call parses missing(a, ...), inlist(z, a, ...) or inrange(z, a, b).
func (p *fparser) call() (fnode, error) {
	name := p.next()
	minArgs, maxArgs := 0, 0
	switch name.Text {
	case "missing":
		minArgs, maxArgs = 1, 1000
	case "inlist":
		minArgs, maxArgs = 2, 1000
	case "inrange":
		minArgs, maxArgs = 3, 3
	default:
		return nil, p.ferr(name, "unknown function %s() (filters know missing(), inlist() and inrange())", name.Text)
	}
	p.next() // "("
	c := fcall{name: name.Text, col: name.Col}
	for {
		o, err := p.operand()
		if err != nil {
			return nil, err
		}
		c.args = append(c.args, o)
		if p.isPunct(",") {
			p.next()
			continue
		}
		if !p.isPunct(")") {
			return nil, p.funexpected(p.peek())
		}
		p.next()
		break
	}
	if len(c.args) < minArgs || len(c.args) > maxArgs {
		want := fmt.Sprintf("at least %d arguments", minArgs)
		if minArgs == maxArgs {
			want = fmt.Sprintf("%d arguments", minArgs)
		}
		return nil, p.ferr(name, "%s() takes %s, got %d", name.Text, want, len(c.args))
	}
	return c, nil
}

func (p *fparser) operand() (foperand, error) {
	t := p.next()
	switch {
	case t.Kind == tIdent:
		return foperand{kind: 'v', name: t.Text, col: t.Col}, nil
	case t.Kind == tString:
		return foperand{kind: 's', str: t.Text, col: t.Col}, nil
	case t.Kind == tNumber:
		return p.number(t, 1)
	case t.Kind == tPunct && t.Text == ".":
		return foperand{kind: '.', col: t.Col}, nil
	case t.Kind == tPunct && t.Text == "-":
		n := p.next()
		if n.Kind != tNumber {
			return foperand{}, p.funexpected(n)
		}
		o, err := p.number(n, -1)
		o.col = t.Col
		return o, err
	}
	return foperand{}, p.funexpected(t)
}

func (p *fparser) number(t token, sign float64) (foperand, error) {
	v, err := strconv.ParseFloat(t.Text, 64)
	if err != nil || math.IsInf(v, 0) {
		return foperand{}, p.ferr(t, "invalid number %q", t.Text)
	}
	return foperand{kind: 'n', num: sign * v, col: t.Col}, nil
}

// Eval evaluates the filter on every row of t and returns which rows pass.
// Errors name unknown columns (listing the available ones) and comparisons
// between a string column and a number.
func (f *Filter) Eval(t *table.Table) ([]bool, error) {
	ev, err := f.compile(t, f.root)
	if err != nil {
		return nil, err
	}
	out := make([]bool, t.NRows())
	for i := range out {
		out[i] = ev(i)
	}
	return out, nil
}

func (f *Filter) errAt(col int, format string, args ...any) error {
	return &Error{Kind: "filter", Source: f.Source, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// compile type-checks node n against t and returns its row predicate.
func (f *Filter) compile(t *table.Table, n fnode) (func(int) bool, error) {
	switch n := n.(type) {
	case fbinary:
		l, err := f.compile(t, n.l)
		if err != nil {
			return nil, err
		}
		r, err := f.compile(t, n.r)
		if err != nil {
			return nil, err
		}
		if n.op == "&" {
			return func(i int) bool { return l(i) && r(i) }, nil
		}
		return func(i int) bool { return l(i) || r(i) }, nil
	case fnot:
		x, err := f.compile(t, n.x)
		if err != nil {
			return nil, err
		}
		return func(i int) bool { return !x(i) }, nil
	case ftruth:
		if n.x.kind == 's' || n.x.kind == 'v' && t.Col(n.x.name) != nil && t.Col(n.x.name).Kind == table.String {
			return nil, f.errAt(n.x.col, "%s is a string and cannot be used as a condition by itself (compare it: %s == \"...\")", n.x, n.x)
		}
		return f.compile(t, fcmp{op: "!=", l: n.x, r: foperand{kind: 'n', num: 0, col: n.x.col}})
	case fcmp:
		return f.compileCmp(t, n)
	case fcall:
		return f.compileCall(t, n)
	}
	panic("formula: unknown filter node")
}

// value is an operand bound to a table: a function of the row.
type value struct {
	str  bool // string-typed
	miss bool // the literal "."
	num  func(i int) float64
	text func(i int) (string, bool) // value, missing
}

func (f *Filter) bind(t *table.Table, o foperand) (value, error) {
	switch o.kind {
	case 'n':
		v := o.num
		return value{num: func(int) float64 { return v }}, nil
	case 's':
		s := o.str
		return value{str: true, text: func(int) (string, bool) { return s, false }}, nil
	case '.':
		return value{miss: true}, nil
	}
	c := t.Col(o.name)
	if c == nil {
		return value{}, f.errAt(o.col, "unknown variable %q (columns: %s)", o.name, listNames(t.Names()))
	}
	if c.Kind == table.String {
		return value{str: true, text: func(i int) (string, bool) { return c.S[i], c.IsMissing(i) }}, nil
	}
	return value{num: func(i int) float64 { return c.F[i] }}, nil
}

func (f *Filter) compileCmp(t *table.Table, c fcmp) (func(int) bool, error) {
	l, err := f.bind(t, c.l)
	if err != nil {
		return nil, err
	}
	r, err := f.bind(t, c.r)
	if err != nil {
		return nil, err
	}
	want := cmpWant(c.op)
	switch {
	case l.miss && r.miss:
		eq := want(0)
		return func(int) bool { return eq }, nil
	case l.str || r.str:
		if !l.str && !l.miss || !r.str && !r.miss {
			bad, other := c.l, c.r
			if l.str {
				bad, other = c.r, c.l
			}
			return nil, f.errAt(bad.col, "type mismatch: %s is numeric but %s is a string (quote numbers only when the column holds text)", bad, other)
		}
		if l.miss || r.miss {
			if c.op != "==" && c.op != "!=" {
				o := c.l
				if r.miss {
					o = c.r
				}
				return nil, f.errAt(o.col, "a string can only be compared with . by == or !=")
			}
			v := l
			if l.miss {
				v = r
			}
			eq := c.op == "=="
			return func(i int) bool { _, m := v.text(i); return m == eq }, nil
		}
		return func(i int) bool {
			a, am := l.text(i)
			b, bm := r.text(i)
			if am {
				a = "" // Stata: a missing string is ""
			}
			if bm {
				b = ""
			}
			return want(strings.Compare(a, b))
		}, nil
	}
	ln, rn := l.num, r.num
	if l.miss {
		ln = func(int) float64 { return math.NaN() }
	}
	if r.miss {
		rn = func(int) float64 { return math.NaN() }
	}
	return func(i int) bool { return want(cmpStata(ln(i), rn(i))) }, nil
}

func (f *Filter) compileCall(t *table.Table, c fcall) (func(int) bool, error) {
	switch c.name {
	case "missing":
		var preds []func(int) bool
		for _, a := range c.args {
			v, err := f.bind(t, a)
			if err != nil {
				return nil, err
			}
			switch {
			case v.miss:
				preds = append(preds, func(int) bool { return true })
			case v.str:
				// Stata: a string is missing when it is "".
				preds = append(preds, func(i int) bool { s, m := v.text(i); return m || s == "" })
			default:
				preds = append(preds, func(i int) bool { return math.IsNaN(v.num(i)) })
			}
		}
		return anyOf(preds), nil
	case "inlist":
		var preds []func(int) bool
		for _, a := range c.args[1:] {
			p, err := f.compileCmp(t, fcmp{op: "==", l: c.args[0], r: a})
			if err != nil {
				return nil, err
			}
			preds = append(preds, p)
		}
		return anyOf(preds), nil
	}
	// inrange(z, a, b): Stata's rules: missing z gives false (unlike
	// z >= a & z <= b; Statalist, N. Winter, 25 Feb 2003, "inrange()
	// function"); a missing a is -infinity and a missing b +infinity.
	vs := make([]value, 3)
	for k, a := range c.args {
		v, err := f.bind(t, a)
		if err != nil {
			return nil, err
		}
		vs[k] = v
	}
	str := vs[0].str || vs[1].str || vs[2].str
	for k, v := range vs {
		if !v.miss && v.str != str {
			return nil, f.errAt(c.args[k].col, "type mismatch in inrange(): mix of numbers and strings")
		}
	}
	if str {
		get := func(v value, i int) (string, bool) {
			if v.miss {
				return "", true
			}
			s, m := v.text(i)
			return s, m || s == ""
		}
		return func(i int) bool {
			z, zm := get(vs[0], i)
			a, am := get(vs[1], i)
			b, bm := get(vs[2], i)
			return !zm && (am || a <= z) && (bm || z <= b)
		}, nil
	}
	get := func(v value, i int) float64 {
		if v.miss {
			return math.NaN()
		}
		return v.num(i)
	}
	return func(i int) bool {
		z, a, b := get(vs[0], i), get(vs[1], i), get(vs[2], i)
		return !math.IsNaN(z) && (math.IsNaN(a) || a <= z) && (math.IsNaN(b) || z <= b)
	}, nil
}

func anyOf(preds []func(int) bool) func(int) bool {
	return func(i int) bool {
		for _, p := range preds {
			if p(i) {
				return true
			}
		}
		return false
	}
}

// cmpStata compares two numbers with Stata's rule that missing (NaN) is
// larger than every number, +Inf included, and equal to itself.
func cmpStata(a, b float64) int {
	an, bn := math.IsNaN(a), math.IsNaN(b)
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpWant(op string) func(int) bool {
	switch op {
	case "==":
		return func(c int) bool { return c == 0 }
	case "!=":
		return func(c int) bool { return c != 0 }
	case "<":
		return func(c int) bool { return c < 0 }
	case "<=":
		return func(c int) bool { return c <= 0 }
	case ">":
		return func(c int) bool { return c > 0 }
	case ">=":
		return func(c int) bool { return c >= 0 }
	}
	panic("formula: unknown comparison " + op)
}

// Vars returns the columns the filter reads, each once.
func (f *Filter) Vars() []string {
	var out []string
	seen := map[string]bool{}
	var walk func(fnode)
	add := func(o foperand) {
		if o.kind == 'v' && !seen[o.name] {
			seen[o.name] = true
			out = append(out, o.name)
		}
	}
	walk = func(n fnode) {
		switch n := n.(type) {
		case fbinary:
			walk(n.l)
			walk(n.r)
		case fnot:
			walk(n.x)
		case fcmp:
			add(n.l)
			add(n.r)
		case ftruth:
			add(n.x)
		case fcall:
			for _, a := range n.args {
				add(a)
			}
		}
	}
	walk(f.root)
	return out
}

// listNames lists column names for an error message, sorted, at most 30.
func listNames(names []string) string {
	s := append([]string(nil), names...)
	sort.Strings(s)
	if len(s) > 30 {
		s = append(s[:30], fmt.Sprintf("... (%d more)", len(names)-30))
	}
	return strings.Join(s, ", ")
}

func isRelOp(s string) bool {
	switch s {
	case "==", "!=", "~=", "<", "<=", ">", ">=":
		return true
	}
	return false
}
