"""Tell a USB scanner's keystroke burst from a person typing, on any screen.

A scanner types a whole code within a few milliseconds and ends with Enter.
Key presses are held back briefly; a fast run ending in Enter becomes one
scan, anything slower is handed back, as typed, to the widget it was typed into (a tap on another
field while a key is held must not carry the key along). A scan source
(kiosk.ui.router.ScanSource): the router drops repeated reads, for every source alike.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

MAX_GAP_SECONDS = 0.035  # scanners send a key every 1-20 ms; people need 80 ms or more
MIN_LENGTH = 6
MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
                 Qt.Key.Key_CapsLock}


class ScanDetector(QObject):
    scanned = Signal(str)

    def __init__(self, clock=time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._held: list[tuple[QObject, QKeyEvent]] = []  # each key with the widget it was typed into
        self._text = ""
        self._last_key_at = 0.0
        self._replaying = False
        self._flush_timer = QTimer(self, singleShot=True, interval=int(MAX_GAP_SECONDS * 1000) + 15)
        self._flush_timer.timeout.connect(self._release_held)

    def start(self) -> None:
        QApplication.instance().installEventFilter(self)  # keys reach it before any widget

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if key_event.key() in MODIFIER_KEYS or not self._is_first_receiver(watched):
            return False  # scanners press Shift before every capital: not a gap in the burst
        now = self._clock()
        fast = now - self._last_key_at <= MAX_GAP_SECONDS
        self._last_key_at = now
        if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._finish(fast)
        text = key_event.text()
        if not text or not text.isprintable():
            self._release_held()
            return False
        if self._held and not fast:
            self._release_held()
        self._held.append((watched, QKeyEvent(key_event.type(), key_event.key(), key_event.modifiers(), text)))
        self._text += text
        self._flush_timer.start()
        return True

    @staticmethod
    def _is_first_receiver(watched: QObject) -> bool:
        # A key the focused widget ignores travels on to its parents; look at it once.
        focus = QApplication.focusObject()
        if focus is not None:
            return watched is focus
        return isinstance(watched, QWidget) and watched.isWindow()

    def _finish(self, fast: bool) -> bool:
        if fast and len(self._text) >= MIN_LENGTH:
            code, self._held, self._text = self._text, [], ""
            self._flush_timer.stop()
            self.scanned.emit(code)
            return True
        self._release_held()
        return False

    def _release_held(self) -> None:
        held, self._held, self._text = self._held, [], ""
        self._flush_timer.stop()
        self._replaying = True
        try:
            for target, key_event in held:
                if isValid(target):  # a screen torn down meanwhile takes its keys with it
                    QApplication.sendEvent(target, key_event)
        finally:
            self._replaying = False
