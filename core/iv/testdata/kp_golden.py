#!/usr/bin/python3
"""Independent computation of the identification and over-identification
statistics for core/iv's golden tests, written from the papers' formulas
(numpy/scipy only; fixed effects as explicit dummies, so no alternating
projections). Writes golden_kp.json. Run: /usr/bin/python3 kp_golden.py

Kleibergen, F. and Paap, R. (2006), "Generalized reduced rank tests using
the singular value decomposition", Journal of Econometrics 133: 97-126:
  Theta = G Pi F^-1 with G'G = Z'Z, F'F = Y'Y, Theta = U S V' (here G and F
  are the symmetric square roots; core/iv and ranktest use Cholesky factors,
  the statistic does not depend on the choice),
  for H0: rank = k-1 (k endogenous), with U, V split after column k-1,
  A = [U12; U22] U22^-1 (U22 U22')^1/2,  B = (V22 V22')^1/2 V22'^-1 [V12; V22]',
  lambda = (B kron A') vec(Theta), Omega = (B kron A') W (B kron A')',
  rk = lambda' Omega^-1 lambda, chi2 with (l-k+1) df, where
  W = ((F^-1)' kron (G^-1)') M ((F^-1)' kron (G^-1)')' and M the robust or
  cluster sum of outer products of vec(z_i e_i'); LM: e = Y, Wald: e = Y - Z Pi.
  iid: LM = N rho_k^2 (Anderson), Wald = N rho_k^2/(1-rho_k^2) (Cragg-Donald).
ivreg2 (Baum, Schaffer, Stillman 2007, ivreg2 4.1.10) scaling with L all
instruments incl. constant and S absorbed levels (not nested in a cluster):
  KP Wald F = W/N (N-L-S)/l, clustered W/(N-1) (N-L-S) (G-1)/G / l
  CD Wald F = rho^2/(1-rho^2) (N-L-S)/l;  G = min clusters.
Sargan = N u'P_Z u / u'u; Hansen J: two-step efficient GMM with
S = sum of (cluster-summed) z_i u_i outer products from the 2SLS residuals,
J = g' S^-1 g at the two-step estimate, g = Z'(y - X b).
"""
import json
import numpy as np
import pandas as pd
from scipy import stats

d = pd.read_csv("ivpanel.csv")
cases = json.load(open("cases.json"))
n = len(d)


def dummies(f):
    codes, _ = pd.factorize(d[f], sort=True)
    m = np.zeros((n, codes.max() + 1))
    m[np.arange(n), codes] = 1.0
    return m[:, 1:]  # drop the first level (the constant is in W)


def nested(f, c):
    return (d.groupby(f)[c].nunique() == 1).all()


def meat_fn(kind, cls):
    if kind == "iid":
        return None

    def group_meat(s, g):
        _, codes = np.unique(g, return_inverse=True)
        sums = np.zeros((codes.max() + 1, s.shape[1]))
        np.add.at(sums, codes, s)
        return sums.T @ sums

    def meat(s):  # s: N x p scores
        if kind == "hc1":
            return s.T @ s
        if len(cls) == 1:
            return group_meat(s, d[cls[0]].to_numpy())
        a, b = d[cls[0]].to_numpy(), d[cls[1]].to_numpy()
        ab = a.astype(np.int64) * 100000 + b.astype(np.int64)
        return group_meat(s, a) + group_meat(s, b) - group_meat(s, ab)
    return meat


def scores(z, e):
    # columns ordered as vec(Pi): for each endogenous k, each instrument l
    return np.column_stack([z[:, l] * e[:, k] for k in range(e.shape[1]) for l in range(z.shape[1])])


def msqrt(a):
    w, vec = np.linalg.eigh(a)
    return vec @ np.diag(np.sqrt(np.clip(w, 0, None))) @ vec.T


def rk_stat(Y, Z, meat, wald):
    N, k = Y.shape
    l = Z.shape[1]
    Pi = np.linalg.solve(Z.T @ Z, Z.T @ Y)
    G = msqrt(Z.T @ Z)
    F = msqrt(Y.T @ Y)
    Finv, Ginv = np.linalg.inv(F), np.linalg.inv(G)
    Theta = G @ Pi @ Finv
    U, s, Vt = np.linalg.svd(Theta, full_matrices=True)
    V = Vt.T
    rho2 = s[k - 1] ** 2
    if meat is None:
        return (N * rho2 / (1 - rho2)) if wald else N * rho2
    q = k - 1
    U12, U22 = U[:q, q:], U[q:, q:]
    V12, V22 = V[:q, q:], V[q:, q:]
    A = np.vstack([U12, U22]) @ np.linalg.inv(U22) @ msqrt(U22 @ U22.T)
    B = msqrt(V22 @ V22.T) @ np.linalg.inv(V22.T) @ np.vstack([V12, V22]).T
    P = np.kron(B, A.T)
    vecTheta = Theta.reshape(-1, order="F")
    lam = P @ vecTheta
    E = Y - Z @ Pi if wald else Y
    T = np.kron(Finv.T, Ginv.T)
    W = T @ meat(scores(Z, E)) @ T.T
    Om = P @ W @ P.T
    return float(lam @ np.linalg.solve(Om, lam))


out = []
for c in cases:
    kind = c["vcov"].split(":")[0]
    cls = c["cluster"]
    fes = c["fe"]
    cols = [np.ones(n)] + [d[x].to_numpy() for x in c["exog"]]
    Wm = np.column_stack(cols + [dummies(f) for f in fes])
    resid = lambda v: v - Wm @ np.linalg.lstsq(Wm, v, rcond=None)[0]
    Y = np.column_stack([resid(d[v].to_numpy()) for v in c["endo"]])
    Z = np.column_stack([resid(d[v].to_numpy()) for v in c["inst"]])
    yv = resid(d[c["y"]].to_numpy())
    k, l = Y.shape[1], Z.shape[1]
    nonnested = [f for f in fes if not (kind == "cluster" and any(nested(f, cc) for cc in cls))]
    S = sum(d[f].nunique() - 1 for f in nonnested)
    Ltot = l + len(c["exog"]) + 1 + S
    meat = meat_fn(kind, cls)
    G = min(d[cc].nunique() for cc in cls) if kind == "cluster" else 0

    def fscale(w, q):
        if kind == "cluster":
            return w / (n - 1) * (n - Ltot) * (G - 1) / G / q
        return w / n * (n - Ltot) / q
    lm = rk_stat(Y, Z, meat, False)
    wd = rk_stat(Y, Z, meat, True)
    cd = rk_stat(Y, Z, None, True) / n
    res = {"name": c["name"], "kp_lm": lm, "kp_lm_df": l - k + 1,
           "kp_lm_p": float(stats.chi2.sf(lm, l - k + 1)),
           "kp_wald": wd, "kp_wald_f": (cd * (n - Ltot) / l) if meat is None else fscale(wd, l),
           "cd_wald_f": cd * (n - Ltot) / l}
    # 2SLS on the partialled data, residuals u.
    Xh = Z @ np.linalg.solve(Z.T @ Z, Z.T @ Y)
    b = np.linalg.solve(Xh.T @ Y, Xh.T @ yv)
    u = yv - Y @ b
    df = l - k
    if df > 0:
        Zu = Z.T @ u
        sargan = n * Zu @ np.linalg.solve(Z.T @ Z, Zu) / (u @ u)
        res["sargan"], res["sargan_p"] = float(sargan), float(stats.chi2.sf(sargan, df))
        if meat is None:
            J = sargan
        else:
            Sm = meat(Z * u[:, None])
            A = Z.T @ Y
            cvec = Z.T @ yv
            b2 = np.linalg.solve(A.T @ np.linalg.solve(Sm, A), A.T @ np.linalg.solve(Sm, cvec))
            g = cvec - A @ b2
            J = g @ np.linalg.solve(Sm, g)
        res["hansen_j"], res["hansen_j_p"] = float(J), float(stats.chi2.sf(J, df))
    out.append(res)

with open("golden_kp.json", "w") as f:
    json.dump(out, f, indent=1)
