"""One writer per database in this process, and the door goes first.

SQLite lets one connection write at a time; the kiosk writes from several threads (the UI's
tasks, the printer, the hub sync, an import). Left to SQLite, a writer that finds the lock
taken sleeps in steps of up to 100 ms and tries again (`busy_timeout`), so a check-in could
wait out a whole import, and a short writer could keep missing the moment between two slices
of a bulk job. Here the writers of one database queue at a gate instead:

- interactive writes (check-ins, contacts, print jobs, anything that is not bulk work) take
  the gate as soon as it is free;
- bulk work (imports, sync) writes in slices of a few hundred rows (well under 100 ms each). Its
  transaction stays open from slice to slice, and after a slice it commits and lets go of the
  gate if an interactive writer waits (or every COMMIT_AFTER_SECONDS); it takes the gate again
  only when none waits. A check-in waits for the rest of one slice and one commit.

BEGIN IMMEDIATE stays underneath, for other processes (the `kiosk` command beside the kiosk).
"""

from __future__ import annotations

import re
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from peewee import SqliteDatabase

# A bulk transaction commits after this long even with nobody waiting: a commit writes every page
# changed since the last one, and a writer that comes later must not wait for seconds of them.
COMMIT_AFTER_SECONDS = 0.25

# Statements that take SQLite's write lock when run outside a transaction (print jobs, the audit log).
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class WriteGate:
    """Lets one thread at a time write; a waiting interactive writer goes before the next bulk slice.

    Re-entrant: a thread that holds the gate passes again (nested transactions, savepoints).
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._holder: int | None = None
        self._depth = 0
        self._interactive_waiting = 0
        self._mode = threading.local()  # per thread: bulk work or not

    @property
    def interactive_waiting(self) -> int:
        """How many interactive writers wait for the gate now."""
        with self._changed:
            return self._interactive_waiting

    def in_bulk_work(self) -> bool:
        return getattr(self._mode, "bulk", False)

    @contextmanager
    def bulk_work(self) -> Iterator[None]:
        """Within this block the thread's transactions are bulk slices."""
        before = self.in_bulk_work()
        self._mode.bulk = True
        try:
            yield
        finally:
            self._mode.bulk = before

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the gate: as a bulk slice in bulk work, else as an interactive writer."""
        self.enter(self.in_bulk_work())
        try:
            yield
        finally:
            self.leave()

    def enter(self, bulk: bool) -> None:
        me = threading.get_ident()
        with self._changed:
            if self._holder == me:
                self._depth += 1
                return
            if bulk:
                self._changed.wait_for(lambda: self._holder is None and not self._interactive_waiting)
            else:
                self._wait_interactive()
            self._holder, self._depth = me, 1

    def _wait_interactive(self) -> None:
        self._interactive_waiting += 1
        try:
            # Counted as waiting until the gate is ours: no bulk slice slips in between.
            self._changed.wait_for(lambda: self._holder is None)
        finally:
            self._interactive_waiting -= 1
            self._changed.notify_all()  # one that gave up (an exception) must not hold bulk work back

    def leave(self) -> None:
        with self._changed:
            self._depth -= 1
            if self._depth == 0:
                self._holder = None
                self._changed.notify_all()


class WriterDatabase(SqliteDatabase):
    """SQLite whose writers in this process pass one WriteGate: transactions through `writing()`,
    single statements outside a transaction (a print job's status, an audit line) on their own.

    Bulk work keeps its transaction open across slices, committing when an interactive writer
    waits, every COMMIT_AFTER_SECONDS and at the end: a commit per slice would write the pages
    that every slice touches again (a 100,000-guest import wrote 900 MB of log instead of 125 MB
    and took 1.8 times as long)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gate = WriteGate()
        self._bulk = threading.local()  # this thread's bulk transaction while one is open

    def execute_sql(self, sql, params=None):
        if self.in_transaction() or not _WRITES.match(sql):
            return super().execute_sql(sql, params)
        with self.gate.held():
            return super().execute_sql(sql, params)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """A write transaction; nested, a savepoint. It takes the write lock before its first read
        (BEGIN IMMEDIATE): one that read first and found another process writing would have to
        fail once that writer commits, its snapshot stale. In bulk work: a slice."""
        if not self.gate.in_bulk_work():
            with self.gate.held(), self.atomic("IMMEDIATE"):
                yield
        elif self.in_transaction() and not self._at_slice_boundary():
            with self.gate.held(), self.atomic():  # within a slice, or bulk work inside a transaction
                yield
        else:
            with self._slice():
                yield

    @contextmanager
    def bulk_work(self) -> Iterator[None]:
        """The outermost writing() blocks of this thread are slices of one bulk transaction until the end."""
        if self.gate.in_bulk_work():
            yield
            return
        self._bulk.foreign_keys = self.execute_sql("PRAGMA foreign_keys").fetchone()[0]
        with self.gate.bulk_work():
            try:
                yield
            finally:
                # Completed slices stay, also when the work stops with an error between two of them,
                # as they did when each slice was a transaction of its own.
                self._end_bulk_transaction()

    def _open_bulk_transaction(self):
        return getattr(self._bulk, "transaction", None)

    def _at_slice_boundary(self) -> bool:
        return self._open_bulk_transaction() is not None and not getattr(self._bulk, "in_slice", False)

    @contextmanager
    def _slice(self) -> Iterator[None]:
        self._give_way()  # to a writer that came while this thread worked between slices
        if self._open_bulk_transaction() is None:
            self._begin_bulk_transaction()
        self._bulk.in_slice = True
        try:
            yield
        except BaseException:
            # No savepoint to take back just this slice: its journal would copy every page the slice
            # touches once more. What the work did since the last commit goes too (at most
            # COMMIT_AFTER_SECONDS of it, as after a power cut); running it again completes it.
            self._end_bulk_transaction(commit=False)
            raise
        finally:
            self._bulk.in_slice = False
        self._give_way()

    def _give_way(self) -> None:
        if self._open_bulk_transaction() is None:
            return
        if self.gate.interactive_waiting or time.monotonic() - self._bulk.began > COMMIT_AFTER_SECONDS:
            self._end_bulk_transaction()

    def _begin_bulk_transaction(self) -> None:
        self.gate.enter(bulk=True)
        try:
            transaction = self.transaction("IMMEDIATE")
            transaction.__enter__()
        except BaseException:
            self.gate.leave()
            raise
        self._bulk.transaction, self._bulk.began = transaction, time.monotonic()

    def _end_bulk_transaction(self, commit: bool = True) -> None:
        transaction, self._bulk.transaction = self._open_bulk_transaction(), None
        if transaction is None:
            return
        try:
            transaction.__exit__(None if commit else BaseException, None, None)  # commit, or roll back
        finally:
            self.gate.leave()
            # SQLite ignores `PRAGMA foreign_keys` inside a transaction: a slice that switched the
            # checks off around itself (journal ingest) could not switch them on again while this
            # transaction stayed open.
            self.execute_sql(f"PRAGMA foreign_keys = {int(self._bulk.foreign_keys)}")
