"""Fixtures for the printing tests: a real CUPS PDF queue, an event database with guests."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from printing_support import CupsSetupError, setup_cups_pdf, teardown_cups_pdf

from kiosk.core.model import Category, Guest, Organization
from kiosk.services.setup import create_event
from kiosk.storage import Store

EVENT_DAYS = (date(2026, 5, 14), date(2026, 5, 15))


@pytest.fixture(scope="session")
def cups_pdf():
    """A cups-pdf queue on a running CUPS; a test that needs it fails (never skips) when it cannot be had."""
    queue = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    try:
        cups = setup_cups_pdf(queue)
    except (CupsSetupError, OSError) as error:
        pytest.fail(f"CUPS round trip impossible here: {error}", pytrace=False)
    yield cups
    teardown_cups_pdf(cups)


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "print.sqlite3", device_id="11111111-2222-4333-8444-555555555555")
    create_event(store, "Netzwerktreffen Fruchthalle", "Fruchthalle Kaiserslautern", EVENT_DAYS)
    yield store
    store.close()


@pytest.fixture
def guest(store) -> Guest:
    guest = Guest(id=str(uuid.uuid4()), first_name="Þórunn", last_name="Guðmundsdóttir-Zimmermann",
                  ticket_code="PRINTTEST0000000001", organization=Organization("Háskóli Íslands"),
                  category=Category.SPEAKER)
    store.save_guests([guest])
    return guest
