"""Many badges in a row (for the pick-up table): one print job each, so every badge is tracked and
retried like any other, with progress after each badge and a stop between two badges."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk.core.model import PrintStatus

Progress = Callable[[int, int], None]  # (badges handled, badges in the batch)
FAILING_PRINTER = 3  # this many failures in a row: the printer is off or out of paper, stop asking it


@dataclass(frozen=True)
class BatchResult:
    total: int
    printed: int
    failed: int
    cancelled: bool = False  # staff stopped it
    gave_up: bool = False  # the printer failed FAILING_PRINTER times in a row

    @property
    def summary(self) -> str:
        """The staff log's detail: numbers and flags only, no names."""
        flags = "".join(f" {flag}" for flag, on in (("cancelled", self.cancelled), ("gave_up", self.gave_up))
                        if on)
        return f"printed={self.printed} failed={self.failed} total={self.total}{flags}"


def print_batch(queue, guest_ids: Sequence[str], progress: Progress | None = None,
                cancel: threading.Event | None = None) -> BatchResult:
    """Print each guest's badge through `queue` in the order given."""
    printed = failed = in_a_row = 0
    for handled, guest_id in enumerate(guest_ids):
        if cancel is not None and cancel.is_set():
            return BatchResult(len(guest_ids), printed, failed, cancelled=True)
        if in_a_row == FAILING_PRINTER:
            return BatchResult(len(guest_ids), printed, failed, gave_up=True)
        ok = queue.print_badge(guest_id).status == PrintStatus.DONE
        printed, failed, in_a_row = printed + ok, failed + (not ok), 0 if ok else in_a_row + 1
        if progress is not None:
            progress(handled + 1, len(guest_ids))
    return BatchResult(len(guest_ids), printed, failed)
