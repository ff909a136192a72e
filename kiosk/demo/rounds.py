"""The demo's speed networking and pub quiz: guests scanned at the session's door, rounds planned,
a late arrival and a no-show re-planned after round 1, every round started, tablemates ticked (some
both ways: contacts), and mixed quiz teams formed, so the report and the big screen show them."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.core.model import Guest
from kiosk.core.programme import Session, SessionKind
from kiosk.services.desk import FrontDesk
from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import PlanOptions, RoundsDesk

TIME_LIMIT = 0.5  # seconds of planning per session: the demo is made in a few seconds
TICK_CHANCE = 0.4  # each guest ticks each tablemate with this chance: about one pair in six ticks both ways
QUIZ_TEAM = 6


def simulate_rounds(desk: FrontDesk, day: date, present: list[Guest], rng: random.Random,
                    set_clock: Callable[[datetime], None]) -> None:
    """Play the day's speed-networking sessions and form its quiz teams, for guests checked in that day."""
    programme, rounds = ProgrammeDesk(desk), RoundsDesk(desk)
    for session in programme.sessions(day):
        if session.kind == SessionKind.SPEED_NETWORKING:
            _speed_networking(programme, rounds, session, present, rng, set_clock)
        elif session.kind == SessionKind.QUIZ:
            _door(programme, session, present, rng, set_clock, share=0.8)
            set_clock(_at(desk, session, 10))
            rounds.quiz_teams(session.id, QUIZ_TEAM, PlanOptions(time_limit=TIME_LIMIT))


def _at(desk: FrontDesk, session: Session, minutes: float) -> datetime:
    local = datetime.combine(session.day, session.start, ZoneInfo(desk.event.timezone)) + timedelta(minutes=minutes)
    return local.astimezone(ZoneInfo("UTC"))


def _door(programme: ProgrammeDesk, session: Session, present: list[Guest], rng: random.Random,
          set_clock: Callable[[datetime], None], share: float) -> list[Guest]:
    """Scan some of the guests present at the session's door (up to its capacity), unless it was done."""
    if programme.present_count(session.id):
        return []
    coming = [g for g in present if rng.random() < share][: session.capacity or None]
    for guest in coming:
        set_clock(_at(programme.desk, session, rng.uniform(-10, 3)))
        programme.attend_guest(session.id, guest)
    return coming


def _speed_networking(programme: ProgrammeDesk, rounds: RoundsDesk, session: Session, present: list[Guest],
                      rng: random.Random, set_clock: Callable[[datetime], None]) -> None:
    keen = [g for g in present if g.consent_contacts]
    coming = _door(programme, session, keen, rng, set_clock, share=0.3)
    if len(coming) < 4:
        return
    set_clock(_at(programme.desk, session, 4))
    options = PlanOptions(table_size=4, minutes=8, time_limit=TIME_LIMIT)
    plan = rounds.plan(session.id, options)
    rounds.start_round(session.id)
    # Round 1 is on: one guest has to leave, one more comes late; the rounds still to play are planned again.
    set_clock(_at(programme.desk, session, 9))
    programme.undo(session.id, coming[-1].id)
    late = next((g for g in keen if g not in coming), None)
    if late is not None:
        programme.attend_guest(session.id, late)
    plan = rounds.plan(session.id, options)
    for number in range(2, plan.total + 1):
        set_clock(_at(programme.desk, session, 4 + (number - 1) * (options.minutes + 2)))
        rounds.start_round(session.id, number)
    set_clock(_at(programme.desk, session, 4 + plan.total * (options.minutes + 2)))
    for guest in sorted({s.guest_id for r in plan.rounds for t in r.tables for s in t.seats}):
        mates = [m.guest_id for m in rounds.tablemates(session.id, guest) if rng.random() < TICK_CHANCE]
        if mates:
            rounds.tick(session.id, guest, mates)
