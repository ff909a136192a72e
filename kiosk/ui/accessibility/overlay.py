"""The window dimmed behind one card: the idle warning and the display panel are such overlays."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets.common import card


class CardOverlay(QWidget):
    """Hidden until `place` and show: then over the whole window, dimmed, its card (`frame`, filled
    through `card_layout`) in the middle, or at the bottom in low reach (`low`), within reach."""

    def __init__(self, window: QWidget, name: str, max_width: int) -> None:
        super().__init__(window)
        self.setObjectName(name)
        self.low = False
        self.frame, self.card_layout = card(self)
        self.frame.setMaximumWidth(max_width)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(48, 48, 48, 48)
        self._outer.addWidget(self.frame, 0, Qt.AlignmentFlag.AlignCenter)
        self.hide()

    def place(self) -> None:
        """Over the whole window; the card where the guest reaches it."""
        self._outer.setAlignment(self.frame, Qt.AlignmentFlag.AlignHCenter | (
            Qt.AlignmentFlag.AlignBottom if self.low else Qt.AlignmentFlag.AlignVCenter))
        self.setGeometry(self.parentWidget().rect())

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API: the screen behind, dimmed
        QPainter(self).fillRect(self.rect(), QColor(0, 0, 0, 190))
