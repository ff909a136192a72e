"""Realistic activity for the demo event: morning arrivals, contacts made during the breaks, speed
networking and pub quiz teams (kiosk.demo.rounds)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kiosk.services.desk import FrontDesk
from kiosk.storage import Store

from .rounds import simulate_rounds


def _moment(event_tz: str, day: date, minutes_after_eight: float) -> datetime:
    local = datetime.combine(day, time(8, 0), ZoneInfo(event_tz)) + timedelta(minutes=minutes_after_eight)
    return local.astimezone(ZoneInfo("UTC"))


def simulate_day(store: Store, day: date, seed: int = 24, show_up: float = 0.85, contacts: int = 260) -> None:
    """Check in most guests registered for `day` and let them exchange contacts."""
    rng = random.Random(f"{seed}-{day.isoformat()}")
    clock_value = [datetime.now(ZoneInfo("UTC"))]
    desk = FrontDesk(store, clock=lambda: clock_value[0])
    event = desk.event
    guests = sorted((g for g in store.guests() if g.registered_for(day)), key=lambda g: g.id)
    arriving = [g for g in guests if rng.random() < show_up]
    for guest in arriving:
        # Most arrive in the first hour, a few stragglers until lunch.
        clock_value[0] = _moment(event.timezone, day, min(rng.gammavariate(2.0, 18.0) + 25, 240))
        desk.check_in_guest(guest, day)
    networkers = [g for g in arriving if g.consent_contacts]
    eager = networkers[: max(2, len(networkers) // 8)]  # a few people network a lot
    for _ in range(contacts if len(networkers) > 1 else 0):
        first = rng.choice(eager if rng.random() < 0.35 else networkers)
        second = rng.choice(networkers)
        clock_value[0] = _moment(event.timezone, day, rng.uniform(120, 540))
        badge = desk.badge_token
        desk.exchange_contact(badge(first), badge(second))
    simulate_rounds(desk, day, arriving, rng, lambda moment: clock_value.__setitem__(0, moment))


def simulate(store: Store, until: date | None = None, seed: int = 24) -> list[date]:
    """Simulate every event day up to `until` (default: all days)."""
    days = [d for d in store.event().days if until is None or d <= until]
    for day in days:
        simulate_day(store, day, seed)
    return days
