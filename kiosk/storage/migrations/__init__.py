"""Numbered schema migrations; the version lives in the settings table.

Each step is a module `mNNNN_what.py` with `upgrade(db)`, frozen once released: it says
in SQL what it changes and never builds tables from today's models, so a database made
by any earlier version upgrades step by step to the same schema as a new one.
A new schema change is a new module with the next number (a test checks they run 1, 2, 3 ...).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Callable

from peewee import Database


class SchemaTooNew(RuntimeError):
    pass


def _steps() -> list[tuple[int, Callable[[Database], None]]]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name[:1] == "m" and info.name[1:5].isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append((int(info.name[1:5]), module.upgrade))
    return sorted(found)


MIGRATIONS = _steps()
LATEST = MIGRATIONS[-1][0]


def schema_version(db: Database) -> int:
    if "setting" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT value FROM setting WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: Database, target: int = LATEST) -> int:
    """Run the steps this database lacks, each in a transaction of its own, up to `target`."""
    current = schema_version(db)
    if current > LATEST:
        raise SchemaTooNew(f"database schema {current} is newer than this kiosk ({LATEST}); update the kiosk")
    for version, upgrade in MIGRATIONS:
        if current < version <= target:
            with db.atomic():
                upgrade(db)
                db.execute_sql("INSERT OR REPLACE INTO setting (key, value) VALUES ('schema_version', ?)",
                               (str(version),))
    return max(current, target)
