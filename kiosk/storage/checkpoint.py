"""Copying the write-ahead log into the database file, off the thread that wrote.

SQLite's automatic checkpoint runs inside the commit that fills the log past 4 MiB, so
now and then a check-in on the UI thread would wait for a copy and two fsyncs (and a
100,000-guest import for 1.2 s more). Here a thread of its own does it shortly after
writes, and closing the store does the last one.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

_SETTLE_SECONDS = 0.5  # let a burst of commits finish, then copy once


class Checkpointer:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._after_commit: dict[int, dict[str, Callable[[], bool]]] = {}  # by writer thread, by name

    def after_commit(self, name: str, action: Callable[[], bool]) -> Callable[[], bool]:
        """Run `action` on this thread at its next request(), which writers make after committing (an
        erasure wipes the log then); returns the action waiting under `name` (an earlier one stays).
        An action answering False (its transaction still open) waits for the next request."""
        with self._lock:
            return self._after_commit.setdefault(threading.get_ident(), {}).setdefault(name, action)

    def _run_after_commit(self) -> None:
        with self._lock:
            due = self._after_commit.pop(threading.get_ident(), {})
        for name, action in due.items():
            if not action():
                self.after_commit(name, action)

    def request(self) -> None:
        """Ask for a checkpoint soon (cheap: call it after every write transaction)."""
        if self._after_commit:
            self._run_after_commit()
        with self._lock:
            if self._stop.is_set():
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
                self._thread.start()
        self._wake.set()

    def close(self) -> None:
        with self._lock:
            self._stop.set()
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        connection = sqlite3.connect(self._path, timeout=5, check_same_thread=False)
        try:
            while not self._stop.is_set():
                self._wake.wait()
                self._wake.clear()  # before the stop check: a close() from now on is seen either way
                if self._stop.wait(_SETTLE_SECONDS):
                    return
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as error:  # busy or gone: the next request or the close will do it
                    log.info("checkpoint postponed: %s", error)
        finally:
            connection.close()
