"""The README's speed-networking pictures (`main.py --screenshot OUT.png --screen my-tables|ticks|staff-rounds`):
today's speed networking as the demo played it (or planned now, on a database without it), shown at a
moment of the session: three minutes into round 2 for 'my tables', after the last round for the ticks."""

from __future__ import annotations

from datetime import timedelta
from typing import Callable

from kiosk.services.rounds import PlanOptions, RoundsDesk


def stage_rounds(kiosk, screen: str, settle: Callable[[], None]) -> None:
    rounds = RoundsDesk(kiosk.desk)
    session = rounds.round_sessions()[0]
    view = rounds.plan_view(session.id) or rounds.plan(session.id, PlanOptions(rounds=4, time_limit=2.0))
    for number in range(1, view.total + 1):
        rounds.start_round(session.id, number)  # the demo started them all; a plan made now starts here
    view = rounds.plan_view(session.id)
    minutes = timedelta(minutes=view.minutes)
    moment = view.rounds[1].started_at + timedelta(minutes=3) if screen != "ticks" \
        else view.rounds[-1].started_at + minutes + timedelta(minutes=2)
    kiosk.desk.clock = lambda: moment  # the flows and services ask the desk for the time
    if screen == "staff-rounds":
        kiosk.staff_login.enter_staff_mode()
        kiosk.staff_login.staff.show_page("rounds")
        settle()
        return
    guest = _guest(kiosk, rounds, session.id, view, ticking=screen == "ticks")
    kiosk.tables.refresh()
    settle()
    kiosk.tables.open()
    kiosk.router.route(kiosk.desk.badge_token(guest))
    settle()
    if screen == "ticks":
        kiosk.tables.open_ticks()
        settle()
        kiosk.tables.ticks.tiles[0].setChecked(True)


def _guest(kiosk, rounds: RoundsDesk, session_id: str, view, ticking: bool):
    """A guest with a title, seated in every round; for the ticks one with several tablemates left to tick."""
    seated = [s.guest_id for table in view.rounds[-1].tables for s in table.seats]
    guests = [g for g in (kiosk.store.guest(g) for g in seated) if g.title and g.first_name and g.consent_contacts]
    if not ticking:
        return guests[0]
    return max(guests, key=lambda g: sum(not m.ticked and not m.contact for m in rounds.tablemates(session_id, g.id)))
