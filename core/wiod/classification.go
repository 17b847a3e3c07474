package wiod

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/wiodlab/wiodlab/core/table"
)

// Classification groups the industry codes of one WIOD release: which
// industries count as digital (the default sector set S of the dependence
// indicators), which as services (servitization, paper eq. 7), which are
// manufacturing, and the technology group of each manufacturing industry.
//
// Code lists hold industry codes only (no country prefix): a set applies to the
// industry in every country.
type Classification struct {
	Name          string            `json:"name" js:"name"`
	Digital       []string          `json:"digital" js:"digital"`
	Services      []string          `json:"services" js:"services"`
	Manufacturing []string          `json:"manufacturing" js:"manufacturing"`
	TechGroup     map[string]string `json:"tech_group" js:"tech_group"` // industry code -> "low" | "midlow" | "high"
}

// Technology groups of manufacturing industries (values of Classification.TechGroup).
const (
	TechLow    = "low"
	TechMidLow = "midlow"
	TechHigh   = "high"
)

// span returns the codes of list from first to last inclusive, in list order.
// It panics when either is absent: presets are programmer-written.
func span(list []string, first, last string) []string {
	i, j := indexOf(list, first), indexOf(list, last)
	if i < 0 || j < i {
		panic("wiod: bad preset span " + first + "…" + last)
	}
	return append([]string(nil), list[i:j+1]...)
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func group(m map[string]string, g string, codes ...[]string) {
	for _, cs := range codes {
		for _, c := range cs {
			m[c] = g
		}
	}
}

// Preset returns a built-in classification: "wiod2016" or "wiod2013".
//
// wiod2016 (the paper's definitions, WIOD 2016 codes): digital = C26, J61,
// J62_J63; services = G45 … N; manufacturing = C10-C12 … C33; technology
// groups low = C10-C12 … C18 and C31_C32, midlow = C19 … C25, high = C26 … C30.
// C33 (repair and installation of machinery) is manufacturing but in no
// technology group, as in the paper.
//
// wiod2013 (WIOD 2013 codes, ISIC rev. 3): digital = c14 (electrical and
// optical equipment), c27 (post and telecommunications), c30 (renting of
// machinery and other business activities, incl. computer services);
// services = c19 … c34; manufacturing = c3 … c16. Technology groups map each
// ISIC rev. 3 division to the ISIC rev. 4 divisions it mostly becomes (UN
// Statistics Division, ISIC rev. 3.1 – rev. 4 correspondence table), then use
// the 2016 groups: low = c3 (15t16 → C10-C12), c4 (17t18 → C13-C15), c5 (19 →
// C15), c6 (20 → C16), c7 (21t22 → C17, C18), c16 (36t37 → C31_C32); midlow =
// c8 (23 → C19), c9 (24 → C20, C21), c10 (25 → C22), c11 (26 → C23), c12
// (27t28 → C24, C25); high = c13 (29 → C28), c14 (30t33 → C26, C27), c15
// (34t35 → C29, C30).
//
// Each call returns a fresh copy that the caller may modify.
func Preset(name string) (*Classification, error) {
	switch strings.ToLower(name) {
	case "wiod2016":
		ind := Industries2016
		tg := map[string]string{}
		group(tg, TechLow, span(ind, "C10-C12", "C18"), []string{"C31_C32"})
		group(tg, TechMidLow, span(ind, "C19", "C25"))
		group(tg, TechHigh, span(ind, "C26", "C30"))
		return &Classification{
			Name:          "wiod2016",
			Digital:       []string{"C26", "J61", "J62_J63"},
			Services:      span(ind, "G45", "N"),
			Manufacturing: span(ind, "C10-C12", "C33"),
			TechGroup:     tg,
		}, nil
	case "wiod2013":
		ind := Industries2013
		tg := map[string]string{}
		group(tg, TechLow, []string{"c3", "c4", "c5", "c6", "c7", "c16"})
		group(tg, TechMidLow, span(ind, "c8", "c12"))
		group(tg, TechHigh, span(ind, "c13", "c15"))
		return &Classification{
			Name:          "wiod2013",
			Digital:       []string{"c14", "c27", "c30"},
			Services:      span(ind, "c19", "c34"),
			Manufacturing: span(ind, "c3", "c16"),
			TechGroup:     tg,
		}, nil
	}
	return nil, fmt.Errorf("wiod: unknown classification preset %q (want wiod2016 or wiod2013, or a JSON file)", name)
}

// Presets lists the names accepted by Preset.
var Presets = []string{"wiod2016", "wiod2013"}

// ReadClassification reads a user classification from JSON with the keys of
// Classification's json tags, e.g.
//
//	{"name": "mine", "digital": ["C26", "J61"], "services": ["G45"],
//	 "manufacturing": ["C10-C12", "C26"], "tech_group": {"C26": "high"}}
//
// name is the file name used in errors (it also becomes the classification's
// Name when the file has none). Unknown keys, empty or duplicate codes, an
// empty digital list and technology groups other than low, midlow and high are
// errors naming the file, line and column.
func ReadClassification(r io.Reader, name string) (*Classification, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var c Classification
	if err := dec.Decode(&c); err != nil {
		off := dec.InputOffset()
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		if errors.As(err, &se) {
			off = se.Offset - 1 // Offset counts the offending byte
		} else if errors.As(err, &te) {
			off = te.Offset
		}
		line, col := lineCol(data, off)
		return nil, &table.ParseError{File: name, Line: line, Column: col, Err: fmt.Errorf("%w: %v", ErrClassification, err)}
	}
	if dec.More() {
		line, col := lineCol(data, dec.InputOffset())
		return nil, &table.ParseError{File: name, Line: line, Column: col, Err: fmt.Errorf("%w: data after the JSON object", ErrClassification)}
	}
	if c.Name == "" {
		c.Name = name
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &c, nil
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	line, col = 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// Validate checks that the code lists are non-empty where required, hold no
// empty or duplicate codes, and that technology groups are low, midlow or high.
func (c *Classification) Validate() error {
	if len(c.Digital) == 0 {
		return fmt.Errorf("%w %q: \"digital\" is empty; list at least one industry code", ErrClassification, c.Name)
	}
	for _, l := range []struct {
		key   string
		codes []string
	}{{"digital", c.Digital}, {"services", c.Services}, {"manufacturing", c.Manufacturing}} {
		seen := map[string]bool{}
		for i, code := range l.codes {
			if strings.TrimSpace(code) == "" {
				return fmt.Errorf("%w %q: %q item %d is an empty code", ErrClassification, c.Name, l.key, i+1)
			}
			if seen[code] {
				return fmt.Errorf("%w %q: %q lists %q twice", ErrClassification, c.Name, l.key, code)
			}
			seen[code] = true
		}
	}
	for code, g := range c.TechGroup {
		if g != TechLow && g != TechMidLow && g != TechHigh {
			return fmt.Errorf("%w %q: \"tech_group\" of %q is %q; want low, midlow or high", ErrClassification, c.Name, code, g)
		}
	}
	return nil
}

// Check reports codes of c that are not among the industry codes of a table
// (e.g. a 2013 classification applied to a 2016 table), naming the first few.
func (c *Classification) Check(industries []string) error {
	have := map[string]bool{}
	for _, s := range industries {
		have[s] = true
	}
	var miss []string
	for _, l := range [][]string{c.Digital, c.Services, c.Manufacturing} {
		for _, code := range l {
			if !have[code] {
				miss = append(miss, code)
			}
		}
	}
	for code := range c.TechGroup {
		if !have[code] {
			miss = append(miss, code)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	sort.Strings(miss)
	miss = slices.Compact(miss)
	if len(miss) > 8 {
		miss = append(miss[:8], "…")
	}
	return fmt.Errorf("%w %q: industry codes not in the table: %s", ErrClassification, c.Name, strings.Join(miss, ", "))
}
