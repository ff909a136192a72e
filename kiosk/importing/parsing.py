"""Turn table rows into guest records, rejecting bad rows with their line and reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Callable, Iterator, NamedTuple

from kiosk.core.model import Category, Event, OrganizationKind, is_valid_email

from .checks import Duplicate, FileChecks
from .columns import (CANCELLED_STATUS_WORDS, CATEGORY_WORDS, NO_WORDS, ORGANIZATION_KIND_WORDS, SALUTATIONS,
                      YES_WORDS, header_key, ranked_field)
from .encoding import Notice
from .products import ProductDayError, product_days
from .reading import ImportFileError, Table

_DAY_SEPARATORS = re.compile(r"[,;|/\n]+|\s{2,}|\s+(?=\d{4}-)|\s+(?=\d{1,2}\.\d{1,2}\.)")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?$")
_DAY_NUMBER = re.compile(r"^(?:tag|day)\s*(\d+)$")
_ALL_DAYS = {"alle", "all", "alletage", "alldays", "*"}


class GuestRecord(NamedTuple):
    """One valid row of a guest list (a tuple: a list of 100,000 is built in a fraction of the time)."""

    line: int
    first_name: str
    last_name: str
    title: str = ""
    external_id: str = ""
    organization: str = ""
    organization_kind: OrganizationKind = OrganizationKind.OTHER
    category: Category = Category.PARTICIPANT
    email: str = ""
    days: tuple[date, ...] = ()
    ticket_code: str = ""
    consent: bool | None = None
    needs_attention: bool = False  # pretix "Requires special attention": staff should see this guest
    note: str = ""  # for staff at check-in (pretix "Check-in text", a Hinweis/Note column); never for the guest


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str
    field: str = ""


@dataclass
class ParsedFile:
    source: str
    records: list[GuestRecord] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # lines imported, with what was done about them


class RowError(ValueError):
    def __init__(self, reason: str, field_name: str = "") -> None:
        super().__init__(reason)
        self.field_name = field_name


def map_columns(table: Table) -> dict[str, int]:
    """Column index per field: a tool's own header before a generic one, else the leftmost."""
    ranked: dict[str, tuple[int, int]] = {}
    for index, header in enumerate(table.headers):
        found = ranked_field(header)
        if found and found[1] > ranked.get(found[0], (0, 0))[0]:
            ranked[found[0]] = (found[1], index)
    columns = {name: index for name, (_, index) in ranked.items()}
    if not ({"first_name", "last_name", "full_name"} & columns.keys()):
        found = ", ".join(h for h in table.headers if h.strip()) or "none"
        raise ImportFileError(f"{table.source}, line 1: no name column (expected Vorname/First name, "
                              f"Nachname/Last name or Name); found: {found}")
    return columns


def parse_days(text: str, event: Event) -> tuple[date, ...]:
    cleaned = text.strip()
    if not cleaned or header_key(cleaned) in _ALL_DAYS:
        return ()
    days = []
    for part in filter(None, (p.strip() for p in _DAY_SEPARATORS.split(cleaned))):
        day = _parse_day(part, event)
        if day not in event.days:
            raise RowError(f"day {day.isoformat()} is not a day of the event", "days")
        days.append(day)
    return tuple(sorted(set(days)))


def _parse_day(part: str, event: Event) -> date:
    number = _DAY_NUMBER.match(part.casefold())
    if number:
        index = int(number.group(1))
        if not 1 <= index <= len(event.days):
            raise RowError(f"'{part}' names no day of the event (it has {len(event.days)})", "days")
        return event.days[index - 1]
    german = _GERMAN_DATE.match(part)
    try:
        if german:
            day, month, year = german.groups()
            full_year = event.days[0].year if year is None else int(year) + (2000 if len(year) == 2 else 0)
            return date(full_year, int(month), int(day))
        return date.fromisoformat(part)
    except ValueError:
        raise RowError(f"'{part}' is not a date (use 2023-10-24 or 24.10.2023)", "days") from None


def _parse_consent(text: str) -> bool | None:
    word = text.strip().casefold()
    if not word:
        return None
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise RowError(f"'{text}' is not yes or no", "consent")


def _split_full_name(full: str) -> tuple[str, str]:
    parts = full.split()
    return (" ".join(parts[:-1]), parts[-1]) if len(parts) > 1 else ("", full.strip())


# The cells parse_row reads, in the order it unpacks them.
_CELL_FIELDS = ("first_name", "last_name", "full_name", "title", "external_id", "organization",
                "organization_kind", "category", "email", "days", "ticket_code", "consent", "product",
                "needs_attention", "note", "status")


def cell_reader(columns: dict[str, int]) -> Callable[[list[str]], Iterator[str]]:
    """Reads _CELL_FIELDS from a row, stripped; a column the file lacks, or a short row, reads as
    empty. Worked out once per file: the reader is a couple of C calls per row."""
    positions = tuple(columns.get(name, -1) for name in _CELL_FIELDS)
    pick = itemgetter(*positions)
    padding = ("",) * (max(positions) + 2)  # so -1 and anything past a short row's end are blank

    def read(cells: list[str]) -> Iterator[str]:
        return map(str.strip, pick((*cells, *padding)))
    return read


def parse_row(line: int, cells: list[str], read_cells: Callable[[list[str]], Iterator[str]], event: Event,
              day_cache: dict[str, tuple[date, ...]] | None = None) -> GuestRecord:
    (first, last, full_name, title, external_id, organization, kind_cell, category_cell, email, days_cell,
     ticket_code, consent_cell, product, attention_cell, note, status) = read_cells(cells)
    if status and _cancelled(status):
        raise RowError(f"the ticket is cancelled (status '{status}')", "status")
    if not (first or last) and full_name:  # name parts, where a file has them, beat the combined name
        first, last = _split_full_name(full_name)
    if not (first or last):
        raise RowError("no name: first and last name are both empty", "name")
    if email and not is_valid_email(email):
        raise RowError(f"'{email}' is not a valid e-mail address", "email")
    return GuestRecord(line, first, last, _title(title), external_id, organization,
                       ORGANIZATION_KIND_WORDS.get(header_key(kind_cell), OrganizationKind.OTHER),
                       _category(category_cell, product), email,
                       _row_days(days_cell, product, event, day_cache), ticket_code,
                       _parse_consent(consent_cell) if consent_cell else None,
                       _needs_attention(attention_cell), note)


def _cancelled(status: str) -> bool:
    return header_key(status).startswith(CANCELLED_STATUS_WORDS)


def _title(title: str) -> str:
    return "" if title and header_key(title) in SALUTATIONS else title


def _category(cell: str, product: str) -> Category:
    category = CATEGORY_WORDS.get(header_key(cell))
    if category is None:
        raise RowError(f"unknown category '{cell}' (use Teilnehmer:in, Referent:in, "
                       "Presse, Team or Ehrengast)", "category")
    if not cell and product:  # a product named like a category ("Presse") is one
        return CATEGORY_WORDS.get(header_key(product), category)
    return category


def _needs_attention(cell: str) -> bool:
    """pretix writes Ja/Nein (Yes/No); any other mark in such a column asks for attention too."""
    return bool(cell) and header_key(cell) not in NO_WORDS


def _row_days(days_cell: str, product: str, event: Event,
              cache: dict[str, tuple[date, ...]] | None) -> tuple[date, ...]:
    """The days cell, else the days the product names ("Tagesticket 25.10."): no days means every day.
    Cached: most rows of a list repeat the same few day cells and products."""
    from_product = bool(product) and not days_cell
    key = "\x00" + product if from_product else days_cell
    if cache is not None and key in cache:
        return cache[key]
    days = _product_days(product, event) if from_product else parse_days(days_cell, event)
    if cache is not None:
        cache[key] = days
    return days


def _product_days(product: str, event: Event) -> tuple[date, ...]:
    try:
        return product_days(product, event)
    except ProductDayError as error:
        raise RowError(str(error), "days") from None


def parse_table(table: Table, event: Event) -> ParsedFile:
    read_cells = cell_reader(map_columns(table))
    parsed = ParsedFile(table.source, notices=list(table.notices))
    checks = FileChecks()
    day_cache: dict[str, tuple[date, ...]] = {}
    for line, cells in table.rows:
        try:
            record, notices = checks.admit(_checked_row(line, cells, read_cells, event, day_cache,
                                                        table.lost_text))
        except (RowError, Duplicate) as error:
            parsed.rejected.append(Rejection(line, str(error), error.field_name))
            continue
        parsed.records.append(record)
        parsed.notices.extend(notices)
    parsed.notices.sort(key=lambda notice: notice.line)
    return parsed


def _checked_row(line: int, cells: list[str], read_cells: Callable[[list[str]], Iterator[str]], event: Event,
                 day_cache: dict[str, tuple[date, ...]], lost_text: frozenset[int]) -> GuestRecord:
    if line in lost_text:
        raise RowError("a letter in this row was lost when the file was converted between encodings (it shows "
                       "as \ufffd); correct the row and import again", "encoding")
    return parse_row(line, cells, read_cells, event, day_cache)
