package vcov

import (
	"fmt"
	"strings"
)

// Kind names a covariance estimator.
type Kind int

const (
	IID     Kind = iota // homoskedastic
	HC1                 // heteroskedasticity-robust, N/(N−K) scaled
	Cluster             // one- or two-way cluster-robust
)

// Spec is a parsed covariance request: "iid", "hc1", "cluster:c1" or
// "cluster:c1+c2".
type Spec struct {
	Kind     Kind
	Clusters []string // cluster variable names (Kind == Cluster), 1 or 2
}

// String returns the canonical text of s, as accepted by Parse.
func (s Spec) String() string {
	switch s.Kind {
	case IID:
		return "iid"
	case HC1:
		return "hc1"
	}
	return "cluster:" + strings.Join(s.Clusters, "+")
}

// Parse reads a covariance request. The empty string means "iid". "robust"
// is accepted for "hc1" (Stata's name).
func Parse(text string) (Spec, error) {
	t := strings.TrimSpace(text)
	switch strings.ToLower(t) {
	case "", "iid", "ols", "unadjusted":
		return Spec{Kind: IID}, nil
	case "hc1", "robust":
		return Spec{Kind: HC1}, nil
	}
	low := strings.ToLower(t)
	if !strings.HasPrefix(low, "cluster:") && !strings.HasPrefix(low, "cl:") {
		return Spec{}, fmt.Errorf("vcov %q: unknown estimator; use iid, hc1, cluster:VAR or cluster:VAR1+VAR2", text)
	}
	rest := t[strings.Index(t, ":")+1:]
	var names []string
	for _, p := range strings.Split(rest, "+") {
		p = strings.TrimSpace(p)
		if p == "" {
			return Spec{}, fmt.Errorf("vcov %q: empty cluster variable name; use cluster:VAR or cluster:VAR1+VAR2", text)
		}
		names = append(names, p)
	}
	if len(names) > 2 {
		return Spec{}, fmt.Errorf("vcov %q: at most two cluster variables are supported", text)
	}
	if len(names) == 2 && names[0] == names[1] {
		return Spec{}, fmt.Errorf("vcov %q: the two cluster variables are the same", text)
	}
	return Spec{Kind: Cluster, Clusters: names}, nil
}
