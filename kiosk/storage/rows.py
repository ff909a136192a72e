"""Plain SQL for many rows at once (peewee builds its SQL per row: too slow for 100,000), and the
moments of clock stamps as the time columns store them."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from operator import itemgetter
from typing import Iterable

from peewee import SQL, Database

from .models import UtcDateTimeField


def id_list(ids: Iterable[str]):
    """Any number of ids as one SQL parameter (IN lists are capped at ~32,000 variables)."""
    return SQL("(SELECT value FROM json_each(?))", [json.dumps(list(ids))])


def insert_rows(db: Database, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows as tuples of column values, in `columns` order."""
    if rows:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        db.cursor().executemany(sql, rows)


def upsert_rows(db: Database, table: str, columns: tuple[str, ...], rows: list[dict],
                keep: tuple[str, ...] = ()) -> None:
    """One prepared INSERT ... ON CONFLICT(id) DO UPDATE for many rows. Rows hold column values as
    stored: times as UTC text (see stamp_text); the `keep` columns of a stored row stay as they are."""
    if not rows:
        return
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id" and c not in keep)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
           f"ON CONFLICT(id) {action}")
    db.cursor().executemany(sql, map(itemgetter(*columns), rows))


def stamp_time(stamp: str) -> datetime:
    """The moment a hybrid clock stamp was taken (its first 16 digits are milliseconds)."""
    return _millis_time(stamp[:16])


@lru_cache(maxsize=4096)  # a batch shares a handful of milliseconds
def _millis_time(millis: str) -> datetime:
    return datetime.fromtimestamp(int(millis) / 1000, timezone.utc)


def stamp_text(stamp: str) -> str:
    """The moment of a clock stamp, as a time column stores it."""
    return _millis_text(stamp[:16])


@lru_cache(maxsize=4096)
def _millis_text(millis: str) -> str:
    return UtcDateTimeField().db_value(_millis_time(millis))
