"""The `kiosk` command: parses, calls services, prints text or --json. Thin by design."""

from __future__ import annotations

import argparse
import json
import sys
from functools import cached_property
from typing import Callable, Sequence

from kiosk.config import database_path
from kiosk.storage import NoEvent, NotADatabase, SchemaTooNew, Store


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

    def emit(self, payload: object, text: str | Callable[[], str]) -> None:
        if self.json:
            print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        else:
            print(text() if callable(text) else text)


def _command_modules() -> list:
    from . import desk, events, guests, reports, sync

    modules = [events, guests, desk, sync, reports]
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
        return args.run(args, ctx)
    except (CliError, NoEvent, NotADatabase, SchemaTooNew) as error:
        print(f"kiosk: error: {error}", file=sys.stderr)
        return 1
    finally:
        if "store" in ctx.__dict__:
            ctx.store.close()


def main(argv: Sequence[str] | None = None) -> int:
    sys.exit(run(argv))
