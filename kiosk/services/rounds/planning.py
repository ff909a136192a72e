"""From the guests present to a stored plan: who is planned, what they bring to the planner (their
organizations, contacts from earlier days, the rounds already played, hosts), and the plan to journal."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import comb

from kiosk.core.model import Guest
from kiosk.core.programme import Session
from kiosk.core.round_plans import (DEFAULT_MINUTES, DEFAULT_TABLE_SIZE, PlanKind, PlanSource, Round, RoundsError,
                                    RoundsRefusal, StoredPlan, check_settings, default_rounds,
                                    host_tables, labelled)
from kiosk.core.rounds import PlanError, RoundsRequest, plan_rounds, table_sizes
from kiosk.core.rounds.model import hosted_sizes


@dataclass(frozen=True)
class PlanOptions:
    table_size: int = DEFAULT_TABLE_SIZE  # 2: one-to-one
    rounds: int | None = None  # total, started ones included; None: as many as the session's time holds (<= 6)
    remainder: str = "smaller"  # people left over: "smaller" tables of k-1, or "larger" tables of k+1
    minutes: int = DEFAULT_MINUTES  # per round
    hosts: tuple[str, ...] = ()  # organization kinds or names whose present guests host their own table
    absent: tuple[str, ...] = ()  # guest ids not to seat in the rounds still to play (no-shows)
    time_limit: float = 5.0  # seconds the planner may search
    seed: int = 0


@dataclass(frozen=True)
class Attendees:
    """Who is planned and from where."""

    guests: tuple[Guest, ...]
    source: PlanSource


def _session_minutes(session: Session) -> int:
    start = datetime.combine(session.day, session.start)
    return int((datetime.combine(session.day, session.end) - start) / timedelta(minutes=1))


def _max_rounds(people: int, sizes: list[int]) -> int:
    """The planner's limit: more rounds than it takes for everyone to have met everyone is refused."""
    pairs = sum(comb(size, 2) for size in sizes)
    return max(1, -(-comb(people, 2) // pairs)) if pairs else 1


def _organization(guest: Guest) -> tuple[str, str]:
    org = guest.organization
    return (org.name, str(org.kind)) if org else ("", "")


def make_plan(session: Session, kind: PlanKind, attendees: Attendees, options: PlanOptions,
              earlier: StoredPlan | None, met: Sequence[tuple[str, str]], now: datetime,
              cancel: Callable[[], bool] | None = None) -> StoredPlan:
    """Plan the rounds not yet played; RoundsError when it cannot be planned."""
    check_settings(options.table_size, options.minutes, options.rounds)
    absent = set(options.absent)
    people = [g.id for g in attendees.guests if g.id not in absent]
    if len(people) < 2:
        raise RoundsError(RoundsRefusal.NOBODY_TO_PLAN, f"{len(people)} guests to plan; at least 2 are needed")
    started = sorted(earlier.starts) if earlier else []
    organizations = {g.id: _organization(g) for g in attendees.guests}
    hosted, host_names = host_tables(people, organizations, options.hosts) if options.hosts else ([], [])
    if options.hosts and not hosted:
        raise RoundsError(RoundsRefusal.INVALID_PLAN, "no guest present belongs to a host organization "
                          f"({', '.join(options.hosts)})", field="hosts")
    sizes = (hosted_sizes(hosted, len(people)) if hosted
             else table_sizes(len(people), options.table_size, options.remainder))
    total = _total_rounds(session, kind, options, earlier, len(people), sizes)
    if len(started) >= total:
        raise RoundsError(RoundsRefusal.ALL_ROUNDS_STARTED, f"all {len(started)} rounds have started; "
                          "nothing is left to plan")
    played = [earlier.round(n) for n in started]
    request = RoundsRequest(people=people, rounds=total, table_size=options.table_size,
                            remainder=options.remainder,
                            orgs={p: organizations[p][0] for p in people if organizations[p][0]}, met=met,
                            played=[[t.guests for t in round_] for round_ in played], host_tables=hosted,
                            time_limit=options.time_limit, seed=options.seed)
    try:
        result = plan_rounds(request, cancel=cancel)
    except PlanError as error:
        raise RoundsError(RoundsRefusal.INVALID_PLAN, str(error)) from None
    seating = _placed(played, started, labelled(result.rounds[len(played):]), total)
    details = {"hosts": list(options.hosts), "host_ids": [h for table in hosted for h in table],
               "table_names": {str(n): name for n, name in enumerate(host_names, start=1)},
               "figures": {"repeats": result.repeats, "same_org": result.same_org, "met_before": result.met_before,
                           "host_repeats": result.host_repeats, "seconds": result.seconds}}
    return StoredPlan(session.id, kind, options.table_size, options.remainder, total, options.minutes,
                      attendees.source, seating, dict(earlier.starts) if earlier else {}, now, details)


def _total_rounds(session: Session, kind: PlanKind, options: PlanOptions, earlier: StoredPlan | None,
                  people: int, sizes: list[int]) -> int:
    if kind == PlanKind.QUIZ:
        return 1
    if options.rounds is not None:
        return options.rounds
    if earlier is not None and earlier.kind == kind:
        return earlier.total  # a re-plan keeps the number of rounds unless told otherwise
    wanted = default_rounds(_session_minutes(session), options.minutes)
    return max(len(earlier.starts) if earlier else 0, min(wanted, _max_rounds(people, sizes)))


def _placed(played: list[Round], started: list[int], planned: tuple[Round, ...], total: int) -> tuple[Round, ...]:
    """Played rounds at their numbers (verbatim, labels included), the new ones in the other places."""
    fresh = iter(planned)
    by_number = dict(zip(started, played))
    return tuple(by_number[n] if n in by_number else next(fresh) for n in range(1, total + 1))


def guests_present(present: Sequence[str], checked_in: Sequence[str],
                   guests: Mapping[str, Guest]) -> Attendees:
    """The guests scanned at the session's door; if nobody was, those checked in that day (in arrival
    order). Guests this kiosk cannot name (erased, or their data not synced yet) are left out."""
    source, ids = (PlanSource.ATTENDANCE, present) if present else (PlanSource.CHECK_INS, checked_in)
    return Attendees(tuple(guests[g] for g in dict.fromkeys(ids) if g in guests), source)

