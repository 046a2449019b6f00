#!/usr/bin/python3
"""Reads a report workbook as a client's tools would (openpyxl) and checks it against its template:
one sheet per section, the template's charts on each sheet, the heatmap's colour scale, small-base
cells that are numbers with a † mark, suppressed cells as "*", the method statement, and the values
of each section's first table equal to what `manyi-cli analyze` computes for the same spec."""
import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

import openpyxl

errors = []


def check(cond, msg):
    if not cond:
        errors.append(msg)
    return cond


def texts(ws, max_row=None):
    for row in ws.iter_rows(max_row=max_row):
        for c in row:
            if isinstance(c.value, str) and c.value:
                yield c.value


def analyze_csv(cli, project, spec, lang):
    with tempfile.TemporaryDirectory() as d:
        spec_file = os.path.join(d, "spec.json")
        out = os.path.join(d, "out.csv")
        with open(spec_file, "w", encoding="utf-8") as f:
            json.dump(spec, f, ensure_ascii=False)
        env = dict(os.environ, MANYI_LANG="zh_CN" if lang == "zh" else "en")
        subprocess.run([cli, "analyze", project, "--spec", spec_file, "-o", out], check=True, env=env, capture_output=True)
        with open(out, encoding="utf-8-sig") as f:
            return list(csv.reader(f))


def first_table(rows):
    """Header and data rows of the first table of `manyi-cli analyze -o` CSV output."""
    header = rows[1]
    body = []
    for r in rows[2:]:
        if len(r) != len(header):
            break
        body.append(r)
    return header, body


def number(s):
    try:
        return float(s)
    except ValueError:
        return None


def compare_values(ws, header, body, where):
    grid = [[c for c in row] for row in ws.iter_rows()]
    pos = 0
    matched = 0
    for r in body:
        # The row's labels: the first column and every other text field.
        key = [0] + [i for i, v in enumerate(r) if i > 0 and v != "" and number(v) is None and v != "*"]
        found = None
        for k in range(pos, len(grid)):
            row = grid[k]
            if all(i < len(row) and row[i].value is not None and str(row[i].value) == r[i] for i in key):
                found = k
                break
        if not check(found is not None, f"{where}: no row for {r[:3]}"):
            continue
        pos = found + 1
        matched += 1
        row = grid[found]
        for i, v in enumerate(r):
            cell = row[i]
            if i in key:
                continue
            if v == "*":
                check(cell.value == "*", f"{where}: {cell.coordinate} should be suppressed '*', is {cell.value!r}")
            elif v == "":
                check(cell.value in ("—", None), f"{where}: {cell.coordinate} should be missing, is {cell.value!r}")
            elif number(v) is not None:
                x = number(v)
                got = cell.value
                if not check(isinstance(got, (int, float)), f"{where}: {cell.coordinate} should be the number {v}, is {got!r}"):
                    continue
                if "%" in (cell.number_format or ""):
                    got = got * 100
                check(abs(got - x) <= 1e-9 * max(1.0, abs(x)), f"{where}: {cell.coordinate} = {got}, analyze says {x}")
    check(matched == len(body), f"{where}: {matched} of {len(body)} rows found")
    return matched


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xlsx")
    ap.add_argument("template")
    ap.add_argument("lang")
    ap.add_argument("--cli")
    ap.add_argument("--project")
    ap.add_argument("--data-sheet", action="store_true")
    a = ap.parse_args()
    with open(a.template, encoding="utf-8") as f:
        tmpl = json.load(f)
    wb = openpyxl.load_workbook(a.xlsx)
    sections = list(tmpl["sections"])
    if a.data_sheet and not any(s.get("kind") == "data" for s in sections):
        sections.append({"id": "data", "kind": "data", "sheet": {"en": "Responses", "zh": "回答"}})
    check(len(wb.worksheets) == len(sections), f"{len(wb.worksheets)} sheets, template has {len(sections)} sections")
    settings = tmpl.get("settings", {})
    values_checked = 0
    for sec, ws in zip(sections, wb.worksheets):
        where = f"{os.path.basename(a.xlsx)} sheet {ws.title!r}"
        kind = sec.get("kind", "tables")
        sheet = sec["sheet"]
        if isinstance(sheet, dict) and a.lang in ("zh", "en"):
            want = re.sub(r"[\[\]:*?/\\]", "-", sheet.get(a.lang, sheet.get("en")))[:31]
            check(ws.title.startswith(want), f"{where}: sheet name should be {want!r}")
        heading = list(texts(ws, 12))
        check(heading, f"{where}: nothing in the first rows")
        charts = [c for c in sec.get("charts", []) if c["type"] != "heatmap"]
        check(len(ws._charts) == len(charts), f"{where}: {len(ws._charts)} charts, template has {len(charts)}")
        if any(c["type"] == "heatmap" for c in sec.get("charts", [])):
            rules = [r for rng in ws.conditional_formatting for r in rng.rules]
            check(any(r.type == "colorScale" for r in rules), f"{where}: the heatmap has no colour scale")
        numbers = 0
        for row in ws.iter_rows():
            for c in row:
                fmt = c.number_format or ""
                if "†" in fmt:
                    check(isinstance(c.value, (int, float)), f"{where}: {c.coordinate} has the † format but is {c.value!r}")
                if isinstance(c.value, (int, float)):
                    numbers += 1
                    check(c.value == c.value and abs(c.value) != float("inf"), f"{where}: {c.coordinate} is NaN/inf")
        if kind in ("tables", "responses", "method"):
            check(numbers > 0, f"{where}: no numbers")
        if kind == "method":
            all_text = "\n".join(texts(ws))
            check(re.search(r"\b[0-9a-f]{64}\b", all_text), f"{where}: no data fingerprint")
            check("Manyi " in all_text, f"{where}: no software version")
        if kind == "cover":
            check(any("{client}" not in t for t in heading), f"{where}: {{client}} not replaced")
        if kind == "data":
            header = [c.value for c in ws[next(r for r in range(1, 10) if ws.cell(r, 1).value == "#")]]
            for bad in ("name", "phone", "email", "contact_person", "address"):
                check(bad not in header, f"{where}: personal data column {bad}")
            check("overall" in header, f"{where}: no 'overall' column")
            check(ws.max_row > 1000, f"{where}: only {ws.max_row} rows")
        if kind == "tables" and a.cli and a.lang in ("zh", "en") and not any(c["type"] == "heatmap" for c in sec.get("charts", [])):
            spec = {"confidence": settings.get("confidence", 0.95), "min_n": settings.get("min_n", 30),
                    "suppress_below": settings.get("suppress_below", 5), "analyses": [sec["analyses"][0]]}
            header, body = first_table(analyze_csv(a.cli, a.project, spec, a.lang))
            values_checked += compare_values(ws, header, body, where)
    if a.cli and a.lang in ("zh", "en"):
        check(values_checked > 0, "no table values were compared")
    for e in errors:
        print("FAIL:", e, file=sys.stderr)
    print(f"{os.path.basename(a.xlsx)}: {len(wb.worksheets)} sheets, {values_checked} rows compared with manyi-cli analyze, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
