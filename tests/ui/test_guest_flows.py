"""A guest at the door: check-in by scan and by search, consent, repeated and bad codes,
walk-in registration and the idle reset, driven through the real widgets."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit
from ui_support import FIRST_DAY, berlin, first_visitors

from kiosk.core.codes import new_event_secret, new_ticket_code, sign_badge_token
from kiosk.core.model import PrintStatus, new_id
from kiosk.core.search import fold

KEYBOARD_CHARS = set("1234567890ßqwertzuiopüasdfghjklöäyxcvbnm-. ")
STARTED_AT = "09:10"  # the fixed clock of these tests, in Fruchthalle time


def titled_guest(store):
    """A first-time guest with 'Dr.' and an organization, expected today, who agreed to networking."""
    return next(g for g in first_visitors(store, FIRST_DAY)
                if g.title == "Dr." and g.organization and g.consent_contacts)


def typable_guest(store, exclude=()):
    """A first-time guest whose name can be typed on the touch keyboard and has no namesake."""
    guests = first_visitors(store, FIRST_DAY)
    names = [fold(f"{g.first_name} {g.last_name}") for g in store.guests()]
    return next(g for g in guests if g.id not in exclude and g.organization
                and set(f"{g.first_name} {g.last_name}".lower()) <= KEYBOARD_CHARS
                and names.count(fold(f"{g.first_name} {g.last_name}")) == 1)


def visible_texts(kiosk) -> str:
    """Every text a guest can see on the window right now."""
    labels = [w.text() for w in kiosk.window.findChildren(QLabel) if w.isVisible()]
    return "\n".join(labels)


def only_check_in(store, guest_id):
    rows = [c for c in store.check_ins() if c.guest_id == guest_id]
    assert len(rows) == 1, rows
    return rows[0]


# -- check-in by scan -----------------------------------------------------------------------------------


def test_scanned_invitation_asks_for_consent_then_welcomes_and_prints_the_badge(kiosk, printed_dir):
    guest = titled_guest(kiosk.store)
    assert kiosk.current == "welcome"

    kiosk.scan(guest.ticket_code)

    assert kiosk.scans == [guest.ticket_code]
    assert kiosk.current == "consent"
    assert kiosk.text("consentGreeting") == f"Willkommen, {guest.full_name}!"
    assert "Beim Netzwerken mitmachen?" in visible_texts(kiosk)
    # The event's default (take part) is the prominent choice; the other one is right beside it.
    assert kiosk.find("consentYes").property("role") == "primary"
    assert kiosk.find("consentNo").isVisible()
    only_check_in(kiosk.store, guest.id)  # checked in at the scan: the question only follows
    assert kiosk.store.guest(guest.id).consent_contacts is False  # the pre-ticked default is no answer

    kiosk.tap("consentYes")
    kiosk.print_previewed_badge()

    assert kiosk.current == "message"
    assert kiosk.message() == {
        "title": f"Willkommen, {guest.full_name}!",
        "name": f"Dr. {guest.first_name} {guest.last_name}",
        "detail": guest.organization_name,
        "status": "Bitte entnehmen Sie Ihr Namensschild am Drucker.",
    }
    check_in = only_check_in(kiosk.store, guest.id)
    assert (check_in.day, check_in.at) == (FIRST_DAY, berlin(FIRST_DAY, 9, 10))
    assert kiosk.store.guest(guest.id).consent_contacts is True
    [job] = kiosk.store.print_jobs()
    assert (job.guest_id, job.status) == (guest.id, PrintStatus.DONE)
    [pdf] = printed_dir.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert job.reason == str(pdf)
    assert kiosk.feedback.played == ["success"]
    assert "@" not in visible_texts(kiosk)

    kiosk.tap("messageDone")
    assert kiosk.current == "welcome"


def test_declining_networking_on_the_first_visit_is_stored_and_still_checks_in(kiosk):
    guest = titled_guest(kiosk.store)
    kiosk.scan(guest.ticket_code)

    kiosk.tap("consentNo")
    kiosk.print_previewed_badge()

    assert kiosk.current == "message"
    assert kiosk.message()["title"] == f"Willkommen, {guest.full_name}!"
    assert kiosk.store.guest(guest.id).consent_contacts is False
    only_check_in(kiosk.store, guest.id)


def test_badge_scanned_at_the_entrance_checks_in_too(kiosk):
    guest = titled_guest(kiosk.store)
    kiosk.scan(kiosk.desk.badge_token(guest))
    assert kiosk.current == "consent"
    kiosk.tap("consentYes")
    kiosk.print_previewed_badge()
    assert kiosk.message()["title"] == f"Willkommen, {guest.full_name}!"
    only_check_in(kiosk.store, guest.id)


def test_returning_guest_on_the_second_day_is_not_asked_again(kiosk):
    guest = next(g for g in first_visitors(kiosk.store, FIRST_DAY) if FIRST_DAY + timedelta(days=1) in g.days)
    kiosk.desk.check_in_guest(guest)  # yesterday, as far as the kiosk will know
    kiosk.store.set_consent(guest.id, False)
    kiosk.clock.advance(days=1)

    kiosk.scan(guest.ticket_code)
    kiosk.print_previewed_badge()

    assert kiosk.current == "message"
    assert kiosk.message()["title"] == f"Willkommen, {guest.greeting_name}!"
    assert sorted(c.day for c in kiosk.store.check_ins()) == [FIRST_DAY, FIRST_DAY + timedelta(days=1)]
    assert kiosk.store.guest(guest.id).consent_contacts is False  # the earlier answer stands


def test_repeated_scan_is_ignored_for_two_seconds_then_welcomes_back_with_the_time(kiosk):
    guest = titled_guest(kiosk.store)
    kiosk.scan(guest.ticket_code)
    kiosk.scan(guest.ticket_code)  # the scanner read the same invitation again at once
    assert kiosk.scans == [guest.ticket_code]
    assert kiosk.current == "consent"

    kiosk.tap("consentYes")
    kiosk.print_previewed_badge()
    kiosk.monotonic.advance(1.0)
    kiosk.scan(guest.ticket_code)  # still within two seconds of the last read
    assert kiosk.scans == [guest.ticket_code]
    assert kiosk.message()["title"] == f"Willkommen, {guest.full_name}!"

    kiosk.wait_for_scan_window()
    kiosk.clock.advance(minutes=3)
    kiosk.scan(guest.ticket_code)

    assert kiosk.scans == [guest.ticket_code] * 2
    assert kiosk.message() == {
        "title": f"Schön, dass Sie wieder da sind, {guest.full_name}!",
        "name": f"Dr. {guest.first_name} {guest.last_name}",
        "detail": f"Sie haben heute bereits um {STARTED_AT} Uhr eingecheckt.",
        "status": "Sie brauchen ein neues Namensschild? Das Team am Infostand druckt es Ihnen gern.",
    }
    only_check_in(kiosk.store, guest.id)
    assert len(kiosk.store.print_jobs()) == 1  # a reprint only through staff


def _forged(kiosk, guest):
    token = kiosk.desk.badge_token(guest)
    return token[:-1] + ("A" if token[-1] != "A" else "B")


BAD_CODES = {
    "forged badge": (_forged, "Dieses Namensschild konnte nicht geprüft werden."),
    "truncated badge": (lambda kiosk, guest: kiosk.desk.badge_token(guest)[:-6],
                        "Der Code wurde nur teilweise gelesen. Bitte noch einmal scannen."),
    "badge of another event": (lambda kiosk, guest: sign_badge_token(new_event_secret(), new_id(), guest.id),
                               "Dieses Namensschild gehört zu einer anderen Veranstaltung."),
    "unknown ticket": (lambda kiosk, guest: new_ticket_code(),
                       "Dieser Code steht nicht auf der Gästeliste."),
    "ticket read in part": (lambda kiosk, guest: guest.ticket_code[:12],
                            "Dieser Code steht nicht auf der Gästeliste."),
}


@pytest.mark.parametrize("case", BAD_CODES)
def test_bad_code_gets_a_clear_message_and_checks_in_nobody(kiosk, case):
    make_code, explanation = BAD_CODES[case]
    guest = titled_guest(kiosk.store)

    kiosk.scan(make_code(kiosk, guest))

    assert kiosk.message() == {"title": "Das hat leider nicht geklappt", "name": "", "detail": explanation,
                               "status": "Bitte wenden Sie sich an das Team am Infostand."}
    assert kiosk.store.check_ins() == []
    assert kiosk.store.print_jobs() == []
    assert kiosk.feedback.played == ["problem"]
    assert not re.search(r"Traceback|Error|Exception", visible_texts(kiosk))


def test_guest_registered_for_other_days_is_told_so_without_a_consent_question(kiosk):
    """Bug: the kiosk asks 'Beim Netzwerken mitmachen?' first and refuses the check-in only after the
    answer (and stores that answer). The refusal must come straight after the scan."""
    later = next(g for g in kiosk.store.guests() if g.days and FIRST_DAY not in g.days and g.consent_contacts)

    kiosk.scan(later.ticket_code)

    assert kiosk.current == "message", "the guest was asked for consent although they cannot check in today"
    assert kiosk.message()["detail"] == "Ihre Anmeldung gilt für andere Tage."
    assert kiosk.store.check_ins() == []


def test_guest_registered_for_other_days_keeps_their_consent_answer_unchanged(kiosk):
    """The refused check-in must not store the consent answer given on the way (same bug as above)."""
    later = next(g for g in kiosk.store.guests() if g.days and FIRST_DAY not in g.days and g.consent_contacts)
    kiosk.scan(later.ticket_code)
    if kiosk.current == "consent":
        kiosk.tap("consentNo")

    assert kiosk.message()["detail"] == "Ihre Anmeldung gilt für andere Tage."
    assert kiosk.store.check_ins() == []
    assert kiosk.store.guest(later.id).consent_contacts is True


# -- check-in by search ---------------------------------------------------------------------------------


def test_search_on_the_touch_keyboard_then_is_this_you_then_check_in(kiosk):
    guest = typable_guest(kiosk.store)
    kiosk.tap("searchButton")
    assert kiosk.current == "search"
    assert kiosk.text("queryLabel") == "Tippen Sie den Anfang Ihres Namens"
    assert kiosk.text("searchHint") == "Während Sie tippen, erscheint hier Ihr Name."

    typed = f"{guest.first_name} {guest.last_name}".lower()
    kiosk.tap_keys(typed + "x")
    assert kiosk.text("searchHint") == "Kein Name gefunden. Bitte wenden Sie sich an das Team am Infostand."
    kiosk.tap("key-backspace")

    assert kiosk.text("queryLabel") == typed + "▏"
    assert kiosk.text("searchHint") == "Tippen Sie auf Ihren Namen."
    results = [kiosk.find(f"result-{i}") for i in range(5)]
    shown = [r for r in results if r.isVisible()]
    assert [r.text() for r in shown] == [f"{guest.full_name}\n{guest.organization_name}"]
    assert "@" not in visible_texts(kiosk)

    kiosk.tap(shown[0])
    assert "Sind Sie das?" in visible_texts(kiosk)
    assert kiosk.text("confirmName") == guest.full_name
    assert kiosk.text("confirmOrganization") == guest.organization_name
    assert kiosk.store.check_ins() == []

    kiosk.tap("confirmYes")
    assert kiosk.current == "consent"
    kiosk.tap("consentYes")
    kiosk.print_previewed_badge()

    assert kiosk.message()["title"] == f"Willkommen, {guest.greeting_name}!"
    assert kiosk.message()["detail"] == guest.organization_name
    only_check_in(kiosk.store, guest.id)
    assert [j.status for j in kiosk.store.print_jobs()] == [PrintStatus.DONE]


def test_search_results_tell_namesakes_apart_by_organization(kiosk):
    guests = first_visitors(kiosk.store, FIRST_DAY)
    pairs = {}
    for g in guests:
        if set(f"{g.first_name} {g.last_name}".lower()) <= KEYBOARD_CHARS:
            pairs.setdefault((g.first_name, g.last_name), []).append(g)
    first, last = next(name for name, found in pairs.items()
                       if len(found) == 2 and len({g.organization_name for g in found}) == 2)
    kiosk.tap("searchButton")
    kiosk.tap_keys(f"{first} {last}".lower())

    shown = [kiosk.find(f"result-{i}") for i in range(5)]
    texts = sorted(r.text() for r in shown if r.isVisible())
    assert texts == sorted(f"{g.full_name}\n{g.organization_name}" for g in pairs[(first, last)])


def test_no_this_is_not_me_goes_back_to_the_list_without_checking_in(kiosk):
    guest = typable_guest(kiosk.store)
    kiosk.tap("searchButton")
    kiosk.tap_keys(f"{guest.first_name} {guest.last_name}".lower())
    result = next(kiosk.find(f"result-{i}") for i in range(5)
                  if kiosk.find(f"result-{i}").text().startswith(guest.full_name))
    kiosk.tap(result)

    kiosk.tap("confirmNo")

    assert kiosk.current == "search"
    assert result.isVisible() and not kiosk.find("confirmYes").isVisible()
    assert kiosk.store.check_ins() == []


def test_clear_key_empties_the_search(kiosk):
    kiosk.tap("searchButton")
    kiosk.tap_keys("mül")
    assert any(kiosk.find(f"result-{i}").isVisible() for i in range(5))
    kiosk.tap("key-clear")
    assert kiosk.text("queryLabel") == "Tippen Sie den Anfang Ihres Namens"
    assert not any(kiosk.find(f"result-{i}").isVisible() for i in range(5))


def test_search_for_someone_already_here_welcomes_them_back(kiosk):
    guest = typable_guest(kiosk.store)
    kiosk.desk.check_in_guest(guest)
    kiosk.tap("searchButton")
    kiosk.tap_keys(f"{guest.first_name} {guest.last_name}".lower())
    kiosk.tap("result-0")
    kiosk.tap("confirmYes")

    assert kiosk.message()["title"] == f"Schön, dass Sie wieder da sind, {guest.greeting_name}!"
    only_check_in(kiosk.store, guest.id)


# -- idle reset -----------------------------------------------------------------------------------------


def test_idle_search_returns_to_welcome_and_forgets_the_typed_name(kiosk):
    kiosk.tap("searchButton")
    kiosk.tap_keys("schm")
    assert kiosk.text("queryLabel") == "schm▏"

    kiosk.let_idle_time_pass()

    assert kiosk.current == "welcome"
    kiosk.tap("searchButton")
    assert kiosk.text("queryLabel") == "Tippen Sie den Anfang Ihres Namens"
    assert not any(kiosk.find(f"result-{i}").isVisible() for i in range(5))
    assert "schm" not in visible_texts(kiosk)


def test_idle_on_the_confirm_page_forgets_the_chosen_guest(kiosk):
    guest = typable_guest(kiosk.store)
    kiosk.tap("searchButton")
    kiosk.tap_keys(f"{guest.first_name} {guest.last_name}".lower())
    kiosk.tap("result-0")
    assert kiosk.find("confirmName").isVisible()

    kiosk.let_idle_time_pass()

    kiosk.tap("searchButton")
    assert not kiosk.find("confirmYes").isVisible()
    assert guest.full_name not in visible_texts(kiosk)
    assert kiosk.store.check_ins() == []


def test_idle_timer_does_not_run_on_the_welcome_screen(kiosk):
    assert kiosk.current == "welcome"
    assert not kiosk.window.idle_timer.isActive()
    kiosk.tap("leaderboardButton")
    assert kiosk.window.idle_timer.isActive()
    assert kiosk.window.idle_timer.interval() == 30_000


# -- walk-in registration -------------------------------------------------------------------------------


def _tap_field(kiosk, field):
    line = kiosk.find(f"walkIn-{field}", QLineEdit)
    kiosk.press(line)
    kiosk.settle()
    assert line.hasFocus()
    return line


def test_walk_in_registers_on_the_touch_keyboard_and_is_flagged_for_review(kiosk):
    before = {g.id for g in kiosk.store.guests()}
    kiosk.tap("walkInButton")
    assert kiosk.current == "walk_in"
    assert not kiosk.find("key-@").isVisible()  # e-mail keys only for the e-mail field

    _tap_field(kiosk, "first_name")
    kiosk.tap_keys("ulrike")
    _tap_field(kiosk, "last_name")
    kiosk.tap_keys("sommer-feld")
    _tap_field(kiosk, "organization")
    kiosk.tap_keys("hofladen sommer-feld")
    _tap_field(kiosk, "email")
    assert kiosk.find("key-@").isVisible()
    kiosk.tap_keys("ulrike")
    kiosk.tap("key-@")
    kiosk.tap_keys("hofladen")
    kiosk.tap("key-.de")
    values = {f: kiosk.find(f"walkIn-{f}", QLineEdit).text()
              for f in ("first_name", "last_name", "organization", "email")}
    assert values == {"first_name": "Ulrike", "last_name": "Sommer-Feld",
                      "organization": "Hofladen Sommer-Feld", "email": "ulrike@hofladen.de"}

    kiosk.tap("walkInSubmit")
    if kiosk.current == "consent":  # see test_walk_in_is_asked_for_consent_like_every_first_visit
        kiosk.tap("consentYes")
        kiosk.print_previewed_badge()

    [guest] = [g for g in kiosk.store.guests() if g.id not in before]
    assert (guest.first_name, guest.last_name, guest.organization_name, guest.email) == (
        "Ulrike", "Sommer-Feld", "Hofladen Sommer-Feld", "ulrike@hofladen.de")
    assert guest.walk_in is True
    assert kiosk.store.needs_review(guest.id) is True
    check_in = only_check_in(kiosk.store, guest.id)
    assert check_in.day == FIRST_DAY
    assert kiosk.message()["title"] == "Willkommen, Ulrike Sommer-Feld!"
    assert kiosk.message()["status"] == "Bitte entnehmen Sie Ihr Namensschild am Drucker."
    assert [(j.guest_id, j.status) for j in kiosk.store.print_jobs()] == [(guest.id, PrintStatus.DONE)]
    assert "ulrike@hofladen.de" not in visible_texts(kiosk)


def test_walk_in_is_asked_for_consent_like_every_first_visit(kiosk):
    """Bug: a walk-in is checked in with the event's default consent without ever seeing the question
    'Beim Netzwerken mitmachen?', so they may land on the public leaderboard unasked."""
    kiosk.tap("walkInButton")
    _tap_field(kiosk, "first_name")
    kiosk.tap_keys("ole")
    kiosk.tap("walkInSubmit")

    assert kiosk.current == "consent"
    kiosk.tap("consentNo")
    [guest] = [g for g in kiosk.store.guests() if g.walk_in]
    assert guest.consent_contacts is False
    only_check_in(kiosk.store, guest.id)


def test_walk_in_without_a_name_is_asked_for_it(kiosk):
    count = kiosk.store.guest_count()
    kiosk.tap("walkInButton")
    _tap_field(kiosk, "organization")
    kiosk.tap_keys("hofladen")

    kiosk.tap("walkInSubmit")

    assert kiosk.current == "walk_in"
    assert kiosk.shown_text("walkInStatus") == "Bitte geben Sie Ihren Namen ein."
    assert kiosk.store.guest_count() == count
    assert kiosk.store.check_ins() == []


def test_walk_in_with_a_broken_email_is_asked_to_check_it(kiosk):
    count = kiosk.store.guest_count()
    kiosk.tap("walkInButton")
    _tap_field(kiosk, "first_name")
    kiosk.tap_keys("ole")
    _tap_field(kiosk, "email")
    kiosk.tap_keys("ole")
    kiosk.tap("key-@")

    kiosk.tap("walkInSubmit")

    assert kiosk.shown_text("walkInStatus") == "Bitte prüfen Sie die E-Mail-Adresse."
    assert kiosk.store.guest_count() == count


def test_walk_in_is_not_offered_when_staff_have_not_allowed_it(make_kiosk):
    kiosk = make_kiosk(prepare=lambda store: store.update_event_settings(walk_ins_allowed=False))
    assert not kiosk.find("walkInButton").isVisible()
    assert kiosk.find("searchButton").isVisible()
