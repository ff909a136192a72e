"""Machine codes for everything the kiosk refuses; the UI and CLI translate them."""

from __future__ import annotations

from enum import StrEnum


class Refusal(StrEnum):
    UNKNOWN_CODE = "unknown_code"
    AMBIGUOUS_CODE = "ambiguous_code"  # two guests' codes differ only where a scanner's keyboard layout swaps
    UNKNOWN_GUEST = "unknown_guest"  # a genuine badge of a guest this kiosk has not synced yet
    FORGED_TOKEN = "forged_token"
    TRUNCATED_TOKEN = "truncated_token"
    FOREIGN_EVENT = "foreign_event"
    NOT_A_BADGE = "not_a_badge"
    NOT_AN_EVENT_DAY = "not_an_event_day"
    NOT_REGISTERED_TODAY = "not_registered_today"
    SELF_CONTACT = "self_contact"
    CONSENT_DECLINED = "consent_declined"
    NOT_CHECKED_IN = "not_checked_in"
    WALK_INS_CLOSED = "walk_ins_closed"
    INVALID_ENTRY = "invalid_entry"


class KioskError(Exception):
    """A refusal with its machine code and the details a message needs."""

    def __init__(self, code: str, message: str = "", **details: object) -> None:
        super().__init__(message or code)
        self.code = code
        self.details = details
