"""Storage: peewee on SQLite, behind the Store class."""

from .migrations import SchemaTooNew
from .store import NoEvent, NotADatabase, NotEnrolled, Store

__all__ = ["NoEvent", "NotADatabase", "NotEnrolled", "SchemaTooNew", "Store"]
