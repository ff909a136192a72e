"""Helpers for the file-format tests: an event and writers for files as real tools save them."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

from kiosk.core.model import Event

EVENT = Event(id="0c4f7f8e-5a71-4b1e-9d0a-3f6b2c1d4e5f", name="Testtreffen", venue="Fruchthalle",
              days=(date(2023, 10, 24), date(2023, 10, 25), date(2023, 10, 26)), secret=b"\x00" * 32)


def write_lines(path: Path, lines: list[str], encoding: str = "utf-8", newline: str = "\n",
                bom: bytes = b"") -> Path:
    path.write_bytes(bom + (newline.join(lines) + newline).encode(encoding))
    return path


def write_excel_unicode_text(path: Path, lines: list[str]) -> Path:
    """Excel's 'Unicode text (*.txt)': UTF-16 little endian with BOM, tab-separated, CRLF."""
    return write_lines(path, lines, encoding="utf-16-le", newline="\r\n", bom=codecs.BOM_UTF16_LE)


def write_xlsx(path: Path, rows: list[list[object]], sheet_title: str = "Anmeldungen") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
