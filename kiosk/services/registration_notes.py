"""What a registration list says beyond the guest's name and ticket: whether the consent column
answered the question, and the staff flag and note (pretix 'Requires special attention',
'Check-in text', a generic Hinweis/Note column)."""

from __future__ import annotations

from kiosk.core.model import Guest
from kiosk.importing.parsing import GuestRecord


def list_extras(record: GuestRecord, known: Guest | None) -> dict:
    """The Guest fields for these. A list that says nothing keeps what a kiosk or staff set since:
    a re-import must not forget a guest's own answer, nor a note staff typed."""
    return {"consent_answered": record.consent is not None or bool(known and known.consent_answered),
            "needs_attention": record.needs_attention or bool(known and known.needs_attention),
            "note": record.note or (known.note if known else "")}
