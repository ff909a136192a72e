"""Read a guest list file (CSV in any usual encoding and delimiter, or XLSX) into rows."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .xlsx import SheetRefused, read_first_sheet


class ImportFileError(Exception):
    """The file cannot be read at all; nothing is imported."""


@dataclass(frozen=True)
class Table:
    source: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)
    encoding: str = ""
    delimiter: str = ""


def read_table(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path.name}: cannot open file ({error.strerror})") from error
    if not data.strip():
        raise ImportFileError(f"{path.name}: the file is empty")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(f"{path.name}: old Excel (.xls) files are not supported; save as .xlsx or CSV")
    text, encoding = _decode(path.name, data)
    return _read_csv(path.name, text, encoding)


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    else:
        zero = data.find(b"\x00")
        if zero >= 0:
            raise ImportFileError(f"{name}: not a text file (binary data at byte {zero}); "
                                  "save the list as CSV (UTF-8) or XLSX")
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            last_error = error
    line = data[:last_error.start].count(b"\n") + 1
    raise ImportFileError(f"{name}, line {line}: the text is neither UTF-8 nor Windows-1252 "
                          f"(byte 0x{data[last_error.start]:02x}); save the list as CSV (UTF-8)")


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(name: str, text: str, encoding: str) -> Table:
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    headers: list[str] | None = None
    next_line = 1
    try:
        for cells in reader:
            line, next_line = next_line, reader.line_num + 1
            if headers is None:
                headers = cells
            elif "".join(cells).strip():  # not a blank row
                rows.append((line, cells))
    except csv.Error as error:
        raise ImportFileError(f"{name}, line {reader.line_num}: {error}") from error
    return Table(name, headers or [], rows, encoding, delimiter)


def _read_xlsx(path: Path) -> Table:
    try:
        rows = read_first_sheet(path)
    except SheetRefused as error:
        raise ImportFileError(f"{path.name}: {error}") from None
    headers: list[str] | None = None
    table_rows: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        if headers is None:
            headers = cells
        elif any(c.strip() for c in cells):
            table_rows.append((number, cells))
    return Table(path.name, headers or [], table_rows, "xlsx", "")
