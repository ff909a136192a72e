"""The event's key material, kept on this kiosk only.

The secret signs badge tokens and is the root of the sync key; the staff PIN hash guards staff
mode. Neither is journaled, so neither leaves the kiosk by sync: a new kiosk gets them from an
enrolment file (kiosk.sync.enrolment), encrypted under a passphrase. Their table: models.EventKeyRow.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Tables

_PIN_FAILURES, _PIN_LOCKED_UNTIL = "staff_pin_failures", "staff_pin_locked_until"


@dataclass(frozen=True)
class EventKeys:
    event_id: str
    secret: bytes
    staff_pin_hash: str = ""


def event_keys(t: Tables) -> EventKeys | None:
    """The keys this kiosk holds (a kiosk serves one event), or None before set-up or enrolment."""
    row = t.EventKeyRow.select().first()
    return EventKeys(row.event_id, bytes.fromhex(row.secret), row.staff_pin_hash) if row else None


def keep_event_keys(t: Tables, keys: EventKeys, when) -> None:
    t.EventKeyRow.replace(event_id=keys.event_id, secret=keys.secret.hex(),
                          staff_pin_hash=keys.staff_pin_hash, enrolled_at=when).execute()


def set_staff_pin_hash(t: Tables, event_id: str, pin_hash: str) -> None:
    t.EventKeyRow.update(staff_pin_hash=pin_hash).where(t.EventKeyRow.event_id == event_id).execute()


def pin_lockout(t: Tables) -> tuple[int, float]:
    """Wrong staff PINs in a row, and until when (seconds since the epoch) the pad stays locked."""
    held = dict(t.Setting.select(t.Setting.key, t.Setting.value)
                .where(t.Setting.key.in_([_PIN_FAILURES, _PIN_LOCKED_UNTIL])).tuples())
    return int(held.get(_PIN_FAILURES, 0)), float(held.get(_PIN_LOCKED_UNTIL, 0.0))


def keep_pin_lockout(t: Tables, failures: int, locked_until: float) -> None:
    rows = [{"key": _PIN_FAILURES, "value": str(failures)}, {"key": _PIN_LOCKED_UNTIL, "value": repr(locked_until)}]
    t.Setting.insert_many(rows).on_conflict_replace().execute()
