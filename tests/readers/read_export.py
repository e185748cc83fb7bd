#!/usr/bin/env python3
"""Independent readers for rexieshang exports: prints a JSON summary of a CSV or XLSX file.

Usage: read_export.py csv|xlsx FILE
"""
import csv
import json
import sys


def read_csv(path):
    raw = open(path, "rb").read()
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    return {"bom": raw.startswith(b"\xef\xbb\xbf"), "header": rows[0], "rows": rows[1:]}


def read_xlsx(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    degree_col = rows[0].index("落实度") if "落实度" in rows[0] else rows[0].index("degree")
    formats = [sheet.cell(row=i + 2, column=degree_col + 1).number_format for i in range(len(rows) - 1)]
    return {
        "sheet": sheet.title,
        "freeze_panes": sheet.freeze_panes,
        "header": rows[0],
        "rows": [[v if isinstance(v, (int, float)) or v is None else str(v) for v in r] for r in rows[1:]],
        "degree_formats": formats,
        "header_bold": bool(sheet.cell(row=1, column=1).font.b),
    }


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    out = read_csv(path) if kind == "csv" else read_xlsx(path)
    json.dump(out, sys.stdout, ensure_ascii=False)
