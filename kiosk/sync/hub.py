"""Transport 1: a PostgreSQL hub (the organiser's server) that every kiosk pushes to and pulls from.

The hub keeps every kiosk's change journal in one table, `change_row`: the kiosk's own
journal model bound to PostgreSQL for the length of one sync (kiosk.storage.hub_tables).

The hub is a blind relay: each row's kind and payload are sealed with the event's key
(kiosk.sync.sealing) before they leave the kiosk; the hub sees only ids, device ids,
sequence numbers and clock stamps, which its indexes need.

A sync pushes what the hub lacks, then pulls what this kiosk lacks, in batches; each
batch is one transaction and may be sent twice (the hub ignores rows it holds, the kiosk
ignores changes it holds). A sync cut short leaves whole batches on both sides, in order,
so the next sync simply continues.
"""

from __future__ import annotations

import io
import re
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Iterator
from urllib.parse import quote

import psycopg2
import psycopg2.errors
import psycopg2.extensions

from kiosk.bulk import bulk_work
from kiosk.core.model import utc_now
from kiosk.storage import ReplicaCollision, Store
from kiosk.storage.hub_tables import HubTables, hub_tables
from kiosk.storage.replica import SAME_NUMBER

from .sealing import SEALED_KIND, Sealer, SealError
from .service import SLICE_CHANGES, sealer as event_sealer

HUB_PEERS = "hub:"
CONNECT_TIMEOUT = 5  # seconds; the DSN may set its own connect_timeout
STATEMENT_TIMEOUT_MS = 120_000  # no single statement of a sync may wait longer than this
_SCHEMA_LOCK = 0x6B696F736B  # advisory lock id: two kiosks creating the schema at once
HUB_FORMAT = "sealed/1"
_COPY_CHUNK = 1 << 20  # COPY data handed over a MiB at a time, not 8 KiB: fewer turns at the GIL
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COLUMNS = "id, origin, seq, stamp, kind, payload"
_LOGIN_REFUSED = re.compile(r"authentication failed|no pg_hba\.conf entry|password|role .* does not exist")

_LOOSE_VECTOR = """
WITH RECURSIVE origins(origin) AS (
    SELECT min(origin) FROM {table}
    UNION ALL
    SELECT (SELECT min(origin) FROM {table} WHERE origin > origins.origin) FROM origins WHERE origin IS NOT NULL)
SELECT origin, (SELECT max(seq) FROM {table} WHERE {table}.origin = origins.origin) FROM origins
WHERE origin IS NOT NULL
"""

Row = tuple  # (id, origin, seq, stamp, kind, payload as JSON text): a journal row, as stored on both sides


class HubUnavailable(Exception):
    """The hub cannot be used now (unreachable, login refused, or not this event's hub).

    Nothing is lost: the changes wait on the kiosk until a later sync.
    """


@dataclass(frozen=True)
class HubResult:
    pushed: int  # changes the hub did not have before
    pulled: int  # changes this kiosk did not have before
    peer: str = ""
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {"hub": self.peer, "pushed": self.pushed, "pulled": self.pulled,
                "seconds": round(self.seconds, 3)}


# -- addresses ----------------------------------------------------------------------------------
def _parse_dsn(dsn: str) -> dict[str, str]:
    try:
        return psycopg2.extensions.parse_dsn(dsn)
    except psycopg2.ProgrammingError as error:
        raise HubUnavailable(f"not a PostgreSQL address: {str(error).strip()}") from None


def hub_peer(dsn: str) -> str:
    """How the kiosk names a hub among its peers: 'hub:postgresql://user@host:port/dbname', no password."""
    params = _parse_dsn(dsn)
    user = quote(params["user"], safe="") + "@" if params.get("user") else ""
    host = quote(params.get("host", ""), safe="")
    port = f":{params['port']}" if params.get("port") else ""
    return f"{HUB_PEERS}postgresql://{user}{host}{port}/{quote(params.get('dbname', ''), safe='')}"


def _connect_params(dsn: str) -> tuple[str, dict]:
    params = _parse_dsn(dsn)
    database = params.pop("dbname", None) or params.get("user") or ""
    params.setdefault("connect_timeout", str(CONNECT_TIMEOUT))
    # A dead network must not hold a background sync for ever: TCP keepalives notice it.
    for key, value in (("keepalives", "1"), ("keepalives_idle", "10"), ("keepalives_interval", "5"),
                       ("keepalives_count", "3"), ("application_name", "fruchthalle-kiosk")):
        params.setdefault(key, value)
    params["options"] = f"{params.get('options', '')} -c statement_timeout={STATEMENT_TIMEOUT_MS}".strip()
    return database, params


def _original(error: BaseException) -> BaseException:
    """The driver's exception behind peewee's wrapper of it."""
    for inner in (error, error.__cause__, error.__context__, *error.args[:1]):
        if isinstance(inner, psycopg2.Error):
            return inner
    return error


def _reason(error: BaseException) -> str:
    text = str(_original(error)).strip()
    return text.splitlines()[0] if text else type(error).__name__


# -- the hub --------------------------------------------------------------------------------------
class Hub:
    """One open connection to a hub database."""

    def __init__(self, tables: HubTables, peer: str) -> None:
        self.db = tables.db
        self.peer = peer
        self.Change, self.Info = tables.Change, tables.Info

    @classmethod
    @contextmanager
    def connect(cls, dsn: str) -> Iterator["Hub"]:
        peer = hub_peer(dsn)
        database, params = _connect_params(dsn)
        tables = hub_tables(database, **params)
        with _hub_errors(peer):
            tables.db.connect()
        try:
            with _hub_errors(peer):
                yield cls(tables, peer)
        finally:
            tables.db.close()

    def prepare(self, event_id: str) -> None:
        """Create the schema on first use; refuse a hub that holds another event, or unsealed changes."""
        where = self.peer[len(HUB_PEERS):]
        if {self.Change._meta.table_name, self.Info._meta.table_name} - set(self.db.get_tables()):
            with self.db.atomic():
                self.db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                self.db.create_tables([self.Change, self.Info], safe=True)
        if not self.Change.select().exists():  # new, or left empty by an older version
            self.Info.insert(key="format", value=HUB_FORMAT).on_conflict_ignore().execute()
        if self.Info.select(self.Info.value).where(self.Info.key == "format").scalar() != HUB_FORMAT:
            raise HubUnavailable(f"the hub {where} holds unencrypted changes from an older kiosk version "
                                 "(give the event a new, empty hub database); nothing was sent")
        self.Info.insert(key="event_id", value=event_id).on_conflict_ignore().execute()
        held = self.Info.select(self.Info.value).where(self.Info.key == "event_id").scalar()
        if held != event_id:
            raise HubUnavailable(f"the hub {where} holds another event's data "
                                 "(give every event its own hub database)")

    def vector(self) -> dict[str, int]:
        """The highest sequence the hub holds from every origin (its rows of an origin have no gaps).

        A walk along the primary key, origin by origin: milliseconds however many changes the hub
        holds, where GROUP BY would read them all (half a second per million rows, every sync).
        """
        table = self.Change._meta.table_name
        return dict(self.db.execute_sql(_LOOSE_VECTOR.format(table=table)).fetchall())

    def change_id(self, origin: str, seq: int) -> str | None:
        return self.Change.select(self.Change.id).where(self.Change.origin == origin,
                                                        self.Change.seq == seq).scalar()

    def push(self, rows: list[Row]) -> int:
        """Store journal rows in one transaction, leaving alone rows the hub holds; returns how many were new."""
        return self.push_text(_copy_text(rows), len(rows))

    def push_text(self, text: str, count: int) -> int:
        """push() for `count` rows already in COPY's text format."""
        table = self.Change._meta.table_name
        with self.db.atomic():
            cursor = self.db.cursor()
            try:
                with self.db.atomic():  # a savepoint: the common case, none of the rows is there yet
                    cursor.copy_expert(f"COPY {table} ({_COLUMNS}) FROM STDIN", io.StringIO(text),
                                       size=_COPY_CHUNK)
                    return count
            except psycopg2.errors.UniqueViolation:
                pass  # sent before, or by another kiosk at the same time: merge row by row
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS incoming (LIKE {table}) ON COMMIT DELETE ROWS")
            cursor.copy_expert(f"COPY incoming ({_COLUMNS}) FROM STDIN", io.StringIO(text), size=_COPY_CHUNK)
            cursor.execute(f"INSERT INTO {table} ({_COLUMNS}) SELECT {_COLUMNS} FROM incoming "
                           "ON CONFLICT DO NOTHING")
            return cursor.rowcount

    def fetch(self, origin: str, after: int, limit: int) -> list[Row]:
        """An origin's rows after sequence `after`, in order.

        The hub holds each origin's sequence without gaps, so the batch is also a range of
        sequences: bounding it keeps the plan cheap even before the hub has statistics.
        """
        seq = self.Change.seq
        query = (self.Change.select(self.Change.id, self.Change.origin, seq, self.Change.stamp,
                                    self.Change.kind, self.Change.payload)
                 .where(self.Change.origin == origin, seq > after, seq <= after + limit)
                 .order_by(seq).limit(limit))
        return self.db.execute(query).fetchall()


def _copy_field(value) -> str:
    return str(value).translate(_COPY_ESCAPES)


def _copy_line(row: Row) -> str:
    """A row in COPY's text format: tab-separated, with backslash escapes where a field needs them."""
    line = "\t".join(map(str, row))
    if "\\" in line or "\n" in line or "\r" in line or line.count("\t") != len(row) - 1:
        line = "\t".join(map(_copy_field, row))  # rare: JSON escapes, or odd characters
    return line


def _copy_text(rows: list[Row]) -> str:
    lines = [_copy_line(row) for row in rows]
    lines.append("")
    return "\n".join(lines)


@contextmanager
def _hub_errors(peer: str) -> Iterator[None]:
    """Trouble with the hub's connection or rights becomes one HubUnavailable with the server's reason."""
    where = peer[len(HUB_PEERS):]
    try:
        yield
    except Exception as error:
        driver_error = _original(error)
        if isinstance(driver_error, (psycopg2.OperationalError, psycopg2.InterfaceError)):
            reason = _reason(error)
            what = "refused the login" if _LOGIN_REFUSED.search(reason) else "cannot be reached"
            raise HubUnavailable(f"the hub {where} {what}: {reason}") from None
        if isinstance(driver_error, psycopg2.errors.InsufficientPrivilege):
            raise HubUnavailable(f"the hub {where} refused: {_reason(error)}") from None
        raise


# -- the kiosk's side -----------------------------------------------------------------------------
def _local_rows(store: Store, local: dict[str, int], have: dict[str, int], limit: int) -> list[Row]:
    """Up to `limit` journal rows the holder of `have` lacks, in (origin, seq) order, as stored (no JSON)."""
    return list(islice(store.journal.rows_between(have, local, page=limit), limit))


def _check_own_changes(store: Store, hub: Hub, hub_vector: dict[str, int], local: dict[str, int]) -> None:
    """The hub's changes under this kiosk's device id must be this kiosk's.

    Where both hold a change of that sequence, it must be the same change: otherwise another
    machine works under the same id (a copied database) and pushing would lose one side's work.
    The hub may hold more of them than the kiosk (a database rebuilt here): the pull brings them back.
    """
    me = store.device_id
    both = min(hub_vector.get(me, 0), local.get(me, 0))
    if both and hub.change_id(me, both) != store.journal.change_id(me, both):
        raise ReplicaCollision(SAME_NUMBER, me, both)


def _push(store: Store, hub: Hub, seal: Sealer, batch_size: int) -> tuple[int, dict[str, int]]:
    """Send what the hub lacks; returns (new rows on the hub, what the hub holds at least).

    A worker thread seals batch n+1 while the hub takes batch n: the hub's server works in a process
    of its own, so the encryption costs little more than the waiting that was there anyway.
    """
    held = hub.vector()
    local = store.journal.vector()
    _check_own_changes(store, hub, held, local)
    sent, pushed = dict(held), 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="seal") as sealing:
        waiting = None
        while True:
            rows = _local_rows(store, local, sent, batch_size)
            for _, origin, seq, *_rest in rows:  # rows come in (origin, seq) order
                sent[origin] = seq
            ready, waiting = waiting, sealing.submit(_sealed, seal, rows) if rows else None
            if ready is not None:
                pushed += hub.push_text(*ready.result())
            if waiting is None:
                return pushed, sent


def _sealed(seal: Sealer, rows: list[Row]) -> tuple[str, int]:
    """The rows sealed, as COPY text, and how many. The sealed text needs no escapes (base64): only the
    clear columns are looked at, not the long payload."""
    lines = [f"{_copy_line((*row[:4], SEALED_KIND))}\t{text}" for row, text in zip(rows, seal.sealed_payloads(rows))]
    lines.append("")
    return "\n".join(lines), len(rows)


def _pull(store: Store, hub: Hub, seal: Sealer, batch_size: int) -> tuple[int, dict[str, int]]:
    """Take what this kiosk lacks; returns (changes applied here, what the hub is known to hold).

    Batch n+1 is fetched, and opened on a worker thread, while batch n is applied here."""
    held = hub.vector()
    local = store.journal.vector()
    pulled = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="open") as opening:
        for origin in sorted(held):  # this kiosk's own origin too: a rebuilt database takes its changes back
            after = local.get(origin, 0)
            rows = hub.fetch(origin, after, batch_size)
            opened = opening.submit(seal.open_rows, rows)
            while rows:
                following = hub.fetch(origin, rows[-1][2], batch_size)  # on the way while this batch applies
                current = _result(opened, hub)
                opened = opening.submit(seal.open_rows, following)
                applied = _ingest_in_slices(store, current)
                pulled += applied
                held[origin] = max(held[origin], rows[-1][2])
                reached = rows[-1][2] if applied == len(rows) else store.journal.vector().get(origin, 0)
                if reached <= after:
                    break  # nothing continued this origin's sequence: leave it for a later sync
                if reached != rows[-1][2]:
                    following = hub.fetch(origin, reached, batch_size)
                    opened = opening.submit(seal.open_rows, following)
                after, rows = reached, following
    return pulled, held


def _result(opened: Future, hub: Hub) -> list[Row]:
    try:
        return opened.result()
    except SealError as error:
        raise HubUnavailable(f"the hub {hub.peer[len(HUB_PEERS):]} holds a change that is not this "
                             f"event's ({error}); nothing more was taken from it") from None


def _ingest_in_slices(store: Store, rows: list[Row]) -> int:
    """Apply a fetched batch as bulk work, a slice at a time: a check-in waits for one slice at most."""
    with bulk_work(), store.bulk():
        return sum(store.journal.ingest_rows(rows[start:start + SLICE_CHANGES])
                   for start in range(0, len(rows), SLICE_CHANGES))


def sync_with_hub(store: Store, dsn: str, batch_size: int = 20_000, seal: Sealer | None = None) -> HubResult:
    """Push this kiosk's new changes to the hub and pull everyone else's.

    Raises HubUnavailable when the hub cannot be used (the changes then wait on the kiosk), and
    NotEnrolled before anything is sent when this kiosk lacks the event's key.
    """
    started = time.perf_counter()
    seal = seal or event_sealer(store)
    with Hub.connect(dsn) as hub:
        hub.prepare(seal.event_id)
        pushed, after_push = _push(store, hub, seal, batch_size)
        pulled, after_pull = _pull(store, hub, seal, batch_size)
    held = {o: max(after_push.get(o, 0), after_pull.get(o, 0)) for o in after_push.keys() | after_pull.keys()}
    store.journal.confirm(hub.peer, held)
    store.mark_synced(hub.peer, utc_now())
    return HubResult(pushed, pulled, hub.peer, time.perf_counter() - started)
