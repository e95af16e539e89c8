#!/usr/bin/env python3
"""Prints what an .xlsx holds, independently of the program that wrote it (test_report).

    xlsx_dump.py FILE            sheet names, one per line: "SHEET<TAB>name"
    xlsx_dump.py FILE NAME       the sheet's cells: "CELL<TAB>ref<TAB>value<TAB>formula",
                                 merged ranges "MERGE<TAB>A3:A4" and "PANE<TAB>xSplit<TAB>ySplit"

Shared strings are resolved; numbers are printed exactly as stored in the file.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def main():
    z = zipfile.ZipFile(sys.argv[1])
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    sheets = [(s.get("name"), "xl/" + target[s.get(REL)]) for s in book.find("m:sheets", NS)]
    out = sys.stdout
    if len(sys.argv) == 2:
        for name, _ in sheets:
            out.write("SHEET\t%s\n" % name)
        return
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    path = dict(sheets)[sys.argv[2]]
    sheet = ET.fromstring(z.read(path))
    pane = sheet.find(".//m:pane", NS)
    if pane is not None:
        out.write("PANE\t%s\t%s\n" % (pane.get("xSplit", "0"), pane.get("ySplit", "0")))
    for m in sheet.findall(".//m:mergeCell", NS):
        out.write("MERGE\t%s\n" % m.get("ref"))
    for c in sheet.iter("{%s}c" % NS["m"]):
        v = c.find("m:v", NS)
        f = c.find("m:f", NS)
        value = "" if v is None else v.text or ""
        if c.get("t") == "s":
            value = shared[int(value)]
        elif c.get("t") == "inlineStr":
            value = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
        value = value.replace("\t", " ").replace("\n", " ")
        out.write("CELL\t%s\t%s\t%s\n" % (c.get("r"), value, "" if f is None else f.text or ""))


if __name__ == "__main__":
    main()
