"""Keys the scan detector holds back go to the field they were typed into, even when the guest
taps another field before the detector lets them go."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit


def field(kiosk, name: str) -> QLineEdit:
    return kiosk.find(f"walkIn-{name}", QLineEdit)


def tap_field(kiosk, name: str) -> QLineEdit:
    line = field(kiosk, name)
    kiosk.press(line)
    assert line.hasFocus()
    return line


@pytest.mark.parametrize("gap", [0.12, 0.01])  # a person typing; a fast typist's rolled keys
def test_typed_name_stays_in_its_field_when_the_next_field_is_tapped_at_once(kiosk, gap):
    kiosk.tap("walkInButton")
    first = tap_field(kiosk, "first_name")
    for char in "Max":
        kiosk.monotonic.advance(gap)
        kiosk.send_key(char)
    last = tap_field(kiosk, "last_name")  # at once: the last key is still held back

    kiosk.type_slowly("Mustermann", enter=False)

    assert (first.text(), last.text()) == ("Max", "Mustermann")
    assert kiosk.scans == []


def test_keys_held_when_the_screen_changes_stay_out_of_the_next_screen(kiosk):
    kiosk.tap("walkInButton")
    first = tap_field(kiosk, "first_name")
    kiosk.monotonic.advance(0.12)
    kiosk.send_key("M")
    kiosk.tap("walkInBack")
    kiosk.tap("searchButton")
    kiosk.qtbot.wait(80)

    assert kiosk.text("queryLabel") == "Tippen Sie den Anfang Ihres Namens"
    assert first.text() in ("", "M")  # the form forgets on the way home, or keeps its own key
