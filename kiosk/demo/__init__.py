"""The built-in demo event: Netzwerktreffen at the Fruchthalle, three days from today."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.i18n import ASSETS
from kiosk.services.guest_import import ImportReport, import_guests
from kiosk.services.setup import create_event, set_staff_pin
from kiosk.storage import Store

DEMO_NAME = "Netzwerktreffen"
DEMO_VENUE = "Fruchthalle Kaiserslautern"
DEMO_TIMEZONE = "Europe/Berlin"
DEMO_STAFF_PIN = "2468"  # printed in the README; real events set their own with 'kiosk staff-pin'


def create_demo(store: Store, first_day: date | None = None) -> ImportReport:
    # "Today" where the event happens, which is what the front desk will call today.
    first_day = first_day or datetime.now(ZoneInfo(DEMO_TIMEZONE)).date()
    days = tuple(first_day + timedelta(days=offset) for offset in range(3))
    programme = json.loads((ASSETS / "demo" / "programme.json").read_text(encoding="utf-8"))
    create_event(store, DEMO_NAME, DEMO_VENUE, days, DEMO_TIMEZONE, walk_ins_allowed=True, programme=programme)
    set_staff_pin(store, DEMO_STAFF_PIN)
    return import_guests(store, ASSETS / "demo" / "guests.csv")
