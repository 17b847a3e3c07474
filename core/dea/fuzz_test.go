package dea

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// FuzzEfficiency decodes a small frontier and an outside DMU from bytes and
// checks every returned score with an optimality certificate (primal
// feasibility, dual feasibility and equal objectives; for infeasible
// programs a Farkas vector from phase 1) and against DEA identities: members
// score in (0, 1]; CRS ≤ VRS; CRS input and output scores agree; only VRS
// programs of outside DMUs may be infeasible.
//
// gonum's lp.Simplex is not used here: the fuzzer finds degenerate programs
// on which it cycles forever (see TestEfficiencyAgainstGonum for the
// comparison on random data).
func FuzzEfficiency(f *testing.F) {
	f.Add([]byte{3, 1, 1, 10, 20, 30, 40, 50, 60, 7, 9})
	f.Add([]byte{5, 2, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 200, 1, 3})
	f.Add([]byte{4, 2, 2, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16})
	f.Add([]byte{1, 1, 1, 0, 0, 255, 255})
	// A degenerate program on which gonum v0.17.0's lp.Simplex cycles.
	f.Add([]byte("\x11\xac___\xb3\xb3\x8b\x98\x98\x98\x16\x16\x11\xd7u^"))
	f.Fuzz(func(t *testing.T, data []byte) { checkPrograms(t, data) })
}

// TestDegenerateStress runs the fuzz checks on 3000 byte strings drawn with a
// fixed seed from a small alphabet, so that DMUs repeat and nearly repeat
// (degenerate, ill-conditioned programs), and bounds the share of programs
// that fail numerically.
func TestDegenerateStress(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 12))
	reps := 3000
	if testing.Short() {
		reps = 300
	}
	alphabet := []byte{0, 48, 49, 50, 96, 128, 200, 255}
	total, failed := 0, 0
	for rep := 0; rep < reps; rep++ {
		b := make([]byte, 3+rng.IntN(60))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
			if i >= 3 && rng.IntN(4) == 0 {
				b[i] = byte(rng.IntN(256))
			}
		}
		n, f := checkPrograms(t, b)
		total += n
		failed += f
	}
	t.Logf("%d programs, %d failed numerically (%.3f%%)", total, failed, 100*float64(failed)/float64(total))
	if float64(failed) > 0.005*float64(total) {
		t.Errorf("%d of %d programs failed numerically; want at most 0.5%%", failed, total)
	}
}

// checkPrograms decodes data into a frontier and two DMUs, solves the eight
// programs of each and checks them; it returns the number of programs and of
// numerical failures.
func checkPrograms(t *testing.T, data []byte) (programs, failures int) {
	if len(data) < 3 {
		return
	}
	n := 1 + int(data[0])%12
	m := 1 + int(data[1])%3
	s := 1 + int(data[2])%3
	data = data[3:]
	next := func() float64 {
		if len(data) == 0 {
			return 1
		}
		v := data[0]
		data = data[1:]
		return math.Exp(float64(v)/32 - 4) // (0.018, 54.6): wide but sane
	}
	x := make([][]float64, n)
	y := make([][]float64, n)
	for j := 0; j < n; j++ {
		x[j] = make([]float64, m)
		y[j] = make([]float64, s)
		for i := range x[j] {
			x[j][i] = next()
		}
		for i := range y[j] {
			y[j][i] = next()
		}
	}
	x0, y0 := make([]float64, m), make([]float64, s)
	for i := range x0 {
		x0[i] = next()
	}
	for i := range y0 {
		y0[i] = next()
	}
	fr := NewFrontier(x, y)
	// sv solves over all DMUs (and is certified); gen uses column
	// generation from the DMUs found so far and must agree.
	sv := Solver{exhaustive: true}
	var gen Solver
	const tol = 1e-8
	for _, pt := range [][2][]float64{{x[0], y[0]}, {x0, y0}} {
		member := &pt[0][0] == &x[0][0]
		var te [2][2]float64 // [orientation][rts]
		for _, o := range []Orientation{Output, Input} {
			for _, r := range []RTS{CRS, VRS} {
				v, err := sv.Efficiency(fr, pt[0], pt[1], o, r)
				te[o][r] = v
				programs++
				vg, gerr := gen.Efficiency(fr, pt[0], pt[1], o, r)
				if err == nil && gerr == nil && math.Abs(v-vg) > tol*math.Max(1, v) {
					t.Fatalf("%v %v: column generation %.12g, all columns %.12g", o, r, vg, v)
				}
				if errors.Is(err, ErrInfeasible) != errors.Is(gerr, ErrInfeasible) {
					t.Fatalf("%v %v: column generation %v, all columns %v", o, r, gerr, err)
				}
				switch {
				case errors.Is(err, ErrInfeasible):
					if r == CRS || member {
						t.Fatalf("%v %v infeasible (member %v)", o, r, member)
					}
					certifyInfeasible(t, &sv.lp, fmt.Sprintf("%v %v member=%v", o, r, member))
					continue
				case errors.Is(err, ErrNumerical):
					// Allowed on pathological data, as long as it is
					// reported (NaN) rather than a wrong score; the
					// rate is measured by TestDegenerateStress.
					if !math.IsNaN(v) {
						t.Fatalf("%v %v: ErrNumerical with te %g", o, r, v)
					}
					failures++
					continue
				case err != nil:
					t.Fatalf("%v %v: %v", o, r, err)
				}
				certifyOptimal(t, &sv.lp, fmt.Sprintf("%v %v member=%v", o, r, member))
				if !(v > 0) || math.IsInf(v, 0) {
					t.Fatalf("%v %v: te %g not positive and finite", o, r, v)
				}
				if member && v > 1+tol {
					t.Fatalf("%v %v: member scores %g > 1", o, r, v)
				}
			}
			if !math.IsNaN(te[o][VRS]) && te[o][CRS] > te[o][VRS]*(1+tol) {
				t.Fatalf("%v: CRS %g above VRS %g", o, te[o][CRS], te[o][VRS])
			}
		}
		if math.Abs(te[Output][CRS]-te[Input][CRS]) > tol*math.Max(1, te[Input][CRS]) {
			t.Fatalf("CRS output %g, input %g", te[Output][CRS], te[Input][CRS])
		}
	}
	return programs, failures
}

// certifyOptimal checks that the simplex's last solution x and multipliers
// y prove optimality: Ax = b, x ≥ 0, c − A'y ≥ 0 and c'x = b'y.
func certifyOptimal(t *testing.T, s *simplex, what string) {
	t.Helper()
	const tol = 1e-8
	k, n := s.k, s.n
	cx, yb := 0.0, 0.0
	for i := 0; i < k; i++ {
		// Residual relative to the size of the row's terms (backward error).
		ax, scale := 0.0, math.Abs(s.b[i])
		for j := 0; j < n; j++ {
			ax += s.a[j*k+i] * s.x[j]
			scale += math.Abs(s.a[j*k+i] * s.x[j])
		}
		if math.Abs(ax-s.b[i]) > tol*math.Max(1, scale) {
			t.Fatalf("%s: row %d: Ax = %g, b = %g", what, i, ax, s.b[i])
		}
		yb += s.y[i] * s.b[i]
	}
	// Nonnegativity holds up to rounding amplified by the spread of the
	// coefficients (ratios of the data to the evaluated DMU's values).
	amax, xmax := 1.0, 1.0
	for j := 0; j < n; j++ {
		xmax = math.Max(xmax, math.Abs(s.x[j]))
		for i := 0; i < k; i++ {
			amax = math.Max(amax, math.Abs(s.a[j*k+i]))
		}
	}
	for j := 0; j < n; j++ {
		if s.x[j] < -1e-10*amax*xmax {
			t.Fatalf("%s: x[%d] = %g < 0; x = %v", what, j, s.x[j], s.x[:n])
		}
		// Reduced cost, with a tolerance relative to the magnitude of its
		// terms (coefficients are ratios that can reach 1e3).
		d, scale := s.c[j], math.Abs(s.c[j])
		for i := 0; i < k; i++ {
			d -= s.y[i] * s.a[j*k+i]
			scale += math.Abs(s.y[i] * s.a[j*k+i])
		}
		if d < -tol*math.Max(1, scale) {
			t.Fatalf("%s: column %d: reduced cost %g < 0; basis %v pos %v y %v xb %v iters %d", what, j, d, s.basis, s.pos, s.y, s.xb, s.iters)
		}
		cx += s.c[j] * s.x[j]
	}
	if math.Abs(cx-yb) > tol*math.Max(1, math.Abs(cx)) {
		t.Fatalf("%s: duality gap: c'x = %g, b'y = %g", what, cx, yb)
	}
}

// certifyInfeasible checks the phase-1 multipliers y as a Farkas vector:
// A'y ≤ 0 and b'y > 0 prove that Ax = b, x ≥ 0 has no solution.
func certifyInfeasible(t *testing.T, s *simplex, what string) {
	t.Helper()
	const tol = 1e-9
	k, n := s.k, s.n
	yb := 0.0
	for i := 0; i < k; i++ {
		yb += s.y[i] * s.b[i]
	}
	if !(yb > tol) {
		t.Fatalf("%s: infeasible, but b'y = %g", what, yb)
	}
	for j := 0; j < n; j++ {
		v, scale := 0.0, 0.0
		for i := 0; i < k; i++ {
			v += s.y[i] * s.a[j*k+i]
			scale += math.Abs(s.y[i] * s.a[j*k+i])
		}
		if v > tol*math.Max(1, scale) {
			t.Fatalf("%s: infeasible, but column %d has a'y = %g > 0", what, j, v)
		}
	}
}
