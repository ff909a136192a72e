"""Apply journal changes to the tables the kiosk reads, following the merge rules in core.merge.

Batches are applied kind by kind with bulk reads and writes; every rule gives the
same result in any order, so kiosks that apply the same changes hold the same data.
The appliers of guests (guest_applier), of check-ins and contacts (visit_applier) and of
erasures and purges (erasure) live beside this module; a new change kind is a new entry in APPLIERS.
"""

from __future__ import annotations

import json

from kiosk.core.merge import merge_fields
from kiosk.core.model import Change

from . import erasure
from .guest_applier import apply_guests
from .programme_applier import apply_attendance, apply_attendance_undos, apply_sessions
from .rounds_applier import apply_round_plans, apply_round_starts, apply_round_ticks
from .rows import stamp_time
from .visit_applier import apply_check_ins, apply_contacts, apply_undos

# The secret and the staff PIN hash are not among them: changes from an older kiosk that still carry
# them are applied without them (those stay local, storage/keys.py).
EVENT_FIELDS = ("name", "venue", "timezone", "days", "walk_ins_allowed", "contact_consent_default", "programme")


def apply_changes(store, changes: list[Change]) -> list[Change]:
    """Apply the changes of every kind this version knows; returns the others, not applied (a newer
    kiosk made them: the journal holds them until this one is updated)."""
    by_kind: dict[str, list[Change]] = {}
    for change in changes:
        by_kind.setdefault(change.kind, []).append(change)
    for kind, applier in APPLIERS:
        if kind in by_kind:
            applier(store, by_kind.pop(kind))
    return [change for kind_changes in by_kind.values() for change in kind_changes]


def known_kinds() -> list[str]:
    return [kind for kind, _ in APPLIERS]


def _apply_event(store, changes: list[Change]) -> None:
    EventRow = store.tables.EventRow
    for change in sorted(changes, key=lambda c: c.stamp):
        fields = {k: v for k, v in change.payload.items() if k in EVENT_FIELDS}
        row = EventRow.get_or_none()
        if row is None:
            EventRow.create(id=change.payload["id"], device_id=change.origin,
                            created_at=stamp_time(change.stamp),
                            field_clocks=json.dumps({k: change.stamp for k in fields}), **_event_columns(fields))
            continue
        if row.id != change.payload["id"]:
            raise ValueError("change belongs to another event")
        current = {k: getattr(row, k) for k in EVENT_FIELDS}
        values, clocks, changed = merge_fields(current, json.loads(row.field_clocks), _event_columns(fields),
                                               change.stamp)
        if changed:
            EventRow.update(field_clocks=json.dumps(clocks), **values).where(EventRow.id == row.id).execute()


def _event_columns(fields: dict) -> dict:
    columns = dict(fields)
    for name in ("days", "programme"):
        if name in columns and not isinstance(columns[name], str):
            columns[name] = json.dumps(columns[name], ensure_ascii=False)
    return columns


def _apply_forgets(store, changes: list[Change]) -> None:
    for change in changes:
        erasure.erase_guest(store, change.payload["guest_id"])


APPLIERS = [("event", _apply_event), ("guest", apply_guests), ("forget", _apply_forgets),
            ("check_in", apply_check_ins), ("check_in_undo", apply_undos), ("contact", apply_contacts),
            ("session", apply_sessions), ("session_delete", apply_sessions), ("attendance", apply_attendance),
            ("attendance_undo", apply_attendance_undos), ("round_plan", apply_round_plans),
            ("round_start", apply_round_starts), ("round_tick", apply_round_ticks), ("purge", erasure.apply_purges)]
