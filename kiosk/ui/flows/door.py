"""Door mode: staff put the kiosk (or a laptop at a room's door) into door mode for one session; every
badge scanned there records the guest's attendance once. The kiosk stays in door mode (its home
screen is the door screen, also after the idle timeout and after staff mode) until staff end it."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal

from kiosk.core.programme import AttendanceOutcome, AttendanceRefusal, AttendStatus, Session
from kiosk.i18n import refusal_message
from kiosk.services.programme import ProgrammeDesk
from kiosk.ui.flows.base import Flow, FlowKit
from kiosk.ui.problems import ProblemLog
from kiosk.ui.screens.door import DoorScreen, kind_label
from kiosk.ui.widgets.common import Screen

RESULT_MS = 5000


class DoorFlow(Flow):
    mode_changed = Signal(str)  # the session id door mode is for now, '' when it ended

    def __init__(self, kit: FlowKit, programme: ProgrammeDesk, screen: DoorScreen,
                 problems: ProblemLog) -> None:
        super().__init__(kit.window)
        self.kit, self.programme, self.screen, self.problems = kit, programme, screen, problems
        self.session: Session | None = None
        self.present = 0
        self._result = QTimer(self, singleShot=True, interval=RESULT_MS)
        self._result.timeout.connect(self.show_prompt)
        for news in (kit.events.sync_did_finish, kit.events.staff_did_leave):  # counted elsewhere, or undone
            news.connect(self.refresh)
        kit.events.language_did_change.connect(self._render)

    @property
    def active(self) -> bool:
        return self.session is not None

    def owns(self, screen: Screen | None) -> bool:
        return screen is self.screen

    def home_screen(self) -> Screen | None:
        return self.screen if self.active else None

    # -- staff start and end it ------------------------------------------------------------------
    def start(self, session_id: str) -> None:
        """Door mode for this session from now on (read in the background, then shown)."""
        programme = self.programme
        self.kit.tasks.run(lambda: (programme.session(session_id), programme.present_count(session_id)),
                           on_success=self._started, on_failure=self._failed)

    def _started(self, found: tuple[Session | None, int]) -> None:
        self.session, self.present = found
        if self.session is None:
            self.done.emit()  # removed meanwhile: the welcome screen
            return
        self.screen.set_portrait(self.kit.window.height() > self.kit.window.width())
        self.show_prompt()
        self.kit.show(self.screen)
        self.mode_changed.emit(self.session.id)

    def hold_result(self) -> None:
        """Keep the last greeting on the screen (for a screenshot)."""
        self._result.stop()

    def stop(self) -> None:
        """Door mode ends: the kiosk goes home to the welcome screen again."""
        self.session = None
        self._result.stop()
        self.mode_changed.emit("")

    # -- guests scan -----------------------------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        if self.session is None:
            return
        self._result.stop()
        self.kit.tasks.run(self.programme.attend, self.session.id, code, on_success=self._attended,
                           on_failure=self._failed)

    def _attended(self, outcome: AttendanceOutcome) -> None:
        tr = self.kit.tr
        self.present = outcome.present
        if outcome.session is not None:
            self.session = outcome.session  # staff may have changed its capacity meanwhile
        guest = outcome.guest
        name = guest.greeting_name if guest is not None else ""
        if outcome.status == AttendStatus.RECORDED:
            self._show_result("success", tr("Welcome!"), name, tr("Enjoy the session."))
        elif outcome.status == AttendStatus.ALREADY_HERE:
            at = self.programme.desk.event.local_time(outcome.attendance.at).strftime("%H:%M")
            self._show_result("info", tr("You are already here"), name,
                              tr("You were counted at {time}. Please go in.", time=at))
        elif outcome.reason == AttendanceRefusal.SESSION_FULL:
            self._show_result("warning", tr("We are sorry: this room is full"), name,
                              tr("All {count} places are taken. The team at the door will gladly help you.",
                                 count=outcome.capacity))
        else:
            self._show_result("error", tr("That did not work"), name, self._refusal(outcome, tr))

    def _refusal(self, outcome: AttendanceOutcome, tr) -> str:
        if outcome.reason == AttendanceRefusal.NOT_SESSION_DAY:
            return tr("This session is not today. Please ask the team at the door.")
        if outcome.reason == AttendanceRefusal.UNKNOWN_SESSION:
            return tr("This session is no longer in the programme. Please ask the team at the door.")
        return refusal_message(outcome.reason, tr, name="")

    def _show_result(self, tone: str, headline: str, name: str, detail: str) -> None:
        self.kit.feedback.signal("success" if tone in ("success", "info") else "problem")
        self._render_count()
        self.screen.show_result(tone, headline, name, detail)
        self._result.start()

    def _failed(self, error: BaseException) -> None:
        # The guest reads a calm sentence here; door mode stays (staff see the detail in the log).
        self.problems.record("door mode", error)
        if self.session is None:
            return
        tr = self.kit.tr
        self._show_result("warning", tr("That did not work"), "", tr("Please ask the team at the door."))

    def reset(self) -> None:
        """The kiosk goes home: door mode stays, the last guest's greeting goes."""
        if self.session is not None:
            self.show_prompt()

    def refresh(self) -> None:
        """Other doors of the session may have counted guests (a sync): read the count again."""
        if self.session is not None:
            session_id = self.session.id
            self.kit.tasks.run(self.programme.present_count, session_id,
                               on_success=lambda n: self._counted(session_id, n), on_failure=self._failed)

    def _counted(self, session_id: str, present: int) -> None:
        if self.session is not None and self.session.id == session_id:
            self.present = present
            self._render_count()

    # -- texts -------------------------------------------------------------------------------------------
    def show_prompt(self) -> None:
        self._result.stop()
        if self.session is None:
            return
        tr = self.kit.tr
        self._render_session()
        self.screen.show_prompt(tr("Please scan your badge"),
                                tr("Hold the QR code on your badge under the scanner."))

    def _render(self) -> None:
        if self.session is not None and not self.screen.showing_result:
            self.show_prompt()
        elif self.session is not None:
            self._render_session()

    def _render_session(self) -> None:
        session, tr = self.session, self.kit.tr
        where = f" · {session.room}" if session.room else ""
        self.screen.show_session(kind_label(session.kind, tr), session.title(self.kit.language.lang),
                                 f"{session.time_text}{where}")
        self._render_count()

    def _render_count(self) -> None:
        session, tr, present = self.session, self.kit.tr, self.present
        if session is None:
            return
        if session.capacity is None:
            self.screen.show_count(tr("Here now"), str(present), "", present, None)
            return
        left = max(session.capacity - present, 0)
        detail = tr.plural("{count} place left", "{count} places left", left) if left else \
            tr("The room is full.")
        count = tr("{present} of {capacity}", present=present, capacity=session.capacity)
        self.screen.show_count(tr("Places taken"), count, detail, present, session.capacity)
