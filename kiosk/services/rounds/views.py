"""What the round service answers: plans, rounds, tables and seats with public names only, a guest's
own tables, tablemates, and the outcomes of starting a round and ticking tablemates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.core.model import Guest
from kiosk.core.programme import Session
from kiosk.core.round_plans import PlanKind, PlanSource, StoredPlan
from kiosk.i18n import Translator
from kiosk.services.desk import public_name


@dataclass(frozen=True)
class Seat:
    guest_id: str
    public_name: str  # "Anna K." ("" while the guest's own data has not arrived by sync)
    organization: str
    host: bool = False


@dataclass(frozen=True)
class TableView:
    label: str  # "1", "2", ...
    name: str  # hosted variant: the host organization; "" otherwise
    seats: tuple[Seat, ...]


@dataclass(frozen=True)
class RoundView:
    number: int
    started_at: datetime | None
    tables: tuple[TableView, ...]

    @property
    def started(self) -> bool:
        return self.started_at is not None

    def ends_at(self, minutes: int) -> datetime | None:
        return None if self.started_at is None else self.started_at + timedelta(minutes=minutes)


@dataclass(frozen=True)
class PlanView:
    session: Session
    kind: PlanKind
    rounds: tuple[RoundView, ...]
    minutes: int
    table_size: int
    remainder: str
    source: PlanSource
    repeats: int
    same_org: int
    met_before: int
    planned_at: datetime | None
    hosts: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return len(self.rounds)

    @property
    def people(self) -> int:
        """How many are seated in the last round (the rounds still to play seat everyone present)."""
        return sum(len(t.seats) for t in self.rounds[-1].tables) if self.rounds else 0

    @property
    def next_round(self) -> RoundView | None:
        return next((r for r in self.rounds if not r.started), None)

    def current(self, now: datetime) -> RoundView | None:
        """The round running at `now`, if one is."""
        return next((r for r in reversed(self.rounds) if r.started and r.started_at <= now < r.ends_at(self.minutes)),
                    None)

    def as_json(self) -> dict:
        return {"session_id": self.session.id, "kind": str(self.kind), "minutes": self.minutes,
                "table_size": self.table_size, "remainder": self.remainder, "source": str(self.source),
                "repeats": self.repeats, "same_org": self.same_org, "met_before": self.met_before,
                "hosts": list(self.hosts), "people": self.people,
                "planned_at": self.planned_at.isoformat() if self.planned_at else None,
                "rounds": [{"number": r.number, "started_at": r.started_at.isoformat() if r.started_at else None,
                            "tables": [{"label": t.label, "name": t.name,
                                        "guests": [{"id": s.guest_id, "name": s.public_name,
                                                    "organization": s.organization, "host": s.host}
                                                   for s in t.seats]} for t in r.tables]}
                           for r in self.rounds]}


@dataclass(frozen=True)
class GuestRound:
    number: int
    label: str
    mates: tuple[str, ...]  # public names of the others at the table
    started_at: datetime | None


@dataclass(frozen=True)
class GuestTables:
    session: Session
    guest_id: str
    guest_name: str  # public name
    kind: PlanKind
    rounds: tuple[GuestRound, ...]
    full_name: str = ""  # for the guest's own card and screen
    organization: str = ""

    def card_line(self, tr: Translator) -> str:
        """'Runde 1: Tisch 7 · Runde 2: Tisch 3' ('Team 4' for quiz teams)."""
        if self.kind == PlanKind.QUIZ:
            return " · ".join(tr("Team {label}", label=r.label) for r in self.rounds)
        return " · ".join(tr("Round {number}: table {label}", number=r.number, label=r.label) for r in self.rounds)


@dataclass(frozen=True)
class Mate:
    guest_id: str
    public_name: str
    organization: str
    rounds: tuple[int, ...]  # the started rounds they shared a table in
    ticked: bool  # the guest asking ticked them
    contact: bool  # a contact exists between the two (any source)


@dataclass(frozen=True)
class TickOutcome:
    ticked: tuple[Mate, ...]  # ticked now
    contacts: tuple[Mate, ...]  # contacts that came into being now (both have ticked each other)
    already: tuple[Mate, ...]  # ticked before


@dataclass(frozen=True)
class StartOutcome:
    number: int
    started_at: datetime
    already: bool  # the round had started before: its first start stands


def seat_of(guest_id: str, guests: Mapping[str, Guest], hosts: frozenset[str]) -> Seat:
    guest = guests.get(guest_id)
    if guest is None:
        return Seat(guest_id, "", "", guest_id in hosts)
    return Seat(guest_id, public_name(guest), guest.organization_name, guest_id in hosts)


def plan_view(plan: StoredPlan, session: Session, guests: Mapping[str, Guest]) -> PlanView:
    """The stored plan with public names; guests erased since are gone from their seats already."""
    names: dict = dict(plan.details.get("table_names", {}))
    hosts = frozenset(plan.details.get("host_ids", ()))
    rounds = tuple(RoundView(number, plan.starts.get(number),
                             tuple(TableView(t.label, names.get(t.label, ""),
                                             tuple(seat_of(g, guests, hosts) for g in t.guests))
                                   for t in plan.round(number)))
                   for number in range(1, plan.total + 1))
    figures = plan.details.get("figures", {})
    return PlanView(session, plan.kind, rounds, plan.minutes, plan.table_size, plan.remainder, plan.source,
                    figures.get("repeats", 0), figures.get("same_org", 0), figures.get("met_before", 0),
                    plan.planned_at, tuple(plan.details.get("hosts", ())))
