"""Staff mode's log: the kiosk's recent problems (kept in memory, so they show even when the
database fails) and the staff log from the database (its words: staff_audit.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.services.staff import StaffDesk
from kiosk.ui.models.rows import Column, RowsModel
from kiosk.ui.problems import Problem, ProblemLog
from kiosk.ui.screens.staff_audit import action_text, detail_text
from kiosk.ui.screens.staff_pages import Page
from kiosk.ui.screens.staff_parts import TaskRunner, staff_button, staff_card, staff_label, staff_table


class ProblemsCard(QWidget):
    """What failed at this kiosk since it started, newest first: when, in which flow, which error."""

    def __init__(self, problems: ProblemLog | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems = problems
        frame, layout = staff_card()
        self.title = staff_label("s-heading", wrap=False)
        self.empty = staff_label("s-muted", "staffNoProblems")
        self.model = RowsModel(key=lambda p: f"{p.at.isoformat()}{p.flow}", parent=self)
        self.table = staff_table(self.model, "staffProblemTable", stretch_columns=(2,))
        self.table.setMaximumHeight(260)
        for widget in (self.title, self.empty, self.table):
            layout.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

    def load(self) -> None:
        shown = self.problems.recent() if self.problems is not None else []
        self.model.set_rows(shown)
        self.table.setVisible(bool(shown))
        self.empty.setVisible(not shown)

    def retranslate(self, tr) -> None:
        self.title.setText(tr("Problems at this kiosk"))
        self.empty.setText(tr("Nothing has failed since the kiosk started."))
        flows = {"check-in": tr("Check-in"), "contact exchange": tr("Contact exchange"),
                 "walk-in registration": tr("Walk-in registration"), "badge printing": tr("Badge printing"),
                 "staff login": tr("Staff login"), "leaving staff mode": tr("Leaving staff mode"),
                 "live boards": tr("Leaderboard and programme"), "name search": tr("Name search")}

        def error(problem: Problem) -> str:
            return f"{problem.error_type}: {problem.detail}" if problem.detail else problem.error_type

        self.model.set_columns([
            Column(tr("Time"), lambda p: p.at.strftime("%H:%M:%S")),
            Column(tr("Where"), lambda p: flows.get(p.flow, p.flow)),
            Column(tr("Error"), error, tone=lambda p: "error"),
        ])


class LogPage(Page):
    def __init__(self, staff: StaffDesk, runner: TaskRunner, problems: ProblemLog | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(staff, runner, parent)
        self.problems = ProblemsCard(problems)
        self.layout_.addWidget(self.problems)
        card, layout = staff_card()
        heading = QHBoxLayout()
        self.title = staff_label("s-heading", wrap=False)
        self.note = staff_label("s-muted")
        self.reload_button = staff_button("s-tool", "staffReloadLog", self.load)
        heading.addWidget(self.title)
        heading.addSpacing(12)
        heading.addWidget(self.note, 1)
        heading.addWidget(self.reload_button)
        layout.addLayout(heading)
        self.model = RowsModel(key=lambda e: f"{e.at}{e.action}{e.guest_id}{e.detail}", parent=self)
        self.table = staff_table(self.model, "staffLogTable", stretch_columns=(3,))
        layout.addWidget(self.table, 1)
        self.layout_.addWidget(card, 1)

    def load(self) -> None:
        self.load_problems()
        self.runner.run(self.staff.audit_entries, 200, on_success=self.model.set_rows)

    def load_problems(self) -> None:
        """From memory, so it works when the database is what fails."""
        self.problems.load()

    def reset(self) -> None:
        self.model.set_rows([])

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.problems.retranslate(tr)
        self.title.setText(tr("Staff log"))
        self.note.setText(tr(
            "Newest first. The log keeps guest ids only; names are looked up for this view."))
        self.reload_button.setText(tr("Reload"))
        self.model.set_columns([
            Column(tr("Time"), lambda e: e.at),
            Column(tr("Action"), lambda e: action_text(e, tr)),
            Column(tr("Guest"), lambda e: e.guest_name),  # an erased guest or an event id: nothing to name
            Column(tr("Detail"), lambda e: detail_text(e, tr)),
        ])
