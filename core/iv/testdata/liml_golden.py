#!/usr/bin/python3
"""LIML golden values for core/iv (golden_liml.json), computed with numpy on
the full dummy-variable design (no partialling), from the k-class formulas:
  lambda = smallest root of det(Y'M_W Y - l Y'M_Z Y) = 0, Y = [y, X1],
           W = [X2, 1, dummies], Z = [Z1, W]  (Anderson and Rubin 1949)
  b = [(1-k)X'X + k X'P_Z X]^-1 [(1-k)X'y + k X'P_Z y], k = lambda
  V = s^2 A^-1 (iid, s^2 = u'u/(N-K)), or q A^-1 (sum of xhat_i xhat_i' u_i^2,
      cluster-summed) A^-1 with xhat = P_Z x, q = N/(N-K) or
      G/(G-1)(N-1)/(N-K)  (ivreg2's LIML with robust errors, `small`)
K, nesting and two-way rules as gen_golden.R. Sargan = N u'P_Z u/u'u with the
LIML residuals. Run: /usr/bin/python3 liml_golden.py
"""
import json
import numpy as np
import pandas as pd
import scipy.linalg

d = pd.read_csv("ivpanel.csv")
n = len(d)
cases = json.load(open("cases_liml.json"))


def dummies(f):
    codes, _ = pd.factorize(d[f], sort=True)
    m = np.zeros((n, codes.max() + 1))
    m[np.arange(n), codes] = 1.0
    return m[:, 1:]


def nested(f, c):
    return (d.groupby(f)[c].nunique() == 1).all()


def proj(M, v):
    return M @ np.linalg.lstsq(M, v, rcond=None)[0]


out = []
for c in cases:
    kind = c["vcov"].split(":")[0]
    cls, fes = c["cluster"], c["fe"]
    col = lambda v: d[v].to_numpy()
    W = np.column_stack([col(x) for x in c["exog"]] + [np.ones(n)] + [dummies(f) for f in fes])
    X1 = np.column_stack([col(x) for x in c["endo"]])
    Z = np.column_stack([np.column_stack([col(x) for x in c["inst"]]), W])
    X = np.column_stack([X1, W])
    y = col(c["y"])
    Y = np.column_stack([y, X1])
    MW = Y - proj(W, Y)
    MZ = Y - proj(Z, Y)
    lam = float(scipy.linalg.eigh(MW.T @ MW, MZ.T @ MZ, eigvals_only=True).min())
    PX = proj(Z, X)
    A = (1 - lam) * X.T @ X + lam * X.T @ PX
    b = np.linalg.solve(A, (1 - lam) * X.T @ y + lam * PX.T @ y)
    u = y - X @ b
    nonnested = [f for f in fes if not (kind == "cluster" and any(nested(f, cc) for cc in cls))]
    K = X1.shape[1] + len(c["exog"]) + 1 + sum(d[f].nunique() - 1 for f in nonnested)
    Ainv = np.linalg.inv(A)
    if kind == "iid":
        V = u @ u / (n - K) * Ainv
    else:
        S = PX * u[:, None]
        if kind == "hc1":
            M, q = S.T @ S, n / (n - K)
        else:
            def gm(g):
                _, codes = np.unique(g, return_inverse=True)
                sums = np.zeros((codes.max() + 1, S.shape[1]))
                np.add.at(sums, codes, S)
                return sums.T @ sums
            M = gm(col(cls[0]))
            G = d[cls[0]].nunique()
            q = G / (G - 1) * (n - 1) / (n - K)
        V = q * Ainv @ M @ Ainv
    names = c["endo"] + c["exog"] + (["(Intercept)"] if not fes else [])
    idx = list(range(len(c["endo"]) + len(c["exog"]))) + ([len(c["endo"]) + len(c["exog"])] if not fes else [])
    Pu = proj(Z, u)
    res = {"name": c["name"], "kclass": lam,
           "coef": {nm: float(b[i]) for nm, i in zip(names, idx)},
           "se": {nm: float(np.sqrt(V[i, i])) for nm, i in zip(names, idx)},
           "sargan": float(n * (u @ Pu) / (u @ u))}
    out.append(res)

with open("golden_liml.json", "w") as f:
    json.dump(out, f, indent=1)
