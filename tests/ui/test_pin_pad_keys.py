"""The staff PIN pad: equal columns, every key's text fits, and a keyboard's digits work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

DEMO_STAFF_PIN = "2468"


def open_pin_pad(kiosk):
    QTest.keyClick(kiosk.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    kiosk.settle()
    assert kiosk.current == "pin"


def columns(pad) -> list[list]:
    grid = pad.grid
    return [[grid.itemAtPosition(row, column).widget() for row in range(4)] for column in range(3)]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_pad_columns_are_equal_and_every_key_text_fits(make_kiosk, lang, size):
    kiosk = make_kiosk("--lang", lang, size=size)
    open_pin_pad(kiosk)
    pad = kiosk.screens.pin.pad
    widths = {key.width() for column in columns(pad) for key in column}
    lefts = [{key.x() for key in column} for column in columns(pad)]
    assert len(widths) == 1, f"uneven key widths {sorted(widths)}"
    assert all(len(left) == 1 for left in lefts), "keys of a column do not line up"
    heights = {key.height() for column in columns(pad) for key in column}
    assert len(heights) == 1, f"uneven key heights {sorted(heights)}"
    for key in pad.keys():
        metrics = QFontMetrics(key.font())
        assert metrics.horizontalAdvance(key.text()) < key.width(), key.objectName()
        assert metrics.height() < key.height(), key.objectName()
        assert key.rect().bottom() < key.parentWidget().height() and key.isVisible()
        assert not key.visibleRegion().isEmpty() and key.visibleRegion().boundingRect() == key.rect(), \
            f"{key.objectName()} is clipped"


def test_digits_enter_and_backspace_from_a_keyboard(kiosk):
    open_pin_pad(kiosk)
    assert QApplication.focusWidget() is kiosk.screens.pin.pad
    kiosk.type_slowly("13", enter=False)
    assert kiosk.text("pinDots") == "● ● "
    kiosk.send_key(key=Qt.Key.Key_Backspace)
    kiosk.send_key(key=Qt.Key.Key_Backspace)
    kiosk.settle()
    assert kiosk.text("pinDots") == "—"

    kiosk.type_slowly(DEMO_STAFF_PIN)  # then Enter

    assert kiosk.current == "staff"


def test_numeric_keypad_digits_and_its_enter_key(kiosk):
    open_pin_pad(kiosk)
    for digit in DEMO_STAFF_PIN:
        kiosk.monotonic.advance(0.12)
        kiosk.send_key(digit, modifiers=Qt.KeyboardModifier.KeypadModifier)
    kiosk.qtbot.wait(80)  # the scan detector hands typed keys on after 50 ms
    assert kiosk.text("pinDots") == "● " * 4
    kiosk.monotonic.advance(0.12)
    kiosk.send_key(key=Qt.Key.Key_Enter, modifiers=Qt.KeyboardModifier.KeypadModifier)
    kiosk.settle()
    assert kiosk.current == "staff"


def test_a_wrong_pin_typed_on_a_keyboard_counts_like_a_tapped_one(kiosk):
    open_pin_pad(kiosk)
    kiosk.type_slowly("1357")
    assert kiosk.current == "pin"
    assert kiosk.text("pinStatus") == "Falsche PIN. Bitte noch einmal versuchen."
    assert kiosk.text("pinDots") == "—"
