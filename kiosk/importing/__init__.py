"""Guest list import: CSV/XLSX files -> guest records plus a report of rejected rows."""

from pathlib import Path

from kiosk.core.model import Event

from .encoding import Notice
from .parsing import GuestRecord, ParsedFile, Rejection
from .reading import ImportFileError, read_table
from .parsing import parse_table


def read_guest_file(path: Path, event: Event) -> ParsedFile:
    """Parse a guest list; raise ImportFileError when the file cannot be read at all."""
    return parse_table(read_table(Path(path)), event)


__all__ = ["GuestRecord", "ImportFileError", "Notice", "ParsedFile", "Rejection", "read_guest_file"]
