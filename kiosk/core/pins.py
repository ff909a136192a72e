"""Staff PIN hashing with scrypt (salted, deliberately slow)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

_N, _R, _P = 2**14, 8, 1
_PREFIX = "scrypt"


def hash_pin(pin: str) -> str:
    if not re.fullmatch(r"[0-9]{4,12}", pin):  # only what the PIN pad can type
        raise ValueError("PIN must be 4 to 12 digits")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"{_PREFIX}${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        prefix, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if prefix != _PREFIX:
        return False
    candidate = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(candidate.hex(), digest)


RECOMMENDED_LENGTH = 6  # 4 digits fall to 10,000 tries; the lockout makes 6 the practical minimum


class PinGuard:
    """Locks the PIN pad after repeated wrong PINs, a little longer each time.

    Its state (failures, locked until: seconds on the wall clock) is plain data, so the kiosk can
    keep it in the database and a restart does not reset the count.
    """

    def __init__(self, attempts: int = 3, lockout_seconds: float = 60.0, failures: int = 0,
                 locked_until: float = 0.0) -> None:
        self.attempts = attempts
        self.lockout_seconds = lockout_seconds
        self.failures = failures
        self.locked_until = locked_until

    def seconds_locked(self, now: float) -> int:
        return max(0, int(self.locked_until - now + 0.999))

    def record_failure(self, now: float) -> None:
        self.failures += 1
        if self.failures % self.attempts == 0:
            rounds = self.failures // self.attempts
            self.locked_until = now + self.lockout_seconds * rounds

    def record_success(self) -> None:
        self.failures = 0
        self.locked_until = 0.0
