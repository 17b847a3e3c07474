#!/usr/bin/python3
"""Golden values for core/dea: DEA efficiency scores by scipy.optimize.linprog
(method "highs") and the Malmquist index with DEAP 2.1's decomposition, on
panels drawn here with a fixed seed.

Run from core/dea:  /usr/bin/python3 testdata/gen_golden.py > testdata/golden.json
"""
import json
import math

import numpy as np
import scipy
from scipy.optimize import linprog

OPTS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


def te(X, Y, x0, y0, orientation, rts):
    """Farrell efficiency of (x0, y0) against reference DMUs X (n×m), Y (n×s).
    output: max phi, sum l x <= x0, sum l y >= phi y0; te = 1/phi.
    input:  min theta, sum l x <= theta x0, sum l y >= y0; te = theta.
    Returns None when infeasible."""
    n, m = X.shape
    s = Y.shape[1]
    # variables: lambda (n), score
    c = np.zeros(n + 1)
    A, b = [], []
    if orientation == "output":
        c[n] = -1.0
        for i in range(m):
            A.append(np.r_[X[:, i], 0.0]); b.append(x0[i])
        for r in range(s):
            A.append(np.r_[-Y[:, r], y0[r]]); b.append(0.0)
    else:
        c[n] = 1.0
        for i in range(m):
            A.append(np.r_[X[:, i], -x0[i]]); b.append(0.0)
        for r in range(s):
            A.append(np.r_[-Y[:, r], 0.0]); b.append(-y0[r])
    Aeq = beq = None
    if rts == "vrs":
        Aeq = [np.r_[np.ones(n), 0.0]]
        beq = [1.0]
    res = linprog(c, A_ub=np.array(A), b_ub=np.array(b), A_eq=Aeq, b_eq=beq,
                  bounds=[(0, None)] * (n + 1), method="highs", options=OPTS)
    if res.status == 2:
        return None
    assert res.status == 0, res.message
    v = res.x[n]
    return 1.0 / v if orientation == "output" else v


def panel(rng, groups, n, T, m, s):
    rows = []
    for g in range(groups):
        beta = rng.uniform(0.3, 0.6, size=m)
        for d in range(n):
            u = rng.lognormal(0.0, 0.5, size=m) * 10
            for t in range(T):
                x = u * np.exp(rng.normal(0.03 * t, 0.2, size=m))
                prod = math.exp(0.02 * t - abs(rng.normal(0, 0.3)))
                y = prod * np.prod(x ** beta) * rng.lognormal(0, 0.2, size=s)
                rows.append({"group": "g%d" % g if groups > 1 else "",
                             "dmu": "d%02d" % d, "time": 2000 + t,
                             "x": [float(v) for v in x], "y": [float(v) for v in y]})
    return rows


def malmquist(rows, orientation, m, s):
    out = []
    groups = []
    for r in rows:
        if r["group"] not in groups:
            groups.append(r["group"])
    times = sorted({r["time"] for r in rows})
    for g in groups:
        gr = [r for r in rows if r["group"] == g]
        ref = {}
        for t in times:
            sel = [r for r in gr if r["time"] == t]
            ref[t] = (np.array([r["x"] for r in sel]), np.array([r["y"] for r in sel]))
        dmus = []
        for r in gr:
            if r["dmu"] not in dmus:
                dmus.append(r["dmu"])
        for d in dmus:
            obs = {r["time"]: r for r in gr if r["dmu"] == d}
            tfp = 1.0
            for t0, t1 in zip(times[:-1], times[1:]):
                o = (obs[t0], obs[t1])
                crs = [[None, None], [None, None]]
                vrs = [[None, None], [None, None]]
                for a, ta in enumerate((t0, t1)):
                    X, Y = ref[ta]
                    for b, ob in enumerate(o):
                        x0, y0 = np.array(ob["x"]), np.array(ob["y"])
                        crs[a][b] = te(X, Y, x0, y0, orientation, "crs")
                        vrs[a][b] = te(X, Y, x0, y0, orientation, "vrs")
                effch = crs[1][1] / crs[0][0]
                techch = math.sqrt(crs[0][1] / crs[1][1] * crs[0][0] / crs[1][0])
                pech = vrs[1][1] / vrs[0][0]
                mi = effch * techch
                tfp *= mi
                out.append({"group": g, "dmu": d, "from": t0, "to": t1,
                            "malmquist": mi, "effch": effch, "techch": techch,
                            "pech": pech, "sech": effch / pech, "tfp": tfp,
                            "crs": crs, "vrs": vrs})
    return out


def main():
    rng = np.random.default_rng(20261201)
    cases = []
    for name, groups, n, T, m, s in [("one frontier, 2 inputs 1 output", 1, 12, 4, 2, 1),
                                     ("one frontier, 2 inputs 2 outputs", 1, 15, 3, 2, 2),
                                     ("3 groups, 2 inputs 1 output", 3, 8, 3, 2, 1)]:
        rows = panel(rng, groups, n, T, m, s)
        for orientation in ("output", "input"):
            cases.append({"name": name + ", " + orientation, "orientation": orientation,
                          "grouped": groups > 1, "rows": rows,
                          "changes": malmquist(rows, orientation, m, s)})
    json.dump({"generator": "scipy %s linprog(method='highs'), numpy %s" % (scipy.__version__, np.__version__),
               "cases": cases}, __import__("sys").stdout, indent=1)


if __name__ == "__main__":
    main()
