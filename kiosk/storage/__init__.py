"""Storage: peewee on SQLite, behind the Store class. Nothing outside kiosk.storage imports peewee
or the models: the errors to catch are these names."""

from peewee import DatabaseError as StorageError
from peewee import IntegrityError

from .migrations import SchemaTooNew
from .replica import ReplicaCollision
from .store import NoEvent, NotADatabase, NotEnrolled, Store

__all__ = ["IntegrityError", "NoEvent", "NotADatabase", "NotEnrolled", "ReplicaCollision", "SchemaTooNew",
           "StorageError", "Store"]
