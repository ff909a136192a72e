"""The live boards: the networking leaderboard screen and the welcome screen's side card (today's
programme, the champions). They refresh when something they show may have changed, as the app-wide
events say, never on a timer."""

from __future__ import annotations

from kiosk.core.leaderboard import shared_ranks
from kiosk.services.desk import FrontDesk
from kiosk.ui.flows.base import Flow, FlowKit
from kiosk.ui.problems import ProblemLog
from kiosk.ui.tasks import Tasks

TOP = 10
ON_WELCOME = 6


class LiveBoards(Flow):
    def __init__(self, kit: FlowKit, desk: FrontDesk, background: Tasks, problems: ProblemLog) -> None:
        super().__init__(kit.window)
        self.kit, self.desk, self.background, self.problems = kit, desk, background, problems
        self.screen = kit.screens.leaderboard
        self._shown = None  # the last rows read, so a language switch needs no database
        events = kit.events
        for event in (events.contact_did_record, events.sync_did_finish, events.staff_did_leave,
                      events.day_did_change):
            event.connect(self.refresh)
        events.language_did_change.connect(self._render)

    def open(self) -> None:
        self.kit.show(self.screen)

    def refresh(self) -> None:
        desk, today = self.desk, self.desk.today()
        self.background.run(lambda: (desk.leaderboard_rows(None, TOP), desk.leaderboard_rows(today, TOP),
                                     desk.programme()), on_success=self._read, on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.problems.record("live boards", error)  # the boards keep what they showed

    def _read(self, result) -> None:
        self._shown = result
        self._render()

    def _render(self) -> None:
        if self._shown is None:
            return
        overall, today_rows, programme = self._shown
        tr = self.kit.tr
        self.screen.set_rows(overall, today_rows)
        welcome = self.kit.screens.welcome
        shown = overall[:ON_WELCOME]
        welcome.set_leaderboard([(f"{rank}.", f"{row.display_name} · "
                                  f"{tr.plural('{count} contact', '{count} contacts', row.contacts)}")
                                 for row, rank in zip(shown, shared_ranks([r.contacts for r in shown]))],
                                tr("No contacts yet. Be the first!"))
        today, lang = self.desk.today(), self.kit.language.lang
        items = [(f"{session.start:%H:%M}", session.title(lang)) for session in programme if session.day == today]
        welcome.set_programme(items, tr("No programme today."))
