"""Read a programme file (CSV in any usual encoding and delimiter, or XLSX) into sessions.

Headers in German or English: Tag/Datum/Day/Date, Beginn/Start, Ende/End (or one Zeit/Time column
"09:00–10:30"), Titel/Title (+ Titel (EN)/title_en), Raum/Room, Art/Kind/Format, Kapazität/Capacity.
A bad row is rejected with its line, field and reason; the other rows are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from kiosk.core.model import Event
from kiosk.core.programme import (InvalidSession, Session, SessionKind, check_session, guess_kind,
                                  kind_for_word, new_session_id)

from .columns import header_key
from .encoding import Notice
from .parsing import Rejection, RowError, parse_days
from .reading import ImportFileError, Table, read_table

HEADERS = {
    "day": ("Tag", "Datum", "Day", "Date"),
    "start": ("Beginn", "Start", "Von", "From", "Startzeit", "Start time", "Uhrzeit"),
    "end": ("Ende", "End", "Bis", "To", "Endzeit", "End time"),
    "time": ("Zeit", "Time", "Zeitraum"),
    "title": ("Titel", "Title", "Titel (DE)", "Title (DE)", "Titel DE", "title_de", "Programmpunkt", "Thema",
              "Session", "Veranstaltung"),
    "title_en": ("Titel (EN)", "Title (EN)", "Titel EN", "title_en", "Englischer Titel", "English title",
                 "Titel englisch"),
    "room": ("Raum", "Room", "Ort", "Location", "Saal"),
    "kind": ("Art", "Kind", "Format", "Typ", "Type"),
    "capacity": ("Kapazität", "Capacity", "Plätze", "Seats", "Max. Teilnehmende", "Teilnehmerzahl"),
}
_FIELD_BY_KEY = {header_key(alias): name for name, aliases in HEADERS.items() for alias in aliases}
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*(?:uhr|h)?$", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:[-–—]|bis|to)\s*", re.IGNORECASE)
KIND_HINT = "Vortrag, Speed-Networking, Quiz, Pause, Abendessen or Sonstiges"


@dataclass
class ParsedProgramme:
    source: str
    sessions: list[tuple[int, Session]] = field(default_factory=list)  # (line, session)
    rejected: list[Rejection] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def read_programme_file(path: Path, event: Event) -> ParsedProgramme:
    """ImportFileError when the file cannot be read at all or lacks a needed column."""
    return parse_programme(read_table(Path(path)), event)


def map_columns(table: Table) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        name = _FIELD_BY_KEY.get(header_key(header))
        if name and name not in columns:
            columns[name] = index
    missing = [label for names, label in (
        (("day",), "Tag/Datum (Day/Date)"), (("start", "time"), "Beginn (Start)"),
        (("end", "time"), "Ende (End)"), (("title", "title_en"), "Titel (Title)"))
        if not set(names) & columns.keys()]
    if missing:
        found = ", ".join(h for h in table.headers if h.strip()) or "none"
        raise ImportFileError(f"{table.source}, line 1: no {' and no '.join(missing)} column; found: {found}")
    return columns


def parse_programme(table: Table, event: Event) -> ParsedProgramme:
    columns = map_columns(table)
    parsed = ParsedProgramme(table.source, notices=list(table.notices))
    first_line: dict[tuple, int] = {}
    for line, cells in table.rows:
        try:
            if line in table.lost_text:
                raise RowError("a letter in this row was lost when the file was converted between encodings",
                               "encoding")
            session = parse_row(_cells(cells, columns), event)
            key = (session.day, session.start, session.title_de.casefold())
            if key in first_line:
                raise RowError(f"the same session as line {first_line[key]} (day, start and title)", "title")
        except RowError as error:
            parsed.rejected.append(Rejection(line, str(error), error.field_name))
            continue
        except InvalidSession as error:
            parsed.rejected.append(Rejection(line, str(error), error.field))
            continue
        first_line[key] = line
        parsed.sessions.append((line, session))
    return parsed


def _cells(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    return {name: (cells[index].strip() if index < len(cells) else "") for name, index in columns.items()}


def parse_row(cells: dict[str, str], event: Event) -> Session:
    day = _day(cells.get("day", ""), event)
    start, end = _times(cells)
    title_de, title_en = cells.get("title", ""), cells.get("title_en", "")
    kind = _kind(cells.get("kind", ""), title_de or title_en)
    session = Session(new_session_id(), day, start, end, title_de or title_en, title_en if title_de else "",
                      cells.get("room", ""), kind, _capacity(cells.get("capacity", "")))
    return check_session(session, event.days)


def _day(text: str, event: Event) -> date:
    if not text:
        raise RowError("no day (write 2023-10-24, 24.10.2023 or Tag 1)", "day")
    try:
        days = parse_days(text, event)
    except RowError as error:
        raise RowError(str(error), "day") from None
    if len(days) != 1:
        raise RowError(f"'{text}' names {len(days) or 'no'} days; a session is on one day", "day")
    return days[0]


def _times(cells: dict[str, str]) -> tuple[time, time]:
    if cells.get("start"):
        start = parse_time(cells["start"], "start")
        return start, parse_time(cells.get("end", ""), "end")
    parts = _RANGE.split(cells.get("time", "").strip(), maxsplit=1)
    if len(parts) != 2:
        raise RowError(f"'{cells.get('time', '')}' is not a time range like 09:00–10:30", "start")
    return parse_time(parts[0], "start"), parse_time(parts[1], "end")


def parse_time(text: str, field_name: str) -> time:
    """'9:00', '09:00', '9.30', '9 Uhr', '09:00:00', or a fraction of a day as a spreadsheet stores it."""
    text = text.strip()
    if not text:
        raise RowError(f"no {field_name} time", field_name)
    match = _TIME.match(text)
    if match and int(match.group(1)) < 24 and int(match.group(2) or 0) < 60:
        return time(int(match.group(1)), int(match.group(2) or 0))
    try:
        fraction = float(text)
    except ValueError:
        fraction = -1.0
    if 0 <= fraction < 1:
        minutes = round(fraction * 24 * 60)
        return (datetime.min + timedelta(minutes=min(minutes, 24 * 60 - 1))).time()
    raise RowError(f"'{text}' is not a time (write 09:30)", field_name)



def _kind(text: str, title: str) -> SessionKind:
    if not text:
        return guess_kind(title)
    kind = kind_for_word(text)
    if kind is None:
        raise RowError(f"unknown kind '{text}' (use {KIND_HINT})", "kind")
    return kind


def _capacity(text: str) -> int | None:
    if not text:
        return None
    digits = text.replace(".", "").replace(" ", "")
    if not digits.isdigit():
        raise RowError(f"'{text}' is not a number of places", "capacity")
    return int(digits)
