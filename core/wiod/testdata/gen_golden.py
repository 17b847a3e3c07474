#!/usr/bin/python3
"""Golden values for core/wiod tests, read independently with pandas.

Run from the repository root:  /usr/bin/python3 core/wiod/testdata/gen_golden.py
Reads ../shared/data (never copied) and writes core/wiod/testdata/golden.json.
float_precision="round_trip" makes pandas parse each decimal to the nearest
float64, as Go's strconv.ParseFloat does.
"""
import json, os
import numpy as np
import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "..", "..", "..", "shared", "data")
out = {}

# World table, WIOD 2013, 2011.
w = pd.read_csv(os.path.join(data, "wiod2013", "wiot_2011.csv.gz"), float_precision="round_trip",
                keep_default_na=False, na_values=["", "NA"])
sec = w[w["Country"] != "TOT"]
n = len(sec)
vals = w.columns[5:]
inter = vals[:n]
fdcols = [c for c in vals[n:] if c != "TOT"]
Z = sec[inter].to_numpy(dtype=float)
go = w[(w["Country"] == "TOT") & (w["IndustryCode"] == "GO")][inter].to_numpy(dtype=float)[0]
va = w[(w["Country"] == "TOT") & (w["IndustryCode"] == "VA")][inter].to_numpy(dtype=float)[0]
fd = sec[fdcols].to_numpy(dtype=float).sum(axis=1)
rng = np.random.default_rng(20261201)
cells = [(0, 0), (0, 2), (1, 1), (n - 1, n - 1), (13, 400)] + [tuple(int(v) for v in rng.integers(0, n, 2)) for _ in range(20)]
nz = np.argwhere(Z > 0)
cells += [tuple(int(v) for v in nz[k]) for k in rng.integers(0, len(nz), 15)]
picks = [0, 1, 13, 26, 29, 700, n - 1] + [int(v) for v in rng.integers(0, n, 10)]
out["world_2011"] = {
    "file": "wiod2013/wiot_2011.csv.gz",
    "n": n, "year": int(sec["Year"].iloc[0]),
    "n_final_columns": len(fdcols),
    "first": [sec["Country"].iloc[0], sec["IndustryCode"].iloc[0]],
    "last": [sec["Country"].iloc[-1], sec["IndustryCode"].iloc[-1]],
    "z": [[i, j, Z[i, j]] for i, j in cells],
    "x": [[i, go[i]] for i in picks],
    "va": [[i, va[i]] for i in picks],
    "final_demand": [[i, fd[i]] for i in picks],
    "sum_x": go.sum(), "sum_z": Z.sum(), "sum_va": va.sum(), "sum_fd": fd.sum(),
}

# National tables, WIOD 2016.
for c in ["USA", "AUS"]:
    d = pd.read_csv(os.path.join(data, "wiod2016-national", c + "_niot.csv.gz"), float_precision="round_trip")
    ind = list(d.columns[4:60])
    fdc = list(d.columns[60:list(d.columns).index("GO")])
    years = sorted(int(y) for y in d["Year"].unique())
    per = []
    for y in [years[0], 2010, years[-1]]:
        b = d[d["Year"] == y]
        Zy = b[ind].to_numpy(dtype=float)
        per.append({"year": y,
                    "z": [[i, j, Zy[i, j]] for i, j in [(0, 0), (16, 16), (39, 16), (55, 55), (4, 0)]],
                    "x": [[i, float(b["GO"].iloc[i])] for i in [0, 16, 38, 39, 55]],
                    "final_demand": [[i, float(b[fdc].iloc[i].sum())] for i in [0, 16, 38, 39, 55]]})
    out["national_" + c] = {"file": "wiod2016-national/%s_niot.csv.gz" % c, "years": years,
                            "industries": ind, "final_columns": fdc, "per_year": per}

# Socio-economic accounts.
s = pd.read_csv(os.path.join(data, "wiod2016-national", "USA_sea.csv"), float_precision="round_trip")
q = []
for var, code, year in [("GO", "C26", 2010), ("EMP", "A01", 2000), ("VA_QI", "J62_J63", 2014),
                        ("K", "C10-C12", 2005), ("NOMEXCH", "U", 2012), ("H_EMPE", "M72", 2008)]:
    v = s[(s["variable"] == var) & (s["code"] == code)][str(year)].iloc[0]
    q.append({"country": "USA", "variable": var, "code": code, "year": year,
              "value": None if pd.isna(v) else float(v)})
out["sea_USA"] = {"file": "wiod2016-national/USA_sea.csv", "rows": len(s),
                  "variables": list(dict.fromkeys(s["variable"])), "values": q}

with open(os.path.join(here, "golden.json"), "w") as f:
    json.dump(out, f, indent=1)
