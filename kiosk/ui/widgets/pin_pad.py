"""A numeric PIN pad: digits shown as dots, never as numbers; a keyboard or numeric keypad works too."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui import style

from .common import button, label

KEY_WIDTH, KEY_HEIGHT = 130, 84
# One box for every key of the pad (the primary role's padding made OK taller than its row and its
# column wider): sizes count inside the border, so OK gets the keys' border, in its own colours.
PAD_KEY_STYLE = f"padding: 0; min-width: {KEY_WIDTH}px; min-height: {KEY_HEIGHT}px; max-height: {KEY_HEIGHT}px;"
OK_BORDER = f"border: 1px solid {style.PRIMARY_DARK}; border-bottom: 4px solid {style.PRIMARY_DARK};"
SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PinPad(QWidget):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pin = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # staff at a keyboard type the PIN straight in
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.dots = label("title", "", align=Qt.AlignmentFlag.AlignHCenter)
        self.dots.setObjectName("pinDots")
        layout.addWidget(self.dots)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        for index, digit in enumerate("123456789"):
            self.grid.addWidget(self._digit_key(digit), index // 3, index % 3)
        self.back_key = self._pad_key(button("key-wide", "⌫", self._backspace), "pin-backspace")
        self.ok_key = self._pad_key(button("primary", "OK", self._submit), "pin-ok")
        self.ok_key.setStyleSheet(PAD_KEY_STYLE + OK_BORDER)
        self.grid.addWidget(self.back_key, 3, 0)
        self.grid.addWidget(self._digit_key("0"), 3, 1)
        self.grid.addWidget(self.ok_key, 3, 2)
        for column in range(3):
            self.grid.setColumnStretch(column, 1)
        layout.addLayout(self.grid)
        self._refresh()

    @staticmethod
    def _pad_key(key, name: str):
        key.setObjectName(name)
        key.setStyleSheet(PAD_KEY_STYLE)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return key

    def _digit_key(self, digit: str):
        return self._pad_key(button("key", digit, lambda: self._press(digit)), f"pin-{digit}")

    def keys(self) -> list:
        return [self.grid.itemAt(i).widget() for i in range(self.grid.count())]

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        text, key = event.text(), event.key()
        if not self.ok_key.isEnabled():  # locked after wrong PINs: keys do no more than taps
            event.accept()
        elif len(text) == 1 and text in "0123456789":  # the digit row and the numeric keypad alike
            self._press(text)
        elif key in SUBMIT_KEYS:
            self._submit()
        elif key == Qt.Key.Key_Backspace:
            self._backspace()
        else:
            super().keyPressEvent(event)

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
        for key in self.keys():
            key.setEnabled(enabled)

    def _refresh(self) -> None:
        self.dots.setText("● " * len(self._pin) if self._pin else "—")
        self.setAccessibleDescription(f"{len(self._pin)} / 12")  # how many digits, never which
