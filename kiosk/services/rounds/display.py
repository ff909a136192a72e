"""The big screen's round panel (kiosk.ui.display.sources.RoundSource): today's speed-networking round
to show at a moment, from the database only, on the display's read worker."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.core.programme import Session, SessionKind
from kiosk.core.round_plans import PlanKind, StoredPlan
from kiosk.services.desk import FrontDesk, public_name
from kiosk.storage import programme
from kiosk.storage import rounds as stored
from kiosk.ui.display.sources import RoundStatus, Table

BEFORE_SESSION = timedelta(minutes=15)  # round 1 shows this long before the session starts
AFTER_LAST_ROUND = timedelta(minutes=5)  # the last round shows 'round over' this long


class SessionRounds:
    """The round to show: the running one; else the next one staff are about to start (while the
    session is on, or a round ended a short while ago); else the last one just over."""

    def __init__(self, desk: FrontDesk) -> None:
        self.desk = desk
        self.store = desk.store

    def current_round(self, now: datetime, lang: str) -> RoundStatus | None:
        sessions = [s for s in programme.sessions(self.store, self.desk.event.local_day(now))
                    if s.kind == SessionKind.SPEED_NETWORKING]
        candidates = []
        for session in sessions:
            plan = stored.stored_plan(self.store, session.id)
            if plan is not None and plan.kind == PlanKind.ROUNDS:
                number = self._round_to_show(plan, session, now)
                if number is not None:
                    candidates.append((plan.running(now) != number, session, plan, number))
        if not candidates:
            return None
        _, session, plan, number = min(candidates, key=lambda c: (c[0], c[1].start))  # a running round first
        return self._status(plan, session, number, lang)

    def _round_to_show(self, plan: StoredPlan, session: Session, now: datetime) -> int | None:
        running = plan.running(now)
        if running is not None:
            return running
        duration = timedelta(minutes=plan.minutes)
        ends = [plan.starts[n] + duration for n in plan.starts]
        upcoming = plan.next_round()
        tz = self.desk.event.local_time(now).tzinfo
        start = datetime.combine(session.day, session.start, tz)
        end = datetime.combine(session.day, session.end, tz)
        if upcoming is not None and (start - BEFORE_SESSION <= now <= end
                                     or any(e <= now <= e + BEFORE_SESSION for e in ends)):
            return upcoming
        last = max(plan.starts, default=None)
        if last is not None and upcoming is None and now <= plan.starts[last] + duration + AFTER_LAST_ROUND:
            return last
        return None

    def _status(self, plan: StoredPlan, session: Session, number: int, lang: str) -> RoundStatus:
        round_ = plan.round(number)
        guests = stored.guests_by_id(self.store, (g for table in round_ for g in table.guests))
        tables = tuple(Table(t.label, tuple(public_name(guests[g]) for g in t.guests if g in guests)) for t in round_)
        return RoundStatus(number, plan.total, timedelta(minutes=plan.minutes), plan.starts.get(number), tables,
                           session.title(lang))
