"""Hybrid logical clock: wall-clock time that never runs backwards and orders every change.

Encoded as text that sorts in clock order ('0001698134400000.00000.<device>'), so
"later wins" is a string comparison and ties are broken by device id.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable


MAX_COUNTER = 99_999


@dataclass(frozen=True, order=True)
class Stamp:
    millis: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.millis:016d}.{self.counter:05d}.{self.device}"

    @classmethod
    def decode(cls, text: str) -> "Stamp":
        millis, counter, device = text.split(".", 2)
        return cls(int(millis), int(counter), device)


def wall_millis() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    def __init__(self, device: str, last: Stamp | None = None, wall: Callable[[], int] = wall_millis) -> None:
        self.device = device
        self.last = last or Stamp(0, 0, device)
        self.wall = wall

    def now(self) -> Stamp:
        """A stamp for a change made here, later than anything seen so far."""
        millis = max(self.wall(), self.last.millis)
        counter = self.last.counter + 1 if millis == self.last.millis else 0
        if counter > MAX_COUNTER:  # the text form has room for five digits: borrow the next millisecond
            millis, counter = millis + 1, 0
        self.last = Stamp(millis, counter, self.device)
        return self.last

    def now_many(self, count: int) -> list[str]:
        """`count` stamps for changes made here at once, encoded, in order: what now() would give
        called `count` times, from a single reading of the wall clock."""
        millis = max(self.wall(), self.last.millis)
        counter = self.last.counter + 1 if millis == self.last.millis else 0
        suffix = f".{self.device}"
        stamps = []
        for _ in range(count):
            if counter > MAX_COUNTER:
                millis, counter = millis + 1, 0
            stamps.append(f"{millis:016d}.{counter:05d}{suffix}")
            counter += 1
        if count:
            self.last = Stamp(millis, counter - 1, self.device)
        return stamps

    def observe(self, remote: Stamp) -> None:
        """Take note of a stamp from another device, so our next stamps come after it."""
        if (remote.millis, remote.counter) > (self.last.millis, self.last.counter):
            self.last = Stamp(remote.millis, remote.counter, self.device)
