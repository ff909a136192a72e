"""Round plans, starts and ticks made at three kiosks meet through a real PostgreSQL hub: the same
rounds, the same contacts from the rounds, the same leaderboard everywhere."""

from __future__ import annotations

import sqlite3
from datetime import time

from hub_support import assert_converged, pool, sync_all, three_kiosks

from kiosk.core.programme import Session, SessionKind
from kiosk.services.programme import ProgrammeDesk
from kiosk.services.rounds import PlanOptions, RoundsDesk

ROUND_TABLES = {
    "round_plan_row": "SELECT session_id, kind, table_size, rounds, minutes, source, details, stamp FROM round_plan_row",
    "round_seat_row": "SELECT session_id, round_no, guest_id, table_no, label FROM round_seat_row",
    "round_start_row": "SELECT session_id, round_no, started_at, stamp, device_id FROM round_start_row",
    "round_tick_row": "SELECT session_id, from_guest_id, to_guest_id, at, stamp FROM round_tick_row",
    "contact_row": "SELECT id, guest_low_id, guest_high_id, day, at, source FROM contact_row",
}


def round_dump(kiosk) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(kiosk.store.db.database)
    try:
        return {t: sorted(connection.execute(sql).fetchall(), key=repr) for t, sql in ROUND_TABLES.items()}
    finally:
        connection.close()


def test_rounds_made_at_three_kiosks_converge_through_the_hub(tmp_path, hub_dsn):
    a, b, c = three_kiosks(tmp_path)
    guests = pool(a, 12)
    session = ProgrammeDesk(a.desk).save(Session("", a.desk.today(), time(0), time(23, 59), "Speed-Networking",
                                                 "", "Galerie", SessionKind.SPEED_NETWORKING))
    sync_all(hub_dsn, a, b, c)
    for guest in guests[:6]:  # two doors
        assert ProgrammeDesk(b.desk).attend(session.id, b.token(guest)).status == "recorded"
    for guest in guests[6:]:
        assert ProgrammeDesk(c.desk).attend(session.id, c.token(guest)).status == "recorded"
    sync_all(hub_dsn, b, c, a)

    planned = RoundsDesk(a.desk).plan(session.id, PlanOptions(table_size=3, rounds=3, time_limit=1.0))
    assert planned.people == 12
    sync_all(hub_dsn, a, b, c)
    started = RoundsDesk(b.desk).start_round(session.id)  # B starts round 1 ...
    RoundsDesk(c.desk).plan(session.id, PlanOptions(table_size=4, rounds=3, time_limit=1.0, seed=1))  # ... C re-plans
    sync_all(hub_dsn, b, c, a, b)

    views = [RoundsDesk(k.desk).plan_view(session.id) for k in (a, b, c)]
    assert views[0].rounds[0].tables == planned.rounds[0].tables  # the started round kept its seating
    assert views[0].rounds[0].started_at == started.started_at
    assert all(len(t.seats) == 4 for t in views[0].rounds[1].tables)  # C's later plan for the rest
    assert views[0] == views[1] == views[2]

    me = guests[0].id
    mate = RoundsDesk(a.desk).tablemates(session.id, me)[0].guest_id
    RoundsDesk(a.desk).tick(session.id, me, [mate])  # the two ticks at two kiosks, before any sync
    RoundsDesk(c.desk).tick(session.id, mate, [me])
    sync_all(hub_dsn, a, c, b, a)
    dump = assert_converged(a, b, c)  # the leaderboards too
    assert round_dump(a) == round_dump(b) == round_dump(c)
    rounds_contacts = [row for row in round_dump(a)["contact_row"] if row[5] == "rounds"]
    assert [row[1:3] for row in rounds_contacts] == [tuple(sorted((me, mate)))]
    assert len(dump["contact_row"]) == 1
    assert all(k.desk.contact_count(me) == 1 for k in (a, b, c))
