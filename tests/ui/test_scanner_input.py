"""The USB scanner types like a keyboard: a burst of keys within milliseconds ending in Enter is one
scan on every screen; a person typing (keys 35 ms or more apart) is not, and reaches the focused field."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit
from ui_support import FIRST_DAY, first_visitors


def guest_of_today(kiosk, index: int = 0):
    return [g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts][index]


def focus_field(kiosk, field: str = "first_name") -> QLineEdit:
    kiosk.tap("walkInButton")
    line = kiosk.find(f"walkIn-{field}", QLineEdit)
    kiosk.press(line)
    kiosk.settle()
    assert line.hasFocus()
    return line


def test_burst_without_a_focused_field_is_one_scan(kiosk):
    guest = guest_of_today(kiosk)
    assert kiosk.key_target() is kiosk.window  # nothing focused on the start screen

    kiosk.scan(guest.ticket_code)

    assert kiosk.scans == [guest.ticket_code]
    assert kiosk.current == "consent"
    assert kiosk.text("consentGreeting") == f"Willkommen, {guest.greeting_name}!"


def test_person_typing_a_valid_code_slowly_is_not_a_scan(kiosk):
    guest = guest_of_today(kiosk)

    kiosk.type_slowly(guest.ticket_code)  # 120 ms between keys, then Enter

    assert kiosk.scans == []
    assert kiosk.current == "welcome"
    assert kiosk.store.check_ins() == []


def test_typing_just_slower_than_a_scanner_is_not_a_scan(kiosk):
    guest = guest_of_today(kiosk)
    kiosk.type_slowly(guest.ticket_code, gap=0.036)
    assert kiosk.scans == []
    assert kiosk.current == "welcome"


def test_person_typing_reaches_the_focused_field_unchanged(kiosk):
    line = focus_field(kiosk)

    kiosk.type_slowly("Ulrike", enter=False)

    assert line.text() == "Ulrike"
    assert kiosk.scans == []
    assert kiosk.current == "walk_in"


def test_burst_into_a_focused_field_is_a_scan_and_leaves_the_field_empty(kiosk):
    guest = guest_of_today(kiosk)
    line = focus_field(kiosk)

    kiosk.scan(guest.ticket_code)

    assert kiosk.scans == [guest.ticket_code]
    assert kiosk.current == "consent"
    assert line.text() == ""


def test_short_fast_burst_is_typed_not_scanned(kiosk):
    line = focus_field(kiosk)
    kiosk.scan("AB12")  # fewer than six characters: no code the kiosk knows is that short
    kiosk.qtbot.wait(80)
    kiosk.settle()
    assert kiosk.scans == []
    assert line.text() == "AB12"


@pytest.mark.parametrize("screen_button", ["searchButton", "leaderboardButton", "walkInButton"])
def test_scan_checks_in_from_every_guest_screen(kiosk, screen_button):
    guest = guest_of_today(kiosk)
    kiosk.tap(screen_button)
    if kiosk.current == "search":
        kiosk.tap_keys("mü")

    kiosk.scan(guest.ticket_code)

    assert kiosk.current == "consent"
    kiosk.tap("consentYes")
    kiosk.print_previewed_badge()
    assert kiosk.message()["title"] == f"Willkommen, {guest.greeting_name}!"
    assert [c.guest_id for c in kiosk.store.check_ins()] == [guest.id]


def test_next_guest_can_scan_while_the_last_welcome_is_still_shown(kiosk):
    first, second = guest_of_today(kiosk, 0), guest_of_today(kiosk, 1)
    kiosk.scan(first.ticket_code)
    kiosk.tap("consentYes")
    kiosk.scan(second.ticket_code)
    assert kiosk.text("consentGreeting") == f"Willkommen, {second.greeting_name}!"


def test_scan_on_the_staff_pin_pad_does_nothing(kiosk):
    guest = guest_of_today(kiosk)
    kiosk.kiosk.staff_login.open()
    assert kiosk.current == "pin"
    kiosk.scan(guest.ticket_code)
    assert kiosk.current == "pin"
    assert kiosk.store.check_ins() == []


def test_scanner_sending_shift_for_capitals_is_one_scan(kiosk):
    """Bug: a USB HID scanner types 'A' as Shift + a, so Qt delivers a Key_Shift press (with no text)
    before every capital. ScanDetector.eventFilter treats that textless key as the end of the burst
    (`_release_held()`), so an upper-case code is chopped into pieces and typed out instead."""
    guest = guest_of_today(kiosk)

    kiosk.scan_with_shift(guest.ticket_code)

    assert kiosk.scans == [guest.ticket_code]
    assert kiosk.current == "consent"


def test_scanner_sending_shift_for_capitals_leaks_no_keys_into_a_field(kiosk):
    guest = guest_of_today(kiosk)
    line = focus_field(kiosk)
    kiosk.scan_with_shift(guest.ticket_code)
    kiosk.qtbot.wait(80)
    kiosk.settle()
    assert line.text() == ""


def test_keys_on_the_start_screen_do_not_land_in_the_hidden_walk_in_form(kiosk):
    """Bug: going home resets the walk-in screen, and WalkInScreen.reset() -> select_field() calls
    setFocus() on the (now hidden) first-name field. That hidden field keeps keyboard focus on the
    welcome screen, so anything typed there, or a scanner read too short to be a scan, is written
    into the form the next walk-in guest sees."""
    kiosk.tap("leaderboardButton")
    kiosk.tap("leaderboardBack")  # any way home runs the reset
    assert kiosk.current == "welcome"

    focused = QApplication.focusWidget()
    where = "nothing" if focused is None else f"'{focused.objectName()}' (visible: {focused.isVisible()})"
    kiosk.scan("4711")  # e.g. a cloakroom ticket's short barcode: typed, not a scan
    kiosk.qtbot.wait(80)
    kiosk.settle()
    kiosk.tap("walkInButton")
    left_over = kiosk.find("walkIn-first_name", QLineEdit).text()
    assert left_over == "", f"on the welcome screen the keyboard focus was on {where}"
