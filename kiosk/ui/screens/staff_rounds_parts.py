"""What the speed-networking page of staff mode is built from: a number with − and +, a row of chips to
choose from, the planner's figures in words, and the paper row (print on this kiosk's printer, or save
the PDF onto a USB stick for the office printer)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.round_plans import PlanSource
from kiosk.printing import PrintResult
from kiosk.services.enrolment import removable_folders
from kiosk.services.round_printouts import Printout, print_on, printout, save_in
from kiosk.services.rounds import PlanView, RoundsDesk
from kiosk.ui.screens.staff_parts import UNTRANSLATED, TaskRunner, staff_button, staff_label
from kiosk.ui.widgets.common import set_tone


class Stepper(QWidget):
    """A caption, −, the number, +: touch-friendly, no keyboard needed. `auto` shows a word for 0."""

    changed = Signal(int)

    def __init__(self, name: str, low: int, high: int, value: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high, self._value = low, high, value
        self._auto = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.caption = staff_label("s-muted", f"{name}Caption", wrap=False)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.minus = staff_button("s-tool", f"{name}Less", lambda: self.set_value(self._value - 1))
        self.number = staff_label("s-strong", f"{name}Value", wrap=False)
        self.number.setMinimumWidth(64)
        self.plus = staff_button("s-tool", f"{name}More", lambda: self.set_value(self._value + 1))
        self.minus.setText("−")
        self.plus.setText("+")
        row.addWidget(self.minus)
        row.addWidget(self.number)
        row.addWidget(self.plus)
        row.addStretch(1)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        self._show()

    @property
    def value(self) -> int:
        return self._value

    def set_value(self, value: int) -> None:
        value = max(self.low, min(self.high, value))
        if value != self._value:
            self._value = value
            self._show()
            self.changed.emit(value)

    def _show(self) -> None:
        self.number.setText(self._auto if self._auto and self._value == 0 else str(self._value))
        self.minus.setEnabled(self._value > self.low)
        self.plus.setEnabled(self._value < self.high)

    def retranslate(self, tr, caption: str, auto: str = "") -> None:
        self._auto = auto
        self.caption.setText(caption)
        self.minus.setAccessibleName(tr("{setting}: less", setting=caption))
        self.plus.setAccessibleName(tr("{setting}: more", setting=caption))
        self._show()


class Chips(QWidget):
    """Checkable chips in rows of `columns`: one choice (exclusive) or several."""

    chosen = Signal(str)

    def __init__(self, name: str, exclusive: bool, columns: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name, self.exclusive, self.columns = name, exclusive, columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(exclusive)
        self.buttons: dict[str, object] = {}

    def set_choices(self, choices: list[tuple[str, str]], checked: tuple[str, ...] = ()) -> None:
        for chip in self.buttons.values():
            self.group.removeButton(chip)
            self.grid.removeWidget(chip)
            chip.deleteLater()
        self.buttons = {}
        for index, (key, text) in enumerate(choices):
            chip = staff_button("s-chip", f"{self.name}-{key}", lambda _=False, k=key: self.chosen.emit(k),
                                checkable=True)
            chip.setText(text)
            chip.setChecked(key in checked)
            policy = chip.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)  # may wrap its words, not widen the page
            chip.setSizePolicy(policy)
            self.group.addButton(chip)
            self.grid.addWidget(chip, *divmod(index, self.columns))
            self.buttons[key] = chip

    def checked(self) -> tuple[str, ...]:
        return tuple(key for key, chip in self.buttons.items() if chip.isChecked())

    def check(self, keys: tuple[str, ...]) -> None:
        for key, chip in self.buttons.items():
            chip.setChecked(key in keys)

    def rename(self, texts: dict[str, str]) -> None:
        for key, chip in self.buttons.items():
            chip.setText(texts.get(key, chip.text()))


def plan_figures(view: PlanView, tr) -> tuple[str, str]:
    """(what was planned, where the people came from): the planner's figures in staff's words; the
    second is '' unless nobody was scanned at the door, which staff must know."""
    tables = len(view.rounds[-1].tables) if view.rounds else 0
    if view.kind == "quiz":
        shape = tr("{people} people in {tables} teams", people=view.people, tables=tables)
    else:
        shape = tr("{people} people · {tables} tables · {rounds} rounds of {minutes} minutes", people=view.people,
                   tables=tables, rounds=view.total, minutes=view.minutes)
    figures = tr("Pairs meeting twice: {repeats} · same organization: {same_org} · met before: {met_before}",
                 repeats=view.repeats, same_org=view.same_org, met_before=view.met_before)
    source = tr("Planned from today's check-ins because nobody was scanned at the door of this session.") \
        if view.source == PlanSource.CHECK_INS else ""
    return f"{shape}\n{figures}", source


class PaperRow(QWidget):
    """Print the session's plan (or teams) on this kiosk's printer, or save it as a PDF on a USB stick.
    Both run on the printing worker: a slow printer never holds the page."""

    def __init__(self, runner: TaskRunner, rounds: RoundsDesk, printer: Callable[[], str], names: str,
                 folders: Callable[[], list] = removable_folders, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.rounds, self.printer, self.folders = runner, rounds, printer, folders
        self._tr = UNTRANSLATED
        self.session_id = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.caption = staff_label("s-body", f"{names}PaperCaption")
        self.print_button = staff_button("s-tool", f"{names}Print", self.print_now)
        self.save_button = staff_button("s-tool", f"{names}Save", self.save_now)
        row.addWidget(self.caption, 1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        self.status = staff_label("s-status", f"{names}PaperStatus")
        self.status.hide()
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.set_session("")

    def set_session(self, session_id: str) -> None:
        """The session whose stored plan goes on paper ('' while none is planned)."""
        self.session_id = session_id
        self.print_button.setEnabled(bool(session_id))
        self.save_button.setEnabled(bool(session_id))

    def print_now(self) -> None:
        spec = self.printer()
        if not spec:
            self.say("error", self._tr("No printer is set up for this kiosk."))
            return
        self.say("", self._tr("Printing…"))
        rounds, lang = self.rounds, self._tr.lang
        self.runner.run_printing(lambda sid: print_on(spec, printout(rounds, sid, lang), rounds.desk.clock()),
                                 self.session_id, on_success=self._printed, on_failure=self._failed)

    def save_now(self) -> None:
        folders = self.folders()
        if not folders:
            self.say("warning", self._tr("No USB stick found. Insert one and try again."))
            return
        self.say("", self._tr("Writing to {folder} …", folder=folders[0]))
        rounds, lang = self.rounds, self._tr.lang

        def write(session_id: str):
            document: Printout = printout(rounds, session_id, lang)
            return save_in(folders[0], document)

        self.runner.run_printing(write, self.session_id, on_success=self._saved, on_failure=self._failed)

    def _printed(self, result: PrintResult) -> None:
        if result.ok:
            self.say("success", self._tr("Sent to the printer ({reference}).", reference=result.reference))
        else:
            self.say("error", self._tr("Printing did not work: {reason}", reason=result.message))

    def _saved(self, path) -> None:
        self.say("success", self._tr("Saved as {path}. Print it from the USB stick.", path=path))

    def _failed(self, error: BaseException) -> None:
        self.say("error", self._tr("That did not work: {error}", error=error))

    def say(self, tone: str, text: str) -> None:
        self.status.setText(text)
        set_tone(self.status, tone)
        self.status.setVisible(bool(text))

    def retranslate(self, tr, caption: str) -> None:
        self._tr = tr
        self.caption.setText(caption)
        self.print_button.setText(tr("Print"))
        self.save_button.setText(tr("Save to USB stick"))
