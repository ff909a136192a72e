"""The first sheet of an XLSX workbook as rows of text, in bounded memory whatever the file claims.

An XLSX file is a zip of XML parts, and a hostile one can hide hundreds of megabytes behind one
(a zip bomb) or spread a few cells over 16,384 columns. So:
- the zip's directory is checked before anything is inflated: what each part declares, the
  total, and how far each part claims to inflate (the compression ratio);
- parts are inflated in small chunks: zipfile yields no more than the size a part declares (and
  fails its checksum if the data goes on), so the checked sizes bound what is inflated;
- the XML is parsed as a stream (expat: no tree, no document type, no entities), and rows,
  columns and cells are counted as they arrive.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from xml.parsers import expat

MB = 1024 * 1024
MAX_SHEET_BYTES = 128 * MB  # a 100,000-guest list with a dozen columns is about 60 MB of XML
MAX_PART_BYTES = 32 * MB  # shared strings, styles, workbook and relationships
MAX_DECLARED_BYTES = 256 * MB  # all parts of the file together
MAX_RATIO = 200  # real sheets inflate 5-30 times; a bomb about 1,000 times
RATIO_FROM_BYTES = 1 * MB  # small parts may inflate as they like
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000  # stored cells, rows times their width; also the most shared strings
_CHUNK = 64 * 1024

_OFFICE_DOCUMENT = "/officeDocument"
_SHARED_STRINGS = "/sharedStrings"
_STYLES = "/styles"


class SheetRefused(Exception):
    """The workbook cannot or must not be read; the message says why (without the file name)."""


def read_first_sheet(path: Path, prefer: tuple[str, ...] = ()) -> list[tuple[int, list[str]]]:
    """(row number, cells) for every row of the first sheet that has a value, or of the first sheet named
    in `prefer` (compared without case) when the workbook has one."""
    try:
        with zipfile.ZipFile(path) as archive:
            _check_declared_sizes(archive)
            return _Workbook(archive).first_sheet_rows({name.casefold() for name in prefer})
    except (zipfile.BadZipFile, zipfile.LargeZipFile, expat.ExpatError, OSError, EOFError) as error:
        raise SheetRefused(f"not a readable XLSX workbook ({error})") from None


def _check_declared_sizes(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SheetRefused(
                f"{info.filename} would inflate {info.file_size // max(info.compress_size, 1):,} times "
                f"(at most {MAX_RATIO} is accepted); this looks like a zip bomb")
    if total > MAX_DECLARED_BYTES:
        raise SheetRefused(f"the workbook would inflate to {total // MB:,} MB (at most {MAX_DECLARED_BYTES // MB} MB "
                           "is accepted); save the guest list as CSV")


class _Workbook:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def first_sheet_rows(self, prefer: set[str]) -> list[tuple[int, list[str]]]:
        workbook_path = self._relationship_targets("", "_rels/.rels").get(_OFFICE_DOCUMENT)
        if workbook_path is None:
            raise SheetRefused("no workbook inside the file")
        workbook = _WorkbookPart(prefer)
        self._parse(workbook_path, workbook, MAX_PART_BYTES)
        folder = posixpath.dirname(workbook_path)
        relations = self._relationships(folder, _rels_path(workbook_path))
        if workbook.first_sheet_id not in relations:
            raise SheetRefused("the workbook has no sheet")
        shared = self._shared_strings(relations)
        dates = self._date_styles(relations)
        sheet = _SheetPart(shared, dates, workbook.date1904)
        self._parse(relations[workbook.first_sheet_id][1], sheet, MAX_SHEET_BYTES)
        return sheet.rows

    def _shared_strings(self, relations: dict) -> list[str]:
        target = _target_of_type(relations, _SHARED_STRINGS)
        strings = _SharedStringsPart()
        if target:
            self._parse(target, strings, MAX_PART_BYTES)
        return strings.strings

    def _date_styles(self, relations: dict) -> frozenset[int]:
        target = _target_of_type(relations, _STYLES)
        styles = _StylesPart()
        if target:
            self._parse(target, styles, MAX_PART_BYTES)
        return styles.date_styles()

    def _relationship_targets(self, folder: str, rels_path: str) -> dict[str, str]:
        """Target by relationship type (the last part of its URI, e.g. '/officeDocument')."""
        return {"/" + kind.rsplit("/", 1)[-1]: target
                for kind, target in self._relationships(folder, rels_path).values()}

    def _relationships(self, folder: str, rels_path: str) -> dict[str, tuple[str, str]]:
        relations = _RelationshipsPart(folder)
        self._parse(rels_path, relations, MAX_PART_BYTES)
        return relations.by_id

    def _parse(self, name: str, part: _Part, limit: int) -> None:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            raise SheetRefused(f"the part {name} is missing") from None
        if info.file_size > limit:
            raise SheetRefused(f"{name} would inflate to {info.file_size // MB:,} MB (at most {limit // MB} MB "
                               "is accepted); save the guest list as CSV")
        parser = _expat_parser(part)
        with self.archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _rels_path(part_path: str) -> str:
    folder, name = posixpath.split(part_path)
    return posixpath.join(folder, "_rels", name + ".rels")


def _target_of_type(relations: dict[str, tuple[str, str]], kind: str) -> str | None:
    return next((target for rel_kind, target in relations.values() if rel_kind.endswith(kind)), None)


def _expat_parser(part: _Part):
    """Elements reach the part by their local name ('c', whatever namespace prefix the file uses)."""
    local_names: dict[str, str] = {}

    def local(name: str) -> str:
        found = local_names.get(name)
        if found is None:
            found = local_names[name] = name.rsplit("}", 1)[-1]
        return found

    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_doctype  # no entities, so no billion laughs
    parser.StartElementHandler = lambda name, attrs: part.start(local(name), attrs)
    parser.EndElementHandler = lambda name: part.end(local(name))
    parser.CharacterDataHandler = part.text
    return parser


def _refuse_doctype(*_ignored) -> None:
    raise SheetRefused("the workbook's XML declares a document type, which XLSX files never do")


def _attribute(attrs: dict[str, str], local_name: str) -> str | None:
    """An attribute by its local name, whatever namespace prefix it carries (r:id)."""
    return next((value for key, value in attrs.items() if key.rsplit("}", 1)[-1] == local_name), None)


class _Part:
    def start(self, name: str, attrs: dict[str, str]) -> None:
        pass

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class _RelationshipsPart(_Part):
    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.by_id: dict[str, tuple[str, str]] = {}

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(self.folder, target)
            self.by_id[attrs.get("Id", "")] = (attrs.get("Type", ""), posixpath.normpath(path))


class _WorkbookPart(_Part):
    def __init__(self, prefer: set[str]) -> None:
        self.prefer = prefer
        self.first_sheet_id: str | None = None
        self.date1904 = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "sheet" and (self.first_sheet_id is None or attrs.get("name", "").casefold() in self.prefer):
            self.first_sheet_id = _attribute(attrs, "id")
            if attrs.get("name", "").casefold() in self.prefer:
                self.prefer = set()  # the first preferred sheet it is
        elif name == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")


class _TextCollector(_Part):
    """Text of <t> elements, leaving out phonetic runs (<rPh>) as Excel shows them."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.collecting = False
        self.phonetic = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "rPh":
            self.phonetic = True
        elif name == "t" and not self.phonetic:
            self.collecting = True

    def end(self, name: str) -> None:
        if name == "rPh":
            self.phonetic = False
        elif name == "t":
            self.collecting = False

    def text(self, data: str) -> None:
        if self.collecting:
            self.parts.append(data)

    def take(self) -> str:
        text, self.parts = "".join(self.parts), []
        return text


class _SharedStringsPart(_TextCollector):
    def __init__(self) -> None:
        super().__init__()
        self.strings: list[str] = []

    def end(self, name: str) -> None:
        super().end(name)
        if name == "si":
            if len(self.strings) == MAX_CELLS:
                raise SheetRefused(f"more than {MAX_CELLS:,} shared strings; save the guest list as CSV")
            self.strings.append(self.take())


class _StylesPart(_Part):
    """Which cell styles show numbers as dates (Excel stores dates as day numbers)."""

    def __init__(self) -> None:
        self.custom_formats: dict[int, str] = {}
        self.cell_formats: list[int] = []
        self.in_cell_xfs = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "numFmt":
            self.custom_formats[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            self.cell_formats.append(int(attrs.get("numFmtId", "0")))

    def end(self, name: str) -> None:
        if name == "cellXfs":
            self.in_cell_xfs = False

    def date_styles(self) -> frozenset[int]:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        def shows_a_date(format_id: int) -> bool:
            code = self.custom_formats.get(format_id) or BUILTIN_FORMATS.get(format_id) or ""
            return is_date_format(code) and not is_timedelta_format(code)

        return frozenset(index for index, format_id in enumerate(self.cell_formats) if shows_a_date(format_id))


class _SheetPart(_TextCollector):
    """Rows with a value, counted and checked against the limits as they arrive."""

    def __init__(self, shared: list[str], date_styles: frozenset[int], date1904: bool) -> None:
        super().__init__()
        self.rows: list[tuple[int, list[str]]] = []
        self.cells_kept = 0
        self.row_number = 0
        self.row: list[str] = []
        self.column = 0
        self.cell_type = "n"
        self.cell_style = 0
        self.convert = _Converter(shared, date_styles, date1904)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "c":
            reference = attrs.get("r")
            self.column = _column_of(reference) if reference else self.column + 1
            self.cell_type = attrs.get("t", "n")
            self.cell_style = int(attrs.get("s", "0"))
            self.parts = []
        elif name == "v":
            self.collecting = True
        elif name == "row":
            number = attrs.get("r")
            self.row_number = int(number) if number else self.row_number + 1
            self.row, self.column = [], 0
        else:
            super().start(name, attrs)

    def end(self, name: str) -> None:
        if name == "c":
            self._keep_cell(self.convert(self.cell_type, self.take(), self.cell_style))
        elif name == "v":
            self.collecting = False
        elif name == "row":
            self._keep_row()
        else:
            super().end(name)

    def _keep_cell(self, value: str) -> None:
        if not value:
            return
        if self.column > MAX_COLUMNS:
            raise SheetRefused(f"row {self.row_number} has a value in column {self.column:,}; at most "
                               f"{MAX_COLUMNS} columns are accepted")
        self.row.extend([""] * (self.column - len(self.row)))
        self.row[self.column - 1] = value

    def _keep_row(self) -> None:
        if not self.row:
            return
        if len(self.rows) == MAX_ROWS:
            raise SheetRefused(f"the sheet has more than {MAX_ROWS:,} rows; at most {MAX_ROWS:,} are accepted")
        self.cells_kept += len(self.row)
        if self.cells_kept > MAX_CELLS:
            raise SheetRefused(f"the sheet has more than {MAX_CELLS:,} cells; at most {MAX_CELLS:,} are accepted")
        self.rows.append((self.row_number, self.row))


def _column_of(reference: str) -> int:
    """'C7' -> 3, 'AB12' -> 28."""
    column = 0
    for letter in reference:
        if not "A" <= letter <= "Z":
            break
        column = column * 26 + ord(letter) - ord("A") + 1
    if not column:
        raise SheetRefused(f"'{reference[:20]}' is not a cell reference")
    return column


class _Converter:
    """A cell's stored text as the text the guest list means (numbers without '.0', dates as ISO)."""

    def __init__(self, shared: list[str], date_styles: frozenset[int], date1904: bool) -> None:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        self.shared = shared
        self.date_styles = date_styles
        epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.from_serial: Callable[[float], object] = lambda serial: from_excel(serial, epoch)
        self.by_type: dict[str, Callable[[str, int], str]] = {
            "s": self._shared, "n": self._number, "b": lambda text, _: str(text == "1"),
            "d": lambda text, _: _iso_date(text), "inlineStr": lambda text, _: text,
            "str": lambda text, _: text, "e": lambda text, _: text}

    def __call__(self, cell_type: str, text: str, style: int) -> str:
        if not text:
            return ""
        return self.by_type.get(cell_type, self._number)(text, style)

    def _shared(self, text: str, _style: int) -> str:
        try:
            return self.shared[int(text)]
        except (ValueError, IndexError):
            raise SheetRefused(f"a cell refers to shared string '{text[:20]}', which does not exist") from None

    def _number(self, text: str, style: int) -> str:
        try:
            number = float(text) if any(mark in text for mark in ".eE") else int(text)
        except ValueError:
            return text
        if style in self.date_styles:
            return _text_of(self.from_serial(number))
        return _text_of(number)


def _iso_date(text: str) -> str:
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return text


def _text_of(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

