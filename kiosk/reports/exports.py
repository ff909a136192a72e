"""Staff exports (guests with check-in status, check-ins, contacts) as CSV or XLSX.

Every text cell that a spreadsheet could read as a formula (it starts with
= + - @, a tab or a carriage return) gets a leading apostrophe. `excel_de`
writes CSV the way German Excel opens it with a double click: ';' between
fields and UTF-8 with a byte order mark.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.i18n import category_label
from kiosk.storage import listings

from .style import Locale

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
KIND_SINGULAR = {"digital_centre": "Digital centre", "ministry": "Ministry", "project_agency": "Project agency",
                 "research": "Research", "partner_hub": "Partner hub", "press": "Press", "staff": "Staff",
                 "other": "Other", "": ""}
EXPORTS = ("guests", "check-ins", "contacts")
XLSX_MAX_ROWS = 1_048_576  # Excel's limit, the header row included


class ExportError(ValueError):
    """The export cannot be written as asked (unknown kind or file type)."""


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula becomes plain text; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Sheet:
    name: str
    header: list[str]
    rows: Iterable[list]  # read once, lazily: 100,000 rows never sit in memory as objects twice


def export(store, what: str, path: Path, excel_de: bool = False, lang: str = "de") -> int:
    """Write one export to `path` (.csv or .xlsx); returns the number of data rows."""
    builders: dict[str, Callable[[object, Locale], Sheet]] = {
        "guests": guest_sheet, "check-ins": check_in_sheet, "contacts": contact_sheet}
    if what not in builders:
        raise ExportError(f"unknown export '{what}'; choose one of {', '.join(EXPORTS)}")
    return write_sheet(builders[what](store, Locale(lang)), path, excel_de)


def write_sheet(sheet: Sheet, path: Path, excel_de: bool = False) -> int:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return _write_csv(sheet, Path(path), excel_de)
    if suffix == ".xlsx":
        return _write_xlsx(sheet, Path(path))
    raise ExportError(f"{path}: write .csv or .xlsx")


def _write_csv(sheet: Sheet, path: Path, excel_de: bool) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig" if excel_de else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";" if excel_de else ",", lineterminator="\r\n")
        writer.writerow([neutralise(h) for h in sheet.header])
        for row in sheet.rows:
            writer.writerow([neutralise(v) for v in row])
            count += 1
    return count


def _write_xlsx(sheet: Sheet, path: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    def clean(value):
        value = neutralise(value)
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    book = Workbook(write_only=True)
    table = book.create_sheet(re.sub(r"[\\/*?:\[\]]", "-", sheet.name)[:31] or "Export")
    table.freeze_panes = "A2"
    for index, title in enumerate(sheet.header, start=1):
        table.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(title) + 4))
    bold = Font(bold=True)
    header = []
    for title in sheet.header:
        cell = WriteOnlyCell(table, value=clean(title))
        cell.font = bold
        header.append(cell)
    table.append(header)
    count = 0
    for row in sheet.rows:
        if count == XLSX_MAX_ROWS - 1:
            raise ExportError(f"more than {XLSX_MAX_ROWS - 1:,} rows do not fit in an XLSX sheet; write .csv")
        table.append([clean(v) for v in row])
        count += 1
    book.save(path)
    return count


# -- the three exports ---------------------------------------------------------------
def guest_sheet(store, loc: Locale) -> Sheet:
    tr, event = loc.tr, store.event()
    clock = _LocalClock(event.timezone)
    header = [tr("ID"), tr("External ID"), tr("Title"), tr("First name"), tr("Last name"), tr("Organization"),
              tr("Organization kind"), tr("Category"), tr("E-mail"), tr("Registered days"),
              tr("Contact exchange"), tr("Walk-in")]
    header += [tr("Check-in {day}", day=d.isoformat()) for d in event.days] + [tr("Days attended")]

    def rows() -> Iterator[list]:
        ordered = sorted(listings.guests(store), key=lambda r: (r[4].casefold(), r[3].casefold(), r[0]))
        for (gid, external, title, first, last, org, kind, category, email, days, consent, walk_in,
             check_ins) in ordered:
            times = _check_in_times(check_ins, clock)
            yield ([gid, external, title, first, last, org, tr(KIND_SINGULAR.get(kind, kind)) if kind else "",
                    category_label(category, tr), email, _days(days, tr), _yes(consent, tr), _yes(walk_in, tr)]
                   + [times.get(d, "") for d in event.days] + [len(times)])

    return Sheet(tr("Guests"), header, rows())


def check_in_sheet(store, loc: Locale) -> Sheet:
    tr, clock = loc.tr, _LocalClock(store.event().timezone)
    header = [tr("Day"), tr("Time"), tr("ID"), tr("Name"), tr("Organization"), tr("Category"), tr("Walk-in")]

    def rows() -> Iterator[list]:
        for day, at, *person, category, walk_in in listings.check_ins(store):
            gid, name, org = _person(person, tr, privacy="check-in")
            yield [day, clock.time(at), gid, name, org, category_label(category, tr), _yes(walk_in, tr)]

    return Sheet(tr("Check-ins"), header, rows())


def contact_sheet(store, loc: Locale) -> Sheet:
    tr, clock = loc.tr, _LocalClock(store.event().timezone)
    header = [tr("Day"), tr("Time"), tr("ID A"), tr("Guest A"), tr("Organization A"), tr("ID B"), tr("Guest B"),
              tr("Organization B")]
    size = len(listings.PERSON)

    def rows() -> Iterator[list]:
        for day, at, *people in listings.contacts(store):
            first, second = people[:size], people[size:]
            yield [day, clock.time(at), *_person(first, tr), *_person(second, tr)]

    return Sheet(tr("Contacts"), header, rows())


def _person(values, tr, privacy: str = "contact") -> tuple[str, str, str]:
    """(id, name, organization) as an export may show them.

    Anonymised guests show as '(anonymised)' with neither id nor name, guests whose
    data has not arrived by sync yet as '(not synced yet)'. In the contacts export,
    someone who withdrew contact-exchange consent shows as '(not shared)'.
    """
    gid, shareable, anonymised, placeholder, title, first, last, org = values
    if anonymised:
        return "", tr("(anonymised)"), ""
    if placeholder:
        return gid, tr("(not synced yet)"), ""
    if privacy == "contact" and not shareable:
        return "", tr("(not shared)"), ""
    return gid, " ".join(p for p in (title, first, last) if p), org


def _check_in_times(text: str | None, clock: "_LocalClock") -> dict[date, str]:
    times = {}
    for item in (text or "").split():
        day, at = item.split("=", 1)
        times[date.fromisoformat(day)] = clock.time(at)[:5]
    return times


class _LocalClock:
    """Stored UTC ISO times as local 'HH:MM:SS', converting each distinct minute only once."""

    def __init__(self, timezone: str) -> None:
        self.zone = ZoneInfo(timezone)
        self.minutes: dict[str, str] = {}

    def time(self, at: str) -> str:
        minute = at[:16]  # '2023-10-24T07:20'
        local = self.minutes.get(minute)
        if local is None:
            moment = datetime.fromisoformat(minute).replace(tzinfo=ZoneInfo("UTC"))
            local = self.minutes[minute] = moment.astimezone(self.zone).strftime("%H:%M")
        return f"{local}:{at[17:19]}"


def _days(days_json: str, tr) -> str:
    days = json.loads(days_json)
    return ", ".join(days) if days else tr("all days")


def _yes(flag, tr) -> str:
    return tr("yes") if flag else tr("no")
