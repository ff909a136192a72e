"""Setting up an event: its days, its secret, the staff PIN."""

from __future__ import annotations

from datetime import date

from kiosk.core.codes import new_event_secret
from kiosk.core.model import Event, new_id
from kiosk.core.pins import hash_pin, verify_pin
from kiosk.storage import Store


class SetupError(ValueError):
    pass


def parse_day_list(text: str) -> tuple[date, ...]:
    try:
        days = tuple(sorted({date.fromisoformat(part.strip()) for part in text.split(",") if part.strip()}))
    except ValueError as error:
        raise SetupError(f"--days: {error}; write days as 2023-10-24,2023-10-25") from None
    if not days:
        raise SetupError("--days: give at least one day, e.g. 2023-10-24,2023-10-25")
    return days


def create_event(store: Store, name: str, venue: str, days: tuple[date, ...], timezone: str = "Europe/Berlin",
                 walk_ins_allowed: bool = False, contact_consent_default: bool = True,
                 programme: list[dict] | None = None) -> Event:
    if store.has_event():
        raise SetupError(f"this database already holds the event '{store.event().name}'; "
                         "use a new --db for another event")
    if not name.strip():
        raise SetupError("--name must not be empty")
    _check_timezone(timezone)
    event = Event(id=new_id(), name=name.strip(), venue=venue.strip(), days=days, secret=new_event_secret(),
                  timezone=timezone, walk_ins_allowed=walk_ins_allowed,
                  contact_consent_default=contact_consent_default)
    with store.atomic():
        store.create_event(event, programme)
        store.audit("event_created", event.id)
    return event


def _check_timezone(name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SetupError(f"--timezone: unknown time zone '{name}' (e.g. Europe/Berlin)") from None


def set_staff_pin(store: Store, pin: str) -> None:
    store.event()
    try:
        pin_hash = hash_pin(pin)
    except ValueError as error:
        raise SetupError(str(error)) from None
    with store.atomic():
        store.set_staff_pin_hash(pin_hash)
        store.audit("staff_pin_set")


def check_staff_pin(store: Store, pin: str) -> bool:
    stored = store.staff_pin_hash()
    return bool(stored) and verify_pin(pin, stored)
