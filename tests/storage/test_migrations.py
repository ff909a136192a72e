"""Frozen, numbered migrations: a database made by any earlier level upgrades to the schema a new one gets."""

from __future__ import annotations

import sqlite3

import pytest
from peewee import SqliteDatabase

from kiosk.storage import Store
from kiosk.storage.migrations import LATEST, MIGRATIONS, migrate, schema_version
from kiosk.storage.models import ALL_MODELS


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
    with db.bind_ctx(ALL_MODELS):
        db.create_tables(ALL_MODELS)
    expected, actual = _schema(modelled), _schema(migrated)
    for model in ALL_MODELS:
        table = model._meta.table_name
        assert actual[table] == expected[table], table


def test_an_empty_file_is_at_level_zero(tmp_path):
    db = SqliteDatabase(str(tmp_path / "empty.sqlite3"))
    db.connect()
    assert schema_version(db) == 0
