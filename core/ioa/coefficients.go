package ioa

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/wiodlab/wiodlab/core/wiod"
)

// Coefficients returns the direct (technical) coefficients A = Z·diag(x)⁻¹ of
// t (paper eq. 2; Miller and Blair 2009, eq. 2.4): a_ij = z_ij / x_j.
//
// A sector with zero gross output gets a zero column and a warning naming it,
// never NaN or Inf. Negative gross output, a non-finite cell of Z or x, and a
// Z or x whose size does not match the sector labels are errors naming the
// file and the country-industry.
func Coefficients(t *wiod.IOTable) (*mat.Dense, []string, error) {
	if err := validate(t); err != nil {
		return nil, nil, err
	}
	inv, warn := inverseOutput(t)
	return coefficients(t, inv), warn, nil
}

// inverseOutput returns 1/x_j (0 where x_j = 0) and the zero-output warning.
func inverseOutput(t *wiod.IOTable) ([]float64, []string) {
	inv := make([]float64, len(t.X))
	var zero []int
	for j, x := range t.X {
		if x == 0 {
			zero = append(zero, j)
			continue
		}
		inv[j] = 1 / x
	}
	if len(zero) == 0 {
		return inv, nil
	}
	return inv, []string{fmt.Sprintf("%s (%d): %d sector(s) with zero gross output get zero input coefficients and zero indicators: %s",
		t.Source, t.Year, len(zero), sectorList(t, zero))}
}

// coefficients returns A = Z·diag(inv).
func coefficients(t *wiod.IOTable, inv []float64) *mat.Dense {
	n := t.N()
	a := mat.NewDense(n, n, nil)
	raw, zr := a.RawMatrix(), t.Z.RawMatrix()
	for i := 0; i < n; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+n]
		zrow := zr.Data[i*zr.Stride : i*zr.Stride+n]
		for j, v := range zrow {
			row[j] = v * inv[j]
		}
	}
	return a
}

// validate checks the shapes and values of t.
func validate(t *wiod.IOTable) error {
	n := t.N()
	if n == 0 {
		return fmt.Errorf("ioa: %s (%d): the table has no sectors", t.Source, t.Year)
	}
	if len(t.Country) != n {
		return fmt.Errorf("ioa: %s (%d): %d country labels for %d industries", t.Source, t.Year, len(t.Country), n)
	}
	if t.Z == nil {
		return fmt.Errorf("ioa: %s (%d): no intermediate-use matrix Z", t.Source, t.Year)
	}
	if r, c := t.Z.Dims(); r != n || c != n {
		return fmt.Errorf("ioa: %s (%d): Z is %d×%d but there are %d sectors", t.Source, t.Year, r, c, n)
	}
	if len(t.X) != n {
		return fmt.Errorf("ioa: %s (%d): %d gross-output values for %d sectors", t.Source, t.Year, len(t.X), n)
	}
	seen := make(map[[2]string]int, n)
	for i := 0; i < n; i++ {
		k := [2]string{t.Country[i], t.Industry[i]}
		if p, dup := seen[k]; dup {
			return fmt.Errorf("ioa: %s (%d): sector %s appears twice (positions %d and %d); each country-industry must be unique", t.Source, t.Year, label(t, i), p+1, i+1)
		}
		seen[k] = i
	}
	for j, x := range t.X {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("ioa: %s (%d): gross output of %s is %v; fill it in or drop the sector", t.Source, t.Year, label(t, j), x)
		}
		if x < 0 {
			return fmt.Errorf("ioa: %s (%d): gross output of %s is negative (%g); input coefficients need x ≥ 0", t.Source, t.Year, label(t, j), x)
		}
	}
	zr := t.Z.RawMatrix()
	for i := 0; i < n; i++ {
		for j, v := range zr.Data[i*zr.Stride : i*zr.Stride+n] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("ioa: %s (%d): Z[%s, %s] is %v; intermediate use must be a finite number", t.Source, t.Year, label(t, i), label(t, j), v)
			}
		}
	}
	return nil
}

// label names sector i as country-industry, e.g. "DEU-C26".
func label(t *wiod.IOTable, i int) string {
	if t.Country[i] == "" {
		return t.Industry[i]
	}
	return t.Country[i] + "-" + t.Industry[i]
}

// sectorList names up to 12 sectors.
func sectorList(t *wiod.IOTable, idx []int) string {
	s := ""
	for k, i := range idx {
		if k == 12 {
			return s + fmt.Sprintf(", … (%d more)", len(idx)-12)
		}
		if k > 0 {
			s += ", "
		}
		s += label(t, i)
	}
	return s
}
