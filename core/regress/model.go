package regress

import (
	"fmt"
	"math"

	"github.com/wiodlab/wiodlab/core/formula"
)

// Model is the specification of a linear model: the data of an evaluated
// formula. It is not modified by Fit.
type Model struct {
	YName     string
	Y         []float64
	XNames    []string
	X         [][]float64 // one slice per regressor, no intercept column
	Intercept bool        // pooled OLS: estimate "(Intercept)"; FE models: report "_cons"

	FENames  []string
	FE       [][]int // per dimension, level codes 0..FELevels[d]−1
	FELevels []int

	// ClusterNames and Clusters are the cluster variables available to the
	// covariance estimators, codes 0..G−1 per observation.
	ClusterNames []string
	Clusters     [][]int

	// Weights are optional positive analytic weights (nil for none).
	Weights []float64

	// Notes are carried into the result (e.g. what formula.Build did).
	Notes []string
}

// FromDesign returns the model of an evaluated formula. The IV part of the
// design, if any, is ignored (core/iv estimates it).
func FromDesign(d *formula.Design) *Model {
	return &Model{
		YName: d.YName, Y: d.Y, XNames: d.XNames, X: d.X, Intercept: d.Intercept,
		FENames: d.FENames, FE: d.FE, FELevels: d.FELevels,
		ClusterNames: d.ClusterNames, Clusters: d.Clusters,
		Notes: append([]string(nil), d.Notes...),
	}
}

// N returns the number of observations.
func (m *Model) N() int { return len(m.Y) }

// check panics on shape mistakes and returns an error for bad values.
func (m *Model) check() error {
	n := len(m.Y)
	if len(m.XNames) != len(m.X) {
		panic(fmt.Sprintf("regress: %d regressor names for %d regressors", len(m.XNames), len(m.X)))
	}
	for j, x := range m.X {
		if len(x) != n {
			panic(fmt.Sprintf("regress: regressor %s has %d values, y has %d", m.XNames[j], len(x), n))
		}
	}
	if len(m.FE) != len(m.FELevels) {
		panic("regress: FE and FELevels lengths differ")
	}
	for d, c := range m.FE {
		if len(c) != n {
			panic(fmt.Sprintf("regress: fixed effect %d has %d codes, y has %d", d, len(c), n))
		}
	}
	if len(m.Clusters) != len(m.ClusterNames) {
		panic("regress: Clusters and ClusterNames lengths differ")
	}
	if m.Weights != nil && len(m.Weights) != n {
		panic("regress: weights length differs from y")
	}
	if n == 0 {
		return fmt.Errorf("regress: empty estimation sample (no observation left after missing values and filters); check the --if filter and missing values of %s", m.YName)
	}
	bad := func(name string, v []float64) error {
		for i, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("regress: variable %s has a non-finite value (%v) at observation %d of the estimation sample", name, x, i+1)
			}
		}
		return nil
	}
	if err := bad(m.YName, m.Y); err != nil {
		return err
	}
	for j, x := range m.X {
		if err := bad(m.XNames[j], x); err != nil {
			return err
		}
	}
	if m.Weights != nil {
		for i, w := range m.Weights {
			if !(w > 0) || math.IsInf(w, 0) {
				return fmt.Errorf("regress: weight at observation %d is %v; weights must be positive and finite", i+1, w)
			}
		}
	}
	return nil
}
