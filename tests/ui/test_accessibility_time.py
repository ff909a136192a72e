"""Before the idle reset the kiosk asks 'Brauchen Sie mehr Zeit?' with a countdown of at least
20 s (WCAG 2.2.1); a tap, a key or 'Mehr Zeit' gives the time back; in any accessibility mode every
time is twice as long."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.ui.accessibility.modes import AccessMode


def idle_runs_out(kiosk) -> None:
    kiosk.window.idle_timer.start(1)
    kiosk.qtbot.waitUntil(kiosk.window.idle_warning.isVisible, timeout=2000)
    kiosk.settle()


def test_the_warning_comes_before_the_reset_and_more_time_keeps_the_guest(kiosk):
    kiosk.tap("searchButton")
    kiosk.tap_keys("mü")
    idle_runs_out(kiosk)
    warning = kiosk.window.idle_warning
    assert kiosk.current == "search"  # nothing forgotten yet
    assert warning.findChild(QLabel, "idleTitle").text() == "Brauchen Sie mehr Zeit?"
    assert "20 Sekunden" in warning.findChild(QLabel, "idleDetail").text()
    assert warning.more_button.text() == "Mehr Zeit"
    kiosk.tap(warning.more_button)
    assert not warning.isVisible()
    assert kiosk.current == "search" and kiosk.text("queryLabel").startswith("mü")
    assert kiosk.window.idle_timer.isActive() and kiosk.window.idle_timer.interval() == 30_000


def test_any_key_gives_more_time(kiosk):
    kiosk.tap("leaderboardButton")
    idle_runs_out(kiosk)
    kiosk.send_key(key=Qt.Key.Key_Shift)
    kiosk.settle()
    assert not kiosk.window.idle_warning.isVisible() and kiosk.current == "leaderboard"


def test_the_countdown_ticks_and_then_the_kiosk_goes_home(kiosk):
    kiosk.tap("searchButton")
    kiosk.tap_keys("mü")
    idle_runs_out(kiosk)
    warning = kiosk.window.idle_warning
    warning._tick()
    assert "19 Sekunden" in warning.findChild(QLabel, "idleDetail").text()
    warning.run_out()
    kiosk.settle()
    assert kiosk.current == "welcome" and not warning.isVisible()
    kiosk.tap("searchButton")
    assert kiosk.text("queryLabel") == "Tippen Sie den Anfang Ihres Namens"


def test_accessibility_modes_double_every_time(kiosk):
    kiosk.kiosk.access.modes.toggle_large_text()
    kiosk.tap("searchButton")
    assert kiosk.window.idle_timer.interval() == 60_000
    idle_runs_out(kiosk)
    assert "40 Sekunden" in kiosk.window.idle_warning.findChild(QLabel, "idleDetail").text()
    kiosk.screens.message.start_countdown(8)
    assert kiosk.screens.message.countdown.maximum() == 160  # 16 s in tenths


def test_the_guests_own_mode_ends_with_the_guest_and_the_kiosk_default_stays(kiosk):
    access = kiosk.kiosk.access
    kiosk.tap("accessButton", "header")
    kiosk.tap(access.panel.high_contrast)
    assert access.modes.mode == AccessMode(high_contrast=True)
    assert access.panel.high_contrast.text() == "Hoher Kontrast: an"
    kiosk.tap(access.panel.done)
    kiosk.tap("contactButton")
    kiosk.kiosk.router.go_home()
    assert access.modes.mode == AccessMode()
