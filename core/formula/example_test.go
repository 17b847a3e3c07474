package formula_test

import (
	"fmt"

	"github.com/wiodlab/wiodlab/core/formula"
)

func ExampleParse() {
	f, err := formula.Parse("Var ~ Dig + L(1/2).scale | cn^ind + year | x ~ L.Dig + z")
	if err != nil {
		panic(err)
	}
	fmt.Println(f)
	for _, t := range f.X {
		fmt.Println(t.Name())
	}
	_, err = formula.Parse("y ~ x1 + + x2")
	fmt.Println(err)
	// Output:
	// Var ~ Dig + L.scale + L2.scale | cn^ind + year | x ~ L.Dig + z
	// Dig
	// L.scale
	// L2.scale
	// formula: unexpected "+" at column 10: y ~ x1 + + x2
	//                                                ^
}
