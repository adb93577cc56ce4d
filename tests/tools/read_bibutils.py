#!/usr/bin/python3
"""Reads an export back with bibutils (Debian's package `bibutils`) and prints what it
understood as JSON, for the export round-trip test.

    read_bibutils.py ris|bibtex FILE

Runs ris2xml or bib2xml, which convert to MODS XML, and maps the MODS of each record
field for field, never cleaning values up, so that the test sees what a bibutils user
would get: {"reader": "bibutils <tool>", "records": [{"authors": [{"family", "given",
"suffix", "literal"}], "title", "journal", "year", "volume", "issue", "pages", "doi",
"pmid", "note"}]}. MODS splits a title at its colon into title and subTitle; they are
joined back with ": ", as MODS means them. Exit status 2 for a usage error, 1 when the
tool is missing or fails.
"""
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {"m": "http://www.loc.gov/mods/v3"}
TOOLS = {"ris": "ris2xml", "bibtex": "bib2xml"}


def text(node, path):
    found = node.find(path, NS) if node is not None else None
    return (found.text or "").strip() if found is not None and found.text else ""


def title_of(node):
    for info in node.findall("m:titleInfo", NS):
        if info.get("type"):
            continue
        title, sub = text(info, "m:title"), text(info, "m:subTitle")
        if title or sub:
            return f"{title}: {sub}" if sub else title
    return text(node, "m:titleInfo[@type='abbreviated']/m:title")


def author_of(name):
    parts = name.findall("m:namePart", NS)
    if name.get("type") != "personal":
        return {"family": "", "given": "", "suffix": "", "literal": " ".join((p.text or "") for p in parts)}
    pick = lambda kind: " ".join((p.text or "").strip() for p in parts if p.get("type") == kind)
    return {"family": pick("family"), "given": pick("given"), "suffix": pick("termsOfAddress"), "literal": ""}


def record_of(mods):
    authors = []
    for name in mods.findall("m:name", NS):
        roles = [r.text for r in name.findall("m:role/m:roleTerm", NS)]
        if not roles or "author" in roles:
            authors.append(author_of(name))
    host = mods.find("m:relatedItem[@type='host']", NS)
    part = mods.find("m:part", NS)
    date = text(part, "m:date") or text(mods, "m:originInfo/m:dateIssued") or text(host, "m:originInfo/m:dateIssued")
    pages = text(part, "m:detail[@type='page']/m:number")
    start, end = text(part, "m:extent[@unit='page']/m:start"), text(part, "m:extent[@unit='page']/m:end")
    if start:
        pages = f"{start}-{end}" if end else start
    return {
        "authors": authors,
        "title": title_of(mods),
        "journal": title_of(host) if host is not None else "",
        "year": int(date[:4]) if date[:4].isdigit() else None,
        "volume": text(part, "m:detail[@type='volume']/m:number"),
        "issue": text(part, "m:detail[@type='issue']/m:number"),
        "pages": pages,
        "doi": text(mods, "m:identifier[@type='doi']"),
        "pmid": text(mods, "m:identifier[@type='pubmed']"),
        "note": " | ".join((n.text or "") for n in mods.findall("m:note", NS)),
    }


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in TOOLS:
        print("usage: read_bibutils.py ris|bibtex FILE", file=sys.stderr)
        return 2
    tool = TOOLS[sys.argv[1]]
    if shutil.which(tool) is None:
        print(f"{tool} is not installed: run `make test`, which installs Debian's bibutils", file=sys.stderr)
        return 1
    done = subprocess.run([tool, sys.argv[2]], capture_output=True)
    if done.returncode != 0:
        print(f"{tool} failed: {done.stderr.decode(errors='replace')}", file=sys.stderr)
        return 1
    root = ET.fromstring(done.stdout.decode("utf-8-sig"))
    records = [record_of(m) for m in root.findall("m:mods", NS)]
    print(json.dumps({"reader": f"bibutils {tool}", "records": records}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
