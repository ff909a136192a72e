"""Into staff mode and out again: the PIN pad (with its lockout), staff mode built on the first
login, and a clean kiosk when staff leave. Scans on the PIN pad do nothing; in staff mode they
find the scanned guest."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer

from kiosk.services.desk import FrontDesk
from kiosk.services.staff_login import PinAttempt, StaffLogin
from kiosk.ui.flows.base import Flow, FlowKit
from kiosk.ui.problems import ProblemLog
from kiosk.ui.widgets.common import Screen


class StaffLoginFlow(Flow):
    def __init__(self, kit: FlowKit, login: StaffLogin, desk: FrontDesk,
                 staff_factory: Callable[[], Screen] | None, problems: ProblemLog) -> None:
        super().__init__(kit.window)
        self.kit, self.login, self.desk, self.problems = kit, login, desk, problems
        self.pin = kit.screens.pin
        self.pin.pin_entered.connect(self._pin_entered)
        self._staff_factory = staff_factory  # staff mode is built on the first login: a faster start
        self.staff = None
        self._unlock = QTimer(self, singleShot=True)
        self._unlock.timeout.connect(self.pin.show_prompt)

    def owns(self, screen: Screen | None) -> bool:
        return screen is not None and screen in (self.pin, self.staff)

    def handle_scan(self, code: str) -> None:
        if self.staff_open:
            self.staff.handle_scan(code)  # on the PIN pad a scan does nothing

    @property
    def staff_open(self) -> bool:
        return self.staff is not None and self.kit.window.current_screen is self.staff

    def open(self) -> None:
        if self.owns(self.kit.window.current_screen):
            return
        self.pin.reset()
        self.kit.tasks.run(self.login.seconds_locked, on_success=self._show_lock, on_failure=self._failed)
        self.kit.show(self.pin)

    def _show_lock(self, seconds: int) -> None:
        if seconds:
            self.pin.show_locked(seconds)
            self._unlock.start(seconds * 1000)
        else:
            self.pin.show_prompt()

    def _pin_entered(self, pin: str) -> None:
        self.kit.tasks.run(self.login.attempt, pin, on_success=self._checked, on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.problems.record("staff login", error)
        self.pin.show_problem(self.kit.tr("That did not work"))
        self.kit.feedback.say(self.pin.status.text())

    def _checked(self, attempt: PinAttempt) -> None:
        if attempt.accepted:
            self.enter_staff_mode()
        elif attempt.seconds_locked:
            self._show_lock(attempt.seconds_locked)
            self.kit.feedback.say(self.pin.status.text())
        else:
            self.pin.show_wrong()
            self.kit.feedback.say(self.pin.status.text())

    def enter_staff_mode(self) -> None:
        if self._build_staff() is None:
            self.done.emit()
            return
        self.staff.on_enter()
        self.kit.show(self.staff)

    def _build_staff(self):
        if self.staff is None and self._staff_factory is not None:
            self.staff = self._staff_factory()
            self.staff.exit_requested.connect(self.close)
            self.kit.window.add_screen(self.staff)
            self.staff.retranslate(self.kit.tr)
            self.staff.set_portrait(self.kit.window.height() > self.kit.window.width())
        return self.staff

    def close(self) -> None:
        """Staff leave: nothing of theirs stays on screen, and the kiosk reads what they changed."""
        if self.staff is not None:
            self.staff.reset()
        self.kit.tasks.run(self.login.log_out, on_failure=self._failed_quietly)
        left = self.kit.events.staff_did_leave
        self.kit.tasks.run(self.desk.reload_event, on_success=lambda _: left.emit(),
                           on_failure=self._failed_quietly)
        self.done.emit()

    def _failed_quietly(self, error: BaseException) -> None:
        self.problems.record("leaving staff mode", error)
