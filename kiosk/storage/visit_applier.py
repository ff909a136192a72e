"""The appliers of journal 'check_in', 'check_in_undo' and 'contact' changes (storage.applying describes
the rules). A guest they name gets a placeholder row until their own data comes (guest_applier)."""

from __future__ import annotations

import json
from datetime import date
from operator import itemgetter

from kiosk.core.merge import counting_scan
from kiosk.core.model import Change

from .guest_applier import known_guests
from .rounds_applier import KEEP_EARLIEST_CONTACT

_COUNT_NEW_SCANS = """
INSERT INTO check_in_row (id, guest_id, day, at, device_id, created_at)
SELECT s.id, s.guest_id, s.day, s.at, s.device_id, s.created_at
FROM check_in_scan_row s LEFT JOIN check_in_undo_row u ON u.guest_id = s.guest_id AND u.day = s.day
WHERE s.id IN (SELECT value FROM json_each(?)) AND (u.stamp IS NULL OR s.stamp > u.stamp)
ORDER BY s.at, s.id
ON CONFLICT(guest_id, day) DO UPDATE SET id = excluded.id, at = excluded.at, device_id = excluded.device_id,
    created_at = excluded.created_at
WHERE (excluded.at, excluded.id) < (check_in_row.at, check_in_row.id)
"""


def apply_check_ins(store, changes: list[Change]) -> None:
    gone = known_guests(store, {c.payload["guest_id"] for c in changes}, changes)
    rows = [(c.payload["id"], c.payload["guest_id"], c.payload["day"], c.payload["at"], c.stamp, c.origin,
             c.payload["at"]) for c in changes if c.payload["guest_id"] not in gone]
    rows.sort(key=itemgetter(1, 2))  # in (guest, day) index order: neighbouring writes share pages
    store.db.cursor().executemany(
        "INSERT OR IGNORE INTO check_in_scan_row (id, guest_id, day, at, stamp, device_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    # A new scan can only make a guest-day's counting scan earlier; undos take the full recount below.
    store.db.execute_sql(_COUNT_NEW_SCANS, (json.dumps(sorted(r[0] for r in rows)),))


def apply_undos(store, changes: list[Change]) -> None:
    CheckInUndoRow = store.tables.CheckInUndoRow
    for change in changes:
        guest_id, day = change.payload["guest_id"], change.payload["day"]
        current = CheckInUndoRow.get_or_none(CheckInUndoRow.guest_id == guest_id, CheckInUndoRow.day == day)
        if current is None or change.stamp > current.stamp:
            CheckInUndoRow.replace(guest_id=guest_id, day=day, stamp=change.stamp).execute()
    _recount(store, {(c.payload["guest_id"], c.payload["day"]) for c in changes})


def _recount(store, guest_days: set[tuple[str, str]]) -> None:
    """Make CheckInRow hold, per guest and day, the scan that counts."""
    t = store.tables
    CheckInRow, CheckInScanRow, CheckInUndoRow = t.CheckInRow, t.CheckInScanRow, t.CheckInUndoRow
    for guest_id, day in guest_days:
        day_value = date.fromisoformat(day) if isinstance(day, str) else day
        undo = CheckInUndoRow.get_or_none(CheckInUndoRow.guest_id == guest_id, CheckInUndoRow.day == day_value)
        scans = list(CheckInScanRow.select(CheckInScanRow.at, CheckInScanRow.id, CheckInScanRow.stamp,
                                           CheckInScanRow.device_id)
                     .where(CheckInScanRow.guest == guest_id, CheckInScanRow.day == day_value).tuples())
        best = counting_scan(((at, sid, stamp) for at, sid, stamp, _ in scans), undo.stamp if undo else "")
        current = CheckInRow.get_or_none(CheckInRow.guest == guest_id, CheckInRow.day == day_value)
        if best is not None and current is not None and current.id == best[1]:
            continue
        CheckInRow.delete().where(CheckInRow.guest == guest_id, CheckInRow.day == day_value).execute()
        if best is not None:
            device = next(d for at, sid, stamp, d in scans if sid == best[1])
            CheckInRow.insert(id=best[1], guest=guest_id, day=day_value, at=best[0], device_id=device,
                              created_at=best[0]).execute()


# -- contacts ------------------------------------------------------------------------------------
def apply_contacts(store, changes: list[Change]) -> None:
    """Per pair the earliest (at, id) contact is kept, with its source ("scan" unless the change names
    another; contacts from round ticks are derived in rounds_applier by the same rule)."""
    gone = known_guests(store, {c.payload[k] for c in changes for k in ("low", "high")}, changes)
    rows = [(p["id"], p["low"], p["high"], p["day"], p["at"], c.origin, p["at"], p.get("source", "scan"))
            for c in changes for p in (c.payload,) if not (gone and {p["low"], p["high"]} & gone)]
    rows.sort(key=itemgetter(1, 2))  # in pair index order (the earliest-wins rule does not care about order)
    store.db.cursor().executemany(KEEP_EARLIEST_CONTACT, rows)

