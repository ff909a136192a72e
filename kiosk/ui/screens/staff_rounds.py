"""Staff mode, 'Speeddating': today's speed networking planned (or planned again for who is here now)
with its options, the planner's figures, the rounds started one after the other (the big screen counts
down from the start), the plan on paper; and mixed quiz teams.

Planning searches for up to a few seconds on the database worker: the page says so while it runs, and
staff may stop the search and keep the best plan found so far."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QBoxLayout, QFrame, QGridLayout, QHBoxLayout, QProgressBar, QScrollArea, QVBoxLayout,
                               QWidget)

from kiosk.core.model import OrganizationKind
from kiosk.core.programme import Session
from kiosk.reports.style import KIND_LABELS
from kiosk.services.enrolment import removable_folders
from kiosk.services.rounds import (ROUNDS_REFUSAL_MESSAGES, PlanOptions, PlanView, RoundsDesk, RoundsError,
                                   RoundsRefusal, RoundView, StartOutcome)
from kiosk.services.staff import StaffDesk
from kiosk.ui.models.rows import Column, RowsModel
from kiosk.ui.screens.staff_pages import Page
from kiosk.ui.screens.staff_parts import InlineConfirm, TaskRunner, staff_button, staff_card, staff_label, staff_table
from kiosk.ui.screens.staff_quiz import QuizCard
from kiosk.ui.screens.staff_rounds_parts import Chips, PaperRow, Stepper, plan_figures
from kiosk.ui.widgets.common import set_tone
from kiosk.ui.widgets.drag_scroll import DragScroll

PLANNING_SECONDS = 5.0  # how long the planner may search; staff may stop it sooner
HOST_KINDS = tuple(str(k) for k in OrganizationKind if k not in (OrganizationKind.OTHER, OrganizationKind.STAFF))


class RoundsPage(Page):
    def __init__(self, staff: StaffDesk, runner: TaskRunner, parent: QWidget | None = None, *,
                 planning_seconds: float = PLANNING_SECONDS, folders: Callable[[], list] = removable_folders) -> None:
        super().__init__(staff, runner, parent)
        self.rounds = RoundsDesk(staff.desk)
        self.planning_seconds = planning_seconds
        self._sessions: list[Session] = []
        self.session_id = ""
        self.view: PlanView | None = None
        self._cancel: threading.Event | None = None
        printer = lambda: staff.print_queue.default_printer if staff.print_queue else ""  # noqa: E731
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(self._build_plan_card())
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(16)
        right.addWidget(self._build_rounds_card(printer, folders), 1)
        self.quiz = QuizCard(self.rounds, runner, printer, folders, planning_seconds)
        right.addWidget(self.quiz)
        self.body.addLayout(left, 3)
        self.body.addLayout(right, 2)
        self.layout_.addWidget(self._scrolling(self.body), 1)

    @staticmethod
    def _scrolling(body: QBoxLayout) -> QScrollArea:
        """The cards stacked on a portrait screen are taller than it: they scroll instead of squeezing."""
        holder = QWidget()
        holder.setObjectName("roundsHolder")
        holder.setLayout(body)
        area = QScrollArea()
        area.setObjectName("roundsScroll")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setStyleSheet("#roundsScroll, #roundsHolder { background: transparent; }")
        area.setWidget(holder)
        DragScroll(area)
        return area

    def _build_plan_card(self) -> QWidget:
        frame, layout = staff_card()
        self.title = staff_label("s-heading", "roundsTitle")
        self.sessions = Chips("roundsSession", exclusive=True, columns=2)
        self.sessions.chosen.connect(self.choose)
        self.no_session = staff_label("s-muted", "roundsNoSession")
        options = QGridLayout()
        options.setHorizontalSpacing(28)
        options.setVerticalSpacing(10)
        self.table_size = Stepper("roundsTableSize", 2, 12, 4)
        self.round_count = Stepper("roundsCount", 0, 12, 0)  # 0: as many as the session's time holds
        self.minutes = Stepper("roundsMinutes", 2, 30, 8)
        for column, stepper in enumerate((self.table_size, self.round_count, self.minutes)):
            options.addWidget(stepper, 0, column)
        self.remainder_caption = staff_label("s-muted", wrap=False)
        self.remainder = Chips("roundsRemainder", exclusive=True, columns=2)
        self.hosts_caption = staff_label("s-muted")
        self.hosts = Chips("roundsHost", exclusive=False, columns=3)
        self.hosts.set_choices([(kind, kind) for kind in HOST_KINDS])
        for widget in (self.title, self.sessions, self.no_session):
            layout.addWidget(widget)
        layout.addLayout(options)
        for widget in (self.remainder_caption, self.remainder, self.hosts_caption, self.hosts):
            layout.addWidget(widget)
        layout.addLayout(self._build_planning_row())
        self.figures = staff_label("s-body", "roundsFigures")
        self.source = staff_label("s-status", "roundsSource")
        set_tone(self.source, "warning")
        self.feedback = staff_label("s-status", "roundsFeedback")
        for widget in (self.figures, self.source, self.feedback):
            widget.hide()
            layout.addWidget(widget)
        return frame

    def _build_planning_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(12)
        self.plan_button = staff_button("s-primary", "roundsPlan", self.plan)
        self.planning = staff_label("s-busy", "roundsPlanning")
        self.planning_bar = QProgressBar()
        self.planning_bar.setObjectName("staffBusyBar")
        self.planning_bar.setRange(0, 0)
        self.planning_bar.setTextVisible(False)
        self.stop_button = staff_button("s-quiet", "roundsStopPlanning", self.stop_planning)
        row.addWidget(self.plan_button)
        row.addWidget(self.planning, 1)
        row.addWidget(self.planning_bar)
        row.addWidget(self.stop_button)
        for widget in (self.planning, self.planning_bar, self.stop_button):
            widget.hide()
        return row

    def _build_rounds_card(self, printer, folders) -> QWidget:
        frame, layout = staff_card()
        self.rounds_title = staff_label("s-heading", "roundsListTitle")
        self.model = RowsModel(key=lambda r: str(r.number), parent=self)
        self.table = staff_table(self.model, "roundsTable", stretch_columns=(1,))
        self.start_button = staff_button("s-primary", "roundsStart", self.ask_start)
        self.confirm = InlineConfirm(names="roundsConfirm")
        self.start_feedback = staff_label("s-status", "roundsStartFeedback")
        self.start_feedback.hide()
        self.paper = PaperRow(self.runner, self.rounds, printer, "rounds", folders)
        layout.addWidget(self.rounds_title)
        layout.addWidget(self.table, 1)
        for widget in (self.start_button, self.confirm, self.start_feedback, self.paper):
            layout.addWidget(widget)
        return frame

    # -- today's sessions -----------------------------------------------------------------------------
    def load(self) -> None:
        self.runner.run(self.rounds.round_sessions, on_success=self._show_sessions)
        self.quiz.load()

    def _show_sessions(self, sessions: list[Session]) -> None:
        self._sessions = sessions
        lang = self._tr.lang
        keep = self.session_id if any(s.id == self.session_id for s in sessions) else ""
        self.sessions.set_choices([(s.id, f"{s.time_text} {s.title(lang)}") for s in sessions], (keep,))
        self.no_session.setVisible(not sessions)
        self.sessions.setVisible(bool(sessions))
        self.plan_button.setEnabled(False)
        if keep or len(sessions) == 1:
            self.choose(keep or sessions[0].id)
        else:
            self._show_view(None)

    def choose(self, session_id: str) -> None:
        self.session_id = session_id
        self.sessions.check((session_id,))
        self.plan_button.setEnabled(self._cancel is None)
        self.runner.run(self.rounds.plan_view, session_id, on_success=lambda view: self._loaded(session_id, view))

    def _loaded(self, session_id: str, view: PlanView | None) -> None:
        if session_id == self.session_id:
            self._show_view(view, fill_options=True)

    # -- planning -------------------------------------------------------------------------------------
    def options(self) -> PlanOptions:
        return PlanOptions(table_size=self.table_size.value, rounds=self.round_count.value or None,
                           remainder=(self.remainder.checked() or ("smaller",))[0], minutes=self.minutes.value,
                           hosts=self.hosts.checked(), time_limit=self.planning_seconds)

    def plan(self) -> None:
        if not self.session_id or self._cancel is not None:
            return
        self._cancel = cancel = threading.Event()
        self._planning(True)
        session_id = self.session_id
        self.runner.run(self.rounds.plan, session_id, self.options(), cancel.is_set,
                        on_success=lambda view: self._planned(session_id, view), on_failure=self._plan_failed)

    def stop_planning(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.planning.setText(self._tr("Stopping: the best plan so far is kept…"))

    def _planning(self, running: bool) -> None:
        for widget in (self.planning, self.planning_bar, self.stop_button):
            widget.setVisible(running)
        self.plan_button.setEnabled(not running and bool(self.session_id))
        self.start_button.setEnabled(not running and self._startable() is not None)
        self.planning.setText(self._tr("Planning… (up to {seconds} seconds)", seconds=f"{self.planning_seconds:g}"))
        if running:
            self.feedback.hide()

    def _planned(self, session_id: str, view: PlanView) -> None:
        self._cancel = None
        self._planning(False)
        self.data_changed.emit()
        if session_id == self.session_id:
            self._show_view(view)
            self._say(self.feedback, "success", self._tr("Planned: {title}", title=view.session.title(self._tr.lang)))

    def _plan_failed(self, error: BaseException) -> None:
        self._cancel = None
        self._planning(False)
        self._say(self.feedback, "error", self._refusal(error))

    def _refusal(self, error: BaseException) -> str:
        if isinstance(error, RoundsError):
            text = self._tr(ROUNDS_REFUSAL_MESSAGES[RoundsRefusal(error.code)])
            return f"{text} ({error})" if error.code == RoundsRefusal.INVALID_PLAN else text
        return self._tr("That did not work: {error}", error=error)

    # -- what is planned ------------------------------------------------------------------------------
    def _show_view(self, view: PlanView | None, fill_options: bool = False) -> None:
        self.view = view
        self.model.set_rows(list(view.rounds) if view else [])
        self.paper.set_session(self.session_id if view else "")
        self.figures.setVisible(view is not None)
        if view is None:
            self.source.hide()
            self.plan_button.setText(self._tr("Plan rounds"))
        else:
            shape, source = plan_figures(view, self._tr)
            self.figures.setText(shape)
            self.source.setText(source)
            self.source.setVisible(bool(source))
            self.plan_button.setText(self._tr("Plan again for who is here now"))
            if fill_options:
                self._fill_options(view)
        self._show_start()

    def _fill_options(self, view: PlanView) -> None:
        self.table_size.set_value(view.table_size)
        self.minutes.set_value(view.minutes)
        self.round_count.set_value(0)  # a re-plan keeps the number of rounds unless staff change it
        self.remainder.check((view.remainder,))
        self.hosts.check(tuple(h for h in view.hosts if h in HOST_KINDS))

    def _startable(self) -> RoundView | None:
        return self.view.next_round if self.view is not None else None

    def _show_start(self) -> None:
        coming = self._startable()
        self.start_button.setVisible(self.view is not None)
        self.start_button.setEnabled(coming is not None and self._cancel is None)
        self.start_button.setText(self._tr("Start round {number}", number=coming.number) if coming
                                  else self._tr("Every round has started"))

    # -- starting rounds ------------------------------------------------------------------------------
    def ask_start(self) -> None:
        coming = self._startable()
        if coming is None or self.view is None:
            return
        self.confirm.ask(self._tr("Start round {number} now? The big screen counts down {minutes} minutes from now.",
                                  number=coming.number, minutes=self.view.minutes),
                         self._tr("Start round {number}", number=coming.number), lambda: self.start(coming.number))

    def start(self, number: int) -> None:
        session_id = self.session_id
        self.runner.run(self.rounds.start_round, session_id, number,
                        on_success=lambda outcome: self._started(session_id, outcome),
                        on_failure=lambda error: self._say(self.start_feedback, "error", self._refusal(error)))

    def _started(self, session_id: str, outcome: StartOutcome) -> None:
        local = self.staff.desk.event.local_time
        ends = outcome.started_at + timedelta(minutes=self.view.minutes if self.view else 0)
        text = self._tr("Round {number} had started already at {time}.", number=outcome.number,
                        time=f"{local(outcome.started_at):%H:%M}") if outcome.already else \
            self._tr("Round {number} started at {time}; it ends at {end}.", number=outcome.number,
                     time=f"{local(outcome.started_at):%H:%M}", end=f"{local(ends):%H:%M}")
        self._say(self.start_feedback, "success", text)
        self.choose(session_id)

    # -- page -----------------------------------------------------------------------------------------
    def _say(self, widget, tone: str, text: str) -> None:
        widget.setText(text)
        set_tone(widget, tone)
        widget.setVisible(bool(text))

    def reset(self) -> None:
        self.stop_planning()
        self.confirm.cancel()
        for widget in (self.feedback, self.start_feedback):
            widget.hide()
        self.paper.say("", "")
        self.quiz.reset()

    def set_portrait(self, portrait: bool) -> None:
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)

    def retranslate(self, tr) -> None:
        self._tr = tr
        self.title.setText(tr("Speed networking today"))
        self.no_session.setText(tr("There is no speed networking in today's programme."))
        self.table_size.retranslate(tr, tr("People per table"))
        self.round_count.retranslate(tr, tr("Rounds"), tr("auto"))
        self.minutes.retranslate(tr, tr("Minutes per round"))
        self.remainder_caption.setText(tr("People left over sit at"))
        self.remainder.set_choices([("smaller", tr("smaller tables (one less)")),
                                    ("larger", tr("larger tables (one more)"))],
                                   self.remainder.checked() or ("smaller",))
        self.hosts_caption.setText(tr("Hosts keep their own table all rounds (everyone else moves on):"))
        self.hosts.rename({kind: tr(KIND_LABELS[kind]) for kind in HOST_KINDS})
        self.stop_button.setText(tr("Stop and keep the best"))
        self.rounds_title.setText(tr("Rounds"))
        self.table.setAccessibleName(tr("Rounds"))
        self.confirm.retranslate(tr)
        self.paper.retranslate(tr, tr("Table lists and cards:"))
        self.quiz.retranslate(tr)
        self.model.set_columns(_round_columns(tr, self.staff.desk.event.local_time, lambda: self.view))
        self._show_view(self.view)
        if self._sessions:
            self._show_sessions(self._sessions)


def _round_columns(tr, local, view: Callable[[], PlanView | None]) -> list[Column]:
    def state(r: RoundView) -> str:
        if not r.started:
            return tr("planned")
        plan = view()
        end = r.ends_at(plan.minutes) if plan else r.started_at
        return f"{local(r.started_at):%H:%M}–{local(end):%H:%M}"

    return [Column(tr("Round"), lambda r: str(r.number), align_right=True),
            Column(tr("Started"), state, tone=lambda r: "success" if r.started else "muted"),
            Column(tr("Tables"), lambda r: str(len(r.tables)), align_right=True),
            Column(tr("People"), lambda r: str(sum(len(t.seats) for t in r.tables)), align_right=True)]
