"""Staff login by PIN, with a lockout that a restart does not reset.

The count of wrong PINs and the end of a lockout live in the database (this kiosk only: a
lockout is about the pad in front of the guest), every wrong PIN and every lockout is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from kiosk.core.model import utc_now
from kiosk.core.pins import PinGuard
from kiosk.storage import Store

from .setup import check_staff_pin


@dataclass(frozen=True)
class PinAttempt:
    accepted: bool
    seconds_locked: int = 0


class StaffLogin:
    def __init__(self, store: Store, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock

    def _now(self) -> float:
        return self.clock().timestamp()

    def _guard(self) -> PinGuard:
        failures, locked_until = self.store.pin_lockout()
        return PinGuard(failures=failures, locked_until=locked_until)

    def seconds_locked(self) -> int:
        return self._guard().seconds_locked(self._now())

    def log_out(self) -> None:
        self.store.audit("staff_logout")

    def attempt(self, pin: str) -> PinAttempt:
        guard, now = self._guard(), self._now()
        if guard.seconds_locked(now):
            return PinAttempt(False, guard.seconds_locked(now))  # not even checked: no oracle while locked
        accepted = check_staff_pin(self.store, pin)
        if accepted:
            guard.record_success()
        else:
            guard.record_failure(now)
        locked = guard.seconds_locked(now)
        with self.store.atomic():
            self.store.keep_pin_lockout(guard.failures, guard.locked_until)
            self.store.audit("staff_login" if accepted else "staff_pin_wrong")
            if locked:
                self.store.audit("staff_pin_locked", detail=f"{locked} s after {guard.failures} wrong PINs")
        return PinAttempt(accepted, locked)
