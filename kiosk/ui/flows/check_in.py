"""Check-in, by scanning an invitation or badge or by finding one's name: look the guest up, check
them in at once, ask for consent if they have never answered, welcome them and print the badge.
The default mode: a scan on any screen no other flow owns is someone arriving."""

from __future__ import annotations

from kiosk.core.model import Guest
from kiosk.core.rules import CheckInOutcome, CheckInStatus
from kiosk.i18n import refusal_message
from kiosk.services.desk import Arrival, FrontDesk
from kiosk.ui.flows.badge import BadgePrinting
from kiosk.ui.flows.base import Flow, FlowKit
from kiosk.ui.flows.messages import RESULT_SECONDS


class CheckInFlow(Flow):
    def __init__(self, kit: FlowKit, desk: FrontDesk, badges: BadgePrinting) -> None:
        super().__init__(kit.window)
        self.kit, self.desk, self.badges = kit, desk, badges
        self.consent, self.message = kit.screens.consent, kit.screens.message
        # Checked in, asked for consent, badge not printed yet: it prints once the guest leaves the
        # question, by answering or by walking away (the kiosk going home).
        self._asked: Guest | None = None
        self._failed = kit.messages.failure("check-in")
        badges.corrections_by(desk, kit.tasks)
        kit.screens.search.guest_confirmed.connect(self.check_in_by_id)
        self.consent.decided.connect(self._consent_given)

    def handle_scan(self, code: str) -> None:
        self._leave_question()
        self.badges.leave()
        self.kit.messages.working()
        self.kit.tasks.run(self.desk.look_up_arrival, code, on_success=self.arrived, on_failure=self._failed)

    def check_in_by_id(self, guest_id: str) -> None:
        self.kit.messages.working()
        self.kit.tasks.run(self.desk.arrival_by_id, guest_id, on_success=self.arrived,
                           on_failure=self._failed)

    def arrive(self, guest: Guest) -> None:
        """A guest registered just now (a walk-in) arrives like anyone else: asked for consent too."""
        self.kit.tasks.run(self.desk.arrival_of, guest, on_success=self.arrived, on_failure=self._failed)

    def reset(self) -> None:
        self._leave_question()
        self.badges.leave()

    def _leave_question(self) -> None:
        """The guest walked away from the consent question (or the next one scanned): the badge prints."""
        if self._asked is not None:
            guest, self._asked = self._asked, None
            self.badges.print_for(guest.id)

    def arrived(self, arrival: Arrival) -> None:
        tr = self.kit.tr
        if arrival.reason is not None:
            name = arrival.guest.greeting_name if arrival.guest else ""
            self.kit.messages.problem(refusal_message(arrival.reason, tr, name=name))
        elif arrival.earlier is not None:
            self._show_already(arrival)
        else:
            self.kit.tasks.run(self.desk.complete_check_in, arrival.guest.id, on_success=self.checked_in,
                               on_failure=self._failed)

    def checked_in(self, outcome: CheckInOutcome) -> None:
        tr = self.kit.tr
        if outcome.status == CheckInStatus.REJECTED:
            self.kit.messages.problem(refusal_message(outcome.reason, tr, name=outcome.guest.greeting_name))
            return
        if outcome.status == CheckInStatus.ALREADY_CHECKED_IN:
            self._show_already(Arrival(outcome.guest, earlier=outcome.check_in))
            return
        guest = outcome.guest
        self.kit.feedback.signal("success")  # the scan answers at once, before any question
        self.kit.events.checkin_did_complete.emit(guest.id)
        if guest.consent_answered:
            self._welcome(guest)
            return
        self._asked = guest
        self.consent.ask(tr("Welcome, {name}!", name=guest.greeting_name),
                         self.desk.event.contact_consent_default, self._info_desk_line(guest))
        self.kit.show(self.consent)

    def _consent_given(self, consent: bool) -> None:
        guest = self._asked
        if guest is not None:
            self.kit.tasks.run(self.desk.record_consent, guest.id, consent,
                               on_success=lambda _: self._answered(guest), on_failure=self._failed)

    def _answered(self, guest: Guest) -> None:
        if self._asked is guest:
            self._asked = None
            self._welcome(guest)

    def _welcome(self, guest: Guest) -> None:
        tr = self.kit.tr
        detail = "\n".join(line for line in (guest.organization_name, self._info_desk_line(guest)) if line)
        self.message.show_message("success", tr("Welcome, {name}!", name=guest.greeting_name),
                                  guest.full_name, detail, seconds=RESULT_SECONDS)
        self.kit.show(self.message)
        self.badges.preview_for(guest)  # the guest checks their name before it prints

    def _info_desk_line(self, guest: Guest) -> str:
        # Kindly, and never why: the note is for staff only.
        return self.kit.tr("Please stop by the info desk for a moment.") if guest.needs_attention else ""

    def _show_already(self, arrival: Arrival) -> None:
        tr = self.kit.tr
        at = self.desk.event.local_time(arrival.earlier.at).strftime("%H:%M")
        self.kit.feedback.signal("success")
        lines = (tr("Welcome back, {name}!", name=arrival.guest.greeting_name), arrival.guest.full_name,
                 tr("You already checked in today at {time}.", time=at),
                 tr("Need a new badge? The team at the info desk will print one for you."))
        self.message.show_message("info", *lines, "", RESULT_SECONDS)
        self.kit.show(self.message)
        self.kit.feedback.say(lines[0], *lines[2:])
