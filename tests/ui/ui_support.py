"""Helpers for the kiosk UI tests: clocks a test moves by hand, and a driver that acts as a guest would.

The driver only touches the real widgets: it taps buttons that are visible, types on the
on-screen keyboard, and sends key events to whatever has keyboard focus, as a USB scanner
or a person at a keyboard would. What it reads back are label texts and the current screen.
"""

from __future__ import annotations

from shared_support import FixedClock  # noqa: F401 - re-exported for the UI tests

import time
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableView, QWidget

from kiosk.demo import DEMO_STAFF_PIN

BERLIN = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2024, 5, 14)  # the demo event runs 14 to 16 May 2024 in these tests
SCANNER_GAP = 0.004  # seconds between two keys of a scanner burst (scanners: 1-20 ms)
HUMAN_GAP = 0.12  # seconds between two keys a person types (people need 80 ms or more)


def berlin(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment given in Fruchthalle local time, as an aware UTC datetime."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN).astimezone(timezone.utc)




class FakeMonotonic:
    """The monotonic clock of the scan detector and the repeat filter; moves only when told to."""

    def __init__(self, start: float = 10_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


def settle_tasks(runners, what: str, timeout: float = 10.0, passes: int = 1) -> None:
    """Let queued task results reach the UI thread until none of `runners` (Tasks) has work pending, then
    `passes` more rounds of events (a layout that asks its parent again needs one a level)."""
    deadline = time.monotonic() + timeout
    QApplication.processEvents()
    while any(r.pending for r in runners):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not finish: {[r.pending for r in runners]}")
        QApplication.processEvents()
        time.sleep(0.001)
    for _ in range(passes):
        QApplication.processEvents()


def key_name(char: str) -> str:
    """The objectName of the touch keyboard key that types `char`."""
    if char == " ":
        return "key-space"
    return f"key-{char if char == 'ß' else char.upper()}"


class Driver:
    """Acts on a running Kiosk (kiosk.ui.launch.Kiosk) the way a guest or a scanner does."""

    def __init__(self, kiosk, qtbot, monotonic: FakeMonotonic, clock: FixedClock) -> None:
        self.kiosk = kiosk
        self.qtbot = qtbot
        self.monotonic = monotonic
        self.clock = clock
        self.window = kiosk.window
        self.screens = kiosk.screens
        self.feedback = kiosk.feedback
        self.store = kiosk.store
        self.desk = kiosk.desk
        self.scans: list[str] = []  # what reached the router: every source's reads, repeats dropped
        kiosk.scans.scanned.connect(self.scans.append)

    # -- waiting ------------------------------------------------------------------------
    def settle(self, timeout: float = 10.0) -> None:
        """Let queued task results reach the UI thread until no background work is left."""
        kiosk = self.kiosk
        settle_tasks((kiosk.tasks, kiosk.background, kiosk.printing), "background work", timeout)

    # -- what the screen shows ----------------------------------------------------------------
    @property
    def current(self) -> str:
        return self.window.current

    def screen(self, name: str | None = None) -> QWidget:
        return self.window.screens[name or self.current]

    def find(self, object_name: str, kind: type = QWidget, screen: str | None = None) -> QWidget:
        """A widget by objectName on one screen (the current one unless named), or the header."""
        holder = self.window.header if screen == "header" else self.screen(screen)
        widget = holder.findChild(kind, object_name)
        assert widget is not None, f"no {kind.__name__} '{object_name}' on screen '{screen or self.current}'"
        return widget

    def text(self, object_name: str, screen: str | None = None) -> str:
        return self.find(object_name, QLabel, screen).text()

    def shown_text(self, object_name: str, screen: str | None = None) -> str:
        """A label's text if the label is visible to the guest, else ''."""
        widget = self.find(object_name, QLabel, screen)
        return widget.text() if widget.isVisible() else ""

    def message(self) -> dict[str, str]:
        """The message screen as the guest reads it (invisible lines count as empty)."""
        assert self.current == "message", f"expected the message screen, not '{self.current}'"
        parts = ("title", "name", "detail", "status")
        return {part: self.shown_text(f"message{part.title()}") for part in parts}

    def contact(self) -> dict[str, str]:
        assert self.current == "contact", f"expected the contact screen, not '{self.current}'"
        parts = ("step", "headline", "detail", "status")
        return {part: self.shown_text(f"contact{part.title()}") for part in parts}

    # -- touching -------------------------------------------------------------------------------
    def tap(self, target: QWidget | str, screen: str | None = None, settle: bool = True) -> None:
        """Tap a visible, enabled button in its middle, as a finger would."""
        widget = self.find(target, QPushButton, screen) if isinstance(target, str) else target
        assert widget.isVisible(), f"'{widget.objectName() or widget.text()}' is not on the screen"
        assert widget.isEnabled(), f"'{widget.objectName() or widget.text()}' is disabled"
        self.press(widget)
        if settle:
            self.settle()

    def press(self, widget: QWidget) -> None:
        """A mouse click in the widget's middle, whatever its state (to show a disabled key does nothing)."""
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2,
                                                                             widget.height() // 2))

    def tap_keys(self, text: str, screen: str | None = None) -> None:
        """Type on the touch keyboard of the current screen, one key tap per character."""
        for char in text:
            self.tap(key_name(char), screen, settle=False)
        self.settle()

    def tap_row(self, table_name: str, position: int) -> None:
        """Tap the first cell of a table's row (scrolled into view first)."""
        view = self.find(table_name, QTableView)
        index = view.model().index(position, 0)
        view.scrollTo(index)
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
        self.settle()

    # -- staff mode -------------------------------------------------------------------------------
    def open_staff(self, page: str | None = None) -> None:
        """Staff mode the way staff open it: Ctrl+Alt+S, then the PIN (see unlock_staff)."""
        QTest.keyClick(self.window, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        self.settle()
        self.unlock_staff(page)

    def unlock_staff(self, page: str | None = None) -> None:
        """The demo staff PIN typed on the open PIN pad and confirmed: staff mode opens, on `page` if
        named."""
        for digit in DEMO_STAFF_PIN:
            self.tap(f"pin-{digit}", settle=False)
        self.tap("pin-ok")
        assert self.current == "staff", f"staff mode did not open: '{self.current}' is shown"
        if page:
            self.tap(f"staffNav-{page}")

    def print_previewed_badge(self) -> None:
        """Tap 'Drucken' on the badge preview that follows a check-in."""
        assert self.current == "badge_preview", f"expected the badge preview, not '{self.current}'"
        self.tap("previewPrint")

    # -- keys: the scanner and a person at a keyboard ----------------------------------------------
    def key_target(self) -> QWidget:
        """Where the system delivers key presses: the focused widget, else the window."""
        focus = QApplication.focusObject()
        return focus if isinstance(focus, QWidget) else self.window

    def send_key(self, char: str | None = None, key: Qt.Key | None = None,
                 modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        target = self.key_target()
        if key is not None:
            QTest.keyClick(target, key, modifiers)
        else:
            QTest.keyClick(target, char, modifiers)

    def scan(self, code: str, gap: float = SCANNER_GAP, settle: bool = True) -> None:
        """A USB scanner's burst: every character within a few ms, then Enter."""
        for char in code:
            self.monotonic.advance(gap)
            self.send_key(char)
        self.monotonic.advance(gap)
        self.send_key(key=Qt.Key.Key_Return)
        if settle:
            self.settle()

    def scan_with_shift(self, code: str, gap: float = SCANNER_GAP) -> None:
        """A burst as a USB HID scanner sends capitals: Shift held for each upper-case letter."""
        for char in code:
            self.monotonic.advance(gap)
            shift = Qt.KeyboardModifier.ShiftModifier if char.isupper() else Qt.KeyboardModifier.NoModifier
            self.send_key(char, modifiers=shift)  # QTest sends a Shift press first, as the system does
        self.monotonic.advance(gap)
        self.send_key(key=Qt.Key.Key_Return)
        self.settle()

    def type_slowly(self, text: str, gap: float = HUMAN_GAP, enter: bool = True) -> None:
        """A person typing on a hardware keyboard: well over 35 ms between keys."""
        for char in text:
            self.monotonic.advance(gap)
            self.send_key(char)
        if enter:
            self.monotonic.advance(gap)
            self.send_key(key=Qt.Key.Key_Return)
        self.qtbot.wait(80)  # the detector hands held keys on after 50 ms
        self.settle()

    def let_idle_time_pass(self, seconds: int = 30) -> None:
        """Check the idle countdown runs with `seconds`, then let it and the warning that follows it
        ('Mehr Zeit?') run out at once."""
        timer, warning = self.window.idle_timer, self.window.idle_warning
        assert timer.isActive(), f"no idle countdown runs on screen '{self.current}'"
        assert timer.interval() == seconds * 1000, timer.interval()
        with self.qtbot.waitSignal(self.window.idle_timeout, timeout=2000):
            timer.start(1)  # the remaining seconds pass
            self.qtbot.waitUntil(warning.isVisible, timeout=2000)
            warning.run_out()  # and the warning's
        self.settle()

    def wait_for_scan_window(self) -> None:
        """Let the router's repeat window (2 s) pass."""
        self.monotonic.advance(2.5)


def first_visitors(store, day: date) -> list:
    """Demo guests expected on `day` who never checked in, in a stable order."""
    checked_in = store.checked_in_ids()
    guests = [g for g in store.guests() if g.registered_for(day) and g.id not in checked_in]
    return sorted(guests, key=lambda g: g.external_id)
