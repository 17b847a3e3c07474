"""Dense re-implementation of xtabond2's difference/system GMM, for goldens.

A second, independent implementation (numpy, dense Z, written from the
formulas in Roodman 2009 and Windmeijer 2005, not from the Go code) of the
conventions plm does not share with xtabond2: IV-style sets serving both
equations in one column, one-step non-robust variance, the Sargan statistic,
non-robust AR tests, h(3) with IV-style instruments, lag-limited and
collapsed sets side by side.

Run from core/dpd with Debian's python:
    /usr/bin/python3 testdata/gen_dense.py > testdata/dense.json
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats

path = sys.argv[1] if len(sys.argv) > 1 else "../../../shared/data/panels/emplUK.csv"
d = pd.read_csv(path)
d["n"], d["w"] = np.log(d.emp), np.log(d.wage)
d["k"], d["ys"] = np.log(d.capital), np.log(d.output)
years = list(range(int(d.year.min()), int(d.year.max()) + 1))
firms = sorted(d.firm.unique())
val = {(r.firm, r.year, v): getattr(r, v) for r in d.itertuples() for v in ("n", "w", "k", "ys")}


def get(var, f, t, lag=0, diff=0):
    """D^diff var at t-lag (nan if absent)."""
    t = t - lag
    if diff == 0:
        return val.get((f, t, var), np.nan)
    return get(var, f, t, 0, diff - 1) - get(var, f, t, 1, diff - 1)


def fit(spec):
    y, X, system = spec["y"], spec["x"], spec["system"]
    gmm, iv = spec["gmm"], spec["iv"]
    ivterms = [t for s in iv for t in s["vars"]]

    def complete(f, t):
        if np.isnan(get(y, f, t)):
            return False
        return all(not np.isnan(get(v, f, t, l)) for v, l in X + ivterms)

    rows = []  # (firm, year, is_level)
    for f in firms:
        rows += [(f, t, False) for t in years if complete(f, t) and complete(f, t - 1)]
        if system:
            rows += [(f, t, True) for t in years if complete(f, t)]

    # Regressors: X, _cons (system), year dummies, collinear dummies dropped latest-first scan.
    def xval(f, t, lev, v, l):
        return get(v, f, t, l) if lev else get(v, f, t, l, 1)

    cols = [[xval(f, t, lev, v, l) for (f, t, lev) in rows] for v, l in X]
    names = [("L%d." % l if l > 1 else "L." if l == 1 else "") + v for v, l in X]
    if system:
        cols.append([1.0 if lev else 0.0 for (_, _, lev) in rows])
        names.append("_cons")
    kept_dummies = []
    if spec["timedummies"]:
        base = np.array(cols).T
        for yr in reversed(years):
            c = [float(t == yr) - (0.0 if lev else float(t - 1 == yr)) for (_, t, lev) in rows]
            trial = np.column_stack([base, c])
            if np.linalg.matrix_rank(trial) > np.linalg.matrix_rank(base):
                base = trial
                kept_dummies.append((yr, c))
        kept_dummies.sort()
        for yr, c in kept_dummies:
            cols.append(c)
            names.append("yr%d" % yr)
    Xm = np.array(cols).T
    Y = np.array([get(y, f, t) if lev else get(y, f, t, 0, 1) for (f, t, lev) in rows])

    # Instruments, keyed; dense Z from the keys that are ever non-zero.
    zrows = []
    for (f, t, lev) in rows:
        z = {}
        for si, s in enumerate(gmm):
            hi = s["lagmax"] if s["lagmax"] is not None else len(years)
            for v in s["vars"]:
                if not lev:
                    for l in range(s["lagmin"], hi + 1):
                        x = get(v, f, t, l)
                        if not np.isnan(x):
                            z[("gd", si, v, l) if s["collapse"] else ("gd", si, v, t, l)] = x
                elif system:
                    x = get(v, f, t, s["lagmin"] - 1, 1)
                    if not np.isnan(x):
                        z[("gl", si, v) if s["collapse"] else ("gl", si, v, t)] = x
        for si, s in enumerate(iv):
            for v, l in s["vars"]:
                eq = s.get("eq", "both")
                if lev and eq in ("both", "level"):
                    z[("iv", si, v, l)] = get(v, f, t, l)
                if not lev and eq in ("both", "diff"):
                    z[("iv", si, v, l)] = get(v, f, t, l, 1)
        for yr, _ in kept_dummies:
            if lev and system:
                z[("yr", yr)] = float(t == yr)
            if not lev and not system:
                z[("yr", yr)] = float(t == yr) - float(t - 1 == yr)
        if lev:
            z[("cons",)] = 1.0
        zrows.append({k: v for k, v in z.items() if v != 0})
    keys = sorted({k for z in zrows for k in z}, key=repr)
    Z = np.array([[z.get(k, 0.0) for k in keys] for z in zrows])
    N, K, m = len(rows), Xm.shape[1], Z.shape[1]

    def H(a, b):
        (fa, ta, la), (fb, tb, lb) = rows[a], rows[b]
        if fa != fb:
            return 0.0
        if la and lb:
            return float(ta == tb)
        if not la and not lb:
            return {0: 2.0, 1: -1.0, -1: -1.0}.get(ta - tb, 0.0)
        td, tl = (tb, ta) if la else (ta, tb)  # differenced row period, level row period
        return 1.0 if tl == td else -1.0 if tl == td - 1 else 0.0

    Hm = np.array([[H(a, b) for b in range(N)] for a in range(N)])
    groups = [np.array([i for i, r in enumerate(rows) if r[0] == f]) for f in firms]
    groups = [g for g in groups if len(g)]

    def solve(W):
        B = np.linalg.inv(Xm.T @ Z @ W @ Z.T @ Xm)
        return B @ Xm.T @ Z @ W @ Z.T @ Y, B

    W1 = np.linalg.pinv(Z.T @ Hm @ Z)
    b1, B1 = solve(W1)
    e1 = Y - Xm @ b1
    S = sum(np.outer(Z[g].T @ e1[g], Z[g].T @ e1[g]) for g in groups)
    W2 = np.linalg.pinv(S)
    b2, B2 = solve(W2)
    e2 = Y - Xm @ b2
    diffrows = [i for i, r in enumerate(rows) if not r[2]]
    sig2 = (e1[diffrows] @ e1[diffrows]) / (2 * (len(diffrows) - K))
    V1 = sig2 * B1
    V1r = B1 @ Xm.T @ Z @ W1 @ S @ W1 @ Z.T @ Xm @ B1
    # Windmeijer: column k of D = dβ2/dβ1_k through W2(β1).
    ze2 = Z.T @ e2
    D = np.zeros((K, K))
    for k in range(K):
        dS = np.zeros((m, m))
        for g in groups:
            a, u = Z[g].T @ Xm[g, k], Z[g].T @ e1[g]
            dS -= np.outer(a, u) + np.outer(u, a)
        D[:, k] = -B2 @ Xm.T @ Z @ W2 @ dS @ W2 @ ze2
    V2 = B2
    V2w = B2 + D @ B2 + B2 @ D.T + D @ V1r @ D.T

    def ar(j, e, W, B, V, robust):
        lag = np.zeros(N)
        for i in diffrows:
            f, t, _ = rows[i]
            for i2 in diffrows:
                if rows[i2][0] == f and rows[i2][1] == t - j:
                    lag[i] = e[i2]
        ed = np.where([not r[2] for r in rows], e, 0.0)
        num = lag @ ed
        if robust:
            Om = np.zeros((N, N))
            for g in groups:
                Om[np.ix_(g, g)] = np.outer(e[g], e[g])
        else:
            Om = sig2 * Hm
        d1 = lag @ Om @ lag
        d2 = -2 * (lag @ Xm) @ B @ Xm.T @ Z @ W @ Z.T @ Om @ lag
        d3 = (lag @ Xm) @ V @ (Xm.T @ lag)
        z = num / np.sqrt(d1 + d2 + d3)
        return z, 2 * stats.norm.sf(abs(z))

    out = {"name": spec["name"], "wiodlab": spec["wiodlab"], "names": names,
           "ninstruments": m, "nobs": sum(1 for r in rows if r[2] == system), "sigma2": sig2}
    variants = {"onestep": (b1, V1, e1, W1, B1, False), "onestep_robust": (b1, V1r, e1, W1, B1, True),
                "twostep": (b2, V2, e2, W2, B2, True), "twostep_robust": (b2, V2w, e2, W2, B2, True)}
    for vn, (b, V, e, W, B, robust) in variants.items():
        a1, a2 = ar(1, e, W, B, V, robust), ar(2, e, W, B, V, robust)
        out[vn] = {"coef": dict(zip(names, b)), "se": dict(zip(names, np.sqrt(np.diag(V)))),
                   "ar1": a1[0], "ar1_p": a1[1], "ar2": a2[0], "ar2_p": a2[1]}
    ze1 = Z.T @ e1
    out["sargan"] = ze1 @ W1 @ ze1 / sig2
    out["hansen"] = ze2 @ W2 @ ze2
    out["df"] = m - K
    return out


specs = [
    {"name": "sys_iv_both", "y": "n", "x": [("n", 1), ("w", 0), ("w", 1), ("k", 0)], "system": True,
     "gmm": [{"vars": ["n"], "lagmin": 2, "lagmax": None, "collapse": False}],
     "iv": [{"vars": [("w", 0), ("w", 1), ("k", 0)]}], "timedummies": True,
     "wiodlab": {"x": "L.n w L.w k", "gmm": ["n, lag(2 .)"], "iv": ["w L.w k"], "nolevel": False, "timedummies": True}},
    {"name": "diff_mixed", "y": "n", "x": [("n", 1), ("n", 2), ("w", 0), ("k", 0), ("k", 1)], "system": False,
     "gmm": [{"vars": ["n"], "lagmin": 2, "lagmax": 4, "collapse": False},
             {"vars": ["k"], "lagmin": 2, "lagmax": None, "collapse": True}],
     "iv": [{"vars": [("w", 0)]}], "timedummies": True,
     "wiodlab": {"x": "L.n L2.n w k L.k", "gmm": ["n, lag(2 4)", "k, lag(2 .) collapse"], "iv": ["w"], "nolevel": True, "timedummies": True}},
    {"name": "sys_eq_split", "y": "n", "x": [("n", 1), ("w", 0), ("k", 0)], "system": True,
     "gmm": [{"vars": ["n"], "lagmin": 2, "lagmax": 3, "collapse": True}],
     "iv": [{"vars": [("w", 0)], "eq": "diff"}, {"vars": [("k", 0)], "eq": "level"}], "timedummies": False,
     "wiodlab": {"x": "L.n w k", "gmm": ["n, lag(2 3) collapse"], "iv": ["w, eq(diff)", "k, eq(level)"], "nolevel": False, "timedummies": False}},
]
res = {"source": "numpy %s, scipy; testdata/gen_dense.py" % np.__version__, "cases": [fit(s) for s in specs]}
print(json.dumps(res, indent=1))
