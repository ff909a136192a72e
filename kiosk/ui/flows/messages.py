"""The message screen as every guest flow uses it: 'one moment', a refusal the guest can act on,
and the failure path: whatever went wrong in the background, the guest reads a calm sentence at
once and the kiosk goes home; the detail goes to the log and to staff mode (kiosk.ui.problems)."""

from __future__ import annotations

from typing import Callable

from kiosk.ui.feedback import Feedback
from kiosk.ui.problems import ProblemLog
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.shell import Language
from kiosk.ui.window import KioskWindow

RESULT_SECONDS = 7
PROBLEM_SECONDS = RESULT_SECONDS + 3  # a problem takes longer to read
WORKING_SECONDS = 15  # a safety net only: every guest task ends in a result or a failure


class GuestMessages:
    def __init__(self, window: KioskWindow, screen: MessageScreen, feedback: Feedback, language: Language,
                 problems: ProblemLog) -> None:
        self.window, self.screen, self.feedback = window, screen, feedback
        self.language, self.problems = language, problems

    def working(self) -> None:
        self.screen.show_message("info", self.language.tr("One moment …"), seconds=WORKING_SECONDS)
        self.window.show_screen(self.screen)

    def problem(self, text: str) -> None:
        """A refusal: what happened, in words the guest can act on."""
        tr = self.language.tr
        self.feedback.signal("problem")
        self.screen.show_message("error", tr("That did not work"), "", text,
                                 tr("Please ask the team at the info desk."), "error", PROBLEM_SECONDS)
        self.window.show_screen(self.screen)
        self.feedback.say(tr("That did not work"), text, tr("Please ask the team at the info desk."))

    def failure(self, flow: str) -> Callable[[BaseException], None]:
        """An on_failure callback for a background task of `flow` (a name for staff and the log)."""
        return lambda error: self.show_failure(flow, error)

    def show_failure(self, flow: str, error: BaseException) -> None:
        tr = self.language.tr
        self.problems.record(flow, error)
        self.feedback.signal("problem")
        # Not the guest's doing and nothing they can fix: no technical words, no blame, the way on.
        self.screen.show_message("warning", tr("That did not work"), "", "",
                                 tr("Please ask the team at the info desk."), "warning", PROBLEM_SECONDS)
        self.window.show_screen(self.screen)
        self.feedback.say(tr("That did not work"), tr("Please ask the team at the info desk."))
