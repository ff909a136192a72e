"""Staff mode, printing page: badges in bulk for the pick-up table (all, a filter, a category or an
organization, optionally only those not printed yet), sorted by name, with progress and a cancel.

The batch runs on the printing worker; each printed badge reports back through a signal, so the
screen stays usable, and Cancel stops it after the badge in hand.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from kiosk.i18n import category_label
from kiosk.printing.batch import FAILING_PRINTER, BatchResult
from kiosk.services.staff import BatchScope, NoPrinter, StaffDesk
from kiosk.ui.screens.staff_parts import (UNTRANSLATED, InlineConfirm, TaskRunner, staff_button, staff_card,
                                          staff_label)
from kiosk.ui.widgets.common import set_tone

FILTER_GROUPS = ("all", "checked_in", "not_yet", "walk_ins")


class BatchCard(QWidget):
    progressed = Signal(int, int)  # emitted on the printing worker, delivered on the UI thread
    finished = Signal()

    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.staff, self.runner = staff, runner
        self._tr = UNTRANSLATED
        self._choices: tuple[list[str], list[str]] = ([], [])
        self._cancel: threading.Event | None = None
        self._count = 0
        frame, layout = staff_card()
        self.title = staff_label("s-heading", wrap=False)
        layout.addWidget(self.title)
        layout.addLayout(self._build_choice())
        self.confirm = InlineConfirm(names="staffBatchConfirm")
        layout.addWidget(self.confirm)
        layout.addLayout(self._build_progress())
        self.status = staff_label("s-status", "staffBatchStatus")
        self.status.hide()
        layout.addWidget(self.status)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.progressed.connect(self._show_progress)

    def _build_choice(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(12)
        self.scope = QComboBox()
        self.scope.setObjectName("staffBatchScope")
        self.scope.setMinimumHeight(52)
        self.scope.setStyleSheet("font-size: 20px; padding: 4px 12px;")
        self.scope.currentIndexChanged.connect(self.count)
        self.not_printed = staff_button("s-chip", "staffBatchNotPrinted", self.count, checkable=True)
        self.count_label = staff_label("s-muted", "staffBatchCount", wrap=False)
        self.print_button = staff_button("s-primary", "staffBatchPrint", self.ask)
        row.addWidget(self.scope, 1)
        row.addWidget(self.not_printed)
        row.addWidget(self.count_label)
        row.addWidget(self.print_button)
        return row

    def _build_progress(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(12)
        self.bar = QProgressBar()
        self.bar.setObjectName("staffBatchProgress")
        self.bar.setMinimumHeight(40)
        self.bar.setTextVisible(False)  # the label beside it says "5 of 14"
        self.progress_label = staff_label("s-body", "staffBatchProgressText", wrap=False)
        self.cancel_button = staff_button("s-danger", "staffBatchCancel", self.cancel)
        for widget in (self.bar, self.progress_label, self.cancel_button):
            row.addWidget(widget, 1 if widget is self.bar else 0)
            widget.hide()
        return row

    # -- choosing ---------------------------------------------------------------------
    def load(self) -> None:
        self.runner.run(self.staff.batch_choices, on_success=self._fill)

    def _fill(self, choices: tuple[list[str], list[str]]) -> None:
        self._choices = choices
        chosen = self.chosen()
        self.scope.blockSignals(True)
        self.scope.clear()
        tr = self._tr
        names = {"all": tr("All guests"), "checked_in": tr("Checked in today"),
                 "not_yet": tr("Not yet arrived today"), "walk_ins": tr("Walk-ins")}
        for group in FILTER_GROUPS:
            self.scope.addItem(names[group], _key(group))
        self.scope.insertSeparator(self.scope.count())
        for category in choices[0]:
            name = tr("Category: {name}", name=category_label(category, tr))
            self.scope.addItem(name, _key("category", category))
        self.scope.insertSeparator(self.scope.count())
        for organization in choices[1]:
            self.scope.addItem(organization, _key("organization", organization))
        found = self.scope.findData(_key(chosen.group, chosen.value))
        self.scope.setCurrentIndex(max(0, found))
        self.scope.blockSignals(False)
        self.count()

    def chosen(self) -> BatchScope:
        group, _, value = (self.scope.currentData() or "all").partition("\t")
        return BatchScope(group, value, self.not_printed.isChecked())

    def choose(self, group: str, value: str = "") -> None:
        """Select a scope as a tap in the list would (tests and the keyboard use it)."""
        self.scope.setCurrentIndex(self.scope.findData(_key(group, value)))

    def count(self) -> None:
        self.runner.run(self.staff.batch_guests, self.chosen(), on_success=self._show_count)

    def _show_count(self, guest_ids: list[str]) -> None:
        self._count = len(guest_ids)
        self.count_label.setText(self._tr.plural("{count} badge", "{count} badges", self._count))
        self.print_button.setEnabled(self._count > 0 and self._cancel is None)

    # -- printing ---------------------------------------------------------------------
    def ask(self) -> None:
        question = self._tr.plural("Print {count} badge, sorted by last name?",
                                   "Print {count} badges, sorted by last name?", self._count)
        self.confirm.ask(question, self._tr("Yes, print"), self.start)

    def start(self) -> None:
        self._cancel = threading.Event()
        self._running(True)
        self._show_progress(0, self._count)
        self.runner.run_printing(self.staff.print_batch, self.chosen(), self.progressed.emit, self._cancel,
                                 on_success=self._done, on_failure=self._failed)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self._tr("Stopping after this badge…"))

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def _running(self, running: bool) -> None:
        for widget in (self.bar, self.progress_label, self.cancel_button):
            widget.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.scope.setEnabled(not running)
        self.not_printed.setEnabled(not running)
        self.print_button.setEnabled(not running and self._count > 0)
        self.status.hide()

    def _show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if self._cancel is not None and not self._cancel.is_set():
            self.progress_label.setText(self._tr("{done} of {total}", done=done, total=total))

    def _done(self, result: BatchResult) -> None:
        self._cancel = None
        self._running(False)
        self._say(*describe(result, self._tr))
        self.finished.emit()
        self.count()

    def _failed(self, error: BaseException) -> None:
        self._cancel = None
        self._running(False)
        self._say("error", self._tr("No printer is set up for this kiosk.") if isinstance(error, NoPrinter)
                  else self._tr("That did not work: {error}", error=error))

    def _say(self, tone: str, text: str) -> None:
        self.status.setText(text)
        set_tone(self.status, tone)
        self.status.setVisible(bool(text))

    def reset(self) -> None:
        """Leaving staff mode stops a running batch after its current badge."""
        self.cancel()
        self.confirm.cancel()
        self.status.hide()

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.confirm.retranslate(tr)
        self.title.setText(tr("Print badges for the pick-up table"))
        self.not_printed.setText(tr("Only not yet printed"))
        self.print_button.setText(tr("Print…"))
        self.cancel_button.setText(tr("Cancel printing"))
        self._fill(self._choices)


def _key(group: str, value: str = "") -> str:
    """A scope as the list's item data (a plain string: Qt compares those when it looks one up)."""
    return f"{group}\t{value}" if value else group


def describe(result: BatchResult, tr) -> tuple[str, str]:
    """(tone, sentence) for how a batch ended."""
    if result.gave_up:
        return "error", tr(
            "Stopped: the printer failed {count} times in a row. {printed} of {total} printed.",
            count=FAILING_PRINTER, printed=result.printed, total=result.total)
    if result.cancelled:
        return "warning", tr("Cancelled: {printed} of {total} badges printed.", printed=result.printed,
                             total=result.total)
    text = tr.plural("{count} badge printed, sorted by last name.",
                     "{count} badges printed, sorted by last name.", result.printed)
    if result.failed:
        return "warning", text + " " + tr("{count} failed: see the print jobs below.", count=result.failed)
    return "success", text
