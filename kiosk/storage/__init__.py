"""Storage: peewee on SQLite, behind the Store class."""

from .migrations import SchemaTooNew
from .replica import ReplicaCollision
from .store import NoEvent, NotADatabase, NotEnrolled, Store

__all__ = ["NoEvent", "NotADatabase", "NotEnrolled", "ReplicaCollision", "SchemaTooNew", "Store"]
