package fe

import (
	"context"
	"fmt"
	"math"
)

// project applies P_d, the removal of the (weighted) group means of
// dimension d: dst = src − mean_d(src). dst may be src.
func (a *Absorber) project(d int, dst, src, buf []float64) {
	cd := a.codes[d]
	sum := buf[:a.levels[d]]
	clear(sum)
	if a.w == nil {
		for i, c := range cd {
			sum[c] += src[i]
		}
	} else {
		for i, c := range cd {
			sum[c] += a.w[i] * src[i]
		}
	}
	inv := a.inv[d]
	for j := range sum {
		sum[j] *= inv[j]
	}
	for i, c := range cd {
		dst[i] = src[i] - sum[c]
	}
}

// applyA computes dst = (I − T_s) src, with T_s = P_1 P_2 … P_k … P_2 P_1
// the symmetric sweep, self-adjoint in the W inner product. tmp is scratch.
func (a *Absorber) applyA(dst, src, tmp, buf []float64) {
	k := len(a.codes)
	a.project(0, tmp, src, buf)
	for d := 1; d < k; d++ {
		a.project(d, tmp, tmp, buf)
	}
	for d := k - 2; d >= 0; d-- {
		a.project(d, tmp, tmp, buf)
	}
	for i, v := range src {
		dst[i] = v - tmp[i]
	}
}

func (a *Absorber) dot(u, v []float64) float64 {
	var s float64
	if a.w == nil {
		for i, x := range u {
			s += x * v[i]
		}
		return s
	}
	for i, x := range u {
		s += a.w[i] * x * v[i]
	}
	return s
}

// demeanCG writes to x the residual of src by conjugate gradients (Correia
// 2017's accelerated symmetric Kaczmarz): with A = I − T_s, positive
// definite on the span of the dummies, it solves A u = A src for u in that
// span, so that u is the projection of src on the dummies and x = src − u.
// It stops when ‖r‖_W ≤ Tol·‖A src‖_W. It returns the number of
// applications of A (each costs 2k − 1 projections).
func (a *Absorber) demeanCG(ctx context.Context, x, src []float64, w *scratch) (int, error) {
	n := a.n
	if len(w.cg) < 5*n {
		w.cg = make([]float64, 5*n)
	}
	u, r, p, q, tmp := w.cg[:n], w.cg[n:2*n], w.cg[2*n:3*n], w.cg[3*n:4*n], w.cg[4*n:5*n]
	a.applyA(r, src, tmp, w.buf) // r = b = A src (u = 0)
	rr := a.dot(r, r)
	bnorm := math.Sqrt(rr)
	if bnorm == 0 {
		copy(x, src)
		return 1, nil
	}
	tol, maxIter := a.limits()
	clear(u)
	copy(p, r)
	for it := 1; it <= maxIter; it++ {
		if it%32 == 0 && ctx != nil {
			if err := ctx.Err(); err != nil {
				return it, err
			}
		}
		a.applyA(q, p, tmp, w.buf)
		pq := a.dot(p, q)
		if !(pq > 0) {
			// p is (numerically) in the null space of A: nothing left to do.
			for i, v := range src {
				x[i] = v - u[i]
			}
			return it, nil
		}
		alpha := rr / pq
		for i := range u {
			u[i] += alpha * p[i]
			r[i] -= alpha * q[i]
		}
		rrNew := a.dot(r, r)
		if math.Sqrt(rrNew) <= tol*bnorm {
			for i, v := range src {
				x[i] = v - u[i]
			}
			return it + 1, nil
		}
		beta := rrNew / rr
		rr = rrNew
		for i := range p {
			p[i] = r[i] + beta*p[i]
		}
	}
	return maxIter, fmt.Errorf("fe: conjugate gradients did not converge in %d iterations (tolerance %g); the fixed effects may be nearly collinear or MaxIter too small", maxIter, tol)
}
