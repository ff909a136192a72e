"""Test helpers used across areas (tests/ is on sys.path through tests/conftest.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta


class FixedClock:
    """A wall clock (aware UTC) for the front desk: it stands still until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now

    def advance(self, **delta: float) -> datetime:
        self.now = self.now + timedelta(**delta)
        return self.now


@dataclass
class Result:
    """What a `kiosk` command run in-process returned and printed."""

    code: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)
