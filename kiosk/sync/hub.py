"""Transport 1: a PostgreSQL hub (the organiser's server) that every kiosk pushes to and pulls from.

The hub keeps every kiosk's change journal in one table, `change_row`: the kiosk's own
journal model bound to PostgreSQL for the length of one sync (kiosk.storage.hub_tables).

The hub is a blind relay: each row's kind and payload are sealed with the event's key
(kiosk.sync.sealing) before they leave the kiosk; the hub sees only ids, device ids,
sequence numbers and clock stamps, which its indexes need. It stores the sealed bytes as they are
(bytea, hub format "sealed/2"), sent by COPY in PostgreSQL's binary format: base64 text
("sealed/1") gave the server a third more bytes to take in, which cost a quarter of a push.

A sync pushes what the hub lacks, then pulls what this kiosk lacks, in batches; each
batch is one transaction and may be sent twice (the hub ignores rows it holds, the kiosk
ignores changes it holds). A sync cut short leaves whole batches on both sides, in order,
so the next sync simply continues.
"""

from __future__ import annotations

import io
import re
import struct
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

from .sealing import Sealer, SealError
from .service import SLICE_CHANGES, sealer as event_sealer

HUB_PEERS = "hub:"
CONNECT_TIMEOUT = 5  # seconds; the DSN may set its own connect_timeout
STATEMENT_TIMEOUT_MS = 120_000  # no single statement of a sync may wait longer than this
_SCHEMA_LOCK = 0x6B696F736B  # advisory lock id: two kiosks creating the schema at once
HUB_FORMAT = "sealed/2"  # payload: the sealed bytes (bytea)
_BASE64_FORMAT = "sealed/1"  # payload: "v1:" and the same sealed bytes in base64 (text); converted on sight
_COLUMNS = "id, origin, seq, stamp, kind, payload"
_COPY_IN = f"COPY {{table}} ({_COLUMNS}) FROM STDIN (FORMAT binary)"
_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # signature, no flags, no header extension
_COPY_TRAILER = b"\xff\xff"
_LOGIN_REFUSED = re.compile(r"authentication failed|no pg_hba\.conf entry|password|role .* does not exist")

_LOOSE_VECTOR = """
WITH RECURSIVE origins(origin) AS (
    SELECT min(origin) FROM {table}
    UNION ALL
    SELECT (SELECT min(origin) FROM {table} WHERE origin > origins.origin) FROM origins WHERE origin IS NOT NULL)
SELECT origin, (SELECT max(seq) FROM {table} WHERE {table}.origin = origins.origin) FROM origins
WHERE origin IS NOT NULL
"""

# (id, origin, seq, stamp, kind, payload): a journal row (payload: JSON text) or a hub row (sealed bytes)
Row = tuple


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
    params["options"] = (f"{params.get('options', '')} -c statement_timeout={STATEMENT_TIMEOUT_MS} "
                         "-c bytea_output=hex").strip()  # what _bytea reads
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
            psycopg2.extensions.register_type(_BYTEA, tables.db.connection())
        try:
            with _hub_errors(peer):
                yield cls(tables, peer)
        finally:
            tables.db.close()

    def prepare(self, event_id: str) -> None:
        """Create the schema on first use, or convert an older version's; refuse a hub that holds
        another event, or unsealed changes."""
        where = self.peer[len(HUB_PEERS):]
        if {self.Change._meta.table_name, self.Info._meta.table_name} - set(self.db.get_tables()):
            with self.db.atomic():
                self.db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                self.db.create_tables([self.Change, self.Info], safe=True)
        if self._format() != HUB_FORMAT:
            self._convert(where)
        self.Info.insert(key="event_id", value=event_id).on_conflict_ignore().execute()
        held = self.Info.select(self.Info.value).where(self.Info.key == "event_id").scalar()
        if held != event_id:
            raise HubUnavailable(f"the hub {where} holds another event's data "
                                 "(give every event its own hub database)")

    def _format(self) -> str | None:
        return self.Info.select(self.Info.value).where(self.Info.key == "format").scalar()

    def _convert(self, where: str) -> None:
        """Bring a new hub, one left empty by an older version, or a "sealed/1" hub to HUB_FORMAT in one
        transaction; refuse one with unsealed changes of a version before sealing.

        "sealed/1" held the same sealed bytes as base64 text: the server turns them back into bytes
        itself, without the key, and every sealed row still opens only where it was sealed."""
        table = self.Change._meta.table_name
        with self.db.atomic():
            self.db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            held = self._format()  # again, under the lock: another kiosk may have converted it meanwhile
            if held == HUB_FORMAT:
                return
            if held != _BASE64_FORMAT and self.Change.select().exists():
                raise HubUnavailable(f"the hub {where} holds unencrypted changes from an older kiosk version "
                                     "(give the event a new, empty hub database); nothing was sent")
            if self._payload_type() != "bytea":
                try:
                    self.db.execute_sql(f"ALTER TABLE {table} ALTER COLUMN payload TYPE bytea "
                                        "USING decode(substr(payload, 4), 'base64')")
                except Exception as error:
                    if not isinstance(_original(error), psycopg2.DataError):
                        raise
                    raise HubUnavailable(f"the hub {where} holds changes of format {held} that cannot be "
                                         f"converted ({_reason(error)}); nothing was sent") from None
            self.Info.insert(key="format", value=HUB_FORMAT).on_conflict(
                conflict_target=[self.Info.key], update={self.Info.value: HUB_FORMAT}).execute()

    def _payload_type(self) -> str:
        return self.db.execute_sql(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s AND column_name = 'payload'", (self.Change._meta.table_name,)).fetchone()[0]

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
        """Store hub rows (payload: bytes) in one transaction, leaving alone rows the hub holds; returns
        how many were new."""
        return self.push_copy(copy_data(rows), len(rows))

    def push_copy(self, data: bytes, count: int) -> int:
        """push() for `count` rows already in COPY's binary format."""
        table = self.Change._meta.table_name
        with self.db.atomic():
            cursor = self.db.cursor()
            try:
                with self.db.atomic():  # a savepoint: the common case, none of the rows is there yet
                    _copy_in(cursor, table, data)
                    return count
            except psycopg2.errors.UniqueViolation:
                pass  # sent before, or by another kiosk at the same time: merge row by row
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS incoming (LIKE {table}) ON COMMIT DELETE ROWS")
            _copy_in(cursor, "incoming", data)
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


def _bytea(value: str | None, cursor) -> bytes | None:
    """bytea as bytes, not psycopg2's memoryview: hub rows compare like the rows that were pushed, and
    bytes.fromhex is quicker than psycopg2's own decoding."""
    return None if value is None else bytes.fromhex(value[2:])  # hex output: \x0a1b...


_BYTEA = psycopg2.extensions.new_type((17,), "BYTEA_AS_BYTES", _bytea)  # 17: bytea's type oid


def _copy_in(cursor, table: str, data: bytes) -> None:
    """One batch handed to the driver in one piece: it sends it with the GIL let go throughout, where
    smaller pieces each waited for the GIL from the sealing worker."""
    cursor.copy_expert(_COPY_IN.format(table=table), io.BytesIO(data), size=len(data))


def copy_data(rows: list[Row]) -> bytes:
    """Hub rows (payload: bytes) in COPY's binary format: per row the number of fields, then each field's
    length and bytes (seq as a 4-byte integer); no escapes, the payload's bytes as they are.
    The fixed part of a row packs with one struct per set of field lengths: a journal's rows share theirs."""
    parts, heads = [_COPY_HEADER], {}
    append = parts.append
    for change_id, origin, seq, stamp, kind, payload in rows:
        c, o, s, k = change_id.encode(), origin.encode(), stamp.encode(), kind.encode()
        lengths = (len(c), len(o), len(s), len(k))
        pack = heads.get(lengths)
        if pack is None:
            pack = heads[lengths] = struct.Struct(">hi%dsi%dsiii%dsi%dsi" % lengths).pack
        append(pack(6, lengths[0], c, lengths[1], o, 4, seq, lengths[2], s, lengths[3], k, len(payload)))
        append(payload)
    append(_COPY_TRAILER)
    return b"".join(parts)


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
    of its own, so the encryption costs little more than the waiting that was there anyway. It runs as
    bulk work (as the pull does): no cyclic collection among the rows, and the thread that waited on the
    hub, or a check-in beside the sync, takes the GIL back from the sealing worker within 0.5 ms.
    """
    held = hub.vector()
    local = store.journal.vector()
    _check_own_changes(store, hub, held, local)
    sent, pushed = dict(held), 0
    with bulk_work(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="seal") as sealing:
        waiting = None
        while True:
            rows = _local_rows(store, local, sent, batch_size)
            for _, origin, seq, *_rest in rows:  # rows come in (origin, seq) order
                sent[origin] = seq
            ready, waiting = waiting, sealing.submit(_sealed, seal, rows) if rows else None
            if ready is not None:
                pushed += hub.push_copy(*ready.result())
            if waiting is None:
                return pushed, sent


def _sealed(seal: Sealer, rows: list[Row]) -> tuple[bytes, int]:
    """The rows sealed, as COPY data, and how many."""
    return copy_data(seal.seal_rows(rows)), len(rows)


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
