"""Read a guest list file (CSV in any usual encoding and delimiter, or XLSX) into rows."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .columns import GUEST_SHEETS
from .encoding import Notice, decode_lines, repair_rows, suspect
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
    notices: tuple[Notice, ...] = ()  # what reading repaired, by line
    lost_text: frozenset[int] = frozenset()  # rows (by line) with a letter lost to a wrong conversion


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
    text, encoding, notices = _decode(path.name, data)
    return _repaired(_read_csv(path.name, text, encoding), notices, suspect(text))


def _decode(name: str, data: bytes) -> tuple[str, str, list[Notice]]:
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "utf-16", []
        if data.startswith(codecs.BOM_UTF8):
            return data.decode("utf-8-sig"), "utf-8-sig", []
        zero = data.find(b"\x00")
        if zero >= 0:
            raise ImportFileError(f"{name}: not a text file (binary data at byte {zero}); "
                                  "save the list as CSV (UTF-8) or XLSX")
        try:
            return data.decode("utf-8"), "utf-8", []
        except UnicodeDecodeError:
            return decode_lines(data)  # Windows-1252, or UTF-8 with some Windows-1252 lines
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ImportFileError(f"{name}, line {line}: the text is neither UTF-8 nor Windows-1252 "
                              f"(byte 0x{data[error.start]:02x}); save the list as CSV (UTF-8)") from None


def _repaired(table: Table, notices: list[Notice], suspect_text: bool) -> Table:
    """The table with twice-encoded text turned back (only looked for where the text holds a suspect pair)."""
    if not suspect_text:
        return replace(table, notices=tuple(notices))
    rows, repairs, lost = repair_rows(table.rows)
    return replace(table, rows=rows, notices=tuple(sorted([*notices, *repairs], key=lambda n: n.line)),
                   lost_text=frozenset(lost))


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_FIRST_LINE = re.compile(r"[^\r\n]*")


def _read_csv(name: str, text: str, encoding: str) -> Table:
    first_line = _FIRST_LINE.match(text.lstrip("\ufeff")).group()  # not splitlines(): a whole-file copy
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
        rows = read_first_sheet(path, prefer=GUEST_SHEETS)
    except SheetRefused as error:
        raise ImportFileError(f"{path.name}: {error}") from None
    headers: list[str] | None = None
    table_rows: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        if headers is None:
            headers = cells
        elif any(c.strip() for c in cells):
            table_rows.append((number, cells))
    table = Table(path.name, headers or [], table_rows, "xlsx", "")
    return _repaired(table, [], suspect("\x1f".join("\x1f".join(cells) for _, cells in table_rows)))
