"""Everything the big screen shows, read in one go on the read worker (plain Python, no Qt).

The reader notices changes through SQLite's `PRAGMA data_version`: it moves whenever another
connection commits (another kiosk process on this file, a second Store, the hub syncer's thread),
costs no disk read, and so can be asked every second. The value belongs to the connection, and
peewee gives each thread its own: ask it from one thread only (the display's single read worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable

from kiosk.services.desk import FrontDesk, LeaderboardRow
from kiosk.storage import analytics

from .sources import DisplaySources, RoundStatus, Slot

TOP = 10  # rows per board, as on the kiosk's leaderboard
FULL_READ_SECONDS = 30  # read again after this long even without a change: the round source may move on time


@dataclass(frozen=True)
class BoardData:
    event_name: str
    venue: str
    today: date
    day_number: int  # 0: not an event day
    day_count: int
    overall: list[LeaderboardRow]
    today_rows: list[LeaderboardRow]
    arrived: int  # check-ins today
    arrivals: list[tuple[time, int]]  # (local start of the quarter hour, arrivals), time order
    slots: list[Slot]  # today's programme
    round: RoundStatus | None
    lang: str


class DisplayReader:
    def __init__(self, desk: FrontDesk, sources: DisplaySources, lang: str,
                 monotonic: Callable[[], float]) -> None:
        self.desk, self.sources, self.lang = desk, sources, lang
        self._monotonic = monotonic
        self._version: int | None = None
        self._read_at: float | None = None

    def data_version(self) -> int:
        return self.desk.store.db.execute_sql("PRAGMA data_version").fetchone()[0]

    def poll(self) -> BoardData | None:
        """A fresh BoardData when the database changed or the last read is old; None otherwise."""
        version = self.data_version()
        stale = self._read_at is None or self._monotonic() - self._read_at >= FULL_READ_SECONDS
        if version == self._version and not stale:
            return None
        data = self.read()
        self._version, self._read_at = version, self._monotonic()  # after the read: a failed one is tried again
        return data

    def read(self) -> BoardData:
        desk = self.desk
        desk.reload_event()  # the event's name or days may have come with a sync
        event, now = desk.event, desk.clock()
        today = event.local_day(now)
        return BoardData(event.name, event.venue, today,
                         event.days.index(today) + 1 if today in event.days else 0, len(event.days),
                         desk.leaderboard_rows(None, TOP), desk.leaderboard_rows(today, TOP),
                         desk.store.check_in_counts().get(today, 0), self._arrivals(today),
                         self.sources.programme.slots(today, self.lang),
                         self.sources.rounds.current_round(now, self.lang), self.lang)

    def _arrivals(self, today: date) -> list[tuple[time, int]]:
        event, counts = self.desk.event, {}
        for _, start, n in analytics.arrivals_by_quarter_hour(self.desk.store, today):
            local = event.local_time(start).time()
            counts[local] = counts.get(local, 0) + n
        return sorted(counts.items())


def current_and_next(slots: list[Slot], now: time) -> tuple[Slot | None, list[Slot]]:
    """The session running at `now` (the latest started, if several) and those still to start."""
    running = [s for s in slots if s.start <= now < s.end]
    return (running[-1] if running else None), [s for s in slots if s.start > now]


def minutes_and_seconds(left: timedelta) -> str:
    seconds = max(0, int(left.total_seconds() + 0.999))  # 0.4 s left still shows 00:01
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
