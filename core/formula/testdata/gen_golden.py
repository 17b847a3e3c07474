#!/usr/bin/python3
"""Golden values for formula.Build on the shared Arellano-Bond panel
(../shared/data/panels/emplUK.csv; read, never copied into the repository).

Independent computation with pandas: lags by exact (firm, year - k) match,
the sample filter, listwise deletion and factorisation.

Run from core/formula/testdata:
    /usr/bin/python3 gen_golden.py ../../../../shared/data/panels/emplUK.csv > emplUK.json
"""
import json
import sys

import numpy as np
import pandas as pd

df = pd.read_csv(sys.argv[1])
df["row"] = np.arange(len(df))


def lag(col, k):
    src = df[["firm", "year", col]].copy()
    src["year"] = src["year"] + k
    m = df[["firm", "year", "row"]].merge(src, on=["firm", "year"], how="left")
    return m.sort_values("row")[col].to_numpy()


cases = []
# Formula, filter, and how to compute each design column.
spec = [
    ("emp ~ L.emp + L2.emp + wage + D.capital | firm + year", "year != 1980",
     {"emp": df["emp"].to_numpy(), "L.emp": lag("emp", 1), "L2.emp": lag("emp", 2),
      "wage": df["wage"].to_numpy(), "D.capital": df["capital"].to_numpy() - lag("capital", 1)},
     df["year"] != 1980),
    ("output ~ F.wage + capital | sector^year", "(year >= 1978 & year <= 1982) | sector == 1",
     {"output": df["output"].to_numpy(), "F.wage": lag("wage", -1), "capital": df["capital"].to_numpy()},
     ((df["year"] >= 1978) & (df["year"] <= 1982)) | (df["sector"] == 1)),
]
for formula, flt, cols, keep in spec:
    X = pd.DataFrame(cols)
    ok = keep.to_numpy() & X.notna().all(axis=1).to_numpy()
    rows = np.flatnonzero(ok)
    fe = formula.split("|")[1].strip()
    out = {"formula": formula, "if": flt, "nobs": int(len(rows)), "rows": rows.tolist(),
           "sums": {k: float(v[rows].sum()) for k, v in cols.items()},
           "sumsq": {k: float((v[rows] ** 2).sum()) for k, v in cols.items()},
           "fe_levels": {}}
    for term in fe.split("+"):
        parts = term.strip().split("^")
        out["fe_levels"][term.strip()] = int(df.iloc[rows][parts].drop_duplicates().shape[0])
    cases.append(out)
json.dump(cases, sys.stdout, indent=1)
