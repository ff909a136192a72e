"""The badge print after a check-in, on its own worker so a slow printer never holds up the next
guest; the welcome message says how it went and counts down only once it has."""

from __future__ import annotations

from kiosk.core.model import PrintStatus
from kiosk.ui.flows.messages import RESULT_SECONDS
from kiosk.ui.problems import ProblemLog
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.shell import Language
from kiosk.ui.tasks import Tasks
from kiosk.ui.window import KioskWindow


class BadgePrinting:
    def __init__(self, window: KioskWindow, message: MessageScreen, printing: Tasks, print_queue,
                 language: Language, problems: ProblemLog) -> None:
        self.window, self.message, self.printing, self.queue = window, message, printing, print_queue
        self.language, self.problems = language, problems

    def print_for(self, guest_id: str) -> None:
        tr = self.language.tr
        if self.queue is None:
            self.message.set_status(tr("Please collect your badge at the info desk."), "")
            return
        self.message.hold()
        self.message.set_status(tr("Your badge is being printed …"), "")
        self.printing.run(self.queue.print_badge, guest_id, on_success=self._printed, on_failure=self._failed)

    def _printed(self, job) -> None:
        tr = self.language.tr
        if job.status == PrintStatus.DONE:
            self._say(tr("Please take your badge from the printer."), "success")
        else:
            self._say(tr("The printer is not ready. Please collect your badge at the info desk."), "warning")

    def _failed(self, error: BaseException) -> None:
        self.problems.record("badge printing", error)
        self._say(self.language.tr("Your badge could not be printed. Please ask the team at the info desk."),
                  "warning")

    def _say(self, text: str, tone: str) -> None:
        if self.window.current_screen is not self.message:
            return  # the guest has moved on (the next one scanned already)
        self.message.set_status(text, tone)
        self.message.start_countdown(RESULT_SECONDS)
