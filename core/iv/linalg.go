package iv

import (
	"errors"
	"math"

	"github.com/wiodlab/wiodlab/core/internal/eigen"
	"gonum.org/v1/gonum/mat"
)

// Small dense helpers on column-major data: a variable is a []float64 of
// length N and a block of variables is a [][]float64.

var errSingular = errors.New("iv: singular matrix")

// crossSym returns A'A for the columns a.
func crossSym(a [][]float64) *mat.SymDense {
	k := len(a)
	s := mat.NewSymDense(k, nil)
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			s.SetSym(i, j, dot(a[i], a[j]))
		}
	}
	return s
}

// cross returns A'B (cols(a) × cols(b)).
func cross(a, b [][]float64) *mat.Dense {
	if len(a) == 0 || len(b) == 0 {
		panic("iv: cross product of an empty block")
	}
	m := mat.NewDense(len(a), len(b), nil)
	for i := range a {
		for j := range b {
			m.Set(i, j, dot(a[i], b[j]))
		}
	}
	return m
}

func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s float64
	for i, v := range x {
		s += v * y[i]
	}
	return s
}

// cholSolve solves S X = B for symmetric positive definite S.
func cholSolve(s *mat.SymDense, b mat.Matrix) (*mat.Dense, error) {
	var ch mat.Cholesky
	if !ch.Factorize(s) {
		return nil, errSingular
	}
	var x mat.Dense
	if err := ch.SolveTo(&x, b); err != nil {
		return nil, err
	}
	return &x, nil
}

// cholInv returns S⁻¹ for symmetric positive definite S.
func cholInv(s *mat.SymDense) (*mat.SymDense, error) {
	var ch mat.Cholesky
	if !ch.Factorize(s) {
		return nil, errSingular
	}
	var inv mat.SymDense
	if err := ch.InverseTo(&inv); err != nil {
		return nil, err
	}
	return &inv, nil
}

// luSolve solves A X = B by LU decomposition, for symmetric matrices that
// need not be positive definite (a two-way clustered meat can be
// indefinite); it fails when A is singular to working precision.
func luSolve(a mat.Matrix, b mat.Matrix) (*mat.Dense, error) {
	var lu mat.LU
	lu.Factorize(a)
	if c := lu.Cond(); math.IsInf(c, 1) || c > 1e15 {
		return nil, errSingular
	}
	var x mat.Dense
	if err := lu.SolveTo(&x, false, b); err != nil {
		return nil, err
	}
	return &x, nil
}

// quadInv returns b' S⁻¹ b for a symmetric nonsingular S; NaN when S is
// singular.
func quadInv(s *mat.SymDense, b []float64) float64 {
	x, err := luSolve(s, mat.NewVecDense(len(b), append([]float64(nil), b...)))
	if err != nil {
		return math.NaN()
	}
	var q float64
	for i, v := range b {
		q += v * x.At(i, 0)
	}
	return q
}

// mulCols returns the columns of A·M for columns a (N×p) and M (p×q).
func mulCols(a [][]float64, m mat.Matrix) [][]float64 {
	_, q := m.Dims()
	n := 0
	if len(a) > 0 {
		n = len(a[0])
	}
	out := make([][]float64, q)
	for j := 0; j < q; j++ {
		c := make([]float64, n)
		for p, col := range a {
			f := m.At(p, j)
			if f == 0 {
				continue
			}
			for i, v := range col {
				c[i] += f * v
			}
		}
		out[j] = c
	}
	return out
}

// orthoBasis is an orthonormal basis (modified Gram–Schmidt) of a set of
// columns, used to project variables off the exogenous regressors.
type orthoBasis struct {
	q [][]float64
}

// residual returns v minus its projection on the basis (v is not modified).
// Two passes of Gram–Schmidt keep the result orthogonal to working precision.
func (b *orthoBasis) residual(v []float64) []float64 {
	r := append([]float64(nil), v...)
	for pass := 0; pass < 2; pass++ {
		for _, q := range b.q {
			c := dot(q, r)
			for i := range r {
				r[i] -= c * q[i]
			}
		}
	}
	return r
}

// tryAdd adds v to the basis when its residual keeps more than tol of its sum
// of squares (relative to ref, the sum of squares that measures its scale)
// and reports whether it did.
func (b *orthoBasis) tryAdd(v []float64, ref, tol float64) bool {
	r := b.residual(v)
	ss := dot(r, r)
	if !(ss > tol*ref) || ref == 0 {
		return false
	}
	s := 1 / math.Sqrt(ss)
	for i := range r {
		r[i] *= s
	}
	b.q = append(b.q, r)
	return true
}

// symSqrt returns the symmetric square root of a symmetric positive
// semi-definite matrix (negative rounding-error eigenvalues are set to zero).
func symSqrt(a *mat.SymDense) (*mat.Dense, error) {
	vals, u, ok := eigen.Sym(a, true)
	if !ok {
		return nil, errors.New("iv: eigendecomposition failed")
	}
	n := len(vals)
	out := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for k, l := range vals {
				s += u.At(i, k) * math.Sqrt(math.Max(l, 0)) * u.At(j, k)
			}
			out.Set(i, j, s)
		}
	}
	return out, nil
}

// symOf returns the symmetric part of a square matrix.
func symOf(m mat.Matrix) *mat.SymDense {
	r, _ := m.Dims()
	s := mat.NewSymDense(r, nil)
	for i := 0; i < r; i++ {
		for j := i; j < r; j++ {
			s.SetSym(i, j, 0.5*(m.At(i, j)+m.At(j, i)))
		}
	}
	return s
}
