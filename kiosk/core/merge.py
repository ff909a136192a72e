"""Merge rules for data from several kiosks; each gives the same answer in any order.

- fields of a guest or the event: the value with the latest clock wins, per field;
- check-ins: per guest and day the earliest scan counts, unless staff undid the
  check-in later than that scan was made;
- contacts: one per pair, the earliest exchange is kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Mapping


def field_clock(clocks: Mapping[str, str], field: str) -> str:
    """The clock of a field; '*' is the clock of every field not named separately."""
    return clocks.get(field, clocks.get("*", ""))


def merge_fields(current: dict, clocks: dict, incoming: Mapping, stamp: str) -> tuple[dict, dict, bool]:
    """Apply incoming field values written at `stamp`; returns (values, clocks, changed)."""
    values, new_clocks, changed = dict(current), dict(clocks), False
    for field, value in incoming.items():
        if stamp > field_clock(new_clocks, field):
            values[field] = value
            new_clocks[field] = stamp
            changed = True
    return values, new_clocks, changed


def earliest(candidates: Iterable[tuple[datetime, str]]) -> tuple[datetime, str] | None:
    """The earliest (time, id) pair; the id breaks ties between equal times."""
    return min(candidates, default=None)


def counting_scan(scans: Iterable[tuple[datetime, str, str]], undone_at: str) -> tuple[datetime, str] | None:
    """Of (at, id, stamp) scans, the one that counts: the earliest made after the last undo."""
    return earliest((at, scan_id) for at, scan_id, stamp in scans if stamp > undone_at)
