"""What the big screen asks for besides the leaderboard and arrivals: today's sessions and the
current speed-networking round. Plain Python (no Qt): both run on the display's read worker, with
the display's own Store, never on the UI thread.

A source answers from the database only (a round's start time and duration, its tables), so every
display that reads the same data shows the same round; the display itself counts the seconds down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol

from kiosk.services.desk import FrontDesk


@dataclass(frozen=True)
class Slot:
    """One item of the day's programme as the screen shows it (local times, one language)."""

    start: time
    end: time
    title: str
    kind: str = ""  # the programme's session kind ("speed_networking", "quiz", ...), "" if unknown
    room: str = ""


@dataclass(frozen=True)
class Table:
    label: str  # what the table is called in the room: "3", "A", "Fenster"
    names: tuple[str, ...]  # public names only (FrontDesk's public_name: first name and initial)


@dataclass(frozen=True)
class RoundStatus:
    """One round of a speed-networking session, as the round panel shows it."""

    number: int  # 1-based
    total: int
    duration: timedelta
    started_at: datetime | None  # aware; None: planned, staff have not started it yet
    tables: tuple[Table, ...]
    title: str = ""  # the session's title in the display's language ("" -> the current session's)

    @property
    def ends_at(self) -> datetime | None:
        return None if self.started_at is None else self.started_at + self.duration

    def remaining(self, now: datetime) -> timedelta | None:
        """Time left (never below zero); None while the round has not started."""
        if self.ends_at is None:
            return None
        return max(timedelta(0), self.ends_at - now)


class ProgrammeSource(Protocol):
    def slots(self, day: date, lang: str) -> list[Slot]:
        """The day's programme in time order."""


class RoundSource(Protocol):
    def current_round(self, now: datetime, lang: str) -> RoundStatus | None:
        """The round to show at `now` (running, or the next one staff are about to start, or the last
        one just over); None: no round panel."""


@dataclass(frozen=True)
class DisplaySources:
    programme: ProgrammeSource
    rounds: RoundSource


class EventProgramme:
    """The event's programme (sessions as data, services.programme edits them)."""

    def __init__(self, desk: FrontDesk) -> None:
        self.desk = desk

    def slots(self, day: date, lang: str) -> list[Slot]:
        return [Slot(session.start, session.end, session.title(lang), str(session.kind), session.room)
                for session in self.desk.programme(day)]


class NoRounds:
    """No round planning yet: the round panel stays hidden."""

    def current_round(self, now: datetime, lang: str) -> RoundStatus | None:
        return None


def default_sources(desk: FrontDesk) -> DisplaySources:
    """The sources `main.py --display` uses: the one place to plug in a new programme or round source."""
    from kiosk.services.rounds.display import SessionRounds  # it builds this module's RoundStatus

    return DisplaySources(programme=EventProgramme(desk), rounds=SessionRounds(desk))
