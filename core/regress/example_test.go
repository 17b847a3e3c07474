package regress_test

import (
	"context"
	"fmt"

	"github.com/wiodlab/wiodlab/core/regress"
)

// A one-way fixed-effect regression. Values from R:
// d <- data.frame(id=c(1,1,1,2,2,2), x=c(1,2,3,2,4,7), y=c(2,3,5,4,7,9));
// m <- lm(y ~ x + factor(id), d) gives x 1.0455 (0.1721), and
// mean(d$y) - mean(d$x) * coef(m)["x"] = 1.6894 is Stata's _cons, with
// standard error sqrt(s2 * solve(crossprod(cbind(xt, 1)))[2, 2]) = 0.6077,
// s2 = sum(residuals(m)^2) / m$df.residual and
// xt = residuals(lm(x ~ factor(id), d)) + mean(d$x).
func ExampleModel_Fit() {
	m := &regress.Model{
		YName: "y", Y: []float64{2, 3, 5, 4, 7, 9},
		XNames: []string{"x"}, X: [][]float64{{1, 2, 3, 2, 4, 7}},
		Intercept: true,
		FENames:   []string{"id"}, FE: [][]int{{0, 0, 0, 1, 1, 1}}, FELevels: []int{2},
	}
	r, err := m.Fit(context.Background(), regress.Options{})
	if err != nil {
		panic(err)
	}
	for i, name := range r.Names {
		fmt.Printf("%-5s %.4f (%.4f)\n", name, r.Coef[i], r.SE[i])
	}
	fmt.Println("N =", r.N, "K =", r.K)
	// Output:
	// x     1.0455 (0.1721)
	// _cons 1.6894 (0.6077)
	// N = 6 K = 3
}
