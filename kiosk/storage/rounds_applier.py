"""The appliers of journal 'round_plan', 'round_start' and 'round_tick' changes.

- round_plan: per session the plan with the latest stamp wins, settings and seating; its seats replace
  those of every round that has not started (round_seat_row).
- round_start: per round the earliest start (started_at, then stamp) wins, and its seating (the round
  as the starting kiosk showed it) replaces the round's seats for good: a later plan leaves a started
  round alone. So whatever order plans and starts arrive in, every kiosk ends with the same rounds,
  and a round people sat in never changes.
- round_tick: a grow-only set per (session, from, to). When both ticks of a pair are there, the pair's
  contact is derived here, on every kiosk alike (id from the session and pair, time and day of the
  later tick, source "rounds"), and kept only if no earlier contact of the pair exists (the contact
  rule: the earliest exchange of a pair is the one that counts).
Seats and ticks of an erased guest are dropped (erasure.GUEST_ROWS holds both tables); a guest named
before their own data arrives gets a placeholder row, as for check-ins.
"""

from __future__ import annotations

import json
from itertools import groupby

from kiosk.core.model import Change
from kiosk.core.round_plans import rounds_contact_id

from .guest_applier import known_guests
from .rows import stamp_text

_UPSERT_PLAN = """
INSERT INTO round_plan_row (session_id, kind, table_size, remainder, rounds, minutes, source, details, stamp,
    device_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(session_id) DO UPDATE SET kind = excluded.kind, table_size = excluded.table_size,
    remainder = excluded.remainder, rounds = excluded.rounds, minutes = excluded.minutes,
    source = excluded.source, details = excluded.details, stamp = excluded.stamp,
    device_id = excluded.device_id, created_at = excluded.created_at
WHERE excluded.stamp > round_plan_row.stamp
"""
_INSERT_SEAT = ("INSERT OR REPLACE INTO round_seat_row (session_id, round_no, guest_id, table_no, label) "
                "VALUES (?, ?, ?, ?, ?)")
# The contact rule of visit_applier: per pair the earliest (at, id) is kept, with its source.
KEEP_EARLIEST_CONTACT = """
INSERT INTO contact_row (id, guest_low_id, guest_high_id, day, at, device_id, created_at, source)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO NOTHING
ON CONFLICT(guest_low_id, guest_high_id) DO UPDATE SET id = excluded.id, day = excluded.day, at = excluded.at,
    device_id = excluded.device_id, created_at = excluded.created_at, source = excluded.source
WHERE (excluded.at, excluded.id) < (contact_row.at, contact_row.id)
"""


def _seated(payload_tables) -> set[str]:
    return {guest for table in payload_tables for guest in table["guests"]}


def _seat_rows(session_id: str, number: int, tables, gone: set[str]) -> list[tuple]:
    return [(session_id, number, guest, table_no, table["label"])
            for table_no, table in enumerate(tables) for guest in table["guests"] if guest not in gone]


def _started_rounds(store, session_id: str) -> set[int]:
    return {n for (n,) in store.db.execute_sql("SELECT round_no FROM round_start_row WHERE session_id = ?",
                                               (session_id,))}


def apply_round_plans(store, changes: list[Change]) -> None:
    latest = [max(group, key=lambda c: c.stamp)
              for _, group in groupby(sorted(changes, key=lambda c: c.payload["session_id"]),
                                      key=lambda c: c.payload["session_id"])]
    for change in latest:
        p = change.payload
        cursor = store.db.execute_sql(_UPSERT_PLAN, (
            p["session_id"], p["kind"], p["table_size"], p["remainder"], p["rounds"], p["minutes"], p["source"],
            json.dumps(p.get("details", {}), ensure_ascii=False, sort_keys=True), change.stamp, change.origin,
            p.get("planned_at") or stamp_text(change.stamp)))
        if cursor.rowcount == 0:
            continue  # a later plan is in place already
        seating = p["seating"]
        gone = known_guests(store, {g for round_ in seating for g in _seated(round_)}, [change])
        started = _started_rounds(store, p["session_id"])
        store.db.execute_sql("DELETE FROM round_seat_row WHERE session_id = ? AND round_no NOT IN "
                             "(SELECT round_no FROM round_start_row WHERE session_id = ?)",
                             (p["session_id"], p["session_id"]))
        rows = [row for number, tables in enumerate(seating, start=1) if number not in started
                for row in _seat_rows(p["session_id"], number, tables, gone)]
        store.db.cursor().executemany(_INSERT_SEAT, rows)


def apply_round_starts(store, changes: list[Change]) -> None:
    for change in sorted(changes, key=lambda c: (c.payload["started_at"], c.stamp)):
        p = change.payload
        session_id, number = p["session_id"], p["round"]
        current = store.db.execute_sql("SELECT started_at, stamp FROM round_start_row WHERE session_id = ? "
                                       "AND round_no = ?", (session_id, number)).fetchone()
        if current is not None and tuple(current) <= (p["started_at"], change.stamp):
            continue
        store.db.execute_sql("INSERT OR REPLACE INTO round_start_row (session_id, round_no, started_at, stamp, "
                             "device_id) VALUES (?, ?, ?, ?, ?)",
                             (session_id, number, p["started_at"], change.stamp, change.origin))
        gone = known_guests(store, _seated(p["seating"]), [change])
        store.db.execute_sql("DELETE FROM round_seat_row WHERE session_id = ? AND round_no = ?", (session_id, number))
        store.db.cursor().executemany(_INSERT_SEAT, _seat_rows(session_id, number, p["seating"], gone))


def apply_round_ticks(store, changes: list[Change]) -> None:
    gone = known_guests(store, {c.payload[k] for c in changes for k in ("from", "to")}, changes)
    fresh = [c for c in changes if not {c.payload["from"], c.payload["to"]} & gone]
    store.db.cursor().executemany(
        "INSERT OR IGNORE INTO round_tick_row (session_id, from_guest_id, to_guest_id, at, day, stamp, device_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(p["session_id"], p["from"], p["to"], p["at"], p["day"], c.stamp, c.origin)
         for c in fresh for p in (c.payload,)])
    for session_id, a, b in {(c.payload["session_id"], *sorted((c.payload["from"], c.payload["to"])))
                             for c in fresh}:
        _derive_contact(store, session_id, a, b)


def _derive_contact(store, session_id: str, a: str, b: str) -> None:
    ticks = store.db.execute_sql(
        "SELECT at, stamp, day, device_id FROM round_tick_row WHERE session_id = ? AND "
        "((from_guest_id = ? AND to_guest_id = ?) OR (from_guest_id = ? AND to_guest_id = ?))",
        (session_id, a, b, b, a)).fetchall()
    if len(ticks) < 2:
        return
    at, _, day, device = max(ticks)  # the later tick made the contact
    store.db.execute_sql(KEEP_EARLIEST_CONTACT, (rounds_contact_id(session_id, a, b), a, b, day, at, device, at,
                                                 "rounds"))
