"""A numeric PIN pad: digits shown as dots, never as numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from .common import button, label


class PinPad(QWidget):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pin = ""
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.dots = label("title", "", align=Qt.AlignmentFlag.AlignHCenter)
        self.dots.setObjectName("pinDots")
        layout.addWidget(self.dots)
        grid = QGridLayout()
        grid.setSpacing(10)
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit_key(digit), index // 3, index % 3)
        self.back_key = button("key-wide", "⌫", self._backspace)
        self.back_key.setObjectName("pin-backspace")
        self.ok_key = button("primary", "OK", self._submit)
        self.ok_key.setObjectName("pin-ok")
        grid.addWidget(self.back_key, 3, 0)
        grid.addWidget(self._digit_key("0"), 3, 1)
        grid.addWidget(self.ok_key, 3, 2)
        layout.addLayout(grid)
        self._refresh()

    def _digit_key(self, digit: str):
        key = button("key", digit, lambda: self._press(digit))
        key.setObjectName(f"pin-{digit}")
        key.setMinimumSize(120, 80)
        return key

    def _press(self, digit: str) -> None:
        if len(self._pin) < 12:
            self._pin += digit
            self._refresh()

    def _backspace(self) -> None:
        self._pin = self._pin[:-1]
        self._refresh()

    def _submit(self) -> None:
        pin, self._pin = self._pin, ""
        self._refresh()
        if pin:
            self.submitted.emit(pin)

    def clear(self) -> None:
        self._pin = ""
        self._refresh()

    def set_enabled_keys(self, enabled: bool) -> None:
        for key in self.findChildren(type(self.ok_key)):
            key.setEnabled(enabled)

    def _refresh(self) -> None:
        self.dots.setText("● " * len(self._pin) if self._pin else "—")
