"""The database file: WAL, foreign keys, schema version and migrations, synced-row metadata, its location."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import peewee
import pytest

from kiosk.config import database_path
from kiosk.core.model import CheckIn, ContactExchange, Event, Guest, Organization, new_id
from kiosk.services.desk import FrontDesk
from kiosk.storage import SchemaTooNew, Store
from kiosk.storage.migrations import LATEST

SYNCED_TABLES = ("event_row", "organization_row", "guest_row", "check_in_row", "contact_row", "audit_row")
DAYS = (date(2023, 10, 24), date(2023, 10, 25))
AT = datetime(2023, 10, 24, 7, 30, tzinfo=timezone.utc)


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "data" / "kiosk.sqlite3"


@pytest.fixture
def store(path):
    store = Store.open(path)
    yield store
    store.close()


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(path))


def fill(store: Store) -> tuple[Guest, Guest]:
    store.create_event(Event(id=new_id(), name="Testtreffen", venue="Halle", days=DAYS, secret=b"s" * 32))
    a = Guest(id=new_id(), first_name="Marlene", last_name="Quade", ticket_code="QA-1",
              organization=Organization("Werkhof Süd"))
    b = Guest(id=new_id(), first_name="Norbert", last_name="Rinck", ticket_code="RI-2")
    store.save_guests([a, b])
    store.add_check_in(CheckIn(a.id, DAYS[0], AT))
    store.add_check_in(CheckIn(b.id, DAYS[0], AT))
    low, high = ContactExchange.pair(a.id, b.id)
    store.add_contact(ContactExchange(low, high, AT, DAYS[0]))
    store.audit("test_action", a.id)
    return a, b


def test_opening_creates_the_directory_and_the_file(store, path):
    assert path.is_file()


def test_the_database_runs_in_wal_mode_with_foreign_keys_on(store, path):
    assert store.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    with raw(path) as other:  # WAL is a property of the file, seen by any connection
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(store):
    fill(store)
    with pytest.raises(peewee.IntegrityError):
        store.tables.CheckInRow.create(id=new_id(), guest="00000000-0000-4000-8000-00000000dead", day=DAYS[1],
                                       at=AT, device_id=store.device_id, created_at=AT)


def test_a_check_in_naming_an_unknown_guest_keeps_a_placeholder_not_a_guest(store):
    # A synced check-in may name a walk-in whose own data arrives later (issue 4).
    fill(store)
    unknown = "00000000-0000-4000-8000-00000000dead"
    store.add_check_in(CheckIn(unknown, DAYS[1], AT))
    assert store.guest(unknown) is None
    assert store.check_in_of(unknown, DAYS[1]) is not None


def test_one_check_in_per_guest_and_day_is_also_a_database_constraint(store):
    a, _ = fill(store)
    CheckInRow = store.tables.CheckInRow
    with pytest.raises(peewee.IntegrityError):
        CheckInRow.create(id=new_id(), guest=a.id, day=DAYS[0], at=AT, device_id=store.device_id, created_at=AT)
    store.add_check_in(CheckIn(a.id, DAYS[0], AT.replace(hour=6)))
    assert CheckInRow.select().where(CheckInRow.guest == a.id, CheckInRow.day == DAYS[0]).count() == 1
    assert store.check_in_of(a.id, DAYS[0]).at == AT.replace(hour=6)  # the earliest scan counts


def test_a_pair_is_stored_once_even_if_written_twice(store):
    a, b = fill(store)
    ContactRow = store.tables.ContactRow
    low, high = ContactExchange.pair(a.id, b.id)
    with pytest.raises(peewee.IntegrityError):
        ContactRow.create(id=new_id(), guest_low=low, guest_high=high, day=DAYS[1], at=AT,
                          device_id=store.device_id, created_at=AT)
    store.add_contact(ContactExchange(low, high, AT.replace(hour=9), DAYS[1]))
    assert ContactRow.select().count() == 1
    assert len(store.contacts()) == 1


def test_schema_version_is_recorded(store, path):
    with raw(path) as other:
        version = other.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0]
    assert int(version) == LATEST >= 1


def test_migration_from_an_empty_file(path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")

    store = Store.open(path)
    try:
        with raw(path) as other:
            tables = {n for (n,) in other.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = other.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0]
        assert set(SYNCED_TABLES) | {"setting"} <= tables
        assert int(version) == LATEST
        assert not store.has_event()
    finally:
        store.close()


def test_reopening_migrates_nothing_and_keeps_the_data(store, path):
    a, _ = fill(store)
    store.close()

    again = Store.open(path)
    try:
        assert again.guest(a.id).last_name == "Quade"
        assert again.guest(a.id).organization_name == "Werkhof Süd"
        assert len(again.contacts()) == 1
    finally:
        again.close()


def test_a_database_from_a_newer_kiosk_is_refused(store, path):
    store.close()
    with raw(path) as other:
        other.execute("UPDATE setting SET value = ? WHERE key = 'schema_version'", (str(LATEST + 1),))

    with pytest.raises(SchemaTooNew):
        Store.open(path)
    with raw(path) as other:  # and left as it was
        version = other.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0]
    assert version == str(LATEST + 1)


def test_synced_rows_carry_a_uuid_the_device_and_the_creation_time(store, path):
    fill(store)
    device = store.device_id
    assert str(uuid.UUID(device)) == device

    with raw(path) as other:
        for table in SYNCED_TABLES:
            rows = other.execute(f"SELECT id, device_id, created_at FROM {table}").fetchall()
            assert rows, table
            for row_id, device_id, created_at in rows:
                assert str(uuid.UUID(row_id)) == row_id, table
                assert device_id == device, table
                stamp = datetime.fromisoformat(created_at)
                assert stamp.tzinfo is not None and stamp.utcoffset().total_seconds() == 0, table


def test_the_device_id_belongs_to_the_database_file_not_the_machine(tmp_path):
    first = Store.open(tmp_path / "a.sqlite3")
    first.close()
    second = Store.open(tmp_path / "b.sqlite3")
    second.close()

    assert first.device_id != second.device_id  # see tests/storage/test_replicas.py
    assert str(uuid.UUID(first.device_id)) == first.device_id


def test_an_explicit_device_id_is_used_for_new_rows(tmp_path):
    store = Store.open(tmp_path / "c.sqlite3", device_id="0e0e0e0e-1111-4222-8333-444444444444")
    try:
        fill(store)
        with raw(tmp_path / "c.sqlite3") as other:
            devices = {d for (d,) in other.execute("SELECT device_id FROM guest_row")}
        assert devices == {"0e0e0e0e-1111-4222-8333-444444444444"}
    finally:
        store.close()


def test_naive_datetimes_are_refused(store):
    a, _ = fill(store)
    with pytest.raises(ValueError):
        store.add_check_in(CheckIn(a.id, DAYS[1], datetime(2023, 10, 25, 9, 0)))


def test_times_come_back_aware_and_equal(store):
    a, _ = fill(store)
    assert store.check_in_of(a.id, DAYS[0]).at == AT
    assert store.check_in_of(a.id, DAYS[0]).day == DAYS[0]


def test_database_location_defaults_to_the_data_directory(isolated_home):
    assert database_path() == isolated_home / "kiosk.sqlite3"


def test_kiosk_db_overrides_the_default_and_db_overrides_kiosk_db(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_DB", str(tmp_path / "from-env.sqlite3"))

    assert database_path() == tmp_path / "from-env.sqlite3"
    assert database_path(tmp_path / "explicit.sqlite3") == tmp_path / "explicit.sqlite3"


def test_without_kiosk_home_the_platform_user_data_directory_is_used(monkeypatch):
    import platformdirs

    monkeypatch.delenv("KIOSK_HOME")
    expected = Path(platformdirs.user_data_dir("fruchthalle-kiosk", appauthor=False)) / "kiosk.sqlite3"
    assert database_path() == expected


def test_a_rolled_back_transaction_leaves_no_gap_in_the_journal(store):
    """Other kiosks take a device's changes only in unbroken sequence: a gap would hold back
    everything this kiosk records afterwards, for good."""
    store.create_event(Event(id=new_id(), name="Netzwerktreffen", venue="Fruchthalle", days=DAYS,
                             secret=b"k" * 32))
    guest = Guest(id=new_id(), first_name="Ilka", last_name="Brandhorst", ticket_code="T-1")
    with pytest.raises(RuntimeError), store.atomic():
        store.save_guests([guest])
        raise RuntimeError("the import failed half-way")
    store.save_guests([guest])

    seqs = [seq for (seq,) in store.db.execute_sql(
        "SELECT seq FROM change_row WHERE origin = ? ORDER BY seq", (store.device_id,)).fetchall()]
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) == 2
    assert store.guest(guest.id).last_name == "Brandhorst"


def _another_writer_holds_the_database(path: Path, seconds: float) -> threading.Thread:
    """Another connection (the hub sync thread, a second kiosk process) in the middle of a write."""
    holding = threading.Event()

    def write() -> None:
        other = sqlite3.connect(str(path), isolation_level=None, timeout=5)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO setting (key, value) VALUES ('held_by', 'hub sync')")
        holding.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    thread = threading.Thread(target=write)
    thread.start()
    holding.wait()
    return thread


@pytest.mark.parametrize("action", ["record a guest", "check in"])
def test_a_write_that_meets_another_writer_waits_for_it_and_succeeds(store, path, action):
    """A write transaction that read first and then found the database locked would fail when the
    other writer commits (its snapshot is stale by then): writes take the lock before they read."""
    store.create_event(Event(id=new_id(), name="Netzwerktreffen", venue="Fruchthalle", days=DAYS,
                             secret=b"k" * 32))
    guest = Guest(id=new_id(), first_name="Frauke", last_name="Lindemann", ticket_code="FL-7")
    store.save_guests([guest])
    other = _another_writer_holds_the_database(path, 0.3)
    if action == "record a guest":
        store.save_guests([Guest(id=new_id(), first_name="Gero", last_name="Maaß", ticket_code="GM-8")])
        assert store.guest_count() == 2
    else:
        assert FrontDesk(store).check_in("FL-7", day=DAYS[0]).status == "checked_in"
        assert store.check_in_of(guest.id, DAYS[0]) is not None
    other.join()
