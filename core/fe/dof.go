package fe

// DoF is the count of parameters absorbed by fixed effects (see the package
// documentation for the rule).
type DoF struct {
	Levels    []int  // levels of each dimension
	Redundant []int  // levels redundant (intercept or mobility groups) per dimension
	Nested    []bool // dimension nested within one of the cluster variables
	// Absorbed = Σ (Levels − Redundant), excluding the intercept: for iid
	// and hc1 inference.
	Absorbed int
	// AbsorbedCluster is Absorbed with dimensions nested within a cluster
	// variable left out (and redundancy recomputed among the others).
	AbsorbedCluster int
	// RedundantCluster are the redundant counts used for AbsorbedCluster
	// (zero for nested dimensions, which are not counted at all).
	RedundantCluster []int
}

// Count returns the degrees of freedom absorbed by the dimensions codes
// (levels as in New) given cluster codes (possibly none).
func Count(codes [][]int, levels []int, clusters [][]int) DoF {
	checkCodes(codes, levels)
	k := len(codes)
	d := DoF{Levels: append([]int(nil), levels...), Redundant: make([]int, k), Nested: make([]bool, k), RedundantCluster: make([]int, k)}
	all := make([]int, k)
	for j := range all {
		all[j] = j
	}
	d.Absorbed = absorbed(codes, levels, all, d.Redundant)
	var open []int
	for j := range codes {
		for _, cl := range clusters {
			if nestedIn(codes[j], levels[j], cl) {
				d.Nested[j] = true
				break
			}
		}
		if !d.Nested[j] {
			open = append(open, j)
		}
	}
	d.AbsorbedCluster = absorbed(codes, levels, open, d.RedundantCluster)
	return d
}

// absorbed returns Σ (levels − redundant) over dims, recording redundancy.
func absorbed(codes [][]int, levels []int, dims []int, red []int) int {
	total := 0
	for i, j := range dims {
		r := 1
		if i > 0 {
			r = components(codes[dims[0]], levels[dims[0]], codes[j], levels[j])
		}
		red[j] = r
		total += levels[j] - r
	}
	return total
}

// nestedIn reports whether every level of codes lies within one cluster.
func nestedIn(codes []int, g int, cluster []int) bool {
	of := make([]int, g)
	for i := range of {
		of[i] = -1
	}
	for i, c := range codes {
		switch of[c] {
		case -1:
			of[c] = cluster[i]
		case cluster[i]:
		default:
			return false
		}
	}
	return true
}

// components counts the connected components of the bipartite graph whose
// nodes are the levels of a and b, with an edge for each observation.
func components(a []int, ga int, b []int, gb int) int {
	parent := make([]int, ga+gb)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	n := ga + gb
	for i := range a {
		ra, rb := find(a[i]), find(ga+b[i])
		if ra != rb {
			parent[ra] = rb
			n--
		}
	}
	return n
}
