"""The simulated demo plays speed networking and the pub quiz: door scans, a plan, a no-show and a late
arrival re-planned after round 1, every round started, ticks (some both ways: contacts), quiz teams."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from kiosk.core.programme import SessionKind
from kiosk.demo import create_demo
from kiosk.demo.simulate import simulate_day
from kiosk.services.desk import FrontDesk
from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import RoundsDesk
from kiosk.storage import Store
from kiosk.storage import rounds as stored

DAY = date(2024, 2, 29)


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    create_demo(store, first_day=DAY)
    simulate_day(store, DAY)
    yield store
    store.close()


def test_the_speed_networking_is_played_with_a_replan_after_round_one(simulated):
    desk = FrontDesk(simulated)
    programme, rounds = ProgrammeDesk(desk), RoundsDesk(desk)
    session = next(s for s in programme.sessions(DAY) if s.kind == SessionKind.SPEED_NETWORKING)
    view = rounds.plan_view(session.id)
    assert view is not None and all(r.started for r in view.rounds) and view.total >= 4
    present = set(programme.present_guest_ids(session.id))
    first = {s.guest_id for t in view.rounds[0].tables for s in t.seats}
    later = {s.guest_id for t in view.rounds[1].tables for s in t.seats}
    assert later == present  # the rounds after the re-plan seat exactly who is present now
    assert len(first - later) == 1 and len(later - first) == 1  # one left, one came late
    assert view.repeats == 0 and view.same_org == 0
    assert all(3 <= len(t.seats) <= 4 for r in view.rounds for t in r.tables)


def test_ticks_make_some_contacts_and_the_quiz_has_mixed_teams(simulated):
    ticks = simulated.db.execute_sql("SELECT from_guest_id, to_guest_id FROM round_tick_row").fetchall()
    mutual = {frozenset(t) for t in ticks if tuple(reversed(t)) in set(ticks)}
    assert ticks and 0 < len(mutual) < len(ticks) / 2
    assert 0 < stored.contacts_by_source(simulated)["rounds"] <= len(mutual)
    assert all(simulated.contact_between(*pair) is not None for pair in mutual)  # by ticks, or scanned earlier
    desk = FrontDesk(simulated)
    quiz = next(s for s in ProgrammeDesk(desk).sessions(DAY) if s.kind == SessionKind.QUIZ)
    teams = RoundsDesk(desk).plan_view(quiz.id)
    assert teams.kind == "quiz" and teams.total == 1
    assert all(5 <= len(t.seats) <= 6 for t in teams.rounds[0].tables)
    assert teams.same_org <= len(teams.rounds[0].tables)  # mostly mixed
    organizations = [Counter(s.organization for s in t.seats) for t in teams.rounds[0].tables]
    assert max(max(c.values()) for c in organizations) <= 2
