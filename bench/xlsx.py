#!/usr/bin/env python3
"""A bench ledger (buchungen.csv of bench/generate.py) as an Excel workbook, written as Excel writes one:

  python3 bench/xlsx.py IN.csv OUT.xlsx

every text in the shared-string table (so the reader holds it), amounts as numbers in `#,##0.00`, dates as
serial days in `dd.mm.yyyy`, a `dimension`, rows and cells with `r`, the parts deflated at zlib's level 6.
The sheet is streamed; the distinct texts are held for the shared-string table, written last. Test
tooling, not part of fundreport.
"""
import csv
import datetime
import sys
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
EPOCH = datetime.date(1899, 12, 30)
DATES = {1, 2}
AMOUNTS = {7, 8, 9}


def column(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def main():
    source, target = sys.argv[1], sys.argv[2]
    strings, order = {}, []

    def shared(text):
        index = strings.get(text)
        if index is None:
            index = strings[text] = len(order)
            order.append(text)
        return index

    with open(source, encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in f)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                   'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                   f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                   f'<sheet name="Buchungen" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
                   f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                   f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/styles.xml", f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><numFmts count="1">'
                   f'<numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts><cellXfs count="3">'
                   f'<xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="4" '
                   f'applyNumberFormat="1"/></cellXfs></styleSheet>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=False) as sheet, \
                open(source, encoding="utf-8", newline="") as f:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
                        f'<dimension ref="A1:J{rows}"/><sheetData>'.encode())
            batch = []
            for number, record in enumerate(csv.reader(f, delimiter=";"), start=1):
                cells = []
                for index, value in enumerate(record):
                    if value == "":
                        continue
                    place = f"{column(index)}{number}"
                    if number > 1 and index in DATES:
                        day, month, year = value.split(".")
                        serial = (datetime.date(int(year), int(month), int(day)) - EPOCH).days
                        cells.append(f'<c r="{place}" s="1"><v>{serial}</v></c>')
                    elif number > 1 and index in AMOUNTS:
                        cells.append(f'<c r="{place}" s="2"><v>{value.replace(".", "").replace(",", ".")}</v></c>')
                    else:
                        cells.append(f'<c r="{place}" t="s"><v>{shared(value)}</v></c>')
                batch.append(f'<row r="{number}">{"".join(cells)}</row>')
                if len(batch) >= 10_000:
                    sheet.write("".join(batch).encode())
                    batch.clear()
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())
        with z.open("xl/sharedStrings.xml", "w") as sst:
            sst.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(order)}" '
                      f'uniqueCount="{len(order)}">'.encode())
            for start in range(0, len(order), 10_000):
                sst.write("".join(f"<si><t>{escape(text)}</t></si>" for text in order[start:start + 10_000]).encode())
            sst.write(b"</sst>")


if __name__ == "__main__":
    main()
