"""A large German QWERTZ touch keyboard with Ä Ö Ü ß, space, hyphen and backspace."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from .common import button

LETTER_ROWS = ("1234567890ß", "QWERTZUIOPÜ", "ASDFGHJKLÖÄ", "YXCVBNM-.")
EMAIL_KEYS = ("@", "_", ".de", ".com")


class TouchKeyboard(QWidget):
    typed = Signal(str)
    backspace = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: dict[str, object] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for row in LETTER_ROWS:
            line = QHBoxLayout()
            line.setSpacing(10)
            line.addStretch(1)
            for char in row:
                key = button("key", char, lambda _=False, c=char: self._press(c))
                key.setObjectName(f"key-{char}")
                self._keys[char] = key
                line.addWidget(key, 0)
            line.addStretch(1)
            layout.addLayout(line)
        bottom = QGridLayout()
        bottom.setSpacing(10)
        self.email_row = QWidget()
        email_line = QHBoxLayout(self.email_row)
        email_line.setContentsMargins(0, 0, 0, 0)
        for text in EMAIL_KEYS:
            key = button("key-wide", text, lambda _=False, t=text: self.typed.emit(t))
            key.setObjectName(f"key-{text}")
            email_line.addWidget(key)
        self.email_row.hide()
        self.space_key = button("key-wide", "", lambda: self.typed.emit(" "))
        self.space_key.setObjectName("key-space")
        self.backspace_key = button("key-wide", "⌫", self.backspace.emit)
        self.backspace_key.setObjectName("key-backspace")
        self.clear_key = button("key-wide", "", self.cleared.emit)
        self.clear_key.setObjectName("key-clear")
        bottom.addWidget(self.clear_key, 0, 0)
        bottom.addWidget(self.space_key, 0, 1)
        bottom.addWidget(self.backspace_key, 0, 2)
        bottom.setColumnStretch(1, 4)
        bottom.setColumnStretch(0, 1)
        bottom.setColumnStretch(2, 1)
        layout.addWidget(self.email_row)
        layout.addLayout(bottom)

    def key(self, char: str):
        return self._keys[char]

    def _press(self, char: str) -> None:
        self.typed.emit(char.lower() if char.isalpha() else char)

    def set_email_mode(self, on: bool) -> None:
        self.email_row.setVisible(on)

    def retranslate(self, tr) -> None:
        self.space_key.setText(tr("Space"))
        self.clear_key.setText(tr("Clear"))
        self.backspace_key.setAccessibleName(tr("Delete the last letter"))
