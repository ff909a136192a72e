"""Background sync with the hub: plain Python the kiosk's UI can drive and poll (no Qt here).

    syncer = HubSyncer(lambda: app_store, dsn, interval_seconds=180)
    syncer.run_if_due()       # from a timer, on a worker thread: never blocks the screen
    syncer.state()            # a snapshot for staff mode: last sync, last error, changes waiting

In the UI, pass a factory that returns the application's own Store: a second Store for the
same file would write beside the UI's own instead of through it. A path is for scripts and tests.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Callable, Union

from kiosk.core.model import utc_now
from kiosk.storage import NotEnrolled, ReplicaCollision, Store

from .hub import HubResult, HubUnavailable, hub_peer, sync_with_hub

log = logging.getLogger(__name__)

StoreSource = Union[Store, str, Path, Callable[[], Store]]


@dataclass(frozen=True)
class HubSyncState:
    peer: str
    running: bool = False
    last_sync: datetime | None = None  # the last sync that went through
    last_attempt: datetime | None = None
    last_error: str | None = None  # why the last attempt failed; None after a good one
    last_result: HubResult | None = None
    pending: int | None = None  # changes the hub has not confirmed (None: not counted yet)
    refused: bool = False  # the last attempt found two databases writing as one replica: staff must act

    def as_json(self) -> dict:
        return {"hub": self.peer, "running": self.running,
                "last_sync": self.last_sync.isoformat() if self.last_sync else None,
                "last_attempt": self.last_attempt.isoformat() if self.last_attempt else None,
                "last_error": self.last_error, "pending": self.pending, "refused": self.refused,
                "last_result": self.last_result.as_json() if self.last_result else None}


class HubSyncer:
    def __init__(self, store: StoreSource, dsn: str, interval_seconds: float = 180,
                 sync: Callable[[Store, str], HubResult] = sync_with_hub,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.dsn = dsn
        self.interval = interval_seconds
        self._source = store
        self._sync = sync
        self._monotonic = monotonic
        self._lock = threading.Lock()  # guards _state
        self._running = threading.Lock()  # one sync at a time
        self._next_due = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state = HubSyncState(peer=self._peer(dsn))

    @staticmethod
    def _peer(dsn: str) -> str:
        try:
            return hub_peer(dsn)
        except HubUnavailable:
            return "hub:?"

    # -- polling ----------------------------------------------------------------------------------
    def state(self) -> HubSyncState:
        with self._lock:
            return self._state

    def _update(self, **changes) -> None:
        with self._lock:
            self._state = replace(self._state, **changes)

    def due(self) -> bool:
        return self._monotonic() >= self._next_due

    # -- syncing ----------------------------------------------------------------------------------
    def run_once(self) -> HubResult | str:
        """Sync now; the result, or the reason it failed as text (a sync already running is a reason)."""
        if not self._running.acquire(blocking=False):
            return "a sync with the hub is already running"
        try:
            self._update(running=True, last_attempt=utc_now())
            outcome = self._attempt()
            self._next_due = self._monotonic() + self.interval
            return outcome
        finally:
            self._update(running=False)
            self._running.release()

    def run_if_due(self) -> HubResult | str | None:
        return self.run_once() if self.due() else None

    def _attempt(self) -> HubResult | str:
        store, opened = self._open()
        try:
            try:
                result = self._sync(store, self.dsn)
            except (HubUnavailable, NotEnrolled) as error:
                self._update(last_error=str(error), refused=False, pending=self._pending(store))
                return str(error)
            except ReplicaCollision as error:
                log.error("sync refused: replica %s, change %s made twice", error.origin, error.seq)
                self._update(last_error=str(error), refused=True, pending=self._pending(store))
                return str(error)
            except Exception as error:  # a background sync must report, never die silently
                log.exception("sync with the hub failed")
                self._update(last_error=f"sync failed: {error}", pending=self._pending(store))
                return f"sync failed: {error}"
            pending = self._pending(store)
            self._update(last_sync=utc_now(), last_error=None, refused=False, last_result=result, pending=pending)
            return result
        finally:
            if opened:
                store.close()

    def _open(self) -> tuple[Store, bool]:
        source = self._source
        if isinstance(source, Store):
            return source, False
        if isinstance(source, (str, Path)):
            return Store.open(source), True
        return source(), False

    def _pending(self, store: Store) -> int | None:
        try:
            return store.journal.pending_count(self.state().peer)
        except Exception:  # counting is a courtesy; the database may be busy
            log.exception("could not count the changes waiting for the hub")
            return None

    def refresh_pending(self) -> int | None:
        """Recount the changes waiting (e.g. after check-ins) without syncing."""
        store, opened = self._open()
        try:
            pending = self._pending(store)
        finally:
            if opened:
                store.close()
        self._update(pending=pending)
        return pending

    # -- an optional thread of its own ---------------------------------------------------------------
    def start(self) -> threading.Thread:
        """Sync every `interval_seconds` on a daemon thread until stop()."""
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="hub-sync", daemon=True)
            self._thread.start()
        return self._thread

    def stop(self, timeout: float | None = 10) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_if_due()
            self._stop.wait(max(0.05, min(self.interval, self._next_due - self._monotonic())))
