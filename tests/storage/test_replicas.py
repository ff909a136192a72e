"""Every database is a replica of its own: its id lives in the database, a copied file forks a new id
before its first write, and two databases that write as one replica anyway are refused loudly."""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk import config
from kiosk.core.model import CheckIn
from kiosk.demo import create_demo
from kiosk.storage import ReplicaCollision, Store
from kiosk.storage.replica import OWN_ID_ELSEWHERE, REPLICA_FORKED, SAME_NUMBER

REPLICA_P = "99999999-0000-4000-8000-000000000001"


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """This machine's identity read from files the test controls: a machine id and one network card."""
    machine_id = tmp_path / "machine" / "machine-id"
    card = tmp_path / "machine" / "net" / "eth0"
    (card / "device").mkdir(parents=True)
    machine_id.write_text("1c0ffee0000000000000000000000001\n")
    (card / "address").write_text("02:00:00:00:00:01\n")
    monkeypatch.setattr(config, "MACHINE_ID_FILES", (machine_id,))
    monkeypatch.setattr(config, "NETWORK_INTERFACES", card.parent)
    return machine_id, card / "address"


def demo_database(path: Path, device_id: str | None = None) -> str:
    """A closed database with the demo event; returns its replica id."""
    store = Store.open(path, device_id=device_id)
    create_demo(store)
    store.close()
    return store.device_id


def check_in(store: Store, guests) -> None:
    day = store.event().days[0]
    at = datetime.combine(day, datetime.min.time(), timezone.utc) + timedelta(hours=8)
    for n, guest in enumerate(guests):
        store.add_check_in(CheckIn(guest.id, day, at + timedelta(seconds=n)))


def guests(store: Store) -> list:
    return sorted(store.guests(), key=lambda g: g.id)


def checked_in(store: Store) -> int:
    return len(store.checked_in_ids())


def sync_both_ways(first: Store, second: Store) -> None:
    second.journal.ingest(first.journal.changes_since(second.journal.vector()))
    first.journal.ingest(second.journal.changes_since(first.journal.vector()))


def replica_forks(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT subject, detail, device_id FROM audit_row WHERE action = ?",
                           (REPLICA_FORKED,)).fetchall()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as raw:
        tables = [name for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(raw.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


# -- one id per database ---------------------------------------------------------------------------
def test_two_databases_on_one_machine_get_different_ids_and_keep_them(tmp_path, machine):
    first, second = tmp_path / "a" / "kiosk.sqlite3", tmp_path / "b" / "kiosk.sqlite3"
    ids = [demo_database(first), demo_database(second)]

    assert ids[0] != ids[1]
    assert [Store.open(first).device_id, Store.open(second).device_id] == ids
    assert replica_forks(first) == replica_forks(second) == []


def test_the_id_is_created_with_the_database_and_kept_in_it(tmp_path, machine):
    path = tmp_path / "kiosk.sqlite3"
    made = demo_database(path)
    with sqlite3.connect(path) as raw:
        stored = raw.execute("SELECT value FROM setting WHERE key = 'device_id'").fetchone()[0]
        origins = {origin for (origin,) in raw.execute("SELECT origin FROM change_row")}
    assert stored == made and origins == {made}


# -- a copied file forks ----------------------------------------------------------------------------
def test_a_copied_database_file_forks_a_new_id_before_its_first_write(tmp_path, machine, caplog):
    original, copy = tmp_path / "kiosk.sqlite3", tmp_path / "other.sqlite3"
    made = demo_database(original)
    shutil.copyfile(original, copy)
    held = snapshot(copy)

    with caplog.at_level(logging.INFO, logger="kiosk.storage.replica"):
        twin = Store.open(copy)
    first = Store.open(original)

    assert first.device_id == made and twin.device_id != made
    assert replica_forks(original) == []
    assert replica_forks(copy) == [("", f"{made} -> {twin.device_id}: the database file was copied or moved",
                                    twin.device_id)]
    # Nothing of the copy was written under the old id; its changes stay as history received from it.
    assert snapshot(copy)["change_row"] == held["change_row"]
    assert twin.journal.vector() == {made: first.journal.vector()[made]}
    check_in(twin, guests(twin)[:1])
    assert twin.journal.vector()[twin.device_id] == 1  # numbered from 1 under the new id
    [record] = [r for r in caplog.records if r.name == "kiosk.storage.replica"]
    assert made in record.getMessage() and twin.device_id in record.getMessage()
    assert not any(g.last_name in record.getMessage() for g in guests(first))


def test_check_ins_on_a_database_and_its_copy_all_survive_syncing_both_ways(tmp_path, machine):
    """Measured before: 90 guests checked in across a database and its copy, 55 after syncing."""
    original, copy = tmp_path / "kiosk.sqlite3", tmp_path / "copy.sqlite3"
    demo_database(original)
    shutil.copyfile(original, copy)
    first, twin = Store.open(original), Store.open(copy)
    everyone = guests(first)
    check_in(first, everyone[:45])
    check_in(twin, everyone[45:90])

    sync_both_ways(first, twin)

    assert checked_in(first) == checked_in(twin) == 90
    assert first.journal.vector() == twin.journal.vector()


def test_a_database_moved_within_its_file_system_keeps_its_id(tmp_path, machine):
    path, moved = tmp_path / "kiosk.sqlite3", tmp_path / "elsewhere" / "kiosk.sqlite3"
    made = demo_database(path)
    moved.parent.mkdir()
    os.rename(path, moved)  # what `mv` does on one file system

    assert Store.open(moved).device_id == made
    assert replica_forks(moved) == []


def test_a_database_copied_over_its_original_forks(tmp_path, machine):
    """A copy put back in the original's place (a restored backup, or a move across file systems):
    another inode, so another replica; harmless, where writing on under the old id is not."""
    path, backup = tmp_path / "kiosk.sqlite3", tmp_path / "backup.sqlite3"
    made = demo_database(path)
    shutil.copyfile(path, backup)
    path.rename(tmp_path / "damaged.sqlite3")  # kept, so that the file system cannot hand its inode on
    shutil.copyfile(backup, path)
    backup.unlink()

    assert Store.open(path).device_id != made


def test_a_disk_image_cloned_onto_other_hardware_forks(tmp_path, machine):
    """Same path, same inode, even the same machine id (an image copied as it is): other network cards."""
    path = tmp_path / "kiosk.sqlite3"
    made = demo_database(path)
    _, card = machine
    card.write_text("02:00:00:00:00:02\n")

    assert Store.open(path).device_id != made


def test_a_new_machine_id_forks(tmp_path, machine):
    path = tmp_path / "kiosk.sqlite3"
    made = demo_database(path)
    machine_id, _ = machine
    machine_id.write_text("1c0ffee0000000000000000000000002\n")

    assert Store.open(path).device_id != made


def test_without_a_system_machine_id_the_data_directory_keeps_one(tmp_path, monkeypatch, isolated_home):
    monkeypatch.setattr(config, "MACHINE_ID_FILES", (tmp_path / "missing",))
    monkeypatch.setattr(config, "NETWORK_INTERFACES", tmp_path / "no-cards")
    path = tmp_path / "kiosk.sqlite3"
    made = demo_database(path)

    assert Store.open(path).device_id == made
    assert (isolated_home / "machine-id").exists()
    (isolated_home / "machine-id").unlink()  # another machine's data directory
    assert Store.open(path).device_id != made


def test_a_database_of_an_earlier_version_forks_once(tmp_path, machine):
    """Earlier versions gave every database on a machine the machine's id: which of them is the
    one that may keep it cannot be told, so each takes a new one (once)."""
    path = tmp_path / "kiosk.sqlite3"
    made = demo_database(path)
    with sqlite3.connect(path) as raw:
        raw.execute("DELETE FROM setting WHERE key = 'replica_fingerprint'")

    forked = Store.open(path).device_id
    assert forked != made and Store.open(path).device_id == forked
    assert [detail for _, detail, _ in replica_forks(path)] == [
        f"{made} -> {forked}: the database had no fingerprint yet (made by an earlier version)"]


def test_an_explicit_id_names_a_new_database_and_an_existing_one(tmp_path, machine):
    """Tests open copies with fixed ids for determinism: the id given is the one used, and kept."""
    path, copy = tmp_path / "kiosk.sqlite3", tmp_path / "copy.sqlite3"
    assert demo_database(path, REPLICA_P) == REPLICA_P
    shutil.copyfile(path, copy)

    assert Store.open(copy, device_id=REPLICA_P).device_id == REPLICA_P
    assert Store.open(copy).device_id == REPLICA_P  # its fingerprint was recorded with it
    assert replica_forks(copy) == []


# -- collisions are refused ------------------------------------------------------------------------
def twins(tmp_path: Path) -> tuple[Store, Store]:
    """Two databases that write as one replica (a clone that escaped detection): forced with the same id."""
    path, copy = tmp_path / "kiosk.sqlite3", tmp_path / "twin.sqlite3"
    demo_database(path, REPLICA_P)
    shutil.copyfile(path, copy)
    return Store.open(path, device_id=REPLICA_P), Store.open(copy, device_id=REPLICA_P)


def test_another_change_under_a_held_number_is_refused_and_changes_nothing(tmp_path, machine):
    first, twin = twins(tmp_path)
    everyone = guests(first)
    check_in(first, everyone[:1])
    check_in(twin, everyone[1:2])  # the same number, another change
    before = snapshot(Path(twin.db.database))

    refused = "another change numbered .* None of the colliding changes was stored"
    with pytest.raises(ReplicaCollision, match=refused) as caught:
        twin.journal.ingest(first.journal.changes_since({}))  # everything, as `sync export --all` carries it

    assert (caught.value.code, caught.value.origin) == (SAME_NUMBER, REPLICA_P)
    assert snapshot(Path(twin.db.database)) == before
    assert checked_in(twin) == 1


def test_changes_under_the_own_id_that_this_database_did_not_make_are_refused(tmp_path, machine):
    first, twin = twins(tmp_path)
    own = first.journal.vector()[REPLICA_P]
    check_in(twin, guests(twin)[:3])
    before = snapshot(Path(first.db.database))

    with pytest.raises(ReplicaCollision, match="own replica id") as caught:
        first.journal.ingest(twin.journal.changes_since(first.journal.vector()))

    assert (caught.value.code, caught.value.seq) == (OWN_ID_ELSEWHERE, own + 1)
    assert snapshot(Path(first.db.database)) == before


def test_a_rebuilt_database_takes_its_own_changes_back(tmp_path, machine):
    """One that has made no change of its own yet (the disk was replaced) may take them from others."""
    first, _ = twins(tmp_path)
    rebuilt = Store.open(tmp_path / "rebuilt.sqlite3", device_id=REPLICA_P)
    rebuilt.enrol(first.event_keys())

    taken = rebuilt.journal.ingest(first.journal.changes_since({}))

    assert taken == first.journal.vector()[REPLICA_P] and rebuilt.guest_count() == 300
    check_in(rebuilt, guests(rebuilt)[:1])
    assert rebuilt.journal.vector()[REPLICA_P] == taken + 1


def test_changes_sent_twice_are_no_collision(tmp_path, machine):
    first, twin = twins(tmp_path)
    twin.close()
    other = Store.open(tmp_path / "other.sqlite3")
    everything = first.journal.changes_since({})
    assert other.journal.ingest(everything) == len(everything)
    assert other.journal.ingest(everything) == 0


def opened_replica_id(path: str) -> str:
    store = Store.open(path)
    store.close()
    return store.device_id


def test_two_processes_opening_a_fresh_copy_at_once_fork_it_once(tmp_path):
    path, copy = tmp_path / "kiosk.sqlite3", tmp_path / "copy.sqlite3"
    made = demo_database(path)
    shutil.copyfile(path, copy)

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        ids = list(pool.map(opened_replica_id, [str(copy)] * 4))

    assert len(set(ids)) == 1 and ids[0] != made
    assert len(replica_forks(copy)) == 1
