"""The change journal: every change to synced data is recorded, then applied.

Local edits and changes received from other kiosks take the same path through
`applying.apply_changes`, so every kiosk computes its data the same way.
"""

from __future__ import annotations

import json
import logging
import threading
from contextlib import contextmanager
from itertools import islice
from typing import Iterable, Iterator

import orjson
from peewee import fn

from kiosk.core.hlc import HybridClock, Stamp
from kiosk.core.model import Change, new_id

from .applying import apply_changes, known_kinds
from .replica import refuse_collisions

log = logging.getLogger(__name__)

# A walk along the (origin, seq) key, one step per origin: GROUP BY would read the whole journal
# (half a second at a million changes), and ingest asks for the vector once per batch.
_VECTOR = """
WITH RECURSIVE origins(origin) AS (
    SELECT MIN(origin) FROM change_row
    UNION ALL
    SELECT (SELECT MIN(origin) FROM change_row WHERE origin > origins.origin) FROM origins
    WHERE origins.origin IS NOT NULL)
SELECT origin, (SELECT MAX(seq) FROM change_row c WHERE c.origin = origins.origin) FROM origins
WHERE origin IS NOT NULL
"""


RECORD_BATCH = 5000
_LAST_SEQ = "SELECT MAX(seq) FROM change_row WHERE origin = ?"
_INSERT = "INSERT INTO change_row (id, origin, seq, stamp, kind, payload) VALUES (?, ?, ?, ?, ?, ?)"
_HOLD = "INSERT INTO held_change_row (origin, seq) VALUES (?, ?)"
_HELD_AND_KNOWN = """
SELECT c.id, c.origin, c.seq, c.stamp, c.kind, c.payload FROM held_change_row AS h
JOIN change_row AS c ON c.origin = h.origin AND c.seq = h.seq
WHERE c.kind IN (SELECT value FROM json_each(?)) ORDER BY h.origin, h.seq
"""


def encode_payload(payload: dict) -> str:
    """Compact JSON, non-ASCII as it is (what json.dumps(ensure_ascii=False, separators=(',', ':'))
    writes, nine times faster: a bundle of a million changes is mostly this)."""
    return orjson.dumps(payload).decode()


decode_payload = orjson.loads


def _to_change(row: tuple) -> Change:
    change_id, origin, seq, stamp, kind, payload = row
    return Change(change_id, origin, seq, stamp, kind, decode_payload(payload), payload)


def _contiguous(changes: Iterable[Change], known: dict[str, int]) -> list[Change]:
    """The changes that continue each origin's sequence without a gap (a gap would hide a change for good)."""
    next_seq = {origin: seq + 1 for origin, seq in known.items()}
    fresh = []
    for change in sorted(changes, key=lambda c: (c.origin, c.seq)):
        expected = next_seq.get(change.origin, 1)
        if change.seq == expected:
            fresh.append(change)
            next_seq[change.origin] = expected + 1
    return fresh


@contextmanager
def _references_trusted(db) -> Iterator[None]:
    """No foreign-key checks while received changes are applied: the appliers give every guest a
    check-in or contact names a row first (a placeholder until their data comes), so each reference
    holds by construction, and the checks cost a fifth of a million-change import. The sync tests
    run PRAGMA foreign_key_check after every merge. (The pragma is ignored inside a transaction.)"""
    if db.in_transaction():
        yield
        return
    db.execute_sql("PRAGMA foreign_keys = 0")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA foreign_keys = 1")


class Journal:
    def __init__(self, store) -> None:
        self.store = store
        self.device = store.device_id
        self._clock_lock = threading.Lock()
        changes = store.tables.ChangeRow
        latest = changes.select(fn.MAX(changes.stamp)).scalar()
        self.clock = HybridClock(self.device, Stamp.decode(latest) if latest else None)

    def record(self, kind: str, payload: dict) -> Change:
        _, (change,) = self._record(kind, [payload])
        return change

    def record_many(self, kind: str, payloads: Iterable[dict]) -> int:
        """Journal and apply changes made on this kiosk, in the caller's transaction; returns how many."""
        recorded, _ = self._record(kind, payloads)
        return recorded

    def _record(self, kind: str, payloads: Iterable[dict]) -> tuple[int, list[Change]]:
        """A batch at a time (a 100,000-guest import never holds 100,000 changes at once);
        returns how many were recorded, and the last batch."""
        recorded, batch, payloads = 0, [], iter(payloads)
        with self.store.atomic():
            while chunk := list(islice(payloads, RECORD_BATCH)):
                batch = self._record_batch(kind, chunk)
                recorded += len(batch)
        self.store.checkpoints.request()
        return recorded, batch

    def _record_batch(self, kind: str, payloads: list[dict]) -> list[Change]:
        # Numbered from what the database holds, never from a counter in memory: a transaction
        # rolled back later takes its numbers with it, and a gap would hold back every later
        # change of this kiosk on all the others.
        last = self.store.db.execute_sql(_LAST_SEQ, (self.device,)).fetchone()[0] or 0
        with self._clock_lock:
            stamps = self.clock.now_many(len(payloads))
        changes = [Change(new_id(), self.device, seq, stamp, kind, payload, encode_payload(payload))
                   for seq, (stamp, payload) in enumerate(zip(stamps, payloads), start=last + 1)]
        self._insert(changes, _INSERT)
        if unknown := apply_changes(self.store, changes):
            raise ValueError(f"unknown change kinds: {sorted({c.kind for c in unknown})}")
        return changes

    def ingest(self, changes: list[Change]) -> int:
        """Take changes from another kiosk or the hub: new ones are journaled and applied, known ones skipped.

        Raises ReplicaCollision, storing nothing, if they show two databases writing as one replica.
        Changes of a kind this version does not know are journaled (and passed on) but held, not applied.
        Edits of a guest erased here are journaled without the person's data (guest_applier.apply_guests).
        """
        with _references_trusted(self.store.db), self.store.atomic():
            have = self.vector()  # under the write lock: no other writer in between
            refuse_collisions(self.store.db, self.device, changes, have)
            fresh = _contiguous(changes, have)
            if fresh:
                with self._clock_lock:
                    self.clock.observe(Stamp.decode(max(c.stamp for c in fresh)))  # stamps sort as text
            self._insert(fresh, _INSERT)
            self._hold(apply_changes(self.store, fresh))
        self.store.checkpoints.request()
        return len(fresh)

    def _hold(self, changes: list[Change]) -> None:
        if changes:
            self.store.db.cursor().executemany(_HOLD, [(c.origin, c.seq) for c in changes])
            log.info("holding %d received changes of kinds this version does not know (%s) until it is "
                     "updated", len(changes), ", ".join(sorted({c.kind for c in changes})))

    def apply_held(self) -> int:
        """Apply the held changes whose kind this version knows now (it was updated), in journal order,
        each once; returns how many."""
        db = self.store.db
        if db.execute_sql("SELECT 1 FROM held_change_row LIMIT 1").fetchone() is None:
            return 0  # the common case: no write lock taken on opening
        with _references_trusted(db), self.store.atomic():  # read under the lock: applied by one process only
            rows = db.execute_sql(_HELD_AND_KNOWN, (json.dumps(known_kinds()),)).fetchall()
            changes = [_to_change(row) for row in rows]
            apply_changes(self.store, changes)
            db.cursor().executemany("DELETE FROM held_change_row WHERE origin = ? AND seq = ?",
                                    [(c.origin, c.seq) for c in changes])
        if changes:
            log.info("applied %d held changes of kinds this version knows now", len(changes))
        return len(changes)

    def ingest_rows(self, rows: list[tuple]) -> int:
        """ingest() for journal rows as another database holds them (payload as JSON text)."""
        return self.ingest([_to_change(row) for row in rows])

    def _insert(self, changes: list[Change], sql: str) -> None:
        rows = [(c.id, c.origin, c.seq, c.stamp, c.kind, c.payload_text or encode_payload(c.payload)) for c in changes]
        self.store.db.cursor().executemany(sql, rows)

    def vector(self) -> dict[str, int]:
        """The highest sequence held from every origin."""
        return dict(self.store.db.execute_sql(_VECTOR).fetchall())

    def changes_since(self, vector: dict[str, int], limit: int | None = None) -> list[Change]:
        """Changes the holder of `vector` lacks, in (origin, seq) order so a batch can resume where it stopped."""
        rows = self.rows_between(vector, self.vector(), page=limit or 10_000)
        return [_to_change(row) for row in islice(rows, limit)]

    def rows_between(self, have: dict[str, int], upto: dict[str, int], page: int = 10_000) -> Iterator[tuple]:
        """Raw journal rows (id, origin, seq, stamp, kind, payload text) the holder of `have` lacks, up to
        `upto`, in (origin, seq) order and a page at a time: a million rows never sit in memory at once."""
        for origin, newest in sorted(upto.items()):
            after = have.get(origin, 0)
            while after < newest:
                rows = self.store.db.execute_sql(
                    "SELECT id, origin, seq, stamp, kind, payload FROM change_row "
                    "WHERE origin = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                    (origin, after, newest, page)).fetchall()
                if not rows:
                    break
                yield from rows
                after = rows[-1][2]

    def count_between(self, have: dict[str, int], upto: dict[str, int]) -> int:
        return sum(self.store.db.execute_sql(
            "SELECT count(*) FROM change_row WHERE origin = ? AND seq > ? AND seq <= ?",
            (origin, have.get(origin, 0), newest)).fetchone()[0] for origin, newest in upto.items())

    def pending_count(self, peer: str) -> int:
        """Changes a peer has not confirmed yet."""
        known = self.peer_vector(peer)
        return sum(max(0, newest - known.get(origin, 0)) for origin, newest in self.vector().items())

    def change_id(self, origin: str, seq: int) -> str | None:
        """The id of the change numbered `seq` from `origin`, if this kiosk holds it."""
        row = self.store.db.execute_sql("SELECT id FROM change_row WHERE origin = ? AND seq = ?",
                                        (origin, seq)).fetchone()
        return row[0] if row else None

    def peer_vector(self, peer: str) -> dict[str, int]:
        peers = self.store.tables.SyncPeerRow
        return dict(peers.select(peers.origin, peers.seq).where(peers.peer == peer).tuples())

    def confirm(self, peer: str, vector: dict[str, int]) -> None:
        """Remember what a peer holds (only ever upwards)."""
        known = self.peer_vector(peer)
        rows = [{"peer": peer, "origin": o, "seq": s} for o, s in vector.items() if s > known.get(o, 0)]
        if rows:
            self.store.tables.SyncPeerRow.insert_many(rows).on_conflict_replace().execute()
