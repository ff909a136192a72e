"""Numbered schema migrations; the version lives in the settings table."""

from __future__ import annotations

from typing import Callable

from peewee import Database

from .models import ALL_MODELS, Setting


class SchemaTooNew(RuntimeError):
    pass


def _create_initial_schema(db: Database) -> None:
    db.create_tables(ALL_MODELS)


def _drop_redundant_guest_indexes(db: Database) -> None:
    """A guest_id index beside a (guest_id, ...) index only costs: every synced check-in and contact
    wrote one more random-keyed index (a quarter of a million-change bundle import)."""
    for name in ("check_in_row_guest_id", "check_in_scan_row_guest_id", "contact_row_guest_low_id"):
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


MIGRATIONS: list[tuple[int, Callable[[Database], None]]] = [
    (1, _create_initial_schema),
    (2, _drop_redundant_guest_indexes),
]
LATEST = MIGRATIONS[-1][0]


def schema_version(db: Database) -> int:
    if not db.table_exists(Setting._meta.table_name):
        return 0
    row = Setting.get_or_none(Setting.key == "schema_version")
    return int(row.value) if row else 0


def migrate(db: Database) -> int:
    current = schema_version(db)
    if current > LATEST:
        raise SchemaTooNew(f"database schema {current} is newer than this kiosk ({LATEST}); update the kiosk")
    for version, step in MIGRATIONS:
        if version > current:
            with db.atomic():
                step(db)
                Setting.replace(key="schema_version", value=str(version)).execute()
    return LATEST
