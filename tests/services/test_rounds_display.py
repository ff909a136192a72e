"""The big screen's round panel source: the running round, else the next one staff are about to start
while the session is on, else the last one just over for a few minutes; names public only."""

from __future__ import annotations

from datetime import timedelta

from rounds_support import attend, crowd, speed_session
from services_support import EVENT_DAYS, berlin

from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import PlanOptions, RoundsDesk
from kiosk.services.rounds.display import SessionRounds
from kiosk.ui.display.sources import default_sources


def test_the_round_to_show_through_a_session(desk, add_guest, clock):
    programme, rounds = ProgrammeDesk(desk), RoundsDesk(desk)
    session = speed_session(programme)  # 13:00-14:00 on day 1
    source = SessionRounds(desk)
    guests = crowd(add_guest, 8, 0)
    attend(programme, session, guests)
    day = EVENT_DAYS[0]
    assert source.current_round(berlin(day, 12, 50), "de") is None  # nothing planned yet
    rounds.plan(session.id, PlanOptions(table_size=4, rounds=2, minutes=8, time_limit=1.0))
    assert source.current_round(berlin(day, 12, 30), "de") is None  # long before the session
    waiting = source.current_round(berlin(day, 12, 50), "en")
    assert (waiting.number, waiting.total, waiting.started_at, waiting.title) == (1, 2, None, "Speed networking")
    assert sorted(n for t in waiting.tables for n in t.names) == sorted(f"Gast{i:02d} N." for i in range(8))
    assert [t.label for t in waiting.tables] == ["1", "2"]

    clock.set(berlin(day, 13, 2))
    rounds.start_round(session.id)
    running = source.current_round(berlin(day, 13, 5), "de")
    assert running.number == 1 and running.started_at == clock.now and running.duration == timedelta(minutes=8)
    assert running.remaining(berlin(day, 13, 5)) == timedelta(minutes=5) and running.title == "Speed-Networking"
    between = source.current_round(berlin(day, 13, 11), "de")
    assert (between.number, between.started_at) == (2, None)

    clock.set(berlin(day, 13, 12))
    rounds.start_round(session.id)
    assert source.current_round(berlin(day, 13, 19), "de").number == 2
    over = source.current_round(berlin(day, 13, 22), "de")  # two minutes after the last round
    assert over.number == 2 and over.remaining(berlin(day, 13, 22)) == timedelta(0)
    assert source.current_round(berlin(day, 13, 30), "de") is None
    assert source.current_round(berlin(EVENT_DAYS[1], 13, 5), "de") is None  # another day


def test_the_display_uses_the_session_rounds(desk):
    assert isinstance(default_sources(desk).rounds, SessionRounds)
