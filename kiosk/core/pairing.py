"""Contact-exchange mode: two badges scanned one after the other within a time window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

PAIRING_WINDOW = timedelta(seconds=45)


@dataclass
class ContactPairing:
    window: timedelta = PAIRING_WINDOW
    _first: tuple[str, datetime] | None = field(default=None, repr=False)

    def scan(self, code: str, now: datetime) -> tuple[str, str] | None:
        """The pair of codes once the second badge arrives in time; None while waiting."""
        if self._first is not None and now - self._first[1] <= self.window:
            first_code = self._first[0]
            self._first = None
            return first_code, code
        self._first = (code, now)
        return None

    def waiting(self, now: datetime) -> bool:
        return self._first is not None and now - self._first[1] <= self.window

    def seconds_left(self, now: datetime) -> int:
        if not self.waiting(now):
            return 0
        return max(0, int((self._first[1] + self.window - now).total_seconds()))

    def cancel(self) -> None:
        self._first = None
