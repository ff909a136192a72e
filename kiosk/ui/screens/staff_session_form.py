"""Staff mode's form for one programme session: day and kind as chips, times, titles, room and places
as fields the touch keyboard types into (the field last touched takes the keys)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QBoxLayout, QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from kiosk.core.programme import Session, SessionKind
from kiosk.importing.parsing import RowError
from kiosk.importing.programme import parse_time
from kiosk.ui import style
from kiosk.ui.screens.door import kind_label
from kiosk.ui.screens.staff_parts import UNTRANSLATED, staff_button, staff_card, staff_label
from kiosk.ui.widgets.common import set_tone
from kiosk.ui.widgets.keyboard import TouchKeyboard

FIELDS = ("start", "end", "title_de", "title_en", "room", "capacity")
FIELD_STYLE = (f"QLineEdit {{ background: {style.CARD}; border: 2px solid {style.LINE}; border-radius: 12px; "
               f"padding: 6px 14px; font-size: 22px; min-height: 36px; }} "
               f"QLineEdit:focus {{ border-color: {style.PRIMARY}; }}")


class FormProblem(ValueError):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


class SessionForm(QFrame):
    save_requested = Signal(object)  # the Session as typed
    cancelled = Signal()

    def __init__(self, days: tuple[date, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = days
        self._tr = UNTRANSLATED
        self._id = ""
        frame, card = staff_card()
        frame.setStyleSheet(FIELD_STYLE)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(24)
        card.addLayout(self.body)
        layout = QVBoxLayout()
        layout.setSpacing(12)
        self.body.addLayout(layout, 1)
        self.heading = staff_label("s-heading", "sessionFormHeading", wrap=False)
        layout.addWidget(self.heading)
        self.day_group, self.day_chips = self._chips(layout, [(d.isoformat(), d) for d in days], "sessionDay")
        kinds = [(str(kind), kind) for kind in SessionKind]
        self.kind_group, self.kind_chips = self._chips(layout, kinds, "sessionKind")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        self.captions: dict[str, object] = {}
        self.inputs: dict[str, QLineEdit] = {}
        for index, name in enumerate(FIELDS):
            self.captions[name] = staff_label("s-muted", wrap=False)
            line = QLineEdit()
            line.setObjectName(f"session-{name}")
            line.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            line.installEventFilter(self)
            self.inputs[name] = line
            row, column = divmod(index, 2)
            grid.addWidget(self.captions[name], row * 2, column)
            grid.addWidget(line, row * 2 + 1, column)
        layout.addLayout(grid)
        self.problem = staff_label("s-status", "sessionProblem")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addLayout(self._actions())
        self.keyboard = TouchKeyboard()
        self.keyboard.setObjectName("sessionKeyboard")
        self.keyboard.typed.connect(self._typed)
        self.keyboard.backspace.connect(lambda: self._active().backspace())
        self.keyboard.cleared.connect(lambda: self._active().clear())
        for key in self.keyboard.findChildren(QPushButton):  # the guest page's keyboard keeps the plain names
            key.setObjectName(f"session-{key.objectName()}")
        self.keyboard.hide()
        self.body.addWidget(self.keyboard, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        self._active_field = "title_de"

    def set_portrait(self, portrait: bool) -> None:
        """The keyboard beside the fields on a wide screen, below them on a tall one."""
        direction = QBoxLayout.Direction
        self.body.setDirection(direction.TopToBottom if portrait else direction.LeftToRight)

    def _chips(self, layout, values: list[tuple[str, object]], prefix: str):
        """Three chips a row: six kinds in one row would not fit a portrait screen."""
        grid = QGridLayout()
        grid.setSpacing(8)
        group = QButtonGroup(self)
        chips = {}
        for index, (key, value) in enumerate(values):
            chip = staff_button("s-chip", f"{prefix}-{key}", checkable=True)
            group.addButton(chip)
            chips[value] = chip
            grid.addWidget(chip, *divmod(index, 3))
        layout.addLayout(grid)
        return group, chips

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.keyboard_button = staff_button("s-tool", "sessionKeyboardToggle", self._toggle_keyboard,
                                            checkable=True)
        self.shift_button = staff_button("s-tool", "sessionShift", checkable=True)
        self.cancel_button = staff_button("s-quiet", "sessionCancel", self.cancelled.emit)
        self.save_button = staff_button("s-primary", "sessionSave", self._save)
        row.addWidget(self.keyboard_button)
        row.addWidget(self.shift_button)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        return row

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == event.Type.FocusIn:
            touched = (name for name, line in self.inputs.items() if line is watched)
            self._active_field = next(touched, self._active_field)
        return False

    def _toggle_keyboard(self) -> None:
        self.keyboard.setVisible(self.keyboard_button.isChecked())

    def _active(self) -> QLineEdit:
        return self.inputs[self._active_field]

    def _typed(self, text: str) -> None:
        """The keyboard types small letters: a field starts with a capital, and the shift key makes the
        next letter one (German titles have capitals inside: 'Quiz am Abend')."""
        line = self._active()
        if text.isalpha() and (line.cursorPosition() == 0 or self.shift_button.isChecked()):
            text = text.upper()
            self.shift_button.setChecked(False)
        line.insert(text)

    # -- filling and reading ----------------------------------------------------------------------------
    def edit(self, session: Session | None, default_day: date) -> None:
        """Fill the form with `session`, or empty for a new one on `default_day`."""
        self._id = session.id if session else ""
        values = session.to_dict() if session else {"capacity": None}
        for name, line in self.inputs.items():
            value = values.get(name)
            line.setText("" if value is None else str(value))
        first_day = next(iter(self.day_chips.values()))
        self.day_chips.get(session.day if session else default_day, first_day).setChecked(True)
        self.kind_chips[session.kind if session else SessionKind.OTHER].setChecked(True)
        self.problem.hide()
        self._retitle()
        self.inputs["title_de"].setFocus()

    def typed_session(self) -> Session:
        """The session as typed; FormProblem(field, message) for a time or number that cannot be read."""
        texts = {name: line.text().strip() for name, line in self.inputs.items()}
        try:
            start, end = parse_time(texts["start"], "start"), parse_time(texts["end"], "end")
        except RowError as error:
            raise FormProblem(error.field_name, self._tr("Write the times like 13:30.")) from None
        capacity = texts["capacity"]
        if capacity and not capacity.isdigit():
            raise FormProblem("capacity", self._tr("Places: a number, or empty for no limit."))
        day = next(d for d, chip in self.day_chips.items() if chip.isChecked())
        kind = next(k for k, chip in self.kind_chips.items() if chip.isChecked())
        return Session(self._id, day, start, end, texts["title_de"], texts["title_en"], texts["room"], kind,
                       int(capacity) if capacity else None)

    def _save(self) -> None:
        try:
            self.save_requested.emit(self.typed_session())
        except FormProblem as problem:
            self.show_problem(problem.field, str(problem))

    def show_problem(self, field_name: str, text: str) -> None:
        self.problem.setText(text)
        set_tone(self.problem, "error")
        self.problem.show()
        target = {"title": "title_de", "day": "start"}.get(field_name, field_name)
        if target in self.inputs:
            self.inputs[target].setFocus()

    def reset(self) -> None:
        for line in self.inputs.values():
            line.clear()
        self.keyboard_button.setChecked(False)
        self.shift_button.setChecked(False)
        self.keyboard.hide()
        self.problem.hide()

    def _retitle(self) -> None:
        self.heading.setText(self._tr("Edit session") if self._id else self._tr("New session"))

    def retranslate(self, tr) -> None:
        self._tr = tr
        self._retitle()
        captions = {"start": tr("Start (13:30)"), "end": tr("End"), "title_de": tr("Title (German)"),
                    "title_en": tr("Title (English)"), "room": tr("Room"),
                    "capacity": tr("Places (empty: no limit)")}
        for name, caption in captions.items():
            self.captions[name].setText(caption)
        for number, chip in enumerate(self.day_chips.values(), start=1):
            chip.setText(tr("Day {number}", number=number))
        for kind, chip in self.kind_chips.items():
            chip.setText(kind_label(kind, tr))
        self.keyboard_button.setText(tr("Keyboard"))
        self.shift_button.setText("⇧ " + tr("Capital"))
        self.cancel_button.setText(tr("Cancel"))
        self.save_button.setText(tr("Save"))
        self.keyboard.retranslate(tr)
