#!/usr/bin/python3
"""Writes the small XLSX test files of core/table (run from the repository root:
/usr/bin/python3 core/table/testdata/gen_xlsx.py). Needs python3-openpyxl."""
import os
import openpyxl

here = os.path.dirname(os.path.abspath(__file__))

# two sheets; the first has numbers, text, a missing cell (None), "NA" and a
# gap row; the second a small world-layout table.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "data"
ws.append(["country", "year", "value", "note"])
ws.append(["AUS", 2000, 1.5, "first"])
ws.append(["AUT", 2001, None, "NA"])
ws.append([])
ws.append(["BEL", 2002, -3e-7, "a, \"quoted\" note"])
w2 = wb.create_sheet("world")
rows = [
    ["IndustryCode", "IndustryDescription", "Country", "RNr", "Year", "A1", "A2", "B1", "B2", "A3", "B3", "TOT"],
    ["c1", "", "A", 1, 2011, 1, 2, 3, 4, 10, 0, 20],
    ["c2", "", "A", 2, 2011, 5, 6, 7, 8, 4, 0, 30],
    ["c1", "", "B", 1, 2011, 1, 1, 1, 1, 0, 16, 20],
    ["c2", "", "B", 2, 2011, 2, 2, 2, 2, 0, 22, 30],
    ["VA", "", "TOT", 64, 2011, 11, 19, 7, 15, None, None, None],
    ["GO", "", "TOT", 73, 2011, 20, 30, 20, 30, None, None, None],
]
for r in rows:
    w2.append(r)
wb.save(os.path.join(here, "small.xlsx"))
