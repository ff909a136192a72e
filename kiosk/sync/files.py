"""Opening a file the user named (a bundle, an enrolment file): one line saying why it cannot be."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO


def open_for_reading(path: Path, what: str, error: type[Exception]) -> BinaryIO:
    """`path` opened in binary mode, or `error` naming the file and the reason."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not {what}") from None
    except OSError as failure:
        raise error(f"{path.name}: cannot be read ({failure.strerror})") from None
