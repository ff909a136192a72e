"""Files the commands write: never onto the database, always whole or not at all.

`check_output_path` refuses, before any work is done, a path that is the live database (under
any spelling, through a symlink or a hard link), one of the files SQLite keeps beside it, a
directory, a special file (FIFO, device) or a place in a directory that does not exist.
`atomic_output` then has the caller write a temporary file in the target's directory and puts it
in place with one rename, so a full disk, a crash or an error leaves the old file (or none) and
no temporary file behind. Both raise OutputRefused: one line that names the file.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# What SQLite keeps beside a database file while it is in use.
DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")


class OutputRefused(Exception):
    """An output file that must not or cannot be written; the message is one line for the user."""


def check_output_path(path: str | os.PathLike[str], database_path: str | os.PathLike[str]) -> Path:
    """The resolved path to write to, or OutputRefused saying why `path` must not be written."""
    target = Path(path).resolve()
    if _is_database_file(target, Path(database_path)):
        raise OutputRefused(f"{path} is the kiosk's database (or a file SQLite keeps beside it); "
                            "choose another output file, nothing was written")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputRefused(f"{path} is a directory; give a file name, nothing was written")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputRefused(f"{path} is not a regular file (a device or pipe); nothing was written")
    if not target.parent.is_dir():
        raise OutputRefused(f"cannot write {path}: the directory {Path(path).parent} does not exist; "
                            "nothing was written")
    return target


def _is_database_file(target: Path, database: Path) -> bool:
    spellings = {database, database.resolve()}
    for base in spellings:
        for suffix in DATABASE_COMPANIONS:
            companion = base.with_name(base.name + suffix)
            if target == companion.resolve() or _same_file(target, companion):
                return True
    return False


def _same_file(a: Path, b: Path) -> bool:
    """Also true for a hard link or a second mount of the same file."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # either one does not exist
        return False


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `path` to write; on success it replaces `path` in one rename.

    An exception inside the block removes the temporary file and leaves `path` as it was; an
    OSError (full disk, no permission, read-only file system) becomes OutputRefused.
    """
    target = Path(path)
    try:
        temporary = _new_temporary(target)
    except OSError as error:
        raise _refusal(target, error) from None
    try:
        yield temporary
        _keep_mode(target, temporary)
        _flush_to_disk(temporary)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _refusal(target, error) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _new_temporary(target: Path) -> Path:
    """An empty file beside `target`, created with the umask's mode like any new file (mkstemp's
    0600 would surprise whoever shares the export). The suffix stays last: writers choose the
    format by it (.csv or .xlsx)."""
    temporary = target.with_name(f".{target.stem}.{secrets.token_hex(8)}.part{target.suffix}")
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    return temporary


def _keep_mode(target: Path, temporary: Path) -> None:
    """A file that is replaced keeps its mode (an export someone made readable to a group)."""
    try:
        os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
    except FileNotFoundError:
        pass


def _flush_to_disk(temporary: Path) -> None:
    """Before the rename: a crash must not leave an empty file under the old name, and a full
    disk shows up here rather than after the old file is gone."""
    descriptor = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _refusal(target: Path, error: OSError) -> OutputRefused:
    reason = error.strerror or str(error)
    return OutputRefused(f"cannot write {target}: {reason}; nothing was written")
