package dpd_test

import (
	"fmt"

	"github.com/wiodlab/wiodlab/core/dpd"
)

// The regressors of Arellano & Bond (1991) Table 4 in Stata's operator
// notation, as in Roodman's (2009) xtabond2 replication.
func ExampleParseTerms() {
	ts, err := dpd.ParseTerms("L(1/2).n L(0/1).w L(0/2).(k ys)")
	if err != nil {
		panic(err)
	}
	for _, t := range ts {
		fmt.Print(t.Name(), " ")
	}
	fmt.Println()
	// Output: L.n L2.n w L.w k L.k L2.k ys L.ys L2.ys
}

// xtabond2's gmm() defaults: lag(1 .), both equations.
func ExampleParseGMM() {
	g, err := dpd.ParseGMM("L.n")
	if err != nil {
		panic(err)
	}
	fmt.Println(g)
	c, _ := dpd.ParseGMM("n w, lag(2 4) collapse eq(diff)")
	fmt.Println(c)
	// Output:
	// gmm(L.n, lag(1 .))
	// gmm(n w, lag(2 4) collapse eq(diff))
}
