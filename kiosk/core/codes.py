"""Ticket codes and signed badge tokens.

Both use digits and upper-case letters without Y and Z, and never a hyphen:
a USB scanner whose keyboard layout differs from the computer's (US vs German)
swaps Y/Z and types '-' as 'ß', so such characters cannot survive a scan.
Only-uppercase-and-digits also keeps the QR code in its compact alphanumeric mode.
Generated ticket codes also leave out I and O, which people typing a code from a
printed invitation mix up with 1 and 0.
"""

from __future__ import annotations

import binascii
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .refusals import KioskError, Refusal

T = TypeVar("T")

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWX"
_BASE = len(ALPHABET)
_INDEX = {c: i for i, c in enumerate(ALPHABET)}

TICKET_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWX"  # 32 characters: five random bits each
TICKET_LENGTH = 20  # 100 random bits
# Base64 of random bytes with each of the 64 characters mapped onto one of the 32, two onto each:
# every character stays uniform and independent, and it takes two C calls instead of twenty
# divisions (a 100,000-guest import makes 100,000 codes).
_FROM_BASE64 = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
                               (TICKET_ALPHABET * 2).encode())
TOKEN_PREFIX = "B1"  # badge token, format version 1
_EVENT_TAG_LENGTH = 5
_UUID_LENGTH = 26  # 34**26 > 2**128
_MAC_BYTES = 10
_MAC_LENGTH = 16  # 34**16 > 2**80
TOKEN_LENGTH = len(TOKEN_PREFIX) + _EVENT_TAG_LENGTH + _UUID_LENGTH + _MAC_LENGTH


_PAIRS = [a + b for a in ALPHABET for b in ALPHABET]  # two digits per step: half the divisions


def _encode(number: int, width: int) -> str:
    chars = []
    for _ in range(width // 2):
        number, pair = divmod(number, _BASE * _BASE)
        chars.append(_PAIRS[pair])
    if width % 2:
        number, digit = divmod(number, _BASE)
        chars.append(ALPHABET[digit])
    if number:
        raise ValueError("number too large for width")
    return "".join(reversed(chars))


def _decode(text: str) -> int:
    number = 0
    for char in text:
        number = number * _BASE + _INDEX[char]
    return number


def new_ticket_code() -> str:
    # 15 random bytes are 20 base64 characters; each keeps five of its six bits here.
    return binascii.b2a_base64(secrets.token_bytes(15), newline=False).translate(_FROM_BASE64).decode()


def new_event_secret() -> bytes:
    return secrets.token_bytes(32)


def ticket_key(code: str) -> str:
    """The form a ticket code is stored and looked up in."""
    return code.strip().replace("ß", "-").upper()


_SWAP_YZ = str.maketrans("YZ", "ZY")


def scan_variants(raw: str) -> list[str]:
    """Ticket keys a scanned text may stand for, undoing keyboard-layout swaps, the likelier first:
    only a scanner typing on a swapped layout turns '-' into 'ß', so then its Y and Z are swapped too."""
    key = ticket_key(raw)
    swapped = key.translate(_SWAP_YZ)
    return list(dict.fromkeys((swapped, key) if "ß" in raw else (key, swapped)))


def ticket_fold(code: str) -> str:
    """One form for every code a scan could be mistaken for: Y and Z as one letter (and '-' as 'ß',
    as ticket_key already has it). Two codes with the same fold cannot be told apart by a scan."""
    return ticket_key(code).replace("Z", "Y")


def find_scanned_ticket(raw: str, holder_of: Callable[[str], T | None]) -> T | None:
    """The holder of the ticket a scan stands for (holder_of looks up one ticket key), or None.
    When two holders' codes could both be meant (they differ only in Y/Z), picking one might check in
    the other guest, so the scan is refused as ambiguous: staff check these guests in by name."""
    holders = [holder for key in scan_variants(raw) if (holder := holder_of(key)) is not None]
    if len(holders) > 1:
        raise KioskError(Refusal.AMBIGUOUS_CODE, "two guests' ticket codes differ only in Y/Z")
    return holders[0] if holders else None


def looks_like_token(raw: str) -> bool:
    return ticket_key(raw).startswith(TOKEN_PREFIX) and len(raw.strip()) > TICKET_LENGTH + 4


def _event_tag(event_id: str) -> str:
    digest = hashlib.sha256(event_id.encode()).digest()
    return _encode(int.from_bytes(digest[:3], "big"), _EVENT_TAG_LENGTH)


def _mac(secret: bytes, event_id: str, guest_id: str) -> str:
    message = f"badge|{event_id}|{guest_id}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()[:_MAC_BYTES]
    return _encode(int.from_bytes(digest, "big"), _MAC_LENGTH)


def sign_badge_token(secret: bytes, event_id: str, guest_id: str) -> str:
    guest_part = _encode(uuid.UUID(guest_id).int, _UUID_LENGTH)
    return TOKEN_PREFIX + _event_tag(event_id) + guest_part + _mac(secret, event_id, guest_id)


@dataclass(frozen=True)
class VerifiedBadge:
    guest_id: str


def verify_badge_token(secret: bytes, event_id: str, raw: str) -> VerifiedBadge:
    """Check a scanned badge token offline; raise KioskError with the reason."""
    token = ticket_key(raw)
    if not token.startswith(TOKEN_PREFIX):
        raise KioskError(Refusal.NOT_A_BADGE, "not a badge token")
    if len(token) < TOKEN_LENGTH:
        raise KioskError(Refusal.TRUNCATED_TOKEN, "badge token is incomplete")
    if len(token) > TOKEN_LENGTH or any(c not in _INDEX for c in token):
        raise KioskError(Refusal.FORGED_TOKEN, "badge token is malformed")
    tag_end = len(TOKEN_PREFIX) + _EVENT_TAG_LENGTH
    if token[len(TOKEN_PREFIX):tag_end] != _event_tag(event_id):
        raise KioskError(Refusal.FOREIGN_EVENT, "badge belongs to another event")
    guest_number = _decode(token[tag_end:tag_end + _UUID_LENGTH])
    if guest_number >= 2**128:
        raise KioskError(Refusal.FORGED_TOKEN, "badge token is malformed")
    guest_id = str(uuid.UUID(int=guest_number))
    expected = _mac(secret, event_id, guest_id)
    if not hmac.compare_digest(expected, token[tag_end + _UUID_LENGTH:]):
        raise KioskError(Refusal.FORGED_TOKEN, "badge signature does not match")
    return VerifiedBadge(guest_id)
