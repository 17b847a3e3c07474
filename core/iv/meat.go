package iv

import (
	"github.com/wiodlab/wiodlab/core/vcov"
	"gonum.org/v1/gonum/mat"
)

// robustness describes how the identification and over-identification
// statistics treat the errors: homoskedastic (iid), heteroskedastic (hc1) or
// clustered on one or two variables. Its meat is the raw outer product of the
// score sums, without any small-sample factor (ivreg2's m_omega times N).
type robustness struct {
	kind     vcov.Kind
	clusters [][]int // codes 0..G−1 per cluster variable
	groups   []int   // G per cluster variable
	inter    []int   // intersection codes for two-way clustering
	ginter   int
}

func newRobustness(kind vcov.Kind, clusters [][]int) robustness {
	r := robustness{kind: kind}
	if kind != vcov.Cluster {
		return r
	}
	r.clusters = clusters
	for _, c := range clusters {
		r.groups = append(r.groups, vcov.CountCodes(c))
	}
	if len(clusters) == 2 {
		r.inter, r.ginter = vcov.Intersect(clusters[0], clusters[1])
	}
	return r
}

// iid reports whether the statistics assume homoskedastic errors.
func (r robustness) iid() bool { return r.kind == vcov.IID }

// minGroups is the smallest number of clusters (0 when not clustered), the G
// of the small-sample factor G/(G−1).
func (r robustness) minGroups() int {
	g := 0
	for i, v := range r.groups {
		if i == 0 || v < g {
			g = v
		}
	}
	return g
}

// meat returns Σ s_i s_i' (hc1), Σ_g S_g S_g' (cluster) or M₁ + M₂ − M₁₂
// (two-way, Cameron, Gelbach and Miller 2011) for the score columns s. It
// must not be called for iid.
func (r robustness) meat(scores [][]float64) *mat.SymDense {
	switch {
	case r.kind == vcov.HC1:
		return vcov.Meat(scores, nil, 0)
	case len(r.clusters) == 1:
		return vcov.Meat(scores, r.clusters[0], r.groups[0])
	case len(r.clusters) == 2:
		m := vcov.Meat(scores, r.clusters[0], r.groups[0])
		m.AddSym(m, vcov.Meat(scores, r.clusters[1], r.groups[1]))
		m12 := vcov.Meat(scores, r.inter, r.ginter)
		m12.ScaleSym(-1, m12)
		m.AddSym(m, m12)
		return m
	}
	panic("iv: meat requested for iid errors")
}

// scoreCols returns the columns z_ℓ·e_k in the order of vec(Π) for Π of
// size cols(z) × cols(e): index k·L + ℓ.
func scoreCols(z, e [][]float64) [][]float64 {
	l := len(z)
	out := make([][]float64, l*len(e))
	for k, ek := range e {
		for j, zj := range z {
			c := make([]float64, len(zj))
			for i, v := range zj {
				c[i] = v * ek[i]
			}
			out[k*l+j] = c
		}
	}
	return out
}
