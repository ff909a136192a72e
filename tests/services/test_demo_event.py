"""The built-in demo event and its generated, invented guest list."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from kiosk.core.model import Category, OrganizationKind
from kiosk.demo import DEMO_NAME, DEMO_STAFF_PIN, create_demo
from kiosk.demo.generate import GUESTS_CSV, generate_rows, render_csv
from kiosk.services.setup import check_staff_pin
from kiosk.storage import Store


def test_committed_demo_guest_list_is_exactly_what_the_generator_writes():
    assert GUESTS_CSV.read_text(encoding="utf-8") == render_csv(generate_rows())


def test_demo_guest_list_uses_reserved_example_domains_only():
    emails = [row[7] for row in generate_rows()]
    assert all(e.endswith(("@example.org", "@example.com", "@example.net")) for e in emails)
    assert len(set(emails)) == len(emails)


def test_demo_event_runs_three_days_from_the_given_day_with_about_300_guests(tmp_path):
    store = Store.open(tmp_path / "demo.sqlite3")
    try:
        report = create_demo(store, first_day=date(2024, 2, 29))
        event = store.event()
        guests = store.guests()
        organizations = store.organizations()

        assert report.rejected == []
        assert event.name == DEMO_NAME
        assert "Fruchthalle" in event.venue
        assert event.days == (date(2024, 2, 29), date(2024, 3, 1), date(2024, 3, 2))
        assert 250 <= len(guests) <= 350
        assert 30 <= len(organizations) <= 40
        kinds = Counter(o.kind for o in organizations)
        for kind in (OrganizationKind.DIGITAL_CENTRE, OrganizationKind.MINISTRY,
                     OrganizationKind.PROJECT_AGENCY, OrganizationKind.RESEARCH, OrganizationKind.PARTNER_HUB,
                     OrganizationKind.PRESS, OrganizationKind.STAFF):
            assert kinds[kind] >= 1, kind
        categories = Counter(g.category for g in guests)
        assert set(categories) >= {Category.PARTICIPANT, Category.SPEAKER, Category.PRESS, Category.STAFF}
        assert all(set(g.days) <= set(event.days) for g in guests)
        assert check_staff_pin(store, DEMO_STAFF_PIN)
    finally:
        store.close()


def test_demo_defaults_to_starting_today(tmp_path):
    store = Store.open(tmp_path / "demo.sqlite3")
    try:
        create_demo(store)
        assert store.event().days == tuple(date.today() + timedelta(days=n) for n in range(3))
    finally:
        store.close()
