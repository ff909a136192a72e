"""Two stores in one process each read and write their own file only: from two threads at once (the door
on one, an import and a sync on the other), and whichever store was used last."""

from __future__ import annotations

import sqlite3
import sys
import threading
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from kiosk.core.model import Event, Guest, Organization, new_id
from kiosk.services.desk import FrontDesk
from kiosk.storage import Store

DAY = date(2023, 10, 24)
MORNING = datetime(2023, 10, 24, 7, 30, tzinfo=timezone.utc)
ROUNDS = 300


def opened(path: Path, name: str, guests: int) -> tuple[Store, list[Guest]]:
    store = Store.open(path)
    store.create_event(Event(id=new_id(), name=name, venue="Halle", days=(DAY,), secret=b"s" * 32))
    people = [Guest(id=new_id(), first_name=f"{name}-{n}", last_name=name,
                    ticket_code=f"{name[:2].upper()}-{n}", organization=Organization(f"Werkhof {name}"))
              for n in range(guests)]
    store.add_guests(people)
    return store, people


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def quick_switching():
    """Threads take turns every microsecond, not every 5 ms: a query that could follow another store's
    turn gets every chance to."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_a_door_and_a_sync_on_two_stores_at_once_never_touch_each_others_file(tmp_path, quick_switching):
    path_a, path_b = tmp_path / "door.sqlite3", tmp_path / "office.sqlite3"
    door, arriving = opened(path_a, "Door", ROUNDS)
    office, _ = opened(path_b, "Office", 10)
    source = Store.open(tmp_path / "source.sqlite3")  # the office's sync partner, on the office's event
    source.enrol(office.event_keys())
    source.journal.ingest(office.journal.changes_since({}))
    desk = FrontDesk(door, clock=lambda: MORNING)
    start = threading.Barrier(2)
    outcomes, failures = [], []

    def at_the_door() -> None:
        start.wait()
        for guest in arriving:
            outcomes.append(desk.check_in(guest.ticket_code, day=DAY).status)
            door.audit("door_test", guest.id)

    def in_the_office() -> None:
        start.wait()
        for n in range(ROUNDS):
            late = Guest(id=new_id(), first_name=f"Late-{n}", last_name="Office", ticket_code=f"LO-{n}")
            source.add_guests([late])
            office.journal.ingest(source.journal.changes_since(office.journal.vector()))
            office.mark_synced("peer:source", MORNING)
            office.audit("office_test", str(n))

    threads = [threading.Thread(target=_recording(job, failures)) for job in (at_the_door, in_the_office)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in (door, office, source):
        store.close()

    assert failures == []
    assert outcomes == ["checked_in"] * ROUNDS
    assert rows(path_a, "SELECT COUNT(*) FROM check_in_row") == [(ROUNDS,)]
    assert rows(path_a, "SELECT action, COUNT(*) FROM audit_row GROUP BY action") == [("door_test", ROUNDS)]
    assert rows(path_a, "SELECT key FROM setting WHERE key LIKE 'last_sync:%'") == []
    assert rows(path_a, "SELECT COUNT(*) FROM guest_row WHERE last_name != 'Door'") == [(0,)]
    assert rows(path_b, "SELECT action, COUNT(*) FROM audit_row GROUP BY action") == [("office_test", ROUNDS)]
    assert rows(path_b, "SELECT COUNT(*) FROM check_in_row") == [(0,)]
    assert rows(path_b, "SELECT COUNT(*) FROM guest_row WHERE last_name = 'Door'") == [(0,)]
    assert rows(path_b,
                "SELECT key FROM setting WHERE key LIKE 'last_sync:%'") == [("last_sync:peer:source",)]


def _recording(job, failures: list):
    def run() -> None:
        try:
            job()
        except Exception as error:  # the assertion names it: a thread's exception would only be printed
            failures.append(repr(error))
    return run


def test_a_store_writes_its_own_file_while_another_store_was_used_last(tmp_path):
    """The journal takes its changes from any iterable, which may use another store on the way (as an
    import reading another kiosk's database would): the changes still go into this store's file only."""
    door_path, office_path = tmp_path / "door.sqlite3", tmp_path / "office.sqlite3"
    door, (guest,) = opened(door_path, "Door", 1)
    office, _ = opened(office_path, "Office", 3)
    FrontDesk(door, clock=lambda: MORNING).check_in(guest.ticket_code, day=DAY)

    def undos():
        office.guest_count()  # the other store was used last
        yield {"guest_id": guest.id, "day": DAY.isoformat()}

    door.journal.record_many("check_in_undo", undos())

    assert door.check_in_of(guest.id, DAY) is None
    door.close()
    office.close()
    assert rows(door_path, "SELECT guest_id FROM check_in_undo_row") == [(guest.id,)]
    assert rows(office_path, "SELECT COUNT(*) FROM check_in_undo_row") == [(0,)]
