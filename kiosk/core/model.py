"""Plain records of the domain. Identifiers are UUID strings."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import StrEnum


_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]{2,}$")


def is_valid_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}  # RFC 4122 variant bits


def new_id() -> str:
    """A random (version 4) UUID as text; built directly because uuid.UUID() is slow in bulk imports."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class OrganizationKind(StrEnum):
    DIGITAL_CENTRE = "digital_centre"
    MINISTRY = "ministry"
    PROJECT_AGENCY = "project_agency"
    RESEARCH = "research"
    PARTNER_HUB = "partner_hub"
    PRESS = "press"
    STAFF = "staff"
    OTHER = "other"


class Category(StrEnum):
    PARTICIPANT = "participant"
    SPEAKER = "speaker"
    PRESS = "press"
    STAFF = "staff"
    GUEST_OF_HONOUR = "guest_of_honour"


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    venue: str
    days: tuple[date, ...]
    secret: bytes
    timezone: str = "Europe/Berlin"
    walk_ins_allowed: bool = False
    contact_consent_default: bool = True

    def local_day(self, moment: datetime) -> date:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo(self.timezone)).date()

    def local_time(self, moment: datetime) -> datetime:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo(self.timezone))


@dataclass(frozen=True)
class Organization:
    name: str
    kind: OrganizationKind = OrganizationKind.OTHER


@dataclass(frozen=True)
class Guest:
    id: str
    first_name: str
    last_name: str
    ticket_code: str
    title: str = ""
    organization: Organization | None = None
    category: Category = Category.PARTICIPANT
    email: str = ""
    external_id: str = ""
    days: tuple[date, ...] = ()
    consent_contacts: bool = True
    walk_in: bool = False
    consent_answered: bool = False  # said yes or no (registration list, kiosk, staff): not asked again
    needs_attention: bool = False  # staff want to see this guest at the info desk
    note: str = ""  # for staff only: never shown to the guest nor printed

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def greeting_name(self) -> str:
        """How the kiosk addresses a guest: the full name, 'Dr. Sophie Becker' (in German a title
        never goes with the first name alone, and the kiosk says 'Sie' to everyone)."""
        return self.full_name

    @property
    def organization_name(self) -> str:
        return self.organization.name if self.organization else ""

    def registered_for(self, day: date) -> bool:
        # An empty list means the registration did not restrict days.
        return not self.days or day in self.days


@dataclass(frozen=True)
class CheckIn:
    guest_id: str
    day: date
    at: datetime
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class ContactExchange:
    """An unordered pair, stored with the smaller id first."""

    guest_low: str
    guest_high: str
    at: datetime
    day: date
    id: str = field(default_factory=new_id)

    @staticmethod
    def pair(a: str, b: str) -> tuple[str, str]:
        return (a, b) if a < b else (b, a)


class PrintStatus(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class PrintJob:
    id: str
    guest_id: str
    layout: str
    printer: str
    status: PrintStatus
    reason: str
    attempts: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Change:
    """One entry of the change journal, as it travels between kiosks."""

    id: str
    origin: str  # device that made the change
    seq: int  # per origin, from 1
    stamp: str  # hybrid logical clock
    kind: str  # event, guest, check_in, check_in_undo, contact, forget
    payload: dict
    # The payload as JSON text when it came as text (journal, bundle, hub): stored as it is,
    # a million changes need not be encoded again.
    payload_text: str = field(default="", compare=False, repr=False)
