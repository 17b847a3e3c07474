#!/usr/bin/python3
"""Golden Malmquist indices on real data: the WIOD 2016 socio-economic accounts
of the United States and Australia (../shared/data/wiod2016-national/*_sea.csv,
read-only, not copied). One frontier per country and year (group = country),
DMUs = industries; inputs K (nominal capital stock) and EMP (persons engaged),
output VA (nominal value added), output orientation. Industries with a non-positive or missing value
in any year are dropped, so the panel is balanced. Scores by scipy's
linprog(method="highs"), see gen_golden.py.

Run from core/dea:  /usr/bin/python3 testdata/gen_golden_sea.py > testdata/golden_sea.json
"""
import json
import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(__file__))
from gen_golden import malmquist  # noqa: E402

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "data", "wiod2016-national")


def rows():
    out = []
    for country in ("USA", "AUS"):
        d = pd.read_csv(os.path.join(DATA, country + "_sea.csv"))
        years = [str(y) for y in range(2000, 2015)]
        d = d[d["variable"].isin(["K", "EMP", "VA"])]
        ok = d.groupby("code")[years].apply(lambda g: bool((g > 0).all().all() and len(g) == 3))
        for code in [c for c in d["code"].unique() if ok[c]]:
            g = d[d["code"] == code].set_index("variable")
            for y in years:
                out.append({"group": country, "dmu": code, "time": int(y),
                            "x": [float(g.loc["K", y]), float(g.loc["EMP", y])],
                            "y": [float(g.loc["VA", y])]})
    return out


def main():
    r = rows()
    res = {"source": "wiod2016-national USA_sea.csv, AUS_sea.csv; inputs K, EMP; output VA; group country",
           "industries": sorted({(x["group"], x["dmu"]) for x in r})}
    res["output"] = malmquist(r, "output", 2, 1)
    for ch in res["output"]:
        del ch["vrs"], ch["crs"]  # the scores are checked on generated data (golden.json)
    json.dump(res, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
