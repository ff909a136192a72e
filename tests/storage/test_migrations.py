"""Frozen, numbered migrations: a database made by any earlier level upgrades to the schema a new one gets."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from kiosk.core.model import CheckIn, ContactExchange, Event, Guest, Organization, new_id
from kiosk.core.pins import hash_pin, verify_pin
from kiosk.storage import Store
from kiosk.storage.migrations import LATEST, MIGRATIONS, migrate, schema_version
from kiosk.storage.models import ALL_MODELS, bind

DAYS = (date(2023, 10, 24), date(2023, 10, 25))
AT = datetime(2023, 10, 24, 7, 30, tzinfo=timezone.utc)


def _schema(path) -> dict[str, set]:
    """Every table's columns (name, type, not null, primary key) and every index's columns."""
    with sqlite3.connect(path) as raw:
        tables = [name for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        shape = {t: {(c[1], c[2].upper(), c[3], c[5]) for c in raw.execute(f'PRAGMA table_info("{t}")')}
                 for t in tables}
        for (name, table) in raw.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                                         "AND name NOT LIKE 'sqlite_%'"):
            shape[f"index {name} on {table}"] = {c[2] for c in raw.execute(f'PRAGMA index_info("{name}")')}
    return shape


def _migrated(path, target: int) -> None:
    db = SqliteDatabase(str(path))
    db.connect()
    migrate(db, target)
    db.close()


def test_the_steps_are_numbered_one_after_another():
    assert [version for version, _ in MIGRATIONS] == list(range(1, LATEST + 1))


@pytest.mark.parametrize("level", range(1, LATEST))
def test_a_database_of_every_earlier_level_upgrades_to_the_new_schema(tmp_path, level):
    old, new = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    _migrated(old, level)
    with sqlite3.connect(old) as raw:
        assert raw.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone() == (str(level),)
    Store.open(old).close()
    Store.open(new).close()
    assert _schema(old) == _schema(new)


def test_the_migrated_schema_is_the_one_the_models_describe(tmp_path):
    """Every model's table has, after all steps, exactly the columns the model declares: a column
    added to a model needs a migration too."""
    migrated, modelled = tmp_path / "migrated.sqlite3", tmp_path / "modelled.sqlite3"
    _migrated(migrated, LATEST)
    db = SqliteDatabase(str(modelled))
    db.create_tables(bind(db).all())
    expected, actual = _schema(modelled), _schema(migrated)
    for model in ALL_MODELS:
        table = model._meta.table_name
        assert actual[table] == expected[table], table


def test_an_empty_file_is_at_level_zero(tmp_path):
    db = SqliteDatabase(str(tmp_path / "empty.sqlite3"))
    db.connect()
    assert schema_version(db) == 0


def _as_written_at(level: int, filled: Path, target: Path) -> None:
    """A database at `level` holding the data of `filled` (a database at the latest level) as the
    version of that level wrote it: the frozen steps up to `level`, then the rows copied column by
    column, then what later steps moved put back where that version kept it."""
    _migrated(target, level)
    with sqlite3.connect(target) as raw:
        raw.execute("ATTACH DATABASE ? AS filled", (str(filled),))
        old_tables = [n for (n,) in raw.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
        for table in old_tables:
            if table == "setting":
                continue
            columns = [c[1] for c in raw.execute(f'PRAGMA main.table_info("{table}")')]
            names = ", ".join(f'"{c}"' for c in columns)
            raw.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM filled."{table}"')
        if level < 3:  # the key lived in the event row, and its journal entry carried it
            secret, pin_hash = raw.execute("SELECT secret, staff_pin_hash FROM filled.event_key").fetchone()
            raw.execute("UPDATE main.event_row SET secret = ?, staff_pin_hash = ?", (secret, pin_hash))
            raw.execute("UPDATE main.change_row SET payload = json_set(payload, '$.secret', ?, "
                        "'$.staff_pin_hash', ?) WHERE kind = 'event' AND seq = 1", (secret, pin_hash))
        raw.commit()
        raw.execute("DETACH DATABASE filled")


@pytest.mark.parametrize("level", range(1, LATEST))
def test_data_written_at_every_earlier_level_survives_the_upgrade(tmp_path, level):
    filled, old = tmp_path / "filled.sqlite3", tmp_path / "old.sqlite3"
    store = Store.open(filled)
    event = Event(id=new_id(), name="Testtreffen", venue="Halle", days=DAYS, secret=b"s" * 32)
    store.create_event(event)
    a = Guest(id=new_id(), first_name="Marlene", last_name="Quade", ticket_code="QA-1",
              organization=Organization("Werkhof Süd"))
    b = Guest(id=new_id(), first_name="Norbert", last_name="Rinck", ticket_code="RI-2")
    store.save_guests([a, b])
    store.add_check_in(CheckIn(a.id, DAYS[0], AT))
    low, high = ContactExchange.pair(a.id, b.id)
    store.add_contact(ContactExchange(low, high, AT, DAYS[0]))
    store.set_staff_pin_hash(hash_pin("246813"))
    store.close()
    _as_written_at(level, filled, old)

    again = Store.open(old)
    try:
        with sqlite3.connect(old) as raw:
            indexes = {n for (n,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            version = raw.execute("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()[0]
            event_payloads = [p for (p,) in raw.execute("SELECT payload FROM change_row WHERE kind = 'event'")]
            event_row = raw.execute("SELECT secret, staff_pin_hash FROM event_row").fetchone()
        assert not indexes & {"check_in_row_guest_id", "check_in_scan_row_guest_id", "contact_row_guest_low_id"}
        assert {"check_in_row_guest_id_day", "contact_row_guest_low_id_guest_high_id"} <= indexes
        assert int(version) == LATEST
        assert again.guest(a.id).last_name == "Quade"
        assert len(again.contacts()) == 1 and again.check_in_of(a.id, DAYS[0]) is not None
        assert again.event().secret == event.secret
        assert verify_pin("246813", again.staff_pin_hash())
        assert event_row == ("", "")  # the key stays in event_key only
        assert not any("secret" in p or "staff_pin_hash" in p for p in event_payloads)
    finally:
        again.close()
