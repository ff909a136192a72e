"""The check-in and contact rules, decided without any storage."""

from __future__ import annotations

from datetime import date, datetime, timezone

from kiosk.core.model import CheckIn, ContactExchange, Event, Guest
from kiosk.core.refusals import Refusal
from kiosk.core.rules import CheckInStatus, ContactStatus, decide_check_in, decide_contact

DAYS = (date(2023, 10, 24), date(2023, 10, 25), date(2023, 10, 26))
EVENT = Event(id="e", name="Testtreffen", venue="Halle", days=DAYS, secret=b"k" * 32)
T0 = datetime(2023, 10, 24, 7, 14, tzinfo=timezone.utc)
T1 = datetime(2023, 10, 24, 9, 40, tzinfo=timezone.utc)


def guest(guest_id: str, days=(), consent=True) -> Guest:
    return Guest(id=guest_id, first_name="Gast", last_name=guest_id, ticket_code=guest_id.upper(), days=days,
                 consent_contacts=consent)


def test_first_check_in_of_the_day_creates_one():
    outcome = decide_check_in(EVENT, guest("a"), DAYS[0], None, T0)

    assert outcome.status == CheckInStatus.CHECKED_IN
    assert (outcome.check_in.guest_id, outcome.check_in.day, outcome.check_in.at) == ("a", DAYS[0], T0)


def test_an_earlier_check_in_of_that_day_is_returned_not_replaced():
    earlier = CheckIn("a", DAYS[0], T0)

    outcome = decide_check_in(EVENT, guest("a"), DAYS[0], earlier, T1)

    assert outcome.status == CheckInStatus.ALREADY_CHECKED_IN
    assert outcome.check_in is earlier


def test_not_registered_for_the_day_and_not_an_event_day():
    only_day3 = guest("a", days=(DAYS[2],))
    assert decide_check_in(EVENT, only_day3, DAYS[0], None, T0).reason == Refusal.NOT_REGISTERED_TODAY
    assert decide_check_in(EVENT, only_day3, date(2023, 10, 27), None, T0).reason == Refusal.NOT_AN_EVENT_DAY
    assert decide_check_in(EVENT, only_day3, DAYS[2], None, T0).status == CheckInStatus.CHECKED_IN


def test_contact_between_two_checked_in_guests_is_an_unordered_pair():
    b, a = guest("b"), guest("a")

    outcome = decide_contact(b, a, {"a", "b"}, None, T0, DAYS[0])

    assert outcome.status == ContactStatus.NEW
    assert (outcome.exchange.guest_low, outcome.exchange.guest_high) == ("a", "b")
    assert ContactExchange.pair("b", "a") == ContactExchange.pair("a", "b") == ("a", "b")


def test_a_known_pair_is_already_known():
    earlier = ContactExchange("a", "b", T0, DAYS[0])
    outcome = decide_contact(guest("b"), guest("a"), {"a", "b"}, earlier, T1, DAYS[0])
    assert outcome.status == ContactStatus.ALREADY_KNOWN
    assert outcome.exchange is earlier


def test_contact_refusals_name_the_guest_who_blocks():
    a, b, shy = guest("a"), guest("b"), guest("c", consent=False)

    self_contact = decide_contact(a, a, {"a"}, None, T0, DAYS[0])
    declined = decide_contact(a, shy, {"a", "c"}, None, T0, DAYS[0])
    absent = decide_contact(a, b, {"a"}, None, T0, DAYS[0])

    assert (self_contact.status, self_contact.reason) == (ContactStatus.REJECTED, Refusal.SELF_CONTACT)
    assert (declined.reason, declined.blocking_guest) == (Refusal.CONSENT_DECLINED, shy)
    assert (absent.reason, absent.blocking_guest) == (Refusal.NOT_CHECKED_IN, b)


def test_names_for_display():
    g = Guest(id="x", first_name="", last_name="Madonnina", ticket_code="X", title="Dr.")
    assert g.full_name == "Dr. Madonnina"
    assert g.greeting_name == "Dr. Madonnina"
