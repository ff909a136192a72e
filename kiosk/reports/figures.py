"""The figures of the event report, computed from SQL aggregates (storage.analytics).

`collect_figures(store, day=None)` is the only way in; the result is plain data,
the same in every language, which the PDF renders and the tests check.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

from kiosk.core.model import OrganizationKind
from kiosk.storage import analytics

from .attendance import SessionLine, collect_sessions
from .contact_sources import collect_contact_sources

KIND_ORDER = tuple(str(k) for k in OrganizationKind) + (analytics.NO_KIND,)
TOP_ORGANIZATIONS = 15


@dataclass(frozen=True)
class DayFigures:
    day: date
    registered: int  # registered ahead for this day (or for every day)
    checked_in: int  # everyone who checked in, walk-ins included
    walk_ins: int
    no_shows: int  # registered for the day, not checked in that day
    contacts: int
    arrivals: tuple[tuple[str, int], ...]  # (local "HH:MM", arrivals) every 15 minutes, first to last


@dataclass(frozen=True)
class Attendance:
    name: str  # an organization kind ('' = none) or an organization name
    kind: str
    registered: int
    attended: int


@dataclass(frozen=True)
class Networker:
    rank: int
    guest_id: str
    public_name: str  # first name and initial, as on the leaderboard
    full_name: str  # for the champion's certificate only
    organization: str
    contacts: int


@dataclass(frozen=True)
class EventFigures:
    event_name: str
    venue: str
    event_days: tuple[date, ...]
    day: date | None  # the report covers one day, or the whole event
    days: tuple[DayFigures, ...]
    registered_guests: int  # distinct guests registered ahead for the days covered
    attendees: int  # distinct guests who checked in
    by_kind: tuple[Attendance, ...]
    by_organization: tuple[Attendance, ...]  # the TOP_ORGANIZATIONS with most attendees
    other_organizations: Attendance  # the rest, summed (name: how many organizations)
    networkers: tuple[Networker, ...]
    kind_matrix: dict[tuple[str, str], int] = field(default_factory=dict)  # symmetric, by kind pair
    cross_organization: int = 0
    same_organization: int = 0
    sessions: tuple[SessionLine, ...] = ()  # the programme with attendance per session (reports.attendance)
    contact_sources: dict[str, int] = field(default_factory=dict)  # but scans (reports.contact_sources)

    @property
    def contacts(self) -> int:
        return self.cross_organization + self.same_organization

    @property
    def check_ins(self) -> int:
        return sum(d.checked_in for d in self.days)

    @property
    def champion(self) -> Networker | None:
        return self.networkers[0] if self.networkers else None

    @property
    def matrix_kinds(self) -> tuple[str, ...]:
        used = {k for pair in self.kind_matrix for k in pair}
        return tuple(k for k in KIND_ORDER if k in used)

    def counts(self) -> dict:
        """Everything anonymous: what purge must leave unchanged."""
        return {"days": self.days, "registered": self.registered_guests, "attendees": self.attendees,
                "by_kind": self.by_kind, "by_organization": self.by_organization,
                "other_organizations": self.other_organizations, "kind_matrix": self.kind_matrix,
                "cross": self.cross_organization, "same": self.same_organization}


def collect_figures(store, day: date | None = None, top: int = 10) -> EventFigures:
    event = store.event()
    days = (day,) if day else event.days
    with store.snapshot():  # one consistent view while kiosks keep writing
        groups = [_Group(*row, event.days) for row in analytics.guest_groups(store, event.days)]
        organizations = analytics.organizations(store)
        arrivals = analytics.arrivals_by_quarter_hour(store, day)
        contacts = analytics.contacts_by_day(store)
        ranked = analytics.top_networkers(store, day, top)
        between = analytics.contacts_between_kinds(store, day)
        sessions = collect_sessions(store, day)
        sources = collect_contact_sources(store, day)
    by_kind, by_org, others = _attendance(groups, organizations, days)
    matrix, cross, same = _matrix(between)
    return EventFigures(
        event.name, event.venue, event.days, day,
        tuple(_day_figures(d, groups, arrivals, contacts, event.timezone) for d in days),
        sum(g.guests for g in groups if g.registered_for(days)),
        sum(g.guests for g in groups if g.attended(days)),
        by_kind, by_org, others, tuple(_networker(rank, row) for rank, row in enumerate(ranked, start=1)),
        matrix, cross, same, sessions, sources)


def champion(store) -> Networker | None:
    """The networking champion over all days (the leaderboard's first), or None."""
    ranked = analytics.top_networkers(store, None, 1)
    return _networker(1, ranked[0]) if ranked else None


class _Group:
    """Guests with the same organization, registered days, kind of row and days they checked in."""

    __slots__ = ("organization", "days", "walk_in", "registered", "checked_in", "guests")

    def __init__(self, organization: str | None, days_json: str, walk_in: bool, placeholder: bool, mask: int,
                 guests: int, event_days: tuple[date, ...]) -> None:
        self.organization = organization or ""
        self.days = _day_set(days_json)
        self.walk_in = walk_in
        self.registered = not walk_in and not placeholder  # registered ahead, as far as this kiosk knows
        self.checked_in = frozenset(d for i, d in enumerate(event_days) if mask >> i & 1)
        self.guests = guests

    def registered_for(self, days) -> bool:
        """Registered ahead for one of `days` (an empty day list means every day); walk-ins are not."""
        return self.registered and (not self.days or any(d in self.days for d in days))

    def attended(self, days) -> bool:
        return any(d in self.checked_in for d in days)


@lru_cache(maxsize=256)
def _day_set(days_json: str) -> frozenset[date]:
    return frozenset(date.fromisoformat(d) for d in json.loads(days_json))


def _day_figures(day: date, groups: list[_Group], arrivals, contacts, tz: str) -> DayFigures:
    registered = sum(g.guests for g in groups if g.registered_for((day,)))
    came = [g for g in groups if day in g.checked_in]
    came_registered = sum(g.guests for g in came if g.registered_for((day,)))
    return DayFigures(day, registered, sum(g.guests for g in came), sum(g.guests for g in came if g.walk_in),
                      registered - came_registered, contacts.get(day, 0),
                      _quarter_hours([(at, n) for d, at, n in arrivals if d == day], tz))


def _quarter_hours(slots, tz: str) -> tuple[tuple[str, int], ...]:
    """Local quarter hours from the first arrival to the last, empty ones included."""
    if not slots:
        return ()
    zone = ZoneInfo(tz)
    counts: dict[int, int] = defaultdict(int)
    for at, n in slots:
        local = at.astimezone(zone)
        counts[local.hour * 60 + local.minute] += n
    first, last = min(counts), max(counts)
    return tuple((f"{m // 60:02d}:{m % 60:02d}", counts.get(m, 0)) for m in range(first, last + 1, 15))


def _attendance(groups: list[_Group], organizations: dict[str, tuple[str, str]], days):
    """By kind, the TOP_ORGANIZATIONS organizations, and the other organizations summed."""
    per_org: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for group in groups:
        counts = per_org[group.organization]
        counts[0] += group.guests if group.registered_for(days) else 0
        counts[1] += group.guests if group.attended(days) else 0
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    named = []
    for oid, (registered, attended) in per_org.items():
        name, kind = organizations.get(oid, ("", analytics.NO_KIND))
        kinds[kind][0] += registered
        kinds[kind][1] += attended
        if oid and (registered or attended):
            named.append(Attendance(name, kind, registered, attended))
    by_kind = tuple(Attendance(k, k, *kinds[k]) for k in KIND_ORDER if any(kinds.get(k, ())))
    named.sort(key=lambda a: (-a.attended, -a.registered, a.name))
    top, rest = named[:TOP_ORGANIZATIONS], named[TOP_ORGANIZATIONS:]
    others = Attendance(str(len(rest)), "", sum(a.registered for a in rest), sum(a.attended for a in rest))
    return by_kind, tuple(top), others


def _matrix(rows) -> tuple[dict[tuple[str, str], int], int, int]:
    matrix: dict[tuple[str, str], int] = defaultdict(int)
    cross = same = 0
    for a, b, same_org, n in rows:
        matrix[(a, b)] += n
        if a != b:
            matrix[(b, a)] += n
        if same_org:
            same += n
        else:
            cross += n
    return dict(matrix), cross, same


def _networker(rank: int, row) -> Networker:
    guest_id, contacts, _, title, first, last, organization = row
    public = (first or last) + (f" {last[0]}." if first and last else "")
    full = " ".join(p for p in (title, first, last) if p)
    return Networker(rank, guest_id, public, full, organization, contacts)
