package dea

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
)

// twoPeriods returns a panel whose period 2001 repeats period 2000 with every
// output multiplied by lambda (inputs unchanged).
func twoPeriods(base Panel, lambda float64) Panel {
	var p Panel
	p.Inputs = make([][]float64, len(base.Inputs))
	p.Outputs = make([][]float64, len(base.Outputs))
	p.Group = base.Group
	if base.Group != nil {
		p.Group = append(append([]string{}, base.Group...), base.Group...)
	}
	for _, t := range []float64{2000, 2001} {
		f := 1.0
		if t == 2001 {
			f = lambda
		}
		p.DMU = append(p.DMU, base.DMU...)
		for range base.DMU {
			p.Time = append(p.Time, t)
		}
		for i := range base.Inputs {
			p.Inputs[i] = append(p.Inputs[i], base.Inputs[i]...)
		}
		for r := range base.Outputs {
			for _, v := range base.Outputs[r] {
				p.Outputs[r] = append(p.Outputs[r], f*v)
			}
		}
	}
	return p
}

// onePeriod draws groups×n DMUs in a single period (year 2000).
func onePeriod(seed uint64, groups, n, m, s int) Panel {
	return synthPanel(seed, groups, n, 1, m, s)
}

func TestProperties(t *testing.T) {
	for _, tc := range []struct {
		name         string
		groups, n    int
		m, s         int
		lambda       float64
		orientations []Orientation
	}{
		{"identical periods, 2 in 1 out", 1, 20, 2, 1, 1, []Orientation{Output, Input}},
		{"identical periods, 3 in 2 out, groups", 3, 10, 3, 2, 1, []Orientation{Output, Input}},
		{"outputs x1.25", 1, 25, 2, 1, 1.25, []Orientation{Output, Input}},
		{"outputs x0.8, 2 outputs", 1, 15, 2, 2, 0.8, []Orientation{Output, Input}},
		{"outputs x1.1, groups", 4, 8, 2, 1, 1.1, []Orientation{Output, Input}},
	} {
		for _, o := range tc.orientations {
			t.Run(tc.name+"/"+o.String(), func(t *testing.T) {
				p := twoPeriods(onePeriod(11, tc.groups, tc.n, tc.m, tc.s), tc.lambda)
				res, err := Malmquist{Orientation: o}.Fit(context.Background(), p, nil)
				if err != nil {
					t.Fatal(err)
				}
				if want := tc.groups * tc.n; len(res.Changes) != want {
					t.Fatalf("got %d changes, want %d", len(res.Changes), want)
				}
				const tol = 1e-9
				for _, c := range res.Changes {
					check := func(what string, got, want float64) {
						if math.Abs(got-want) > tol {
							t.Errorf("%s/%s: %s = %.15g, want %g", c.Group, c.DMU, what, got, want)
						}
					}
					check("effch", c.EffCh, 1)
					check("techch", c.TechCh, tc.lambda)
					check("malmquist", c.Malmquist, tc.lambda)
					check("tfp", c.TFP, tc.lambda)
					if tc.lambda == 1 {
						check("pech", c.PECh, 1)
						check("sech", c.SECh, 1)
					}
					if c.Scores.CRS[0][0] > 1+tol || c.Scores.VRS[0][0] > 1+tol {
						t.Errorf("%s: own-period score above 1: %v", c.DMU, c.Scores)
					}
					if c.Scores.CRS[0][0] > c.Scores.VRS[0][0]+tol {
						t.Errorf("%s: CRS score %g above VRS score %g", c.DMU, c.Scores.CRS[0][0], c.Scores.VRS[0][0])
					}
				}
			})
		}
	}
}

// TestCRSOrientationsAgree: under CRS the input and output scores coincide
// (Färe, Grosskopf & Lovell 1994), so effch, techch and malmquist do too.
func TestCRSOrientationsAgree(t *testing.T) {
	p := synthPanel(3, 2, 15, 4, 2, 2)
	out, err := Malmquist{Orientation: Output}.Fit(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	in, err := Malmquist{Orientation: Input}.Fit(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range out.Changes {
		a, b := out.Changes[i], in.Changes[i]
		for _, d := range [][2]float64{{a.Malmquist, b.Malmquist}, {a.EffCh, b.EffCh}, {a.TechCh, b.TechCh}, {a.TFP, b.TFP}} {
			if math.Abs(d[0]-d[1]) > 1e-9*math.Max(1, d[0]) {
				t.Fatalf("%s %v→%v: output %g, input %g", a.DMU, a.From, a.To, d[0], d[1])
			}
		}
	}
}

func smallPanel() Panel {
	return Panel{
		DMU:         []string{"a", "b", "c", "a", "b", "c"},
		Time:        []float64{1, 1, 1, 2, 2, 2},
		Inputs:      [][]float64{{2, 3, 4, 2, 3, 4}, {5, 4, 3, 5, 4, 3}},
		Outputs:     [][]float64{{1, 2, 3, 2, 2, 3}},
		InputNames:  []string{"k", "l"},
		OutputNames: []string{"va"},
	}
}

func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(p *Panel)
		want []string // substrings of the error
	}{
		{"zero input", func(p *Panel) { p.Inputs[1][4] = 0 }, []string{"row 5", `dmu "b"`, `input "l"`, "strictly positive"}},
		{"negative output", func(p *Panel) { p.Outputs[0][2] = -1 }, []string{"row 3", `output "va"`, "-1"}},
		{"missing input", func(p *Panel) { p.Inputs[0][0] = math.NaN() }, []string{"row 1", `input "k"`, "missing"}},
		{"infinite output", func(p *Panel) { p.Outputs[0][1] = math.Inf(1) }, []string{"row 2", "infinite"}},
		{"missing time", func(p *Panel) { p.Time[3] = math.NaN() }, []string{"row 4", "time is missing"}},
		{"duplicate dmu-time", func(p *Panel) { p.DMU[4] = "a" }, []string{"rows 4 and 5", `dmu "a"`, "twice in period 2"}},
		{"no outputs", func(p *Panel) { p.Outputs = nil }, []string{"at least one input and one output"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := smallPanel()
			tc.edit(&p)
			_, err := Malmquist{}.Fit(context.Background(), p, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestUnbalanced(t *testing.T) {
	// d01 misses 2002: pairs 2001→2002 and 2002→2003 are skipped and its
	// tfp is undefined afterwards; d02 enters in 2001.
	full := synthPanel(5, 1, 12, 4, 2, 1)
	keep := make([]bool, len(full.DMU))
	var rows []int
	for i := range keep {
		drop := (full.DMU[i] == "d001" && full.Time[i] == 2002) || (full.DMU[i] == "d002" && full.Time[i] == 2000)
		if !drop {
			rows = append(rows, i)
		}
	}
	p := subsetPanel(full, rows)
	res, err := Malmquist{}.Fit(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, c := range res.Changes {
		count[c.DMU]++
		if c.DMU == "d001" && c.From == 2003 {
			t.Errorf("d001 has a pair from 2003, beyond the data")
		}
		if c.DMU == "d001" && c.From == 2002 {
			t.Errorf("d001 has pair 2002→2003 although 2002 is missing")
		}
		if c.DMU == "d001" && c.To > 2002 && !math.IsNaN(c.TFP) {
			t.Errorf("d001 tfp after the gap = %g, want NaN", c.TFP)
		}
	}
	if count["d001"] != 1 || count["d002"] != 2 || count["d000"] != 3 {
		t.Errorf("pairs per DMU = %v, want d000:3 d001:1 d002:2", count)
	}
	notes := strings.Join(res.Notes, "\n")
	for _, w := range []string{`dmu "d001": not observed in period 2002`, `dmu "d002": not observed before period 2001`} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
}

func subsetPanel(p Panel, rows []int) Panel {
	var q Panel
	q.Inputs = make([][]float64, len(p.Inputs))
	q.Outputs = make([][]float64, len(p.Outputs))
	for _, i := range rows {
		q.DMU = append(q.DMU, p.DMU[i])
		q.Time = append(q.Time, p.Time[i])
		if p.Group != nil {
			q.Group = append(q.Group, p.Group[i])
		}
		for k := range p.Inputs {
			q.Inputs[k] = append(q.Inputs[k], p.Inputs[k][i])
		}
		for k := range p.Outputs {
			q.Outputs[k] = append(q.Outputs[k], p.Outputs[k][i])
		}
	}
	return q
}

func TestDegenerateFrontierNote(t *testing.T) {
	// 2 DMUs with 2 inputs and 1 output: fewer DMUs than inputs+outputs.
	p := Panel{
		DMU:     []string{"a", "b", "a", "b"},
		Time:    []float64{1, 1, 2, 2},
		Inputs:  [][]float64{{1, 2, 1, 2}, {2, 1, 2, 1}},
		Outputs: [][]float64{{1, 1, 1, 1.5}},
	}
	res, err := Malmquist{}.Fit(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "frontier is degenerate") || !strings.Contains(res.Notes[0], "periods 1 (2), 2 (2)") {
		t.Errorf("notes = %q, want one degenerate-frontier warning naming periods 1 and 2", res.Notes)
	}
	if len(res.Changes) != 2 {
		t.Errorf("got %d changes, want 2", len(res.Changes))
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Malmquist{}.Fit(ctx, synthPanel(1, 1, 10, 3, 2, 1), nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestProgress(t *testing.T) {
	var last float64
	calls := 0
	_, err := Malmquist{}.Fit(context.Background(), synthPanel(1, 3, 6, 3, 2, 1), func(f float64) {
		if f < last {
			t.Errorf("progress went back from %g to %g", last, f)
		}
		last = f
		calls++
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 || math.Abs(last-1) > 1e-12 {
		t.Errorf("progress: %d calls, last %g; want >0 calls ending at 1", calls, last)
	}
}
