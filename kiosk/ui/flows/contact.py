"""Contact exchange ("Kontakte knüpfen"): the first guest scans their badge, the second has 45
seconds to scan theirs; the pair is saved once and both hear their new totals."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QTimer

from kiosk.core.pairing import ContactPairing
from kiosk.core.rules import ContactStatus
from kiosk.i18n import refusal_message
from kiosk.services.desk import FrontDesk
from kiosk.ui.flows.base import Flow, FlowKit
from kiosk.ui.widgets.common import Screen

RESULT_MS = 6000


class ContactFlow(Flow):
    def __init__(self, kit: FlowKit, desk: FrontDesk, clock: Callable[[], datetime]) -> None:
        super().__init__(kit.window)
        self.kit, self.desk, self.clock = kit, desk, clock
        self.screen = kit.screens.contact
        self.pairing = ContactPairing()
        self._first_name = ""
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count_down)
        self._restart = QTimer(self, singleShot=True, interval=RESULT_MS)
        self._restart.timeout.connect(self._back_to_first_step)

    def owns(self, screen: Screen | None) -> bool:
        return screen is self.screen

    def open(self) -> None:
        self.pairing.cancel()
        self.screen.show_first_step()
        self.kit.show(self.screen)

    def reset(self) -> None:
        self.pairing.cancel()
        self._tick.stop()
        self._restart.stop()

    def hold_result(self) -> None:
        """Keep the last result on the screen (for a screenshot)."""
        self._restart.stop()

    def handle_scan(self, code: str) -> None:
        self._restart.stop()
        pair = self.pairing.scan(code, self.clock())
        if pair is None:
            self.kit.tasks.run(self.desk.first_badge_for_contact, code, on_success=self._first_badge,
                               on_failure=self._failed)
        else:
            self._tick.stop()
            self.kit.tasks.run(self.desk.exchange_with_totals, *pair, on_success=self._exchanged,
                               on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.reset()
        self.kit.messages.show_failure("contact exchange", error)

    def _first_badge(self, result) -> None:
        guest, reason = result
        if reason is not None:
            self.pairing.cancel()
            name = guest.greeting_name if guest else ""
            tr = self.kit.tr
            self._result("error", tr("Not possible"), refusal_message(reason, tr, name=name))
            return
        self.kit.feedback.signal("success")
        self._first_name = guest.first_name or guest.last_name
        self.screen.show_second_step(self._first_name, self.pairing.seconds_left(self.clock()))
        self._tick.start()
        screen = self.screen
        self.kit.feedback.say(screen.headline.text(), screen.detail.text(), screen.status.text())

    def _count_down(self) -> None:
        left = self.pairing.seconds_left(self.clock())
        if left > 0:
            self.screen.show_second_step(self._first_name, left)
            return
        self._tick.stop()
        self.pairing.cancel()
        tr = self.kit.tr
        self._result("warning", tr("Time is up"), tr("Please start again with the first badge."))

    def _exchanged(self, result) -> None:
        outcome, totals = result
        tr = self.kit.tr
        if outcome.status == ContactStatus.REJECTED:
            blocking = outcome.blocking_guest
            name = blocking.greeting_name if blocking else ""
            self._result("error", tr("Not possible"), refusal_message(outcome.reason, tr, name=name))
            return
        first, second = (g.first_name or g.last_name for g in outcome.guests)
        names = tr("{first} and {second}", first=first, second=second)
        count_line = " · ".join(tr.plural("{name}: {count} contact", "{name}: {count} contacts",
                                          totals[g.id], name=g.first_name or g.last_name)
                                for g in outcome.guests)
        if outcome.status == ContactStatus.NEW:
            self._result("success", tr("New contact!"), names, count_line)
            self.kit.events.contact_did_record.emit()
        else:
            self._result("info", tr("You already know each other"), names, count_line)

    def _result(self, tone: str, headline: str, detail: str, status: str = "") -> None:
        self.kit.feedback.signal({"success": "contact", "info": "success"}.get(tone, "problem"))
        self.screen.show_result(tone, headline, detail, status)
        self._restart.start()
        self.kit.feedback.say(headline, detail, status)

    def _back_to_first_step(self) -> None:
        if self.kit.window.current_screen is self.screen:
            self.screen.show_first_step()
