#!/usr/bin/python3
"""Golden eigendecompositions for core/internal/eigen, from numpy.linalg.eigh
(LAPACK dsyevd). Run with Debian's python (numpy):

    /usr/bin/python3 gen_golden.py > golden.json

Each case stores the full symmetric matrix "a" (row-major; omitted when
"formula" is true, see below), numpy's ascending
eigenvalues "values" and, for n <= 60, its eigenvectors "vectors" (row-major,
column j belongs to values[j]). Numbers are written with repr, so they round
trip exactly.
"""
import json
import sys

import numpy as np

rng = np.random.default_rng(20261201)


def orth(n):
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def with_spectrum(lam):
    q = orth(len(lam))
    a = (q * lam) @ q.T
    return (a + a.T) / 2


def random_sym(n):
    a = rng.standard_normal((n, n))
    return (a + a.T) / 2


cases = []


def add(name, a, vectors=True):
    a = np.asarray(a, dtype=float)
    w, v = np.linalg.eigh(a)
    c = {"name": name, "n": a.shape[0], "a": a.ravel().tolist(), "values": w.tolist()}
    if vectors:
        c["vectors"] = v.ravel().tolist()
    cases.append(c)


for n in [1, 2, 3, 4, 5, 7, 10, 16, 25, 40, 60]:
    add("random n=%d" % n, random_sym(n))
for n, r in [(6, 2), (20, 5), (40, 39), (60, 10)]:
    x = rng.standard_normal((n, r))
    add("psd rank %d n=%d" % (r, n), x @ x.T)
for n in [5, 12, 30, 50]:
    lam = np.logspace(-12, 12, n) * rng.choice([-1, 1], n)
    add("graded 1e-12..1e12 n=%d" % n, with_spectrum(lam))
for n in [8, 24, 45]:
    lam = np.repeat([-2.0, 1.0, 3.0], n // 3).astype(float)
    add("repeated n=%d" % n, with_spectrum(lam))
    lam = np.concatenate([1 + 1e-10 * rng.standard_normal(n // 2), 5 + rng.standard_normal(n - n // 2)])
    add("clustered n=%d" % n, with_spectrum(lam))
add("diagonal n=9", np.diag(rng.standard_normal(9)))
add("zero n=6", np.zeros((6, 6)))
add("identity n=5", np.eye(5))
t = np.diag(rng.standard_normal(30)) + np.diag(rng.standard_normal(29), 1)
add("tridiagonal n=30", t + np.triu(t, 1).T)
# Wilkinson's W21+ (the classic close-pair test matrix).
w = np.diag(np.abs(np.arange(-10, 11)).astype(float)) + np.diag(np.ones(20), 1) + np.diag(np.ones(20), -1)
add("wilkinson W21+", w)
add("scaled 1e200 n=10", random_sym(10) * 1e200)
add("scaled 1e-200 n=10", random_sym(10) * 1e-200)
# The order-200 case is not stored: its entries are the exact
# ((i+1)·(j+1)·7919 mod 1009)/1009 − 1/2 (integer arithmetic, then one IEEE
# division and subtraction), which the Go test recomputes (formulaMatrix).
i = np.arange(1, 201)
f = ((np.outer(i, i) * 7919) % 1009) / 1009.0 - 0.5
add("formula n=200", f, vectors=False)
cases[-1]["formula"] = True
del cases[-1]["a"]

json.dump({"generator": "numpy %s numpy.linalg.eigh" % np.__version__, "seed": 20261201, "cases": cases}, sys.stdout)
