"""The round desk: plan a session's speed-networking rounds (or a quiz's teams) for the guests present,
start rounds, show a guest their tables, and turn tablemates' mutual ticks into contacts.

Every write is one transaction through the journal, so plans, starts and ticks sync like check-ins
(storage.rounds_applier states how they merge). The planner's search runs before the transaction,
so a long search never holds the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta

from kiosk.core.model import Guest
from kiosk.core.programme import Session, SessionKind
from kiosk.core.round_plans import (PlanKind, RoundsError, RoundsRefusal, StoredPlan, check_start, check_ticks,
                                    table_of, tablemates)
from kiosk.services.desk import FrontDesk, public_name
from kiosk.services.programme import ProgrammeDesk
from kiosk.storage import rounds as stored

from .planning import PlanOptions, guests_present, make_plan
from .views import GuestRound, GuestTables, Mate, PlanView, StartOutcome, TickOutcome, plan_view

ROUND_PLANNED = "round_planned"
ROUND_STARTED = "round_started"
QUIZ_KINDS = (SessionKind.QUIZ, SessionKind.DINNER)


class RoundsDesk:
    def __init__(self, desk: FrontDesk) -> None:
        self.desk = desk
        self.store = desk.store
        self.programme = ProgrammeDesk(desk)

    # -- sessions and plans ------------------------------------------------------------------------
    def round_sessions(self, day: date | None = None) -> list[Session]:
        """The speed-networking sessions of `day` (default today), in time order."""
        return [s for s in self.programme.sessions(day or self.desk.today()) if s.kind == SessionKind.SPEED_NETWORKING]

    def quiz_sessions(self, day: date | None = None) -> list[Session]:
        return [s for s in self.programme.sessions(day or self.desk.today()) if s.kind in QUIZ_KINDS]

    def session(self, session_id: str) -> Session:
        session = self.programme.session(session_id)
        if session is None:
            raise RoundsError(RoundsRefusal.UNKNOWN_SESSION, f"there is no session {session_id}")
        return session

    def plan_view(self, session_id: str) -> PlanView | None:
        with self.store.snapshot():
            plan = stored.stored_plan(self.store, session_id)
            if plan is None:
                return None
            return plan_view(plan, self.session(session_id), self._guests(plan))

    def _guests(self, plan: StoredPlan) -> dict[str, Guest]:
        return stored.guests_by_id(self.store, (g for round_ in plan.seating for t in round_ for g in t.guests))

    def plan(self, session_id: str, options: PlanOptions = PlanOptions(),
             cancel: Callable[[], bool] | None = None) -> PlanView:
        """Plan (or re-plan) the session's rounds for the guests present now: started rounds stay as they
        were; no-shows leave and late arrivals join the rounds still to play."""
        return self._plan(session_id, PlanKind.ROUNDS, options, cancel)

    def quiz_teams(self, session_id: str, team_size: int, options: PlanOptions | None = None,
                   cancel: Callable[[], bool] | None = None) -> PlanView:
        """Mixed teams of `team_size` for a quiz: one round, as many new and cross-organization pairs as
        possible (contacts of every day so far count as met)."""
        options = replace(options or PlanOptions(), table_size=team_size, rounds=1, hosts=())
        return self._plan(session_id, PlanKind.QUIZ, options, cancel)

    def _plan(self, session_id: str, kind: PlanKind, options: PlanOptions,
              cancel: Callable[[], bool] | None) -> PlanView:
        session = self.session(session_id)
        with self.store.snapshot():
            earlier = stored.stored_plan(self.store, session_id)
            attendees = self._attendees(session)
            met_until = session.day + timedelta(days=1) if kind == PlanKind.QUIZ else session.day
            met = stored.contacts_before(self.store, met_until, [g.id for g in attendees.guests])
        now = self.desk.clock()
        plan = make_plan(session, kind, attendees, options, earlier, met, now, cancel)
        with self.store.atomic():
            if stored.starts(self.store, session_id) != (dict(earlier.starts) if earlier else {}):
                # A round started while the planner searched: plan again around it.
                return self._plan(session_id, kind, options, cancel)
            stored.save_plan(self.store, plan)
            self.store.audit(ROUND_PLANNED, "", f"{session_id} {kind} {plan.total}")
        return self.plan_view(session_id)

    def _attendees(self, session: Session):
        present = self.programme.present_guest_ids(session.id)
        checked_in = [] if present else stored.checked_in_on(self.store, session.day)
        return guests_present(present, checked_in, stored.guests_by_id(self.store, present or checked_in))

    def _stored(self, session_id: str) -> StoredPlan:
        plan = stored.stored_plan(self.store, session_id)
        if plan is None:
            self.session(session_id)  # unknown_session before no_plan
            raise RoundsError(RoundsRefusal.NO_PLAN, "this session has no plan yet")
        return plan

    # -- staff: start rounds -----------------------------------------------------------------------
    def start_round(self, session_id: str, number: int | None = None) -> StartOutcome:
        """Start round `number` (default: the next one). Starting a started round again changes nothing."""
        now = self.desk.clock()
        with self.store.atomic():
            plan = self._stored(session_id)
            if plan.kind != PlanKind.ROUNDS:
                raise RoundsError(RoundsRefusal.UNKNOWN_ROUND, "quiz teams have no rounds to start")
            number = number or plan.next_round()
            if number is None:
                raise RoundsError(RoundsRefusal.ALL_ROUNDS_STARTED, f"all {plan.total} rounds have started")
            if number in plan.starts:
                return StartOutcome(number, plan.starts[number], already=True)
            check_start(plan, number)
            stored.record_start(self.store, session_id, number, now, plan.round(number))
            self.store.audit(ROUND_STARTED, "", f"{session_id} {number}")
        return StartOutcome(number, stored.starts(self.store, session_id)[number], already=False)

    # -- guests: tables and tablemates -------------------------------------------------------------
    def guest_for_badge(self, code: str) -> Guest:
        """The guest a scanned badge (or ticket code) names; KioskError with the refusal otherwise."""
        return self.desk.resolve(code)

    def tables_of(self, session_id: str, guest_id: str) -> GuestTables:
        """The guest's table in every round they are seated in, with their tablemates' public names."""
        with self.store.snapshot():
            plan = self._stored(session_id)
            guests = self._guests(plan)
        found = _tables_of(self.session(session_id), plan, guests, guest_id)
        if found is None:
            raise RoundsError(RoundsRefusal.NOT_SEATED, "the guest has no seat in this plan", guest_id=guest_id)
        return found

    def everyones_tables(self, session_id: str) -> list[GuestTables]:
        """Every seated guest's tables (the personal cards), by last and first name."""
        with self.store.snapshot():
            plan = self._stored(session_id)
            guests = self._guests(plan)
        session = self.session(session_id)
        order = sorted(guests.values(), key=lambda g: (g.last_name.casefold(), g.first_name.casefold(), g.id))
        return [t for t in (_tables_of(session, plan, guests, g.id) for g in order) if t is not None]

    def tablemates(self, session_id: str, guest_id: str) -> list[Mate]:
        """Who shared a table with the guest in a started round, by name."""
        with self.store.snapshot():
            return self._mates(self._stored(session_id), guest_id)

    def _mates(self, plan: StoredPlan, guest_id: str) -> list[Mate]:
        shared = tablemates(plan, guest_id)
        guests = stored.guests_by_id(self.store, shared)
        ticked = stored.ticked_by(self.store, plan.session_id, guest_id)
        contacts = stored.contact_partners(self.store, guest_id, shared)
        mates = [Mate(g, public_name(guests[g]), guests[g].organization_name, rounds, g in ticked, g in contacts)
                 for g, rounds in shared.items() if g in guests]
        return sorted(mates, key=lambda m: (m.public_name.casefold(), m.guest_id))

    def tick(self, session_id: str, guest_id: str, mate_ids: Iterable[str]) -> TickOutcome:
        """The guest confirms they exchanged contacts with these tablemates. A contact is recorded once
        both have ticked each other; nothing is recorded if any id is not a tablemate."""
        now = self.desk.clock()
        with self.store.atomic():
            plan = self._stored(session_id)
            guest = self.store.guest(guest_id)
            if guest is None:
                raise RoundsError(RoundsRefusal.NOT_SEATED, "the guest has no seat in this plan", guest_id=guest_id)
            chosen = check_ticks(plan, guest_id, guest.consent_contacts, mate_ids)
            before = {m.guest_id: m for m in self._mates(plan, guest_id)}
            if unnamed := [m for m in chosen if m not in before]:  # not synced yet, or erased
                raise RoundsError(RoundsRefusal.NOT_TABLEMATE, "this kiosk does not know the tablemate yet",
                                  guest_id=unnamed[0])
            fresh = [m for m in chosen if not before[m].ticked]
            stored.record_ticks(self.store, session_id, guest_id, fresh, now, self.desk.event.local_day(now))
            after = {m.guest_id: m for m in self._mates(plan, guest_id)}
        return TickOutcome(tuple(after[m] for m in fresh),
                           tuple(after[m] for m in fresh if after[m].contact and not before[m].contact),
                           tuple(after[m] for m in chosen if before[m].ticked))


def _tables_of(session: Session, plan: StoredPlan, guests: dict[str, Guest], guest_id: str) -> GuestTables | None:
    """The guest's table in every round they are seated in; None if in none (or unknown here)."""
    guest = guests.get(guest_id)
    rounds = []
    for number in range(1, plan.total + 1):
        table = table_of(plan.round(number), guest_id)
        if table is not None:
            mates = sorted((public_name(guests[g]) for g in table.guests if g != guest_id and g in guests),
                           key=str.casefold)
            rounds.append(GuestRound(number, table.label, tuple(mates), plan.starts.get(number)))
    if not rounds or guest is None:
        return None
    return GuestTables(session, guest_id, public_name(guest), plan.kind, tuple(rounds), guest.full_name,
                       guest.organization_name)
