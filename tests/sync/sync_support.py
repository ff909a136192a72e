"""Helpers for the sync tests: kiosks set up from one first kiosk, canonical dumps, full syncs.

A module with a unique name so the test files import it reliably (tests/ has no packages).
"""

from __future__ import annotations

from shared_support import FixedClock

import atexit
import contextlib
import io
import json
import random
import sqlite3
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterator

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from kiosk.core.model import Change
from kiosk.demo import create_demo
from kiosk.services.desk import FrontDesk
from kiosk.storage import Store
from kiosk.storage.guest_fields import GUEST_FIELDS
from kiosk.storage.privacy import forget_guest
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


def dump_table(store: Store, table: str, columns: tuple[str, ...]) -> list[tuple]:
    rows = store.db.execute_sql(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    if table == "guest_row":
        at = columns.index("field_clocks")
        rows = [(*r[:at], expand_clocks(r[at]), *r[at + 1:]) for r in rows]
    return sorted(rows, key=repr)


def dump(store: Store, tables: dict[str, tuple[str, ...]] = DUMPED) -> dict[str, list[tuple]]:
    """Every synced table (or the tables named, with their columns); and every reference must hold
    (received changes are applied without foreign-key checks, trusting the appliers' placeholders:
    this is where that trust is checked)."""
    dangling = store.db.execute_sql("PRAGMA foreign_key_check").fetchall()
    assert not dangling, f"rows naming a row that does not exist: {dangling[:5]}"
    return {table: dump_table(store, table, columns) for table, columns in tables.items()}


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


# -- property tests of convergence -----------------------------------------------------------
# What they share: kiosks copied for each example, the ways one sync may go, the operations every
# one of them has (a sync, an erasure), and the check that every kiosk ends with one journal and the
# same rows. Each test adds its own operations (do_<Op> methods) and its own model of what happened.
SYNC_WAYS = ("all", "prefix", "subset", "duplicated", "reversed", "bundle")


@dataclass(frozen=True)
class SyncOp:
    source: int
    target: int
    how: str  # one of SYNC_WAYS
    seed: int


@dataclass(frozen=True)
class ForgetOp:
    kiosk: int
    guest: int


def sync_ops(kiosk_index: st.SearchStrategy[int]) -> st.SearchStrategy[SyncOp]:
    return st.builds(SyncOp, kiosk_index, kiosk_index, st.sampled_from(SYNC_WAYS), st.integers(0, 2**16))


def property_settings(max_examples: int) -> settings:
    """Every example copies kiosk databases and syncs them: slow, and no deadline makes sense."""
    return settings(max_examples=max_examples, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


def cut_batch(changes: list[Change], how: str, rng: random.Random) -> list[Change]:
    """What arrives of `changes` when the transfer goes `how` (one of SYNC_WAYS but "bundle")."""
    if how == "prefix":  # the transfer broke off
        return changes[:rng.randint(0, len(changes))]
    if how == "subset":  # some changes got lost on the way
        return [c for c in changes if rng.random() < 0.5]
    if how == "duplicated":  # a batch (or part of it) sent twice, out of order
        batch = changes + changes[:rng.randint(0, len(changes))]
        rng.shuffle(batch)
        return batch
    if how == "reversed":
        return changes[::-1]
    assert how == "all", how
    return changes


@contextlib.contextmanager
def kiosk_pool(prefix: str, count: int) -> Iterator[tuple[Path, list[Kiosk]]]:
    """`count` kiosks copied from the templates into a new directory; afterwards every kiosk in the list
    (also one a test appended) is closed and the directory removed."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    kiosks = Templates.kiosks(directory, count)
    try:
        yield directory, kiosks
    finally:
        for kiosk in kiosks:
            kiosk.store.close()
        shutil.rmtree(directory, ignore_errors=True)


class ExampleWorld:
    """One example's kiosks, the demo guests it works with (`pool`) and its model (which has `erased`
    if the test erases guests); `run` calls the subclass's do_<Op> method for an operation."""

    def __init__(self, directory: Path, kiosks: list[Kiosk], pool_ids: tuple[str, ...], model) -> None:
        self.directory, self.kiosks, self.model = directory, kiosks, model
        by_external = {g.external_id: g for g in kiosks[0].store.guests()}
        self.pool = [by_external[x] for x in pool_ids]
        self.bundles: list[Path] = []

    def kiosk(self, index: int) -> Kiosk:
        return self.kiosks[index % len(self.kiosks)]

    def run(self, op) -> None:
        getattr(self, "do_" + type(op).__name__)(op)

    def run_all(self, ops: list) -> int:
        """Every operation, then everyone synced with everyone; returns the number of sync rounds."""
        for op in ops:
            self.run(op)
        return sync_all([k.store for k in self.kiosks])

    def pair(self, source: int, target: int) -> tuple[Kiosk, Kiosk] | None:
        a, b = self.kiosk(source), self.kiosk(target)
        return None if a is b else (a, b)

    def new_bundle(self) -> Path:
        path = self.directory / f"b{len(self.bundles)}.bundle"
        self.bundles.append(path)
        return path

    def sync(self, source: int, target: int, how: str, seed: int) -> Kiosk | None:
        """The target takes what it lacks of the source's journal, the way `how` says; returns the target
        (None when both name one kiosk)."""
        pair = self.pair(source, target)
        if pair is None:
            return None
        giver, taker = pair
        if how == "bundle":
            path = self.new_bundle()
            export_bundle(giver.store, path, to=taker.device)
            import_bundle(taker.store, path)
        else:
            changes = giver.store.journal.changes_since(taker.store.journal.vector())
            taker.store.journal.ingest(cut_batch(changes, how, random.Random(seed)))
        return taker

    def do_SyncOp(self, op: SyncOp) -> None:
        self.sync(op.source, op.target, op.how, op.seed)

    def do_ForgetOp(self, op: ForgetOp) -> None:
        kiosk, guest = self.kiosk(op.kiosk), self.pool[op.guest]
        if guest.id not in self.model.erased:
            forget_guest(kiosk.store, guest.id)
            self.model.erased.add(guest.id)


def converged_dump(kiosks: list[Kiosk], tables: dict[str, tuple[str, ...]]) -> dict[str, list[tuple]]:
    """The first kiosk's dump of `tables`, once every other kiosk is seen to hold the same journal and,
    table by table, the same rows (the differing ones named)."""
    first = kiosks[0]
    first_dump = dump(first.store, tables)
    for kiosk in kiosks[1:]:
        assert journal_rows(kiosk.store) == journal_rows(first.store), f"{kiosk.name} holds another journal"
        data = dump(kiosk.store, tables)
        for table, columns in tables.items():
            assert data[table] == first_dump[table], f"{kiosk.name} vs {first.name}: " + table_diff(
                table, data[table], first_dump[table], columns=columns)
    return first_dump


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


def table_diff(table: str, mine: list[tuple], theirs: list[tuple], limit: int = 6,
               columns: tuple[str, ...] | None = None) -> str:
    """The rows only one side holds, column by column, for an assertion message."""
    columns = columns or DUMPED[table]
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
