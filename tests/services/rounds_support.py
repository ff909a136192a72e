"""Helpers for the round tests: a speed-networking session, guests of several organizations present."""

from __future__ import annotations

from datetime import date, time
from itertools import combinations

from services_support import EVENT_DAYS

from kiosk.core.model import Guest
from kiosk.core.programme import Session, SessionKind
from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import PlanOptions, PlanView, RoundsDesk


def speed_session(programme: ProgrammeDesk, day: date = EVENT_DAYS[0], kind=SessionKind.SPEED_NETWORKING,
                  start: time = time(13), end: time = time(14)) -> Session:
    return programme.save(Session("", day, start, end, "Speed-Networking", "Speed networking", "Galerie", kind))


def crowd(add_guest, count: int, organizations: int) -> list[Guest]:
    """`count` invented guests, spread over `organizations` organizations (none if 0)."""
    return [add_guest(f"Gast{i:02d}", f"Nachname{i:02d}",
                      organization=f"Zentrum {i % organizations}" if organizations else "")
            for i in range(count)]


def attend(programme: ProgrammeDesk, session: Session, guests: list[Guest]) -> None:
    for guest in guests:
        programme.attend_guest(session.id, guest)


def first_round_started(desk, add_guest, clock,
                        rounds: int) -> tuple[RoundsDesk, Session, list[Guest], PlanView]:
    """Eight guests checked in and at a speed-networking session, planned in `rounds` rounds of tables of
    four; round 1 started ten minutes ago."""
    programme, planner = ProgrammeDesk(desk), RoundsDesk(desk)
    session = speed_session(programme)
    guests = crowd(add_guest, 8, 0)
    for guest in guests:
        desk.check_in_guest(guest)
    attend(programme, session, guests)
    view = planner.plan(session.id, PlanOptions(table_size=4, rounds=rounds, time_limit=1.0))
    planner.start_round(session.id)
    clock.advance(minutes=10)
    return planner, session, guests, view


def seated(view: PlanView, number: int) -> list[set[str]]:
    """The guest ids at each table of round `number`."""
    return [{s.guest_id for s in table.seats} for table in view.rounds[number - 1].tables]


def pairs_of(view: PlanView, numbers=None) -> list[frozenset]:
    """Every pair that shares a table, once per round it does."""
    return [frozenset(pair) for r in view.rounds if numbers is None or r.number in numbers
            for table in r.tables for pair in combinations([s.guest_id for s in table.seats], 2)]
