"""The front desk: check-ins, contact exchanges and the leaderboard, one transaction each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from peewee import IntegrityError

from kiosk.core.codes import looks_like_token, scan_variants, sign_badge_token, verify_badge_token
from kiosk.core.leaderboard import Standing, rank_networkers
from kiosk.core.model import Event, Guest, utc_now
from kiosk.core.refusals import KioskError, Refusal
from kiosk.core.rules import (CheckInOutcome, CheckInStatus, ContactOutcome, ContactStatus,
                              decide_check_in, decide_contact, rejected_contact)
from kiosk.storage import Store


class FrontDesk:
    def __init__(self, store: Store, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock
        self.event: Event = store.event()

    def reload_event(self) -> None:
        self.event = self.store.event()

    def today(self) -> date:
        return self.event.local_day(self.clock())

    def badge_token(self, guest: Guest) -> str:
        return sign_badge_token(self.event.secret, self.event.id, guest.id)

    def resolve(self, raw: str, badge_only: bool = False) -> Guest:
        """The guest a scanned or typed code names; KioskError with the reason otherwise."""
        if looks_like_token(raw):
            badge = verify_badge_token(self.event.secret, self.event.id, raw)
            guest = self.store.guest(badge.guest_id)
            if guest is None:
                raise KioskError(Refusal.UNKNOWN_GUEST, "genuine badge of a guest this kiosk does not know yet")
            return guest
        if badge_only:
            raise KioskError(Refusal.NOT_A_BADGE, "contacts are exchanged with badges only")
        guest = self.store.guest_by_ticket(scan_variants(raw))
        if guest is None:
            raise KioskError(Refusal.UNKNOWN_CODE, "no guest has this code")
        return guest

    def check_in(self, code: str, day: date | None = None) -> CheckInOutcome:
        try:
            guest = self.resolve(code)
        except KioskError as error:
            return CheckInOutcome(CheckInStatus.REJECTED, reason=Refusal(error.code))
        return self.check_in_guest(guest, day)

    def check_in_guest(self, guest: Guest, day: date | None = None) -> CheckInOutcome:
        now = self.clock()
        day = day or self.event.local_day(now)
        with self.store.atomic():
            earlier = self.store.check_in_of(guest.id, day)
            outcome = decide_check_in(self.event, guest, day, earlier, now)
            if outcome.status == CheckInStatus.CHECKED_IN:
                self.store.add_check_in(outcome.check_in)
        return outcome

    def undo_check_in(self, guest_id: str, day: date, staff_note: str = "") -> bool:
        with self.store.atomic():
            removed = self.store.remove_check_in(guest_id, day)
            if removed:
                self.store.audit("undo_check_in", guest_id, f"{day.isoformat()} {staff_note}".strip())
        return removed

    def exchange_contact(self, code_a: str, code_b: str) -> ContactOutcome:
        try:
            first = self.resolve(code_a, badge_only=True)
            second = self.resolve(code_b, badge_only=True)
        except KioskError as error:
            return rejected_contact(Refusal(error.code))
        now = self.clock()
        try:
            with self.store.atomic():
                checked_in = self.store.checked_in_ids(among=(first.id, second.id))
                earlier = self.store.contact_between(first.id, second.id)
                outcome = decide_contact(first, second, checked_in, earlier, now,
                                         self.event.local_day(now))
                if outcome.status == ContactStatus.NEW:
                    self.store.add_contact(outcome.exchange)
        except IntegrityError:
            # Another writer recorded the same pair between our read and write.
            earlier = self.store.contact_between(first.id, second.id)
            return ContactOutcome(ContactStatus.ALREADY_KNOWN, (first, second), earlier)
        return outcome

    def contact_count(self, guest_id: str) -> int:
        return self.store.contact_count(guest_id)

    def leaderboard(self, day: date | None = None, top: int | None = 10) -> list[Standing]:
        return rank_networkers(self.store.contacts(), day=day, top=top)
