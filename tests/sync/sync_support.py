"""Helpers for the sync tests: kiosks set up from one first kiosk, canonical dumps, full syncs.

A module with a unique name so the test files import it reliably (tests/ has no packages).
"""

from __future__ import annotations

from shared_support import FixedClock

import atexit
import contextlib
import io
import json
import sqlite3
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cached_property, lru_cache
from pathlib import Path

from kiosk.core.model import Change
from kiosk.demo import create_demo
from kiosk.services.desk import FrontDesk
from kiosk.storage import Store
from kiosk.storage.guest_fields import GUEST_FIELDS
from kiosk.sync import export_bundle, import_bundle

FIRST_DAY = date(2023, 10, 24)
EVENT_DAYS = (FIRST_DAY, FIRST_DAY + timedelta(days=1), FIRST_DAY + timedelta(days=2))
DEVICES = tuple(f"00000000-0000-4000-8000-00000000000{n}" for n in range(1, 7))


def berlin(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A moment in Fruchthalle local time (CEST in October 2023, UTC+2), as aware UTC."""
    local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=timezone.utc)
    return local - timedelta(hours=2)




@dataclass
class Kiosk:
    name: str
    store: Store
    clock: FixedClock

    @cached_property
    def desk(self) -> FrontDesk:
        """Made on first use: a kiosk being set up has no event before its first import."""
        return FrontDesk(self.store, clock=self.clock)

    @property
    def device(self) -> str:
        return self.store.device_id


def open_kiosk(path: Path, device: str, name: str = "") -> Kiosk:
    store = Store.open(path, device_id=device)
    return Kiosk(name or device[-1], store, FixedClock(berlin(FIRST_DAY, 9)))


def make_first_kiosk(path: Path, device: str = DEVICES[0]) -> Store:
    store = Store.open(path, device_id=device)
    create_demo(store, first_day=FIRST_DAY)
    return store


def enrolled(path: Path, device: str, first: Store) -> Store:
    """A new, empty kiosk holding the event's keys, as `kiosk enrol import` leaves it (the file round trip
    itself is tested in test_enrolment.py; here it would only add half a second of scrypt per kiosk)."""
    store = Store.open(path, device_id=device)
    store.enrol(first.event_keys())
    return store


def set_up_from(first: Store, path: Path, device: str, bundle: Path) -> Store:
    """A new kiosk: enrolled, then an empty database that imports `export --all` of the first one."""
    export_bundle(first, bundle, everything=True)
    store = enrolled(path, device, first)
    import_bundle(store, bundle)
    return store


class Templates:
    """The demo kiosk and kiosks set up from it, built once per process and copied for each example."""

    _dir: Path | None = None

    @classmethod
    def directory(cls) -> Path:
        if cls._dir is None:
            base = Path(tempfile.mkdtemp(prefix="kiosk-sync-templates-"))
            atexit.register(shutil.rmtree, base, ignore_errors=True)
            first = make_first_kiosk(base / "k1.sqlite3", DEVICES[0])
            for n in range(2, 5):
                set_up_from(first, base / f"k{n}.sqlite3", DEVICES[n - 1], base / "all.bundle").close()
            first.close()
            cls._dir = base
        return cls._dir

    @classmethod
    def kiosks(cls, target: Path, count: int) -> list[Kiosk]:
        source = cls.directory()
        kiosks = []
        for n in range(1, count + 1):
            shutil.copyfile(source / f"k{n}.sqlite3", target / f"k{n}.sqlite3")
            kiosks.append(open_kiosk(target / f"k{n}.sqlite3", DEVICES[n - 1], f"K{n}"))
        return kiosks


# -- canonical dumps ---------------------------------------------------------------------------
# Columns that are local by construction and therefore not compared between kiosks:
#  organization_row.device_id / created_at: written with the applying kiosk's id and clock
#    (organizations are derived from guest data);
#  guest_row.updated_at: when this kiosk last changed the row (read nowhere).
DUMPED = {
    "event_row": ("id", "name", "venue", "timezone", "days", "secret", "walk_ins_allowed",
                  "contact_consent_default", "staff_pin_hash", "programme", "field_clocks", "device_id",
                  "created_at"),
    "organization_row": ("id", "name", "kind"),
    "guest_row": ("id", "external_id", "ticket_code", "ticket_key", "title", "first_name", "last_name",
                  "organization_id", "category", "email", "email_key", "days", "consent_contacts", "walk_in",
                  "needs_review", "field_clocks", "placeholder", "forgotten", "device_id", "created_at"),
    "check_in_row": ("id", "guest_id", "day", "at", "device_id", "created_at"),
    "check_in_scan_row": ("id", "guest_id", "day", "at", "stamp", "device_id", "created_at"),
    "check_in_undo_row": ("guest_id", "day", "stamp"),
    "contact_row": ("id", "guest_low_id", "guest_high_id", "day", "at", "device_id", "created_at", "source"),
}


@lru_cache(maxsize=4096)
def expand_clocks(text: str) -> str:
    """field_clocks in one form: '*' stands for every field not named, so spell every field out."""
    clocks = json.loads(text)
    return json.dumps({f: clocks.get(f, clocks.get("*", "")) for f in GUEST_FIELDS}, sort_keys=True)


def dump_table(store: Store, table: str) -> list[tuple]:
    columns = DUMPED[table]
    rows = store.db.execute_sql(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    if table == "guest_row":
        at = columns.index("field_clocks")
        rows = [(*r[:at], expand_clocks(r[at]), *r[at + 1:]) for r in rows]
    return sorted(rows, key=repr)


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every synced table; and every reference must hold (received changes are applied without
    foreign-key checks, trusting the appliers' placeholders: this is where that trust is checked)."""
    dangling = store.db.execute_sql("PRAGMA foreign_key_check").fetchall()
    assert not dangling, f"rows naming a row that does not exist: {dangling[:5]}"
    return {table: dump_table(store, table) for table in DUMPED}


ORIGIN_COLUMNS = ("device_id", "created_at")


def dump_without_guest_origin(store: Store) -> dict[str, list[tuple]]:
    """dump() without guest_row.device_id/created_at: for tests about something else than which kiosk a
    guest row names as its origin (test_bundles checks that on its own)."""
    data = dump(store)
    keep = [i for i, c in enumerate(DUMPED["guest_row"]) if c not in ORIGIN_COLUMNS]
    data["guest_row"] = sorted((tuple(row[i] for i in keep) for row in data["guest_row"]), key=repr)
    return data


def journal_rows(store: Store) -> list[tuple]:
    query = "SELECT origin, seq, id, stamp, kind, payload FROM change_row"
    return sorted(store.db.execute_sql(query).fetchall())


def last_change(store: Store) -> Change:
    """The newest change this kiosk made itself."""
    vector = store.journal.vector()
    own = vector[store.device_id]
    return store.journal.changes_since({**vector, store.device_id: own - 1})[0]


def own_seq(store: Store) -> int:
    return store.journal.vector().get(store.device_id, 0)


def sync_pair(source: Store, target: Store) -> int:
    return target.journal.ingest(source.journal.changes_since(target.journal.vector()))


def sync_all(stores: list[Store], limit: int = 50) -> int:
    """Everyone with everyone until nothing changes; returns the number of rounds."""
    for rounds in range(1, limit + 1):
        moved = 0
        for source in stores:
            for target in stores:
                if source is not target:
                    moved += sync_pair(source, target)
        if not moved:
            return rounds
    raise AssertionError(f"still moving changes after {limit} rounds")


# -- bundle files ----------------------------------------------------------------------------
def split_bundle(path: Path) -> tuple[bytes, list[bytes]]:
    """A bundle's header line and its sealed frames, as an attacker without the key sees them."""
    data = path.read_bytes()
    cut = data.index(b"\n") + 1
    header, rest, frames = data[:cut], data[cut:], []
    while rest:
        length = int.from_bytes(rest[:4], "big")
        frames.append(rest[4:4 + length])
        rest = rest[4 + length:]
    return header, frames


def join_bundle(path: Path, header: bytes, frames: list[bytes]) -> Path:
    path.write_bytes(header + b"".join(len(f).to_bytes(4, "big") + f for f in frames))
    return path


def table_diff(table: str, mine: list[tuple], theirs: list[tuple], limit: int = 6) -> str:
    """The rows only one side holds, column by column, for an assertion message."""
    columns = DUMPED[table]
    only_mine = [r for r in mine if r not in theirs]
    only_theirs = [r for r in theirs if r not in mine]
    lines = [f"{table}: {len(only_mine)} rows only here, {len(only_theirs)} rows only there"]
    for label, rows in (("here", only_mine), ("there", only_theirs)):
        for row in rows[:limit]:
            lines.append(f"  {label}: " + ", ".join(f"{c}={v!r}" for c, v in zip(columns, row)))
    return "\n".join(lines)


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read through a separate connection: 'nothing changed' means this."""
    connection = sqlite3.connect(str(path))
    try:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        connection.close()


def cli(*argv: str) -> tuple[int, str, str]:
    """A `kiosk` command run in this process: exit code, what it printed, what it said on stderr."""
    from kiosk.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()
