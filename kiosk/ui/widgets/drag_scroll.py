"""Scroll a list by dragging it with a finger or the left mouse button, as touch screens do.

QScroller's flick gesture never saw the presses that land on the result buttons inside the list, so
this filter watches the list's viewport and every widget in it: a press remembers where it began,
a move past a thumb's wobble scrolls, and the release that ends a drag presses no button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QWidget

WOBBLE = 12  # pixels a tap may move and still be a tap


class DragScroll(QObject):
    def __init__(self, view: QScrollArea) -> None:
        super().__init__(view)
        self.view = view
        self._start_y: float | None = None
        self._start_value = 0
        self._dragging = False
        view.viewport().installEventFilter(self)

    def watch(self, widget: QWidget) -> None:
        """Also follow presses on a widget inside the list (a result button)."""
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._start_y, self._start_value, self._dragging = event.globalPosition().y(), self._value(), False
        elif kind == QEvent.Type.MouseMove and self._start_y is not None:
            return self._moved(watched, event.globalPosition().y() - self._start_y)
        elif kind == QEvent.Type.MouseButtonRelease and self._start_y is not None:
            dragged, self._start_y, self._dragging = self._dragging, None, False
            return dragged  # a drag's end is no tap on the button it ended over
        return False

    def _moved(self, watched: QObject, moved: float) -> bool:
        if not self._dragging and abs(moved) < WOBBLE:
            return False
        if not self._dragging and isinstance(watched, QAbstractButton):
            watched.setDown(False)  # the press turned into a drag: the button springs back
        self._dragging = True
        self.view.verticalScrollBar().setValue(self._start_value - round(moved))
        return True

    def _value(self) -> int:
        return self.view.verticalScrollBar().value()
