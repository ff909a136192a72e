"""The kiosk without its touch screen: Tab, the arrows, Enter, Escape and a numeric keypad reach and
press every control, with a visible focus; a USB scanner's bursts are still scans."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from ui_support import FIRST_DAY, HUMAN_GAP, first_visitors

KEYPAD = Qt.KeyboardModifier.KeypadModifier


def focused(kiosk) -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def key(kiosk, which: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    kiosk.monotonic.advance(HUMAN_GAP)
    kiosk.send_key(key=which, modifiers=modifiers)
    kiosk.qtbot.wait(60)  # the scan detector hands a typed key on after 50 ms
    kiosk.settle()


def tab_to(kiosk, name: str, limit: int = 80) -> None:
    seen = []
    for _ in range(limit):
        if focused(kiosk) == name:
            return
        key(kiosk, Qt.Key.Key_Tab)
        seen.append(focused(kiosk))
    raise AssertionError(f"Tab never reached {name}: {seen}")


def guest(kiosk):
    return [g for g in first_visitors(kiosk.store, FIRST_DAY) if g.consent_contacts][0]


def test_check_in_by_search_with_the_keyboard_alone(kiosk):
    who = guest(kiosk)
    assert QApplication.focusWidget() is None  # a touch kiosk shows no focus until a key asks
    tab_to(kiosk, "searchButton")
    key(kiosk, Qt.Key.Key_Return)
    assert kiosk.current == "search" and focused(kiosk) == "queryLabel"
    kiosk.type_slowly(who.last_name.lower(), enter=False)
    assert kiosk.text("queryLabel").startswith(who.last_name.lower())
    key(kiosk, Qt.Key.Key_Return)  # on to the best match
    assert focused(kiosk) == "result-0"
    hits = kiosk.screens.search._hits
    index = next(i for i, hit in enumerate(hits) if hit.guest_id == who.id)
    for _ in range(index):
        key(kiosk, Qt.Key.Key_Down)
    assert focused(kiosk) == f"result-{index}"
    key(kiosk, Qt.Key.Key_Return)
    tab_to(kiosk, "confirmYes")
    key(kiosk, Qt.Key.Key_Enter)
    assert kiosk.current == "consent"
    tab_to(kiosk, "consentYes")
    key(kiosk, Qt.Key.Key_Space)
    assert kiosk.current == "badge_preview"
    tab_to(kiosk, "previewPrint")
    key(kiosk, Qt.Key.Key_Return)
    assert kiosk.current == "message"
    assert [c.guest_id for c in kiosk.store.check_ins()] == [who.id]


def test_contact_and_leaderboard_by_keypad_and_back_by_escape(kiosk):
    key(kiosk, Qt.Key.Key_Plus, KEYPAD)  # keypad + is Tab
    tab_to(kiosk, "contactButton")
    key(kiosk, Qt.Key.Key_5, KEYPAD)  # keypad 5 presses
    assert kiosk.current == "contact"
    key(kiosk, Qt.Key.Key_Escape)
    assert kiosk.current == "welcome"
    tab_to(kiosk, "contactButton")
    key(kiosk, Qt.Key.Key_6, KEYPAD)  # keypad 6 is the right arrow: the leaderboard beside it
    assert focused(kiosk) == "leaderboardButton"
    key(kiosk, Qt.Key.Key_Enter, KEYPAD)
    assert kiosk.current == "leaderboard"
    key(kiosk, Qt.Key.Key_0, KEYPAD)  # keypad 0 is the way back
    assert kiosk.current == "welcome"


def test_staff_pin_from_the_keyboard(kiosk):
    kiosk.send_key(key=Qt.Key.Key_S, modifiers=Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    kiosk.settle()
    assert kiosk.current == "pin" and focused(kiosk) == ""  # the pad itself has the keys
    for digit in "9999":
        key(kiosk, getattr(Qt.Key, f"Key_{digit}"), KEYPAD)  # the pad takes keypad digits as digits
    assert kiosk.text("pinDots").count("●") == 4
    key(kiosk, Qt.Key.Key_Enter, KEYPAD)
    assert kiosk.text("pinStatus") == "Falsche PIN. Bitte noch einmal versuchen."
    tab_to(kiosk, "pinCancel")
    key(kiosk, Qt.Key.Key_Return)
    assert kiosk.current == "welcome"


def test_a_scan_with_a_button_focused_is_a_scan_and_presses_nothing(kiosk):
    who = guest(kiosk)
    tab_to(kiosk, "leaderboardButton")
    kiosk.scan(who.ticket_code)
    assert kiosk.scans == [who.ticket_code]
    assert kiosk.current == "consent"


def test_focus_is_visible(kiosk):
    button = kiosk.find("searchButton", QPushButton)
    before = button.grab().toImage()
    tab_to(kiosk, "searchButton")
    after = button.grab().toImage()
    changed = sum(before.pixel(x, y) != after.pixel(x, y) for x in range(0, button.width(), 4)
                  for y in range(0, button.height(), 4))
    assert changed > 0.5 * (button.width() // 4) * (button.height() // 4)  # the whole button shows it
    assert after.pixelColor(button.width() // 2, 2).name() == "#0b0c0c"  # the black frame
    assert after.pixelColor(20, button.height() // 2).name() == "#ffd400"  # on yellow


def test_a_tap_after_the_keyboard_leaves_no_focus_mark(kiosk):
    tab_to(kiosk, "contactButton")
    kiosk.tap("leaderboardButton")
    assert QApplication.focusWidget() is None or not isinstance(QApplication.focusWidget(), QPushButton)
