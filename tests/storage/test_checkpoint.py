"""The write-ahead log is copied into the database file off the writing thread, and at close."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from kiosk.core.codes import new_ticket_code
from kiosk.core.model import Guest, new_id
from kiosk.services.setup import create_event
from kiosk.storage import Store
from kiosk.storage.checkpoint import Checkpointer

DAYS = (date(2023, 10, 24),)


def save_many(store: Store, count: int) -> None:
    store.save_guests(Guest(id=new_id(), first_name="Gast", last_name=f"Nummer {n}", ticket_code=new_ticket_code(),
                            days=DAYS) for n in range(count))


def wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_commit_leaves_the_copy_to_the_checkpoint_thread(tmp_path):
    path = tmp_path / "kiosk.sqlite3"
    store = Store.open(path, device_id="00000000-0000-4000-8000-0000000000c1")
    create_event(store, "Netzwerktreffen", "Fruchthalle", DAYS)
    store.checkpoints.close()  # requests now go nowhere: a commit alone must not copy the log
    size_before = path.stat().st_size
    save_many(store, 3000)
    assert path.stat().st_size == size_before, "the commit itself copied the log into the database file"
    assert Path(f"{path}-wal").stat().st_size > 1_000_000

    store.checkpoints = Checkpointer(path)
    save_many(store, 10)
    assert wait_for(lambda: path.stat().st_size > size_before + 500_000), "no checkpoint after the write"
    store.close()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_close_stops_the_thread_and_the_data_is_all_there(tmp_path):
    path = tmp_path / "kiosk.sqlite3"
    store = Store.open(path, device_id="00000000-0000-4000-8000-0000000000c2")
    create_event(store, "Netzwerktreffen", "Fruchthalle", DAYS)
    save_many(store, 500)
    thread = store.checkpoints._thread
    store.close()
    assert thread is not None and not thread.is_alive()
    reopened = Store.open(path, device_id="00000000-0000-4000-8000-0000000000c2")
    assert len(reopened.guests()) == 500
    reopened.close()
