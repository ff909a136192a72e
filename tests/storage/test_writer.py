"""The one writer: interactive writes go before the next slice of bulk work, and bulk work still ends.

Threads meet at events; nothing here measures time (tests/bench/bench_writer.py does).
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timezone

import pytest

from kiosk.core.model import Guest, new_id
from kiosk.services.desk import FrontDesk
from kiosk.storage import Store
from kiosk.storage import writer
from kiosk.storage.writer import WriteGate

DAY = date(2023, 10, 24)
WAIT = 10  # seconds before a test gives up on a thread: a hang fails, it does not stall the run


def until(condition) -> None:
    """Wait for another thread to reach a state (fails after WAIT seconds)."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "the other thread never got there"
        time.sleep(0.001)


def started(target, *args) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


def joined(*threads: threading.Thread) -> None:
    for thread in threads:
        thread.join(WAIT)
        assert not thread.is_alive(), "a thread hangs"


# -- the gate alone ---------------------------------------------------------------------------------
def test_a_waiting_interactive_writer_goes_before_the_next_bulk_slice():
    gate, order, in_first_slice, finish_first_slice = WriteGate(), [], threading.Event(), threading.Event()

    def bulk_job():
        with gate.bulk_work():
            with gate.held():
                in_first_slice.set()
                finish_first_slice.wait(WAIT)
                order.append("slice 1")
            with gate.held():
                order.append("slice 2")

    def interactive():
        with gate.held():
            order.append("check-in")

    bulk = started(bulk_job)
    assert in_first_slice.wait(WAIT)
    door = started(interactive)
    until(lambda: gate.interactive_waiting == 1)
    finish_first_slice.set()
    joined(bulk, door)
    assert order == ["slice 1", "check-in", "slice 2"]


def test_bulk_slices_take_turns_with_a_busy_door_and_all_of_them_run():
    gate, slices, door_writes = WriteGate(), [], []

    def bulk_job():
        with gate.bulk_work():
            for n in range(200):
                with gate.held():
                    slices.append(n)

    def door():
        for n in range(200):
            with gate.held():
                door_writes.append(n)

    threads = [started(bulk_job), started(door)]
    joined(*threads)
    assert slices == list(range(200)) and door_writes == list(range(200))


def test_the_gate_is_reentrant_and_bulk_work_nests():
    gate = WriteGate()
    with gate.held(), gate.held():
        with gate.bulk_work():
            assert gate.in_bulk_work()
            with gate.bulk_work(), gate.held():
                pass
            assert gate.in_bulk_work()
        assert not gate.in_bulk_work()
    taken = []
    joined(started(lambda: taken.append(gate.held().__enter__())))  # free again: another thread takes it
    assert gate.interactive_waiting == 0 and len(taken) == 1


# -- the store ----------------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    from kiosk.services.setup import create_event

    store = Store.open(tmp_path / "kiosk.sqlite3")
    create_event(store, "Writer test", "Fruchthalle", (DAY,))
    yield store
    store.close()


def guest(n: int) -> Guest:
    return Guest(id=new_id(), first_name=f"Gast{n}", last_name="Test", ticket_code=f"WRITER{n:06d}", days=(DAY,))


def guest_ids(store: Store) -> set[str]:
    return {g.id for g in store.guests()}


class PausedSlice:
    """Guests for add_guests that stop after the first one until released: the slice stays open
    (its transaction holds the write lock) while the test lets other threads come to the door."""

    def __init__(self, guests: list[Guest]) -> None:
        self.guests, self.inside, self.release = guests, threading.Event(), threading.Event()

    def __iter__(self):
        yield self.guests[0]
        self.inside.set()
        assert self.release.wait(WAIT)
        yield from self.guests[1:]


def test_a_check_in_during_an_import_slice_is_written_before_the_next_slice(store):
    door_guest = guest(0)
    store.add_guests([door_guest])
    first, second = PausedSlice([guest(n) for n in range(1, 50)]), [guest(n) for n in range(50, 100)]
    seen_by_second_slice = []

    def bulk_job():
        with store.bulk():
            with store.atomic():
                store.add_guests(first)
            with store.atomic():
                seen_by_second_slice.append(store.check_in_of(door_guest.id, DAY))
                store.add_guests(second)

    bulk = started(bulk_job)
    assert first.inside.wait(WAIT)
    desk = FrontDesk(store, clock=lambda: datetime(2023, 10, 24, 9, tzinfo=timezone.utc))
    door = started(desk.check_in, door_guest.ticket_code)
    until(lambda: store.db.gate.interactive_waiting == 1)
    first.release.set()
    joined(bulk, door)
    assert seen_by_second_slice[0] is not None  # the check-in came first
    assert guest_ids(store) == {g.id for g in [door_guest, *first.guests, *second]}  # and the import ended


def test_a_print_job_outside_any_transaction_also_goes_first(store):
    """Single statements (a print job, an audit line) pass the gate as interactive writers too."""
    door_guest = guest(0)
    store.add_guests([door_guest])
    first = PausedSlice([guest(n) for n in range(1, 50)])
    jobs_seen = []

    def bulk_job():
        with store.bulk():
            with store.atomic():
                store.add_guests(first)
            with store.atomic():
                jobs_seen.append(len(store.print_jobs()))
                store.add_guests([guest(99)])

    bulk = started(bulk_job)
    assert first.inside.wait(WAIT)
    printer = started(store.add_print_job, door_guest.id, "a6")
    until(lambda: store.db.gate.interactive_waiting == 1)
    first.release.set()
    joined(bulk, printer)
    assert jobs_seen == [1]


def test_nested_atomic_blocks_are_savepoints_inside_and_outside_bulk_work(store):
    kept, dropped, in_bulk, dropped_in_bulk = guest(1), guest(2), guest(3), guest(4)
    with store.atomic():
        store.add_guests([kept])
        with pytest.raises(RuntimeError), store.atomic():
            store.add_guests([dropped])
            raise RuntimeError("undone: this savepoint only")
    with store.bulk(), store.atomic():
        store.add_guests([in_bulk])
        with pytest.raises(RuntimeError), store.atomic():
            store.add_guests([dropped_in_bulk])
            raise RuntimeError("undone: this savepoint only")
    assert guest_ids(store) == {kept.id, in_bulk.id}


def test_bulk_work_that_fails_keeps_whole_slices_from_the_start(store, monkeypatch):
    monkeypatch.setattr(writer, "COMMIT_AFTER_SECONDS", 0)  # commit after every slice
    slices = [[guest(10 * s + n) for n in range(10)] for s in range(3)]
    with pytest.raises(RuntimeError), store.bulk():
        for number, slice_guests in enumerate(slices):
            with store.atomic():
                store.add_guests(slice_guests)
                if number == 2:
                    raise RuntimeError("stopped in the third slice")
    assert guest_ids(store) == {g.id for g in slices[0] + slices[1]}


def test_bulk_work_that_stops_between_slices_keeps_every_completed_slice(store, monkeypatch):
    monkeypatch.setattr(writer, "COMMIT_AFTER_SECONDS", 3600)  # nothing committed on the way
    slices = [[guest(10 * s + n) for n in range(10)] for s in range(3)]
    with pytest.raises(KeyboardInterrupt), store.bulk():
        for slice_guests in slices:
            store.add_guests(slice_guests)
        raise KeyboardInterrupt
    assert guest_ids(store) == {g.id for s in slices for g in s}


def test_bulk_work_ends_with_foreign_key_checks_on_as_before(store, monkeypatch):
    """Journal ingest switches the checks off around each slice; SQLite ignores switching them on
    while the bulk transaction is open, so the writer does it when the transaction ends."""
    monkeypatch.setattr(writer, "COMMIT_AFTER_SECONDS", 3600)  # one transaction for all slices
    with store.bulk():
        for n in range(3):
            store.journal.ingest([])  # an empty batch still opens a slice
            store.add_guests([guest(n)])
    assert store.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert not store.db.in_transaction()
