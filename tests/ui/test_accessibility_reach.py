"""Low reach: on a portrait kiosk every control a guest can touch lies in the lower 60 % of the
screen (at most 120 cm above the floor for a 43-inch display with its lower edge at 60 cm); what is
above only shows. Staff choose it as this kiosk's default, kept beside the database."""

from __future__ import annotations


import pytest
from accessibility_support import GUEST_SCREENS, in_view, visit
from PySide6.QtWidgets import QWidget

from kiosk.demo import DEMO_STAFF_PIN
from kiosk.ui.accessibility.focus import controls
from kiosk.storage import Store
from kiosk.ui.accessibility.modes import PREFIX, AccessMode, load_defaults
from kiosk.ui.accessibility.reach import UPPER_SHARE


def out_of_reach(kiosk, roots: list[QWidget]) -> list[str]:
    height = kiosk.window.height()
    problems = []
    for widget in controls(roots):
        if not in_view(widget, kiosk.window):
            continue  # a list's row out of sight comes into the list's view (in reach) to be used
        top = widget.mapTo(kiosk.window, widget.rect().topLeft()).y()
        if top < UPPER_SHARE * height or top + widget.height() > height:
            problems.append(f"{widget.objectName() or type(widget).__name__} at {top}..{top + widget.height()}")
    return problems


@pytest.mark.parametrize("screen", GUEST_SCREENS)
def test_every_guest_control_is_in_the_lower_part(make_kiosk, screen):
    kiosk = make_kiosk(size=(1080, 1920))
    kiosk.kiosk.access.modes.set_home(AccessMode(low_reach=True))
    visit(kiosk, screen)
    found = controls([kiosk.window.header, kiosk.window.current_screen])
    assert found, "no controls found"
    assert not out_of_reach(kiosk, [kiosk.window.header, kiosk.window.current_screen])


def test_the_upper_part_shows_the_event_and_the_overlays_sit_low(make_kiosk):
    kiosk = make_kiosk(size=(1080, 1920))
    access = kiosk.kiosk.access
    access.modes.set_home(AccessMode(low_reach=True))
    kiosk.settle()
    zone = access.reach
    assert zone.isVisible() and zone.height() == round(0.4 * 1920)
    assert zone.event_name.text() == kiosk.window.header.event_name.text() != ""
    assert zone.isAncestorOf(kiosk.screens.welcome.side_card)  # the programme moves up, out of reach
    kiosk.tap("searchButton")
    access.warning.start(20)
    kiosk.settle()
    assert not out_of_reach(kiosk, [access.warning])
    access.warning.dismiss()
    access.panel.open()
    kiosk.settle()
    assert not out_of_reach(kiosk, [access.panel])


def test_without_low_reach_controls_go_up_again(make_kiosk):
    kiosk = make_kiosk(size=(1080, 1920))
    assert out_of_reach(kiosk, [kiosk.window.header, kiosk.window.current_screen])  # the test can fail
    kiosk.kiosk.access.modes.set_home(AccessMode(low_reach=True))
    kiosk.kiosk.access.modes.set_home(AccessMode())
    kiosk.settle()
    assert not kiosk.kiosk.access.reach.isVisible()
    assert kiosk.screens.welcome.isAncestorOf(kiosk.screens.welcome.side_card)


def test_staff_choose_the_defaults_and_they_are_kept(make_kiosk):
    kiosk = make_kiosk(size=(1080, 1920))
    kiosk.kiosk.staff_login.open()
    for digit in DEMO_STAFF_PIN:
        kiosk.tap(f"pin-{digit}", settle=False)
    kiosk.tap("pin-ok")
    kiosk.tap("staffNav-settings")
    for name in ("low_reach", "large_text"):
        kiosk.find(f"staffAccess-{name}", screen="staff").click()  # the card may lie below the fold
        kiosk.settle()
    assert kiosk.store.kiosk_settings(PREFIX) == {"large_text": "1", "high_contrast": "0", "low_reach": "1"}
    assert load_defaults(kiosk.store) == AccessMode(large_text=True, low_reach=True)
    assert kiosk.kiosk.access.modes.home == AccessMode(large_text=True, low_reach=True)


def test_a_broken_stored_default_is_named_and_ignored(tmp_path, caplog):
    store = Store.open(tmp_path / "kiosk.sqlite3")
    store.keep_kiosk_settings(PREFIX, {"large_text": "yes"})
    assert load_defaults(store) == AccessMode()
    assert "kiosk setting accessibility.large_text is not 0/1" in caplog.text
