"""The programme's sessions and their attendance: journaled writes and the reads the kiosk needs.

Sessions are synced rows (session_row, storage.programme_applier). A database whose programme is
still the event's untyped JSON (written before sessions were data) reads it as sessions with ids
derived from the event, the same on every kiosk, until the first session is written: that write
adopts the old programme as sessions first (adopt_legacy), so nothing of it is lost.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

from kiosk.core.programme import Attendance, Session, by_time, kind_of, sessions_from_legacy

from .guest_fields import days_from_json
from .models import UtcDateTimeField

_COLUMNS = '"id", "day", "start", "end", "title_de", "title_en", "room", "kind", "capacity"'

# Per guest, the scan that counts: the earliest (time, id) made after the latest undo.
# `at` is fixed-width UTC text, so "at id" strings sort as (at, id) pairs.
_PRESENT = """
SELECT s.guest_id, MIN(s.at || ' ' || s.id) AS first FROM attendance_scan_row AS s
LEFT JOIN attendance_undo_row AS u ON u.guest_id = s.guest_id AND u.session_id = s.session_id
WHERE s.session_id = ? {guest} AND (u.stamp IS NULL OR s.stamp > u.stamp)
GROUP BY s.guest_id ORDER BY first
"""
_COUNTS = """
SELECT s.session_id, COUNT(DISTINCT s.guest_id) FROM attendance_scan_row AS s
LEFT JOIN attendance_undo_row AS u ON u.guest_id = s.guest_id AND u.session_id = s.session_id
WHERE u.stamp IS NULL OR s.stamp > u.stamp GROUP BY s.session_id
"""


def _utc_text(moment: datetime) -> str:
    return UtcDateTimeField().db_value(moment)


# -- sessions ------------------------------------------------------------------------------------------
def has_session_rows(store) -> bool:
    """Whether any session was ever written (a deleted one counts: the old programme was adopted)."""
    return store.db.execute_sql("SELECT 1 FROM session_row LIMIT 1").fetchone() is not None


def sessions(store, day: date | None = None) -> list[Session]:
    """The programme (of one day), in time order."""
    found = stored_sessions(store) if has_session_rows(store) else legacy_sessions(store)
    return [s for s in found if day is None or s.day == day]


def session(store, session_id: str) -> Session | None:
    return next((s for s in sessions(store) if s.id == session_id), None)


def stored_sessions(store) -> list[Session]:
    rows = store.db.execute_sql(f"SELECT {_COLUMNS} FROM session_row WHERE NOT deleted").fetchall()
    return by_time([_session(row) for row in rows])


def _session(row: tuple) -> Session:
    session_id, day, start, end, title_de, title_en, room, kind, capacity = row
    return Session(session_id, date.fromisoformat(day), time.fromisoformat(start), time.fromisoformat(end),
                   title_de, title_en, room, kind_of(kind), capacity)


def legacy_sessions(store) -> list[Session]:
    """The event's programme JSON as an older version wrote it, as sessions."""
    row = store.db.execute_sql("SELECT id, days, programme FROM event_row LIMIT 1").fetchone()
    if row is None:
        return []
    event_id, days, programme = row
    return sessions_from_legacy(json.loads(programme or "[]"), event_id, days_from_json(days))


def adopt_legacy(store) -> int:
    """Before the first session is written: journal the old programme's sessions (same ids everywhere, so
    two kiosks adopting at once converge). Returns how many. Call inside the writing transaction."""
    if has_session_rows(store):
        return 0
    legacy = legacy_sessions(store)
    return store.journal.record_many("session", [s.to_dict() for s in legacy])


def save_session(store, session: Session) -> None:
    """Add or replace a session (checked by the caller: core.programme.check_session)."""
    with store.atomic():
        adopt_legacy(store)
        store.journal.record("session", session.to_dict())


def save_sessions(store, sessions_: list[Session]) -> int:
    with store.atomic():
        adopt_legacy(store)
        return store.journal.record_many("session", [s.to_dict() for s in sessions_])


def delete_session(store, session_id: str) -> bool:
    """False if there is no such session. Its attendance stays in the journal and the tables."""
    with store.atomic():
        if session(store, session_id) is None:
            return False
        adopt_legacy(store)
        store.journal.record("session_delete", {"id": session_id})
        return True


# -- attendance ----------------------------------------------------------------------------------------
def present(store, session_id: str) -> list[Attendance]:
    """Who attends the session, in the order they came: the scan that counts per guest."""
    rows = store.db.execute_sql(_PRESENT.format(guest=""), (session_id,)).fetchall()
    return [_attendance(session_id, guest_id, first) for guest_id, first in rows]


def attendance_of(store, session_id: str, guest_id: str) -> Attendance | None:
    row = store.db.execute_sql(_PRESENT.format(guest="AND s.guest_id = ?"), (session_id, guest_id)).fetchone()
    return _attendance(session_id, *row) if row else None


def _attendance(session_id: str, guest_id: str, first: str) -> Attendance:
    at, scan_id = first.split(" ")
    return Attendance(session_id, guest_id, datetime.fromisoformat(at), scan_id)


def present_count(store, session_id: str) -> int:
    return len(store.db.execute_sql(_PRESENT.format(guest=""), (session_id,)).fetchall())


def attendance_counts(store) -> dict[str, int]:
    """session id -> how many attend it, for every session with anyone."""
    return dict(store.db.execute_sql(_COUNTS).fetchall())


def record_attendance(store, attendance: Attendance) -> None:
    store.journal.record("attendance", {"id": attendance.id, "session_id": attendance.session_id,
                                        "guest_id": attendance.guest_id, "at": _utc_text(attendance.at)})


def undo_attendance(store, session_id: str, guest_id: str) -> bool:
    """Staff undo: the guest's scans of the session made so far no longer count. False if not present."""
    with store.atomic():
        if attendance_of(store, session_id, guest_id) is None:
            return False
        store.journal.record("attendance_undo", {"session_id": session_id, "guest_id": guest_id})
        return True
