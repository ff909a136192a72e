"""Helpers for bulk work (imports, sync of a million changes) that runs beside the door."""

from __future__ import annotations

import gc
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

# While bulk work runs, the interpreter hands the GIL on every 0.5 ms instead of every 5 ms: a
# check-in on another thread gives it up and takes it back at each of its SQLite calls, and waited
# up to 5 ms for the bulk thread each time.
_BULK_SWITCH_SECONDS = 0.0005
_switching = threading.Lock()
_bulk_depth = 0
_switch_before = 0.005


@contextmanager
def bulk_work() -> Iterator[None]:
    """Imports and syncs run inside this: no cyclic collection, quick GIL hand-over (nestable)."""
    with gc_paused(), _quick_gil_handover():
        yield


@contextmanager
def _quick_gil_handover() -> Iterator[None]:
    global _bulk_depth, _switch_before
    with _switching:
        if _bulk_depth == 0:
            _switch_before = sys.getswitchinterval()
            sys.setswitchinterval(_BULK_SWITCH_SECONDS)
        _bulk_depth += 1
    try:
        yield
    finally:
        with _switching:
            _bulk_depth -= 1
            if _bulk_depth == 0:
                sys.setswitchinterval(_switch_before)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Bulk work makes hundreds of thousands of short-lived objects and no reference cycles,
    and the cyclic collector would walk all of them again and again (3 s of a 100,000-guest import)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
