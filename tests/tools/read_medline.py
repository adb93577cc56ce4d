#!/usr/bin/python3
"""Reads a MEDLINE (.nbib) export back with Biopython's Bio.Medline (Debian's package
`python3-biopython`) and prints what it understood as JSON, for the export round-trip
test.

    read_medline.py FILE

Prints {"reader": "Bio.Medline <version>", "records": [{"authors": [{"family", "given",
"suffix", "literal"}], "title", "journal", "year", "volume", "issue", "pages", "doi",
"pmid", "note"}]}, each field Bio.Medline's own value: AU ("Badwe R") is split at its
last space into family name and initials, as MEDLINE defines it; CN (a group) is a
literal name. Exit status 2 for a usage error, 1 when Biopython is missing.
"""
import json
import sys

try:
    import Bio
    from Bio import Medline
except ImportError:
    print("Biopython is not installed for /usr/bin/python3: run `make test`, which installs "
          "Debian's python3-biopython", file=sys.stderr)
    sys.exit(1)


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def author_of(au):
    family, _, given = au.rpartition(" ")
    return {"family": family or given, "given": given if family else "", "suffix": "", "literal": ""}


def record_of(rec):
    authors = [author_of(a) for a in as_list(rec.get("AU"))]
    authors += [{"family": "", "given": "", "suffix": "", "literal": c} for c in as_list(rec.get("CN"))]
    dp = rec.get("DP", "")
    lid = " ".join(as_list(rec.get("LID")))
    return {
        "authors": authors,
        "title": rec.get("TI", ""),
        "journal": rec.get("TA", ""),
        "year": int(dp[:4]) if dp[:4].isdigit() else None,
        "volume": rec.get("VI", ""),
        "issue": rec.get("IP", ""),
        "pages": rec.get("PG", ""),
        "doi": lid[: -len(" [doi]")] if lid.endswith(" [doi]") else "",
        "pmid": rec.get("PMID", ""),
        "note": " | ".join(as_list(rec.get("GN"))),
    }


def main():
    if len(sys.argv) != 2:
        print("usage: read_medline.py FILE", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as handle:
        records = [record_of(r) for r in Medline.parse(handle)]
    print(json.dumps({"reader": f"Bio.Medline {Bio.__version__}", "records": records}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
