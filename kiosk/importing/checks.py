"""What each row of a list is checked against the rows before it: keys it must not share, and ticket
codes a scanner could mistake for each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

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


_KEYS = (("external id", "external_id"), ("e-mail", "email"), ("ticket code", "ticket_code"))


class FileChecks:
    """Remembers, per kind of key, the first record each key was on (the record itself: a list of
    100,000 makes no further objects)."""

    def __init__(self) -> None:
        self.first: dict[str, dict[str, GuestRecord]] = {kind: {} for kind, _ in _KEYS}
        self.folded_codes: dict[str, GuestRecord] = {}

    def admit(self, record: GuestRecord) -> tuple[GuestRecord, list[Notice]]:
        """The record to import and notices about it; Duplicate when it repeats an earlier row's key."""
        code = record.ticket_code
        keys = (record.external_id, record.email.casefold(), ticket_key(code) if code else "")
        notices: list[Notice] = []
        for (kind, attribute), key in zip(_KEYS, keys):
            earlier = self.first[kind].get(key) if key else None
            if earlier is None:
                continue
            if kind == "e-mail" and _one_order_for_several(record, earlier):
                record = record._replace(email="")
                notices.append(Notice(record.line, f"e-mail {earlier.email} is also on line {earlier.line}, for "
                                      f"another name (one order for several guests): kept for line {earlier.line} "
                                      "only", "e-mail"))
                continue
            raise Duplicate(_duplicate_reason(kind, getattr(record, attribute), getattr(earlier, attribute),
                                              earlier.line), kind)
        for (kind, attribute), key in zip(_KEYS, keys):
            if key and getattr(record, attribute):
                self.first[kind].setdefault(key, record)
        return record, notices + self._confusable(record) if record.ticket_code else notices

    def _confusable(self, record: GuestRecord) -> list[Notice]:
        """A code that differs from an earlier one only in Y/Z: a scanner on a swapped keyboard layout reads
        one as the other. Both guests keep their codes (they are on their tickets); the kiosk refuses a scan
        that could mean either, and staff check them in by name."""
        earlier = self.folded_codes.setdefault(ticket_fold(record.ticket_code), record)
        if earlier is record:
            return []
        return [Notice(record.line, f"ticket code {record.ticket_code} differs from {earlier.ticket_code} on line "
                       f"{earlier.line} only in Y/Z, which a scanner on another keyboard layout swaps: both were "
                       "imported with their codes; a scan that could be either is refused, so check these two "
                       "guests in by name", "ticket code")]


def _one_order_for_several(record: GuestRecord, earlier: GuestRecord) -> bool:
    """Registration tools fill in the buyer's e-mail for every ticket of an order; a row with another name
    and its own ticket or ID is another guest, not a duplicate."""
    return bool(record.ticket_code or record.external_id) and (
        (fold(record.first_name), fold(record.last_name)) != (fold(earlier.first_name), fold(earlier.last_name)))


def _duplicate_reason(kind: str, value: str, earlier_value: str, earlier_line: int) -> str:
    reason = f"duplicate in file: same {kind} as line {earlier_line}"
    if kind == "ticket code" and value.upper() != earlier_value.upper():
        reason += f" ({value} and {earlier_value} scan alike: a scanner types - as ß)"
    return reason
