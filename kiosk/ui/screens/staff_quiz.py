"""Staff mode, 'Speeddating' page: mixed quiz teams for today's quiz (or dinner with quiz): staff pick the
team size, the kiosk forms teams from who is there (as many new and cross-organization pairs as it can
find in a few seconds) and prints the team lists or saves them on a USB stick."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.programme import Session
from kiosk.services.rounds import ROUNDS_REFUSAL_MESSAGES, PlanOptions, PlanView, RoundsDesk, RoundsError, RoundsRefusal
from kiosk.ui.screens.staff_parts import UNTRANSLATED, TaskRunner, staff_button, staff_card, staff_label
from kiosk.ui.screens.staff_rounds_parts import Chips, PaperRow, Stepper, plan_figures
from kiosk.ui.widgets.common import set_tone


class QuizCard(QWidget):
    def __init__(self, rounds: RoundsDesk, runner: TaskRunner, printer: Callable[[], str],
                 folders: Callable[[], list], planning_seconds: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rounds, self.runner, self.planning_seconds = rounds, runner, planning_seconds
        self._tr = UNTRANSLATED
        self._sessions: list[Session] = []
        self.session_id = ""
        self.view: PlanView | None = None
        frame, layout = staff_card()
        self.title = staff_label("s-heading", "quizTitle")
        self.sessions = Chips("quizSession", exclusive=True, columns=2)
        self.sessions.chosen.connect(self.choose)
        self.no_session = staff_label("s-muted", "quizNoSession")
        row = QHBoxLayout()
        row.setSpacing(20)
        self.team_size = Stepper("quizTeamSize", 2, 12, 5)
        self.form_button = staff_button("s-primary", "quizForm", self.form)
        row.addWidget(self.team_size)
        row.addStretch(1)
        row.addWidget(self.form_button)
        self.figures = staff_label("s-body", "quizFigures")
        self.feedback = staff_label("s-status", "quizFeedback")
        self.paper = PaperRow(runner, rounds, printer, "quiz", folders)
        for widget in (self.title, self.sessions, self.no_session):
            layout.addWidget(widget)
        layout.addLayout(row)
        for widget in (self.figures, self.feedback, self.paper):
            layout.addWidget(widget)
        self.figures.hide()
        self.feedback.hide()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

    def load(self) -> None:
        self.runner.run(self.rounds.quiz_sessions, on_success=self._show_sessions)

    def _show_sessions(self, sessions: list[Session]) -> None:
        self._sessions = sessions
        keep = self.session_id if any(s.id == self.session_id for s in sessions) else ""
        lang = self._tr.lang
        self.sessions.set_choices([(s.id, f"{s.time_text} {s.title(lang)}") for s in sessions], (keep,))
        self.sessions.setVisible(bool(sessions))
        self.no_session.setVisible(not sessions)
        self.form_button.setEnabled(False)
        if keep or len(sessions) == 1:
            self.choose(keep or sessions[0].id)

    def choose(self, session_id: str) -> None:
        self.session_id = session_id
        self.sessions.check((session_id,))
        self.form_button.setEnabled(True)
        self.runner.run(self.rounds.plan_view, session_id, on_success=self._show_view)

    def form(self) -> None:
        if not self.session_id:
            return
        self.form_button.setEnabled(False)
        self._say("", self._tr("Forming teams… (up to {seconds} seconds)", seconds=f"{self.planning_seconds:g}"))
        options = PlanOptions(time_limit=self.planning_seconds)
        self.runner.run(self.rounds.quiz_teams, self.session_id, self.team_size.value, options,
                        on_success=self._formed, on_failure=self._failed)

    def _formed(self, view: PlanView) -> None:
        self.form_button.setEnabled(True)
        self._show_view(view)
        self._say("success", self._tr("Teams formed: {title}", title=view.session.title(self._tr.lang)))

    def _failed(self, error: BaseException) -> None:
        self.form_button.setEnabled(True)
        text = self._tr(ROUNDS_REFUSAL_MESSAGES[RoundsRefusal(error.code)]) if isinstance(error, RoundsError) \
            else self._tr("That did not work: {error}", error=error)
        self._say("error", text)

    def _show_view(self, view: PlanView | None) -> None:
        self.view = view if view is not None and view.kind == "quiz" else None
        self.paper.set_session(self.session_id if self.view else "")
        self.figures.setVisible(self.view is not None)
        if self.view is not None:
            shape, source = plan_figures(self.view, self._tr)
            self.figures.setText("\n".join(t for t in (shape, source) if t))
        self.form_button.setText(self._tr("Form teams again") if self.view else self._tr("Form teams"))

    def _say(self, tone: str, text: str) -> None:
        self.feedback.setText(text)
        set_tone(self.feedback, tone)
        self.feedback.setVisible(bool(text))

    def reset(self) -> None:
        self.feedback.hide()
        self.paper.say("", "")

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Quiz teams"))
        self.no_session.setText(tr("There is no quiz in today's programme."))
        self.team_size.retranslate(tr, tr("People per team"))
        self.paper.retranslate(tr, tr("Team lists:"))
        self._show_view(self.view)
        if self._sessions:
            self._show_sessions(self._sessions)
