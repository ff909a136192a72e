"""Helpers for bulk work (imports, sync of a million changes)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


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
