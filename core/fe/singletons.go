package fe

import "fmt"

// Singletons returns a mask of the observations to keep after iteratively
// dropping singletons (observations alone in their level of some dimension),
// and the number dropped. codes[d][i] is the level of observation i in
// dimension d, in 0..levels[d]−1.
func Singletons(codes [][]int, levels []int) (keep []bool, dropped int) {
	checkCodes(codes, levels)
	if len(codes) == 0 {
		return nil, 0
	}
	n := len(codes[0])
	keep = make([]bool, n)
	for i := range keep {
		keep[i] = true
	}
	counts := make([][]int, len(codes))
	for d := range codes {
		counts[d] = make([]int, levels[d])
		for _, c := range codes[d] {
			counts[d][c]++
		}
	}
	for {
		changed := false
		for i := 0; i < n; i++ {
			if !keep[i] {
				continue
			}
			single := false
			for d := range codes {
				if counts[d][codes[d][i]] == 1 {
					single = true
					break
				}
			}
			if single {
				keep[i] = false
				dropped++
				changed = true
				for d := range codes {
					counts[d][codes[d][i]]--
				}
			}
		}
		if !changed {
			return keep, dropped
		}
	}
}

// Recode returns the codes of the kept observations (keep nil: all)
// renumbered densely in order of first appearance, and the number of levels
// left. When nothing is dropped and every level 0..max occurs, codes itself
// is returned (not copied).
func Recode(codes []int, keep []bool) ([]int, int) {
	mx := -1
	for _, c := range codes {
		mx = max(mx, c)
	}
	if keep == nil {
		seen := make([]bool, mx+1)
		g := 0
		for _, c := range codes {
			if !seen[c] {
				seen[c] = true
				g++
			}
		}
		if g == mx+1 {
			return codes, g
		}
	}
	idx := make([]int, mx+1)
	for i := range idx {
		idx[i] = -1
	}
	n := len(codes)
	if keep != nil {
		n = 0
		for _, k := range keep {
			if k {
				n++
			}
		}
	}
	out := make([]int, 0, n)
	g := 0
	for i, c := range codes {
		if keep != nil && !keep[i] {
			continue
		}
		if idx[c] < 0 {
			idx[c] = g
			g++
		}
		out = append(out, idx[c])
	}
	return out, g
}

func checkCodes(codes [][]int, levels []int) {
	if len(codes) != len(levels) {
		panic(fmt.Sprintf("fe: %d code slices for %d level counts", len(codes), len(levels)))
	}
	for d := range codes {
		if len(codes[d]) != len(codes[0]) {
			panic("fe: code slices of different lengths")
		}
		for _, c := range codes[d] {
			if c < 0 || c >= levels[d] {
				panic(fmt.Sprintf("fe: code %d outside 0..%d in dimension %d", c, levels[d]-1, d))
			}
		}
	}
}
