"""Contact exchange at the kiosk: unordered pairs of checked-in guests with badges, recorded once."""

from __future__ import annotations

import sqlite3

import pytest
from services_support import EVENT_DAYS, berlin

from kiosk.core.codes import sign_badge_token
from kiosk.core.refusals import Refusal
from kiosk.core.rules import ContactStatus

DAY1, DAY2, DAY3 = EVENT_DAYS


def contact_rows(db_path) -> list[tuple]:
    connection = sqlite3.connect(str(db_path))
    try:
        return connection.execute("SELECT guest_low_id, guest_high_id, day, at FROM contact_row").fetchall()
    finally:
        connection.close()


@pytest.fixture
def pair(desk, add_guest):
    """Two guests who both checked in on day 1."""
    a = add_guest("Ottilie", "Brandauer", organization="Digitalzentrum Nordkamm")
    b = add_guest("Henner", "Vasbeck", organization="Institut für Feldversuche")
    for guest in (a, b):
        desk.check_in(guest.ticket_code)
    return a, b


def test_first_exchange_is_new_and_stored_as_an_unordered_pair(desk, pair, clock, db_path):
    a, b = pair
    clock.advance(minutes=20)

    outcome = desk.exchange_contact(desk.badge_token(a), desk.badge_token(b))

    assert outcome.status == ContactStatus.NEW
    assert outcome.reason is None
    assert {g.id for g in outcome.guests} == {a.id, b.id}
    low, high = sorted((a.id, b.id))
    assert contact_rows(db_path) == [(low, high, "2023-10-24",
                                      berlin(DAY1, 9, 34).isoformat(timespec="microseconds"))]


def test_a_b_then_b_a_is_counted_once(desk, pair, clock, db_path):
    a, b = pair
    first = desk.exchange_contact(desk.badge_token(a), desk.badge_token(b))
    clock.set(berlin(DAY2, 14, 0))

    reverse = desk.exchange_contact(desk.badge_token(b), desk.badge_token(a))
    same_again = desk.exchange_contact(desk.badge_token(a), desk.badge_token(b))

    assert first.status == ContactStatus.NEW
    assert reverse.status == same_again.status == ContactStatus.ALREADY_KNOWN
    assert reverse.exchange.id == first.exchange.id
    assert reverse.exchange.at == berlin(DAY1, 9, 14)
    assert len(contact_rows(db_path)) == 1
    assert desk.contact_count(a.id) == desk.contact_count(b.id) == 1


def test_contacts_need_only_a_check_in_on_some_earlier_day(desk, pair, clock):
    a, b = pair
    clock.set(berlin(DAY3, 10, 0))  # neither checked in on day 3

    outcome = desk.exchange_contact(desk.badge_token(a), desk.badge_token(b))

    assert outcome.status == ContactStatus.NEW
    assert outcome.exchange.day == DAY3


def test_self_contact_is_rejected(desk, pair, db_path):
    a, _ = pair

    outcome = desk.exchange_contact(desk.badge_token(a), desk.badge_token(a))

    assert outcome.status == ContactStatus.REJECTED
    assert outcome.reason == Refusal.SELF_CONTACT
    assert contact_rows(db_path) == []


def test_unknown_code_is_rejected(desk, pair, db_path):
    a, _ = pair

    not_a_badge = desk.exchange_contact(desk.badge_token(a), "0123456789ABCDEFGHIJ")
    unknown_guest = desk.exchange_contact(
        desk.badge_token(a), sign_badge_token(desk.event.secret, desk.event.id,
                                              "6f1c2a8e-3d4b-4c5d-9e6f-7a8b9c0d1e2f"))

    assert not_a_badge.status == unknown_guest.status == ContactStatus.REJECTED
    assert not_a_badge.reason == Refusal.NOT_A_BADGE
    assert unknown_guest.reason == Refusal.UNKNOWN_GUEST
    assert contact_rows(db_path) == []


def test_forged_truncated_and_foreign_tokens_are_rejected(desk, pair, db_path):
    a, b = pair
    token_b = desk.badge_token(b)
    forged = token_b[:10] + ("A" if token_b[10] != "A" else "B") + token_b[11:]
    foreign = sign_badge_token(b"\x01" * 32, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", b.id)

    reasons = [desk.exchange_contact(desk.badge_token(a), other).reason
               for other in (forged, token_b[:-2], foreign)]

    assert reasons == [Refusal.FORGED_TOKEN, Refusal.TRUNCATED_TOKEN, Refusal.FOREIGN_EVENT]
    assert contact_rows(db_path) == []


def test_a_ticket_code_instead_of_a_badge_is_rejected(desk, pair, db_path):
    a, b = pair

    outcome = desk.exchange_contact(desk.badge_token(a), b.ticket_code)

    assert outcome.status == ContactStatus.REJECTED
    assert outcome.reason == Refusal.NOT_A_BADGE
    assert contact_rows(db_path) == []


@pytest.mark.parametrize("declined_first", [True, False])
def test_a_guest_who_declined_contact_exchange_cannot_be_scanned(desk, pair, add_guest, db_path,
                                                                   declined_first):
    a, _ = pair
    shy = add_guest("Lisbeth", "Oberhauser", consent=False)
    desk.check_in(shy.ticket_code)
    codes = [desk.badge_token(shy), desk.badge_token(a)]

    outcome = desk.exchange_contact(*(codes if declined_first else codes[::-1]))

    assert outcome.status == ContactStatus.REJECTED
    assert outcome.reason == Refusal.CONSENT_DECLINED
    assert outcome.blocking_guest.id == shy.id
    assert contact_rows(db_path) == []


def test_a_guest_who_has_not_checked_in_cannot_exchange_contacts(desk, pair, add_guest, db_path):
    a, _ = pair
    absent = add_guest("Jorinde", "Pfeffel")

    outcome = desk.exchange_contact(desk.badge_token(a), desk.badge_token(absent))

    assert outcome.status == ContactStatus.REJECTED
    assert outcome.reason == Refusal.NOT_CHECKED_IN
    assert outcome.blocking_guest.id == absent.id
    assert contact_rows(db_path) == []


def test_withdrawn_consent_is_respected_for_later_scans(desk, pair, store):
    a, b = pair
    store.set_consent(b.id, False)

    outcome = desk.exchange_contact(desk.badge_token(a), desk.badge_token(b))

    assert outcome.reason == Refusal.CONSENT_DECLINED
