#!/usr/bin/python3
"""Independent computation of the panel variables on the real WIOD 2016
national tables and SEA (USA, AUS) for core/command's TestPanelRealGolden.

Run from the repository root:
    /usr/bin/python3 core/command/testdata/gen_panel_golden.py ../shared/data/wiod2016-national > core/command/testdata/panel_golden.json

Written from the definitions in docs/methods.md with numpy/pandas only (dense
inverse of I - A), independent of the Go code.
"""
import json
import sys

import numpy as np
import pandas as pd

d = sys.argv[1]
DIG = ["C26", "J61", "J62_J63"]
MANUF_GROUPED = ["C10-C12", "C13-C15", "C16", "C17", "C18", "C19", "C20", "C21", "C22",
                 "C23", "C24", "C25", "C26", "C27", "C28", "C29", "C30", "C31_C32"]

out = {}
digs = {}
for c in ["USA", "AUS"]:
    niot = pd.read_csv(f"{d}/{c}_niot.csv.gz")
    codes = list(niot.columns[4:60])
    services = codes[codes.index("G45"):codes.index("N") + 1]
    sea = pd.read_csv(f"{d}/{c}_sea.csv")
    seav = {(r["variable"], r["code"]): r for _, r in sea.iterrows()}
    exch2010 = float(seav[("NOMEXCH", "C10-C12")]["2010"])
    for year, g in niot.groupby("Year"):
        g = g.set_index("Code").loc[codes]
        Z = g[codes].to_numpy(dtype=float)
        x = g["GO"].to_numpy(dtype=float)
        A = np.divide(Z, x[None, :], out=np.zeros_like(Z), where=x[None, :] != 0)
        L = np.linalg.inv(np.eye(len(codes)) - A)
        B = L - np.eye(len(codes))
        di = [codes.index(q) for q in DIG]
        si = [codes.index(q) for q in services]
        for ind in MANUF_GROUPED:
            j = codes.index(ind)
            bdig = B[di, j].sum()
            dig = bdig / B[:, j].sum()
            sv = lambda v: float(seav[(v, ind)][str(year)])
            go, va, emp, k, pi = sv("GO"), sv("VA"), sv("EMP"), sv("K"), sv("GO_PI")
            goreal = go / (pi / 100) / exch2010
            key = f"{c} {ind} {year}"
            digs[(c, ind, year)] = dig
            out[key] = {
                "a_dig": A[di, j].sum(),
                "b_dig": bdig,
                "Dig": dig,
                "Dig_dom": dig,
                "Dig_for": 0.0,
                "Ser": B[si, j].sum(),
                "Var": va / go,
                "scale": np.log(goreal),
                "emp": np.log(emp),
                "cl": k / emp,
                "Allocation": 0.5 * (emp / goreal + k / go),
            }
for (c, ind, year), v in digs.items():
    other = "AUS" if c == "USA" else "USA"
    out[f"{c} {ind} {year}"]["Dig_other"] = digs[(other, ind, year)]
json.dump({"source": "core/command/testdata/gen_panel_golden.py on ../shared/data/wiod2016-national",
           "cells": out}, sys.stdout, indent=1, sort_keys=True)
