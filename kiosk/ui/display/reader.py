"""Everything the big screen shows, read in one go on the read worker (plain Python, no Qt).

The reader notices changes through SQLite's `PRAGMA data_version`: it moves whenever another
connection commits (another kiosk process on this file, a second Store, the hub syncer's thread),
costs no disk read, and so can be asked every second. The value belongs to the connection, and
peewee gives each thread its own: ask it from one thread only (the display's single read worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from types import SimpleNamespace
from typing import Callable

from kiosk.services.desk import FrontDesk, LeaderboardRow, public_name
from kiosk.storage import analytics

from .sources import DisplaySources, RoundStatus, Slot

TOP = 10  # rows per board, as on the kiosk's leaderboard
FULL_READ_SECONDS = 30  # read again after this long even without a change: the round source may move on time
REST_FACTOR = 4  # after a read of t seconds, rest 4 t before the next


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


class DisplayReader:
    def __init__(self, desk: FrontDesk, sources: DisplaySources, lang: str,
                 monotonic: Callable[[], float]) -> None:
        self.desk, self.sources, self.lang = desk, sources, lang
        self._monotonic = monotonic
        self._version: int | None = None
        self._read_at: float | None = None
        self._read_seconds = 0.0

    def data_version(self) -> int:
        return self.desk.store.db.execute_sql("PRAGMA data_version").fetchone()[0]

    def poll(self) -> BoardData | None:
        """A fresh BoardData when the database changed or the last read is old; None otherwise.

        After a read of t seconds the next one waits at least REST_FACTOR * t: on a huge event, with
        contacts every second, the display still takes at most a fifth of a core from the kiosk
        beside it (a change made meanwhile is read then: data_version is still new)."""
        version, now = self.data_version(), self._monotonic()
        if self._read_at is not None:
            since = now - self._read_at
            if since < REST_FACTOR * self._read_seconds:
                return None
            if version == self._version and since < FULL_READ_SECONDS:
                return None
        data = self.read()
        # Noted after the read: a failed read is tried again at the next poll.
        self._version, self._read_at = version, self._monotonic()
        self._read_seconds = self._read_at - now
        return data

    def read(self) -> BoardData:
        desk = self.desk
        desk.reload_event()  # the event's name or days may have come with a sync
        event, now = desk.event, desk.clock()
        today = event.local_day(now)
        return BoardData(event.name, event.venue, today,
                         event.days.index(today) + 1 if today in event.days else 0, len(event.days),
                         self._board(None), self._board(today),
                         *self._arrivals(today),
                         self.sources.programme.slots(today, self.lang),
                         self.sources.rounds.current_round(now, self.lang))

    def _board(self, day: date | None) -> list[LeaderboardRow]:
        """The kiosk leaderboard's rows (FrontDesk.leaderboard_rows: same rule, same order, same names),
        counted in SQL: 60 ms instead of 2 s for 50,000 contacts, and the display reads on every change."""
        named = lambda first, last: public_name(SimpleNamespace(first_name=first, last_name=last))  # noqa: E731
        return [LeaderboardRow(place, named(first, last), org, count, gid)
                for place, (gid, count, _, _, first, last, org)
                in enumerate(analytics.top_networkers(self.desk.store, day, TOP), start=1)]

    def _arrivals(self, today: date) -> tuple[int, list[tuple[time, int]]]:
        """(check-ins today, [(local start of the quarter hour, arrivals)]) from one grouped query."""
        event, counts = self.desk.event, {}
        for _, start, n in analytics.arrivals_by_quarter_hour(self.desk.store, today):
            local = event.local_time(start).time()
            counts[local] = counts.get(local, 0) + n
        return sum(counts.values()), sorted(counts.items())


def current_and_next(slots: list[Slot], now: time) -> tuple[Slot | None, list[Slot]]:
    """The session running at `now` (the latest started, if several) and those still to start."""
    running = [s for s in slots if s.start <= now < s.end]
    return (running[-1] if running else None), [s for s in slots if s.start > now]


def minutes_and_seconds(left: timedelta) -> str:
    seconds = max(0, int(left.total_seconds() + 0.999))  # 0.4 s left still shows 00:01
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
