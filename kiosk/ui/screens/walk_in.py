"""Walk-in registration: name, organization and e-mail on the touch keyboard; staff review it later."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.widgets.common import Screen, button, label, screen_with_back_button, set_tone
from kiosk.ui.widgets.keyboard import TouchKeyboard

FIELDS = ("first_name", "last_name", "organization", "email")


class WalkInScreen(Screen):
    name = "walk_in"
    submitted = Signal(dict)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = screen_with_back_button(self, "walkInBack", spacing=20)
        form = QFormLayout()
        form.setVerticalSpacing(14)
        self.inputs: dict[str, QLineEdit] = {}
        self.captions: dict[str, object] = {}
        for field in FIELDS:
            line = QLineEdit()
            line.setObjectName(f"walkIn-{field}")
            line.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            line.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            self.inputs[field] = line
            self.captions[field] = label("body")
            self.captions[field].setBuddy(line)  # the field's name for a screen reader
            form.addRow(self.captions[field], line)
        left = QVBoxLayout()
        left.setSpacing(16)
        left.addLayout(form)
        self.status = label("status")
        self.status.setObjectName("walkInStatus")
        self.status.hide()
        left.addWidget(self.status)
        self.submit_button = button("primary", on_click=self._submit)
        self.submit_button.setObjectName("walkInSubmit")
        left.addWidget(self.submit_button)
        left.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(32)
        self.body.addLayout(left, 1)
        outer.addLayout(self.body, 1)
        self.keyboard = TouchKeyboard()
        self.keyboard.typed.connect(self._typed)
        self.keyboard.backspace.connect(lambda: self._active().backspace())
        self.keyboard.cleared.connect(lambda: self._active().clear())
        self.body.addWidget(self.keyboard, 0, Qt.AlignmentFlag.AlignBottom)
        self._active_field = "first_name"
        for field, line in self.inputs.items():
            line.installEventFilter(self)

    def set_portrait(self, portrait: bool) -> None:
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == event.Type.FocusIn:
            for field, line in self.inputs.items():
                if line is watched:
                    self.select_field(field)
        return False

    def select_field(self, field: str) -> None:
        self._active_field = field
        self.keyboard.set_email_mode(field == "email")
        if self.isVisible():  # a hidden form must not keep the keyboard focus (scans would land in it)
            self.inputs[field].setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.inputs[self._active_field].setFocus()

    def _active(self) -> QLineEdit:
        return self.inputs[self._active_field]

    def _typed(self, text: str) -> None:
        line = self._active()
        current = line.text()
        # Names start with a capital letter after a space or hyphen; e-mail stays as typed.
        if self._active_field != "email" and text.isalpha() and (not current or current[-1] in " -"):
            text = text.upper()
        line.insert(text)

    def _submit(self) -> None:
        self.submitted.emit({field: line.text().strip() for field, line in self.inputs.items()})

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
        set_tone(self.status, "error")
        self.status.show()

    def retranslate(self, tr) -> None:
        self.back_button.setText(tr("Back"))
        self.title.setText(tr("Register on site"))
        captions = {"first_name": tr("First name"), "last_name": tr("Last name"),
                    "organization": tr("Organization"), "email": tr("E-mail (optional)")}
        for field, caption in captions.items():
            self.captions[field].setText(caption)
        self.submit_button.setText(tr("Register and print badge"))
        self.keyboard.retranslate(tr)

    def reset(self) -> None:
        for line in self.inputs.values():
            line.clear()
            line.clearFocus()
        self.status.hide()
        self.select_field("first_name")
