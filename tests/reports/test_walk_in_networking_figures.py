"""The report's networking figures, the champion and the certificate count no contact with a walk-in
awaiting staff review; the guests' own contact lists still hold those contacts."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from event_scenario import DAYS, Clock, berlin, pdf_text

from kiosk.core.leaderboard import counted, rank_networkers
from kiosk.core.model import ContactExchange
from kiosk.reports import certificate_pdf, champion, collect_figures, my_contacts, report_pdf
from kiosk.services.desk import FrontDesk
from kiosk.services.staff import StaffDesk
from kiosk.storage import analytics
from kiosk.storage.privacy import purge_before

PUPPETS = 6


@pytest.fixture
def farm(small):
    """Fritz Ulbrich (no real contacts) scans six puppets on the first day, and the champion Amrei
    Kolbeck (4 real contacts) scans them too: without the rule she would have 10, Fritz 6."""
    store = small.store
    clock = Clock(berlin(DAYS[0], 15))
    desk = FrontDesk(store, clock=clock)
    farmer, kolbeck = store.guest(small.ids["Ulbrich"]), store.guest(small.ids["Kolbeck"])
    desk.check_in_guest(farmer, DAYS[0])
    puppets = []
    for n in range(PUPPETS):
        clock.now = berlin(DAYS[0], 15, n)
        puppet = desk.register_walk_in("Puppe", f"Nummer {n}", "Puppenfarm", "")
        desk.check_in_guest(puppet, DAYS[0])
        for partner in (farmer, kolbeck):
            assert desk.exchange_contact(desk.badge_token(puppet), desk.badge_token(partner)).status == "new"
        puppets.append(puppet.id)
    return small, farmer.id, puppets


def networkers(figures) -> list[tuple[str, int]]:
    return [(n.full_name, n.contacts) for n in figures.networkers]


def test_figures_leave_out_contacts_with_walk_ins_awaiting_review(farm):
    small, farmer, _ = farm
    before_farming = {"contacts": 7, "day1": 3}  # hand-counted in tests/event_scenario.py

    figures = collect_figures(small.store)
    day1 = collect_figures(small.store, DAYS[0])

    assert figures.contacts == before_farming["contacts"]
    assert [d.contacts for d in figures.days] == [3, 3, 1]
    assert day1.contacts == before_farming["day1"]
    assert farmer not in {n.guest_id for n in figures.networkers + day1.networkers}
    assert networkers(figures)[:2] == [("Amrei Kolbeck", 4), ("Edda Quast", 4)]
    assert (champion(small.store).full_name, champion(small.store).contacts) == ("Amrei Kolbeck", 4)
    certificate = pdf_text(certificate_pdf(small.store, "en"))
    assert "Amrei Kolbeck" in certificate and "making 4 new contacts" in certificate


@pytest.mark.parametrize("lang, rule", [
    ("en", "Contacts with walk-ins whose registration staff have not approved yet do not count."),
    ("de", "Kontakte mit Gästen, deren Vor-Ort-Registrierung das Team noch nicht freigegeben hat, zählen nicht.")])
def test_the_report_names_the_rule_and_not_the_farmer(farm, lang, rule):
    small, _, _ = farm
    text = pdf_text(report_pdf(small.store, lang))
    assert rule in text
    assert "Fritz U." not in text and "Puppe N." not in text  # (their organization attended: listed)


def test_approved_puppets_count_from_then_on_for_both_sides(farm):
    small, farmer, puppets = farm
    staff = StaffDesk(small.store, FrontDesk(small.store))
    for puppet in puppets[:2]:
        assert staff.approve_walk_in(puppet)

    figures = collect_figures(small.store)

    assert figures.contacts == 7 + 2 * 2
    assert figures.days[0].contacts == 3 + 2 * 2
    board = dict(networkers(figures))
    assert board["Fritz Ulbrich"] == 2 and board["Amrei Kolbeck"] == 4 + 2
    assert board["Puppe Nummer 0"] == board["Puppe Nummer 1"] == 2
    assert "Puppe Nummer 2" not in board


def test_the_contacts_stay_in_the_guests_own_contact_lists(farm):
    """The export is the guest's address book of people they met, not a score: it keeps them."""
    small, farmer, puppets = farm
    listed = [c.last_name for c in my_contacts(small.store, farmer).cards]
    assert listed == [f"Nummer {n}" for n in range(PUPPETS)]
    assert len(my_contacts(small.store, puppets[0]).cards) == 2


def test_purge_keeps_the_review_state_so_the_counts_do_not_change(farm):
    small, _, _ = farm
    before = collect_figures(small.store).counts()

    purge_before(small.store, DAYS[-1] + timedelta(days=1))

    assert collect_figures(small.store).counts() == before


def test_sql_ranking_agrees_with_the_core_rule_on_random_contacts(farm):
    """The same rule twice, SQL (analytics) and Python (core.leaderboard.counted), on random pairs."""
    small, _, puppets = farm
    store, rng = small.store, random.Random(12)
    staff = StaffDesk(store, FrontDesk(store))
    for puppet in rng.sample(puppets, 3):
        staff.approve_walk_in(puppet)
    ids = sorted({*small.ids.values(), *puppets})
    known = {(c.guest_low, c.guest_high) for c in store.contacts()}
    with store.atomic():
        for n, (low, high) in enumerate({tuple(sorted(rng.sample(ids, 2))) for _ in range(60)} - known):
            day = rng.choice(DAYS)
            store.add_contact(ContactExchange(low, high, berlin(day, 8) + timedelta(minutes=n), day))
    unconfirmed = analytics.unconfirmed_guest_ids(store)
    assert 0 < len(unconfirmed) < PUPPETS
    consenting = {g.id for g in store.guests() if g.consent_contacts}
    for day in (None, *DAYS):
        expected = [s for s in rank_networkers(store.contacts(), day, unconfirmed=unconfirmed)
                    if s.guest_id in consenting]
        assert [(s.guest_id, s.contacts) for s in expected[:10]] == [
            row[:2] for row in analytics.top_networkers(store, day, top=10)]
    per_day = {}
    for exchange in counted(store.contacts(), unconfirmed):
        per_day[exchange.day] = per_day.get(exchange.day, 0) + 1
    assert {d: n for d, n in analytics.contacts_by_day(store).items() if n} == per_day
