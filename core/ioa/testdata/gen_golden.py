#!/usr/bin/python3
"""Golden values for core/ioa, computed independently of the Go code.

Run from this folder with Debian's python (numpy, pandas):

    /usr/bin/python3 gen_golden.py ../../../../shared/data | gzip -9n > golden.json.gz

It reads the shared WIOD files itself (pandas), forms A = Z diag(x)^-1 (zero
gross output -> zero column), solves with the dense LAPACK LU of numpy
(np.linalg.solve, i.e. dgesv), and writes for every sector the indicators
a_dig, b_dig, dig, dig_dom, dig_for, serv of the paper (eqs. 2-4, 7):
  B = (I-A)^-1 - I,  a_dig_j = sum_{q in S} a_qj,  b_dig_j = sum_{q in S} b_qj,
  dig_j = b_dig_j / sum_n b_nj (0 when the column has no inputs),
  dig_dom_j / dig_for_j = the part of dig from q in S in / outside j's country,
  serv_j = sum_{p in services} b_pj.
Sector sets: WIOD 2013 digital c14 c27 c30, services c19..c34; WIOD 2016
digital C26 J61 J62_J63, services G45..N (in the column order of the table).
"""
import json
import sys

import numpy as np
import pandas as pd


def indicators(Z, x, country, industry, year, digital, services):
    n = len(x)
    A = np.zeros((n, n))
    pos = x > 0
    A[:, pos] = Z[:, pos] / x[pos]
    L = np.linalg.solve(np.eye(n) - A, np.eye(n))  # full inverse, dense LU
    B = L - np.eye(n)
    s = np.isin(industry, digital)
    v = np.isin(industry, services)
    total = B.sum(axis=0)
    same = country[:, None] == country[None, :]  # supplier q in column j's country
    a_dig = A[s].sum(axis=0)
    b_dig = B[s].sum(axis=0)
    b_dom = (B * (same & s[:, None])).sum(axis=0)
    b_for = (B * (~same & s[:, None])).sum(axis=0)
    serv = B[v].sum(axis=0)
    safe = np.where(total > 0, total, 1.0)
    dig = np.where(total > 0, b_dig / safe, 0.0)
    dom = np.where(total > 0, b_dom / safe, 0.0)
    fo = np.where(total > 0, b_for / safe, 0.0)
    rows = []
    for j in range(n):
        rows.append({"country": str(country[j]), "industry": str(industry[j]), "year": int(year),
                     "a_dig": float(a_dig[j]), "b_dig": float(b_dig[j]), "dig": float(dig[j]),
                     "dig_dom": float(dom[j]), "dig_for": float(fo[j]), "serv": float(serv[j])})
    return rows


def world(path):
    df = pd.read_csv(path)
    n = int((df["Country"] != "TOT").sum())
    Z = df.iloc[:n, 5:5 + n].to_numpy(float)
    x = df[df["IndustryCode"] == "GO"].iloc[0, 5:5 + n].to_numpy(float)
    country = df["Country"].iloc[:n].to_numpy(str)
    industry = df["IndustryCode"].iloc[:n].to_numpy(str)
    year = int(df["Year"].iloc[0])
    services = ["c%d" % i for i in range(19, 35)]
    return indicators(Z, x, country, industry, year, ["c14", "c27", "c30"], services)


def national(path, cty):
    df = pd.read_csv(path)
    codes = list(df.columns[4:4 + 56])
    services = codes[codes.index("G45"):codes.index("N") + 1]
    out = []
    for year, d in df.groupby("Year", sort=True):
        Z = d[codes].to_numpy(float)
        x = d["GO"].to_numpy(float)
        industry = d["Code"].to_numpy(str)
        assert list(industry) == codes
        country = np.array([cty] * 56)
        out += indicators(Z, x, country, industry, year, ["C26", "J61", "J62_J63"], services)
    return out


def main():
    root = sys.argv[1]
    golden = {
        "wiod2013/wiot_2011.csv.gz": world(root + "/wiod2013/wiot_2011.csv.gz"),
        "wiod2016-national/USA_niot.csv.gz": national(root + "/wiod2016-national/USA_niot.csv.gz", "USA"),
        "wiod2016-national/AUS_niot.csv.gz": national(root + "/wiod2016-national/AUS_niot.csv.gz", "AUS"),
    }
    json.dump({"numpy": np.__version__, "pandas": pd.__version__, "tables": golden}, sys.stdout)


if __name__ == "__main__":
    main()
