"""The badge after a check-in: first a preview, where the guest prints it or corrects a misspelt
name, then the print on its own worker so a slow printer never holds up the next guest; the welcome
message says how it went and counts down only once it has.

The preview never blocks the queue: it prints by itself after a countdown, and a guest who leaves
it any other way (the next guest scans, the kiosk goes home) gets their badge printed too."""

from __future__ import annotations

from kiosk.core.model import PrintStatus
from kiosk.core.refusals import KioskError
from kiosk.ui.feedback import Feedback
from kiosk.ui.flows.badge_image import badge_image
from kiosk.ui.flows.messages import RESULT_SECONDS
from kiosk.ui.problems import ProblemLog
from kiosk.ui.screens.badge_preview import BadgePreviewScreen
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.shell import Language
from kiosk.ui.tasks import Tasks
from kiosk.ui.window import KioskWindow


class BadgePrinting:
    def __init__(self, window: KioskWindow, message: MessageScreen, printing: Tasks, print_queue,
                 language: Language, problems: ProblemLog, feedback: Feedback) -> None:
        self.window, self.message, self.printing, self.queue = window, message, printing, print_queue
        self.language, self.problems, self.feedback = language, problems, feedback
        self.preview = BadgePreviewScreen()
        window.add_screen(self.preview)
        self.preview.retranslate(language.tr)
        self.preview.print_requested.connect(self._print_previewed)
        self.preview.correction_saved.connect(self._correct)
        self.desk, self.tasks = None, None
        self._previewed: str | None = None  # the guest whose badge the preview shows, not printed yet

    def corrections_by(self, desk, tasks: Tasks) -> None:
        """Name corrections are stored by the front desk, on the database worker."""
        self.desk, self.tasks = desk, tasks

    def preview_for(self, guest) -> None:
        """Show the guest their badge before it prints (without a printer: where to collect it)."""
        if self.queue is None:
            self.print_for(guest.id)
            return
        self.message.hold()  # the welcome waits behind the preview
        self._previewed = guest.id
        self.preview.show_guest(guest.title, guest.first_name, guest.last_name)
        self.window.show_screen(self.preview)
        self.printing.run(badge_image, self.queue, guest.id, on_success=self._drawn(guest.id),
                          on_failure=lambda error: self.problems.record("badge preview", error))

    def leave(self) -> None:
        """The guest left the preview (the next one scanned, or the kiosk goes home): it prints."""
        guest_id, self._previewed = self._previewed, None
        if guest_id is not None:
            self.preview.reset()
            self.print_for(guest_id)

    def _drawn(self, guest_id: str):
        def show(image) -> None:
            if self._previewed == guest_id:
                self.preview.set_image(image)
        return show

    def _print_previewed(self) -> None:
        guest_id, self._previewed = self._previewed, None
        if guest_id is not None:
            self.preview.reset()  # the names typed leave the screen with the guest
            self.window.show_screen(self.message)
            self.print_for(guest_id)

    def _correct(self, names: dict) -> None:
        if self._previewed is not None:
            self.tasks.run(self.desk.correct_name, self._previewed, names["first_name"], names["last_name"],
                           names["title"], on_success=self._corrected, on_failure=self._not_corrected)

    def _corrected(self, guest) -> None:
        if self._previewed == guest.id:
            self.message.name_label.setText(guest.full_name)
            self._print_previewed()

    def _not_corrected(self, error: BaseException) -> None:
        if isinstance(error, KioskError):
            self.preview.show_problem(self.language.tr("Please enter a first or last name."))
            self.feedback.say(self.language.tr("Please enter a first or last name."))
            return
        self.problems.record("name correction", error)
        self._print_previewed()  # the badge prints with the name as it was

    def print_for(self, guest_id: str) -> None:
        tr = self.language.tr
        name, heard = self.message.name_label.text(), self.window.current_screen is self.message
        if self.queue is None:
            collect = tr("Please collect your badge at the info desk.")
            self.message.set_status(collect, "")
            if heard:
                self.feedback.say(tr("Welcome, {name}.", name=name), collect)
            return
        self.message.hold()
        self.message.set_status(tr("Your badge is being printed …"), "")
        if heard:  # not when the badge prints because the guest left the preview
            self.feedback.say(tr("Welcome, {name}. Your badge is being printed.", name=name))
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
        self.feedback.say(text, queue=True)  # after the welcome
