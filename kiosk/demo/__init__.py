"""The built-in demo event: Netzwerktreffen at the Fruchthalle, three days from today."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kiosk.core.programme import Session, SessionKind, check_session, new_session_id
from kiosk.i18n import ASSETS
from kiosk.services.guest_import import ImportReport, import_guests
from kiosk.services.setup import create_event, set_staff_pin
from kiosk.storage import Store, programme

DEMO_NAME = "Netzwerktreffen"
DEMO_VENUE = "Fruchthalle Kaiserslautern"
DEMO_TIMEZONE = "Europe/Berlin"
DEMO_STAFF_PIN = "2468"  # printed in the README; real events set their own with 'kiosk staff-pin'


def create_demo(store: Store, first_day: date | None = None) -> ImportReport:
    # "Today" where the event happens, which is what the front desk will call today.
    first_day = first_day or datetime.now(ZoneInfo(DEMO_TIMEZONE)).date()
    days = tuple(first_day + timedelta(days=offset) for offset in range(3))
    create_event(store, DEMO_NAME, DEMO_VENUE, days, DEMO_TIMEZONE, walk_ins_allowed=True)
    programme.save_sessions(store, demo_sessions(days))
    set_staff_pin(store, DEMO_STAFF_PIN)
    return import_guests(store, ASSETS / "demo" / "guests.csv")


def demo_sessions(days: tuple[date, ...]) -> list[Session]:
    """The demo programme (assets/demo/programme.json: day numbers, local times, both titles)."""
    items = json.loads((ASSETS / "demo" / "programme.json").read_text(encoding="utf-8"))
    return [check_session(Session(new_session_id(), days[item["day"] - 1], time.fromisoformat(item["start"]),
                                  time.fromisoformat(item["end"]), item["de"], item["en"], item["room"],
                                  SessionKind(item["kind"]), item.get("capacity")), days)
            for item in items]
