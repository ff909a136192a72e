"""The event side of speed networking at full size: 300 guests present at one session, tables of 6,
4 rounds. Run: python tests/bench/bench_rounds_event.py

One JSON line per step: planning (search included), the plan as the kiosk shows it, a guest's tables
(badge scan at the kiosk), tablemates and a tick, starting a round, the big screen's round source
(target < 50 ms: it runs on the display's read worker at every refresh), and printing sheets and cards.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, time as clock_time, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shared_support import FixedClock  # noqa: E402

from kiosk.core.programme import Session, SessionKind  # noqa: E402
from kiosk.demo import create_demo  # noqa: E402
from kiosk.reports.round_sheets import plan_pdf  # noqa: E402
from kiosk.services.desk import FrontDesk  # noqa: E402
from kiosk.services.programme import ProgrammeDesk  # noqa: E402
from kiosk.services.rounds import PlanOptions, RoundsDesk  # noqa: E402
from kiosk.services.rounds.display import SessionRounds  # noqa: E402
from kiosk.storage import Store  # noqa: E402

DAY = date(2023, 10, 24)


def timed(name: str, action, repeat: int = 1, **extra) -> object:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    print(json.dumps({"step": name, "median_ms": round(1000 * statistics.median(times), 1),
                      "max_ms": round(1000 * max(times), 1), "runs": repeat, **extra}), flush=True)
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.sqlite3")
        create_demo(store, first_day=DAY)
        clock = FixedClock(datetime(2023, 10, 24, 10, 55, tzinfo=timezone.utc))
        desk = FrontDesk(store, clock=clock)
        programme, rounds = ProgrammeDesk(desk), RoundsDesk(desk)
        session = programme.save(Session("", DAY, clock_time(13), clock_time(14, 30), "Speed-Networking", "",
                                         "Saal", SessionKind.SPEED_NETWORKING))
        guests = sorted(store.guests(), key=lambda g: g.id)
        for guest in guests:
            programme.attend_guest(session.id, guest)
        view = timed("plan 300 guests, tables of 6, 4 rounds", lambda: rounds.plan(
            session.id, PlanOptions(table_size=6, rounds=4, time_limit=5.0)))
        print(json.dumps({"step": "plan quality", "repeats": view.repeats, "same_org": view.same_org,
                          "met_before": view.met_before}), flush=True)
        timed("plan view", lambda: rounds.plan_view(session.id), repeat=20)
        timed("a guest's tables (badge scan)", lambda: rounds.tables_of(session.id, guests[0].id), repeat=20)
        timed("start round 1", lambda: rounds.start_round(session.id))
        timed("tablemates", lambda: rounds.tablemates(session.id, guests[0].id), repeat=20)
        mate = rounds.tablemates(session.id, guests[0].id)[0].guest_id
        timed("tick (and the contact)", lambda: (rounds.tick(session.id, guests[0].id, [mate]),
                                                rounds.tick(session.id, mate, [guests[0].id])))
        source, now = SessionRounds(desk), datetime(2023, 10, 24, 11, 3, tzinfo=timezone.utc)
        timed("big screen: current round", lambda: source.current_round(now, "de"), repeat=20, target_ms=50)
        cards = rounds.everyones_tables(session.id)
        pdf = timed("print 4 sheets and 300 cards", lambda: plan_pdf(rounds.plan_view(session.id), cards))
        print(json.dumps({"step": "printed", "bytes": len(pdf)}), flush=True)
        store.close()


if __name__ == "__main__":
    main()
