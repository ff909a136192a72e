"""Workbooks built part by part, as Excel lays them out, including hostile ones: zip bombs whose
sheet inflates to hundreds of megabytes and zips whose directory lies about the sizes."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_PART = "xl/worksheets/sheet1.xml"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = {"xl/workbook.xml": "sheet.main", "xl/worksheets/sheet1.xml": "worksheet",
                  "xl/worksheets/sheet2.xml": "worksheet", "xl/sharedStrings.xml": "sharedStrings",
                  "xl/styles.xml": "styles"}


def _content_types(part_names: list[str]) -> str:
    """The manifest openpyxl (and so the old reader) goes by: one override per part present."""
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="/{name}" ContentType="{_TYPE}.{_CONTENT_TYPES[name]}+xml"/>'
                      for name in part_names if name in _CONTENT_TYPES)
            + "</Types>")


def _relationships(*entries: tuple[str, str, str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
            + "".join(f'<Relationship Id="{rid}" Type="{RELATIONSHIPS}/{kind}" Target="{target}"/>'
                      for rid, kind, target in entries)
            + "</Relationships>")


def _parts(shared_strings: list[str] | None, styles: str | None, date1904: bool) -> dict[str, str]:
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
                f'<x:workbookPr date1904="{int(date1904)}"/><x:sheets>'
                '<x:sheet name="Gäste" sheetId="1" r:id="rId7"/><x:sheet name="Notizen" sheetId="2" r:id="rId8"/>'
                "</x:sheets></x:workbook>")
    related = [("rId8", "worksheet", "worksheets/sheet2.xml"), ("rId7", "worksheet", "/xl/worksheets/sheet1.xml")]
    parts = {"_rels/.rels": _relationships(("rId1", "officeDocument", "xl/workbook.xml")),
             "xl/workbook.xml": workbook,
             "xl/worksheets/sheet2.xml": f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c t="inlineStr">'
                                         "<is><t>not the guest list</t></is></c></row></sheetData></worksheet>"}
    if shared_strings is not None:
        related.append(("rId9", "sharedStrings", "sharedStrings.xml"))
        parts["xl/sharedStrings.xml"] = (f'<sst xmlns="{MAIN}">' + "".join(shared_strings) + "</sst>")
    if styles is not None:
        related.append(("rId10", "styles", "styles.xml"))
        parts["xl/styles.xml"] = styles
    parts["xl/_rels/workbook.xml.rels"] = _relationships(*related)
    parts["[Content_Types].xml"] = _content_types([*parts, SHEET_PART])
    return parts


def write_workbook(path: Path, sheet_rows: Iterable[str], *, dimension: str | None = None,
                   shared_strings: list[str] | None = None, styles: str | None = None,
                   date1904: bool = False) -> Path:
    """A workbook whose first sheet holds `sheet_rows` (XML of <row> elements), streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _parts(shared_strings, styles, date1904).items():
            archive.writestr(name, text)
        with archive.open(SHEET_PART, "w") as sheet:
            claimed = f'<dimension ref="{dimension}"/>' if dimension else ""
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{claimed}'
                        "<sheetData>".encode())
            batch: list[str] = []
            for row in sheet_rows:
                batch.append(row)
                if len(batch) == 10_000:
                    sheet.write("".join(batch).encode())
                    batch.clear()
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())
    return path


def repeated(row: str, times: int) -> Iterable[str]:
    block = row * 10_000
    for _ in range(times // 10_000):
        yield block


def inline(text: str, column: str = "") -> str:
    reference = f' r="{column}"' if column else ""
    return f'<c{reference} t="inlineStr"><is><t>{text}</t></is></c>'


def declare_size(path: Path, member: str, size: int) -> Path:
    """Make the zip's local header and central directory both claim `size` inflated bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local_header = archive.getinfo(member).header_offset
    struct.pack_into("<I", data, local_header + 22, size)
    name = member.encode()
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == name:
            struct.pack_into("<I", data, central + 24, size)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path
