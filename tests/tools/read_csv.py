#!/usr/bin/python3
"""Reads a CSV export back with Python's csv module (RFC 4180 dialect "excel") and prints
what it understood as JSON, for the export round-trip test.

    read_csv.py FILE

Prints {"reader": "Python csv", "records": [...]} in the shape of the other readers:
the authors column ("Badwe R, Hawaldar R, Nair N, et al.") is split at its commas into
literal names, a last "et al." going to the note. Exit status 2 for a usage error.
"""
import csv
import json
import sys

HEADER = ["topic", "number", "authors", "title", "journal", "year", "volume", "issue", "pages",
          "doi", "pmid", "design", "level"]


def record_of(row):
    names = [n for n in row["authors"].split(", ") if n]
    et_al = bool(names) and names[-1] == "et al."
    if et_al:
        names.pop()
    return {
        "authors": [{"family": "", "given": "", "suffix": "", "literal": n} for n in names],
        "title": row["title"],
        "journal": row["journal"],
        "year": int(row["year"]) if row["year"].isdigit() else None,
        "volume": row["volume"],
        "issue": row["issue"],
        "pages": row["pages"],
        "doi": row["doi"],
        "pmid": row["pmid"],
        "note": "et al." if et_al else "",
    }


def main():
    if len(sys.argv) != 2:
        print("usage: read_csv.py FILE", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != HEADER:
            print(f"unexpected header: {reader.fieldnames}", file=sys.stderr)
            return 1
        records = [record_of(row) for row in reader]
    print(json.dumps({"reader": "Python csv", "records": records}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
