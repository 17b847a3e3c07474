package dpd

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wiodlab/wiodlab/core/table"
)

// simPanel makes a balanced dynamic panel y_it = a·y_i,t-1 + b·x_it + η_i + ε_it
// with a fixed seed, columns id, year, y, x (and z, a copy of x plus noise).
func simPanel(groups, years int, seed uint64) *table.Table {
	rng := rand.New(rand.NewPCG(seed, 7))
	n := groups * years
	id, yr, y, x, z := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for g := 0; g < groups; g++ {
		eta := rng.NormFloat64()
		prev := eta / (1 - 0.5)
		for t := 0; t < years; t++ {
			i := g*years + t
			id[i], yr[i] = float64(g+1), float64(2000+t)
			x[i] = 0.5*eta + rng.NormFloat64()
			z[i] = x[i] + rng.NormFloat64()
			y[i] = 0.5*prev + 0.3*x[i] + eta + rng.NormFloat64()
			prev = y[i]
		}
	}
	t := table.New("sim")
	for _, c := range []struct {
		n string
		v []float64
	}{{"id", id}, {"year", yr}, {"y", y}, {"x", x}, {"z", z}} {
		if err := t.AddFloat(c.n, c.v); err != nil {
			panic(err)
		}
	}
	return t
}

func mustModel(t testing.TB, y, x string, gmm []string, iv []string, system bool) Model {
	t.Helper()
	xs, err := ParseTerms(x)
	if err != nil {
		t.Fatal(err)
	}
	m := Model{Y: y, X: xs, System: system}
	for _, s := range gmm {
		g, err := ParseGMM(s)
		if err != nil {
			t.Fatal(err)
		}
		m.GMM = append(m.GMM, g)
	}
	for _, s := range iv {
		v, err := ParseIV(s)
		if err != nil {
			t.Fatal(err)
		}
		m.IV = append(m.IV, v)
	}
	return m
}

func TestBadInput(t *testing.T) {
	short := simPanel(30, 3, 1)
	data := simPanel(30, 8, 2)
	for _, c := range []struct {
		name string
		data *table.Table
		m    Model
		want string // substring of the error
	}{
		{"too few periods", short, mustModel(t, "y", "L.y L2.y x", []string{"y, lag(2 .)"}, nil, false), "too few periods"},
		{"instruments missing after lagging", data, mustModel(t, "y", "L.y x", []string{"y, lag(9 .)"}, []string{"x"}, false), "every instrument is missing after lagging"},
		{"instruments missing within range", data, mustModel(t, "y", "L.y x", []string{"y, lag(2 .)", "late, lag(3 .)"}, []string{"x"}, false), "gmm(late, lag(3 .)): every instrument is missing after lagging"},
		{"endogenous also exogenous", data, mustModel(t, "y", "L.y x", []string{"y x, lag(2 .)"}, []string{"x"}, true), "also listed as exogenous"},
		{"dependent variable at lag 0", data, mustModel(t, "y", "y x", []string{"y, lag(2 .)"}, nil, false), "is the dependent variable"},
		{"more instruments than observations", simPanel(3, 8, 3), mustModel(t, "y", "L.y x", []string{"y x z, lag(2 .)"}, nil, true), "more instruments than observations"},
		{"underidentified", data, mustModel(t, "y", "L.y x z", []string{"y, lag(2 2) collapse"}, nil, false), "underidentified"},
		{"missing column", data, mustModel(t, "y", "L.y q", []string{"y, lag(2 .)"}, nil, false), `no column "q"`},
		{"collinear regressor", data, mustModel(t, "y", "L.y x x2", []string{"y, lag(2 .)"}, []string{"x"}, false), "collinear"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "instruments missing within range" {
				xv, _ := c.data.Floats("x")
				yr, _ := c.data.Floats("year")
				late := make([]float64, len(xv))
				for i, v := range xv {
					late[i] = math.NaN()
					if yr[i] >= 2006 {
						late[i] = v
					}
				}
				c.data.SetFloat("late", late)
			}
			if c.name == "collinear regressor" {
				xv, _ := c.data.Floats("x")
				x2 := make([]float64, len(xv))
				for i, v := range xv {
					x2[i] = 2 * v
				}
				c.data.SetFloat("x2", x2)
			}
			_, err := c.m.Fit(c.data, "id", "year", Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// TestSingularWeight: more instruments than groups make Σ Z_i'e_i e_i'Z_i
// singular; the fit goes on with a generalised inverse and says so.
func TestSingularWeight(t *testing.T) {
	data := simPanel(20, 8, 4)
	m := mustModel(t, "y", "L.y x", []string{"y x, lag(2 .)"}, nil, true)
	r, err := m.Fit(data, "id", "year", Options{TwoStep: true, Robust: true})
	if err != nil {
		t.Fatal(err)
	}
	var gen, many bool
	for _, w := range r.Warnings {
		gen = gen || strings.Contains(w, "generalised")
		many = many || strings.Contains(w, "outnumber")
	}
	if !gen || !many {
		t.Errorf("warnings %q: want the generalised-inverse and instruments-outnumber-groups warnings", r.Warnings)
	}
	for i, se := range r.SE {
		if math.IsNaN(se) || math.IsNaN(r.Coef[i]) {
			t.Errorf("%s: coef %g se %g", r.Names[i], r.Coef[i], se)
		}
	}
}

// TestUnbalancedGaps: a gap inside a group drops exactly the rows whose
// differences or lags straddle it, and the estimate stays finite.
func TestUnbalancedGaps(t *testing.T) {
	data := simPanel(40, 8, 5)
	y, _ := data.Floats("y")
	y[3] = math.NaN() // group 1, year 2003
	m := mustModel(t, "y", "L.y x", []string{"y, lag(2 .)"}, []string{"x"}, false)
	r, err := m.Fit(data, "id", "year", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Balanced: 40 groups × 6 differenced rows (2002..2007). Without y2003 the
	// level observations 2003 (y) and 2004 (L.y) are incomplete, which removes
	// the differenced rows 2003, 2004 and 2005.
	if want := 40*6 - 3; r.NObs != want {
		t.Errorf("nobs %d, want %d", r.NObs, want)
	}
}

func TestCancelAndProgress(t *testing.T) {
	data := simPanel(200, 8, 6)
	m := mustModel(t, "y", "L.y x", []string{"y, lag(2 .)"}, []string{"x"}, true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Fit(data, "id", "year", Options{Ctx: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
	var last float64 = -1
	calls := 0
	_, err := m.Fit(data, "id", "year", Options{TwoStep: true, Robust: true, Progress: func(f float64, msg string) {
		if f < last || f > 1 || msg == "" {
			t.Errorf("progress %g %q after %g", f, msg, last)
		}
		last = f
		calls++
	}})
	if err != nil || calls < 3 || last != 1 {
		t.Errorf("err %v, %d progress calls ending at %g", err, calls, last)
	}
}
