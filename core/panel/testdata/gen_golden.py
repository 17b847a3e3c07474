#!/usr/bin/python3
"""Golden values for core/panel: lags/leads/differences on a panel with gaps
(pandas self-merge on (id, time - k)) and Stata-rule percentiles and winsor2
(numpy's averaged_inverted_cdf, plus a direct implementation of the published
rule from Stata's [D] pctile, Methods and formulas, checked against each other).

Run: /usr/bin/python3 gen_golden.py > golden.json   (numpy >= 1.22, pandas)
"""
import json
import numpy as np
import pandas as pd

rng = np.random.default_rng(20261201)

# --- panel with gaps, rows shuffled; some missing x values ---
rows = []
for g in range(12):
    years = sorted(rng.choice(np.arange(2000, 2012), size=rng.integers(3, 12), replace=False))
    for t in years:
        x = float(np.round(rng.normal(), 6))
        if rng.random() < 0.1:
            x = None
        rows.append((f"u{g:02d}", int(t), x))
perm = rng.permutation(len(rows))
rows = [rows[i] for i in perm]
df = pd.DataFrame(rows, columns=["id", "time", "x"])
df["row"] = np.arange(len(df))


def shifted(k):
    """x of the same id at time - k (k < 0: lead), by exact match, NaN if absent."""
    src = df[["id", "time", "x"]].copy()
    src["time"] = src["time"] + k
    m = df[["id", "time", "row"]].merge(src, on=["id", "time"], how="left")
    return m.sort_values("row")["x"].to_numpy()


def tolist(a):
    return [None if (v is None or (isinstance(v, float) and np.isnan(v))) else float(v) for v in a]


xv = df["x"].to_numpy(dtype=float)
ops = {
    "L1": shifted(1), "L2": shifted(2), "F1": shifted(-1), "F3": shifted(-3),
    "D1": xv - shifted(1),
    "D2": xv - 2 * shifted(1) + shifted(2),
}

# --- percentiles by Stata's rule ---


def stata_pctile(x, p):
    """[D] pctile: P = n p / 100; x_(floor(P)+1) if P not integer, else mean of x_(P), x_(P+1)."""
    x = np.sort(np.asarray(x, dtype=float))
    n = len(x)
    P = n * p / 100.0
    j = int(np.floor(P))
    if P == j:
        lo = min(max(j, 1), n)
        hi = min(max(j + 1, 1), n)
        return (x[lo - 1] + x[hi - 1]) / 2
    return x[min(j, n - 1)]


samples = []
for n in [1, 2, 3, 7, 10, 32, 99, 100, 101, 150, 200, 1000, 1234]:
    x = np.round(rng.standard_t(3, size=n) * 10, 4)
    if n >= 10:  # ties
        x[: n // 10] = x[0]
    ps = [1, 2.5, 5, 10, 25, 50, 75, 90, 95, 97.5, 99]
    mine = [stata_pctile(x, p) for p in ps]
    ref = [float(np.percentile(x, p, method="averaged_inverted_cdf")) for p in ps]
    assert np.allclose(mine, ref, rtol=0, atol=1e-12), (n, mine, ref)
    samples.append({"x": x.tolist(), "p": ps, "pctile": mine})

# --- winsor2 on a variable with missing values, pooled and by group ---
n = 500
w = rng.lognormal(size=n)
w[rng.choice(n, 20, replace=False)] = np.nan
grp = rng.integers(0, 4, size=n)


def winsor(x, lo, hi, trim=False):
    ok = ~np.isnan(x)
    a = stata_pctile(x[ok], lo)
    b = stata_pctile(x[ok], hi)
    out = x.copy()
    if trim:
        out[ok & ((x < a) | (x > b))] = np.nan
    else:
        out[ok & (x < a)] = a
        out[ok & (x > b)] = b
    return out, a, b


w1, a1, b1 = winsor(w, 1, 99)
w5, a5, b5 = winsor(w, 5, 95)
t5, _, _ = winsor(w, 5, 95, trim=True)
wby = w.copy()
for g in range(4):
    sel = grp == g
    wby[sel], _, _ = winsor(w[sel], 1, 99)

json.dump({
    "panel": {"id": df["id"].tolist(), "time": df["time"].tolist(), "x": tolist(xv),
              "ops": {k: tolist(v) for k, v in ops.items()}},
    "pctile": samples,
    "winsor": {"x": tolist(w), "group": grp.tolist(),
               "w1": tolist(w1), "lo1": a1, "hi1": b1,
               "w5": tolist(w5), "lo5": a5, "hi5": b5, "trim5": tolist(t5),
               "wby1": tolist(wby)},
}, __import__("sys").stdout, indent=1)
