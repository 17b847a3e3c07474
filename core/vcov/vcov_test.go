package vcov

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		err  string
	}{
		{"", "iid", ""},
		{"iid", "iid", ""},
		{"HC1", "hc1", ""},
		{"robust", "hc1", ""},
		{"cluster:firm", "cluster:firm", ""},
		{"cluster: firm + year", "cluster:firm+year", ""},
		{"cluster:", "", "empty cluster variable"},
		{"cluster:a+", "", "empty cluster variable"},
		{"cluster:a+b+c", "", "at most two"},
		{"cluster:a+a", "", "the same"},
		{"hc3", "", "unknown estimator"},
	} {
		s, err := Parse(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Parse(%q) error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || s.String() != tc.want {
			t.Errorf("Parse(%q) = %v, %v; want %s", tc.in, s, err, tc.want)
		}
	}
}

// TestMeatBruteForce compares Meat with the definition Σ_g S_g S_g'.
func TestMeatBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	n, k, g := 50, 3, 7
	scores := make([][]float64, k)
	for j := range scores {
		scores[j] = make([]float64, n)
		for i := range scores[j] {
			scores[j][i] = rng.NormFloat64()
		}
	}
	codes := make([]int, n)
	for i := range codes {
		codes[i] = rng.IntN(g)
	}
	m := Meat(scores, codes, g)
	for a := 0; a < k; a++ {
		for b := 0; b < k; b++ {
			var want float64
			for c := 0; c < g; c++ {
				var sa, sb float64
				for i := 0; i < n; i++ {
					if codes[i] == c {
						sa += scores[a][i]
						sb += scores[b][i]
					}
				}
				want += sa * sb
			}
			if math.Abs(m.At(a, b)-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("meat[%d,%d] = %g, want %g", a, b, m.At(a, b), want)
			}
		}
	}
	// Every observation its own cluster equals the HC meat.
	own := make([]int, n)
	for i := range own {
		own[i] = i
	}
	if !mat.EqualApprox(Meat(scores, own, n), Meat(scores, nil, 0), 1e-12) {
		t.Error("singleton clusters differ from the heteroskedasticity-robust meat")
	}
}

func TestComputeErrors(t *testing.T) {
	bread := mat.NewSymDense(1, []float64{1})
	scores := [][]float64{{1, 2, 3}}
	if _, err := Compute(Spec{Kind: Cluster, Clusters: []string{"firm"}}, Input{Bread: bread, Scores: scores, N: 3, K: 1, Clusters: [][]int{{0, 0, 0}}}); err == nil || !strings.Contains(err.Error(), `"firm" has 1 cluster`) {
		t.Errorf("one cluster: err = %v", err)
	}
	if _, err := Compute(Spec{Kind: IID}, Input{Bread: bread, N: 3, K: 3, RSS: 1}); err == nil || !strings.Contains(err.Error(), "no residual degrees of freedom") {
		t.Errorf("N = K: err = %v", err)
	}
}

// TestTwoWayPSDFix builds a two-way clustered case whose CGM covariance is
// not positive semi-definite and checks the eigenvalue fix and its note.
func TestTwoWayPSDFix(t *testing.T) {
	// Scores chosen so that the intersection meat dominates: every
	// observation is its own (c1, c2) cell and c1, c2 sums cancel.
	scores := [][]float64{{1, -1, -1, 1}, {1, 1, -1, -1}}
	c1 := []int{0, 0, 1, 1}
	c2 := []int{0, 1, 0, 1}
	bread := mat.NewSymDense(2, []float64{1, 0, 0, 1})
	r, err := Compute(Spec{Kind: Cluster, Clusters: []string{"a", "b"}}, Input{Bread: bread, Scores: scores, N: 4, K: 1, Clusters: [][]int{c1, c2}})
	if err != nil {
		t.Fatal(err)
	}
	var eig mat.EigenSym
	eig.Factorize(r.V, false)
	for _, v := range eig.Values(nil) {
		if v < -1e-12 {
			t.Errorf("eigenvalue %g < 0 after the fix", v)
		}
	}
	if len(r.Notes) != 1 || r.DF != 1 {
		t.Errorf("notes %v, df %d", r.Notes, r.DF)
	}
}

// TestInference checks t, p and the CI against values from R:
// 2*pt(-2, 10) = 0.0733880347707404, qt(0.975, 10) = 2.22813885198627.
func TestInference(t *testing.T) {
	r := &Result{V: mat.NewSymDense(1, []float64{0.25}), DF: 10}
	inf := r.Inference([]float64{1})
	if math.Abs(inf.T[0]-2) > 1e-15 || math.Abs(inf.P[0]-0.0733880347707404) > 1e-12 ||
		math.Abs(inf.Hi[0]-(1+0.5*2.22813885198627)) > 1e-12 {
		t.Errorf("inference %+v", inf)
	}
}
