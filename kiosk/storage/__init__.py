"""Storage: peewee on SQLite, behind the Store class."""

from .migrations import SchemaTooNew
from .store import NoEvent, NotADatabase, Store

__all__ = ["NoEvent", "NotADatabase", "SchemaTooNew", "Store"]
