"""Every guest flow has a failure path: when the database fails under a check-in (by scan or by
search), the consent answer, the badge print, a contact exchange or a walk-in registration, the
guest reads a calm sentence at once, the kiosk goes home after the usual time, and staff mode's
log shows what failed, when, with which error. The log holds no personal data."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from PySide6.QtWidgets import QLineEdit, QProgressBar, QTableView
from ui_support import FIRST_DAY, first_visitors

from kiosk.storage import Store

PROBLEM_SECONDS = 0.4  # the message time, shortened so the tests need not wait ten seconds
CALM = {"title": "Das hat leider nicht geklappt", "name": "", "detail": "",
        "status": "Bitte wenden Sie sich an das Team am Infostand."}


@pytest.fixture(autouse=True)
def short_message_time(monkeypatch):
    monkeypatch.setattr("kiosk.ui.flows.messages.PROBLEM_SECONDS", PROBLEM_SECONDS)


def disk_fails(monkeypatch, method: str) -> None:
    def failing(*_args, **_kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, method, failing)


def guest_of_today(kiosk, index: int = 0):
    return [g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts and g.organization][index]


def assert_calm_failure_then_home(kiosk) -> None:
    """The calm message is up at once (not 'One moment …'), counts down the problem time, then home."""
    assert kiosk.message() == CALM
    countdown = kiosk.screen("message").findChild(QProgressBar)
    assert countdown.maximum() == round(PROBLEM_SECONDS * 10)  # ticks of 100 ms: not the 15 s of 'One moment'
    assert kiosk.feedback.played[-1] == "problem"
    kiosk.qtbot.waitUntil(lambda: kiosk.current == "welcome", timeout=3000)


def staff_problem_rows(kiosk) -> list[list[str]]:
    """Open staff mode with the PIN, go to the log, read the problems table."""
    kiosk.window.staff_requested.emit()
    kiosk.settle()
    kiosk.unlock_staff("log")
    table = kiosk.find("staffProblemTable", QTableView)
    model = table.model()
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert table.isVisible() == bool(rows)
    return rows


def assert_staff_sees(kiosk, where: str) -> None:
    [row] = staff_problem_rows(kiosk)
    assert row == ["09:10:00", where, "OperationalError: disk I/O error"]


def assert_log_is_impersonal(caplog, *personal: str) -> None:
    text = caplog.text
    assert "disk I/O error" in text
    for value in personal:
        assert value not in text


def test_check_in_by_scan(kiosk, monkeypatch, caplog):
    guest = guest_of_today(kiosk)
    disk_fails(monkeypatch, "check_in_of")
    caplog.set_level(logging.INFO)

    kiosk.scan(guest.ticket_code)

    assert_calm_failure_then_home(kiosk)
    assert_log_is_impersonal(caplog, guest.ticket_code, guest.last_name, guest.id)
    assert_staff_sees(kiosk, "Check-in")


def test_check_in_by_search(kiosk, monkeypatch):
    kiosk.tap("searchButton")
    kiosk.tap_keys("mül")
    disk_fails(monkeypatch, "check_in_of")

    kiosk.tap("result-0")
    kiosk.tap("confirmYes")

    assert_calm_failure_then_home(kiosk)
    assert_staff_sees(kiosk, "Check-in")


def test_consent_answer(kiosk, monkeypatch):
    guest = guest_of_today(kiosk)
    kiosk.scan(guest.ticket_code)
    assert kiosk.current == "consent"
    disk_fails(monkeypatch, "set_consent")

    kiosk.tap("consentYes")

    assert_calm_failure_then_home(kiosk)
    [check_in] = kiosk.store.check_ins()  # checked in at the scan, before the question
    assert check_in.guest_id == guest.id
    assert kiosk.store.guest(guest.id).consent_contacts is False  # the answer did not reach the store
    assert_staff_sees(kiosk, "Check-in")


def test_badge_print_request(kiosk, monkeypatch):
    guest = guest_of_today(kiosk)
    kiosk.scan(guest.ticket_code)
    disk_fails(monkeypatch, "add_print_job")

    kiosk.tap("consentYes")
    kiosk.print_previewed_badge()

    shown = kiosk.message()  # checked in: the welcome stays, the status says what to do about the badge
    assert shown["title"] == f"Willkommen, {guest.greeting_name}!"
    assert shown["status"] == ("Ihr Namensschild konnte nicht gedruckt werden. "
                               "Bitte wenden Sie sich an das Team am Infostand.")
    assert kiosk.screen("message").findChild(QProgressBar).maximum() == 70  # the usual welcome time
    kiosk.tap("messageDone")
    assert kiosk.current == "welcome"
    assert_staff_sees(kiosk, "Namensschild-Druck")


@pytest.mark.parametrize("failing, badge_number", [("checked_in_ids", 1), ("add_contact", 2)])
def test_contact_exchange(kiosk, monkeypatch, failing, badge_number):
    anna, jonas = guest_of_today(kiosk, 0), guest_of_today(kiosk, 1)
    for guest in (anna, jonas):
        kiosk.desk.check_in_guest(guest)
    kiosk.tap("contactButton")
    if badge_number == 2:
        kiosk.scan(kiosk.desk.badge_token(anna))
        assert kiosk.contact()["headline"] == "Jetzt die zweite Person"
    disk_fails(monkeypatch, failing)

    kiosk.scan(kiosk.desk.badge_token(jonas if badge_number == 2 else anna))

    assert_calm_failure_then_home(kiosk)
    monkeypatch.undo()
    assert kiosk.store.contacts() == []
    assert_staff_sees(kiosk, "Kontaktaustausch")


def test_walk_in_registration(kiosk, monkeypatch, caplog):
    caplog.set_level(logging.INFO)
    kiosk.tap("walkInButton")
    line = kiosk.find("walkIn-first_name", QLineEdit)
    kiosk.press(line)
    kiosk.tap_keys("ulrike")
    disk_fails(monkeypatch, "save_guests")

    kiosk.tap("walkInSubmit")

    assert_calm_failure_then_home(kiosk)
    kiosk.tap("walkInButton")
    assert kiosk.find("walkIn-first_name", QLineEdit).text() == ""  # the next guest sees an empty form
    kiosk.tap("walkInBack")
    assert_log_is_impersonal(caplog, "Ulrike")
    assert_staff_sees(kiosk, "Registrierung vor Ort")


def test_staff_mode_lists_the_latest_failure_first_and_says_when_there_are_none(kiosk, monkeypatch):
    first, second = guest_of_today(kiosk, 0), guest_of_today(kiosk, 1)
    assert staff_problem_rows(kiosk) == []
    assert kiosk.shown_text("staffNoProblems") == "Seit dem Start des Kiosks ist nichts fehlgeschlagen."
    kiosk.tap("staffBack")

    disk_fails(monkeypatch, "check_in_of")
    kiosk.scan(first.ticket_code)
    kiosk.tap("messageDone")
    monkeypatch.undo()
    kiosk.clock.advance(minutes=2)
    disk_fails(monkeypatch, "add_check_in")
    kiosk.scan(second.ticket_code)
    kiosk.tap("messageDone")

    rows = staff_problem_rows(kiosk)
    assert [row[:2] for row in rows] == [["09:12:00", "Check-in"], ["09:10:00", "Check-in"]]
