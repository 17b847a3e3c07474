package vcov

import (
	"fmt"

	"github.com/wiodlab/wiodlab/core/internal/eigen"
	"gonum.org/v1/gonum/mat"
)

// Input is what Compute needs from a fitted linear estimator.
type Input struct {
	// Bread is the K×K matrix B of the sandwich: (X'WX)⁻¹ for OLS,
	// (X̂'WX̂)⁻¹ for 2SLS. For iid, V = s² B.
	Bread *mat.SymDense
	// Scores holds the score matrix column-major: Scores[k][i] = w_i x_ik e_i.
	// Needed for hc1 and cluster; may be nil for iid.
	Scores [][]float64
	// RSS is Σ w_i e_i², used by iid.
	RSS float64
	// N is the number of observations.
	N int
	// K is the number of parameters in the small-sample factor (N−1)/(N−K)
	// and N/(N−K): regressors kept, intercept and absorbed fixed effects.
	K int
	// KCluster replaces K when clustering (fixed effects nested within a
	// cluster variable are not counted, reghdfe's rule). Zero means K.
	KCluster int
	// Clusters holds, per variable of Spec.Clusters, a code for each
	// observation in 0..G−1 (negative codes are not allowed).
	Clusters [][]int
}

// Result is a computed covariance matrix with what inference needs.
type Result struct {
	Spec      Spec
	V         *mat.SymDense
	DF        int     // degrees of freedom of the t distribution
	Factor    float64 // small-sample factor applied
	K         int     // K used in the factor
	NClusters []int   // number of clusters per cluster variable
	Notes     []string
}

// Compute returns the covariance matrix s asks for. It panics when the
// input's shapes disagree (a programmer mistake) and returns an error for data
// problems (too few clusters, no residual degrees of freedom).
func Compute(s Spec, in Input) (*Result, error) {
	if in.Bread == nil {
		panic("vcov: nil Bread")
	}
	k := in.Bread.SymmetricDim()
	if s.Kind != IID {
		if len(in.Scores) != k {
			panic(fmt.Sprintf("vcov: %d score columns for a %d×%d bread", len(in.Scores), k, k))
		}
		for _, c := range in.Scores {
			if len(c) != in.N {
				panic(fmt.Sprintf("vcov: score column of length %d, want N = %d", len(c), in.N))
			}
		}
	}
	res := &Result{Spec: s, K: in.K}
	switch s.Kind {
	case IID:
		if in.N-in.K <= 0 {
			return nil, fmt.Errorf("vcov iid: no residual degrees of freedom (N = %d, K = %d)", in.N, in.K)
		}
		s2 := in.RSS / float64(in.N-in.K)
		v := mat.NewSymDense(k, nil)
		v.ScaleSym(s2, in.Bread)
		res.V, res.DF, res.Factor = v, in.N-in.K, 1
		return res, nil
	case HC1:
		if in.N-in.K <= 0 {
			return nil, fmt.Errorf("vcov hc1: no residual degrees of freedom (N = %d, K = %d)", in.N, in.K)
		}
		m := Meat(in.Scores, nil, 0)
		q := float64(in.N) / float64(in.N-in.K)
		res.V, res.DF, res.Factor = sandwich(in.Bread, m, q), in.N-in.K, q
		return res, nil
	}
	if len(in.Clusters) != len(s.Clusters) {
		panic(fmt.Sprintf("vcov: %d cluster code slices for %d cluster variables", len(in.Clusters), len(s.Clusters)))
	}
	kc := in.KCluster
	if kc == 0 {
		kc = in.K
	}
	res.K = kc
	if in.N-kc <= 0 {
		return nil, fmt.Errorf("vcov %s: no residual degrees of freedom (N = %d, K = %d)", s, in.N, kc)
	}
	gs := make([]int, len(in.Clusters))
	for j, codes := range in.Clusters {
		if len(codes) != in.N {
			panic(fmt.Sprintf("vcov: cluster codes of length %d, want N = %d", len(codes), in.N))
		}
		gs[j] = CountCodes(codes)
		if gs[j] < 2 {
			return nil, fmt.Errorf("vcov %s: cluster variable %q has %d cluster(s) in the estimation sample; at least 2 are needed (use hc1 or another cluster variable)", s, s.Clusters[j], gs[j])
		}
	}
	res.NClusters = gs
	g := gs[0]
	var m *mat.SymDense
	if len(in.Clusters) == 1 {
		m = Meat(in.Scores, in.Clusters[0], gs[0])
	} else {
		g = min(gs[0], gs[1])
		inter, gi := Intersect(in.Clusters[0], in.Clusters[1])
		m = Meat(in.Scores, in.Clusters[0], gs[0])
		m2 := Meat(in.Scores, in.Clusters[1], gs[1])
		m12 := Meat(in.Scores, inter, gi)
		m.AddSym(m, m2)
		m12.ScaleSym(-1, m12)
		m.AddSym(m, m12)
	}
	q := float64(g) / float64(g-1) * float64(in.N-1) / float64(in.N-kc)
	v := sandwich(in.Bread, m, q)
	if len(in.Clusters) == 2 {
		if fixed, ok := psdFix(v); ok {
			v = fixed
			res.Notes = append(res.Notes, "two-way cluster covariance was not positive semi-definite; negative eigenvalues set to zero (Cameron, Gelbach and Miller 2011)")
		}
	}
	res.V, res.DF, res.Factor = v, g-1, q
	return res, nil
}

// Meat returns Σ_g S_g S_g' with S_g = Σ_{i in g} s_i, the cluster sums of the
// score rows, for codes in 0..g−1. With codes nil every observation is its
// own cluster (the heteroskedasticity-robust meat Σ_i s_i s_i').
func Meat(scores [][]float64, codes []int, g int) *mat.SymDense {
	k := len(scores)
	m := mat.NewSymDense(k, nil)
	if k == 0 {
		return m
	}
	n := len(scores[0])
	if codes == nil {
		for a := 0; a < k; a++ {
			sa := scores[a]
			for b := a; b < k; b++ {
				sb := scores[b][:n]
				var sum float64
				for i, v := range sa {
					sum += v * sb[i]
				}
				m.SetSym(a, b, sum)
			}
		}
		return m
	}
	// Cluster sums, row-major g×k.
	sums := make([]float64, g*k)
	for a := 0; a < k; a++ {
		for i, v := range scores[a] {
			sums[codes[i]*k+a] += v
		}
	}
	acc := make([]float64, k*k)
	for c := 0; c < g; c++ {
		row := sums[c*k : (c+1)*k]
		for a, va := range row {
			if va == 0 {
				continue
			}
			for b := a; b < k; b++ {
				acc[a*k+b] += va * row[b]
			}
		}
	}
	for a := 0; a < k; a++ {
		for b := a; b < k; b++ {
			m.SetSym(a, b, acc[a*k+b])
		}
	}
	return m
}

func sandwich(bread, meat *mat.SymDense, q float64) *mat.SymDense {
	k := bread.SymmetricDim()
	var bm, bmb mat.Dense
	bm.Mul(bread, meat)
	bmb.Mul(&bm, bread)
	v := mat.NewSymDense(k, nil)
	for a := 0; a < k; a++ {
		for b := a; b < k; b++ {
			v.SetSym(a, b, q*0.5*(bmb.At(a, b)+bmb.At(b, a)))
		}
	}
	return v
}

// CountCodes returns the number of distinct codes, panicking on negative ones.
func CountCodes(codes []int) int {
	mx := -1
	for _, c := range codes {
		if c < 0 {
			panic("vcov: negative cluster code")
		}
		mx = max(mx, c)
	}
	seen := make([]bool, mx+1)
	n := 0
	for _, c := range codes {
		if !seen[c] {
			seen[c] = true
			n++
		}
	}
	return n
}

// Intersect codes the pairs (a_i, b_i) densely: the clusters of the
// intersection of two cluster variables, and their number.
func Intersect(a, b []int) ([]int, int) {
	idx := make(map[[2]int]int)
	out := make([]int, len(a))
	for i := range a {
		key := [2]int{a[i], b[i]}
		c, ok := idx[key]
		if !ok {
			c = len(idx)
			idx[key] = c
		}
		out[i] = c
	}
	return out, len(idx)
}

// psdFix returns U max(Λ,0) U' and true when v has a negative eigenvalue.
func psdFix(v *mat.SymDense) (*mat.SymDense, bool) {
	vals, u, ok := eigen.Sym(v, true)
	if !ok {
		return v, false
	}
	neg := false
	for i, l := range vals {
		if l < 0 {
			neg = true
			vals[i] = 0
		}
	}
	if !neg {
		return v, false
	}
	k := len(vals)
	out := mat.NewSymDense(k, nil)
	for a := 0; a < k; a++ {
		for b := a; b < k; b++ {
			var s float64
			for j, l := range vals {
				s += u.At(a, j) * l * u.At(b, j)
			}
			out.SetSym(a, b, s)
		}
	}
	return out, true
}
