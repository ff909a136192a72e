"""Round plans as the event keeps them: seatings of a session's rounds, their starts, and the rules for
starting rounds and ticking tablemates (kiosk.core.rounds plans the seatings themselves).

A seating is a tuple of rounds; a round a tuple of tables; a table a label ("1", "2", ...) and the ids
of the guests at it. A started round never changes: a re-plan keeps it verbatim, and its start carries
its seating so every kiosk ends with the same round whatever order the changes arrive in.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from .refusals import KioskError

DEFAULT_MINUTES = 8
DEFAULT_TABLE_SIZE = 4
MAX_DEFAULT_ROUNDS = 6
CHANGE_MINUTES = 2  # between rounds: people find their next table
MAX_MINUTES = 240
MAX_TABLE_SIZE = 50
_CONTACT_NAMESPACE = uuid.UUID("0d7c5a0e-8f43-4a52-9a63-5b9b3d1f4e21")


class PlanKind(StrEnum):
    ROUNDS = "rounds"  # speed networking: several rounds, started by staff
    QUIZ = "quiz"  # pub quiz teams: one round, never started


class PlanSource(StrEnum):
    ATTENDANCE = "attendance"  # the guests scanned at the session's door
    CHECK_INS = "check_ins"  # nobody was scanned at the door: the guests checked in that day


class RoundsRefusal(StrEnum):
    UNKNOWN_SESSION = "unknown_session"
    NO_PLAN = "no_plan"
    NOBODY_TO_PLAN = "nobody_to_plan"
    ALL_ROUNDS_STARTED = "all_rounds_started"
    INVALID_PLAN = "invalid_plan"
    UNKNOWN_ROUND = "unknown_round"
    ROUND_OUT_OF_ORDER = "round_out_of_order"
    NOT_SEATED = "not_seated"
    NOT_TABLEMATE = "not_tablemate"
    CONSENT_DECLINED = "consent_declined"


class RoundsError(KioskError):
    """A refusal of the round service: `.code` is a RoundsRefusal, the message one line."""


@dataclass(frozen=True)
class SeatedTable:
    label: str
    guests: tuple[str, ...]


Round = tuple[SeatedTable, ...]


@dataclass(frozen=True)
class StoredPlan:
    """A session's plan as stored: settings, seating (started rounds as they were started), starts."""

    session_id: str
    kind: PlanKind
    table_size: int
    remainder: str
    rounds: int  # rounds planned (a round started elsewhere beyond them still counts: see `total`)
    minutes: int
    source: PlanSource
    seating: tuple[Round, ...]
    starts: Mapping[int, datetime] = field(default_factory=dict)  # round number -> started at (UTC)
    planned_at: datetime | None = None
    details: Mapping[str, object] = field(default_factory=dict)  # hosts, table_names, figures

    @property
    def total(self) -> int:
        return max(self.rounds, len(self.seating), max(self.starts, default=0))

    def round(self, number: int) -> Round:
        return self.seating[number - 1] if 0 < number <= len(self.seating) else ()

    @property
    def started(self) -> list[int]:
        return sorted(self.starts)

    def next_round(self) -> int | None:
        """The first round not started yet; None when every round has started."""
        return next((n for n in range(1, self.total + 1) if n not in self.starts), None)

    def running(self, now: datetime) -> int | None:
        """The round whose time is running at `now`, if one is."""
        for number in sorted(self.starts, reverse=True):
            started = self.starts[number]
            if started <= now < started + timedelta(minutes=self.minutes):
                return number
        return None


def table_of(round_: Round, guest_id: str) -> SeatedTable | None:
    return next((table for table in round_ if guest_id in table.guests), None)


def tablemates(plan: StoredPlan, guest_id: str) -> dict[str, tuple[int, ...]]:
    """Who shared a table with the guest in a started round: mate -> the round numbers."""
    mates: dict[str, list[int]] = {}
    for number in plan.started:
        table = table_of(plan.round(number), guest_id)
        for mate in table.guests if table else ():
            if mate != guest_id:
                mates.setdefault(mate, []).append(number)
    return {mate: tuple(numbers) for mate, numbers in mates.items()}


def check_start(plan: StoredPlan, number: int) -> None:
    """Raise RoundsError unless round `number` may start now (rounds start in order; a round started
    already is not refused: starting it again changes nothing)."""
    if not 1 <= number <= plan.total:
        raise RoundsError(RoundsRefusal.UNKNOWN_ROUND, f"round {number} is not planned (1 to {plan.total})")
    if number > 1 and number - 1 not in plan.starts and number not in plan.starts:
        raise RoundsError(RoundsRefusal.ROUND_OUT_OF_ORDER, f"round {number - 1} has not started yet")


def check_ticks(plan: StoredPlan, guest_id: str, consents: bool, mates: Iterable[str]) -> list[str]:
    """The mates to tick, each once, in the order given; RoundsError if any is not a tablemate of a
    started round or the guest does not take part in contact exchange (then nothing is recorded)."""
    if not consents:
        raise RoundsError(RoundsRefusal.CONSENT_DECLINED, "the guest does not take part in contact exchange",
                          guest_id=guest_id)
    real = tablemates(plan, guest_id)
    chosen = list(dict.fromkeys(mates))
    for mate in chosen:
        if mate not in real:
            raise RoundsError(RoundsRefusal.NOT_TABLEMATE, "only people who shared a table in a started round "
                              "can be ticked", guest_id=mate)
    return chosen


def rounds_contact_id(session_id: str, a: str, b: str) -> str:
    """The id of the contact that mutual ticks make: the same on every kiosk that sees both ticks."""
    low, high = sorted((a, b))
    return str(uuid.uuid5(_CONTACT_NAMESPACE, f"{session_id}|{low}|{high}"))


def default_rounds(session_minutes: int, round_minutes: int) -> int:
    """As many rounds as the session's time holds (with a short change between them), 1 to 6."""
    fits = (session_minutes + CHANGE_MINUTES) // (round_minutes + CHANGE_MINUTES)
    return max(1, min(MAX_DEFAULT_ROUNDS, fits))


def host_tables(people: Sequence[str], organization: Mapping[str, tuple[str, str]],
                hosts: Sequence[str]) -> tuple[list[list[str]], list[str]]:
    """The hosted variant: every present guest of an organization named in `hosts` (by name or by
    kind, e.g. "digital_centre") hosts their organization's table. Returns (host tables, organization
    names) in the order of the names, so table 1 is the same whoever came first."""
    wanted = {h.strip().casefold() for h in hosts if h.strip()}
    tables: dict[str, list[str]] = {}
    for person in people:
        name, kind = organization.get(person, ("", ""))
        if name and (name.casefold() in wanted or kind.casefold() in wanted):
            tables.setdefault(name, []).append(person)
    names = sorted(tables, key=str.casefold)
    return [tables[name] for name in names], names


def check_settings(table_size: int, minutes: int, rounds: int | None) -> None:
    """RoundsError (invalid_plan) for settings out of range, before anything is planned."""
    if not 2 <= table_size <= MAX_TABLE_SIZE:
        raise RoundsError(RoundsRefusal.INVALID_PLAN, f"table size must be 2 to {MAX_TABLE_SIZE}, not {table_size}",
                          field="table_size")
    if not 1 <= minutes <= MAX_MINUTES:
        raise RoundsError(RoundsRefusal.INVALID_PLAN, f"a round lasts 1 to {MAX_MINUTES} minutes, not {minutes}",
                          field="minutes")
    if rounds is not None and rounds < 1:
        raise RoundsError(RoundsRefusal.INVALID_PLAN, f"rounds must be at least 1, not {rounds}", field="rounds")


def labelled(rounds: Sequence[Sequence[Sequence[str]]]) -> tuple[Round, ...]:
    """The planner's rounds with table labels "1", "2", ... in each round's table order."""
    return tuple(tuple(SeatedTable(str(number), tuple(table)) for number, table in enumerate(round_, start=1))
                 for round_ in rounds)
