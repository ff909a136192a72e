"""Issue 14: the scan checks in at once and consent is asked after. A guest who walks away from the
question is checked in, gets their badge, and their consent stays 'not given' (the event's pre-ticked
default is no answer). A guest whose registration list or an earlier visit answered is not asked."""

from __future__ import annotations

from datetime import timedelta

from ui_support import FIRST_DAY, first_visitors

from kiosk.core.model import PrintStatus
from kiosk.services.guest_import import import_guests


def unanswered_guest(store):
    """A first-time guest today whose registration left the consent question open."""
    return next(g for g in first_visitors(store, FIRST_DAY) if not g.consent_answered and g.organization
                and FIRST_DAY + timedelta(days=1) in g.days)


def test_guest_who_walks_away_from_the_question_is_checked_in_with_a_badge_and_no_consent(kiosk):
    guest = unanswered_guest(kiosk.store)
    assert guest.consent_contacts is True  # the event's default, which is no consent yet

    kiosk.scan(guest.ticket_code)
    assert kiosk.current == "consent"
    kiosk.let_idle_time_pass()

    assert kiosk.current == "welcome"
    assert [c.guest_id for c in kiosk.store.check_ins()] == [guest.id]
    assert [(j.guest_id, j.status) for j in kiosk.store.print_jobs()] == [(guest.id, PrintStatus.DONE)]
    stored = kiosk.store.guest(guest.id)
    assert (stored.consent_contacts, stored.consent_answered) == (False, False)
    assert kiosk.text("consentGreeting", "consent") == ""  # the next guest does not see the last one's name


def test_answering_yes_gives_consent_once_and_for_all_days(kiosk):
    guest = unanswered_guest(kiosk.store)
    kiosk.scan(guest.ticket_code)
    kiosk.tap("consentYes")
    kiosk.print_previewed_badge()

    assert kiosk.message()["title"] == f"Willkommen, {guest.greeting_name}!"
    stored = kiosk.store.guest(guest.id)
    assert (stored.consent_contacts, stored.consent_answered) == (True, True)
    assert len(kiosk.store.print_jobs()) == 1

    kiosk.tap("messageDone")
    kiosk.clock.advance(days=1)
    kiosk.wait_for_scan_window()
    kiosk.scan(guest.ticket_code)  # the second day: welcomed at once
    kiosk.print_previewed_badge()

    assert kiosk.current == "message"
    assert kiosk.message()["title"] == f"Willkommen, {guest.greeting_name}!"
    assert kiosk.store.guest(guest.id).consent_contacts is True
    assert len(kiosk.store.check_ins()) == 2


def test_guest_who_walked_away_is_asked_again_on_the_next_day(kiosk):
    guest = unanswered_guest(kiosk.store)
    kiosk.scan(guest.ticket_code)
    kiosk.let_idle_time_pass()
    kiosk.clock.advance(days=1)
    kiosk.wait_for_scan_window()

    kiosk.scan(guest.ticket_code)

    assert kiosk.current == "consent"
    kiosk.tap("consentNo")
    stored = kiosk.store.guest(guest.id)
    assert (stored.consent_contacts, stored.consent_answered) == (False, True)


def test_guest_whose_list_said_no_is_not_asked(kiosk):
    guest = next(g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_answered)
    assert guest.consent_contacts is False  # the demo list's 'nein'

    kiosk.scan(guest.ticket_code)
    kiosk.print_previewed_badge()

    assert kiosk.current == "message"
    assert kiosk.message()["title"] == f"Willkommen, {guest.greeting_name}!"
    assert kiosk.store.guest(guest.id).consent_contacts is False
    assert [c.guest_id for c in kiosk.store.check_ins()] == [guest.id]


def test_guest_whose_list_said_yes_is_not_asked(make_kiosk, tmp_path):
    listing = tmp_path / "nachmeldung.csv"
    listing.write_text("Vorname;Nachname;Ticket;Kontaktaustausch\nGreta;Vorhold;NACHMELDUNG0001;ja\n",
                       encoding="utf-8")
    kiosk = make_kiosk(prepare=lambda store: import_guests(store, listing))

    kiosk.scan("NACHMELDUNG0001")
    kiosk.print_previewed_badge()

    assert kiosk.current == "message"
    assert kiosk.message()["title"] == "Willkommen, Greta Vorhold!"
    [guest] = [g for g in kiosk.store.guests() if g.last_name == "Vorhold"]
    assert (guest.consent_contacts, guest.consent_answered) == (True, True)


def test_an_answer_given_at_another_kiosk_is_not_asked_again(kiosk):
    guest = unanswered_guest(kiosk.store)
    kiosk.store.set_consent(guest.id, True)  # as a synced answer arrives: a journal 'guest' change

    kiosk.scan(guest.ticket_code)
    kiosk.print_previewed_badge()

    assert kiosk.current == "message"
    assert kiosk.store.guest(guest.id).consent_contacts is True
