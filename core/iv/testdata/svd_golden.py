#!/usr/bin/python3
"""Golden singular value decompositions for core/iv's svdFull (svd_test.go),
from numpy.linalg.svd (LAPACK dgesdd), full_matrices=True. Writes
svd_golden.json. Run: cd core/iv/testdata && /usr/bin/python3 svd_golden.py

Each case stores the matrix a (m x n, m >= n, as rows), numpy's singular
values s (descending), u (m x m) and v (n x n, v = vt'). The Go test compares
singular values to 1e-13 relative to s_max, singular vectors up to sign
where the gap to the other singular values makes them well determined, the
span of the last m-n columns of u by its projector, and U S V' = a.
"""
import json
import numpy as np

rng = np.random.default_rng(20261201)
cases = []


def orth(m):
    q, r = np.linalg.qr(rng.standard_normal((m, m)))
    return q * np.sign(np.diag(r))


def add(name, a):
    a = np.asarray(a, dtype=float)
    u, s, vt = np.linalg.svd(a, full_matrices=True)
    cases.append({"name": name, "a": a.tolist(), "s": s.tolist(),
                  "u": u.tolist(), "v": vt.T.tolist()})


def with_values(m, n, s):
    """U0 diag(s) V0' with random orthogonal U0 (m x m), V0 (n x n)."""
    d = np.zeros((m, n))
    d[:n, :n] = np.diag(s)
    return orth(m) @ d @ orth(n).T


# Random Gaussian matrices of the shapes the rank test meets (L x K).
for m, n in [(1, 1), (4, 1), (2, 2), (3, 3), (5, 2), (8, 3), (12, 5), (7, 7), (20, 4)]:
    add(f"random {m}x{n}", rng.standard_normal((m, n)))

# Ill-conditioned: singular values spread over 12 orders of magnitude.
add("ill-conditioned 6x4", with_values(6, 4, np.logspace(0, -12, 4)))
add("ill-conditioned 10x6", with_values(10, 6, np.logspace(3, -9, 6)))
add("ill-conditioned 5x5", with_values(5, 5, [1, 1e-3, 1e-6, 1e-9, 1e-14]))
# Badly scaled columns (a well-conditioned matrix times diag(1e-8 .. 1e8)).
add("graded columns 7x3", rng.standard_normal((7, 3)) @ np.diag([1e-8, 1.0, 1e8]))
# Nearly equal singular values (vectors of the close pair are ill-determined).
add("close pair 6x3", with_values(6, 3, [2.0, 1.0 + 1e-9, 1.0]))
# Extreme scales (the Go code scales by a power of two first).
add("tiny 5x3", rng.standard_normal((5, 3)) * 1e-200)
add("huge 5x3", rng.standard_normal((5, 3)) * 1e200)

# Rank-deficient.
b = rng.standard_normal((6, 2))
add("rank 2 of 6x3", b @ rng.standard_normal((2, 3)))
a = rng.standard_normal((5, 3))
a[:, 1] = 0
add("zero column 5x3", a)
a = rng.standard_normal((4, 3))
a[:, 2] = a[:, 0]
add("duplicate column 4x3", a)
add("rank 1 of 5x4", np.outer(rng.standard_normal(5), rng.standard_normal(4)))
add("zero 3x2", np.zeros((3, 2)))

with open("svd_golden.json", "w") as f:
    json.dump({"generator": "numpy " + np.__version__ + " numpy.linalg.svd",
               "cases": cases}, f, indent=1)
