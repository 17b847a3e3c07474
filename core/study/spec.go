package study

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// PaperSpec is the specification of the paper's tables (paper.json), embedded
// in the binary; users may supply their own file in the same format.
//
//go:embed paper.json
var PaperSpec []byte

// Spec is a replication specification: tables of model columns over one panel.
type Spec struct {
	Title  string            `json:"title" js:"title"`
	Panel  string            `json:"panel" js:"panel"`   // "id,time" of the panel
	Macros map[string]string `json:"macros" js:"macros"` // {name} in formulas expands to the text
	Tables []TableSpec       `json:"tables" js:"tables"`
}

// TableSpec is one table of the paper.
type TableSpec struct {
	ID      string       `json:"id" js:"id"`
	Title   string       `json:"title" js:"title"`
	Show    []string     `json:"show,omitempty" js:"show"`   // coefficients shown (default: all)
	Stats   []string     `json:"stats,omitempty" js:"stats"` // statistics rows shown (default: all)
	Columns []ColumnSpec `json:"columns" js:"columns"`
}

// ColumnSpec is one model. Estimator "reg" uses Formula, Vcov, If and Winsor
// (OLS, fixed effects or 2SLS when the formula has an IV part); "gmm" uses the
// xtabond2-style fields.
type ColumnSpec struct {
	Label     string `json:"label" js:"label"`
	Estimator string `json:"estimator" js:"estimator"`
	Formula   string `json:"formula,omitempty" js:"formula"`
	Vcov      string `json:"vcov,omitempty" js:"vcov"`
	If        string `json:"if,omitempty" js:"if"`
	Winsor    string `json:"winsor,omitempty" js:"winsor"`

	Y           string   `json:"y,omitempty" js:"y"`
	X           string   `json:"x,omitempty" js:"x"`
	GMM         []string `json:"gmm,omitempty" js:"gmm"`
	IV          string   `json:"iv,omitempty" js:"iv"`
	NoLevel     bool     `json:"nolevel,omitempty" js:"nolevel"`
	TwoStep     bool     `json:"twostep,omitempty" js:"twostep"`
	Robust      bool     `json:"robust,omitempty" js:"robust"`
	Collapse    bool     `json:"collapse,omitempty" js:"collapse"`
	TimeDummies bool     `json:"timedummies,omitempty" js:"timedummies"`
}

// ParseSpec reads and validates a specification; name is used in messages.
func ParseSpec(r io.Reader, name string) (*Spec, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var s Spec
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if s.Panel == "" {
		s.Panel = "id,year"
	}
	seen := map[string]bool{}
	for ti := range s.Tables {
		t := &s.Tables[ti]
		if t.ID == "" {
			return nil, fmt.Errorf("%s: table %d has no id", name, ti+1)
		}
		if seen[t.ID] {
			return nil, fmt.Errorf("%s: duplicate table id %q", name, t.ID)
		}
		seen[t.ID] = true
		for ci := range t.Columns {
			c := &t.Columns[ci]
			where := fmt.Sprintf("%s: table %s column %d (%s)", name, t.ID, ci+1, c.Label)
			var err error
			switch c.Estimator {
			case "reg":
				if c.Formula == "" {
					return nil, fmt.Errorf("%s: estimator reg needs a formula", where)
				}
				if c.Formula, err = s.expand(c.Formula); err != nil {
					return nil, fmt.Errorf("%s: %v", where, err)
				}
			case "gmm":
				if c.Y == "" || c.X == "" || len(c.GMM) == 0 {
					return nil, fmt.Errorf("%s: estimator gmm needs y, x and at least one gmm instrument", where)
				}
				if c.X, err = s.expand(c.X); err != nil {
					return nil, fmt.Errorf("%s: %v", where, err)
				}
				if c.IV, err = s.expand(c.IV); err != nil {
					return nil, fmt.Errorf("%s: %v", where, err)
				}
			default:
				return nil, fmt.Errorf("%s: unknown estimator %q (want reg or gmm)", where, c.Estimator)
			}
		}
	}
	return &s, nil
}

// expand replaces {macro} references, where a macro name is a letter or
// underscore followed by letters, digits and underscores; braces around
// anything else are kept as they are. An unknown name is an error.
func (s *Spec) expand(text string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(text); {
		if text[i] == '{' {
			if j := macroEnd(text, i+1); j > 0 {
				name := text[i+1 : j]
				v, ok := s.Macros[name]
				if !ok {
					return "", fmt.Errorf("unknown macro {%s} (defined: %s)", name, strings.Join(keys(s.Macros), ", "))
				}
				b.WriteString(v)
				i = j + 1
				continue
			}
		}
		b.WriteByte(text[i])
		i++
	}
	return b.String(), nil
}

// macroEnd returns the index of the '}' closing a macro name that starts at
// text[i], or -1 when text[i:] does not start with a name and '}'.
func macroEnd(text string, i int) int {
	for j := i; j < len(text); j++ {
		c := text[j]
		switch {
		case c == '}' && j > i:
			return j
		case c == '_' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z':
		case '0' <= c && c <= '9' && j > i:
		default:
			return -1
		}
	}
	return -1
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
