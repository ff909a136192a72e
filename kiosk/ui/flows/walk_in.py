"""Walk-in registration for people not on the guest list, while staff allow it: a form on the touch
keyboard, then the check-in like anyone's (consent question included)."""

from __future__ import annotations

from kiosk.core.refusals import KioskError
from kiosk.i18n import refusal_message
from kiosk.services.desk import FrontDesk
from kiosk.ui.flows.base import Flow, FlowKit
from kiosk.ui.flows.check_in import CheckInFlow


class WalkInFlow(Flow):
    def __init__(self, kit: FlowKit, desk: FrontDesk, check_in: CheckInFlow) -> None:
        super().__init__(kit.window)
        self.kit, self.desk, self.check_in = kit, desk, check_in
        self.screen = kit.screens.walk_in
        self.screen.submitted.connect(self.register)
        kit.events.staff_did_leave.connect(self.show_offer)

    def show_offer(self) -> None:
        """The welcome screen offers registration only while staff allow it."""
        self.kit.screens.welcome.set_walk_ins(self.desk.event.walk_ins_allowed)

    def open(self) -> None:
        self.kit.show(self.screen)

    def register(self, entry: dict) -> None:
        self.kit.tasks.run(self.desk.register_walk_in, entry["first_name"], entry["last_name"],
                           entry["organization"], entry["email"], on_success=self._registered,
                           on_failure=self._refused)

    def _registered(self, guest) -> None:
        self.kit.events.guest_did_register.emit(guest)
        self.check_in.arrive(guest)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, KioskError):
            self.kit.messages.show_failure("walk-in registration", error)
            return
        tr = self.kit.tr
        field = error.details.get("field")
        text = {"name": tr("Please enter your name."),
                "email": tr("Please check the e-mail address.")}.get(field)
        self.screen.show_problem(text or refusal_message(error.code, tr))
        self.kit.feedback.say(text or refusal_message(error.code, tr))
