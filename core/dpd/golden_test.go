package dpd

import (
	"math"
	"testing"

	"github.com/wiodlab/wiodlab/core/internal/shared"
)

type goldenCase struct {
	Name    string `json:"name"`
	Wiodlab struct {
		X           string   `json:"x"`
		GMM         []string `json:"gmm"`
		IV          []string `json:"iv"`
		NoLevel     bool     `json:"nolevel"`
		TwoStep     bool     `json:"twostep"`
		Robust      bool     `json:"robust"`
		TimeDummies bool     `json:"timedummies"`
	} `json:"wiodlab"`
	Coef         map[string]float64 `json:"coef"`
	SE           map[string]float64 `json:"se"`
	SENonRobust  map[string]float64 `json:"se_nonrobust"`
	NInstruments int                `json:"ninstruments"`
	NGroups      int                `json:"ngroups"`
	AR1          float64            `json:"ar1"`
	AR1P         float64            `json:"ar1_p"`
	AR2          float64            `json:"ar2"`
	AR2P         float64            `json:"ar2_p"`
	PlmSargan    float64            `json:"plm_sargan"`
	PlmSarganDF  int                `json:"plm_sargan_df"`
	PlmSarganP   float64            `json:"plm_sargan_p"`
}

func loadGolden(t *testing.T) []goldenCase {
	t.Helper()
	var g struct {
		Cases []goldenCase `json:"cases"`
	}
	shared.ReadJSON(t, "testdata/golden.json", &g)
	return g.Cases
}

func (c goldenCase) model(t testing.TB) (Model, Options) {
	x, err := ParseTerms(c.Wiodlab.X)
	if err != nil {
		t.Fatal(err)
	}
	m := Model{Y: "n", X: x, System: !c.Wiodlab.NoLevel, TimeDummies: c.Wiodlab.TimeDummies}
	for _, s := range c.Wiodlab.GMM {
		g, err := ParseGMM(s)
		if err != nil {
			t.Fatal(err)
		}
		m.GMM = append(m.GMM, g)
	}
	for _, s := range c.Wiodlab.IV {
		v, err := ParseIV(s)
		if err != nil {
			t.Fatal(err)
		}
		m.IV = append(m.IV, v)
	}
	return m, Options{TwoStep: c.Wiodlab.TwoStep, Robust: c.Wiodlab.Robust}
}

// near reports whether got agrees with want to rel relative error.
func near(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Abs(want)
}

// TestPlmGolden compares wiodlab with R plm::pgmm (testdata/gen_golden.R) key
// by key. Known convention differences, documented in doc.go and docs/gmm.md:
//   - plm's "sargan" is the Hansen J with the two-step weighting evaluated at
//     the final residuals: equal to our Hansen for two-step fits, but for
//     one-step fits plm evaluates it at the one-step residuals while xtabond2
//     (and wiodlab) report the two-step criterion; compared for two-step only.
//   - plm's non-robust one-step variance is not scaled by σ²; not compared.
//   - AR tests in system GMM: see below.
//   - in system GMM plm puts IV-style instruments in separate columns per
//     equation; the cases here use GMM-style instruments only there.
func TestPlmGolden(t *testing.T) {
	data := shared.EmplUK(t)
	const rel = 1e-6 // relative agreement asked by issue 4
	for _, c := range loadGolden(t) {
		t.Run(c.Name, func(t *testing.T) {
			m, opt := c.model(t)
			r, err := m.Fit(data, "firm", "year", opt)
			if err != nil {
				t.Fatal(err)
			}
			if r.NInstruments != c.NInstruments {
				t.Errorf("instruments: got %d, plm %d", r.NInstruments, c.NInstruments)
			}
			if r.NGroups != c.NGroups {
				t.Errorf("groups: got %d, plm %d", r.NGroups, c.NGroups)
			}
			if len(r.Names) != len(c.Coef) {
				t.Errorf("got %d coefficients %v, plm %d", len(r.Names), r.Names, len(c.Coef))
			}
			for name, want := range c.Coef {
				got, se, ok := r.Coefficient(name)
				if !ok {
					t.Errorf("no coefficient %s (have %v)", name, r.Names)
					continue
				}
				if !near(got, want, rel) {
					t.Errorf("coef %s: got %.10g, plm %.10g", name, got, want)
				}
				if !near(se, c.SE[name], rel) {
					t.Errorf("se %s: got %.10g, plm %.10g", name, se, c.SE[name])
				}
			}
			// AR tests in system GMM: plm leaves the level residuals out of the
			// covariance between the statistic and the moments; xtabond2 and
			// wiodlab keep them. Refit with plm's convention to compare.
			if m.System {
				opt.plmAR = true
				if r, err = m.Fit(data, "firm", "year", opt); err != nil {
					t.Fatal(err)
				}
			}
			for _, s := range []struct {
				name      string
				got, want float64
			}{{"ar1", r.AR1.Stat, c.AR1}, {"ar1_p", r.AR1.P, c.AR1P}, {"ar2", r.AR2.Stat, c.AR2}, {"ar2_p", r.AR2.P, c.AR2P}} {
				if !near(s.got, s.want, rel) {
					t.Errorf("%s: got %.10g, plm %.10g", s.name, s.got, s.want)
				}
			}
			if r.Hansen.DF != c.PlmSarganDF {
				t.Errorf("Hansen df: got %d, plm %d", r.Hansen.DF, c.PlmSarganDF)
			}
			if opt.TwoStep {
				if !near(r.Hansen.Stat, c.PlmSargan, rel) || !near(r.Hansen.P, c.PlmSarganP, rel) {
					t.Errorf("Hansen: got %.10g (p %.6g), plm sargan %.10g (p %.6g)", r.Hansen.Stat, r.Hansen.P, c.PlmSargan, c.PlmSarganP)
				}
			}
			// Non-robust two-step SE: (X'Z W2 Z'X)^-1 in both.
			if opt.TwoStep {
				m2 := m
				r2, err := m2.Fit(data, "firm", "year", Options{TwoStep: true})
				if err != nil {
					t.Fatal(err)
				}
				for name, want := range c.SENonRobust {
					_, se, _ := r2.Coefficient(name)
					if !near(se, want, rel) {
						t.Errorf("non-robust se %s: got %.10g, plm %.10g", name, se, want)
					}
				}
			}
		})
	}
}
