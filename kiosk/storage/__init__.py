"""Storage: peewee on SQLite, behind the Store class."""

from .migrations import SchemaTooNew
from .store import NoEvent, Store

__all__ = ["NoEvent", "SchemaTooNew", "Store"]
