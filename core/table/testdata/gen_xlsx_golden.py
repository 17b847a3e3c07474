#!/usr/bin/python3
"""Writes the XLSX workbooks of core/table/testdata/xlsx/ and golden.json, what
openpyxl (an independent reader) reads back from them.

Run from the repository root: /usr/bin/python3 core/table/testdata/gen_xlsx_golden.py
(Debian's python3 with python3-openpyxl 3.0.9).

openpyxl writes every string inline and formulas without cached values, so the
workbooks are post-processed inside the zip (zipfile) into what Excel and other
generators write: shared strings with rich-text runs and phonetic runs, cached
formula values, sheet parts named out of workbook order with relative and
absolute targets, namespace prefixes (<x:row>), single-quoted attributes,
comments, CDATA, character references, rows and cells without references.
The golden is then read with openpyxl.load_workbook(data_only=True), never
from the values written.

wiodlab's conventions, applied here to openpyxl's values (and stated in
core/table/doc.go):
  - booleans are the numbers 1 and 0 (the values Excel stores);
  - error cells (#N/A, #DIV/0!, ...) and empty texts are missing (omitted);
  - strings are decoded of their _xHHHH_ escapes (ECMA-376 ST_Xstring, as
    Excel does; openpyxl 3.0.9 leaves them, so openpyxl.utils.escape.unescape
    is applied here);
  - dates (date-styled numbers and t="d" cells) are ISO 8601 text:
    "2006-01-02" for whole days, "2006-01-02T15:04:05" otherwise, "15:04:05"
    for a time of day, with ".fff" milliseconds when not zero.
"""
import datetime
import io
import json
import os
import re
import zipfile

import openpyxl
from openpyxl.utils.escape import unescape

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "xlsx")
os.makedirs(out, exist_ok=True)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def save(wb):
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


def parts(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()}


def pack(files, name):
    """Writes the parts as a zip, byte for byte the same on every run (fixed
    times in the archive and in docProps/core.xml)."""
    stamp = "2026-01-01T00:00:00Z"
    if "docProps/core.xml" in files:
        files["docProps/core.xml"] = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", r"\g<1>" + stamp,
                                            files["docProps/core.xml"])
    with zipfile.ZipFile(os.path.join(out, name), "w") as z:
        for n, body in files.items():
            z.writestr(zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)


def xml_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_shared(files, sheet, rich=None, keep=()):
    """Moves the inline strings of a sheet part into xl/sharedStrings.xml
    (shared strings the way Excel writes them), except the texts in keep;
    rich maps a plain text to the raw <si> body that replaces it (rich-text
    runs, phonetic runs)."""
    rich = rich or {}
    sst = []
    index = {}

    def sub(m):
        attrs, body = m.group(1), m.group(2)
        if any(body == "<t>%s</t>" % k for k in keep):
            return m.group(0)
        key = body
        if key not in index:
            index[key] = len(sst)
            text = re.fullmatch(r'<t(?: xml:space="preserve")?>(.*)</t>', body, re.S)
            plain = text.group(1) if text else None
            sst.append(rich.get(plain, body))
        return '<c%s t="s"><v>%d</v></c>' % (attrs, index[key])

    files[sheet] = re.sub(r'<c([^>]*?) t="inlineStr"><is>(.*?)</is></c>', sub, files[sheet], flags=re.S)
    files["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="%s" count="%d" uniqueCount="%d">' % (MAIN, len(sst), len(sst))
        + "".join("<si>%s</si>" % s for s in sst) + "</sst>")
    files["xl/_rels/workbook.xml.rels"] = files["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>",
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml" Id="rIdSST"/></Relationships>')
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


# --- strings.xlsx: shared strings, rich text, escapes, booleans, errors, formulas
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "text"
texts = [
    ["id", "text", "note"],
    [1, "plain", "ascii"],
    [2, "a & b < c > d \"e\" 'f'", "entities"],
    [3, "Ω ünïcode 中文 😀", "unicode"],
    [4, "  lead and trail  ", "spaces"],
    [5, "line\nbreak\ttab", "controls"],
    [6, "cr_x000D_lf_x000A_end", "escapes"],
    [7, "literal _x005F_x000D_ kept", "escaped underscore"],
    [8, "RICH", "rich text"],
    [9, "PHON", "phonetic"],
    [10, "_x004a_ and _xZZZZ_ and _x12_", "hex case, non-escapes"],
]
for r in texts:
    ws.append(r)
ws2 = wb.create_sheet("flags")
ws2.append(["kind", "value", "other"])
ws2.append(["true", True, False])
ws2.append(["na", "#N/A", "#DIV/0!"])
ws2.append(["formula", "=1+2", "=\"a\"&\"b\""])
ws2.append(["bool formula", "=1>0", "=#N/A"])
files = parts(save(wb))
rich = {
    "RICH": '<r><t>bold</t></r><r><rPr><b/></rPr><t xml:space="preserve"> and </t></r><r><t>plain</t></r>',
    "PHON": '<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/>',
}
# openpyxl's shared-string reader deletes every "x005F_" (reader/strings.py)
# before the _xHHHH_ decoding below, which would decode "_x005F_x000D_" twice:
# that text stays an inline string, which openpyxl returns as written.
to_shared(files, "xl/worksheets/sheet1.xml", rich, keep=["literal _x005F_x000D_ kept"])
s2 = files["xl/worksheets/sheet2.xml"]
s2 = s2.replace("<f>1+2</f><v></v>", "<f>1+2</f><v>3</v>")
s2 = re.sub(r'<c r="C4"><f>(.*?)</f><v></v>', r'<c r="C4" t="str"><f>\1</f><v>ab</v>', s2)
s2 = re.sub(r'<c r="B5"><f>(.*?)</f><v></v>', r'<c r="B5" t="b"><f>\1</f><v>1</v>', s2)
s2 = re.sub(r'<c r="C5"><f>(.*?)</f><v></v>', r'<c r="C5" t="e"><f>\1</f><v>#N/A</v>', s2)
files["xl/worksheets/sheet2.xml"] = s2
pack(files, "strings.xlsx")

# --- order.xlsx: sheet parts named out of workbook order, relative and
# absolute targets, shared strings in the header
wb = openpyxl.Workbook()
for k, name in enumerate(["zeta", "alpha", "mid"]):
    w = wb.active if k == 0 else wb.create_sheet()
    w.title = name
    w.append(["sheet", "k", "x"])
    for i in range(3):
        w.append([name, k, (i + 1) * 10 ** (k - 1) + 0.125])
files = parts(save(wb))
to_shared(files, "xl/worksheets/sheet1.xml")
rename = {"sheet1.xml": "data_c.xml", "sheet2.xml": "data_a.xml", "sheet3.xml": "data_b.xml"}
files = {("xl/worksheets/" + rename[n.split("/")[-1]] if n.startswith("xl/worksheets/sheet") else n): b
         for n, b in files.items()}
rels = files["xl/_rels/workbook.xml.rels"]
rels = rels.replace('Target="/xl/worksheets/sheet1.xml"', 'Target="/xl/worksheets/data_c.xml"')
rels = rels.replace('Target="/xl/worksheets/sheet2.xml"', 'Target="worksheets/data_a.xml"')
rels = rels.replace('Target="/xl/worksheets/sheet3.xml"', 'Target="./worksheets/../worksheets/data_b.xml"')
files["xl/_rels/workbook.xml.rels"] = rels
ct = files["[Content_Types].xml"]
for a, b in rename.items():
    ct = ct.replace("/xl/worksheets/" + a, "/xl/worksheets/" + b)
files["[Content_Types].xml"] = ct
pack(files, "order.xlsx")

# --- prefix.xlsx: namespace prefixes, quoting, comments, CDATA, references,
# rows and cells without r, as some .NET generators write
wb = openpyxl.Workbook()
wb.active.title = "ns"
files = parts(save(wb))
files["xl/workbook.xml"] = files["xl/workbook.xml"].replace("<workbook xmlns=", "<x:workbook xmlns:x=").replace(
    "</workbook>", "</x:workbook>")
files["xl/workbook.xml"] = re.sub(r"<(/?)(workbookPr|workbookProtection|bookViews|workbookView|sheets|sheet|definedNames|calcPr)\b",
                                  r"<\1x:\2", files["xl/workbook.xml"])
files["xl/worksheets/sheet1.xml"] = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<!-- written by hand in the manner of a .NET generator -->\n"
    "<x:worksheet xmlns:x='%s' xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'>"
    "<x:sheetData>\n"
    "  <x:row r = '1'><x:c r='A1' t='inlineStr'><x:is><x:t>name</x:t></x:is></x:c>"
    "<x:c t = \"inlineStr\" r=\"B1\"><x:is><x:t>v</x:t></x:is></x:c>"
    "<x:c t='inlineStr'><x:is><x:t>w</x:t></x:is></x:c></x:row>\n"
    "  <x:row><x:c t='inlineStr'><x:is><x:t><![CDATA[<cdata> & raw]]></x:t></x:is></x:c><x:c><x:v>1.5</x:v></x:c>"
    "<x:c><x:v>-2E-3</x:v></x:c></x:row>\n"
    "  <?pi ignored?><x:row r='4'><x:c r='A4' t='inlineStr'><x:is><x:t>&#72;&#x49;&#10;&#x4e2d;</x:t></x:is></x:c>"
    "<x:c r='C4'><!-- a comment --><x:v>7</x:v></x:c></x:row>\n"
    "  <x:row r='5'><x:c r='A5' t='inlineStr'><x:is><x:r><x:t>split</x:t></x:r><x:r><x:t xml:space='preserve'> run</x:t></x:r></x:is></x:c>"
    "<x:c r='B5' s='0'/><x:c r='C5'><x:v>1.2345678901234E-5</x:v></x:c></x:row>\n"
    "</x:sheetData></x:worksheet>" % MAIN)
pack(files, "prefix.xlsx")

# --- wide.xlsx: 60 columns with empty cells, skipped columns and rows, a row
# of styled empty cells
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "wide"
ws.append(["c%d" % (j + 1) for j in range(60)])
for i in range(2, 12):
    for j in range(60):
        if (i * 7 + j * 3) % 5 == 0 or i == 6:
            continue  # gaps; row 6 absent
        v = (i * 100 + j) / 8 if j % 3 else i * 1000 + j
        ws.cell(row=i, column=j + 1, value=v)
ws.cell(row=14, column=60, value="last")
files = parts(save(wb))
files["xl/worksheets/sheet1.xml"] = files["xl/worksheets/sheet1.xml"].replace(
    '<row r="14">', '<row r="13"><c r="B13" s="0"/><c r="AA13"/></row><row r="14">')
pack(files, "wide.xlsx")

# --- dates.xlsx: date-styled numbers and t="d" cells; dates1904.xlsx the
# 1904 date system
for name, epoch in (("dates.xlsx", None), ("dates1904.xlsx", openpyxl.utils.datetime.CALENDAR_MAC_1904)):
    wb = openpyxl.Workbook()
    if epoch:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "dates"
    ws.append(["what", "when"])
    ws.append(["date", datetime.date(2016, 12, 31)])
    ws.append(["datetime", datetime.datetime(2000, 2, 29, 13, 45, 30)])
    ws.append(["millis", datetime.datetime(1999, 1, 2, 3, 4, 5, 250000)])
    ws.append(["time", datetime.time(6, 30)])
    ws.append(["early", datetime.date(1900, 1, 15)])
    ws.append(["iso", 0])
    ws.append(["plain", 43000.5])
    files = parts(save(wb))
    files["xl/worksheets/sheet1.xml"] = re.sub(r'<c r="B7"( s="\d+")? t="n"><v>0</v></c>',
                                               '<c r="B7" t="d"><v>2021-03-04T05:06:07</v></c>',
                                               files["xl/worksheets/sheet1.xml"])
    pack(files, name)


# --- the golden: what openpyxl reads, in wiodlab's conventions
def golden_value(cell):
    v = cell.value
    if v is None or cell.data_type == "e":
        return None
    if isinstance(v, bool):
        return {"n": 1 if v else 0}
    if isinstance(v, (int, float)):
        return {"n": v}
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        ms = getattr(v, "microsecond", 0) // 1000
        if isinstance(v, datetime.time):
            s = v.strftime("%H:%M:%S")
        elif isinstance(v, datetime.datetime) and (v.hour, v.minute, v.second, ms) != (0, 0, 0, 0):
            s = v.strftime("%Y-%m-%dT%H:%M:%S")
        else:
            return {"s": "%04d-%02d-%02d" % (v.year, v.month, v.day)}
        if ms:
            s += ".%03d" % ms
        return {"s": s}
    s = unescape(str(v))
    return {"s": s} if s != "" else None


golden = {}
for name in sorted(os.listdir(out)):
    if not name.endswith(".xlsx"):
        continue
    wb = openpyxl.load_workbook(os.path.join(out, name), data_only=True)
    sheets = []
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                g = golden_value(c)
                if g is not None:
                    cells[c.coordinate] = g
        sheets.append({"sheet": ws.title, "cells": cells})
    golden[name] = sheets
# openpyxl's date-format rule (styles/numbers.py) on format codes, for
# isDateFormat and isDurationFormat: [code, is_date_format, is_timedelta_format]
from openpyxl.styles.numbers import is_date_format, is_timedelta_format
codes = ["General", "0.00", "yyyy-mm-dd", "d/m/yy", "m/d/yy h:mm", "h:mm:ss AM/PM", "[h]:mm:ss", "[mm]:ss",
         "[H]:MM", "#,##0.00", '"day" 0', '0 "years"', "[Red]0.00", "[$-409]mmmm d, yyyy", "[$EUR ]#,##0.00",
         "\\d0", "0\\d", "d", "dd", "0;[Red]-0;\"date\"", "yyyy;@", "0.0E+00", "@", "mm:ss.0", "[ss].0",
         '"abc"d', "[Blue]General", "[>=100]0;0.0"]
formats = [[c, bool(is_date_format(c)), bool(is_timedelta_format(c))] for c in codes]
with open(os.path.join(out, "formats.json"), "w") as f:
    json.dump(formats, f, ensure_ascii=False, indent=0)
    f.write("\n")

# one line per sheet: {"file.xlsx": [{"sheet": name, "cells": {"A1": {"s": text} | {"n": number}}}]}
with open(os.path.join(out, "golden.json"), "w") as f:
    f.write("{\n")
    for k, name in enumerate(sorted(golden)):
        f.write(" %s: [\n" % json.dumps(name))
        f.write(",\n".join("  " + json.dumps(s, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                           for s in golden[name]))
        f.write("\n ]%s\n" % ("," if k + 1 < len(golden) else ""))
    f.write("}\n")
