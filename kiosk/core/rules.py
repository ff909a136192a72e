"""Check-in and contact-exchange rules, decided without any storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .model import CheckIn, ContactExchange, Event, Guest
from .refusals import Refusal


class CheckInStatus(StrEnum):
    CHECKED_IN = "checked_in"
    ALREADY_CHECKED_IN = "already_checked_in"
    REJECTED = "rejected"


class ContactStatus(StrEnum):
    NEW = "new"
    ALREADY_KNOWN = "already_known"
    REJECTED = "rejected"


@dataclass(frozen=True)
class CheckInOutcome:
    status: CheckInStatus
    guest: Guest | None = None
    check_in: CheckIn | None = None  # the new one, or the earlier one of that day
    reason: Refusal | None = None


@dataclass(frozen=True)
class ContactOutcome:
    status: ContactStatus
    guests: tuple[Guest, ...] = ()
    exchange: ContactExchange | None = None
    reason: Refusal | None = None
    blocking_guest: Guest | None = None  # whose badge caused the refusal


def decide_check_in(event: Event, guest: Guest, day: date, earlier: CheckIn | None,
                    now: datetime) -> CheckInOutcome:
    if day not in event.days:
        return CheckInOutcome(CheckInStatus.REJECTED, guest, reason=Refusal.NOT_AN_EVENT_DAY)
    if earlier is not None:
        return CheckInOutcome(CheckInStatus.ALREADY_CHECKED_IN, guest, earlier)
    if not guest.registered_for(day):
        return CheckInOutcome(CheckInStatus.REJECTED, guest, reason=Refusal.NOT_REGISTERED_TODAY)
    return CheckInOutcome(CheckInStatus.CHECKED_IN, guest, CheckIn(guest.id, day, now))


def rejected_contact(reason: Refusal, blocking: Guest | None = None) -> ContactOutcome:
    return ContactOutcome(ContactStatus.REJECTED, reason=reason, blocking_guest=blocking)


def decide_contact(first: Guest, second: Guest, checked_in: set[str],
                   earlier: ContactExchange | None, now: datetime, day: date) -> ContactOutcome:
    """checked_in: the ids among the two guests that have checked in on some day."""
    if first.id == second.id:
        return rejected_contact(Refusal.SELF_CONTACT, first)
    for guest in (first, second):
        if not guest.consent_contacts:
            return rejected_contact(Refusal.CONSENT_DECLINED, guest)
        if guest.id not in checked_in:
            return rejected_contact(Refusal.NOT_CHECKED_IN, guest)
    if earlier is not None:
        return ContactOutcome(ContactStatus.ALREADY_KNOWN, (first, second), earlier)
    low, high = ContactExchange.pair(first.id, second.id)
    return ContactOutcome(ContactStatus.NEW, (first, second), ContactExchange(low, high, now, day))
