"""The appliers of journal 'session', 'session_delete', 'attendance' and 'attendance_undo' changes.

- session / session_delete: the change with the latest stamp wins the whole row; a delete blanks the
  row and keeps its id and stamp, so an older edit that arrives later cannot bring it back and every
  kiosk ends with the same row.
- attendance: every scan is kept (attendance_scan_row); per guest and session the earliest scan
  after the latest undo counts (read in storage.programme, like check-ins in core.merge).
- attendance_undo: per guest and session the latest undo stamp is kept. The attendance of an erased
  guest is gone for good: their scans arriving later are dropped (erasure.GUEST_ROWS).
"""

from __future__ import annotations

from kiosk.core.model import Change

from .guest_applier import known_guests
from .rows import stamp_text

SESSION_COLUMNS = ("id", "day", "start", "end", "title_de", "title_en", "room", "kind", "capacity", "deleted",
                   "stamp", "device_id", "created_at")
_QUOTED = ", ".join(f'"{c}"' for c in SESSION_COLUMNS)  # "end" is an SQL keyword: every column quoted
_UPSERT_SESSION = (
    f"INSERT INTO session_row ({_QUOTED}) VALUES ({', '.join('?' * len(SESSION_COLUMNS))}) "
    "ON CONFLICT(id) DO UPDATE SET " + ", ".join(f'"{c}" = excluded."{c}"' for c in SESSION_COLUMNS[1:])
    + " WHERE excluded.stamp > session_row.stamp")
_BLANK = {"day": None, "start": "", "end": "", "title_de": "", "title_en": "", "room": "", "kind": "other",
          "capacity": None}


def apply_sessions(store, changes: list[Change]) -> None:
    """Applier of both 'session' and 'session_delete' changes."""
    rows = []
    for change in changes:
        values = _BLANK if change.kind == "session_delete" else change.payload
        deleted = change.kind == "session_delete"
        rows.append((change.payload["id"], *(values.get(c) for c in _BLANK), int(deleted), change.stamp,
                     change.origin, stamp_text(change.stamp)))
    store.db.cursor().executemany(_UPSERT_SESSION, rows)


def apply_attendance(store, changes: list[Change]) -> None:
    gone = known_guests(store, {c.payload["guest_id"] for c in changes}, changes)
    rows = [(p["id"], p["session_id"], p["guest_id"], p["at"], c.stamp, c.origin, p["at"])
            for c in changes for p in (c.payload,) if p["guest_id"] not in gone]
    store.db.cursor().executemany(
        "INSERT OR IGNORE INTO attendance_scan_row (id, session_id, guest_id, at, stamp, device_id, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def apply_attendance_undos(store, changes: list[Change]) -> None:
    # Kept also for an erased guest, as check-in undos are: a guest id and a moment, nothing personal,
    # and kept alike on every kiosk whether the erasure came before or after.
    rows = [(c.payload["guest_id"], c.payload["session_id"], c.stamp) for c in changes]
    store.db.cursor().executemany(
        "INSERT INTO attendance_undo_row (guest_id, session_id, stamp) VALUES (?, ?, ?) "
        "ON CONFLICT(guest_id, session_id) DO UPDATE SET stamp = excluded.stamp "
        "WHERE excluded.stamp > attendance_undo_row.stamp", rows)
