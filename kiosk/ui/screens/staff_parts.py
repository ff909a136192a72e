"""Building blocks of staff mode: its denser look, background work with a busy count, inline confirm."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from kiosk.i18n import Translator, translator
from kiosk.ui import style
from kiosk.ui.models.rows import RowsModel
from kiosk.ui.tasks import Tasks
from kiosk.ui.widgets.common import button, label

# Staff mode's pages in sidebar order; Ctrl+1 ... Ctrl+n open them.
PAGES = ("guests", "printing", "arrivals", "programme", "rounds", "settings", "log")

ROW_HEIGHT = 48
# Before the screen is translated (and in tests that never translate it) texts show as their English ids.
UNTRANSLATED: Translator = translator("en")

_BUTTON = "border-radius: 12px; padding: 8px 22px; font-size: 20px; font-weight: bold; min-height: 52px;"

# Staff mode is dense: smaller type than the guest screens, targets still at least 12 mm (52 px).
# A widget's own style sheet wins over the application's, so nothing here is generic (no bare
# QWidget or QPushButton rule): the touch keyboard inside keeps the application's key styles.
STAFF_STYLE = f"""
#staffBar {{ background: {style.CARD}; border-bottom: 1px solid {style.LINE}; }}
#staffSidebar {{ background: {style.CARD}; border-right: 1px solid {style.LINE}; }}
#staffSidebar[portrait="true"] {{ border-right: none; border-bottom: 1px solid {style.LINE}; }}
#staffCard {{ background: {style.CARD}; border: 1px solid {style.LINE}; border-radius: 16px; }}
#staffSelection {{ background: {style.CARD}; border: 1px solid {style.LINE}; border-radius: 16px; }}
#staffConfirm {{ background: {style.WARNING_BG}; border: 2px solid {style.WARNING_TEXT};
                 border-radius: 16px; }}
QLabel[role="s-title"] {{ font-size: 30px; font-weight: bold; color: {style.NAVY}; }}
QLabel[role="s-heading"] {{ font-size: 23px; font-weight: bold; color: {style.NAVY}; }}
QLabel[role="s-body"] {{ font-size: 20px; color: {style.INK}; }}
QLabel[role="s-strong"] {{ font-size: 22px; font-weight: bold; color: {style.INK}; }}
#staffConfirm QLabel[role="s-strong"] {{ color: {style.WARNING_TEXT}; }}
QLabel[role="s-muted"] {{ font-size: 18px; color: {style.MUTED}; }}
QLabel[role="s-number"] {{ font-size: 60px; font-weight: bold; color: {style.NAVY}; }}
QLabel[role="s-busy"] {{ font-size: 19px; font-weight: bold; color: {style.PRIMARY}; }}
QLabel[role="s-status"] {{ font-size: 20px; color: {style.INK}; border-radius: 12px; padding: 10px 18px;
                           background: {style.PAPER}; border: 1px solid {style.LINE}; }}
QLabel[role="s-status"][tone="success"] {{ background: {style.SUCCESS_BG}; color: {style.SUCCESS};
                                           border-color: {style.SUCCESS}; }}
QLabel[role="s-status"][tone="warning"] {{ background: {style.WARNING_BG}; color: {style.WARNING_TEXT};
                                           border-color: {style.WARNING_TEXT}; }}
QLabel[role="s-status"][tone="error"] {{ background: {style.ERROR_BG}; color: {style.ERROR};
                                         border-color: {style.ERROR}; }}
QPushButton[role="s-nav"] {{ {_BUTTON} background: transparent; color: {style.INK}; text-align: left;
                             padding: 8px 20px; border: none; font-size: 21px; }}
QPushButton[role="s-nav"]:checked {{ background: {style.PRIMARY}; color: white; }}
QPushButton[role="s-nav"]:pressed {{ background: #DCE8F5; }}
#staffSidebar[portrait="true"] QPushButton[role="s-nav"] {{ padding: 8px 12px; }}
QPushButton[role="s-chip"] {{ {_BUTTON} background: {style.CARD}; color: {style.INK};
                              border: 2px solid {style.LINE}; border-radius: 26px; padding: 6px 22px; }}
QPushButton[role="s-chip"]:checked {{ background: {style.NAVY}; color: white; border-color: {style.NAVY}; }}
QPushButton[role="s-tool"] {{ {_BUTTON} background: {style.CARD}; color: {style.PRIMARY};
                              border: 2px solid {style.PRIMARY}; }}
QPushButton[role="s-tool"]:pressed, QPushButton[role="s-tool"]:checked {{ background: #DCE8F5; }}
QPushButton[role="s-tool"]:disabled {{ color: #7B8494; border-color: {style.LINE};
                                       background: {style.PAPER}; }}
QPushButton[role="s-primary"] {{ {_BUTTON} background: {style.PRIMARY}; color: white; border: none; }}
QPushButton[role="s-primary"]:pressed {{ background: {style.PRIMARY_DARK}; }}
QPushButton[role="s-primary"]:disabled {{ background: {style.LINE}; color: #5E6776; }}
QPushButton[role="s-danger"] {{ {_BUTTON} background: {style.ERROR}; color: white; border: none; }}
QPushButton[role="s-quiet"] {{ {_BUTTON} background: {style.CARD}; color: {style.INK};
                               border: 2px solid {style.LINE}; }}
QPushButton[role="s-back"] {{ {_BUTTON} background: {style.PRIMARY}; color: white; border: none;
                              font-size: 22px; padding: 8px 28px; min-height: 60px; }}
QPushButton[role="s-back"]:pressed {{ background: {style.PRIMARY_DARK}; }}
QLineEdit#staffSearch {{ background: {style.CARD}; border: 2px solid {style.LINE}; border-radius: 12px;
                         padding: 8px 16px; font-size: 22px; min-height: 36px; }}
QLineEdit#staffSearch:focus {{ border-color: {style.PRIMARY}; }}
QTableView {{ font-size: 19px; color: {style.INK}; background: {style.CARD};
              alternate-background-color: #F7F9FC;
              border: 1px solid {style.LINE}; border-radius: 12px; gridline-color: {style.LINE}; outline: 0;
              selection-background-color: #CFE0F3; selection-color: {style.INK}; }}
QTableView::item {{ padding: 0 12px; border: none; }}
QTableView::item:selected {{ background: #CFE0F3; color: {style.INK}; }}
QHeaderView::section {{ font-size: 17px; font-weight: bold; color: {style.MUTED}; background: {style.PAPER};
                        padding: 10px 12px; border: none; border-bottom: 2px solid {style.LINE}; }}
QProgressBar#staffBusyBar {{ background: {style.LINE}; border: none; border-radius: 4px; max-height: 8px;
                             min-width: 120px; }}
QProgressBar#staffBusyBar::chunk {{ background: {style.PRIMARY}; border-radius: 4px; }}
QPushButton[role="key"] {{ min-height: 60px; min-width: 66px; font-size: 26px; }}
QPushButton[role="key-wide"] {{ min-height: 60px; font-size: 22px; }}
QTableView QScrollBar:vertical {{ width: 18px; background: {style.PAPER}; }}
QTableView QScrollBar::handle:vertical {{ background: #AEB8C7; border-radius: 8px; min-height: 60px;
                                          margin: 2px; }}
QTableView QScrollBar::add-line, QTableView QScrollBar::sub-line {{ height: 0; width: 0; }}
"""


class TaskRunner(QObject):
    """Tasks.run with a count of jobs under way, so the screen can show that it is working.

    Printer work may go to its own Tasks (`printing`), so a slow printer never holds up the
    database worker; without one it shares the database worker.
    """

    busy_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, tasks: Tasks, printing: Tasks | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.printing = printing or tasks
        self.pending = 0

    @property
    def busy(self) -> bool:
        return self.pending > 0

    def run(self, fn: Callable[..., Any], *args: Any, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None) -> None:
        self._start(self.tasks, fn, args, on_success, on_failure)

    def run_printing(self, fn: Callable[..., Any], *args: Any,
                     on_success: Callable[[Any], None] | None = None,
                     on_failure: Callable[[BaseException], None] | None = None) -> None:
        self._start(self.printing, fn, args, on_success, on_failure)

    def _start(self, tasks: Tasks, fn, args, on_success, on_failure) -> None:
        self._change(+1)

        def succeeded(result: Any) -> None:
            self._change(-1)
            if on_success:
                on_success(result)

        def failed(error: BaseException) -> None:
            self._change(-1)
            if on_failure:
                on_failure(error)
            else:  # a failure nobody handles reaches the screen's one error display
                self.failed.emit(f"{type(error).__name__}: {error}")

        tasks.run(fn, *args, on_success=succeeded, on_failure=failed)

    def _change(self, delta: int) -> None:
        was_busy = self.busy
        self.pending += delta
        if self.busy != was_busy:
            self.busy_changed.emit(self.busy)


def key_text(sequence: str, tr) -> str:
    """A shortcut as this language's keyboards label it: German keyboards say Strg where English say Ctrl."""
    return "+".join(tr("Ctrl") if part == "Ctrl" else part for part in sequence.split("+"))


def staff_button(role: str, name: str, on_click=None, checkable: bool = False) -> QPushButton:
    widget = button(role, on_click=on_click)
    widget.setObjectName(name)
    widget.setCheckable(checkable)
    return widget


def staff_label(role: str, name: str = "", wrap: bool = True) -> QLabel:
    widget = label(role, wrap=wrap)
    if name:
        widget.setObjectName(name)
    return widget


def staff_card(spacing: int = 14) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("staffCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 20, 24, 20)
    layout.setSpacing(spacing)
    return frame, layout


def staff_table(model: RowsModel, name: str, stretch_columns: tuple[int, ...] = (0,)) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    model.modelReset.connect(lambda: fit_columns(table, stretch_columns))
    return table


def fit_columns(table: QTableView, stretch_columns: tuple[int, ...]) -> None:
    header = table.horizontalHeader()
    for column in range(table.model().columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if column in stretch_columns else \
            QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)


class InlineConfirm(QFrame):
    """Asks 'Really?' in place, without a blocking dialog: a sentence, a yes and a cancel."""

    def __init__(self, parent: QWidget | None = None, names: str = "staffConfirm") -> None:
        super().__init__(parent)
        self.setObjectName("staffConfirm")  # the style's name; `names` tells a page's several apart
        self._action: Callable[[], None] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 12, 14, 12)
        layout.setSpacing(14)
        self.question = staff_label("s-strong", f"{names}Question")
        self.yes_button = staff_button("s-primary", f"{names}Yes", self.confirm)
        self.no_button = staff_button("s-quiet", f"{names}No", self.cancel)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.no_button)
        layout.addWidget(self.yes_button)
        self.hide()

    def ask(self, question: str, yes_text: str, action: Callable[[], None], danger: bool = False) -> None:
        self._action = action
        self.question.setText(question)
        self.yes_button.setText(yes_text)
        self.yes_button.setProperty("role", "s-danger" if danger else "s-primary")
        self.yes_button.style().unpolish(self.yes_button)
        self.yes_button.style().polish(self.yes_button)
        self.show()

    @property
    def asking(self) -> bool:
        return self._action is not None

    def confirm(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action:
            action()

    def cancel(self) -> None:
        self._action = None
        self.hide()

    def retranslate(self, tr) -> None:
        self.no_button.setText(tr("Cancel"))
