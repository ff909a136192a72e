"""The `kiosk` command: parses, calls services, prints text or --json. Thin by design."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

from kiosk.config import database_path
from kiosk.outputs import OutputRefused, check_output_path
from kiosk.storage import NoEvent, NotADatabase, SchemaTooNew, StorageError, Store

_DATABASE_ERRORS = (sqlite3.Error, StorageError)


class CliError(Exception):
    """A one-line message for the user; the command exits with status 1."""


class CliContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.db_path = database_path(args.db)
        self.json = bool(getattr(args, "json", False))

    @cached_property
    def store(self) -> Store:
        if not self.db_path.exists():
            raise CliError(f"no database at {self.db_path}; create one with 'kiosk demo' or 'kiosk event create'")
        return Store.open(self.db_path)

    def new_store(self) -> Store:
        """Open the database for a command that may create it."""
        self.__dict__["store"] = Store.open(self.db_path)
        return self.store

    def output_target(self, path: Path) -> Path:
        """Where to write `path`: refused if it is the database, a directory or a device. Commands
        call it before doing the work and write through kiosk.outputs.atomic_output."""
        return check_output_path(path, self.db_path)

    def emit(self, payload: object, text: str | Callable[[], str]) -> None:
        if self.json:
            print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        else:
            print(text() if callable(text) else text)


def _command_modules() -> list:
    from . import desk, events, guests, notes, programme, reports, rounds, rounds_event, sync

    modules = [events, guests, desk, sync, reports, notes, programme, rounds, rounds_event]
    try:
        from . import badges
    except ImportError:
        return modules
    return modules + [badges]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Fruchthalle check-in kiosk")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $KIOSK_DB or the user data dir)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        module.register(subparsers)
    return parser


def command_names() -> set[str]:
    parser = build_parser()
    return {name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for name in action.choices}


def json_flag(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    ctx = CliContext(args)
    try:
        code = args.run(args, ctx)
        sys.stdout.flush()  # a reader that went away is noticed here, not in Python's flush at exit
        return code
    except (CliError, NoEvent, NotADatabase, SchemaTooNew, OutputRefused) as error:
        return _fail(str(error))
    except BrokenPipeError:
        return _reader_went_away()
    except _DATABASE_ERRORS as error:
        return _fail(_database_failure(error, ctx.db_path))
    except OSError as error:
        return _fail(_system_failure(error))
    finally:
        if "store" in ctx.__dict__:
            ctx.store.close()


def _fail(message: str) -> int:
    print(f"kiosk: error: {message}", file=sys.stderr)
    return 1


def _reader_went_away() -> int:
    """`kiosk guests --json | head -1`: the reader has all it wanted. Quiet, as Unix tools are;
    stdout goes to /dev/null so that Python's flush at exit does not complain once more."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 1


def _first_cause(error: BaseException) -> BaseException:
    """SQLite rolls a transaction back by itself when the disk is full; peewee's own rollback then
    fails with 'cannot rollback', which hides the reason. The first database error in the chain
    is the reason."""
    while isinstance(error.__context__, _DATABASE_ERRORS):
        error = error.__context__
    return error


def _database_failure(error: BaseException, path: Path) -> str:
    cause = _first_cause(error)
    if getattr(cause, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return f"the disk holding {path} is full; the change was rolled back, nothing was changed"
    return f"database {path}: {cause}; the change was rolled back, nothing was changed"


def _system_failure(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"the disk is full{where}; nothing was changed"
    return f"{error.strerror or error}{where}; nothing was changed"


def main(argv: Sequence[str] | None = None) -> int:
    sys.exit(run(argv))
