"""Fixtures for the use-case tests: a real SQLite file with a three-day event, a fixed clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from services_support import EVENT_DAYS, FixedClock, berlin

from kiosk.services.desk import FrontDesk
from kiosk.services.setup import create_event
from kiosk.storage import Store


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "event.sqlite3"


@pytest.fixture
def store(db_path):
    store = Store.open(db_path, device_id="11111111-2222-4333-8444-555555555555")
    create_event(store, "Testtreffen", "Fruchthalle", EVENT_DAYS)
    yield store
    store.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(berlin(EVENT_DAYS[0], 9, 14))


@pytest.fixture
def desk(store, clock) -> FrontDesk:
    return FrontDesk(store, clock=clock)


@pytest.fixture
def add_guest(store):
    """Save an invented guest straight into the store and return it."""
    from kiosk.core.codes import new_ticket_code
    from kiosk.core.model import Guest, Organization, new_id

    def add(first: str, last: str, *, ticket: str | None = None, days: tuple[date, ...] = (),
            consent: bool = True, organization: str = "", email: str = "", external_id: str = ""):
        guest = Guest(id=new_id(), first_name=first, last_name=last, ticket_code=ticket or new_ticket_code(),
                      days=days, consent_contacts=consent,
                      organization=Organization(organization) if organization else None,
                      email=email, external_id=external_id)
        store.save_guests([guest])
        return store.guest(guest.id)

    return add
