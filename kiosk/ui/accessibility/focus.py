"""The kiosk without its touch screen: a keyboard or a numeric keypad reaches every control.

Tab and Shift+Tab go through the controls in reading order (the header, then the screen; only an
open overlay while one shows), the arrow keys go to the nearest control in their direction, Enter
(or keypad 5) presses the focused button, Space too, Escape (or keypad 0) takes the screen's way
back. The keypad's 8 4 6 2 are the arrows, + and - are Tab and Shift+Tab, unless a PIN or a text
field wants digits. Focus shows as a yellow control with a black frame (style.py).

A USB scanner types too: its keys reach the scan detector first (it filters after this object was
installed), which hands on only what is no scan; so this never sees a code's characters or its Enter.
Buttons keep Qt.NoFocus: a tap never leaves a focus mark, and Qt puts no focus anywhere on its own
when the window opens; focus comes only from keys handled here.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QScrollArea, QWidget

from kiosk.ui.widgets.pin_pad import PinPad

# Space too: the scan detector holds a typed space back, so its release would come before its press.
ACTIVATE = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}
ARROWS = {Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1), Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0)}
KEYPAD = {Qt.Key.Key_8: Qt.Key.Key_Up, Qt.Key.Key_2: Qt.Key.Key_Down, Qt.Key.Key_4: Qt.Key.Key_Left,
          Qt.Key.Key_6: Qt.Key.Key_Right, Qt.Key.Key_5: Qt.Key.Key_Enter, Qt.Key.Key_Plus: Qt.Key.Key_Tab,
          Qt.Key.Key_Minus: Qt.Key.Key_Backtab, Qt.Key.Key_0: Qt.Key.Key_Escape}
ROW = 24  # controls whose tops are this close count as one row of the reading order


def is_control(widget: QWidget) -> bool:
    if not (widget.isVisible() and widget.isEnabled()):
        return False
    if isinstance(widget, (QAbstractButton, QLineEdit)):
        return True
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and not isinstance(widget, QScrollArea) \
        or widget.property("focusable") is True


def controls(roots: list[QWidget]) -> list[QWidget]:
    """Every control under `roots`, in reading order: rows from the top, left to right in a row."""
    found: list[QWidget] = []

    def walk(widget: QWidget) -> None:
        if is_control(widget):
            found.append(widget)
        children = [c for c in widget.children() if isinstance(c, QWidget) and c.isVisible() and not c.isWindow()]
        for child in sorted(children, key=lambda c: (c.y() // ROW, c.x())):
            walk(child)

    for root in roots:
        if root is not None and root.isVisible():
            walk(root)
    return found


def takes_digits(widget: QObject | None) -> bool:
    return isinstance(widget, (PinPad, QLineEdit))


class KeyboardNavigator(QObject):
    def __init__(self, window, roots: Callable[[], list[QWidget]], way_back: Callable[[], QAbstractButton | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window, self.roots, self.way_back = window, roots, way_back
        self.keyboard_in_use = False
        window.stack.currentChanged.connect(lambda _: QTimer.singleShot(0, self, self._follow_screen))
        QApplication.instance().focusChanged.connect(self._mark_focus)

    def install(self) -> None:
        QApplication.instance().installEventFilter(self)

    def remove(self) -> None:
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin) and self.keyboard_in_use:
            self._touch_takes_over()
        if kind != QEvent.Type.KeyPress or not self._first_receiver(watched):
            return False
        key = self._meaning(event, watched)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.modifiers() & ~_SHIFT_OR_KEYPAD:
            return self.step(-1 if key == Qt.Key.Key_Backtab else 1)
        if key in ARROWS and not self._native_arrow(watched, key):
            return self.move(*ARROWS[key])
        if key in ACTIVATE and isinstance(watched, QAbstractButton):
            watched.click()
            return True
        if key == Qt.Key.Key_Escape:
            target = self.way_back()
            if target is not None and target.isVisible() and target.isEnabled():
                target.click()
                return True
        return False

    def _first_receiver(self, watched: QObject) -> bool:
        # An ignored key travels on to the parents; act on it once, where it was sent.
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        focus = QApplication.focusObject()
        return watched is focus if focus is not None else watched is self.window

    @staticmethod
    def _meaning(event, watched: QObject) -> Qt.Key:
        key = Qt.Key(event.key())
        if event.modifiers() & Qt.KeyboardModifier.KeypadModifier and not takes_digits(watched):
            return KEYPAD.get(key, key)
        return key

    @staticmethod
    def _native_arrow(watched: QObject, key: Qt.Key) -> bool:
        if isinstance(watched, QLineEdit):
            return key in (Qt.Key.Key_Left, Qt.Key.Key_Right)  # the text cursor
        return isinstance(watched, QScrollArea) and key in (Qt.Key.Key_Up, Qt.Key.Key_Down)  # scrolling

    # -- moving the focus ---------------------------------------------------------------------
    def step(self, direction: int) -> bool:
        found = controls(self.roots())
        if not found:
            return False
        focus = QApplication.focusWidget()
        index = found.index(focus) + direction if focus in found else (0 if direction > 0 else -1)
        self.focus(found[index % len(found)])
        return True

    def move(self, dx: int, dy: int) -> bool:
        found = controls(self.roots())
        focus = QApplication.focusWidget()
        if focus not in found:
            return self.step(1)
        here = _centre(focus)
        best, best_cost = None, None
        for candidate in found:
            there = _centre(candidate)
            ahead = (there.x() - here.x()) * dx + (there.y() - here.y()) * dy
            if candidate is focus or ahead <= 0:
                continue
            aside = abs((there.x() - here.x()) * dy) + abs((there.y() - here.y()) * dx)
            cost = ahead + 2 * aside
            if best_cost is None or cost < best_cost:
                best, best_cost = candidate, cost
        if best is not None:
            self.focus(best)
        return True

    def focus(self, widget: QWidget) -> None:
        self.keyboard_in_use = True
        for area in _scroll_areas_of(widget):  # the results list, then the large-text reflow
            area.ensureWidgetVisible(widget, 0, 24)
        widget.setFocus(Qt.FocusReason.TabFocusReason)

    def _follow_screen(self) -> None:
        """A new screen while the keyboard is in use: its first control gets the focus (a field the
        screen focused itself keeps it)."""
        screen = self.window.stack.currentWidget()
        focus = QApplication.focusWidget()
        if not self.keyboard_in_use or screen is None:
            return
        if focus is not None and screen.isAncestorOf(focus) and is_control(focus):
            return
        found = controls([screen])
        if found:
            self.focus(found[0])

    def _touch_takes_over(self) -> None:
        self.keyboard_in_use = False
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton):
            focus.clearFocus()

    def _mark_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        """Labels inside a focused button (a search result) take the focus colours with it."""
        for widget, on in ((old, False), (new, True)):
            if isinstance(widget, QAbstractButton):
                for inner in widget.findChildren(QLabel):
                    inner.setProperty("onFocus", on)
                    inner.style().unpolish(inner)
                    inner.style().polish(inner)


_SHIFT_OR_KEYPAD = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


def _centre(widget: QWidget) -> QPoint:
    return widget.mapTo(widget.window(), widget.rect().center())


def _scroll_areas_of(widget: QWidget) -> list[QScrollArea]:
    areas, parent = [], widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            areas.append(parent)
        parent = parent.parentWidget()
    return areas
