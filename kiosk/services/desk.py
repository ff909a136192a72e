"""The front desk: check-ins, contact exchanges and the leaderboard, one transaction each."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Callable

from kiosk.core.codes import (find_scanned_ticket, looks_like_token, new_ticket_code, sign_badge_token,
                              verify_badge_token)
from kiosk.core.leaderboard import Standing, rank_networkers
from kiosk.core.model import CheckIn, Event, Guest, Organization, is_valid_email, new_id, utc_now
from kiosk.core.programme import Session
from kiosk.core.refusals import KioskError, Refusal
from kiosk.core.rules import (CheckInOutcome, CheckInStatus, ContactOutcome, ContactStatus,
                              decide_check_in, decide_contact, rejected_contact)
from kiosk.storage import IntegrityError, Store, analytics, programme


@dataclass(frozen=True)
class Arrival:
    """What the kiosk knows about an arriving guest before checking them in."""

    guest: Guest | None
    reason: Refusal | None = None
    earlier: CheckIn | None = None  # today's check-in, if there is one


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    display_name: str  # first name and initial only: the board hangs in public
    organization: str
    contacts: int
    guest_id: str


def public_name(guest: Guest) -> str:
    initial = f" {guest.last_name[0]}." if guest.first_name and guest.last_name else ""
    return (guest.first_name or guest.last_name) + initial


class FrontDesk:
    def __init__(self, store: Store, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock
        self.event: Event = store.event()

    def reload_event(self) -> None:
        self.event = self.store.event()

    def guests(self) -> list[Guest]:
        """Everyone on the guest list: the kiosk's name search is built from it."""
        return self.store.guests()

    def programme(self, day: date | None = None) -> list[Session]:
        """The event's programme (of one day), in time order (services.programme edits it)."""
        return programme.sessions(self.store, day)

    def today(self) -> date:
        return self.event.local_day(self.clock())

    def badge_token(self, guest: Guest) -> str:
        return sign_badge_token(self.event.secret, self.event.id, guest.id)

    def resolve(self, raw: str, badge_only: bool = False) -> Guest:
        """The guest a scanned or typed code names; KioskError with the reason otherwise."""
        if looks_like_token(raw):
            try:
                return self._resolve_badge(raw)
            except KioskError:
                # An imported ticket code may happen to look like a badge token.
                guest = None if badge_only else self._ticket_holder(raw)
                if guest is None:
                    raise
                return guest
        if badge_only:
            raise KioskError(Refusal.NOT_A_BADGE, "contacts are exchanged with badges only")
        guest = self._ticket_holder(raw)
        if guest is None:
            raise KioskError(Refusal.UNKNOWN_CODE, "no guest has this code")
        return guest

    def _ticket_holder(self, raw: str) -> Guest | None:
        """Refused as ambiguous when a scan could mean two guests (codes that differ only in Y/Z)."""
        return find_scanned_ticket(raw, lambda key: self.store.guest_by_ticket([key]))

    def _resolve_badge(self, raw: str) -> Guest:
        badge = verify_badge_token(self.event.secret, self.event.id, raw)
        guest = self.store.guest(badge.guest_id)
        if guest is None:
            raise KioskError(Refusal.UNKNOWN_GUEST, "genuine badge of a guest this kiosk does not know yet")
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

    def look_up_arrival(self, code: str) -> Arrival:
        try:
            guest = self.resolve(code)
        except KioskError as error:
            return Arrival(None, Refusal(error.code))
        return self.arrival_of(guest)

    def arrival_of(self, guest: Guest) -> Arrival:
        today = self.today()
        earlier = self.store.check_in_of(guest.id, today)
        if earlier is None:
            # Refuse before anything is written: no check-in, no consent question.
            refusal = decide_check_in(self.event, guest, today, None, self.clock()).reason
            if refusal is not None:
                return Arrival(guest, refusal)
        return Arrival(guest, earlier=earlier)

    def arrival_by_id(self, guest_id: str) -> Arrival:
        guest = self.store.guest(guest_id)
        return self.arrival_of(guest) if guest else Arrival(None, Refusal.UNKNOWN_CODE)

    def complete_check_in(self, guest_id: str) -> CheckInOutcome:
        """Check in at once, before any question. A guest who has not answered the consent question
        (registration list, earlier visit) counts as not given until they answer (record_consent):
        the event's pre-ticked default is no consent, and a guest may walk away from the question."""
        with self.store.atomic():
            guest = self.store.guest(guest_id)
            outcome = self.check_in_guest(guest)
            checked_in = outcome.status == CheckInStatus.CHECKED_IN
            if checked_in and not guest.consent_answered and guest.consent_contacts:
                self.store.consent_not_given(guest_id)
        return outcome

    def record_consent(self, guest_id: str, consent: bool) -> None:
        """The guest's answer to the consent question: stored, synced, and never asked again."""
        with self.store.atomic():
            self.store.set_consent(guest_id, consent)

    def register_walk_in(self, first_name: str, last_name: str, organization: str, email: str) -> Guest:
        """Register someone who is not on the guest list. They may check in and exchange contacts at once,
        but their contacts count for nobody until staff approve them (core.leaderboard.counted)."""
        if not self.event.walk_ins_allowed:
            raise KioskError(Refusal.WALK_INS_CLOSED, "walk-ins are not allowed")
        first_name, last_name, email = first_name.strip(), last_name.strip(), email.strip()
        if not (first_name or last_name):
            raise KioskError(Refusal.INVALID_ENTRY, "a name is needed", field="name")
        if email and not is_valid_email(email):
            raise KioskError(Refusal.INVALID_ENTRY, "not an e-mail address", field="email")
        guest = Guest(id=new_id(), first_name=first_name, last_name=last_name, ticket_code="",
                      organization=Organization(organization.strip()) if organization.strip() else None,
                      email=email, consent_contacts=self.event.contact_consent_default, walk_in=True)
        guest = replace(guest, ticket_code=new_ticket_code())
        with self.store.atomic():
            self.store.save_guests([guest], needs_review=True)
            self.store.audit("walk_in_registered", guest.id)
        return guest

    def correct_name(self, guest_id: str, first_name: str, last_name: str, title: str = "") -> Guest:
        """The guest's own correction of a misspelt name (badge preview): one journaled guest change
        that also marks the name for staff to check, and an audit line that names nobody."""
        first_name, last_name, title = first_name.strip(), last_name.strip(), title.strip()
        if not (first_name or last_name):
            raise KioskError(Refusal.INVALID_ENTRY, "a name is needed", field="name")
        with self.store.atomic():
            guest = self.store.guest(guest_id)
            if guest is None:
                raise KioskError(Refusal.UNKNOWN_GUEST, "no such guest")
            fields = {"first_name": first_name, "last_name": last_name, "title": title, "name_review": True}
            self.store.journal.record("guest", {"id": guest_id, "fields": fields})
            self.store.audit("name_corrected", guest_id)
        return replace(guest, first_name=first_name, last_name=last_name, title=title)

    def undo_check_in(self, guest_id: str, day: date, staff_note: str = "") -> bool:
        with self.store.atomic():
            removed = self.store.remove_check_in(guest_id, day)
            if removed:
                self.store.audit("undo_check_in", guest_id, f"{day.isoformat()} {staff_note}".strip())
        return removed

    def exchange_contact(self, code_a: str, code_b: str, day: date | None = None) -> ContactOutcome:
        """Record a contact made today, or on `day` (an event day: refused otherwise)."""
        now = self.clock()
        day = day or self.event.local_day(now)
        if day not in self.event.days:
            return rejected_contact(Refusal.NOT_AN_EVENT_DAY)
        try:
            first = self.resolve(code_a, badge_only=True)
            second = self.resolve(code_b, badge_only=True)
        except KioskError as error:
            return rejected_contact(Refusal(error.code))
        try:
            with self.store.atomic():
                checked_in = self.store.checked_in_ids(among=(first.id, second.id))
                earlier = self.store.contact_between(first.id, second.id)
                outcome = decide_contact(first, second, checked_in, earlier, now, day)
                if outcome.status == ContactStatus.NEW:
                    self.store.add_contact(outcome.exchange)
        except IntegrityError:
            # Another writer recorded the same pair between our read and write.
            earlier = self.store.contact_between(first.id, second.id)
            return ContactOutcome(ContactStatus.ALREADY_KNOWN, (first, second), earlier)
        return outcome

    def first_badge_for_contact(self, code: str) -> tuple[Guest | None, Refusal | None]:
        """Check the first badge of an exchange at once, so a problem shows before the partner scans."""
        try:
            guest = self.resolve(code, badge_only=True)
        except KioskError as error:
            return None, Refusal(error.code)
        if not guest.consent_contacts:
            return guest, Refusal.CONSENT_DECLINED
        if not self.store.checked_in_ids(among=(guest.id,)):
            return guest, Refusal.NOT_CHECKED_IN
        return guest, None

    def exchange_with_totals(self, code_a: str, code_b: str) -> tuple[ContactOutcome, dict[str, int]]:
        outcome = self.exchange_contact(code_a, code_b)
        return outcome, {g.id: self.contact_count(g.id) for g in outcome.guests}

    def contact_count(self, guest_id: str) -> int:
        """The guest's counted contacts, the number the leaderboard shows (0 while awaiting review)."""
        return analytics.counted_contact_count(self.store, guest_id)

    def leaderboard(self, day: date | None = None, top: int | None = 10) -> list[Standing]:
        with self.store.snapshot():  # the contacts and who is confirmed, read at one moment
            exchanges = self.store.contacts()
            unconfirmed = analytics.unconfirmed_guest_ids(self.store)
        return rank_networkers(exchanges, day=day, top=top, unconfirmed=unconfirmed)

    def leaderboard_rows(self, day: date | None = None, top: int = 10) -> list[LeaderboardRow]:
        rows: list[LeaderboardRow] = []
        for standing in self.leaderboard(day, top=None):
            guest = self.store.guest(standing.guest_id)
            if guest is not None and guest.consent_contacts:  # consent may have been withdrawn since
                rows.append(LeaderboardRow(len(rows) + 1, public_name(guest), guest.organization_name,
                                           standing.contacts, guest.id))
                if len(rows) == top:
                    break
        return rows
