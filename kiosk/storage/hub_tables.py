"""The hub's tables: the kiosk's journal model (models.ChangeRow, its payload as bytes: the hub holds it
sealed) and the hub's own settings, bound to the hub's PostgreSQL database, so kiosk.sync.hub needs no
peewee of its own."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import BlobField, CharField, Model, PostgresqlDatabase, TextField

from .models import ChangeRow, bound_copy


class HubInfo(Model):
    key = CharField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "hub_info"


@dataclass(frozen=True)
class HubTables:
    db: PostgresqlDatabase
    Change: type[Model]
    Info: type[Model]


def hub_tables(database: str, **params) -> HubTables:
    """A connection (not opened yet) to the hub database `database`, and its tables bound to it."""
    db = PostgresqlDatabase(database, autoconnect=False, encoding="utf8", **params)
    change = bound_copy(ChangeRow, db, without_rowid=False)  # an SQLite option
    sealed = type(change.__name__, (change,), {"__module__": __name__, "payload": BlobField()})  # bytea
    return HubTables(db, sealed, bound_copy(HubInfo, db))
