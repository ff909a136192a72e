"""What each row of a list is checked against the rows before it: keys it must not share, and ticket
codes a scanner could mistake for each other."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.codes import ticket_fold, ticket_key
from kiosk.core.search import fold

from .encoding import Notice

if TYPE_CHECKING:
    from .parsing import GuestRecord


class Duplicate(ValueError):
    """The row shares a key with an earlier one; field_name says which kind of key."""

    def __init__(self, reason: str, field_name: str) -> None:
        super().__init__(reason)
        self.field_name = field_name


class Seen(NamedTuple):
    line: int
    value: str  # as the file has it
    name: tuple[str, str]  # folded first and last name


class FileChecks:
    """Remembers, per kind of key, the first line each key was on."""

    def __init__(self) -> None:
        self.first: dict[str, dict[str, Seen]] = {"external id": {}, "e-mail": {}, "ticket code": {}}
        self.folded_codes: dict[str, Seen] = {}

    def admit(self, record: GuestRecord) -> tuple[GuestRecord, list[Notice]]:
        """The record to import and notices about it; Duplicate when it repeats an earlier row's key."""
        name = (fold(record.first_name), fold(record.last_name))
        keys = (("external id", record.external_id, record.external_id),
                ("e-mail", record.email.casefold(), record.email),
                ("ticket code", ticket_key(record.ticket_code) if record.ticket_code else "", record.ticket_code))
        notices: list[Notice] = []
        for kind, key, value in keys:
            earlier = self.first[kind].get(key) if key else None
            if earlier is None:
                continue
            if kind == "e-mail" and _one_order_for_several(record, earlier, name):
                record = record._replace(email="")
                notices.append(Notice(record.line, f"e-mail {value} is also on line {earlier.line}, for another "
                                      f"name (one order for several guests): kept for line {earlier.line} only",
                                      "e-mail"))
                continue
            raise Duplicate(_duplicate_reason(kind, value, earlier), kind)
        self._remember(record, keys, name)
        return record, notices + self._confusable(record)

    def _remember(self, record: GuestRecord, keys, name: tuple[str, str]) -> None:
        for kind, key, value in keys:
            if key and (kind != "e-mail" or record.email):
                self.first[kind].setdefault(key, Seen(record.line, value, name))

    def _confusable(self, record: GuestRecord) -> list[Notice]:
        """A code that differs from an earlier one only in Y/Z: a scanner on a swapped keyboard layout reads
        one as the other. Both guests keep their codes (they are on their tickets); the kiosk refuses a scan
        that could mean either, and staff check them in by name."""
        if not record.ticket_code:
            return []
        earlier = self.folded_codes.setdefault(ticket_fold(record.ticket_code),
                                               Seen(record.line, record.ticket_code, ("", "")))
        if earlier.line == record.line:
            return []
        return [Notice(record.line, f"ticket code {record.ticket_code} differs from {earlier.value} on line "
                       f"{earlier.line} only in Y/Z, which a scanner on another keyboard layout swaps: both were "
                       "imported with their codes; a scan that could be either is refused, so check these two "
                       "guests in by name", "ticket code")]


def _one_order_for_several(record: GuestRecord, earlier: Seen, name: tuple[str, str]) -> bool:
    """Registration tools fill in the buyer's e-mail for every ticket of an order; a row with another name
    and its own ticket or ID is another guest, not a duplicate."""
    return earlier.name != name and bool(record.ticket_code or record.external_id)


def _duplicate_reason(kind: str, value: str, earlier: Seen) -> str:
    reason = f"duplicate in file: same {kind} as line {earlier.line}"
    if kind == "ticket code" and value.upper() != earlier.value.upper():
        reason += f" ({value} and {earlier.value} scan alike: a scanner types - as ß)"
    return reason
