"""The name search's index of every guest, built in the background at start and rebuilt when the
list may have changed elsewhere (a sync, staff mode); a walk-in is added at once."""

from __future__ import annotations

from kiosk.core.search import SearchHit, SearchIndex
from kiosk.services.desk import FrontDesk
from kiosk.ui.events import KioskEvents
from kiosk.ui.problems import ProblemLog
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.tasks import Tasks


class GuestIndex:
    def __init__(self, desk: FrontDesk, background: Tasks, events: KioskEvents, problems: ProblemLog) -> None:
        self.desk, self.background, self.problems = desk, background, problems
        self.index = SearchIndex()
        self.screen: SearchScreen | None = None
        events.sync_did_finish.connect(self.reload)
        events.staff_did_leave.connect(self.reload)
        events.guest_did_register.connect(self.index_add)

    def search(self, query: str, limit: int) -> list[SearchHit]:
        return self.index.search(query, limit)

    def show_results_on(self, screen: SearchScreen) -> None:
        self.screen = screen

    def reload(self) -> None:
        desk = self.desk
        self.background.run(lambda: SearchIndex(desk.guests()), on_success=self._ready,
                            on_failure=lambda error: self.problems.record("name search", error))

    def index_add(self, guest) -> None:
        self.index.add(guest)

    def _ready(self, index: SearchIndex) -> None:
        self.index = index
        if self.screen is not None and self.screen.isVisible():
            self.screen.refresh()  # a guest typing sees the fuller list at once
