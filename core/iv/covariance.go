package iv

import (
	"fmt"

	"github.com/wiodlab/wiodlab/core/internal/eigen"
	"github.com/wiodlab/wiodlab/core/vcov"
	"gonum.org/v1/gonum/mat"
)

// covariance computes the coefficient covariance with core/vcov, except that
// a two-way clustered matrix is left as Cameron, Gelbach and Miller's
// V = q·B(M₁ + M₂ − M₁₂)B even when it is not positive semi-definite: ivreg2
// and ivreghdfe (the reference for IV) do not alter it unless asked (their
// psd0/psda options), while core/vcov applies the eigenvalue fix that
// reghdfe uses for OLS. A note says when the matrix has a negative eigenvalue.
func covariance(spec vcov.Spec, in vcov.Input, rob robustness) (*vcov.Result, error) {
	if spec.Kind != vcov.Cluster || len(spec.Clusters) != 2 {
		return vcov.Compute(spec, in)
	}
	g := rob.minGroups()
	if rob.groups[0] < 2 || rob.groups[1] < 2 {
		return nil, fmt.Errorf("vcov %s: a cluster variable has fewer than 2 clusters in the estimation sample (%v); at least 2 are needed", spec, rob.groups)
	}
	k := in.KCluster
	if k == 0 {
		k = in.K
	}
	if in.N-k <= 0 {
		return nil, fmt.Errorf("vcov %s: no residual degrees of freedom (N = %d, K = %d)", spec, in.N, k)
	}
	q := float64(g) / float64(g-1) * float64(in.N-1) / float64(in.N-k)
	m := rob.meat(in.Scores)
	var bm, bmb mat.Dense
	bm.Mul(in.Bread, m)
	bmb.Mul(&bm, in.Bread)
	bmb.Scale(q, &bmb)
	v := symOf(&bmb)
	res := &vcov.Result{Spec: spec, V: v, DF: g - 1, Factor: q, K: k, NClusters: append([]int(nil), rob.groups...)}
	if vals, _, ok := eigen.Sym(v, false); ok {
		for _, l := range vals {
			if l < 0 {
				res.Notes = append(res.Notes, "two-way cluster covariance is not positive semi-definite (left as is, as ivreg2 does); some standard errors may be unreliable")
				break
			}
		}
	}
	return res, nil
}
