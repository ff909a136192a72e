"""Helpers shared by the use-case tests (a module with a unique name, so it imports reliably)."""

from __future__ import annotations

from shared_support import FixedClock  # noqa: F401 - re-exported for the service tests

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path


EVENT_DAYS = (date(2023, 10, 24), date(2023, 10, 25), date(2023, 10, 26))




def berlin(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment given in Fruchthalle local time (CEST in October 2023, UTC+2), as aware UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc) - timedelta(hours=2)


def write_text(path: Path, lines: list[str], encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode(encoding))
    return path


def snapshot(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read through a separate connection."""
    connection = sqlite3.connect(str(db_path))
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        connection.close()


