"""Round plans, round starts and tablemates' ticks: journaled writes and the reads the round service
needs (the rules of merging them: storage.rounds_applier)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from kiosk.core.model import Guest, Organization
from kiosk.core.round_plans import PlanKind, PlanSource, Round, SeatedTable, StoredPlan

from .analytics import unconfirmed_guests
from .models import UtcDateTimeField

_PLAN = ("SELECT kind, table_size, remainder, rounds, minutes, source, details, created_at FROM round_plan_row "
         "WHERE session_id = ?")
_SEATS = ("SELECT round_no, table_no, label, guest_id FROM round_seat_row WHERE session_id = ? "
          "ORDER BY round_no, table_no, rowid")
_STARTS = "SELECT round_no, started_at FROM round_start_row WHERE session_id = ?"


def utc_text(moment: datetime) -> str:
    """A moment as the time columns (and so the round payloads) store it: sortable UTC text."""
    return UtcDateTimeField().db_value(moment)


def _tables_json(round_: Round) -> list[dict]:
    return [{"label": table.label, "guests": list(table.guests)} for table in round_]


# -- writes ------------------------------------------------------------------------------------------
def save_plan(store, plan: StoredPlan) -> None:
    """Journal a plan (its started rounds must be those stored: the service copies them verbatim)."""
    store.journal.record("round_plan", {
        "session_id": plan.session_id, "kind": str(plan.kind), "table_size": plan.table_size,
        "remainder": plan.remainder, "rounds": plan.rounds, "minutes": plan.minutes, "source": str(plan.source),
        "details": dict(plan.details), "planned_at": utc_text(plan.planned_at) if plan.planned_at else None,
        "seating": [_tables_json(round_) for round_ in plan.seating]})


def record_start(store, session_id: str, number: int, started_at: datetime, round_: Round) -> None:
    store.journal.record("round_start", {"session_id": session_id, "round": number,
                                         "started_at": utc_text(started_at), "seating": _tables_json(round_)})


def record_ticks(store, session_id: str, guest_id: str, mates: Iterable[str], at: datetime, day: date) -> int:
    return store.journal.record_many("round_tick", [
        {"session_id": session_id, "from": guest_id, "to": mate, "at": utc_text(at), "day": day.isoformat()}
        for mate in mates])


# -- reads -------------------------------------------------------------------------------------------
def stored_plan(store, session_id: str) -> StoredPlan | None:
    row = store.db.execute_sql(_PLAN, (session_id,)).fetchone()
    if row is None:
        return None
    kind, table_size, remainder, rounds, minutes, source, details, created_at = row
    return StoredPlan(session_id, PlanKind(kind), table_size, remainder, rounds, minutes, PlanSource(source),
                      _seating(store, session_id), starts(store, session_id),
                      datetime.fromisoformat(created_at), json.loads(details))


def _seating(store, session_id: str) -> tuple[Round, ...]:
    by_round: dict[int, dict[int, tuple[str, list[str]]]] = {}
    for number, table_no, label, guest in store.db.execute_sql(_SEATS, (session_id,)):
        by_round.setdefault(number, {}).setdefault(table_no, (label, []))[1].append(guest)
    total = max(by_round, default=0)
    return tuple(tuple(SeatedTable(label, tuple(guests)) for _, (label, guests) in sorted(by_round.get(n, {}).items()))
                 for n in range(1, total + 1))


def starts(store, session_id: str) -> dict[int, datetime]:
    return {n: datetime.fromisoformat(at) for n, at in store.db.execute_sql(_STARTS, (session_id,))}


def planned_session_ids(store, kind: PlanKind | None = None) -> list[str]:
    sql, params = "SELECT session_id FROM round_plan_row", ()
    if kind is not None:
        sql, params = sql + " WHERE kind = ?", (str(kind),)
    return [sid for (sid,) in store.db.execute_sql(sql, params)]


def ticked_by(store, session_id: str, guest_id: str) -> set[str]:
    """Whom the guest ticked in this session."""
    return {to for (to,) in store.db.execute_sql(
        "SELECT to_guest_id FROM round_tick_row WHERE session_id = ? AND from_guest_id = ?", (session_id, guest_id))}


def contact_partners(store, guest_id: str, among: Iterable[str]) -> set[str]:
    """Those of `among` with whom the guest has a contact (any source, any day)."""
    others = json.dumps(sorted(set(among)))
    rows = store.db.execute_sql(
        "SELECT guest_high_id FROM contact_row WHERE guest_low_id = ? AND guest_high_id IN (SELECT value FROM "
        "json_each(?)) UNION SELECT guest_low_id FROM contact_row WHERE guest_high_id = ? AND guest_low_id IN "
        "(SELECT value FROM json_each(?))", (guest_id, others, guest_id, others))
    return {other for (other,) in rows}


def contacts_before(store, day: date, among: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of `among` who exchanged contacts before `day` (the planner avoids seating them again)."""
    people = json.dumps(sorted(set(among)))
    return [tuple(pair) for pair in store.db.execute_sql(
        "SELECT guest_low_id, guest_high_id FROM contact_row WHERE day < ? "
        "AND guest_low_id IN (SELECT value FROM json_each(?)) AND guest_high_id IN (SELECT value FROM json_each(?))",
        (day.isoformat(), people, people))]


def contacts_by_source(store, day: date | None = None) -> dict[str, int]:
    """Counted contacts (the leaderboard's rule, analytics.unconfirmed_guests) of every source but "scan",
    the rare ones: read along the partial index of contact_row.source, a million scans are never read."""
    unconfirmed, params = unconfirmed_guests(store).sql()
    where = "" if day is None else "AND c.day = ?"
    rows = store.db.execute_sql(
        f"SELECT c.source, COUNT(*) FROM contact_row AS c WHERE c.source <> 'scan' {where} "
        f"AND c.guest_low_id NOT IN ({unconfirmed}) AND c.guest_high_id NOT IN ({unconfirmed}) GROUP BY c.source",
        [*([] if day is None else [day.isoformat()]), *params, *params]).fetchall()
    return dict(rows)


_NAMES = """
SELECT g.id, g.title, g.first_name, g.last_name, COALESCE(o.name, '') FROM guest_row AS g
LEFT JOIN organization_row AS o ON o.id = g.organization_id
WHERE g.id IN (SELECT value FROM json_each(?)) AND NOT g.placeholder AND NOT g.forgotten
"""


def guests_by_id(store, guest_ids: Iterable[str]) -> dict[str, Guest]:
    """The guests of these ids this kiosk can name (no placeholders, nobody erased), with their names and
    organization only: what seats, cards and the big screen show (300 in a few milliseconds)."""
    rows = store.db.execute_sql(_NAMES, (json.dumps(sorted(set(guest_ids))),)).fetchall()
    return {gid: Guest(gid, first, last, "", title=title, organization=Organization(org) if org else None)
            for gid, title, first, last, org in rows}


def checked_in_on(store, day: date) -> list[str]:
    """The guests checked in on `day`, in arrival order."""
    return [gid for (gid,) in store.db.execute_sql(
        "SELECT guest_id FROM check_in_row WHERE day = ? ORDER BY at, id", (day.isoformat(),))]
